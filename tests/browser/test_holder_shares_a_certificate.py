"""A holder opens My certificates, downloads their certificate as an Open Badges credential, and finds an "Add to
LinkedIn profile" link filled in from the certificate; the downloaded file, brought back to the verification page,
is found authentic."""
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from tests.browser.conftest import sign_in, thai
from tests.certificates.factories import released_competent_case_for
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def holder_and_certificate(browser_unit):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    case = released_competent_case_for(by=admin, username="malee", first_name_th="มาลี", last_name_th="ศรีสุข")
    return case.candidate, case.certificates.get()


def test_the_holder_downloads_the_credential_and_adds_the_certificate_to_linkedin(page, live_server,
                                                                                 holder_and_certificate, tmp_path):
    holder, certificate = holder_and_certificate
    sign_in(page, live_server, holder)
    page.goto(f"{live_server.url}/certificates/")
    row = page.locator(f"[data-certificate='{certificate.number}']")

    with page.expect_download() as download_info:
        row.get_by_role("link", name=thai("Download credential (.json)")).click()
    download = download_info.value
    assert download.suggested_filename == f"{certificate.number}.json"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    credential = json.loads(saved.read_text(encoding="utf-8"))
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == certificate.holder_name_th
    assert credential["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"

    linkedin = row.get_by_role("link", name=thai("Add to LinkedIn profile"))
    assert linkedin.get_attribute("target") == "_blank"
    address = urlsplit(linkedin.get_attribute("href"))
    assert (address.scheme, address.netloc, address.path) == ("https", "www.linkedin.com", "/profile/add")
    params = parse_qs(address.query)
    assert params["startTask"] == ["CERTIFICATION_NAME"]
    assert params["name"] == [f"{certificate.unit_code} {certificate.unit_title_th}"]
    assert params["organizationName"] == [thai("DG-EJJM-026 competency portal")]
    assert params["issueYear"] == [str(certificate.issued_on.year)]  # LinkedIn reads Gregorian years
    assert params["issueMonth"] == [str(certificate.issued_on.month)]
    assert params["expirationYear"] == [str(certificate.expires_on.year)]
    assert params["certId"] == [certificate.number]
    assert params["certUrl"] == [f"{settings.PORTAL_BASE_URL}/verify/{certificate.code}/"]

    # The file in hand, brought to the verification page, is the one issued.
    page.goto(f"{live_server.url}/verify/")
    page.get_by_role("link", name=thai("Check an Open Badges credential (.json)")).click()
    page.get_by_label(thai("Credential file (.json)")).set_input_files(str(saved))
    page.get_by_role("button", name=thai("Check")).click()
    result = page.locator("[data-credential-check]")
    assert result.get_attribute("data-credential-check") == "valid"
    assert thai("The credential is authentic") in result.inner_text()


def test_a_changed_credential_brought_to_the_verification_page_is_not_valid_with_the_reason(
        english_page, live_server, holder_and_certificate, tmp_path):
    from certificates.badges import open_badge

    _holder, certificate = holder_and_certificate
    credential = open_badge(certificate)
    credential["credentialSubject"]["achievement"]["humanCode"] = "DG-EJJM-027"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(credential, ensure_ascii=False), encoding="utf-8")
    english_page.goto(f"{live_server.url}/verify/credential/")
    english_page.get_by_label("Credential file (.json)").set_input_files(str(changed))
    english_page.get_by_role("button", name="Check").click()
    result = english_page.locator("[data-credential-check]")
    assert result.get_attribute("data-credential-check") == "not-valid"
    assert "the credential was changed after it was issued" in result.inner_text()
