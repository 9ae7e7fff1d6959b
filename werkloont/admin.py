"""Admin of the functioneel beheerder: the hour norms (data with geldig_vanaf) and the
catalogue (locations, begeleiders, werkactiviteiten with their places, training groups).

Case content (programmes, agendas, presence) is not in the admin: it belongs to the werkcoach's
screens.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Begeleider,
    Groepsmoment,
    Locatie,
    Trainingsgroep,
    Urennorm,
    Werkactiviteit,
    WerkactiviteitPlek,
)


@admin.register(Urennorm)
class UrennormAdmin(SimpleHistoryAdmin):
    list_display = (
        "geldig_vanaf",
        "werkloont_max_weken",
        "werkloont_werk_min_uren",
        "werkloont_training_min_uren",
        "idm_standaard_uren",
        "idm_norm_soort",
        "richting_uren",
        "max_uren_per_dag",
    )
    ordering = ("-geldig_vanaf",)
    readonly_fields = ("aangemaakt_door", "gewijzigd_op")
    fieldsets = (
        (None, {"fields": ("geldig_vanaf", "toelichting")}),
        (
            _("Werkloont"),
            {
                "fields": (
                    "werkloont_max_weken",
                    "werkloont_werk_min_uren",
                    "werkloont_training_min_uren",
                )
            },
        ),
        (
            _("Iedereen doet mee naar vermogen"),
            {"fields": ("idm_standaard_uren", "idm_norm_soort")},
        ),
        (_("Werkweekagenda"), {"fields": ("richting_uren", "max_uren_per_dag")}),
        (_("Signalen"), {"fields": ("afwezig_signaal_aantal", "afwezig_signaal_weken")}),
        (_("Vastlegging"), {"fields": ("aangemaakt_door", "gewijzigd_op")}),
    )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.aangemaakt_door = request.user
        super().save_model(request, obj, form, change)


@admin.register(Locatie)
class LocatieAdmin(admin.ModelAdmin):
    list_display = ("naam", "adres", "postcode", "wijk", "actief")
    list_filter = ("actief",)
    search_fields = ("naam", "adres")


@admin.register(Begeleider)
class BegeleiderAdmin(admin.ModelAdmin):
    list_display = ("naam", "organisatie", "telefoon", "email", "systeemclient", "actief")
    list_filter = ("actief",)
    search_fields = ("naam", "organisatie")


class PlekInline(admin.TabularInline):
    model = WerkactiviteitPlek
    extra = 0
    filter_horizontal = ("begeleiders",)


@admin.register(Werkactiviteit)
class WerkactiviteitAdmin(admin.ModelAdmin):
    list_display = ("naam", "actief")
    list_filter = ("actief",)
    search_fields = ("naam",)
    filter_horizontal = ("beroepen",)
    inlines = [PlekInline]


class GroepsmomentInline(admin.TabularInline):
    model = Groepsmoment
    extra = 0


@admin.register(Trainingsgroep)
class TrainingsgroepAdmin(admin.ModelAdmin):
    list_display = ("naam", "startdatum", "einddatum", "locatie", "begeleider", "capaciteit")
    list_filter = ("actief",)
    search_fields = ("naam",)
    inlines = [GroepsmomentInline]
