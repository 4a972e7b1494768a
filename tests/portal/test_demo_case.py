"""The demo data offers one case already waiting for second marking, so the path can be seen from `make run`."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from assessments.models import AssessmentCase
from judging.models import Decision
from judging.selectors import case_pool

pytestmark = pytest.mark.django_db


def test_seed_demo_leaves_a_case_waiting_for_a_second_marker_whom_the_pool_offers_it_to(unit, client, settings):
    settings.MODERATION_MODE = "none"  # the demo case waits for second marking whatever the setting

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)

    case = AssessmentCase.objects.get(candidate__username="candidate3")
    assert case.state == AssessmentCase.State.UNDER_ASSESSMENT
    assert Decision.objects.get(case=case).status == Decision.Status.AWAITING_SECOND_MARKING
    assessor2 = User.objects.get(username="assessor2")
    assert case in case_pool(assessor2)
    client.force_login(assessor2)
    client.post(reverse("judging:claim", args=[case.pk]))
    page = client.get(reverse("judging:screen", args=[case.pk])).content.decode()
    assert "แผนการสื่อสารยังไม่ระบุกลุ่มเป้าหมายและช่องทาง" not in page  # blind to assessor1's marking
