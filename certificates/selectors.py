"""Reads of certificates, each scoped to the person asking, and the figures reports and the dashboard show."""
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Count, DecimalField, Exists, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department
from accounts.permissions import has_role, is_administrator, may_use_desk  # noqa: F401 (the API asks it here)
from accounts.roles import Role
from assessments.models import Allocation, AssessmentCase
from competency.models import PerformanceCriterion
from core.dates import format_date
from core.i18n import in_language
from judging.models import Decision, Disagreement, Judgment, Verdict
from judging.selectors import CriterionFeedback, candidate_feedback, released_decision

from . import badges
from .codes import normalise_code
from .models import BulkDownload, Certificate, Report


def departments_visible_to(user) -> QuerySet[Department]:
    """Agencies whose certificates the user may read: all for an administrator, their own for an HR officer."""
    departments = Department.objects.select_related("ministry")
    if is_administrator(user):
        return departments
    if has_role(user, Role.HR_OFFICER) and user.department_id:
        return departments.filter(pk=user.department_id)
    return departments.none()


def bulk_download_for(*, user, bulk_id: int) -> BulkDownload:
    """A bulk download for the person who asked for it, or an administrator; 404 for anyone else."""
    bulk = BulkDownload.objects.filter(pk=bulk_id).first()
    if bulk is None or (bulk.requested_by_id != user.pk and not is_administrator(user)):
        raise Http404("No such download")
    return bulk


def dashboard_agency(*, user, chosen: str = "") -> Department | None:
    """The agency whose figures the dashboard shows: an HR officer's own; for an administrator the one chosen,
    or None for the whole portal. An HR officer with no agency has no figures to see, not everyone's."""
    departments = departments_visible_to(user)
    if is_administrator(user):
        return departments.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    department = departments.first()
    if department is None:
        raise Http404("No agency")
    return department


def certificates_visible_to(user) -> QuerySet[Certificate]:
    certificates = Certificate.objects.select_related("department")
    if not user.is_authenticated:
        return certificates.none()
    if is_administrator(user):
        return certificates
    if has_role(user, Role.HR_OFFICER) and user.department_id:
        return certificates.filter(department_id=user.department_id)
    return certificates.none()


def certificate_for_desk(*, user, certificate_id: int) -> Certificate:
    """A certificate the HR officer's agency issued to, or any for an administrator; 404 for everyone else."""
    certificate = certificates_visible_to(user).select_related("replaces", "replaced_by").filter(pk=certificate_id).first()
    if certificate is None:
        raise Http404("No such certificate")
    return certificate


def certificates_of_holder(user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(holder=user).select_related("replaced_by")


def decided_cases_with_reports(user) -> list[tuple[AssessmentCase, Report | None]]:
    """The candidate's cases with a released decision, each with its result report for that decision, if any."""
    decided = (
        AssessmentCase.objects.filter(candidate=user)
        .annotate(released_round=Max("decisions__round", filter=Q(decisions__status=Decision.Status.RELEASED)))
        .filter(released_round__isnull=False).select_related("unit").order_by("-created_at")
    )
    reports = {
        (report.case_id, report.decision_round): report
        for report in Report.objects.filter(kind=Report.Kind.CANDIDATE_RESULT, case__candidate=user)
    }
    return [(case, reports.get((case.pk, case.released_round))) for case in decided]


def certificate_of_holder(*, user, certificate_id: int) -> Certificate:
    """The holder's own certificate; anyone else, HR officers included, gets a 404 here."""
    certificate = certificates_of_holder(user).filter(pk=certificate_id).first() if user.is_authenticated else None
    if certificate is None:
        raise Http404("No such certificate")
    return certificate


def certificates_filtered(certificates: QuerySet[Certificate], *, agency: Department | None = None,
                          issued_from: datetime.date | None = None, issued_to: datetime.date | None = None,
                          status: str = "", name: str = "") -> QuerySet[Certificate]:
    if agency is not None:
        certificates = certificates.filter(department=agency)
    if issued_from:
        certificates = certificates.filter(issued_on__gte=issued_from)
    if issued_to:
        certificates = certificates.filter(issued_on__lte=issued_to)
    if status:
        certificates = certificates.with_status(status)
    name = " ".join(name.split())
    if name:
        certificates = certificates.filter(
            Q(holder_name_th__icontains=name) | Q(holder_name_en__icontains=name) | Q(number__icontains=name)
        )
    return certificates.order_by("-issued_on", "-pk")


def report_for_user(*, user, report_id: int) -> Report:
    """A candidate's result report for that candidate; an agency report for whoever asked for it or an administrator."""
    report = Report.objects.select_related("case", "department").filter(pk=report_id).first() if user.is_authenticated else None
    if report is not None:
        if report.kind == Report.Kind.CANDIDATE_RESULT and report.case.candidate_id == user.pk:
            return report
        if report.kind == Report.Kind.AGENCY and (report.requested_by_id == user.pk or is_administrator(user)):
            return report
    raise Http404("No such report")


# --- Recertification ------------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier, when negative), the month's last day where it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    following = datetime.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return datetime.date(year, month + 1, min(day.day, (following - datetime.timedelta(days=1)).day))


def renewal_opens_on(certificate: Certificate) -> datetime.date | None:
    """The first day the holder may recertify and is told so; None for a certificate that never expires."""
    if certificate.expires_on is None:
        return None
    return add_months(certificate.expires_on, -settings.CERTIFICATE_RENEWAL_NOTICE_MONTHS)


def renewal_case(certificate: Certificate) -> AssessmentCase | None:
    """The recertification opened from this certificate that is still open or has been certified, if any."""
    return (AssessmentCase.objects.filter(renews_id=certificate.case_id)
            .filter(state__in=(*AssessmentCase.OPEN_STATES, AssessmentCase.State.CERTIFIED))
            .order_by("-created_at").first())


def recertification_refusal(certificate: Certificate, today: datetime.date | None = None) -> str | None:
    """Why the holder may not recertify this certificate now, or None when they may."""
    return _recertification_refusal(certificate, renewal_case(certificate), today or timezone.localdate())


def _recertification_refusal(certificate: Certificate, renewal: AssessmentCase | None,
                             today: datetime.date) -> str | None:
    if certificate.revoked_at:
        return _("A revoked certificate cannot be recertified.")
    status = certificate.status
    if status == Certificate.Status.EXPIRED:
        return _("This certificate has expired and can no longer be recertified. Enrol in the unit again for a "
                 "full assessment.")
    if status == Certificate.Status.SUSPENDED:
        return _("This certificate is suspended until %(date)s; it can be recertified once the suspension ends.") % {
            "date": format_date(certificate.suspended_until)}
    opens = renewal_opens_on(certificate)
    if opens is None:
        return _("This certificate does not expire and needs no recertification.")
    if today < opens:
        return _("Recertification opens on %(date)s, %(months)s months before the certificate expires.") % {
            "date": format_date(opens), "months": settings.CERTIFICATE_RENEWAL_NOTICE_MONTHS}
    if renewal is not None and renewal.state == AssessmentCase.State.CERTIFIED:
        return _("This certificate has already been recertified.")
    if renewal is not None:
        return _("You have already started recertifying this certificate. Continue with that case.")
    return None


def certificates_of_holder_page(user) -> list[Certificate]:
    """The holder's certificates, each with what its row offers: `may_recertify`, and `renewal`, the
    recertification under way. Two queries however many certificates."""
    certificates = list(certificates_of_holder(user))
    renewals: dict[int, AssessmentCase] = {}
    for case in (AssessmentCase.objects.filter(renews_id__in={c.case_id for c in certificates})
                 .filter(state__in=(*AssessmentCase.OPEN_STATES, AssessmentCase.State.CERTIFIED))
                 .order_by("created_at")):
        renewals[case.renews_id] = case  # the newest wins
    today = timezone.localdate()
    for certificate in certificates:
        certificate.renewal = renewals.get(certificate.case_id)
        certificate.may_recertify = _recertification_refusal(certificate, certificate.renewal, today) is None
        # Only a certificate that holds today is offered for the holder's LinkedIn profile.
        certificate.linkedin_url = (badges.linkedin_add_to_profile_url(certificate)
                                    if certificate.status == Certificate.Status.VALID else "")
    return certificates


def renewal_notice_due(today: datetime.date | None = None) -> QuerySet[Certificate]:
    """Certificates whose notice period has begun, still valid, not replaced, with no recertification started,
    whose holder has not been told yet."""
    today = today or timezone.localdate()
    started = AssessmentCase.objects.filter(renews_id=OuterRef("case_id"))
    return (Certificate.objects.valid(today)
            .filter(expires_on__lte=add_months(today, settings.CERTIFICATE_RENEWAL_NOTICE_MONTHS),
                    renewal_notified_at__isnull=True, replaced_by__isnull=True)
            .exclude(Exists(started)))


def renewal_panel(case: AssessmentCase, viewer) -> dict:
    """The case page's note on a recertification: which certificate it renews and what must be shown again."""
    if not case.renews_id:
        return {}
    renewed = (Certificate.objects.filter(case_id=case.renews_id, replaced_by__isnull=True)
               .order_by("-pk").first())
    return {"renewal_of": renewed, "recertification_scope": settings.RECERTIFICATION_SCOPE}


def suspensions_of(certificate: Certificate) -> QuerySet:
    return certificate.suspensions.select_related("suspended_by", "reinstated_by").order_by("-suspended_at", "-pk")


# --- Verification ---------------------------------------------------------------------------------------


@dataclass
class Verification:
    result: str  # "valid", "suspended", "expired", "revoked" or "unknown"
    certificate: Certificate | None = None


def verification(typed_code: str) -> Verification:
    """What the public may learn from a code: the certificate's state, or "unknown" for anything else."""
    code = normalise_code(typed_code)
    certificate = (
        Certificate.objects.select_related("replaced_by").filter(code=code).first() if code else None
    )
    if certificate is None:
        return Verification("unknown")
    return Verification(certificate.status, certificate)


# --- The candidate's result report ----------------------------------------------------------------------


@dataclass
class AreaResult:
    label: str
    score: Decimal
    points: Decimal

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.points) if self.points else 0


def _decimal_sum(expression: str) -> Sum:
    return Sum(expression, output_field=DecimalField(max_digits=9, decimal_places=2))


@dataclass
class ExamResult:
    percent: Decimal | None
    passed: bool | None
    areas: list[AreaResult] = field(default_factory=list)


def exam_result(case: AssessmentCase) -> ExamResult | None:
    """The latest released written-exam result of the case, by knowledge area; None while there is none."""
    try:
        from exams.models import Answer, Attempt
    except ImportError:
        return None
    try:
        # A savepoint: if the exam tables are not there yet, the surrounding transaction stays usable.
        with transaction.atomic():
            attempt = (
                Attempt.objects.filter(case=case, status=Attempt.Status.SUBMITTED, released_at__isnull=False)
                .order_by("-submitted_at").first()
            )
            if attempt is None:
                return None
            rows = (
                Answer.objects.filter(attempt=attempt, item_version__knowledge_areas__isnull=False)
                .values("item_version__knowledge_areas__text_th", "item_version__knowledge_areas__text_en")
                .annotate(score=Coalesce(_decimal_sum("score"), Decimal(0)), points=_decimal_sum("item_version__points"))
                .order_by("item_version__knowledge_areas__order")
            )
            areas = [
                AreaResult(in_language(row["item_version__knowledge_areas__text_th"],
                                       row["item_version__knowledge_areas__text_en"]), row["score"], row["points"])
                for row in rows
            ]
    except DatabaseError:
        return None
    return ExamResult(attempt.percent, attempt.passed, areas)


@dataclass
class ResultReport:
    case: AssessmentCase
    decision: Decision | None
    feedback: list[CriterionFeedback]
    exam: ExamResult | None


def result_report(case: AssessmentCase, *, round_number: int | None = None) -> ResultReport:
    return ResultReport(
        case=case,
        decision=released_decision(case, round_number=round_number),
        feedback=candidate_feedback(case, round_number=round_number),
        exam=exam_result(case),
    )


# --- Agency figures: the HR report and the dashboard ------------------------------------------------------


@dataclass
class CriterionRate:
    code: str
    text: str
    judged: int
    competent: int

    @property
    def percent(self) -> int:
        return round(100 * self.competent / self.judged) if self.judged else 0


@dataclass
class AgencyFigures:
    department: Department | None
    start: datetime.date
    end: datetime.date
    enrolled: int
    submitted: int
    certified: int
    criteria: list[CriterionRate]
    exam_bins: list[tuple[str, int]] | None
    monthly: list[tuple[datetime.date, int]]


def _cases_of(department: Department | None) -> QuerySet[AssessmentCase]:
    cases = AssessmentCase.objects.all()
    return cases.filter(candidate__department=department) if department else cases


def _period(field: str, start: datetime.date, end: datetime.date) -> dict[str, datetime.datetime]:
    """A filter on a timestamp falling within the days start..end in the portal's time zone.

    A range of timestamps, not `__date`: casting every row to a date kept PostgreSQL from using an index."""
    def midnight(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    return {f"{field}__gte": midnight(start), f"{field}__lt": midnight(end + datetime.timedelta(days=1))}


def criterion_rates(department: Department | None, start: datetime.date, end: datetime.date) -> list[CriterionRate]:
    """Per criterion, how many final decisions released in the period found it competent, a moderator's
    settlement counting where the markers disagreed."""
    released = Decision.objects.filter(
        case=OuterRef("case"), round=OuterRef("round"), status=Decision.Status.RELEASED,
        outcome__in=(Decision.Outcome.COMPETENT, Decision.Outcome.NOT_YET_COMPETENT),
        **_period("released_at", start, end),
    )
    judgments = Judgment.objects.filter(marking=Allocation.Marking.FIRST)
    if department:
        # A join to the candidate's agency, not `case__in` the agency's cases: with that semi-join PostgreSQL
        # started from every decision of the period and took a second at 200,000 cases.
        judgments = judgments.filter(case__candidate__department=department)
    # The markers' verdicts are counted from the first-marking index alone (an index-only scan); the few
    # settled disagreements are applied afterwards, instead of a lookup for each of some 300,000 judgments.
    tallies = (
        judgments.filter(Exists(released)).order_by()
        .values("criterion", "verdict").annotate(n=Count("*")).values_list("criterion", "verdict", "n")
    )
    first_verdict = Judgment.objects.filter(
        case=OuterRef("case"), round=OuterRef("round"), criterion=OuterRef("criterion"),
        marking=Allocation.Marking.FIRST,
    ).order_by().values("verdict")[:1]
    settled = Disagreement.objects.filter(settled_at__isnull=False).filter(Exists(released))
    if department:
        settled = settled.filter(case__candidate__department=department)
    settlements = (
        settled.annotate(first_verdict=Subquery(first_verdict)).filter(first_verdict__isnull=False).order_by()
        .values("criterion", "first_verdict", "settled_verdict").annotate(n=Count("*"))
        .values_list("criterion", "first_verdict", "settled_verdict", "n")
    )
    judged: dict[int, int] = defaultdict(int)
    competent: dict[int, int] = defaultdict(int)
    for criterion_id, verdict, n in tallies:
        judged[criterion_id] += n
        competent[criterion_id] += n if verdict == Verdict.COMPETENT else 0
    for criterion_id, verdict, final, n in settlements:  # the moderator's verdict replaces the first marker's
        competent[criterion_id] += n * ((final == Verdict.COMPETENT) - (verdict == Verdict.COMPETENT))
    merged: dict[str, CriterionRate] = {}
    for criterion in PerformanceCriterion.objects.filter(pk__in=judged).order_by("code", "pk"):
        # the same code in several revisions counts as one criterion
        rate = merged.setdefault(criterion.code, CriterionRate(
            criterion.code, in_language(criterion.text_th, criterion.text_en), 0, 0))
        rate.judged += judged[criterion.pk]
        rate.competent += competent[criterion.pk]
    return list(merged.values())


def exam_distribution(cases: QuerySet[AssessmentCase], start: datetime.date,
                      end: datetime.date) -> list[tuple[str, int]] | None:
    """Submitted exam attempts in the period by score, in bands of ten percent; None without an exams app."""
    try:
        from exams.models import Attempt
    except ImportError:
        return None
    try:
        with transaction.atomic():
            percents = list(
                Attempt.objects.filter(case__in=cases, status=Attempt.Status.SUBMITTED, percent__isnull=False,
                                       **_period("submitted_at", start, end))
                .values_list("percent", flat=True)
            )
    except DatabaseError:
        return None
    bins = [0] * 10
    for percent in percents:
        bins[min(int(percent) // 10, 9)] += 1
    return [(f"{10 * i}–{10 * i + 9 if i < 9 else 100}", count) for i, count in enumerate(bins)]


def monthly_certified(certificates: QuerySet[Certificate], start: datetime.date,
                      end: datetime.date) -> list[tuple[datetime.date, int]]:
    """Certificates issued per month in the period, months without any included."""
    counts = dict(
        certificates.filter(issued_on__gte=start, issued_on__lte=end, replaces__isnull=True)
        .annotate(month=TruncMonth("issued_on")).values("month").annotate(n=Count("pk")).values_list("month", "n")
    )
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append((month, counts.get(month, 0)))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def agency_figures(*, department: Department | None, start: datetime.date, end: datetime.date) -> AgencyFigures:
    cases = _cases_of(department)
    certificates = Certificate.objects.filter(department=department) if department else Certificate.objects.all()
    return AgencyFigures(
        department=department, start=start, end=end,
        enrolled=cases.filter(**_period("created_at", start, end)).count(),
        submitted=cases.filter(**_period("submitted_at", start, end)).count(),
        certified=certificates.filter(issued_on__gte=start, issued_on__lte=end, replaces__isnull=True).count(),
        criteria=criterion_rates(department, start, end),
        exam_bins=exam_distribution(cases, start, end),
        monthly=monthly_certified(certificates, start, end),
    )


def status_counts(certificates: QuerySet[Certificate]) -> dict[str, int]:
    today = timezone.localdate()
    return certificates.aggregate(
        valid=Count("pk", filter=Q(revoked_at__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gte=today))
                    & ~Q(suspended_until__gte=today)),
        suspended=Count("pk", filter=Q(revoked_at__isnull=True, suspended_until__gte=today)
                        & (Q(expires_on__isnull=True) | Q(expires_on__gte=today))),
        expired=Count("pk", filter=Q(revoked_at__isnull=True, expires_on__lt=today)),
        revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
    )
