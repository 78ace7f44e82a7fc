"""The posts' attachments and their thumbnails, for whoever may see the post."""

from django.http import Http404
from django.views.decorators.http import require_GET

from orbis.projects.access import member_project
from orbis.uploads.serving import file_response

from .. import selectors
from ..models import AttachmentKind

# PDFs open in the browser's viewer too (file_response keeps them apart from our pages); office
# documents are always downloads.
INLINE_KINDS = {
    AttachmentKind.IMAGE,
    AttachmentKind.AUDIO,
    AttachmentKind.VIDEO,
    AttachmentKind.PDF,
}


def _attachment(request, token, attachment_id):
    project, viewer = member_project(request, token)
    attachment = selectors.attachment_for(project, viewer, attachment_id)
    if attachment is None:
        raise Http404
    return attachment


@require_GET
def board_file(request, token, attachment_id):
    attachment = _attachment(request, token, attachment_id)
    return file_response(
        attachment.file,
        name=attachment.name,
        content_type=attachment.content_type,
        inline=attachment.kind in INLINE_KINDS,
        request=request,
    )


@require_GET
def board_thumbnail(request, token, attachment_id):
    attachment = _attachment(request, token, attachment_id)
    if not attachment.thumbnail:
        raise Http404
    return file_response(
        attachment.thumbnail,
        name=f"thumbnail-{attachment.pk}.webp",
        content_type="image/webp",
        inline=True,
        request=request,
    )
