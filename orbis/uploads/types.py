"""What a checked upload is, between `clean_upload` (processing.py) and `store_upload`
(storage.py): its own module so that neither of the two imports the other for it."""

from dataclasses import dataclass

from django.core.files import File


@dataclass
class CleanUpload:
    kind: str
    content_type: str
    name: str
    file: File
    size: int
    thumbnail: File | None
    width: int | None
    height: int | None
    # The name to show and offer on download (the person's words, any script); `name` is the
    # ASCII one for storage.
    display_name: str = ""
