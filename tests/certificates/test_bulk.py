"""Bulk download: the selection becomes a ZIP built in the background, with progress and a link that expires;
nothing, or too much, is refused with a clear message."""
import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from certificates import services
from certificates.models import BulkDownload, JobState

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(issue, agency_hr):
    return [issue(department=agency_hr.department) for _ in range(3)]


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _start(client, **filters):
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return client.post(f"{reverse('certificates:bulk_create')}?{query}", follow=True)


def test_the_zip_holds_one_pdf_per_certificate_rendering_those_not_yet_rendered(client, agency_hr, three):
    client.force_login(agency_hr)
    response = _start(client)
    bulk = BulkDownload.objects.get()
    assert response.redirect_chain[-1][0] == reverse("certificates:bulk_detail", args=[bulk.pk])
    assert "<progress" in response.content.decode()

    assert services.bulk_download_build(bulk_id=bulk.pk)
    status = client.get(reverse("certificates:bulk_status", args=[bulk.pk])).json()
    assert (status["state"], status["done"], status["total"]) == ("ready", 3, 3)
    download = client.get(status["download_url"])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert sorted(archive.namelist()) == sorted(f"{c.number}.pdf" for c in three)
    assert all(archive.read(name).startswith(b"%PDF") for name in archive.namelist())


def test_downloading_nothing_is_explained(client, agency_hr, three):
    client.force_login(agency_hr)
    response = _start(client, name="ไม่มีชื่อนี้")
    assert not BulkDownload.objects.exists()
    with translation.override("th"):  # the page speaks Thai, the portal's default
        assert _messages(response) == [gettext("There are no certificates in this selection to download.")]


def test_too_large_a_selection_is_explained(client, agency_hr, three, settings):
    settings.CERTIFICATE_BULK_MAX = 2
    client.force_login(agency_hr)
    response = _start(client)
    assert not BulkDownload.objects.exists()
    assert response.redirect_chain[-1][0].startswith(reverse("certificates:desk"))
    with translation.override("th"):
        assert _messages(response) == [gettext(
            "This selection holds more than %(limit)s certificates. Narrow it with the filters and download "
            "it in parts.") % {"limit": 2}]


def test_the_link_expires_and_the_file_is_purged(client, agency_hr, three):
    client.force_login(agency_hr)
    _start(client)
    bulk = BulkDownload.objects.get()
    services.bulk_download_build(bulk_id=bulk.pk)
    link = client.get(reverse("certificates:bulk_status", args=[bulk.pk])).json()["download_url"]
    BulkDownload.objects.filter(pk=bulk.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(link).status_code == 410
    assert client.get(reverse("certificates:bulk_status", args=[bulk.pk])).json()["state"] == "expired"
    assert services.expired_downloads_purge() == 1
    bulk.refresh_from_db()
    assert not bulk.file


def test_a_forged_link_is_refused(client, agency_hr, three):
    client.force_login(agency_hr)
    _start(client)
    bulk = BulkDownload.objects.get()
    services.bulk_download_build(bulk_id=bulk.pk)
    url = reverse("certificates:bulk_download", args=[bulk.pk])
    assert client.get(url, {"token": f"{bulk.pk}:forged"}).status_code == 410


def test_another_hr_officer_cannot_watch_or_download_it(client, agency_hr, other_agency_hr, three):
    client.force_login(agency_hr)
    _start(client)
    bulk = BulkDownload.objects.get()
    client.force_login(other_agency_hr)
    assert client.get(reverse("certificates:bulk_detail", args=[bulk.pk])).status_code == 404
    assert client.get(reverse("certificates:bulk_status", args=[bulk.pk])).status_code == 404


def test_a_job_left_pending_is_queued_again_by_the_sweep(agency_hr, three):
    bulk = services.bulk_download_request(by=agency_hr, certificates=services.Certificate.objects.all())
    BulkDownload.objects.filter(pk=bulk.pk).update(enqueued_at=timezone.now() - datetime.timedelta(hours=2))
    assert services.stale_jobs_requeue() >= 1
    bulk.refresh_from_db()
    assert bulk.state == JobState.PENDING and bulk.enqueued_at > timezone.now() - datetime.timedelta(minutes=1)
