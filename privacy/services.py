"""Writes and exports of personal data: a person's archive, their erasure request, anonymisation."""
import importlib
import json
import tempfile
import zipfile
from typing import IO

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import is_administrator
from core.refusals import Refusal

from .models import ErasureRequest

# Each app may offer `<app>/personal_data.py` with `export(user) -> dict` and `files(user) -> [(name, FieldFile)]`,
# so a new app's data joins the archive without this module changing.
CONTRIBUTOR_MODULE = "personal_data"


def _contributors():
    for config in apps.get_app_configs():
        try:
            yield config.label, importlib.import_module(f"{config.name}.{CONTRIBUTOR_MODULE}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{CONTRIBUTOR_MODULE}":
                raise


def personal_data_archive(*, user: User) -> IO[bytes]:
    """A ZIP of everything the portal holds about the person: data.json and their own files."""
    data: dict = {"exported_at": timezone.now()}
    archive_file = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
        for label, contributor in _contributors():
            data[label] = contributor.export(user)
            for name, field_file in getattr(contributor, "files", lambda u: [])(user):
                with field_file.open("rb") as source, archive.open(f"files/{label}/{name}", "w") as target:
                    for chunk in iter(lambda: source.read(1024 * 1024), b""):
                        target.write(chunk)
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
    archive_file.seek(0)
    return archive_file


@transaction.atomic
def erasure_request(*, user: User, reason: str = "") -> ErasureRequest:
    if ErasureRequest.objects.filter(user=user, status=ErasureRequest.Status.PENDING).exists():
        raise Refusal(_("Your request for erasure is already waiting for an administrator."))
    return ErasureRequest.objects.create(user=user, reason=reason.strip())


@transaction.atomic
def person_anonymise(*, user: User, by, erasure: ErasureRequest | None = None) -> User:
    """Remove what identifies the person; keep assessment records (and certificates' own copy of the
    holder's name, so a certificate already shown to others stays verifiable)."""
    if not is_administrator(by):
        raise Refusal(_("Only an administrator can anonymise a person."))
    user = User.objects.select_for_update().get(pk=user.pk)
    user.username = f"anonymised-{user.pk}"
    user.email = ""
    user.name_prefix_th = user.name_prefix_en = user.position = ""
    user.first_name_th, user.last_name_th = "ผู้ใช้", f"นิรนาม {user.pk}"
    user.first_name_en, user.last_name_en = "Anonymised", f"person {user.pk}"
    user.is_active = False
    user.set_unusable_password()
    user.save()
    # The keyed hash of the national ID and the provider's subject still single the person out: they go too.
    user.external_identities.all().delete()
    user.link_invitations.all().delete()
    if erasure is not None:
        erasure.status, erasure.handled_by, erasure.handled_at = ErasureRequest.Status.ANONYMISED, by, timezone.now()
        erasure.save()
    return user
