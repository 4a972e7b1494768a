"""Checks on an uploaded file before it is kept: size, type decided from its content, and readability."""
import errno
import hashlib
import os
import time
import unicodedata
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

# OOXML and ODF files are ZIP archives, and a small archive can unpack to gigabytes. They are inspected within
# fixed bounds, so no upload costs the web process more than a little memory and a second or two.
ARCHIVE_MAX_ENTRIES = 10_000
ARCHIVE_MAX_EXPANDED_BYTES = 256 * 1024 * 1024
ARCHIVE_MAX_RATIO = 100  # office XML packs 5–20 times; deflate cannot pack better than about 1,000 times
ARCHIVE_RATIO_FLOOR_BYTES = 1024 * 1024  # an entry this small may pack any amount: it cannot do harm
ARCHIVE_TIME_BUDGET_SECONDS = 1.5
ARCHIVE_CHUNK_BYTES = 64 * 1024
ODF_MIMETYPE_MAX_BYTES = 80  # the ODF `mimetype` entry holds one of the types above: 39–73 bytes
# Format characters (bidirectional overrides and the like) and control characters never reach a served name.
UNSERVED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})


class UploadRefused(Refusal):
    """A file the portal will not keep, with the reason in the user's language."""


class StorageFull(UploadRefused):
    """The disk (or quota) holding uploads or their temporary files has no room for this file."""

    status = 507


class _ArchiveRefused(Exception):
    """An archive outside the inspection bounds; `slow` when it ran out of time rather than room."""

    def __init__(self, *, slow: bool = False):
        super().__init__()
        self.slow = slow


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
    try:
        content_type = _sniff(upload)
        if content_type not in EXTENSIONS:
            raise UploadRefused(
                _("“%(name)s” is not a file type the portal accepts, whatever its name says. Accepted: %(types)s.")
                % {"name": name, "types": allowed_types_label()}
            )
        readable = _readable(upload, content_type)
    except _ArchiveRefused as refused:
        if refused.slow:
            message = _("“%(name)s” took too long to check, so it was not accepted. Save the document again "
                        "(or as PDF) and upload the new copy.")
        else:
            message = _("“%(name)s” unpacks to far more than its size (more than %(limit)s, or packed more "
                        "tightly than any document), so the portal will not open it. Save the document again "
                        "(or as PDF) and upload the new copy.")
        raise UploadRefused(message % {"name": name, "limit": filesizeformat(ARCHIVE_MAX_EXPANDED_BYTES)}) from None
    if not readable:
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


def served_name(original_name: str, extension: str) -> str:
    """The name a file is downloaded under: the uploader's name, cleaned, with the extension its content has.

    The original name is shown on pages, but a PDF named `minutes.html` must not be saved as HTML, and a
    right-to-left override must not make `…fdp.exe` look like `…exe.pdf`.
    """
    cleaned = "".join(ch for ch in original_name if unicodedata.category(ch) not in UNSERVED_CATEGORIES)
    stem = os.path.splitext(cleaned)[0].strip(" .")
    return f"{stem or 'evidence'}{extension}"


def _open_archive(upload: UploadedFile) -> zipfile.ZipFile:
    """The upload as a ZipFile, once its directory says it stays within the inspection bounds."""
    upload.seek(0)
    # ZipFile turns the whole directory into objects (a 20 MB one into some 400,000): count its entries from
    # the end record first, with the reader zipfile itself uses.
    end_record = zipfile._EndRecData(upload)
    if end_record is None:
        raise zipfile.BadZipFile("no end of central directory")
    if end_record[zipfile._ECD_ENTRIES_TOTAL] > ARCHIVE_MAX_ENTRIES:
        raise _ArchiveRefused()
    archive = zipfile.ZipFile(upload)
    infos = archive.infolist()
    within = (
        len(infos) <= ARCHIVE_MAX_ENTRIES
        and sum(info.file_size for info in infos) <= ARCHIVE_MAX_EXPANDED_BYTES
        and not any(_too_tight(info.file_size, info.compress_size) for info in infos)
    )
    if not within:
        archive.close()
        raise _ArchiveRefused()
    return archive


def _too_tight(expanded: int, packed: int) -> bool:
    return expanded > ARCHIVE_RATIO_FLOOR_BYTES and expanded > ARCHIVE_MAX_RATIO * max(packed, 1)


def _zip_office_type(upload: UploadedFile) -> str | None:
    try:
        with _open_archive(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    declared = entry.read(ODF_MIMETYPE_MAX_BYTES + 1).decode("ascii", "replace").strip()
                return declared if declared in ODF_TYPES else None
            if "[Content_Types].xml" in names:
                for marker, content_type in OOXML_MARKERS.items():
                    if marker in names:
                        return content_type
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
        return None
    finally:
        upload.seek(0)
    return None


def _archive_intact(upload: UploadedFile) -> bool:
    """Unpack every entry in small chunks (zipfile checks each CRC), within the bounds and the time budget."""
    deadline = time.monotonic() + ARCHIVE_TIME_BUDGET_SECONDS
    expanded_total = 0
    with _open_archive(upload) as archive:
        for info in archive.infolist():
            expanded = 0
            with archive.open(info) as entry:
                while chunk := entry.read(ARCHIVE_CHUNK_BYTES):
                    expanded += len(chunk)
                    expanded_total += len(chunk)
                    if expanded_total > ARCHIVE_MAX_EXPANDED_BYTES or _too_tight(expanded, info.compress_size):
                        raise _ArchiveRefused()
                    if time.monotonic() > deadline:
                        raise _ArchiveRefused(slow=True)
    return True


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
        return _archive_intact(upload)
    except _ArchiveRefused:
        raise
    except Exception:  # every parser has its own errors; any of them means "cannot be opened"
        return False
    finally:
        upload.seek(0)
