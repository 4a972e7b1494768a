"""Upload handlers: one stops reading a file past the size limit, so a huge upload never fills the disk; another
streams large files to a temporary file and, when that disk is full, drops the file and tells the view."""
import contextlib

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, TemporaryFileUploadHandler

from .files import NO_ROOM_ERRNOS


class SizeLimitUploadHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.EVIDENCE_MAX_FILE_BYTES:
            # The view reads this list to tell the candidate which file was too large.
            oversize = getattr(self.request, "oversize_uploads", [])
            oversize.append(self.file_name)
            self.request.oversize_uploads = oversize
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


class NoRoomAwareTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler, except that a write failing for lack of room is not a 500: the half-written
    temporary file is removed and the file's name is kept in request.unstored_uploads for the view to report."""

    def new_file(self, *args, **kwargs):
        try:
            super().new_file(*args, **kwargs)
        except OSError as exc:
            if exc.errno not in NO_ROOM_ERRNOS:
                raise
            # self.file may still be the previous, complete upload of this request: leave that one alone.
            self.__dict__.pop("file", None)
            self._note_unstored()
            raise SkipFile from exc

    def receive_data_chunk(self, raw_data, start):
        try:
            return super().receive_data_chunk(raw_data, start)
        except OSError as exc:
            if exc.errno not in NO_ROOM_ERRNOS:
                raise
            self._discard()
            raise SkipFile from exc

    def file_complete(self, file_size):
        try:
            return super().file_complete(file_size)  # flushes what is still buffered
        except OSError as exc:
            if exc.errno not in NO_ROOM_ERRNOS:
                raise
            self._discard()
            return None  # the parser then leaves the file out of request.FILES

    def _discard(self) -> None:
        with contextlib.suppress(OSError):  # closing flushes again, and fails again; the file is deleted anyway
            self.file.close()
        self._note_unstored()

    def _note_unstored(self) -> None:
        unstored = getattr(self.request, "unstored_uploads", [])
        unstored.append(self.file_name)
        self.request.unstored_uploads = unstored
