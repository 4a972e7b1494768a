"""Fixtures shared by the whole suite: the real unit, and one person for every role."""
import os

import pytest
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings

from accounts.roles import Role
from tests.factories import UserFactory
from tests.two_factor import SignedInClient

# `make test` is the gate CI runs: the fuzz tests try the same examples every run, so a red run can be re-run
# and a green one is not luck. HYPOTHESIS_PROFILE=explore searches new examples (run it before a release).
hypothesis_settings.register_profile("gate", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))


@pytest.fixture
def unit(db):
    """The real standard DG-EJJM-026, revision 1 / 2567, loaded from the project's fixture."""
    from competency.models import Unit

    call_command("loaddata", "dg_ejjm_026", verbosity=0)
    return Unit.objects.get(code="DG-EJJM-026", revision_number=1)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores uploads in its own temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def client():
    """pytest-django's client, except that `force_login` stands for a sign-in that passed the second factor, which
    staff owe (accounts/two_factor.py); tests of the second factor itself sign in through the forms."""
    return SignedInClient()


@pytest.fixture
def candidate(db):
    return UserFactory(username="alice", roles=[Role.CANDIDATE])


@pytest.fixture
def other_candidate(db):
    return UserFactory(username="bob", roles=[Role.CANDIDATE])


@pytest.fixture
def assessor(db):
    return UserFactory(username="carol", roles=[Role.ASSESSOR])


@pytest.fixture
def standards_administrator(db):
    return UserFactory(username="dan", is_staff=True, roles=[Role.STANDARDS_ADMINISTRATOR])


@pytest.fixture
def hr_officer(db):
    return UserFactory(username="erin", roles=[Role.HR_OFFICER])


@pytest.fixture
def coordinator(db):
    return UserFactory(username="gina", roles=[Role.COORDINATOR])


@pytest.fixture
def moderator(db):
    return UserFactory(username="hugo", roles=[Role.MODERATOR])


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def other_assessor(db):
    return UserFactory(username="frank", roles=[Role.ASSESSOR])


@pytest.fixture
def case(unit, candidate):
    """candidate's draft case in DG-EJJM-026."""
    from assessments.services import case_enrol

    return case_enrol(candidate=candidate, unit_code="DG-EJJM-026")


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker on the configured broker, in a thread of the test process."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    # Messages left on the broker by an earlier test or an interrupted run would be this worker's first
    # work, delaying or confusing the test that started it.
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker


@pytest.fixture
def submitted_case(case, candidate):
    """candidate's case with evidence for every criterion, submitted."""
    from assessments.services import case_submit
    from evidence.services import evidence_item_create
    from tests.samples import pdf_upload

    for n, criterion in enumerate(case.unit.criteria.order_by("order")):
        evidence_item_create(
            case=case, by=candidate, title=f"หลักฐาน {criterion.code}", kind="performance",
            uploads=[pdf_upload(f"{criterion.code}.pdf", marker=str(n))],
            mappings={criterion.pk: f"แสดง {criterion.code}"},
        )
    case_submit(case=case, by=candidate, summary="หลักฐานครบทุกเกณฑ์")
    case.refresh_from_db()
    return case


@pytest.fixture
def allocated_case(submitted_case, assessor, superuser):
    """The submitted case, allocated to the assessor."""
    from assessments.models import Allocation

    Allocation.objects.create(case=submitted_case, assessor=assessor, assigned_by=superuser)
    return submitted_case


@pytest.fixture
def lease(allocated_case, assessor):
    """The assessor holds the allocated case (which starts its assessment)."""
    from judging.services import lease_acquire

    lease = lease_acquire(case=allocated_case, assessor=assessor)
    allocated_case.refresh_from_db()
    return lease


@pytest.fixture(scope="session")
def openid_provider(live_server, tmp_path_factory):
    """A real OpenID Connect provider (panva's oidc-provider on Node) on a free loopback port, for the whole run.

    It knows the portal as a client whose callback is on the test client's host and on the live server's."""
    from tests.oidc.harness import start_provider

    provider = start_provider(tmp_path_factory.mktemp("oidc"), ["http://testserver", live_server.url])
    yield provider
    provider.process.terminate()
    try:
        provider.process.wait(timeout=10)
    except Exception:
        provider.process.kill()


@pytest.fixture
def thaid(openid_provider, settings):
    """The portal configured with the test provider as ThaID."""
    settings.OIDC_PROVIDERS = [openid_provider.settings_for()]
    return openid_provider


@pytest.fixture(scope="session")
def local_pki(tmp_path_factory):
    """A real PKI on loopback (certomancer): root, intermediate, the agency's signer, a TSA, OCSP and CRLs."""
    from tests.pki import LocalPki

    pki = LocalPki(tmp_path_factory.mktemp("pki")).start()
    yield pki
    pki.stop()


@pytest.fixture(scope="session")
def pki_nss(local_pki, tmp_path_factory):
    """An NSS database for pdfsig that trusts the local PKI's root, as a relying party would."""
    from tests.pki import nss_database

    return nss_database(tmp_path_factory.mktemp("nss"), local_pki.root_pem)


@pytest.fixture
def signing_pki(local_pki, settings):
    """The portal signs with the local PKI's signer, timestamps with its TSA and trusts its root."""
    for name, value in local_pki.settings().items():
        setattr(settings, name, value)
    return local_pki
