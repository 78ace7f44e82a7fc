"""An upload handler that never writes more to disk than the largest upload Orbis accepts.

Django writes each uploaded file larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file
as it arrives. This one stops writing past the largest limit in ORBIS_UPLOAD_MAX_BYTES but goes
on counting, so that the file's `size` is the real one and `clean_upload` refuses it with the
sizes in its message ("Videos can be at most 200 MB; this one is 250 MB"). The content of such
a file is cut off: it is marked `size_exceeded` and must never be stored (`clean_upload`
refuses it by its size before reading it).

The body still crosses the network: the web server's own limit (e.g. nginx
`client_max_body_size`) is the first line.
"""

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class CappedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.cap = max(settings.ORBIS_UPLOAD_MAX_BYTES.values()) + 1
        self.written = 0

    def receive_data_chunk(self, raw_data, start):
        room = self.cap - self.written
        if room > 0:
            self.file.write(raw_data[:room])
            self.written += min(len(raw_data), room)

    def file_complete(self, file_size):
        uploaded = super().file_complete(file_size)
        uploaded.size_exceeded = file_size > self.written
        return uploaded
