"""Two certificates issued at the same moment get two numbers: consecutive, never the same, no gap."""
import threading

import pytest
from django.db import connection

from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.certificates.factories import competent_case_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_issues_at_once_get_two_consecutive_numbers(unit, superuser):
    assert connection.vendor == "postgresql", "this test needs PostgreSQL's row locks"
    cases = [competent_case_for(by=superuser) for _ in range(2)]
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
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == [1, 2]
    assert len(set(Certificate.objects.values_list("number", flat=True))) == 2
