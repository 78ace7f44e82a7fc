"""Which classroom a teacher's request may reach: her own, and nobody else's."""

from django.shortcuts import get_object_or_404

from .models import Classroom


def get_own_classroom(request, classroom_id: int) -> Classroom:
    """The classroom if it is the teacher's own; 404 otherwise (no hint that it exists)."""
    return get_object_or_404(
        Classroom.objects.select_related("teacher__school"), pk=classroom_id, teacher=request.user
    )
