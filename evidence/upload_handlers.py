"""An upload handler that stops reading a file once it passes the size limit, so a huge upload never fills the disk."""
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


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
