"""A form field that runs `clean_upload`, so that a refusal shows as the field's error.

class PostForm(forms.Form):
    attachment = UploadField(label=_("Attachment"), required=False, kinds=("image", "pdf"))

form.cleaned_data["attachment"]  # a CleanUpload (or None), ready for store_upload
"""

from collections.abc import Iterable

from django import forms

from orbis.core import filetypes
from orbis.core.filetypes import KINDS

from .processing import UploadRefused, clean_upload


def accept_attribute(kinds: Iterable[str] = KINDS) -> str:
    """The file input's `accept` list for these kinds: a hint for the browser's file picker
    (types and extensions); the server checks the content anyway."""
    kinds = set(kinds)
    accepted = []
    for sniffed in filetypes.ALL:
        if sniffed.kind in kinds:
            accepted.append(sniffed.content_type)
            accepted.extend(f".{extension}" for extension in filetypes.EXTENSIONS[sniffed])
    return ",".join(dict.fromkeys(accepted))


class UploadField(forms.FileField):
    def __init__(self, *, kinds: Iterable[str] = KINDS, **kwargs):
        self.kinds = tuple(kinds)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", accept_attribute(self.kinds))

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded:
            return None
        try:
            return clean_upload(uploaded, allowed_kinds=self.kinds)
        except UploadRefused as refused:
            raise forms.ValidationError(refused.message, code="refused") from None
