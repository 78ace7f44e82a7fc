"""UploadField: the refusal is the field's error; a good file comes out as a CleanUpload."""

from django import forms
from django.utils.datastructures import MultiValueDict

from orbis.uploads.forms import UploadField, accept_attribute
from orbis.uploads.processing import CleanUpload
from tests import samples
from tests.samples import uploaded


class AttachmentForm(forms.Form):
    attachment = UploadField(required=False, kinds=("image", "pdf"))


def bound(data: bytes, name: str) -> AttachmentForm:
    return AttachmentForm(data={}, files=MultiValueDict({"attachment": [uploaded(data, name)]}))


def test_good_file_becomes_a_clean_upload():
    form = bound(samples.jpeg(), "yard.jpg")
    assert form.is_valid()
    clean = form.cleaned_data["attachment"]
    assert isinstance(clean, CleanUpload) and clean.kind == "image"


def test_refusal_is_the_field_error():
    form = bound(samples.mp3(), "song.mp3")
    assert not form.is_valid()
    assert form.errors["attachment"] == [
        "Here you can attach images or PDF documents; this file is an MP3 audio file."
    ]


def test_no_file_is_none_when_optional():
    form = AttachmentForm(data={}, files=MultiValueDict())
    assert form.is_valid()
    assert form.cleaned_data["attachment"] is None


def test_file_input_hints_the_accepted_types():
    html = str(AttachmentForm()["attachment"])
    assert 'accept="image/jpeg,.jpg,.jpeg' in html
    assert "application/pdf,.pdf" in html
    assert "audio" not in html
    assert accept_attribute(["document"]).startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document,.docx"
    )
