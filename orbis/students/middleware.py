from django.utils.functional import SimpleLazyObject

SESSION_KEY = "orbis_student"


def _student_from_session(request):
    from .models import Student

    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    student = (
        Student.objects.select_related("classroom__teacher__school")
        .filter(pk=data.get("id"), session_version=data.get("version"))
        .first()
    )
    if student is None:
        # Removed or reset by the teacher: this device is signed out.
        request.session.pop(SESSION_KEY, None)
    return student


class StudentMiddleware:
    """Sets request.student: the Student this browser joined as, or None."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.student = SimpleLazyObject(lambda: _student_from_session(request))
        return self.get_response(request)
