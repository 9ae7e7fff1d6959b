from django.conf import settings


def site(request):
    return {"GEMEENTE_NAAM": settings.GEMEENTE_NAAM}


def menus(request):
    """The staff and portal menu entries registered by the domain apps (bijstand.core.menu)."""
    from .menu import portaal_menu, staff_menu

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if request.path.startswith("/portaal/"):
        return {"portaal_menu_items": portaal_menu(user)}
    return {"staff_menu_items": staff_menu(user)}
