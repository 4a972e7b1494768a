"""The figures of the dashboard and the agency report: days in the portal's time zone, and a moderator's settlement
counting in a criterion's pass rate."""
import datetime

import pytest
from django.utils import timezone

from assessments.models import AssessmentCase
from certificates.selectors import agency_figures
from judging.models import Decision, Disagreement, Verdict
from judging.services import allocation_assign, decision_confirm, disagreement_settle, lease_acquire
from tests.factories import DepartmentFactory
from tests.judging.factories import judge_all

pytestmark = pytest.mark.django_db


def _local(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def test_a_day_of_the_period_is_a_day_in_the_portals_time_zone(competent_case, candidate):
    day = datetime.date(2026, 3, 11)
    # Half past midnight in Bangkok is still 10 March in UTC; one minute to midnight is the last of the day.
    AssessmentCase.objects.filter(pk=competent_case.pk).update(created_at=_local(day, 0, 30),
                                                               submitted_at=_local(day, 0, 30))
    Decision.objects.filter(case=competent_case).update(released_at=_local(day, 23, 59))
    one_day = datetime.timedelta(days=1)

    on_the_day = agency_figures(department=candidate.department, start=day, end=day)
    every_agency = agency_figures(department=None, start=day, end=day)
    day_before = agency_figures(department=candidate.department, start=day - one_day, end=day - one_day)
    day_after = agency_figures(department=candidate.department, start=day + one_day, end=day + one_day)

    assert (on_the_day.enrolled, on_the_day.submitted) == (1, 1)
    assert [(rate.judged, rate.competent) for rate in on_the_day.criteria] == [(1, 1)] * 10
    assert (every_agency.enrolled, every_agency.submitted, len(every_agency.criteria)) == (1, 1, 10)
    for outside in (day_before, day_after):
        assert (outside.enrolled, outside.submitted, outside.criteria) == (0, 0, [])


def test_a_moderators_settlement_replaces_the_first_markers_verdict(settings, lease, allocated_case, assessor,
                                                                     other_assessor, superuser, candidate):
    settings.MODERATION_MODE = "all"
    judge_all(allocated_case, assessor, lease, not_yet=("DL203.02",))
    decision_confirm(case=allocated_case, assessor=assessor, summary="ครั้งแรก", lease_token=lease.token)
    allocation_assign(case=allocated_case, assessor=other_assessor, by=superuser, marking="second")
    second_lease = lease_acquire(case=allocated_case, assessor=other_assessor)
    judge_all(allocated_case, other_assessor, second_lease, not_yet=("DL201.01",))
    decision_confirm(case=allocated_case, assessor=other_assessor, summary="ครั้งที่สอง",
                     lease_token=second_lease.token)
    settled = {"DL203.02": Verdict.COMPETENT, "DL201.01": Verdict.NOT_YET_COMPETENT}
    for disagreement in Disagreement.objects.select_related("criterion"):
        disagreement_settle(disagreement=disagreement, moderator=superuser,
                            verdict=settled[disagreement.criterion.code], reason="ตรวจหลักฐานซ้ำแล้ว")
    assert Decision.objects.get(case=allocated_case).status == Decision.Status.RELEASED
    today = timezone.localdate()

    figures = agency_figures(department=candidate.department, start=today, end=today)

    rates = {rate.code: (rate.judged, rate.competent) for rate in figures.criteria}
    assert rates.pop("DL203.02") == (1, 1)  # the first marker said not yet; the moderator, competent
    assert rates.pop("DL201.01") == (1, 0)  # the first marker said competent; the moderator, not yet
    assert list(rates.values()) == [(1, 1)] * 8
    assert agency_figures(department=DepartmentFactory(), start=today, end=today).criteria == []
