from django.contrib.auth import get_user_model


class RememberLanguageMiddleware:
    """Keep the language a teacher uses, so that emails reach them in it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        language = getattr(request, "LANGUAGE_CODE", "")
        if user.is_authenticated and language and user.language != language:
            get_user_model().objects.filter(pk=user.pk).update(language=language)
            user.language = language
        return self.get_response(request)
