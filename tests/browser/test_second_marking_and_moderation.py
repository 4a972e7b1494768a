"""Every decision is second-marked (MODERATION_MODE=all): the markers agree and the candidate finds the
certificate; they disagree on two criteria and moderator1 (not a superuser) settles them and releases; a moderator
amends a certified decision and the public verification page shows the certificate revoked."""
import pytest

from accounts.roles import Role
from assessments.models import Allocation
from assessments.services import case_enrol, case_submit
from certificates.models import Certificate
from evidence.services import evidence_item_create
from judging.models import Decision
from judging.services import allocation_assign, decision_confirm, lease_acquire
from tests.browser.conftest import TIMEOUT_MS, sign_in, thai
from tests.browser.test_assessor_judges_a_case import DECLARATION_OPENING, _judge_every_criterion
from tests.exams.factories import pass_the_exam
from tests.factories import UserFactory
from tests.judging.factories import judge_all
from tests.samples import pdf_upload

pytestmark = pytest.mark.browser

FIRST_SUMMARY = "หลักฐานครบถ้วน ผู้ประเมินคนแรกเห็นว่าผ่าน"


@pytest.fixture
def people(browser_unit, settings):
    settings.MODERATION_MODE = "all"
    return {
        "candidate": UserFactory(username="candidate1", roles=[Role.CANDIDATE]),
        "first": UserFactory(username="assessor1", roles=[Role.ASSESSOR]),
        "second": UserFactory(username="assessor2", roles=[Role.ASSESSOR]),
        "moderator": UserFactory(username="moderator1", roles=[Role.MODERATOR]),
        "admin": UserFactory(username="admin", is_staff=True, is_superuser=True),
    }


@pytest.fixture
def case(people):
    """candidate1's portfolio, evidence for every criterion, submitted, exam passed, allocated to assessor1."""
    candidate = people["candidate"]
    case = case_enrol(candidate=candidate, unit_code="DG-EJJM-026")
    for n, criterion in enumerate(case.unit.criteria.order_by("order")):
        evidence_item_create(case=case, by=candidate, title=f"หลักฐาน {criterion.code}", kind="performance",
                             uploads=[pdf_upload(marker=str(n))], mappings={criterion.pk: f"แสดง {criterion.code}"})
    case_submit(case=case, by=candidate, summary="หลักฐานครบทุกเกณฑ์")
    pass_the_exam(case)
    Allocation.objects.create(case=case, assessor=people["first"], assigned_by=people["admin"])
    return case


@pytest.fixture
def open_as(browser, live_server):
    """A signed-in page for each person, each in their own browser context."""
    contexts = []

    def open_as(user):
        context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, live_server, user)
        return page

    yield open_as
    for context in contexts:
        context.close()


def _confirm(page, summary):
    page.locator("#decision textarea").fill(summary)
    page.get_by_role("button", name=thai("Confirm the decision")).click()
    page.wait_for_url("**/judging/")


def _first_marker_confirms(open_as, case, user):
    page = open_as(user)
    page.get_by_role("link", name=thai("My assessment queue")).click()
    page.locator(f"#queue a[href$='/judging/cases/{case.pk}/']").click()
    page.get_by_label(DECLARATION_OPENING).check()
    page.get_by_role("button", name=thai("Take this case and start judging")).click()
    page.wait_for_url(f"**/judging/cases/{case.pk}/")
    _judge_every_criterion(page, not_yet={})
    _confirm(page, FIRST_SUMMARY)
    # Done with the case: it has left the first marker's queue.
    assert page.locator(f"#queue a[href$='/judging/cases/{case.pk}/']").count() == 0
    assert Decision.objects.get(case=case).status == Decision.Status.AWAITING_SECOND_MARKING


def _second_marker_judges_blind(open_as, case, user, *, not_yet: dict[str, str], summary: str):
    page = open_as(user)
    page.get_by_role("link", name=thai("My assessment queue")).click()
    page.locator("#pool tr", has_text=f"#{case.pk} ").get_by_role("button", name=thai("Claim")).click()
    page.wait_for_url(f"**/judging/cases/{case.pk}/")
    page.get_by_label(DECLARATION_OPENING).check()
    page.get_by_role("button", name=thai("Take this case and start judging")).click()
    page.wait_for_url(f"**/judging/cases/{case.pk}/")
    _judge_every_criterion(page, not_yet=not_yet)
    # Ten of ten judged, and nothing of the first marking on the screen.
    assert FIRST_SUMMARY not in page.content()
    decision_card = page.locator("#decision").inner_text()
    assert thai("Awaiting second marking") not in decision_card  # the first marker's outcome and its status
    assert page.get_by_role("button", name=thai("Confirm the decision")).is_enabled()
    _confirm(page, summary)
    return page


def test_the_markers_agree_and_the_candidate_finds_the_certificate(open_as, people, case):
    _first_marker_confirms(open_as, case, people["first"])
    _second_marker_judges_blind(open_as, case, people["second"], not_yet={}, summary="เห็นตรงกันทุกเกณฑ์")

    candidate_page = open_as(people["candidate"])
    candidate_page.get_by_role("link", name=thai("My certificates")).click()
    certificate = Certificate.objects.get(case=case)
    row = candidate_page.locator(f"[data-certificate='{certificate.number}']")
    assert "DG-EJJM-026" in row.inner_text()
    row.get_by_role("link", name=thai("Verification page")).click()
    assert candidate_page.locator("[data-verification]").get_attribute("data-verification") == "valid"


def test_the_markers_disagree_on_two_criteria_and_the_moderator_settles_them(open_as, people, case, live_server):
    _first_marker_confirms(open_as, case, people["first"])
    _second_marker_judges_blind(open_as, case, people["second"], summary="เห็นต่างสองเกณฑ์",
                                not_yet={"DL201.01": "ยังไม่เห็นการวิเคราะห์สภาพปัจจุบัน",
                                         "DL203.02": "แผนการสื่อสารยังไม่ครบ"})
    assert Decision.objects.get(case=case).status == Decision.Status.AWAITING_MODERATION
    assert not Certificate.objects.filter(case=case).exists()

    moderator = people["moderator"]
    assert not moderator.is_superuser
    page = open_as(moderator)
    page.get_by_role("link", name=thai("Moderation")).click()
    cards = page.locator("article[id^=disagreement-]")
    assert cards.count() == 2
    assert "DL201.01" in cards.nth(0).inner_text() and "DL203.02" in cards.nth(1).inner_text()
    for _ in range(2):
        card = page.locator("article[id^=disagreement-]").first
        card.locator("input[type=radio][value='competent']").check()
        card.locator("textarea").fill("หลักฐานในแฟ้มแสดงเกณฑ์นี้ครบถ้วน")
        card.get_by_role("button", name=thai("Settle")).click()
        page.wait_for_url("**/judging/moderation/")
    assert thai("No disagreements are waiting.") in page.content()

    decision = Decision.objects.get(case=case)
    assert (decision.status, decision.outcome, decision.released_by) == (
        Decision.Status.RELEASED, Decision.Outcome.COMPETENT, moderator)
    candidate_page = open_as(people["candidate"])
    candidate_page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert candidate_page.locator("[data-outcome]").get_attribute("data-outcome") == "competent"
    assert Certificate.objects.filter(case=case, revoked_at__isnull=True).exists()


def test_a_moderator_amends_a_certified_decision_and_the_public_page_shows_it_revoked(open_as, people, case,
                                                                                    live_server):
    first, second = people["first"], people["second"]
    lease = lease_acquire(case=case, assessor=first)
    case.refresh_from_db()
    judge_all(case, first, lease)
    decision = decision_confirm(case=case, assessor=first, summary=FIRST_SUMMARY, lease_token=lease.token)
    allocation_assign(case=case, assessor=second, by=people["admin"], marking="second")
    lease = lease_acquire(case=case, assessor=second)
    judge_all(case, second, lease)
    decision_confirm(case=case, assessor=second, summary="เห็นตรงกัน", lease_token=lease.token)
    certificate = Certificate.objects.get(case=case)

    page = open_as(people["moderator"])
    page.get_by_role("link", name=thai("Moderation")).click()
    row = page.locator(f"#decision-{decision.pk}")
    row.locator("select[name=outcome]").select_option("not_yet_competent")
    row.locator("input[name=reason]").fill("พบการคัดลอกผลงาน")
    row.get_by_role("button", name=thai("Amend")).click()
    page.wait_for_url("**/judging/moderation/")

    page.goto(f"{live_server.url}/verify/{certificate.code}/")
    assert page.locator("[data-verification]").get_attribute("data-verification") == "revoked"
