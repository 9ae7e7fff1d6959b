"""Rekenregels: the pure calculation core of the verrekening (no Django, stdlib only).

Given one kalendermaand, the household, the netto income per person and kind, the vrijlating
months already used and optionally the estimate a provisional payment was based on,
:func:`bereken` returns the norm, the number of kostendelers, the income, the vrijlating, the
bijstand incl. vakantietoeslag, the reserved vakantietoeslag, the amount to pay, the correction
and one explanation line (:class:`Regel`) per rule applied. Source of every rule, figure and
worked example: ``domain/verrekening.md`` (cited as §n below).

Public API
----------
- ``bereken(invoer: Invoer, regelset: Regelset, beleid: Beleid | None = None) -> Resultaat``
- ``valideer(invoer, regelset, beleid=None) -> None`` (raises :class:`OngeldigeInvoer`)
- ``regelset_voor(datum, regelsets)`` picks the ``Regelset`` (or ``Beleid``) in force on a date
- ``standaard_regelsets()`` / ``standaard_beleid()`` and the plain data ``STANDAARD_REGELSETS``
  / ``STANDAARD_BELEID`` in :mod:`.standaard` (for the data migration)
- input types ``Maand``, ``Persoon``, ``Kind``, ``Medebewoner``, ``Inkomstenregel``, ``Invoer``
  and enums ``PersoonRol``, ``Soort``, ``Periode``, ``VrijlatingSoort``
- result types ``Resultaat`` (``als_dict()`` gives the proefberekening response), ``Regel``
  (``bedrag`` is ``None`` on purely explanatory lines, e.g. a medebewoner who does not count),
  ``ToegepasteVrijlating`` (kind, percentage, cap, amount and "maand x van max_maanden")
- ``OngeldigeInvoer(fouten: dict[str, list[str]])``: field path -> Dutch messages (HTTP 400)
- ``naar_rato(norm, maand, recht_vanaf, recht_tot, beleid) -> Deelmaand | None``: the part
  month prorating (art. 45 lid 3, P8); ``werkdagen(vanaf, tot)`` counts Mon-Fri inclusive
- helpers ``bepaal_norm``, ``kostendelersnorm``, ``telt_als_kostendeler``, ``kies_vrijlating``,
  ``aow_leeftijd_bereikt``, ``peildatum``, ``leeftijd``

Rules applied (article -> what the code does)
---------------------------------------------
Norm (all amounts incl. 5 % VT, netto per kalendermaand, taken from the ``Regelset`` in force
on the first day of the month):

- art. 20 lid 1: 18-20 jaar. Alleenstaande (ouder) the jongerennorm; gehuwden both 18-20 or one
  18-20 and one 21+ (< AOW), each without/with children (§1.4). The kostendelersnorm never
  applies to a belanghebbende under 21. Art. 20 lid 3 verhoging (2026, no parental support) is
  data only: the input has no field for it. A couple of an 18-20 year old and someone of AOW
  age is not in the tables: :class:`OngeldigeInvoer`.
- art. 21 onder a / b: alleenstaande (ouder) / gehuwden from 21 to the AOW age.
- art. 22 onder a / b / c: the same at AOW age (b: belanghebbende has reached it, c: only the
  partner). AOW age is data (``aow_leeftijd_jaren``/``_maanden``, 67/0): exact for every month
  in 2025-2027, because everyone who reaches the AOW age in 2024-2027 does so at 67 and anyone
  born earlier reached a lower age before 2025. From 2028 (67 + 3 months) the age depends on
  the birth cohort: replace it by the SVB table before computing months after 2027.
- art. 19a lid 1: a medebewoner is a kostendeler when 27 or older, unless a student (onder d:
  WSF 2000 / WTOS / BBL) or living there at a commercial price (onder b) - except a
  bloed-/aanverwant in the 1st or 2nd degree, who does count. The partner is never a
  medebewoner. Not modelled: onder c (two tenants of one third party), art. 22a lid 4
  (mantelzorg elsewhere). A is computed per belanghebbende (§2.2 asymmetry): only the aanvrager
  and the medebewoners *as seen from the aanvrager* matter.
- art. 22a lid 1: norm = ((40 + A x 30) / A) % x B, B the gehuwdennorm (art. 21 b, or 22 b/c
  at AOW age), A = kostendelers + belanghebbende + partner if 21+. Computed with the exact
  fraction (130/3 %, not 43,33 %), rounded half-up (P2). A = 1: the alleenstaandennorm (never
  derived: 1.401,50 is not 70 % x 2.002,13).
- art. 22a lid 2: gehuwden with kostendelers: the sum of both partners' kostendelersnormen,
  each rounded (P2 "per persoon"); without kostendelers simply the gehuwdennorm (2 x 50 %
  rounded would be one cent off).
- art. 22a lid 3: one partner 18-20 with kostendelers: young partner's amount + the
  kostendelersnorm of the 21+ partner (A counts the 21+ partner and the medebewoners). The
  young partner's amount is not known for 1-1-2025 [U]: :class:`OngeldigeInvoer`.

Part month (``levensloop.md`` §3):

- art. 45 lid 3: with ``Invoer.recht_vanaf`` / ``recht_tot`` (first / last day with recht
  inside the month) the norm is prorated per P8: kalenderdagen (default [U]) norm x days with
  recht / days in the month, or werkdagen norm x weekdays (Mon-Fri) with recht / weekdays in
  the month, rounded per P2 (half-up). Then the month is computed as usual on that norm (P1
  compares the income with it); the vrijlating caps are not prorated [U]; VT is 5 % of the
  bijstand. The 30-day condition (no bijstand in the 30 days before the start / after the
  end) is decided by the caller, which passes the dates only for a real part month.

Income:

- art. 31 lid 1 / art. 32 lid 1: netto income of aanvrager and partner (the partner's income
  counts for the couple; income of kostendelers never counts), already attributed to the month
  by the caller (P3). Four-weekly amounts: x 13 / 12 per line, rounded (P3 default) or counted
  as received (one line per payday).
- art. 31 lid 2 onder n: 25 % of inkomsten uit arbeid, rounded then capped (273,00 / 278,00 /
  285,00 / 285,00), at most 6 months (unlimited at AOW age), per earning person. Not under 27
  (art. 31 lid 5). Only income from work (soort ``arbeid``).
- art. 31 lid 2 onder r: alleenstaande ouder with a child ten laste under 12, after n is used
  up, 12,5 % capped (170,61 / 173,87 / 177,66 / 177,66), at most 30 months; not under 27, not
  when y, z or aa applies. Stops when the youngest child is 12 on the peildatum (§8 8d).
- art. 31 lid 2 onder y: medisch urenbeperkt, 15 % capped (173,04 / 176,35 / 180,19 / 180,19),
  no time limit, only when n does not apply (so after n, or from the start under 27).
- art. 31 lid 2 onder z / aa: doelgroep loonkostensubsidie (``Persoon.doelgroep_
  loonkostensubsidie``), 15 % capped (170,18 / 176,35 / 180,19 / 180,19), 12 months after n;
  then aa (same %, same cap, no limit) if ``Persoon.urenuitbreiding_niet_mogelijk``. These two
  flags are optional extensions beyond the proefberekening contract. z/aa for under-27s start
  at once (n does not apply) - [U] interpretation.
- art. 34a lid 1 onder a (PiB): 15 %, no cap found [U], 12 months, only for under-27s and only
  when policy P6 is on (2026 gedoogregeling); its data is in the 2026 regelsets only.
- Not applied: sub j (premie), sub m (giften), the VT-aanspraak over income (art. 31 lid 4,
  Regeling not read [U]), bufferbudget art. 34b (from 2027). The college's judgement that work
  "bijdraagt aan arbeidsinschakeling" is assumed (as in §8).

Bijstand and payment:

- art. 19 lid 1 and P1: (a, default) total income >= norm -> no bijstand and no vrijlating
  (the cliff of §8 example 5); (b) the vrijlating applies whenever bijstand remains after it.
- art. 19 lid 2: bijstand = norm - (income - vrijlating), never negative, never above the norm.
- art. 19 lid 3: vakantietoeslag 5 % of the bijstand (data), reserved. P2 default "VT first":
  VT = half-up(5 % x bijstand); uitbetaling = bijstand - VT (§8), alternative "excl first".
- art. 45 lid 1: uitbetaling for the month, before inhoudingen.
- Correction (art. 58 lid 4 when too much was paid; nabetaling otherwise): with an estimate,
  ``correctie = bijstand(definitief) - bijstand(schatting)`` and ``correctie_vakantietoeslag``
  likewise; the reason code of a vordering (art. 58 lid 1 / 2 / 4) is for the caller.

Policy choices (:class:`Beleid`, §6.2; defaults = §8)
-----------------------------------------------------
P1 ``p1_vrijlating_boven_norm`` "a" [U] · P2 ``p2_afronding`` half_up,
``p2_kostendelersnorm_per_persoon_afronden`` True, ``p2_vakantietoeslag_splitsing`` vt_eerst ·
P3 ``p3_toerekening`` werkmaand (applied by the caller), ``p3_vier_weken`` 13/12 · P4
``p4_vakantietoeslag`` wettelijk (the only method implemented; the VT-aanspraak method needs
the Regeling [U]) · P5 ``p5_vrijlating_telling`` toegepaste_maanden (the caller counts; the core
reports the applied vrijlatingen with their month number) [U] · P6 ``p6_gedoog_34a_onder_27``
False · P7 ``p7_verrekening_max_maanden`` 6 (used by the caller) · P8 ``p8_deelmaand``
kalenderdagen [U] (or werkdagen). Also ``leeftijd_peildag``
eerste_dag: ages (18, 21, 27, 12, AOW) are taken on the first day of the month - not in the
domain file [U]; configurable to the last day.

Configurable [U] items of the domain file
-----------------------------------------
1-7-2026 figures (only source S1: edit the 1-7-2026 ``Regelset``); rounding of half cents in the
VT and the kostendelersnorm (P2); P1 cliff; P5 counting; the 2026 status of art. 34a (P6, and
its missing cap: ``maximum`` None); the 1-1-2025 art. 22a lid 3 amounts (``None``); the z-cap
170,18 for 1-1-2025 "as captured"; the peildag for ages. Every rule parameter is data with a
``geldig_vanaf`` (:class:`Regelset`), every policy choice too (:class:`Beleid`).

Validation
----------
:class:`OngeldigeInvoer` for: month outside every regelset, persons under 18 or born after the
month, a child of 18 or older or born after the month, negative / non-finite / float / sub-cent
amounts, unknown persoon, soort, periode or vrijlating kind, partner income or counters without
a partner, negative counters, ``recht_vanaf`` / ``recht_tot`` outside the month or the end
before the start, and norms the regelset does not contain.
"""

from .berekening import (
    Deelmaand,
    Regel,
    Resultaat,
    ToegepasteVrijlating,
    aow_leeftijd_bereikt,
    bepaal_norm,
    bereken,
    kies_vrijlating,
    kostendelersnorm,
    naar_rato,
    peildatum,
    telt_als_kostendeler,
)
from .fouten import OngeldigeInvoer
from .regelset import (
    BELEID_BUITEN_BEREKENING,
    Afronding,
    Beleid,
    DeelmaandMethode,
    LeeftijdPeildag,
    Regelset,
    Toerekening,
    VakantietoeslagMethode,
    VakantietoeslagSplitsing,
    VierWekenOmrekening,
    VrijlatingBovenNorm,
    Vrijlatingsparameters,
    VrijlatingTelling,
    controleer_dekking,
    regelset_voor,
)
from .standaard import STANDAARD_BELEID, STANDAARD_REGELSETS, standaard_beleid, standaard_regelsets
from .typen import (
    Inkomstenregel,
    Invoer,
    Kind,
    Maand,
    Medebewoner,
    Periode,
    Persoon,
    PersoonRol,
    Soort,
    VrijlatingSoort,
    leeftijd,
    werkdagen,
)
from .validatie import valideer

__all__ = [
    "BELEID_BUITEN_BEREKENING",
    "STANDAARD_BELEID",
    "STANDAARD_REGELSETS",
    "Afronding",
    "Beleid",
    "Deelmaand",
    "DeelmaandMethode",
    "Inkomstenregel",
    "Invoer",
    "Kind",
    "LeeftijdPeildag",
    "Maand",
    "Medebewoner",
    "OngeldigeInvoer",
    "Periode",
    "Persoon",
    "PersoonRol",
    "Regel",
    "Regelset",
    "Resultaat",
    "Soort",
    "ToegepasteVrijlating",
    "Toerekening",
    "VakantietoeslagMethode",
    "VakantietoeslagSplitsing",
    "VierWekenOmrekening",
    "VrijlatingBovenNorm",
    "VrijlatingSoort",
    "VrijlatingTelling",
    "Vrijlatingsparameters",
    "aow_leeftijd_bereikt",
    "bepaal_norm",
    "bereken",
    "controleer_dekking",
    "kies_vrijlating",
    "kostendelersnorm",
    "leeftijd",
    "naar_rato",
    "peildatum",
    "regelset_voor",
    "standaard_beleid",
    "standaard_regelsets",
    "telt_als_kostendeler",
    "valideer",
    "werkdagen",
]
