"""People sign in, register as candidates, reset passwords, and are throttled after repeated failures."""
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse

from accounts.models import User
from accounts.permissions import has_role as user_has_role
from accounts.roles import Role
from tests.factories import TEST_PASSWORD, DepartmentFactory

pytestmark = pytest.mark.django_db


def test_every_role_has_its_group(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}


def test_standards_administrators_may_change_criteria_and_candidates_may_not(standards_administrator, candidate):
    assert standards_administrator.has_perm("competency.change_performancecriterion")
    assert not candidate.has_perm("competency.change_performancecriterion")


def test_a_person_signs_in_and_out(client, candidate):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("portal:home")).context["user"] == candidate

    client.post(reverse("accounts:logout"))
    assert not client.get(reverse("portal:home")).context["user"].is_authenticated


def test_a_wrong_password_says_so_in_thai(client, candidate):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "รหัสผ่านที่ถูกต้อง" in response.content.decode()


@override_settings(SIGN_IN_FAILURE_LIMIT=3)
def test_repeated_failed_sign_ins_are_throttled(client, candidate):
    for _attempt in range(3):
        client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"})

    response = client.post(reverse("accounts:login"), {"username": "alice", "password": TEST_PASSWORD})

    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode() or "เข้าสู่ระบบผิดพลาดหลายครั้ง" in (
        response.content.decode()
    )
    assert not client.get(reverse("portal:home")).context["user"].is_authenticated


def test_a_civil_servant_registers_as_a_candidate(client):
    department = DepartmentFactory()
    response = client.post(
        reverse("accounts:register"),
        {
            "username": "somsri",
            "email": "somsri@example.go.th",
            "name_prefix_th": "นางสาว",
            "first_name_th": "สมศรี",
            "last_name_th": "ดีงาม",
            "name_prefix_en": "Ms",
            "first_name_en": "Somsri",
            "last_name_en": "Dee-ngam",
            "position": "นักวิเคราะห์นโยบายและแผน",
            "department": department.pk,
            "password1": "a-Long-passphrase-2569",
            "password2": "a-Long-passphrase-2569",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="somsri")
    assert user_has_role(user, Role.CANDIDATE)
    assert not user.is_staff
    assert user.full_name_th == "นางสาวสมศรี ดีงาม"
    assert client.get(reverse("portal:home")).context["user"] == user


def test_registration_with_mismatched_passwords_creates_nobody(client):
    department = DepartmentFactory()
    response = client.post(
        reverse("accounts:register"),
        {
            "username": "somsri",
            "email": "somsri@example.go.th",
            "first_name_th": "สมศรี",
            "last_name_th": "ดีงาม",
            "first_name_en": "Somsri",
            "last_name_en": "Dee-ngam",
            "department": department.pk,
            "password1": "a-Long-passphrase-2569",
            "password2": "another-passphrase-2569",
        },
    )
    assert response.status_code == 400
    assert "รหัสผ่าน" in response.content.decode()
    assert not User.objects.filter(username="somsri").exists()


def test_a_forgotten_password_is_reset_by_email(client, candidate):
    client.post(reverse("accounts:password_reset"), {"email": candidate.email})
    assert len(mail.outbox) == 1
    assert candidate.username in mail.outbox[0].body
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/password/reset/" in line)
    path = link.split("testserver", 1)[1].strip()

    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "brand-New-pass-2569", "new_password2": "brand-New-pass-2569"},
    )

    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password("brand-New-pass-2569")


def test_a_signed_in_person_changes_their_password(client, candidate):
    client.force_login(candidate)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "brand-New-pass-2569", "new_password2": "brand-New-pass-2569"},
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.check_password("brand-New-pass-2569")


def test_names_follow_the_readers_language(candidate):
    from django.utils import translation

    with translation.override("th"):
        assert str(candidate).startswith("นายสมชาย")
    with translation.override("en"):
        assert str(candidate).startswith("Mr Somchai")


class TestDemoAccounts:
    def test_every_demo_account_exists_with_a_thai_name_an_agency_and_its_role(self, db):
        call_command("seed_demo", verbosity=0)
        expected = {
            "candidate1": Role.CANDIDATE,
            "candidate2": Role.CANDIDATE,
            "assessor1": Role.ASSESSOR,
            "assessor2": Role.ASSESSOR,
            "standards1": Role.STANDARDS_ADMINISTRATOR,
            "hr1": Role.HR_OFFICER,
            "coordinator1": Role.COORDINATOR,
            "moderator1": Role.MODERATOR,
        }
        for username, role in expected.items():
            user = User.objects.get(username=username)
            assert user_has_role(user, role), username
            assert user.first_name_th and user.last_name_th and user.department is not None
            assert user.check_password("demo-pass-2569")
        admin = User.objects.get(username="admin")
        assert admin.is_superuser and admin.check_password("demo-pass-2569")

    def test_seeding_twice_keeps_one_of_each(self, db):
        call_command("seed_demo", verbosity=0)
        call_command("seed_demo", verbosity=0)
        assert User.objects.filter(username__in=["candidate1", "admin"]).count() == 2

    @override_settings(DEMO_MODE=False)
    def test_demo_accounts_are_never_created_outside_demo_mode(self, db):
        with pytest.raises(CommandError):
            call_command("seed_demo", verbosity=0)
        assert not User.objects.filter(username="candidate1").exists()

    @override_settings(DEMO_PASSWORD="another-demo-pass")
    def test_the_demo_password_comes_from_the_setting(self, db):
        call_command("seed_demo", verbosity=0)
        assert User.objects.get(username="hr1").check_password("another-demo-pass")


def test_navigation_offers_standards_editing_only_to_those_who_may(client, standards_administrator, candidate):
    editor_link = reverse("authoring:index")
    client.force_login(candidate)
    assert editor_link not in client.get(reverse("portal:home")).content.decode()
    client.force_login(standards_administrator)
    assert editor_link in client.get(reverse("portal:home")).content.decode()
