"""Writes of the exams app: authoring items, starting, saving and submitting attempts, marking essays."""
import json
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import may_grant_accommodations, may_mark_essay
from assessments.models import Allocation, AssessmentCase
from assessments.services import case_lock
from competency.models import Unit
from core.dates import format_datetime
from core.emails import send_once
from core.jobs import lost_job_window, requeue
from core.queries import CompiledQuery
from core.refusals import Refusal

from . import bank_csv
from .conf import seed_bank_files
from .content import BankEntry, ItemContent, content_errors, entry_errors
from .drawing import DrawError, draw_form
from .models import (
    CHOICE_TYPES,
    Accommodation,
    Answer,
    Attempt,
    Choice,
    ExamDefinition,
    Item,
    ItemType,
    ItemVersion,
    Seat,
    Sitting,
)
from .scoring import objective_is_correct, percent_of
from .selectors import (
    EXAM_CASE_STATES,
    attempt_deadline,
    attempt_for_candidate,
    attempt_is_overdue,
    bank_pool,
    content_of,
    current_accommodation,
    current_seat,
    definition_rules,
    item_current_version,
    remaining_seconds,
    start_refusal,
    tag_index,
    version_has_been_drawn,
)

MAX_SHORT_ANSWER = 500
MAX_ESSAY = 20_000


class ExamRefused(Refusal):
    """A request the exam's rules refuse."""


class AttemptClosed(ExamRefused):
    status = 409


class StartRefused(ExamRefused):
    status = 409


class MarkingRefused(ExamRefused):
    status = 409


class ItemInvalid(ExamRefused):
    """An item's content breaks the bank's rules; every reason is in `messages`."""


class BankImportError(ExamRefused):
    """An import file with errors: every error with its row or item, and nothing was imported."""


# --- Authoring ----------------------------------------------------------------------------------------------


def _check_content(unit: Unit, content: ItemContent) -> None:
    tags = tag_index(unit)
    errors = content_errors(content, criterion_codes=set(tags.criteria), knowledge_keys=set(tags.areas))
    if errors:
        raise ItemInvalid(errors)


def _write_version(version: ItemVersion, content: ItemContent) -> ItemVersion:
    """Store the content on a version row (new, or one no attempt has drawn), replacing choices and tags."""
    version.item_type = content.item_type
    version.stem_th = content.stem_th.strip()
    version.stem_en = content.stem_en.strip()
    version.points = content.points
    version.answer_true = content.answer_true if content.item_type == ItemType.TRUE_FALSE else None
    version.accepted_answers = (
        [a.strip() for a in content.accepted_answers if a.strip()] if content.item_type == ItemType.SHORT_ANSWER else []
    )
    version.rubric = [level.as_json() for level in content.rubric] if content.item_type == ItemType.ESSAY else []
    version.save()
    version.choices.all().delete()
    if content.item_type in CHOICE_TYPES:
        Choice.objects.bulk_create(
            Choice(version=version, order=n, text_th=choice.text_th.strip(), text_en=choice.text_en.strip(),
                   is_correct=choice.is_correct)
            for n, choice in enumerate(content.choices, start=1)
        )
    tags = tag_index(version.item.unit)
    version.criteria.set([tags.criteria[code] for code in content.criterion_codes])
    version.knowledge_areas.set([tags.areas[key] for key in content.knowledge_keys])
    return version


@transaction.atomic
def item_create(*, unit: Unit, code: str, status: str, difficulty: str, content: ItemContent, by) -> Item:
    _check_content(unit, content)
    if Item.objects.filter(unit__code=unit.code, code=code).exists():
        raise ItemInvalid(_("An item with the code %(code)s already exists.") % {"code": code})
    item = Item.objects.create(unit=unit, code=code, status=status, difficulty=difficulty)
    _write_version(ItemVersion(item=item, number=1, is_current=True, created_by=by), content)
    return item


@transaction.atomic
def item_update(*, item: Item, status: str, difficulty: str, content: ItemContent, by) -> ItemVersion:
    """Change an item. Content a candidate has already been shown goes into a new version; theirs stays."""
    item = Item.objects.select_for_update().select_related("unit").get(pk=item.pk)
    _check_content(item.unit, content)
    item.status, item.difficulty = status, difficulty
    item.save(update_fields=["status", "difficulty", "updated_at"])
    current = item_current_version(item)
    if content_of(current) == content:
        return current
    if not version_has_been_drawn(current):
        return _write_version(current, content)
    current.is_current = False
    current.save(update_fields=["is_current"])
    return _write_version(ItemVersion(item=item, number=current.number + 1, is_current=True, created_by=by), content)


@transaction.atomic
def bank_import(*, unit: Unit, entries: list[BankEntry], by) -> tuple[int, int]:
    """Create or update every entry, or — when any has an error — nothing, listing every error found.

    Returns how many items were created and how many updated."""
    tags = tag_index(unit)
    errors = []
    seen: dict[str, str] = {}
    for entry in entries:
        problems = entry_errors(entry, criterion_codes=set(tags.criteria), knowledge_keys=set(tags.areas))
        if entry.code in seen:
            problems.append(
                _("The code %(code)s is also used by %(other)s.") % {"code": entry.code, "other": seen[entry.code]}
            )
        seen.setdefault(entry.code, entry.where)
        errors.extend(f"{entry.where}: {problem}" for problem in problems)
    if not entries:
        errors.append(_("The file holds no items."))
    if errors:
        raise BankImportError(errors)
    existing = {item.code: item for item in Item.objects.filter(unit__code=unit.code, code__in=seen)}
    created = updated = 0
    for entry in entries:
        if entry.code in existing:
            item_update(item=existing[entry.code], status=entry.status, difficulty=entry.difficulty,
                        content=entry.content, by=by)
            updated += 1
        else:
            item_create(unit=unit, code=entry.code, status=entry.status, difficulty=entry.difficulty,
                        content=entry.content, by=by)
            created += 1
    return created, updated


# --- Attempts -----------------------------------------------------------------------------------------------


def _lock_attempt(attempt_id: int) -> Attempt:
    """Re-read the attempt with its row locked, so a save, a submit and the deadline task never interleave."""
    return Attempt.objects.select_for_update().select_related("definition").get(pk=attempt_id)


@transaction.atomic
def attempt_start(*, case: AssessmentCase, definition: ExamDefinition, rng: random.Random | None = None) -> Attempt:
    """Start an attempt with a form drawn for it, or return the one already in progress (a second tab, a reload)."""
    rng = rng or random.SystemRandom()
    case = case_lock(case.pk)  # two tabs pressing "start" at once draw one form, not two
    attempts = list(Attempt.objects.select_for_update().filter(case=case, definition=definition).order_by("number"))
    for attempt in attempts:
        if attempt.is_open and not attempt_is_overdue(attempt):
            return attempt
        if attempt.is_open:
            _close(attempt, closed_by=Attempt.ClosedBy.DEADLINE)
    accommodation = current_accommodation(case_id=case.pk, definition_id=definition.pk)
    seat = current_seat(case_id=case.pk, definition_id=definition.pk)
    refusal = start_refusal(case, definition, attempts, accommodation, seat)
    if refusal:
        raise StartRefused(refusal)
    try:
        form = draw_form(
            rules=definition_rules(definition), pool=bank_pool(definition.unit), item_count=definition.item_count,
            shuffle=definition.shuffle_items, rng=rng,
        )
    except DrawError as exc:
        raise StartRefused(_("The exam cannot be drawn from the question bank at the moment (%(reason)s). "
                             "Please tell the exam administrator.") % {"reason": exc}) from exc
    now = timezone.now()
    attempt = Attempt.objects.create(
        case=case, definition=definition, number=len(attempts) + 1, started_at=now,
        deadline=attempt_deadline(definition=definition, started_at=now, accommodation=accommodation),
        pass_mark_percent=definition.pass_mark_percent,
    )
    choice_ids: dict[int, list[int]] = {}
    for choice in Choice.objects.filter(version_id__in=[item.version_id for item in form]).order_by("order", "pk"):
        choice_ids.setdefault(choice.version_id, []).append(choice.pk)
    answers = []
    for position, item in enumerate(form, start=1):
        order = list(choice_ids.get(item.version_id, []))
        if definition.shuffle_choices:
            rng.shuffle(order)
        answers.append(Answer(attempt=attempt, item_version_id=item.version_id, position=position, choice_order=order))
    Answer.objects.bulk_create(answers)
    return attempt


@dataclass
class SaveResult:
    answer: Answer
    remaining_seconds: int


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _clean_value(item_type: str, choice_order: list[int], value):
    """The browser's value for the stored response: choice positions become choice ids; anything odd is refused."""
    invalid = ExamRefused(_("That answer does not fit this question."), code="invalid_answer")
    if value is None or value == "" or value == []:
        return None
    if item_type == ItemType.SINGLE_CHOICE:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < len(choice_order):
            raise invalid
        return choice_order[value]
    if item_type == ItemType.MULTIPLE_CHOICE:
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 0 <= v < len(choice_order) for v in value
        ) or len(set(value)) != len(value):
            raise invalid
        return sorted(choice_order[v] for v in value)
    if item_type == ItemType.TRUE_FALSE:
        if not isinstance(value, bool):
            raise invalid
        return value
    limit = MAX_ESSAY if item_type == ItemType.ESSAY else MAX_SHORT_ANSWER
    # PostgreSQL cannot store a NUL character or half a surrogate pair ("\ud800") in JSON; no keyboard types either.
    if not isinstance(value, str) or "\x00" in value or _has_lone_surrogate(value):
        raise invalid
    if len(value) > limit:
        raise ExamRefused(_("The answer is longer than %(limit)s characters.") % {"limit": limit}, code="too_long")
    return value


@transaction.atomic
def answer_save(*, attempt: Attempt, item_version_id: int, value) -> SaveResult:
    """Keep the candidate's answer to one item of their form, as long as the attempt is open."""
    answer = _ANSWER_LOCKED.first(attempt_id=attempt.pk, item_version_id=item_version_id)
    return _answer_save(answer, attempt_id=attempt.pk, value=value)


@transaction.atomic
def candidate_answer_save(*, candidate, attempt_id: int, item_version_id: int, value) -> SaveResult:
    """The exam page's save: as `answer_save`, for an attempt of the candidate's own (anyone else's is a 404).

    Every candidate sends one every few seconds, so whose attempt it is is checked by the query that locks it."""
    answer = _CANDIDATES_ANSWER_LOCKED.first(attempt_id=attempt_id, item_version_id=item_version_id,
                                             candidate_id=candidate.pk)
    if answer is None:
        attempt_for_candidate(user=candidate, attempt_id=attempt_id)
    return _answer_save(answer, attempt_id=attempt_id, value=value)


def _answer_locked(*, attempt_id, item_version_id, candidate_id=None):
    """The answer with its attempt's row locked (a save, a submit and the deadline task never interleave) and what
    the save reads of the attempt and the item."""
    answers = Answer.objects.filter(attempt_id=attempt_id, item_version_id=item_version_id)
    if candidate_id is not None:
        answers = answers.filter(attempt__case__candidate_id=candidate_id)
    # The attempt is joined for its lock; only its id comes back, the columns the save reads come as annotations.
    return answers.select_related("attempt").only("id", "choice_order", "attempt__id").select_for_update(
        of=("attempt",)).annotate(attempt_status=F("attempt__status"), attempt_deadline=F("attempt__deadline"),
                                  item_type=F("item_version__item_type"))


# One query per save, compiled once: every candidate sends a save every few seconds.
_ANSWER_LOCKED = CompiledQuery(_answer_locked, "attempt_id", "item_version_id")
_CANDIDATES_ANSWER_LOCKED = CompiledQuery(_answer_locked, "attempt_id", "item_version_id", "candidate_id")


def _answer_save(answer: Answer | None, *, attempt_id: int, value) -> SaveResult:
    if answer is not None:
        attempt = Attempt(pk=attempt_id, status=answer.attempt_status, deadline=answer.attempt_deadline)
    else:
        attempt = _lock_attempt(attempt_id)
    now = timezone.now()
    if not attempt.is_open:
        raise AttemptClosed(_("This attempt has been submitted; answers can no longer change."), code="submitted")
    if attempt_is_overdue(attempt, now):
        raise AttemptClosed(
            _("Time is up: the exam closed at %(time)s and no more answers are accepted.")
            % {"time": timezone.localtime(attempt.deadline).strftime("%H:%M:%S")},
            code="time_up",
        )
    if answer is None:
        raise ExamRefused(_("This question is not part of your exam."), code="not_in_form")
    answer.response = _clean_value(answer.item_type, answer.choice_order, value)
    answer.saved_at = now
    answer.save(update_fields=["response", "saved_at"])
    return SaveResult(answer=answer, remaining_seconds=remaining_seconds(attempt, now))


@transaction.atomic
def attempt_submit(*, attempt: Attempt) -> Attempt:
    """The candidate hands the attempt in: objective items are scored with what was saved."""
    attempt = _lock_attempt(attempt.pk)
    if not attempt.is_open:
        raise AttemptClosed(_("This attempt has already been submitted."), code="already_submitted")
    overdue = attempt_is_overdue(attempt)
    return _close(attempt, closed_by=Attempt.ClosedBy.DEADLINE if overdue else Attempt.ClosedBy.CANDIDATE)


@transaction.atomic
def attempt_close_overdue(*, attempt_id: int) -> bool:
    """Submit an attempt whose time and grace have run out, with what was saved. False if nothing was due."""
    attempt = _lock_attempt(attempt_id)
    if not attempt.is_open or not attempt_is_overdue(attempt):
        return False
    _close(attempt, closed_by=Attempt.ClosedBy.DEADLINE)
    return True


def _close(attempt: Attempt, *, closed_by: str) -> Attempt:
    answers = list(attempt.answers.select_related("item_version").prefetch_related("item_version__choices"))
    for answer in answers:
        version = answer.item_version
        if version.item_type == ItemType.ESSAY:
            continue
        correct = objective_is_correct(
            item_type=version.item_type,
            response=answer.response,
            correct_choice_ids={c.pk for c in version.choices.all() if c.is_correct},
            answer_true=version.answer_true,
            accepted=version.accepted_answers,
        )
        answer.score = version.points if correct else Decimal("0")
    Answer.objects.bulk_update(answers, ["score"])
    attempt.status = Attempt.Status.SUBMITTED
    attempt.submitted_at = timezone.now()
    attempt.closed_by = closed_by
    attempt.max_score = sum((a.item_version.points for a in answers), Decimal("0"))
    attempt.score = sum((a.score for a in answers if a.score is not None), Decimal("0"))
    attempt.percent = percent_of(attempt.score, attempt.max_score)
    attempt.save(update_fields=["status", "submitted_at", "closed_by", "max_score", "score", "percent"])
    if all(a.score is not None for a in answers):
        _release(attempt, answers)
    return attempt


def _release(attempt: Attempt, answers: list[Answer]) -> None:
    """Every answer has its mark: the result is final and the candidate is told."""
    from .tasks import send_result_notice

    attempt.score = sum((a.score for a in answers), Decimal("0"))
    attempt.percent = percent_of(attempt.score, attempt.max_score)
    attempt.passed = attempt.percent >= attempt.pass_mark_percent
    attempt.released_at = timezone.now()
    attempt.save(update_fields=["score", "percent", "passed", "released_at"])
    send_result_notice.delay_on_commit(attempt.pk)


# --- Marking ------------------------------------------------------------------------------------------------


def _mark_value(version: ItemVersion, rubric_level_or_score) -> Decimal:
    try:
        score = Decimal(str(rubric_level_or_score))
    except ArithmeticError as exc:
        raise ExamRefused(_("Choose a rubric level.")) from exc
    levels = {Decimal(level["points"]) for level in version.rubric}
    if levels and score not in levels:
        raise ExamRefused(_("Choose one of the rubric's levels."), code="not_a_level")
    if not Decimal("0") <= score <= version.points:
        raise ExamRefused(_("The mark must be between 0 and %(max)s.") % {"max": version.points})
    return score


@transaction.atomic
def essay_mark(*, answer: Answer, assessor, rubric_level_or_score, comment: str) -> Answer:
    """An allocated assessor marks one essay against its rubric; the last mark releases the result."""
    attempt = _lock_attempt(answer.attempt_id)
    answer = Answer.objects.select_related("item_version").get(pk=answer.pk)
    if answer.item_version.item_type != ItemType.ESSAY:
        raise MarkingRefused(_("Only essays are marked by an assessor."))
    if attempt.is_open:
        raise MarkingRefused(_("This attempt has not been submitted yet."))
    allocated = Allocation.objects.filter(case_id=attempt.case_id, assessor=assessor, active=True).exists()
    if not may_mark_essay(assessor, allocated=allocated):
        raise MarkingRefused(_("Only an assessor allocated to this case may mark it."), code="not_allocated")
    if answer.marked_at is not None:
        raise MarkingRefused(_("This essay has already been marked."), code="already_marked")
    answer.score = _mark_value(answer.item_version, rubric_level_or_score)
    answer.marked_by = assessor
    answer.marked_at = timezone.now()
    answer.mark_comment = comment.strip()
    answer.save(update_fields=["score", "marked_by", "marked_at", "mark_comment"])
    answers = list(attempt.answers.select_related("item_version"))
    if all(a.score is not None for a in answers):
        _release(attempt, answers)
    return answer


def attempt_result_notify(*, attempt_id: int) -> bool:
    """Email the candidate that their result is out, once however often it is called."""
    return send_once(
        Attempt.objects.select_related("case__candidate", "definition"), attempt_id,
        template="exams/email/result", to=lambda attempt: attempt.case.candidate.email,
        context=lambda attempt: {"attempt": attempt},
        stamp="result_notified_at", due=lambda attempt: attempt.released_at is not None,
    )



def lost_result_notices_requeue() -> int:
    """Queue again the result emails of recently released attempts that were never sent."""
    from .tasks import send_result_notice

    owed = Attempt.objects.filter(released_at__range=lost_job_window(), result_notified_at__isnull=True)
    return requeue(send_result_notice, owed.values_list("pk", flat=True))


# --- Seed bank ----------------------------------------------------------------------------------------------


@transaction.atomic
def seed_bank_load(*, unit: Unit) -> tuple[int, bool]:
    """Add the seed items the bank lacks, read from its CSV by the bank's importer, and the default exam definition
    if missing; changes nothing else.

    Returns how many items were added and whether the definition was created."""
    items_file, definition_file = seed_bank_files()
    entries, errors = bank_csv.parse(items_file.read_bytes())
    if errors:
        raise BankImportError([f"{items_file.name}: {error}" for error in errors])
    existing = set(Item.objects.filter(unit__code=unit.code).values_list("code", flat=True))
    missing = [entry for entry in entries if entry.code not in existing]
    if missing:
        bank_import(unit=unit, entries=missing, by=None)
    spec = json.loads(definition_file.read_text(encoding="utf-8"))
    if ExamDefinition.objects.filter(code=spec["definition"]["code"]).exists():
        return len(missing), False
    tags = tag_index(unit)
    unknown = [tag for rule in spec["rules"] for tag in (rule.get("criterion"), rule.get("knowledge_area"))
               if tag and tag not in tags.criteria and tag not in tags.areas]
    if unknown:
        raise BankImportError(f"{definition_file.name}: " + _("Unknown criterion or knowledge area: %(tags)s.") % {
            "tags": ", ".join(unknown)})
    fields = spec["definition"] | {"pass_mark_percent": Decimal(spec["definition"]["pass_mark_percent"])}
    definition = ExamDefinition.objects.create(unit=unit, opens_at=timezone.now(), **fields)
    for order, rule in enumerate(spec["rules"], start=1):
        definition.rules.create(
            order=order, kind=rule["kind"], count=rule["count"],
            criterion=tags.criteria.get(rule.get("criterion", "")),
            knowledge_area=tags.areas.get(rule.get("knowledge_area", "")),
        )
    return len(missing), True


@transaction.atomic
def definition_update(*, definition: ExamDefinition, details, rules, by=None) -> ExamDefinition:
    """Save an exam definition and its rules from valid, bound forms: forms drawn from now on follow them;
    attempts already started keep the form they drew."""
    ExamDefinition.objects.select_for_update().get(pk=definition.pk)
    details.save()
    rules.save()
    return definition


# --- Accommodations -----------------------------------------------------------------------------------------

MAX_EXTRA_MINUTES = 600
MAX_EXTRA_PERCENT = 200


class AccommodationRefused(ExamRefused):
    """A grant the rules refuse: nothing was recorded."""


def _refresh_deadlines(*, case_id: int, definition_id: int) -> None:
    """Give every sitting in progress of the pair the deadline its accommodation now gives it."""
    accommodation = current_accommodation(case_id=case_id, definition_id=definition_id)
    attempts = (Attempt.objects.select_for_update().select_related("definition")
                .filter(case_id=case_id, definition_id=definition_id, status=Attempt.Status.IN_PROGRESS))
    for attempt in attempts:
        attempt.deadline = attempt_deadline(definition=attempt.definition, started_at=attempt.started_at,
                                            accommodation=accommodation)
        attempt.save(update_fields=["deadline"])


@transaction.atomic
def accommodation_grant(*, case: AssessmentCase, definition: ExamDefinition, by, reason: str,
                        extra_minutes: int | None = None, extra_percent: int | None = None,
                        window_opens_at=None, window_closes_at=None) -> Accommodation:
    """Grant the candidate extra time (minutes or a percentage of the limit) and/or a sitting window of their own
    for this exam, superseding any earlier grant; a sitting in progress gets its new deadline at once."""
    if not may_grant_accommodations(by):
        raise AccommodationRefused(_("Only an assessment coordinator may grant exam accommodations."), status=404)
    reason = (reason or "").strip()
    errors = []
    if not reason:
        errors.append(_("Say why the accommodation is granted."))
    if extra_minutes and extra_percent:
        errors.append(_("Give extra time in minutes or as a percentage, not both."))
    if (window_opens_at is None) != (window_closes_at is None):
        errors.append(_("A sitting window needs both its start and its end."))
    elif window_opens_at is not None and window_opens_at >= window_closes_at:
        errors.append(_("The sitting window must end after it starts."))
    elif window_closes_at is not None and window_closes_at <= timezone.now():
        errors.append(_("The sitting window has already ended."))
    if not (extra_minutes or extra_percent or window_opens_at):
        errors.append(_("Grant extra time, a sitting window, or both."))
    if extra_minutes and not 0 < extra_minutes <= MAX_EXTRA_MINUTES:
        errors.append(_("Extra minutes must be between 1 and %(max)s.") % {"max": MAX_EXTRA_MINUTES})
    if extra_percent and not 0 < extra_percent <= MAX_EXTRA_PERCENT:
        errors.append(_("Extra time must be between 1%% and %(max)s%%.") % {"max": MAX_EXTRA_PERCENT})
    if definition.unit.code != case.unit_code:
        errors.append(_("This exam is for another unit."))
    if errors:
        raise AccommodationRefused(errors)
    case = case_lock(case.pk)  # two coordinators granting at once record one after the other
    accommodation = Accommodation.objects.create(
        case=case, definition=definition, extra_minutes=extra_minutes or None, extra_percent=extra_percent or None,
        window_opens_at=window_opens_at, window_closes_at=window_closes_at, reason=reason, granted_by=by,
        granted_at=timezone.now(),
    )
    _refresh_deadlines(case_id=case.pk, definition_id=definition.pk)
    return accommodation


@transaction.atomic
def accommodation_withdraw(*, accommodation: Accommodation, by) -> Accommodation:
    """Withdraw a grant (the row stays, stamped); the previous grant still in force, if any, applies again."""
    if not may_grant_accommodations(by):
        raise AccommodationRefused(_("Only an assessment coordinator may grant exam accommodations."), status=404)
    case_lock(accommodation.case_id)
    accommodation = Accommodation.objects.select_for_update().get(pk=accommodation.pk)
    if accommodation.withdrawn_at is not None:
        raise AccommodationRefused(_("This accommodation has already been withdrawn."), code="withdrawn", status=409)
    accommodation.withdrawn_at, accommodation.withdrawn_by = timezone.now(), by
    accommodation.save(update_fields=["withdrawn_at", "withdrawn_by"])
    _refresh_deadlines(case_id=accommodation.case_id, definition_id=accommodation.definition_id)
    return accommodation


# --- Sittings -----------------------------------------------------------------------------------------------

MAX_ADMISSION_MINUTES = 120


class SittingRefused(ExamRefused):
    """A sitting or seat the rules refuse: nothing was recorded."""


def _require_coordinator(by) -> None:
    if not may_grant_accommodations(by):
        raise SittingRefused(_("Only an assessment coordinator may schedule exam sittings."), status=404)


def sitting_schedule(*, definition: ExamDefinition, name_th: str, name_en: str = "", opens_at,
                     admission_minutes: int, by) -> Sitting:
    """Schedule a round of the exam that opens at `opens_at` and lets its candidates in over `admission_minutes`."""
    _require_coordinator(by)
    name_th, name_en = (name_th or "").strip(), (name_en or "").strip()
    errors = []
    if not name_th:
        errors.append(_("Give the sitting a name in Thai."))
    if not definition.is_active:
        errors.append(_("This exam is not active."))
    if opens_at is None or opens_at <= timezone.now():
        errors.append(_("A sitting must open in the future."))
    elif opens_at < definition.opens_at:
        errors.append(_("A sitting cannot open before the exam does (%(opens)s).")
                      % {"opens": format_datetime(definition.opens_at)})
    elif definition.closes_at and opens_at >= definition.closes_at:
        errors.append(_("A sitting must open before the exam closes (%(closes)s).")
                      % {"closes": format_datetime(definition.closes_at)})
    if admission_minutes is None or not 0 <= admission_minutes <= MAX_ADMISSION_MINUTES:
        errors.append(_("The admission window must be between 0 and %(max)s minutes.")
                      % {"max": MAX_ADMISSION_MINUTES})
    if errors:
        raise SittingRefused(errors)
    return Sitting.objects.create(definition=definition, name_th=name_th, name_en=name_en, opens_at=opens_at,
                                  admission_minutes=admission_minutes, created_by=by)


@transaction.atomic
def sitting_seat(*, sitting: Sitting, cases, by) -> int:
    """Seat these candidates' cases in the sitting; a case already seated in it, or one that can no longer sit
    this exam, is left out. Returns how many were seated."""
    _require_coordinator(by)
    sitting = Sitting.objects.select_for_update().select_related("definition__unit").get(pk=sitting.pk)
    seated = set(Seat.objects.filter(sitting=sitting).values_list("case_id", flat=True))
    new = []
    for case in cases:
        if case.pk in seated or case.state not in EXAM_CASE_STATES or case.unit_code != sitting.definition.unit.code:
            continue
        seated.add(case.pk)  # a case asked for twice is seated once
        new.append(Seat(sitting=sitting, case=case, seated_by=by))
    Seat.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def seat_remove(*, seat: Seat, by) -> None:
    """Take a candidate out of a sitting before it opens; after that their place in the round is part of the
    record of the day."""
    _require_coordinator(by)
    seat = Seat.objects.select_for_update().select_related("sitting").get(pk=seat.pk)
    if seat.sitting.opens_at <= timezone.now():
        raise SittingRefused(_("The sitting has opened: its seats can no longer be changed."), code="opened",
                             status=409)
    seat.delete()


@transaction.atomic
def sitting_cancel(*, sitting: Sitting, by) -> None:
    """Cancel a sitting that has not opened, with its seats."""
    _require_coordinator(by)
    sitting = Sitting.objects.select_for_update().get(pk=sitting.pk)
    if sitting.opens_at <= timezone.now():
        raise SittingRefused(_("The sitting has opened: it can no longer be cancelled."), code="opened", status=409)
    sitting.seats.all().delete()
    sitting.delete()
