"""Civil servants sign in with ThaID through a real OpenID Connect provider, link it to their account once, and are
refused, with nothing changed, when what comes back is tampered, expired, replayed or from elsewhere."""
import re
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import translation

from accounts.identity import link_invitation_create, national_id_digest
from accounts.models import ExternalIdentity, SignInEvent, User
from accounts.oidc import REASONS
from accounts.roles import Role
from tests.factories import UserFactory
from tests.oidc.harness import ACCOUNTS, free_port, sign_in_at_provider

pytestmark = pytest.mark.django_db


def thai(message: str) -> str:
    with translation.override("th"):
        return translation.gettext(message)


def start(client, provider="thaid", next_url=None):
    url = reverse("oidc:start", args=[provider]) + (f"?{urlencode({'next': next_url})}" if next_url else "")
    return client.post(url)


def provider_answer(client, account):
    """Start signing in at the portal and sign in at the provider as `account`: the callback address it returns."""
    response = start(client)
    assert response.status_code == 302, response
    return sign_in_at_provider(response["Location"], account)


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def signed_in_user(client):
    return client.get(reverse("portal:home")).context["user"]


def invite(user, admin=None) -> str:
    return link_invitation_create(user=user, by=admin)[1]


def link_with_invitation(client, account, user):
    callback = provider_answer(client, account)
    assert client.get(callback)["Location"] == reverse("oidc:link")
    return client.post(reverse("oidc:link"), {"action": "invitation", "invitation-code": invite(user)})


def test_the_sign_in_page_offers_thaid_first_when_it_is_configured(client, thaid, settings):
    settings.OIDC_PROVIDERS = [{**thaid.settings_for(slug="dga"), "display_name": "DGA Connect"},
                               thaid.settings_for()]
    page = client.get(reverse("accounts:login")).content.decode()
    assert page.index(thai("Sign in with ThaID")) < page.index("DGA Connect") < page.index('name="password"')


def test_without_a_provider_the_sign_in_page_offers_only_passwords(client, settings, candidate):
    settings.OIDC_PROVIDERS = []
    page = client.get(reverse("accounts:login")).content.decode()
    assert "ThaID" not in page
    client.post(reverse("accounts:login"), {"username": "alice", "password": "correct-horse-2569"})
    assert signed_in_user(client) == candidate


def test_a_first_thaid_sign_in_links_by_invitation_and_keeps_only_a_hash_of_the_national_id(client, thaid, candidate):
    users_before = User.objects.count()
    callback = provider_answer(client, "somchai")

    response = client.get(callback)

    assert response["Location"] == reverse("oidc:link"), "an unknown identity is offered linking, not an account"
    assert not signed_in_user(client).is_authenticated
    assert User.objects.count() == users_before

    response = client.post(reverse("oidc:link"), {"action": "invitation", "invitation-code": invite(candidate)})

    assert response.status_code == 302
    assert signed_in_user(client) == candidate
    identity = ExternalIdentity.objects.get(user=candidate)
    assert identity.provider == "thaid" and identity.linked_via == "invitation"
    assert identity.national_id_digest == national_id_digest(ACCOUNTS["somchai"]["pid"])
    assert client.session["assurance_level"] == "2.3"
    assert client.session["second_factor"] == "oidc", "ThaID asserted multi-factor (amr mfa)"
    event = SignInEvent.objects.get(user=candidate, outcome="signed_in")
    assert (event.provider, event.assurance_level, event.multi_factor) == ("thaid", "2.3", True)
    assert User.objects.count() == users_before
    # The national ID number is nowhere in the database, in any table.
    with connection.cursor() as cursor:
        for table in ("accounts_externalidentity", "accounts_signinevent", "django_session", "accounts_user"):
            cursor.execute(f"SELECT * FROM {table}")
            assert ACCOUNTS["somchai"]["pid"] not in repr(cursor.fetchall()), table

    # Signing in again needs no linking: the same person is found.
    client.post(reverse("accounts:logout"))
    response = client.get(provider_answer(client, "somchai"))
    assert response["Location"] == reverse("portal:home")
    assert signed_in_user(client) == candidate


def test_linking_by_agency_email_waits_for_the_person_to_confirm(client, thaid):
    person = UserFactory(username="somying", email="Somying@cgd.go.th", roles=[Role.CANDIDATE])
    client.get(provider_answer(client, "somying"))

    response = client.post(reverse("oidc:link"), {"action": "email", "email-email": "somying@cgd.go.th"})

    assert response.status_code == 200
    assert not ExternalIdentity.objects.exists(), "nothing is linked before the person confirms"
    (message,) = mail.outbox
    assert message.to == ["Somying@cgd.go.th"]
    link = next(word for word in message.body.split() if "/accounts/oidc/link/confirm/" in word)
    path = urlparse(link).path
    assert client.get(path).status_code == 200
    assert not ExternalIdentity.objects.exists(), "opening the link changes nothing"

    client.post(path)

    assert ExternalIdentity.objects.get(user=person).linked_via == "email"
    assert signed_in_user(client) == person
    assert client.session["assurance_level"] == "1.1"
    assert "second_factor" not in client.session


def test_a_confirmation_link_opened_in_another_browser_links_nothing(client, thaid):
    """Whoever reads the agency mailbox cannot link a stranger's sign-in by clicking: the link works only where the
    ThaID sign-in happened."""
    from django.test import Client

    UserFactory(username="somying", email="somying@cgd.go.th", roles=[Role.CANDIDATE])
    client.get(provider_answer(client, "somying"))
    client.post(reverse("oidc:link"), {"action": "email", "email-email": "somying@cgd.go.th"})
    path = urlparse(next(w for w in mail.outbox[0].body.split() if "/link/confirm/" in w)).path

    elsewhere = Client()
    assert elsewhere.get(path)["Location"] == reverse("accounts:login")
    assert elsewhere.post(path)["Location"] == reverse("accounts:login")

    assert not ExternalIdentity.objects.exists()
    assert not signed_in_user(elsewhere).is_authenticated


def test_an_address_without_an_account_gets_no_mail_and_the_same_answer(client, thaid):
    client.get(provider_answer(client, "somying"))
    response = client.post(reverse("oidc:link"), {"action": "email", "email-email": "nobody@cgd.go.th"})
    assert response.status_code == 200
    assert mail.outbox == []
    assert not ExternalIdentity.objects.exists()


def test_a_second_thaid_identity_cannot_link_to_an_account_already_linked(client, thaid, candidate):
    link_with_invitation(client, "somchai", candidate)
    client.post(reverse("accounts:logout"))
    users_before = User.objects.count()

    response = link_with_invitation(client, "intruder", candidate)

    assert response.status_code == 409
    assert thai("This account is already linked to another sign-in from the same service. Nothing was changed; ask the "
                "portal's administrator if that sign-in is no longer yours.") in response.content.decode()
    assert ExternalIdentity.objects.filter(user=candidate).count() == 1
    assert not signed_in_user(client).is_authenticated
    assert User.objects.count() == users_before


def test_a_wrong_invitation_code_links_nothing(client, thaid, candidate):
    client.get(provider_answer(client, "somchai"))
    response = client.post(reverse("oidc:link"), {"action": "invitation", "invitation-code": "made-up-code"})
    assert response.status_code == 400
    assert thai("This invitation code is not valid: it may be mistyped, used already or expired. Ask the portal's "
                "administrator for a new one.") in response.content.decode()
    assert not ExternalIdentity.objects.exists()


def assert_refused(client, response, reason: str):
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    with translation.override("th"):
        said = str(REASONS[reason])
    assert "ระบบไม่ได้เปลี่ยนแปลงสิ่งใด" in said, "the person is told in Thai that nothing was changed"
    assert said in messages_of(response)
    assert not signed_in_user(client).is_authenticated
    assert not ExternalIdentity.objects.exists()
    assert SignInEvent.objects.filter(outcome="refused", reason=reason).exists(), "the attempt is logged"


def test_an_id_token_altered_after_signing_is_refused(client, thaid, settings, caplog):
    settings.OIDC_PROVIDERS = [thaid.settings_for("tamper-portal")]
    users_before = User.objects.count()
    response = client.get(provider_answer(client, "somchai"))
    assert_refused(client, response, "token_invalid")
    assert User.objects.count() == users_before
    assert "refused (token_invalid)" in caplog.text


def test_an_expired_id_token_is_refused(client, thaid, settings):
    settings.OIDC_PROVIDERS = [thaid.settings_for("expiring-portal")]
    response = client.get(provider_answer(client, "somchai"))
    assert_refused(client, response, "token_expired")


def test_a_replayed_answer_is_refused(client, thaid, candidate):
    link_with_invitation(client, "somchai", candidate)
    first_callback = provider_answer(client, "somchai")
    client.get(first_callback)
    client.post(reverse("accounts:logout"))
    ExternalIdentity.objects.all().delete()

    # The same answer again: its state was used.
    response = client.get(first_callback)
    assert_refused(client, response, "state")

    # The old code with a fresh state: the provider refuses a code used once.
    fresh_state = parse_qs(urlparse(start(client)["Location"]).query)["state"][0]
    code = parse_qs(urlparse(first_callback).query)["code"][0]
    response = client.get(reverse("oidc:callback"), {"code": code, "state": fresh_state})
    assert_refused(client, response, "code_rejected")


def test_an_id_token_for_another_request_fails_the_nonce(client, thaid):
    callback = provider_answer(client, "somchai")
    state = parse_qs(urlparse(callback).query)["state"][0]
    session = client.session
    session["oidc_states"][state]["nonce"] = "nonce-of-another-request"
    session.save()
    response = client.get(callback)
    assert_refused(client, response, "token_invalid")


def test_a_wrong_state_is_refused(client, thaid):
    callback = provider_answer(client, "somchai")
    forged = callback.replace("state=", "state=forged")
    response = client.get(forged)
    assert_refused(client, response, "state")


def test_an_answer_naming_another_issuer_is_refused(client, thaid):
    callback = provider_answer(client, "somchai")
    query = parse_qs(urlparse(callback).query)
    response = client.get(reverse("oidc:callback"), {"code": query["code"][0], "state": query["state"][0],
                                                     "iss": "https://evil.example"})
    assert_refused(client, response, "issuer")


def test_a_provider_whose_discovery_names_another_issuer_is_refused(client, thaid, settings):
    settings.OIDC_PROVIDERS = [thaid.settings_for(issuer=thaid.issuer.replace("127.0.0.1", "localhost"))]
    response = start(client)
    assert_refused(client, response, "issuer")


def test_a_provider_that_does_not_answer_is_refused(client, thaid, settings):
    settings.OIDC_PROVIDERS = [thaid.settings_for(issuer=f"http://127.0.0.1:{free_port()}")]
    settings.OIDC_TIMEOUT = 2
    response = start(client)
    assert_refused(client, response, "provider_down")


def test_signing_out_signs_out_at_thaid_too(client, thaid, candidate):
    link_with_invitation(client, "somchai", candidate)
    response = client.post(reverse("accounts:logout"))
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}" == thaid.issuer
    assert parse_qs(location.query)["client_id"] == ["portal"]
    assert not signed_in_user(client).is_authenticated


def test_signing_out_after_a_password_sign_in_stays_on_the_portal(client, thaid, candidate):
    client.force_login(candidate)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("portal:home")


def test_an_administrator_invites_a_person_and_the_code_is_shown_once(client, thaid, superuser, candidate):
    from accounts.models import LinkInvitation

    client.force_login(superuser)
    response = client.post(reverse("admin:accounts_linkinvitation_add"), {"user": candidate.pk}, follow=True)

    (code,) = [found.group(1) for m in response.context["messages"]
               if (found := re.search(r": ([A-Za-z0-9_-]{24}) \(", str(m)))]
    invitation = LinkInvitation.objects.get(user=candidate)
    assert code not in repr(list(LinkInvitation.objects.values())), "only a digest of the code is kept"
    assert invitation.created_by == superuser

    client.logout()
    client.get(provider_answer(client, "somchai"))
    client.post(reverse("oidc:link"), {"action": "invitation", "invitation-code": code})
    assert signed_in_user(client) == candidate
    invitation.refresh_from_db()
    assert invitation.used_at is not None
