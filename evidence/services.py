"""Writes to a candidate's portfolio: adding, editing, re-mapping, replacing and deleting evidence."""
import logging
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.models import AssessmentCase, CaseTransition
from assessments.services import case_lock
from competency.models import PerformanceCriterion
from core.refusals import Refusal

from .files import NO_ROOM_ERRNOS, InspectedUpload, StorageFull, UploadRefused, storage_full_message, upload_inspect
from .models import EvidenceFile, EvidenceItem, EvidenceMapping, FileAccess
from .selectors import evidence_file_for_viewer

logger = logging.getLogger(__name__)


class PortfolioLocked(Refusal):
    """The portfolio, or this item of it, cannot be changed in the case's current state."""

    status = 409


def _assert_candidate_may_change(case: AssessmentCase, by) -> None:
    if case.candidate_id != by.pk:
        raise PortfolioLocked(_("Only the candidate can change this portfolio."))
    if not case.portfolio_open:
        raise PortfolioLocked(
            _("This portfolio has been submitted and is locked while it is assessed."), code="locked"
        )


def _item_was_judged(item: EvidenceItem, case: AssessmentCase) -> bool:
    return item.added_in_round < case.round


def _inspect_all(case: AssessmentCase, uploads: Iterable, *, replacing: EvidenceFile | None = None) -> list[InspectedUpload]:
    """Check every upload, then the case's quota and duplicates; refuse them all if any one fails."""
    inspected = [upload_inspect(upload) for upload in uploads]
    if not inspected:
        raise UploadRefused(_("Choose at least one file."))
    hashes = [i.sha256 for i in inspected]
    if len(set(hashes)) != len(hashes):
        raise UploadRefused(_("The same file was chosen twice."))
    duplicate = (
        EvidenceFile.objects.filter(item__case=case, sha256__in=hashes, is_current=True)
        .select_related("item")
        .first()
    )
    if duplicate is not None and duplicate != replacing:
        raise UploadRefused(
            _("“%(name)s” is already in this portfolio, in the item “%(item)s”. Map that item to more criteria instead.")
            % {"name": duplicate.original_name, "item": duplicate.item.title}
        )
    used = EvidenceFile.objects.filter(item__case=case).aggregate(total=Sum("size"))["total"] or 0
    incoming = sum(i.size for i in inspected)
    if used + incoming > settings.EVIDENCE_CASE_QUOTA_BYTES:
        raise UploadRefused(
            _("These files would take the portfolio past its limit of %(quota)s (%(free)s left).")
            % {"quota": filesizeformat(settings.EVIDENCE_CASE_QUOTA_BYTES),
               "free": filesizeformat(max(settings.EVIDENCE_CASE_QUOTA_BYTES - used, 0))}
        )
    return inspected


def _store(item: EvidenceItem, inspected: InspectedUpload, by, *, replaces: EvidenceFile | None, stored: list[str]) -> EvidenceFile:
    evidence_file = EvidenceFile(
        item=item,
        original_name=inspected.original_name,
        content_type=inspected.content_type,
        extension=inspected.extension,
        size=inspected.size,
        sha256=inspected.sha256,
        version=replaces.version + 1 if replaces else 1,
        replaces=replaces,
        uploaded_by=by,
    )
    field = EvidenceFile._meta.get_field("file")
    # The name is chosen before writing so that a write failing half-way can be removed by name.
    name = field.storage.get_available_name(
        field.generate_filename(evidence_file, "upload"), max_length=field.max_length
    )
    try:
        evidence_file.file = field.storage.save(name, inspected.upload, max_length=field.max_length)
    except OSError as exc:  # a full or unwritable disk must not leave half a file or a row behind
        _remove_half_written(field.storage, name)
        if exc.errno in NO_ROOM_ERRNOS:
            raise StorageFull(storage_full_message([inspected.original_name])) from exc
        raise UploadRefused(_("The file could not be stored just now. Nothing was saved; please try again later.")) from exc
    stored.append(evidence_file.file.name)
    evidence_file.save()
    return evidence_file


def _remove_half_written(storage, name: str) -> None:
    try:
        if storage.exists(name):  # the name was free before the write, so whatever is there is the failed write's
            storage.delete(name)
    except OSError:
        logger.exception("A half-written upload could not be removed: %s", name)


def _with_file_cleanup(write):
    """Run a write that stores files; if it fails, remove the files it stored before the rows rolled back."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            return write(stored)
    except BaseException:
        storage = EvidenceFile._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise


def _set_mappings(item: EvidenceItem, mappings: dict[int, str]) -> None:
    criteria = PerformanceCriterion.objects.filter(unit_id=item.case.unit_id, pk__in=mappings)
    if len(criteria) != len(mappings):
        raise Refusal(_("A criterion was chosen that is not part of this case's unit."))
    if item.kind == EvidenceItem.Kind.PERFORMANCE and not mappings:
        raise Refusal(_("Performance evidence must show at least one criterion."))
    item.mappings.all().delete()
    EvidenceMapping.objects.bulk_create(
        EvidenceMapping(item=item, criterion=criterion, statement=mappings[criterion.pk].strip())
        for criterion in criteria
    )


def evidence_item_create(
    *,
    case: AssessmentCase,
    by,
    title: str,
    kind: str,
    uploads: list,
    mappings: dict[int, str],
    description: str = "",
    work_date: date | None = None,
) -> EvidenceItem:
    """Add an item with its files and criterion mappings, all or nothing."""

    def write(stored: list[str]) -> EvidenceItem:
        locked = case_lock(case.pk)
        _assert_candidate_may_change(locked, by)
        inspected = _inspect_all(locked, uploads)
        item = EvidenceItem.objects.create(
            case=locked,
            title=title,
            description=description,
            kind=kind,
            work_date=work_date,
            added_in_round=locked.round,
        )
        _set_mappings(item, mappings)
        for one in inspected:
            _store(item, one, by, replaces=None, stored=stored)
        return item

    return _with_file_cleanup(write)


@transaction.atomic
def evidence_item_update(
    *, item: EvidenceItem, by, title: str, kind: str, mappings: dict[int, str], description: str = "",
    work_date: date | None = None,
) -> EvidenceItem:
    """Edit an item's details and re-map it; items already judged can only have their files replaced."""
    case = case_lock(item.case_id)
    _assert_candidate_may_change(case, by)
    if _item_was_judged(item, case):
        raise PortfolioLocked(
            _("“%(item)s” has been judged: you can replace its files or add new items, but not change it.")
            % {"item": item.title}
        )
    item.title, item.kind, item.description, item.work_date = title, kind, description, work_date
    item.save()
    _set_mappings(item, mappings)
    return item


def evidence_file_add(*, item: EvidenceItem, by, uploads: list) -> list[EvidenceFile]:
    def write(stored: list[str]) -> list[EvidenceFile]:
        case = case_lock(item.case_id)
        _assert_candidate_may_change(case, by)
        return [_store(item, one, by, replaces=None, stored=stored) for one in _inspect_all(case, uploads)]

    return _with_file_cleanup(write)


def evidence_file_replace(*, evidence_file: EvidenceFile, by, upload) -> EvidenceFile:
    """Put a new version in place of a file; the old version is kept for the assessors."""

    def write(stored: list[str]) -> EvidenceFile:
        case = case_lock(evidence_file.item.case_id)
        _assert_candidate_may_change(case, by)
        current = EvidenceFile.objects.select_for_update().get(pk=evidence_file.pk)
        if not current.is_current:
            raise PortfolioLocked(_("This version has already been replaced."))
        (inspected,) = _inspect_all(case, [upload], replacing=current)
        current.is_current = False
        current.save(update_fields=["is_current"])
        return _store(current.item, inspected, by, replaces=current, stored=stored)

    return _with_file_cleanup(write)


@transaction.atomic
def evidence_item_delete(*, item: EvidenceItem, by) -> None:
    """Delete an item and its files, unless it has been judged."""
    case = case_lock(item.case_id)
    _assert_candidate_may_change(case, by)
    if _item_was_judged(item, case):
        raise PortfolioLocked(
            _("“%(item)s” has been judged and cannot be deleted; you can replace its files.") % {"item": item.title}
        )
    files = list(item.files.order_by("-version"))
    names = [f.file.name for f in files]
    for evidence_file in files:
        evidence_file.delete()
    item.delete()
    storage = EvidenceFile._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def evidence_file_open(*, user, file_id: int, ip_address: str | None) -> EvidenceFile:
    """A file its viewer may fetch, still held: anyone other than the candidate fetching it is logged."""
    evidence_file = evidence_file_for_viewer(user=user, file_id=file_id)
    if evidence_file.purged_at:
        raise Refusal(_("The file was removed at the end of its retention period."), code="purged", status=404)
    if evidence_file.item.case.candidate_id != user.pk:
        FileAccess.objects.create(evidence_file=evidence_file, user=user, ip_address=ip_address or None)
    return evidence_file


def evidence_files_purge(*, closed_before) -> int:
    """Remove the stored files of cases closed before the given time; keep the records of what was handed in."""
    closed_states = (AssessmentCase.State.CERTIFIED, AssessmentCase.State.NOT_YET_COMPETENT)
    recently_changed = CaseTransition.objects.filter(at__gte=closed_before).values("case_id")
    files = EvidenceFile.objects.filter(
        purged_at__isnull=True, item__case__state__in=closed_states
    ).exclude(item__case_id__in=recently_changed)
    storage = EvidenceFile._meta.get_field("file").storage
    purged = 0
    for evidence_file in files.iterator():
        storage.delete(evidence_file.file.name)
        evidence_file.purged_at = timezone.now()
        evidence_file.save(update_fields=["purged_at"])
        purged += 1
    return purged


def evidence_carry_forward(*, source: AssessmentCase, target: AssessmentCase, by) -> int:
    """Copy the portfolio of an earlier case into a new draft one (a recertification that asks for the exam only):
    each item with its current files, copied so the earlier case's retention never removes them from the new one,
    and its mappings to the criteria of the same code in the new case's revision. Items whose files were purged
    are left for the candidate to add again. Returns how many items were carried."""
    from django.core.files.base import File

    def write(stored: list[str]) -> int:
        locked = case_lock(target.pk)
        if locked.state != AssessmentCase.State.DRAFT or locked.evidence_items.exists():
            raise PortfolioLocked(_("Evidence can only be carried into a new, empty portfolio."))
        criteria = {c.code: c for c in PerformanceCriterion.objects.filter(unit_id=locked.unit_id)}
        field = EvidenceFile._meta.get_field("file")
        carried = 0
        for item in source.evidence_items.prefetch_related("mappings__criterion").order_by("created_at", "pk"):
            files = list(item.files.filter(is_current=True, purged_at__isnull=True).order_by("pk"))
            if not files:
                continue
            copy = EvidenceItem.objects.create(case=locked, title=item.title, description=item.description,
                                               kind=item.kind, work_date=item.work_date, added_in_round=locked.round)
            EvidenceMapping.objects.bulk_create(
                EvidenceMapping(item=copy, criterion=criteria[m.criterion.code], statement=m.statement)
                for m in item.mappings.all() if m.criterion.code in criteria
            )
            for original in files:
                evidence_file = EvidenceFile(item=copy, original_name=original.original_name,
                                             content_type=original.content_type, extension=original.extension,
                                             size=original.size, sha256=original.sha256, uploaded_by=by)
                name = field.storage.get_available_name(field.generate_filename(evidence_file, "carried"),
                                                        max_length=field.max_length)
                with original.file.open("rb") as content:
                    evidence_file.file = field.storage.save(name, File(content), max_length=field.max_length)
                stored.append(evidence_file.file.name)
                evidence_file.save()
            carried += 1
        return carried

    return _with_file_cleanup(write)
