"""The main page of every role costs the same number of queries however much data the portal holds.

Each page is opened by the role's known account of a small seeded data set and of one several times larger
(by the benchmarks' own seeder, bench/scale.py, so every kind of row is there: agencies, cases in every state,
evidence, allocations, judgments, decisions, certificates). A count that grows with the data is an N+1 query."""
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from assessments.models import Allocation, AssessmentCase
from bench.scale import KNOWN_ACCOUNTS, Sizes, role_pages, scale_seed
from certificates.models import Certificate
from evidence.models import EvidenceItem
from tests.two_factor import SignedInClient

pytestmark = pytest.mark.django_db

SMALL = Sizes(candidates=10, agencies=2, cases=10, evidence_files=40, certificates=3, assessors_per_agency=1,
              hr_officers_per_agency=1, standards_administrators=1, second_marking_share=0.5)
LARGE = Sizes(candidates=40, agencies=6, cases=60, evidence_files=900, certificates=80, assessors_per_agency=2,
              hr_officers_per_agency=1, standards_administrators=1, second_marking_share=0.5)


def _amounts() -> dict[str, int]:
    """How much the known accounts' pages have to show, to prove the larger set really is larger for them."""
    people = {role: User.objects.get(username=name) for role, name in KNOWN_ACCOUNTS.items()}
    return {
        "candidate's cases": AssessmentCase.objects.filter(candidate=people["candidate"]).count(),
        "candidate's evidence items": EvidenceItem.objects.filter(case__candidate=people["candidate"]).count(),
        "assessor's allocations": Allocation.objects.filter(assessor=people["assessor"]).count(),
        "agency's certificates": Certificate.objects.filter(department=people["hr"].department_id).count(),
        "certificates": Certificate.objects.count(),
        "cases": AssessmentCase.objects.count(),
    }


def _measure(sizes: Sizes) -> tuple[dict[str, int], dict[str, int]]:
    """Seed, count each page's queries (the second of two visits, once caches are warm), and roll it all back."""
    counts = {}
    with transaction.atomic():
        scale_seed(sizes=sizes)
        amounts = _amounts()
        clients = {"public": SignedInClient()}
        for role, username in KNOWN_ACCOUNTS.items():
            clients[role] = SignedInClient()
            clients[role].force_login(User.objects.get(username=username))
        for page in role_pages():
            client = clients[page.role]
            first = client.get(page.path)
            assert first.status_code == 200, f"{page.role} · {page.label}: {first.status_code}"
            with CaptureQueriesContext(connection) as captured:
                client.get(page.path)
            counts[f"{page.role} · {page.label}"] = len(captured)
        transaction.set_rollback(True)
    return amounts, counts


def test_every_main_page_costs_the_same_queries_with_more_data(unit, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    small_amounts, small = _measure(SMALL)
    large_amounts, large = _measure(LARGE)

    assert all(large_amounts[what] > small_amounts[what] for what in small_amounts), (small_amounts, large_amounts)
    assert len(small) == len(large) >= 30
    grown = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert not grown, f"query count (small, large) changes with the data: {grown}"
