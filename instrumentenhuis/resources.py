"""CSV / Excel import and export of the catalogue (django-import-export), for the functioneel
beheerder in the admin.

Columns are the instrument's fields with readable references: ``aanbieder`` by name (created
when new), ``beroepen`` as ISCO codes separated by commas, ``certificaten`` as codes separated
by commas, ``leefgebieden`` as ``code:van-tot`` separated by semicolons (for example
``financien:1-3; werk_opleiding:1-2``). ``code`` identifies the instrument: importing a file
again updates the same instruments. Every row is validated like a form (``full_clean``,
including the check constraints), with a Dutch message for what is wrong.
"""

from __future__ import annotations

import re

from import_export import fields, resources, widgets

from perspectief.models import Beroep, Leefgebied
from perspectief.referentie import CERTIFICATEN

from .models import Aanbieder, Instrument, InstrumentLeefgebied

BEREIK_RE = re.compile(r"^\s*([a-z_]+)\s*:\s*([1-5])\s*-\s*([1-5])\s*$")


class LeefgebiedenWidget(widgets.Widget):
    """``financien:1-3; werk_opleiding:1-2`` <-> [(code, van, tot), ...]."""

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return []
        bekend = set(Leefgebied.objects.values_list("code", flat=True))
        uit = []
        for deel in str(value).split(";"):
            if not deel.strip():
                continue
            m = BEREIK_RE.match(deel)
            if not m:
                raise ValueError(
                    f"Leefgebied '{deel.strip()}' is niet in de vorm code:van-tot, "
                    "bijvoorbeeld financien:1-3."
                )
            code, van, tot = m.group(1), int(m.group(2)), int(m.group(3))
            if code not in bekend:
                raise ValueError(f"Onbekend leefgebied: {code}.")
            if van > tot:
                raise ValueError(f"Leefgebied {code}: het niveau 'van' is hoger dan 'tot'.")
            uit.append((code, van, tot))
        return uit

    def render(self, value, obj=None, **kwargs):
        return "; ".join(f"{code}:{van}-{tot}" for code, van, tot in value or [])


class CodesWidget(widgets.Widget):
    """``vca, bhv`` <-> ["vca", "bhv"], checked against the certificate codes."""

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return []
        codes = [c.strip() for c in str(value).split(",") if c.strip()]
        onbekend = [c for c in codes if c not in CERTIFICATEN]
        if onbekend:
            raise ValueError(
                f"Onbekend certificaat: {', '.join(onbekend)}. Bekend: {', '.join(CERTIFICATEN)}."
            )
        return codes

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


class AanbiederWidget(widgets.ForeignKeyWidget):
    """A provider by name; a new name creates the provider."""

    def clean(self, value, row=None, **kwargs):
        naam = str(value).strip() if value is not None else ""
        if not naam:
            raise ValueError("Vul de aanbieder in.")
        aanbieder, _nieuw = Aanbieder.objects.get_or_create(naam=naam)
        return aanbieder


class IscoWidget(widgets.ManyToManyWidget):
    """ISCO codes separated by commas; every code must be a known occupation."""

    def clean(self, value, row=None, **kwargs):
        if value is None or not str(value).strip():
            return Beroep.objects.none()
        codes = {c.strip() for c in str(value).split(",") if c.strip()}
        gevonden = Beroep.objects.filter(isco_code__in=codes)
        onbekend = codes - set(gevonden.values_list("isco_code", flat=True))
        if onbekend:
            raise ValueError(f"Onbekende ISCO-code(s): {', '.join(sorted(onbekend))}.")
        return gevonden


class InstrumentResource(resources.ModelResource):
    aanbieder = fields.Field(
        column_name="aanbieder",
        attribute="aanbieder",
        widget=AanbiederWidget(Aanbieder, field="naam"),
    )
    beroepen = fields.Field(
        column_name="beroepen",
        attribute="beroepen",
        widget=IscoWidget(Beroep, field="isco_code", separator=","),
    )
    certificaten = fields.Field(
        column_name="certificaten", attribute="certificaten", widget=CodesWidget()
    )
    leefgebieden = fields.Field(
        column_name="leefgebieden", attribute="_leefgebieden_import", widget=LeefgebiedenWidget()
    )

    class Meta:
        model = Instrument
        import_id_fields = ["code"]
        clean_model_instances = True
        skip_unchanged = False
        fields = [
            "code",
            "naam",
            "categorie",
            "werkgeversinstrument",
            "aanbieder",
            "omschrijving",
            "doelgroep",
            "minimum_leeftijd",
            "trede_van",
            "trede_tot",
            "leefgebieden",
            "beroepen",
            "certificaten",
            "taalniveau_doel",
            "uren_per_week",
            "max_duur_weken",
            "wettelijke_grondslag",
            "kosten_per_deelnemer",
            "jaarbudget",
            "capaciteit_per_jaar",
            "contact",
            "actief",
        ]
        export_order = fields

    def get_queryset(self):
        return (
            Instrument.objects.select_related("aanbieder")
            .prefetch_related("beroepen", "leefgebied_bereiken__leefgebied")
            .order_by("categorie", "naam")
        )

    def dehydrate_leefgebieden(self, instrument: Instrument) -> str:
        return LeefgebiedenWidget().render(
            [
                (b.leefgebied.code, b.niveau_van, b.niveau_tot)
                for b in instrument.leefgebied_bereiken.all()
            ]
        )

    def before_import_row(self, row, **kwargs):
        # Empty cells of choice fields are "" (not None) in the model.
        for kolom in ("werkgeversinstrument", "taalniveau_doel", "omschrijving", "doelgroep",
                      "wettelijke_grondslag", "contact"):  # fmt: skip
            if kolom in row and row[kolom] is None:
                row[kolom] = ""
        for kolom in ("categorie", "werkgeversinstrument", "taalniveau_doel"):
            if row.get(kolom):
                row[kolom] = str(row[kolom]).strip()
        if "actief" in row and row["actief"] in (None, ""):
            row["actief"] = "1"

    def after_save_instance(self, instance: Instrument, row, **kwargs):
        bereiken = getattr(instance, "_leefgebieden_import", None)
        if bereiken is None or (kwargs.get("dry_run") and not instance.pk):
            return
        gebieden = {lg.code: lg for lg in Leefgebied.objects.all()}
        InstrumentLeefgebied.objects.filter(instrument=instance).delete()
        InstrumentLeefgebied.objects.bulk_create(
            InstrumentLeefgebied(
                instrument=instance, leefgebied=gebieden[code], niveau_van=van, niveau_tot=tot
            )
            for code, van, tot in bereiken
        )
