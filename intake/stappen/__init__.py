"""The instrument: the steps of the brede intake, their fields and what is confidential.

Each step is a Django form (``StapForm``) that serves three purposes:

- the consulent's step page renders it (crispy, template pack ``nlds``);
- ``intake.services`` validates every write with it, also the API's plain JSON
  (``StapForm.als_data`` turns stored answers into form data, ``StapForm.antwoorden`` the
  cleaned data back into JSON values);
- read-only pages and the heronderzoek comparison take labels and choice labels from it
  (``weergave``, ``verschillen``).

All fields are optional: a concept may be incomplete. Finalising checks completeness
(``intake.services.controleer_volledig``). Error messages name the field in Dutch.

Confidential (``Leefgebied.vertrouwelijk``): the steps gezondheid and justitie as a whole, the
ZRM score and explanation on a confidential leefgebied, and barriers tied to one. ``splits``
separates them so they are stored in ``Intake.vertrouwelijke_antwoorden``.

Modules: ``basis`` (reference data, ``StapForm``, display helpers), ``leefgebieden`` (the forms
of the steps about the person's situation), ``beoordeling`` (scores, barriers, skills) and
``instrument`` (the steps in order, the burger's part, navigation). Import from this package.
"""

from .basis import (
    B1_MELDINGEN,
    JA_NEE,
    LEEG,
    MELDINGEN,
    Referentie,
    Regel,
    RegelsVeld,
    StapForm,
    Verschil,
    laad_referentie,
    waarde_tekst,
)
from .beoordeling import (
    BELEMMERING_VELDEN,
    BelemmeringenForm,
    BelemmeringForm,
    BelemmeringFormSet,
    ScoresForm,
    VaardighedenForm,
)
from .instrument import (
    BURGER_STAPPEN,
    STAP_PER_SLUG,
    STAPPEN,
    Stap,
    stap_van_veld,
    volgende_stap,
    vorige_stap,
)
from .leefgebieden import (
    MOTIVATIE,
    VERVOER,
    BeschikbaarheidForm,
    CertificatenForm,
    GezondheidForm,
    HuisvestingForm,
    InkomenForm,
    JustitieForm,
    KinderopvangForm,
    MobiliteitForm,
    NetwerkForm,
    OpleidingForm,
    PersoonForm,
    TaalForm,
    WensenForm,
    WerkervaringForm,
    taaleis_voldaan,
)

__all__ = [
    "B1_MELDINGEN",
    "BELEMMERING_VELDEN",
    "BURGER_STAPPEN",
    "JA_NEE",
    "LEEG",
    "MELDINGEN",
    "MOTIVATIE",
    "STAPPEN",
    "STAP_PER_SLUG",
    "VERVOER",
    "BelemmeringForm",
    "BelemmeringFormSet",
    "BelemmeringenForm",
    "BeschikbaarheidForm",
    "CertificatenForm",
    "GezondheidForm",
    "HuisvestingForm",
    "InkomenForm",
    "JustitieForm",
    "KinderopvangForm",
    "MobiliteitForm",
    "NetwerkForm",
    "OpleidingForm",
    "PersoonForm",
    "Referentie",
    "Regel",
    "RegelsVeld",
    "ScoresForm",
    "Stap",
    "StapForm",
    "TaalForm",
    "VaardighedenForm",
    "Verschil",
    "WensenForm",
    "WerkervaringForm",
    "laad_referentie",
    "stap_van_veld",
    "taaleis_voldaan",
    "volgende_stap",
    "vorige_stap",
    "waarde_tekst",
]
