from django.conf import settings


def site(request):
    return {"GEMEENTE_NAAM": settings.GEMEENTE_NAAM}
