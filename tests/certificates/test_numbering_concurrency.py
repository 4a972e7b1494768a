"""Certificates issued at the same moment get their own numbers: consecutive, never the same, no gap."""
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from certificates import services
from certificates.models import Certificate, CertificateCounter
from certificates.services import certificate_issue
from core.dates import buddhist_year
from tests.certificates.factories import competent_case_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_issues_at_once_get_consecutive_numbers(unit, superuser, monkeypatch):
    assert connection.vendor == "postgresql", "this test needs PostgreSQL's row locks"
    # Eight at once, not two: with two, an unlocked counter could still be read one after the other by luck.
    cases = [competent_case_for(by=superuser) for _ in range(8)]
    # The year's counter exists already, as after its first certificate: creating it would itself queue the issues.
    CertificateCounter.objects.create(series="DG-EJJM-026", year_be=buddhist_year(timezone.localdate()))
    # Each issue dawdles after taking its number, so the others arrive while it is still uncommitted.
    slow_code = services.new_code
    monkeypatch.setattr(services, "new_code", lambda: (time.sleep(0.2), slow_code())[1])
    start = threading.Barrier(len(cases))
    errors = []

    def issue(case):
        try:
            start.wait()
            certificate_issue(case=case, by=superuser)
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(case,)) for case in cases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == list(range(1, 9))
    assert len(set(Certificate.objects.values_list("number", flat=True))) == 8
