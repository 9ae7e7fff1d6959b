from django.contrib.admin.apps import AdminConfig


class BeheerAdminConfig(AdminConfig):
    """django.contrib.admin with our BeheerAdminSite as `admin.site`."""

    default_site = "bijstand.core.admin_site.BeheerAdminSite"
