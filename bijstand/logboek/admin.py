"""The register of processing activities, read-only in the admin.

The log itself (Verwerking, AuditRegel) is not registered: it is append-only and read by the
privacy officer in a dedicated, itself logged, screen.
"""

from django.contrib import admin

from .models import Verwerkingsactiviteit


@admin.register(Verwerkingsactiviteit)
class VerwerkingsactiviteitAdmin(admin.ModelAdmin):
    list_display = ("code", "naam", "rechtsgrond", "bewaartermijn_jaren", "vertrouwelijkheid")
    list_filter = ("vertrouwelijkheid",)
    search_fields = ("code", "naam", "doel", "rechtsgrond")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
