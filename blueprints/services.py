"""Writes to blueprints: drafts and copies, section saves, and producing the document into the portfolio."""
import contextlib
import copy
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from accounts.permissions import is_candidate
from assessments.models import AssessmentCase
from assessments.services import case_lock
from core import jobs
from core.pdf import render_pdf
from core.pdf_signing import sign_pdf
from core.refusals import Refusal, refusal_text
from evidence.models import EvidenceItem
from evidence.services import (
    PortfolioLocked,
    evidence_file_add,
    evidence_file_replace,
    evidence_item_create,
    evidence_item_update,
)

from .models import Blueprint, BlueprintRender, BlueprintSection
from .sections import SECTIONS, sections_serving
from .selectors import blueprint_document, blueprint_lock_reason, blueprint_overview

Status = BlueprintRender.Status


class BlueprintLocked(Refusal):
    """The blueprint cannot change now: it is a worked example or its portfolio is submitted."""

    status = 409


class SectionConflict(Refusal):
    """Another window saved the section after this one loaded it."""

    status = 409


def _lock(blueprint: Blueprint) -> Blueprint:
    """Re-read the blueprint with its row locked and, when it belongs to a case, the case's row too,
    so a save and the case's submission never interleave."""
    locked = Blueprint.objects.select_for_update().get(pk=blueprint.pk)
    if locked.case_id:
        locked.case = case_lock(locked.case_id)
    return locked


def _assert_may_edit(blueprint: Blueprint, by) -> None:
    if blueprint.owner_id != by.pk:
        raise BlueprintLocked(_("Only the candidate who owns this blueprint can change it."))
    reason = blueprint_lock_reason(blueprint)
    if reason:
        raise BlueprintLocked(reason, code="locked")


def _assert_candidate(user) -> None:
    if not is_candidate(user):
        raise Refusal(_("Only candidates keep blueprints."))


def _title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise Refusal(_("Give the blueprint a title."))
    return title[: Blueprint._meta.get_field("title").max_length]


@transaction.atomic
def blueprint_create(*, owner, title: str) -> Blueprint:
    """Start an empty blueprint with all eleven sections."""
    _assert_candidate(owner)
    blueprint = Blueprint.objects.create(owner=owner, title=_title(title))
    BlueprintSection.objects.bulk_create(BlueprintSection(blueprint=blueprint, kind=s.kind) for s in SECTIONS)
    return blueprint


@transaction.atomic
def blueprint_copy(*, source: Blueprint, by) -> Blueprint:
    """Start a new draft from one of the candidate's own blueprints or from a worked example."""
    _assert_candidate(by)
    if source.owner_id != by.pk and not source.is_worked_example:
        raise BlueprintLocked(_("You can only copy your own blueprints or a worked example."))
    contents = {row.kind: row.content for row in source.sections.all()}
    blueprint = Blueprint.objects.create(
        owner=by, title=_title(_("%(title)s (copy)") % {"title": source.title}), copied_from=source,
        unit_code=source.unit_code,
    )
    BlueprintSection.objects.bulk_create(
        BlueprintSection(blueprint=blueprint, kind=s.kind, content=copy.deepcopy(contents.get(s.kind, {})))
        for s in SECTIONS
    )
    return blueprint


@transaction.atomic
def blueprint_rename(*, blueprint: Blueprint, by, title: str) -> Blueprint:
    locked = _lock(blueprint)
    _assert_may_edit(locked, by)
    locked.title = _title(title)
    locked.save(update_fields=["title", "updated_at"])
    return locked


@transaction.atomic
def section_save(
    *, section: BlueprintSection, by, content: dict, revision: int, editor_session: str = "", editor_seq: int = 0
) -> BlueprintSection:
    """Store a section's validated content.

    A window sends the revision it last saw and, when it autosaves, its own session id and a
    sequence number. Its saves are applied in order (an older one arriving late is ignored); a
    save from another window based on an older revision is refused, so no one's work is silently
    overwritten."""
    blueprint = _lock(section.blueprint)
    _assert_may_edit(blueprint, by)
    current = BlueprintSection.objects.select_for_update().get(pk=section.pk)
    same_editor = bool(editor_session) and editor_session == current.editor_session
    if same_editor and editor_seq <= current.editor_seq:
        return current
    if revision != current.revision and not same_editor:
        raise SectionConflict(
            _("This section was changed in another window after you opened it. Reload the page to see the "
              "latest version; your last change here was not saved."),
            code="conflict",
        )
    current.content = content
    current.revision += 1
    current.editor_session, current.editor_seq = editor_session, editor_seq
    current.save()
    blueprint.save(update_fields=["updated_at"])
    return current


# ---------------------------------------------------------------- producing the document


def _open_case_locked(candidate, unit_code: str) -> AssessmentCase | None:
    return (
        AssessmentCase.objects.select_for_update()
        .select_related("unit")
        .filter(candidate=candidate, unit_code=unit_code, state__in=AssessmentCase.OPEN_STATES)
        .first()
    )


@transaction.atomic
def blueprint_render_request(*, blueprint: Blueprint, by, language: str) -> BlueprintRender:
    """Ask the worker for the blueprint document; it goes into the candidate's open portfolio."""
    from .tasks import render_blueprint

    locked = _lock(blueprint)
    _assert_may_edit(locked, by)
    case = locked.case or _open_case_locked(by, locked.unit_code)
    if case is None:
        raise Refusal(
            _("Enrol in %(code)s first: the blueprint document goes into your portfolio as evidence.")
            % {"code": locked.unit_code},
            code="no_case",
        )
    if not case.portfolio_open:
        raise BlueprintLocked(_("Your portfolio has been submitted and is locked while it is assessed."))
    active = locked.renders.filter(status__in=BlueprintRender.ACTIVE).first()
    if active:
        return active
    if not blueprint_overview(locked).covered_codes:
        raise Refusal(
            _("No criterion is covered yet: complete the sections that serve at least one criterion first."),
            code="nothing_covered",
        )
    if locked.case_id != case.pk:
        locked.case = case
        locked.save(update_fields=["case", "updated_at"])
    render = BlueprintRender.objects.create(blueprint=locked, case=case, requested_by=by, language=language)
    render_blueprint.delay_on_commit(render.pk)
    return render


@transaction.atomic
def blueprint_render_retry(*, render: BlueprintRender, by) -> BlueprintRender:
    """Try a failed (or abandoned) request again."""
    from .tasks import render_blueprint

    blueprint = _lock(render.blueprint)
    _assert_may_edit(blueprint, by)
    locked = BlueprintRender.objects.select_for_update().get(pk=render.pk)
    if not (locked.job_failed or locked.job_stuck):
        raise Refusal(_("Only a document that failed can be tried again."), code="not_failed")
    if blueprint.renders.filter(status__in=BlueprintRender.ACTIVE).exclude(pk=locked.pk).exists():
        raise Refusal(_("The blueprint document is already being produced."), code="busy")
    jobs.again(BlueprintRender.objects.filter(pk=locked.pk))
    render_blueprint.delay_on_commit(locked.pk)
    locked.refresh_from_db()
    return locked


def blueprint_render_run(*, render_id: int, task_id: str = "") -> BlueprintRender | None:
    """Produce the document of one request and put it in the portfolio; running it twice gives one PDF.

    The PDF is drawn outside any transaction: seconds of WeasyPrint must not hold the case's row
    lock. The claim and the attachment are each one transaction."""
    claim = jobs.claim(BlueprintRender.objects.select_related("blueprint", "case"), render_id, task_id=task_id)
    if claim is None:
        return None
    render, attempt = claim.row, claim.attempt
    with translation.override(render.language):
        try:
            document = blueprint_document(render.blueprint)
            context = {**document, "render": render, "produced_at": timezone.now()}
            # A candidate's own words may be in any script: those the faces lack fall back to the system's fonts
            # rather than cost the candidate their document.
            pdf = render_pdf("blueprints/pdf/blueprint.html", context, every_glyph=False,
                             archival=settings.SIGN_BLUEPRINT_DOCUMENTS)
            if settings.SIGN_BLUEPRINT_DOCUMENTS:
                pdf = claim.run(lambda: sign_pdf(pdf, reason=_("Digital organisation blueprint")).content)
                if pdf is None:
                    return None
            return _render_attach(claim, pdf, covered=document["overview"].covered_codes)
        except ValidationError as exc:  # the portfolio refused the file: locked, full or a duplicate
            return blueprint_render_fail(render_id=render_id, error=exc, attempt=attempt)


def _mapping_statement(code: str) -> str:
    parts = [
        _("section %(number)s “%(title)s”") % {"number": s.number, "title": s.title} for s in sections_serving(code)
    ]
    return _("Shown in the blueprint by %(sections)s.") % {"sections": ", ".join(parts)}


@transaction.atomic
def _render_attach(claim: jobs.Claim, pdf: bytes, *, covered: list[str]) -> BlueprintRender:
    # Finishing locks the row; should the portfolio refuse the file, the whole attachment rolls back.
    finished = claim.finish()
    render = BlueprintRender.objects.select_related("case__unit").get(pk=claim.row.pk)
    if not finished:
        return render  # overtaken by a later run, which attaches its own PDF
    blueprint = (
        Blueprint.objects.select_for_update(of=("self",)).select_related("evidence_item").get(pk=render.blueprint_id)
    )
    criteria = render.case.unit.criteria.filter(code__in=covered)
    mappings = {criterion.pk: _mapping_statement(criterion.code) for criterion in criteria}
    now = timezone.localtime()
    upload = SimpleUploadedFile(f"blueprint-{blueprint.pk}-{now:%Y%m%d-%H%M}.pdf", pdf, "application/pdf")
    details = {
        "title": (_("Digital organisation blueprint: %(title)s") % {"title": blueprint.title})[:200],
        "kind": EvidenceItem.Kind.PERFORMANCE,
        "description": _("Produced from the blueprint workspace. Complete sections cover: %(codes)s.")
        % {"codes": ", ".join(covered)},
        "work_date": now.date(),
        "mappings": mappings,
    }
    item = blueprint.evidence_item
    if item is None or item.case_id != render.case_id:
        item = evidence_item_create(case=render.case, by=render.requested_by, uploads=[upload], **details)
        evidence_file = item.files.get()
        blueprint.evidence_item = item
        blueprint.save(update_fields=["evidence_item"])
    else:
        evidence_file = _add_version(blueprint, item, render, upload)
        # A judged item keeps the criteria it was judged on; only its file gets the new version.
        with contextlib.suppress(PortfolioLocked):
            evidence_item_update(item=item, by=render.requested_by, **details)
    render.evidence_file, render.page_count = evidence_file, len(PdfReader(io.BytesIO(pdf)).pages)
    render.save(update_fields=["evidence_file", "page_count"])
    return render


def _add_version(blueprint: Blueprint, item: EvidenceItem, render: BlueprintRender, upload):
    """Put the new PDF in place of the last one produced, keeping that one as an earlier version."""
    previous = (
        blueprint.renders.filter(status=Status.READY, evidence_file__item=item, evidence_file__is_current=True)
        .select_related("evidence_file")
        .order_by("-finished_at")
        .first()
    )
    if previous is None:
        (evidence_file,) = evidence_file_add(item=item, by=render.requested_by, uploads=[upload])
        return evidence_file
    return evidence_file_replace(evidence_file=previous.evidence_file, by=render.requested_by, upload=upload)


@transaction.atomic
def blueprint_render_fail(
    *, render_id: int, error: BaseException, attempt: int | None = None
) -> BlueprintRender | None:
    """Record why a request failed, in the language it was made in, so the page can say so and offer a retry."""
    render = BlueprintRender.objects.filter(pk=render_id).first()
    if render is None:
        return None
    with translation.override(render.language):
        if isinstance(error, ValidationError):
            reason = refusal_text(error)
        else:
            reason = _(
                "The document could not be produced because of an unexpected error (%(error)s). Try again; if it "
                "fails again, tell the portal's administrators."
            ) % {"error": type(error).__name__}
    jobs.fail(BlueprintRender.objects.filter(pk=render_id), error=reason, attempt=attempt)
    render.refresh_from_db()
    return render


def lost_renders_requeue() -> int:
    """Queue again the blueprint documents requested recently and still waiting, or whose worker is gone."""
    from .tasks import render_blueprint

    return jobs.lost_jobs_requeue(BlueprintRender.objects.all(), render_blueprint)
