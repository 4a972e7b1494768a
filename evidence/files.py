"""Checks on an uploaded file before it is kept: size, type decided from its content, and readability."""
import errno
import hashlib
import zipfile
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.refusals import Refusal

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
PNG = "image/png"
JPEG = "image/jpeg"

EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx", PPTX: ".pptx", ODT: ".odt", ODS: ".ods", ODP: ".odp",
              PNG: ".png", JPEG: ".jpg"}

# Office Open XML parts that tell the three formats apart when libmagic only sees "a zip".
OOXML_MARKERS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
ODF_TYPES = {ODT, ODS, ODP}
MAX_NAME_LENGTH = 200


class UploadRefused(Refusal):
    """A file the portal will not keep, with the reason in the user's language."""


class StorageFull(UploadRefused):
    """The disk (or quota) holding uploads or their temporary files has no room for this file."""

    status = 507


# What the operating system says when a write finds no room: disk full, quota used up, file-size limit.
NO_ROOM_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def storage_full_message(names: list[str]) -> str:
    return _("%(names)s could not be stored: the portal's storage is full just now. Nothing was saved; "
             "please try again later.") % {"names": ", ".join(f"“{name}”" for name in names)}


@dataclass(frozen=True)
class InspectedUpload:
    upload: UploadedFile
    original_name: str
    content_type: str
    extension: str
    size: int
    sha256: str


def allowed_types_label() -> str:
    return "PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG"


def upload_inspect(upload: UploadedFile) -> InspectedUpload:
    """Refuse a file that is empty, too large, of a type not allowed, or unreadable; else describe it."""
    name = upload.name or ""
    if not name.strip():
        raise UploadRefused(_("The file has no name."))
    if len(name) > MAX_NAME_LENGTH:
        raise UploadRefused(
            _("The file name is too long (%(length)s characters; at most %(limit)s). Rename the file and try again.")
            % {"length": len(name), "limit": MAX_NAME_LENGTH}
        )
    if upload.size == 0:
        raise UploadRefused(_("“%(name)s” is empty.") % {"name": name})
    if upload.size > settings.EVIDENCE_MAX_FILE_BYTES:
        raise UploadRefused(
            _("“%(name)s” is %(size)s; a file may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size),
               "limit": filesizeformat(settings.EVIDENCE_MAX_FILE_BYTES)}
        )
    content_type = _sniff(upload)
    if content_type not in EXTENSIONS:
        raise UploadRefused(
            _("“%(name)s” is not a file type the portal accepts, whatever its name says. Accepted: %(types)s.")
            % {"name": name, "types": allowed_types_label()}
        )
    if not _readable(upload, content_type):
        raise UploadRefused(
            _("“%(name)s” looks damaged and cannot be opened. Save or export it again and upload the new copy.")
            % {"name": name}
        )
    return InspectedUpload(
        upload=upload,
        original_name=name,
        content_type=content_type,
        extension=EXTENSIONS[content_type],
        size=upload.size,
        sha256=_sha256(upload),
    )


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _sniff(upload: UploadedFile) -> str:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    content_type = magic.from_buffer(head, mime=True)
    if content_type in ("application/zip", "application/octet-stream", "application/x-zip-compressed"):
        content_type = _zip_office_type(upload) or content_type
    return content_type


def _zip_office_type(upload: UploadedFile) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared in ODF_TYPES else None
            if "[Content_Types].xml" in names:
                for marker, content_type in OOXML_MARKERS.items():
                    if marker in names:
                        return content_type
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    return None


def _readable(upload: UploadedFile, content_type: str) -> bool:
    upload.seek(0)
    try:
        if content_type == PDF:
            from pypdf import PdfReader

            return len(PdfReader(upload, strict=False).pages) > 0
        if content_type in (PNG, JPEG):
            from PIL import Image

            with Image.open(upload) as image:
                image.verify()
            return True
        with zipfile.ZipFile(upload) as archive:
            return archive.testzip() is None
    except Exception:  # every parser has its own errors; any of them means "cannot be opened"
        return False
    finally:
        upload.seek(0)
