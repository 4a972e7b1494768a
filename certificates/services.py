"""Writes about certificates: issuing, rendering, revoking, suspending and reissuing; recertification; reports;
bulk downloads; sweeps."""
import datetime
import hashlib
import secrets
import shutil
import tempfile
import time
import zipfile

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department
from accounts.permissions import is_administrator, may_revoke, may_suspend
from assessments.models import AssessmentCase
from assessments.services import case_enrol, case_lock, case_transition
from core import jobs
from core.dates import buddhist_year, format_date
from core.jobs import lost_job_window, requeue
from core.refusals import NotYours, Refusal
from evidence.services import evidence_carry_forward
from judging.models import Decision, Verdict
from judging.selectors import candidate_feedback, released_decision

from . import documents, status_lists
from .codes import new_code
from .models import ApiToken, BulkDownload, Certificate, CertificateCounter, Report, Signatory, Suspension
from .selectors import departments_visible_to, recertification_refusal, renewal_notice_due

State = AssessmentCase.State


class CertificateRefused(Refusal):
    """An action on certificates the rules do not allow; the message says why."""


# --- Issuing ----------------------------------------------------------------------------------------------


def _next_sequence(series: str, year_be: int) -> int:
    """The next number in the series for the year. The counter row stays locked until the issuing transaction
    ends, so concurrent issues queue here, and a rolled-back issue gives its number back: no gaps, no repeats."""
    CertificateCounter.objects.bulk_create([CertificateCounter(series=series, year_be=year_be)], ignore_conflicts=True)
    counter = CertificateCounter.objects.select_for_update().get(series=series, year_be=year_be)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def status_list_positions_reserve(*, count: int = 1) -> list[int]:
    """The next `count` positions in the status lists, each given once (the counter is locked as in _next_sequence)."""
    CertificateCounter.objects.bulk_create(
        [CertificateCounter(series=status_lists.COUNTER_SERIES, year_be=status_lists.COUNTER_YEAR)], ignore_conflicts=True)
    counter = CertificateCounter.objects.select_for_update().get(series=status_lists.COUNTER_SERIES,
                                                                 year_be=status_lists.COUNTER_YEAR)
    first = counter.last_number + 1
    counter.last_number += count
    counter.save(update_fields=["last_number"])
    return [status_lists.index_for(sequence) for sequence in range(first, first + count)]


def _expiry(issued_on: datetime.date) -> datetime.date | None:
    years = settings.CERTIFICATE_VALIDITY_YEARS
    if not years:
        return None
    try:
        return issued_on.replace(year=issued_on.year + years)
    except ValueError:  # issued on 29 February
        return issued_on.replace(year=issued_on.year + years, day=28)


def _certificate_create(*, case: AssessmentCase, by, criteria: list[dict], expires_on: datetime.date | None,
                        replaces: Certificate | None = None) -> Certificate:
    from .tasks import render_certificate

    holder, unit = case.candidate, case.unit
    holder.refresh_from_db()  # a reissue exists to carry a corrected name
    now = timezone.now()
    issued_on = timezone.localdate(now)
    year_be = buddhist_year(issued_on)
    sequence = _next_sequence(unit.code, year_be)
    signatory = Signatory.objects.filter(is_active=True).first()
    certificate = Certificate.objects.create(
        number=f"{unit.code}-{year_be}-{sequence:06d}", series=unit.code, year_be=year_be, sequence=sequence,
        code=new_code(), case=case, holder=holder, holder_name_th=holder.full_name_th,
        holder_name_en=holder.full_name_en, department_id=holder.department_id, unit=unit, unit_code=unit.code,
        unit_title_th=unit.title_th, unit_title_en=unit.title_en, unit_revision_number=unit.revision_number,
        unit_revision_year_be=unit.revision_year_be, criteria=criteria, signatory=signatory,
        signatory_name_th=signatory.name_th if signatory else "",
        signatory_name_en=signatory.name_en if signatory else "",
        signatory_position_th=signatory.position_th if signatory else "",
        signatory_position_en=signatory.position_en if signatory else "",
        issued_at=now, issued_on=issued_on, expires_on=expires_on, issued_by=by, replaces=replaces,
        render_enqueued_at=now,
        status_list_index=status_list_positions_reserve()[0],
    )
    render_certificate.delay_on_commit(certificate.pk)
    return certificate


def _valid_from(case: AssessmentCase) -> datetime.date:
    """Today; for a recertification, the renewed certificate's expiry if that is later, so renewing early
    costs the holder nothing."""
    today = timezone.localdate()
    renewed = current_certificate(case.renews) if case.renews_id else None
    if renewed and not renewed.revoked_at and renewed.expires_on and renewed.expires_on > today:
        return renewed.expires_on
    return today


def current_certificate(case: AssessmentCase) -> Certificate | None:
    """The case's certificate that no reissue has replaced."""
    return Certificate.objects.filter(case=case, replaced_by__isnull=True).order_by("-pk").first()


@transaction.atomic
def certificate_issue(*, case: AssessmentCase, by) -> Certificate:
    """Certify a case whose competent decision is released; asked again, it returns the same certificate. A case
    found competent again after its certificate was withdrawn (an amendment, an appeal) gets a new one in its place."""
    case = case_lock(case.pk)
    existing = current_certificate(case)
    if existing and not existing.revoked_at:
        return existing
    decision = released_decision(case)
    if case.state != State.COMPETENT or decision is None or decision.outcome != Decision.Outcome.COMPETENT:
        raise CertificateRefused(_("Only a case with a released decision of competent can be certified."))
    criteria = [
        {"code": item.criterion.code, "system_id": item.criterion.system_id,
         "text_th": item.criterion.text_th, "text_en": item.criterion.text_en}
        for item in sorted(candidate_feedback(case, round_number=decision.round), key=lambda f: f.criterion.order)
        if item.verdict == Verdict.COMPETENT
    ]
    certificate = _certificate_create(case=case, by=by, criteria=criteria, expires_on=_expiry(_valid_from(case)),
                                      replaces=existing)
    case_transition(case=case, to_state=State.CERTIFIED, by=by, reason=certificate.number)
    return certificate


@transaction.atomic
def signatory_save(signatory: Signatory) -> Signatory:
    """Save a signatory; the one saved as active becomes the only one who signs new certificates."""
    if signatory.is_active:
        Signatory.objects.exclude(pk=signatory.pk).filter(is_active=True).update(is_active=False)
    signatory.save()
    return signatory


# --- Rendering --------------------------------------------------------------------------------------------


def _replace_file(name: str, content) -> str:
    """Store under exactly this name, replacing whatever an interrupted earlier attempt left there."""
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, content)


def certificate_render(*, certificate_id: int, task_id: str = "", take_over: bool = False) -> bool:
    """Render the certificate's PDF unless it is ready; True when this call stored it.

    Running it twice, or on two workers at once, leaves one file: the PDF is made outside any transaction,
    then stored under the certificate's own name only while the claim still holds and its row is locked."""
    # The holder comes with the row: the credential inside the PDF carries a hash of their e-mail.
    claim = jobs.claim(Certificate.objects.select_related("signatory", "holder"), certificate_id, task_id=task_id,
                       take_over=take_over)
    if claim is None:
        return False
    certificate = claim.row
    pdf = claim.run(lambda: documents.certificate_pdf(certificate))
    if pdf is None:
        return False
    name = f"certificates/{certificate.year_be}/{certificate.number}.pdf"
    with transaction.atomic():
        # Finishing locks the row until the file is stored: a worker overtaken by a later claim stores nothing.
        if not claim.finish(pdf=name, render_count=F("render_count") + 1, pdf_sha256=hashlib.sha256(pdf).hexdigest()):
            return False
        stored = _replace_file(name, ContentFile(pdf))
        if stored != name:
            Certificate.objects.filter(pk=certificate_id).update(pdf=stored)
    return True


@transaction.atomic
def certificate_rerender(*, certificate: Certificate) -> None:
    """Render the PDF again (after a failure, or a new signature image); the new file replaces the old."""
    from .tasks import render_certificate

    jobs.again(Certificate.objects.filter(pk=certificate.pk))
    render_certificate.delay_on_commit(certificate.pk)


# --- Revocation and reissue -------------------------------------------------------------------------------


def _revoke(certificate: Certificate, *, by, reason: str) -> Certificate:
    if not may_revoke(by, certificate):
        raise NotYours
    reason = reason.strip()
    if not reason:
        raise CertificateRefused(_("Give the reason."), code="reason_required")
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at:
        raise CertificateRefused(_("This certificate has already been revoked."), code="already_revoked")
    certificate.revoked_at, certificate.revoked_by, certificate.revocation_reason = timezone.now(), by, reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Withdraw a certificate (cheating found, say): the verification page and the API show it at once,
    and the holder is emailed after commit."""
    from .tasks import send_revocation_notice

    certificate = _revoke(certificate, by=by, reason=reason)
    send_revocation_notice.delay_on_commit(certificate.pk)
    return certificate


def certificate_follow_outcome(sender, *, case: AssessmentCase, competent: bool, by, reason: str, **kwargs) -> None:
    """Judging's announcement of a final or amended outcome: certify a competent case, withdraw the certificate
    of one found not yet competent. Runs inside judging's transaction."""
    if competent:
        certificate_issue(case=case, by=by)
        return
    certificate = current_certificate(case)
    if certificate is not None and not certificate.revoked_at:
        certificate_revoke(certificate=certificate, by=by, reason=reason)


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, by, reason: str) -> Certificate:
    """Replace a certificate, e.g. after the holder's name was corrected: the old number is revoked and a new
    one, linked to it and carrying the holder's current names, is issued with the same expiry."""
    from .tasks import send_revocation_notice

    old = _revoke(certificate, by=by, reason=reason)
    new = _certificate_create(case=old.case, by=by, criteria=old.criteria, expires_on=old.expires_on, replaces=old)
    send_revocation_notice.delay_on_commit(old.pk)
    return new


# --- Suspension -------------------------------------------------------------------------------------------


@transaction.atomic
def certificate_suspend(*, certificate: Certificate, by, reason: str, until: datetime.date) -> Suspension:
    """Suspend a valid certificate through `until` (inclusive): the verification page, the API and the credential
    say "suspended" at once, and valid again the day after without anything being run. The holder is emailed."""
    from .tasks import send_suspension_notice

    if not may_suspend(by, certificate):
        raise NotYours
    reason = reason.strip()
    if not reason:
        raise CertificateRefused(_("Give the reason."), code="reason_required")
    today = timezone.localdate()
    if until < today:
        raise CertificateRefused(
            _("The end of the suspension, %(date)s, has already passed. Choose today or a later day.")
            % {"date": format_date(until)}, code="end_in_past")
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    status = certificate.status
    if status == Certificate.Status.SUSPENDED:
        raise CertificateRefused(
            _("This certificate is already suspended until %(date)s. Reinstate it first to change the suspension.")
            % {"date": format_date(certificate.suspended_until)}, code="already_suspended", status=409)
    if status != Certificate.Status.VALID:
        raise CertificateRefused(_("Only a valid certificate can be suspended; this one is %(status)s.")
                                 % {"status": certificate.get_status_display()}, code="not_valid", status=409)
    certificate.suspended_until, certificate.suspension_reason = until, reason
    certificate.save(update_fields=["suspended_until", "suspension_reason"])
    suspension = Suspension.objects.create(certificate=certificate, reason=reason, ends_on=until,
                                           suspended_at=timezone.now(), suspended_by=by)
    send_suspension_notice.delay_on_commit(suspension.pk)
    return suspension


@transaction.atomic
def certificate_reinstate(*, certificate: Certificate, by, note: str = "") -> Suspension:
    """End the suspension in force before its end date; the holder is emailed."""
    from .tasks import send_reinstatement_notice

    if not may_suspend(by, certificate):
        raise NotYours
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    suspension = certificate.suspensions.filter(reinstated_at__isnull=True).order_by("-suspended_at", "-pk").first()
    if certificate.status != Certificate.Status.SUSPENDED or suspension is None:
        raise CertificateRefused(_("This certificate is not suspended."), code="not_suspended", status=409)
    certificate.suspended_until, certificate.suspension_reason = None, ""
    certificate.save(update_fields=["suspended_until", "suspension_reason"])
    suspension.reinstated_at, suspension.reinstated_by = timezone.now(), by
    suspension.reinstatement_note = note.strip()
    suspension.save(update_fields=["reinstated_at", "reinstated_by", "reinstatement_note"])
    send_reinstatement_notice.delay_on_commit(suspension.pk)
    return suspension


# --- Recertification --------------------------------------------------------------------------------------


@transaction.atomic
def certificate_recertify(*, certificate: Certificate, by) -> AssessmentCase:
    """Open the holder's recertification: a new case in the unit's current published revision, linked to the
    certified case. With RECERTIFICATION_SCOPE "exam" the portfolio is carried over and only the written exam
    must be sat again; with "unit" everything is shown again."""
    if certificate.holder_id != by.pk:
        raise NotYours
    # Locked so that two presses of the button open one case, not two.
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    refusal = recertification_refusal(certificate)
    if refusal:
        raise CertificateRefused(refusal, code="recertification_refused", status=409)
    case = case_enrol(candidate=by, unit_code=certificate.unit_code, renews=certificate.case)
    if settings.RECERTIFICATION_SCOPE == "exam":
        evidence_carry_forward(source=certificate.case, target=case, by=by)
    return case


def renewal_notices_enqueue() -> int:
    """Queue the notice for every certificate that came within its notice period and was not told yet."""
    from .tasks import send_renewal_notice

    return requeue(send_renewal_notice, renewal_notice_due().values_list("pk", flat=True))


# --- Reports ----------------------------------------------------------------------------------------------


@transaction.atomic
def result_report_request(*, case: AssessmentCase, by) -> Report:
    """The candidate's result report for the latest released decision: one per decision, rendered once."""
    from .tasks import render_report

    if case.candidate_id != by.pk:
        raise NotYours
    decision = released_decision(case)
    if decision is None:
        raise CertificateRefused(_("There is no released decision to report yet."))
    report, created = Report.objects.get_or_create(
        kind=Report.Kind.CANDIDATE_RESULT, case=case, decision_round=decision.round,
        defaults={"requested_by": by, "enqueued_at": timezone.now()},
    )
    if created or report.job_failed:
        jobs.again(Report.objects.filter(pk=report.pk))
        render_report.delay_on_commit(report.pk)
    return report


@transaction.atomic
def agency_report_request(*, department: Department | None, start: datetime.date, end: datetime.date, by) -> Report:
    """An agency's figures for a period; only administrators may ask for every agency at once."""
    from .tasks import render_report

    allowed = is_administrator(by) if department is None else departments_visible_to(by).filter(pk=department.pk).exists()
    if not allowed:
        raise NotYours
    if start > end:
        raise CertificateRefused(_("The period must end on or after the day it starts."))
    report = Report.objects.create(kind=Report.Kind.AGENCY, department=department, period_start=start,
                                   period_end=end, requested_by=by, enqueued_at=timezone.now())
    render_report.delay_on_commit(report.pk)
    return report


@transaction.atomic
def report_rerender(*, report: Report) -> None:
    from .tasks import render_report

    jobs.again(Report.objects.filter(pk=report.pk))
    render_report.delay_on_commit(report.pk)


def report_render(*, report_id: int, task_id: str = "") -> bool:
    """Render the report unless it is ready; like certificates, twice leaves one file."""
    claim = jobs.claim(Report.objects.select_related("case__candidate", "case__unit", "department"), report_id,
                       task_id=task_id)
    if claim is None:
        return False
    report = claim.row
    render = documents.candidate_report_pdf if report.kind == Report.Kind.CANDIDATE_RESULT else documents.agency_report_pdf
    pdf = claim.run(lambda: render(report))
    if pdf is None:
        return False
    name = f"certificates/reports/report-{report.pk}.pdf"
    with transaction.atomic():
        if not claim.finish(file=name):
            return False
        stored = _replace_file(name, ContentFile(pdf))
        if stored != name:
            Report.objects.filter(pk=report_id).update(file=stored)
    return True


# --- Bulk downloads ---------------------------------------------------------------------------------------


BULK_LINK_SALT = "certificates.bulk-download"


def bulk_link_token(bulk: BulkDownload) -> str:
    """A token for the ZIP's download link, valid for CERTIFICATE_BULK_LINK_HOURS."""
    return signing.TimestampSigner(salt=BULK_LINK_SALT).sign(str(bulk.pk))


def bulk_link_valid(bulk: BulkDownload, token: str) -> bool:
    try:
        signed_id = signing.TimestampSigner(salt=BULK_LINK_SALT).unsign(
            token, max_age=datetime.timedelta(hours=settings.CERTIFICATE_BULK_LINK_HOURS))
    except signing.BadSignature:
        return False
    return signed_id == str(bulk.pk)


@transaction.atomic
def bulk_download_request(*, by, certificates: QuerySet[Certificate], description: str = "") -> BulkDownload:
    """Queue a ZIP of the selection (already limited to what `by` may see); too few or too many are refused."""
    from .tasks import build_bulk_download

    limit = settings.CERTIFICATE_BULK_MAX
    ids = list(certificates.values_list("pk", flat=True)[: limit + 1])
    if not ids:
        raise CertificateRefused(_("There are no certificates in this selection to download."), code="empty")
    if len(ids) > limit:
        raise CertificateRefused(
            _("This selection holds more than %(limit)s certificates. Narrow it with the filters and download "
              "it in parts.") % {"limit": limit}, code="too_many")
    bulk = BulkDownload.objects.create(requested_by=by, certificate_ids=ids, total=len(ids),
                                       description=description[:500], enqueued_at=timezone.now())
    build_bulk_download.delay_on_commit(bulk.pk)
    return bulk


def _bulk_zip(bulk: BulkDownload) -> tuple[str, int]:
    """Write the ZIP of the bulk download's certificates, rendering those not rendered yet; its name and count."""
    missing, done, last_report = [], 0, time.monotonic()
    with tempfile.TemporaryFile() as spool:
        # PDFs are compressed already: storing them keeps the build fast and the memory flat.
        with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
            for start in range(0, len(bulk.certificate_ids), 200):
                chunk = bulk.certificate_ids[start:start + 200]
                for certificate in Certificate.objects.filter(pk__in=chunk).order_by("number"):
                    if not certificate.pdf_ready:
                        # Needed now: taken over from a worker rendering it, or tried again after a failure.
                        certificate_render(certificate_id=certificate.pk, take_over=True)
                        certificate.refresh_from_db()
                    if certificate.pdf_ready:
                        with certificate.pdf.open("rb") as source, archive.open(f"{certificate.number}.pdf", "w") as target:
                            shutil.copyfileobj(source, target)
                    else:
                        missing.append(f"{certificate.number}: {certificate.render_error}")
                    done += 1
                    if time.monotonic() - last_report > 0.5:
                        # Progress doubles as a heartbeat: the sweep leaves a job that is moving alone.
                        BulkDownload.objects.filter(pk=bulk.pk).update(done=done, started_at=timezone.now())
                        last_report = time.monotonic()
            if missing:
                archive.writestr("NOT-INCLUDED.txt", "\n".join(missing) + "\n")
        spool.seek(0)
        return _replace_file(f"certificates/bulk/certificates-{bulk.pk}.zip", File(spool)), done


def bulk_download_build(*, bulk_id: int, task_id: str = "") -> bool:
    """Build the ZIP, rendering any certificate not rendered yet, and report progress as it goes."""
    claim = jobs.claim(BulkDownload.objects.all(), bulk_id, task_id=task_id)
    if claim is None:
        return False
    BulkDownload.objects.filter(pk=bulk_id).update(done=0)
    built = claim.run(lambda: _bulk_zip(claim.row))
    if built is None:
        return False
    name, done = built
    now = timezone.now()
    return claim.finish(file=name, done=done,
                        expires_at=now + datetime.timedelta(hours=settings.CERTIFICATE_BULK_LINK_HOURS))


# --- Sweeps (Celery beat) ---------------------------------------------------------------------------------


def stale_jobs_requeue() -> int:
    """Queue again what is still pending long after it was queued: the jobs a lost broker message left behind.

    A job committed to the database survives a Redis restart this way; one still queued is merely done twice,
    which every task here allows."""
    from .tasks import (
        build_bulk_download,
        render_certificate,
        render_report,
        send_reinstatement_notice,
        send_revocation_notice,
        send_suspension_notice,
    )

    requeued = requeue(send_revocation_notice, Certificate.objects.filter(
        revoked_at__range=lost_job_window(), revocation_notified_at__isnull=True).values_list("pk", flat=True))
    requeued += requeue(send_suspension_notice, Suspension.objects.filter(
        suspended_at__range=lost_job_window(), notified_at__isnull=True).values_list("pk", flat=True))
    requeued += requeue(send_reinstatement_notice, Suspension.objects.filter(
        reinstated_at__range=lost_job_window(), reinstatement_notified_at__isnull=True).values_list("pk", flat=True))
    for model, task in ((Certificate, render_certificate), (Report, render_report),
                        (BulkDownload, build_bulk_download)):
        requeued += jobs.lost_jobs_requeue(model.objects.all(), task)
    return requeued


def expired_downloads_purge() -> int:
    """Delete the ZIP files whose links have expired; the rows stay as a record of who downloaded what."""
    purged = 0
    for bulk in BulkDownload.objects.filter(expires_at__lte=timezone.now()).exclude(file=""):
        bulk.file.delete(save=False)
        BulkDownload.objects.filter(pk=bulk.pk).update(file="")
        purged += 1
    return purged


# --- API tokens -------------------------------------------------------------------------------------------

API_TOKEN_PREFIX = "dgc_"


def api_token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token acting as the user; the raw key is returned this once and only its hash is kept."""
    raw = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[len(API_TOKEN_PREFIX):][:8],
                                    key_hash=api_token_hash(raw))
    return token, raw
