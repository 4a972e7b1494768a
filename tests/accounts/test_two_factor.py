"""Two-factor sign-in: staff set up an authenticator app and then enter its codes; candidates may opt in.

Codes come from the tests' own RFC 6238 computation (tests/two_factor.py), never from django-otp's. The client
signs in through the sign-in form here: `force_login` would stand for a sign-in that already passed.
"""
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_TOTP_SECRET
from accounts.services import recovery_codes_regenerate
from tests.factories import TEST_PASSWORD
from tests.two_factor import give_authenticator, next_usable_code, time_step, totp_code

pytestmark = pytest.mark.django_db

APP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def thai(message: str) -> str:
    with translation.override("th"):
        return translation.gettext(message)


WRONG_CODE = ("That code is not right. Enter the 6-digit code your authenticator app shows now, or one of your "
              "recovery codes.")


def sign_in_with_password(client, user, next_url=""):
    data = {"username": user.username, "password": TEST_PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("accounts:login"), data)
    assert response.status_code == 302, "the password was refused"
    return client.get(response["Location"])


def another_code(code: str) -> str:
    return f"{(int(code) + 500_000) % 1_000_000:06d}"


def test_the_tests_totp_matches_the_rfc_6238_test_vectors():
    seed = b"12345678901234567890"
    vectors = {59: "94287082", 1111111109: "07081804", 1111111111: "14050471", 1234567890: "89005924",
               2000000000: "69279037", 20000000000: "65353130"}
    assert {at: totp_code(seed, at=at, digits=8) for at in vectors} == vectors


def test_an_assessor_without_an_app_is_made_to_set_one_up_and_then_reaches_the_queue(client, assessor):
    queue = reverse("judging:queue")

    page = sign_in_with_password(client, assessor, next_url=queue)

    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:two_factor_enrol"))
    assert client.get(queue)["Location"].startswith(reverse("accounts:two_factor_enrol"))
    enrol = client.get(page["Location"])
    assert thai("Set up an authenticator app") in enrol.content.decode()

    shown = client.get(client.post(reverse("accounts:two_factor_enrol"), {"next": queue})["Location"])
    html = shown.content.decode()
    secret = re.search(r'data-secret="([A-Z2-7 ]+)"', html).group(1)
    assert 'src="data:image/svg+xml' in html, "the QR code is an inline image the CSP allows"
    assert not TOTPDevice.objects.filter(user=assessor, confirmed=True).exists()

    wrong = client.post(reverse("accounts:two_factor_enrol_confirm"), {"code": another_code(totp_code(secret)),
                                                                       "next": queue})
    assert wrong.status_code == 400
    assert thai("That code is not right. Enter the 6-digit code the app shows now for this portal, after scanning "
                "the QR code or typing in the key.") in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=assessor, confirmed=True).exists()

    time.sleep(1.1)  # django-otp's back-off after one wrong code
    codes_page = client.post(reverse("accounts:two_factor_enrol_confirm"), {"code": totp_code(secret),
                                                                            "next": queue})
    assert codes_page.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", codes_page.content.decode())
    assert len(codes) == 10
    assert f'href="{queue}"' in codes_page.content.decode()
    assert client.get(queue).status_code == 200

    client.post(reverse("accounts:logout"))
    again = sign_in_with_password(client, assessor, next_url=queue)
    assert again["Location"].startswith(reverse("accounts:two_factor_verify")), "the next sign-in asks for a code"


def test_a_wrong_code_is_refused_in_thai_and_the_pages_stay_closed(client, assessor):
    device = give_authenticator(assessor, APP_SECRET)
    sign_in_with_password(client, assessor)

    response = client.post(reverse("accounts:two_factor_verify"), {"code": another_code(totp_code(APP_SECRET))})

    assert response.status_code == 400
    assert thai(WRONG_CODE) in response.content.decode()
    assert thai(WRONG_CODE) != WRONG_CODE, "the message has its Thai translation"
    assert client.get(reverse("judging:queue"))["Location"].startswith(reverse("accounts:two_factor_verify"))
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_codes_right_after_a_wrong_one_wait_for_the_back_off(client, assessor):
    device = give_authenticator(assessor, APP_SECRET)
    sign_in_with_password(client, assessor)
    client.post(reverse("accounts:two_factor_verify"), {"code": another_code(totp_code(APP_SECRET))})
    client.post(reverse("accounts:two_factor_verify"), {"code": another_code(totp_code(APP_SECRET))})

    throttled = client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(APP_SECRET)})

    assert throttled.status_code == 429
    assert re.search(thai("Too many wrong codes. Wait %(seconds)s seconds, then enter the code your app shows at "
                          "that time.").replace("%(seconds)s", r"\d+"), throttled.content.decode())
    assert client.get(reverse("judging:queue")).status_code == 302

    # The wait passes.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=5))
    passed = client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(APP_SECRET),
                                                                 "next": reverse("judging:queue")})
    assert passed["Location"] == reverse("judging:queue")
    assert client.get(reverse("judging:queue")).status_code == 200


def test_a_code_from_the_app_is_good_once(client, assessor):
    device = give_authenticator(assessor, APP_SECRET)
    code = totp_code(APP_SECRET, counter=time_step())
    sign_in_with_password(client, assessor)
    assert client.post(reverse("accounts:two_factor_verify"), {"code": code})["Location"] == reverse("portal:home")
    client.post(reverse("accounts:logout"))

    sign_in_with_password(client, assessor)
    replayed = client.post(reverse("accounts:two_factor_verify"), {"code": code})

    assert replayed.status_code == 400
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None, throttling_failure_count=0)
    fresh = client.post(reverse("accounts:two_factor_verify"), {"code": next_usable_code(device)})
    assert fresh.status_code == 302


def test_a_recovery_code_works_once_only(client, assessor):
    give_authenticator(assessor, APP_SECRET)
    codes = recovery_codes_regenerate(user=assessor)
    sign_in_with_password(client, assessor)

    used = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0].upper()}, follow=True)

    assert used.redirect_chain[0][0] == reverse("portal:home")
    assert thai("You used a recovery code; it cannot be used again. Codes left: %(count)s.") % {"count": 9} in (
        used.content.decode())
    assert client.get(reverse("judging:queue")).status_code == 200
    client.post(reverse("accounts:logout"))

    sign_in_with_password(client, assessor)
    again = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert again.status_code == 400
    assert thai(WRONG_CODE) in again.content.decode()
    assert StaticToken.objects.filter(device__user=assessor).count() == 9


def test_a_candidate_is_not_asked_for_a_code_until_they_opt_in(client, candidate):
    page = sign_in_with_password(client, candidate)
    assert page.status_code == 200
    assert client.get(reverse("assessments:case_list")).status_code == 200
    assert thai("Off: you sign in with your password alone.") in client.get(reverse("accounts:two_factor")).content.decode()

    shown = client.get(client.post(reverse("accounts:two_factor_enrol"))["Location"])
    secret = re.search(r'data-secret="([A-Z2-7 ]+)"', shown.content.decode()).group(1)
    codes_page = client.post(reverse("accounts:two_factor_enrol_confirm"), {"code": totp_code(secret)})
    assert len(re.findall(r"<li>([a-z2-7]{8})</li>", codes_page.content.decode())) == 10
    client.post(reverse("accounts:logout"))

    again = sign_in_with_password(client, candidate)
    assert again["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert client.get(reverse("assessments:case_list")).status_code == 302


def test_django_admin_is_closed_until_the_second_factor(client, standards_administrator):
    give_authenticator(standards_administrator, APP_SECRET)
    sign_in_with_password(client, standards_administrator)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(APP_SECRET)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_password_alone_cannot_swap_in_another_app(client, assessor):
    device = give_authenticator(assessor, APP_SECRET)
    sign_in_with_password(client, assessor)

    response = client.post(reverse("accounts:two_factor_enrol"))

    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert list(TOTPDevice.objects.filter(user=assessor)) == [device]
    assert client.post(reverse("accounts:two_factor_remove")).status_code == 302
    assert TOTPDevice.objects.filter(user=assessor).exists()


def test_staff_who_remove_their_app_set_up_a_new_one_before_anything_else(client, assessor):
    give_authenticator(assessor, APP_SECRET)
    client.force_login(assessor)  # signed in and passed the second factor
    assert client.get(reverse("judging:queue")).status_code == 200

    response = client.post(reverse("accounts:two_factor_remove"))

    assert response["Location"] == reverse("accounts:two_factor_enrol")
    assert not TOTPDevice.objects.filter(user=assessor).exists()
    assert client.get(reverse("judging:queue"))["Location"].startswith(reverse("accounts:two_factor_enrol"))


def test_new_recovery_codes_replace_the_old_ones(client, assessor):
    give_authenticator(assessor, APP_SECRET)
    old = recovery_codes_regenerate(user=assessor)
    client.force_login(assessor)
    assert thai("On: when you sign in with your password you also enter a code from your authenticator app.") in (
        client.get(reverse("accounts:two_factor")).content.decode())

    page = client.post(reverse("accounts:two_factor_recovery_codes"))

    new = re.findall(r"<li>([a-z2-7]{8})</li>", page.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    client.post(reverse("accounts:logout"))
    sign_in_with_password(client, assessor)
    assert client.post(reverse("accounts:two_factor_verify"), {"code": old[1]}).status_code == 400


def test_demo_staff_sign_in_with_the_code_of_the_secret_in_the_readme(client):
    call_command("seed_demo", verbosity=0)
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    secret = re.search(r"authenticator secret[^`]*`([A-Z2-7]+)`", readme).group(1)
    assert secret == DEMO_TOTP_SECRET

    client.post(reverse("accounts:login"), {"username": "assessor1", "password": settings.DEMO_PASSWORD})
    response = client.post(reverse("accounts:two_factor_verify"), {"code": totp_code(secret),
                                                                   "next": reverse("judging:queue")})

    assert response["Location"] == reverse("judging:queue")
    assert client.get(reverse("judging:queue")).status_code == 200
    assert not TOTPDevice.objects.filter(user__username="candidate1").exists()
