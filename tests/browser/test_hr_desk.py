"""hr1 filters the HR desk, downloads one certificate, starts a bulk ZIP, watches its progress bar finish and
downloads a ZIP holding one PDF per certificate listed."""
import io
import time
import zipfile

import pytest

from accounts.demo import demo_accounts_ensure
from accounts.models import User
from certificates.models import Certificate, JobState
from config.celery import app
from tests.browser.conftest import sign_in, thai
from tests.certificates.factories import released_competent_case_for
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def _wait_rendered(seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while Certificate.objects.exclude(render_state=JobState.READY).exists():
        assert time.monotonic() < deadline, "the worker did not render the certificates in time"
        time.sleep(0.3)


@pytest.fixture
def empty_queue():
    app.control.purge()


def test_hr1_filters_downloads_one_pdf_and_a_bulk_zip(page, live_server, browser_unit, empty_queue, celery_worker):
    demo_accounts_ensure(password=TEST_PASSWORD)
    hr1, admin = User.objects.get(username="hr1"), User.objects.get(username="admin")
    for first_name in ("สมชาย", "สมชาย", "สมชาย", "วันดี", "ปรีชา"):
        released_competent_case_for(by=admin, first_name_th=first_name, department=hr1.department)
    released_competent_case_for(by=admin, first_name_th="สมชาย")  # another agency: never listed for hr1
    _wait_rendered()

    sign_in(page, live_server, hr1, TEST_PASSWORD)
    page.get_by_role("link", name=thai("HR desk")).click()
    rows = page.locator("#certificates tbody tr[data-certificate]")
    assert rows.count() == 5

    page.get_by_label(thai("Name or number")).fill("สมชาย")
    page.get_by_role("button", name=thai("Filter")).click()
    page.wait_for_url("**name=*")
    assert rows.count() == 3

    with page.expect_download() as one:
        rows.first.locator("[data-download-pdf]").click()
    assert one.value.suggested_filename == f"{rows.first.get_attribute('data-certificate')}.pdf"
    with open(one.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_role("button", name=thai("Download all as ZIP")).click()
    page.wait_for_url("**/hr/bulk/*/")
    bar = page.locator(".job-progress progress")
    link = page.get_by_role("link", name=thai("Download the ZIP"))
    link.wait_for(state="visible", timeout=60_000)
    assert bar.get_attribute("value") == bar.get_attribute("max") == "3"
    with page.expect_download() as bulk:
        link.click()
    with open(bulk.value.path(), "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    names = archive.namelist()
    assert len(names) == 3 and all(name.endswith(".pdf") for name in names)
    expected = set(Certificate.objects.filter(department=hr1.department, holder_name_th__contains="สมชาย")
                   .values_list("number", flat=True))
    assert {name.removesuffix(".pdf") for name in names} == expected
