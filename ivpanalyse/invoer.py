"""The werkgroep's drieslag input: the fill-in template (xlsx or YAML), its rounds, and reading it back.

Stap 2 of Kernbeleid Veiligheid asks per thema three questions, the *drieslag*: problematiek?,
huidige aanpak?, extra? (handbook, stap 2 "Werkwijze"). For veld 1 the last two are answered per
aspect van de aanpak (A1..A6), not per thema (handbook, "NB De analyse van veiligheidsveld 1").
The template therefore has one row per thema of velden 2-5 (all columns), one per thema of veld 1
(problematiek and prioriteit), one per aspect (aanpak and extra) and one per cross-cutting
strategisch thema (S1..S3, handbook part 1); cells that do not apply are grey and must stay empty.
Beside it: partner input per thema/aspect (who, when, open questions) and combined priorities
("Veilig uitgaan en evenementen" = 2.3 + 2.4).

Stap 2 runs in rounds (handbook, stap 2 deelstappen 1-8): the machine concept is regenerated from
the current figures every round, and only text a person wrote is the werkgroep's. The template
therefore records, per row, what the machine wrote (a fingerprint of each pre-filled value, the
*herkomst*) and which figures a carried-over werkgroep text was written on (:class:`Cijferbasis`).
On reading, a value equal to the machine's (after normalising white space) is not the werkgroep's;
any other value is, and is stamped with the figures of the template it was written in.

Reading back is strict and collects every finding into one :class:`InvoerFout` naming sheet, cell
and value: missing sheet, other column headings, merged cells, formulas, unknown codes, double
rows, text in a grey cell, a prioriteit other than ja/nee, a bad date, another gemeente.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import textwrap
from dataclasses import dataclass, field, replace
from functools import cache
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import taxonomie
from .atomisch import atomisch_pad, schrijf_tekst
from .errors import Fout, InvoerFout
from .opmaak import getal

BLAD = "Drieslag"
TOELICHTING = "Toelichting"
PARTNERS = "Partners"
COMBINATIES = "Combinaties"
GEMEENTE_CEL = "B3"  # on the Toelichting sheet
RONDE_CEL = "B5"
THEMA, ASPECT, STRATEGISCH = "thema", "aspect", "strategisch"
MACHINE, WERKGROEP = "concept", "werkgroep"  # who wrote a value (herkomst)

# (field, column heading). The first four columns identify the row and are not read back; the last
# two are written by ivpanalyse (locked): what the figures are now and what changed, and the herkomst.
KOLOMMEN: tuple[tuple[str, str], ...] = (
    ("code", "Code"),
    ("soort", "Soort"),
    ("veld", "Veld"),
    ("naam", "Naam"),
    ("problematiek", "Duiding problematiek"),
    ("aanpak", "Huidige aanpak (beleid, maatregelen, knelpunten)"),
    ("extra", "Extra (mogelijke beleidsversterkingen)"),
    ("prioriteit", "Prioriteit voorgesteld (ja/nee)"),
    ("motivering", "Motivering prioriteit"),
    ("bronnen", "Bronnen en partners"),
    ("cijfers", "Cijfers en wijzigingen (automatisch)"),
    ("herkomst", "Herkomst (automatisch, niet wijzigen)"),
)
INVULVELDEN = ("problematiek", "aanpak", "extra", "prioriteit", "motivering", "bronnen")
# Fields whose text rests on the figures: flagged for review when the figures moved.
CIJFERVELDEN = ("problematiek", "prioriteit", "motivering")
# Which fields a row may carry; the rest is "niet van toepassing" (handbook: veld 1 works per aspect).
VELDEN_PER_SOORT = {
    "thema_veld1": ("problematiek", "prioriteit", "motivering", "bronnen"),
    THEMA: INVULVELDEN,
    ASPECT: ("aanpak", "extra", "bronnen"),
    STRATEGISCH: INVULVELDEN,
}
PARTNERKOLOMMEN: tuple[tuple[str, str], ...] = (
    ("code", "Code"),
    ("onderdeel", "Onderdeel"),
    ("partner", "Partner"),
    ("datum", "Datum"),
    ("bijdrage", "Bijdrage"),
    ("opmerking", "Open vraag of opmerking"),
)
ONDERDELEN = ("problematiek", "aanpak", "extra", "prioriteit", "algemeen")
COMBINATIEKOLOMMEN: tuple[tuple[str, str], ...] = (
    ("naam", "Naam van de prioriteit"),
    ("themas", "Thema's (codes, met komma's)"),
    ("motivering", "Motivering"),
)
LEGE_PARTNERRIJEN, LEGE_COMBINATIERIJEN = 40, 8
JA, NEE = ("ja", "j", "yes", "true", "1"), ("nee", "n", "no", "false", "0")


# --------------------------------------------------------------------------- the figures a text rests on


@dataclass(frozen=True)
class Cijferbasis:
    """The figures of one thema when a text was written: period, counts per year, rate and signal."""

    van: int
    tot: int
    aantallen: tuple[tuple[int, float], ...]  # (jaar, aantal), every year with a figure
    per_1000: float | None = None  # in ``tot``
    signaal: str = ""

    def als_dict(self) -> dict[str, Any]:
        return {"van": self.van, "tot": self.tot, "aantal": {str(j): a for j, a in self.aantallen},
                "per_1000": self.per_1000, "signaal": self.signaal}

    @classmethod
    def van_dict(cls, d: dict[str, Any]) -> Cijferbasis:
        """Inverse of :meth:`als_dict`; raises ``KeyError``/``TypeError``/``ValueError`` on a bad shape."""
        aantallen = tuple(sorted((int(j), float(a)) for j, a in dict(d["aantal"]).items()))
        per_1000 = d.get("per_1000")
        return cls(int(d["van"]), int(d["tot"]), aantallen, None if per_1000 is None else float(per_1000),
                   str(d.get("signaal") or ""))

    @property
    def laatste(self) -> tuple[int, float] | None:
        return self.aantallen[-1] if self.aantallen else None

    def tekst(self) -> str:
        """In words, e.g. ``2014–2022; 2022: 35 (1,4 per 1.000 inwoners); signaal dalend``."""
        delen = [f"{self.van}–{self.tot}" if self.van != self.tot else str(self.tot)]
        if self.laatste:
            jaar, aantal = self.laatste
            rate = f" ({getal(self.per_1000, 1)} per 1.000 inwoners)" if self.per_1000 is not None else ""
            delen.append(f"{jaar}: {getal(aantal)}{rate}")
        if self.signaal:
            delen.append(f"signaal {self.signaal}")
        return "; ".join(delen)


def cijferbasis(ind) -> dict[str, Cijferbasis]:
    """Per thema the current figures (:class:`Cijferbasis`) from an :class:`~ivpanalyse.analyse.indicatoren.Indicatoren`.

    Reads ``thema_jaar`` (``thema``, ``periode``, ``aantal``, ``per_1000``) and ``signalen``
    (``thema``, ``signaal``); thema's without a count are absent.
    """
    import pandas as pd

    tj = getattr(ind, "thema_jaar", None)
    if tj is None or not len(tj) or not {"thema", "periode", "aantal"} <= set(tj.columns):
        return {}
    signalen: dict[str, str] = {}
    sig = getattr(ind, "signalen", None)
    if sig is not None and len(sig) and {"thema", "signaal"} <= set(sig.columns):
        signalen = {str(t): ("" if pd.isna(s) else str(s)) for t, s in zip(sig["thema"], sig["signaal"])}
    met = tj[tj["aantal"].notna()].sort_values("periode")
    uit = {}
    for thema, g in met.groupby(met["thema"].astype(str), sort=False):
        per_1000 = g["per_1000"].iloc[-1] if "per_1000" in g.columns else None
        uit[thema] = Cijferbasis(int(g["periode"].min()), int(g["periode"].max()),
                                 tuple((int(p), float(a)) for p, a in zip(g["periode"], g["aantal"])),
                                 None if per_1000 is None or pd.isna(per_1000) else round(float(per_1000), 3),
                                 signalen.get(thema, ""))
    return uit


def _jaren(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def wijzigingen(oud: Cijferbasis | None, nieuw: Cijferbasis | None) -> tuple[str, ...]:
    """What moved between the figures a text was written on (``oud``) and the current ones, in Dutch.

    New years, years no longer in the data, revised counts of the same year and a changed signal;
    an empty tuple when nothing moved (or when ``oud`` is unknown).
    """
    if oud is None:
        return ()
    if nieuw is None:
        return ("geen cijfers meer voor dit thema in de ingelezen bronnen",)
    a_oud, a_nieuw = dict(oud.aantallen), dict(nieuw.aantallen)
    uit = []
    erbij = sorted(set(a_nieuw) - set(a_oud))
    if erbij:
        woord = "nieuw jaar" if len(erbij) == 1 else "nieuwe jaren"
        uit.append(f"{woord} {_jaren([f'{j} ({getal(a_nieuw[j])})' for j in erbij])}")
    weg = sorted(set(a_oud) - set(a_nieuw))
    if weg:
        uit.append(f"niet meer in de cijfers: {_jaren([str(j) for j in weg])}")
    herzien = [f"{j} van {getal(a_oud[j])} naar {getal(a_nieuw[j])}" for j in sorted(set(a_oud) & set(a_nieuw))
               if abs(a_oud[j] - a_nieuw[j]) >= 0.5]
    if herzien:
        uit.append(f"herzien: {_jaren(herzien)}")
    if oud.signaal != nieuw.signaal and nieuw.signaal:
        uit.append(f"signaal {oud.signaal or 'onbekend'} → {nieuw.signaal}")
    return tuple(uit)


# --------------------------------------------------------------------------- the input


@dataclass(frozen=True)
class Invulling:
    """The werkgroep's answers for one thema (``"2.1"``), aspect (``"A3"``) or strategisch thema (``"S1"``).

    Only text a person wrote is here: a machine concept left as it was is dropped on reading.
    ``geschreven_op`` maps each filled-in field to the figures it was written on (``None`` when the
    template had no figures for this row).
    """

    code: str
    soort: str  # "thema", "aspect" or "strategisch"
    problematiek: str = ""
    aanpak: str = ""
    extra: str = ""
    prioriteit: bool | None = None  # None: not filled in
    motivering: str = ""
    bronnen: str = ""
    plek: str | None = None  # where it was read, e.g. "Drieslag!A7" or "regel 12"
    geschreven_op: dict[str, Cijferbasis | None] = field(default_factory=dict, compare=False)

    def ingevuld(self, veld: str) -> bool:
        waarde = getattr(self, veld)
        return waarde is not None and waarde != ""


@dataclass(frozen=True)
class Bijdrage:
    """Input of one partner for one thema/aspect: who, when, what, and an open question or comment."""

    code: str
    partner: str
    datum: date | None = None
    onderdeel: str = "algemeen"  # problematiek, aanpak, extra, prioriteit or algemeen
    bijdrage: str = ""
    opmerking: str = ""  # open question or comment: left out of the college version
    plek: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Combinatie:
    """A priority that combines thema's, e.g. "Veilig uitgaan en evenementen" (2.3 and 2.4)."""

    naam: str
    codes: tuple[str, ...]
    motivering: str = ""
    plek: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Drieslag:
    """All drieslag input of one gemeente; an absent row means nothing was filled in."""

    gemeente: str | None = None
    bestand: str | None = None
    sha256: str | None = None
    rijen: dict[str, Invulling] = field(default_factory=dict)
    ronde: int = 1
    partners: tuple[Bijdrage, ...] = ()
    combinaties: tuple[Combinatie, ...] = ()

    def get(self, code: str) -> Invulling:
        """The input for ``code``; an empty :class:`Invulling` when the row is absent."""
        if code in self.rijen:
            return self.rijen[code]
        return Invulling(code, soort_van(code))

    @property
    def leeg(self) -> bool:
        return (not any(r.ingevuld(v) for r in self.rijen.values() for v in INVULVELDEN)
                and not self.partners and not self.combinaties)

    def bijdragen(self, code: str) -> tuple[Bijdrage, ...]:
        """The partner input for one thema/aspect, in the order of the file."""
        return tuple(b for b in self.partners if b.code == code)

    def zonder_opmerkingen(self) -> Drieslag:
        """A copy without the partners' open questions and comments (the version for the college)."""
        return replace(self, partners=tuple(replace(b, opmerking="") for b in self.partners))


@dataclass(frozen=True)
class Prioriteit:
    """One entry of the list of proposed priorities (stap 3): a thema, a strategisch thema or a combination."""

    naam: str
    codes: tuple[str, ...]
    herkomst: str  # "werkgroep" or "voorstel uit de cijfers"
    reden: str = ""


def prioriteitenlijst(drieslag: Drieslag, voorstel: dict[str, tuple[bool, str]]) -> list[Prioriteit]:
    """The proposed priorities: the werkgroep's combinations, then single thema's in code order.

    A thema in a combination counts once, inside it. Per single thema the werkgroep's ja/nee wins;
    without one, ``voorstel`` (code -> (proposed?, reasons), the suggestion from the figures) decides.
    """
    uit = [Prioriteit(c.naam, c.codes, WERKGROEP, c.motivering) for c in drieslag.combinaties]
    gedekt = {code for c in drieslag.combinaties for code in c.codes}
    for r in rijen():
        if r.soort == ASPECT or r.code in gedekt:
            continue
        rij = drieslag.get(r.code)
        if rij.prioriteit is not None:
            ja, herkomst, reden = rij.prioriteit, WERKGROEP, rij.motivering
        else:
            ja, reden = voorstel.get(r.code, (False, ""))
            herkomst = "voorstel uit de cijfers"
        if ja:
            uit.append(Prioriteit(r.naam, (r.code,), herkomst, reden))
    return uit


def herziening(drieslag: Drieslag, ind) -> list[dict[str, Any]]:
    """Werkgroep text written on figures that have moved since: one record per thema and field.

    Each record: ``code``, ``veld``, ``geschreven_op`` and ``nu`` (:class:`Cijferbasis` or None) and
    ``wijzigingen`` (see :func:`wijzigingen`); only records with at least one change.
    """
    nu = cijferbasis(ind) if ind is not None else {}
    uit = []
    for code, rij in drieslag.rijen.items():
        for veld in CIJFERVELDEN:
            if not rij.ingevuld(veld) or veld not in rij.geschreven_op:
                continue
            oud = rij.geschreven_op[veld]
            verschil = wijzigingen(oud, nu.get(code))
            if verschil:
                uit.append({"code": code, "veld": veld, "geschreven_op": oud, "nu": nu.get(code),
                            "wijzigingen": verschil})
    return uit


# --------------------------------------------------------------------------- rows of the template


@dataclass(frozen=True)
class _Rij:
    code: str
    soort: str
    veld: int  # 0 for a strategisch thema
    naam: str
    toelichting: str  # handbook description and sources, shown as a note
    toegestaan: tuple[str, ...]


def soort_van(code: str) -> str:
    """``"aspect"`` for A1..A6, ``"strategisch"`` for S1..S3, else ``"thema"``."""
    return ASPECT if code.startswith("A") else STRATEGISCH if code.startswith("S") else THEMA


@cache
def strategische_codes() -> dict[str, taxonomie.StrategischThema]:
    """Template code (``S1``..) -> strategisch thema, in the handbook's order."""
    return {f"S{i}": s for i, s in enumerate(taxonomie.strategische_themas(), start=1)}


@cache
def rijen() -> tuple[_Rij, ...]:
    """The template's rows in report order: veld 1 thema's, the six aspecten, velden 2-5, strategische thema's."""
    uit: list[_Rij] = []
    for v in taxonomie.velden():
        for t in v.themas:
            bronnen = "; ".join(t.bronnen) or "zie het handboek"
            uit.append(_Rij(t.code, THEMA, v.code, t.naam,
                            f"{t.beschrijving}\n\nMogelijke bronnen: {bronnen}.",
                            VELDEN_PER_SOORT["thema_veld1" if v.code == 1 else THEMA]))
        if v.code == 1:
            for a in taxonomie.aspecten():
                voorbeelden = "; ".join(a.voorbeelden)
                uit.append(_Rij(a.id, ASPECT, 1, f"Aspect {a.handboeknummer}: {a.naam}",
                                f"{a.beschrijving}\n\nVoorbeelden: {voorbeelden}.", VELDEN_PER_SOORT[ASPECT]))
    for code, s in strategische_codes().items():
        themas = ", ".join(t.code for t in taxonomie.themas() if s.tag in t.strategisch)
        uit.append(_Rij(code, STRATEGISCH, 0, f"Strategisch thema: {s.naam}",
                        f"{s.beschrijving}\n\nRaakt aan de thema's {themas}.", VELDEN_PER_SOORT[STRATEGISCH]))
    return tuple(uit)


def _vingerafdruk(waarde) -> str:
    """Fingerprint of a value as written, blind to white space (Excel and editors re-wrap text)."""
    if isinstance(waarde, bool):
        waarde = "ja" if waarde else "nee"
    return hashlib.sha256(" ".join(str(waarde).split()).encode("utf-8")).hexdigest()[:16]


def _machinewaarden(ind) -> dict[str, dict[str, Any]]:
    """What the machine pre-fills per code: the concept duiding, the suggested priority, the tables."""
    uit: dict[str, dict[str, Any]] = {}
    if ind is None:
        return uit
    for r in ind.duiding.itertuples():
        uit.setdefault(str(r.thema), {})["problematiek"] = str(r.tekst)
    for r in ind.prioriteiten.itertuples():
        rij = uit.setdefault(str(r.thema), {})
        rij["prioriteit"] = bool(r.voorgesteld)
        if bool(r.voorgesteld):
            rij["motivering"] = str(r.redenen)
    tabellen = ind.thema_jaar.groupby("thema")["bron"].agg(
        lambda s: ", ".join(sorted({b.strip() for x in s.dropna() for b in str(x).split(",")})))
    for thema, bron in tabellen.items():
        if bron:
            uit.setdefault(str(thema), {})["bronnen"] = f"Cijfers: {bron}"
    return uit


_VELDNAAM = {"problematiek": "duiding", "prioriteit": "prioriteitskeuze", "motivering": "motivering"}


def _voorinvulling(ind, vorige: Drieslag | None) -> dict[str, dict[str, Any]]:
    """Per code: the values to write (``waarden``), their ``herkomst`` and the ``cijfers`` note.

    The werkgroep's text of ``vorige`` is carried over with the figures it was written on; where the
    werkgroep wrote nothing, the machine's concept of *this* round is written and marked as such.
    """
    machine = _machinewaarden(ind)
    nu = cijferbasis(ind) if ind is not None else {}
    uit: dict[str, dict[str, Any]] = {}
    for r in rijen():
        m = machine.get(r.code, {})
        w = vorige.get(r.code) if vorige is not None else None
        basis = nu.get(r.code)
        waarden: dict[str, Any] = {}
        velden: dict[str, dict[str, Any]] = {}
        notities = [f"Cijfers nu: {basis.tekst()}."] if basis else []
        for veld in r.toegestaan:
            if w is not None and w.ingevuld(veld):
                waarde = getattr(w, veld)
                op = w.geschreven_op.get(veld)
                waarden[veld] = waarde
                velden[veld] = {"door": WERKGROEP, "sha": _vingerafdruk(waarde),
                                "cijfers": op.als_dict() if op else None}
                verschil = wijzigingen(op, basis) if veld in CIJFERVELDEN else ()
                if verschil:
                    notities.append(f"De {_VELDNAAM[veld]} van de werkgroep is geschreven op {op.tekst()}. "
                                    f"Sindsdien: {'; '.join(verschil)}. Controleer de tekst.")
            elif m.get(veld) not in (None, ""):
                waarden[veld] = m[veld]
                velden[veld] = {"door": MACHINE, "sha": _vingerafdruk(m[veld])}
        if w is not None and w.ingevuld("problematiek") and m.get("problematiek"):
            notities.append(f"Nieuwe conceptduiding uit de cijfers: {m['problematiek']}")
        herkomst = {"cijfers": basis.als_dict() if basis else None, "velden": velden}
        uit[r.code] = {"waarden": waarden, "herkomst": herkomst, "cijfers": "\n".join(notities)}
    return uit


# --------------------------------------------------------------------------- writing


def schrijf_sjabloon(doel: str | Path, gemeente: str, *, naam: str | None = None, indicatoren=None,
                     vorige: Drieslag | None = None, overschrijf: bool = True) -> Path:
    """Write the drieslag template for ``gemeente`` as ``.xlsx`` (openpyxl) or ``.yaml``.

    Parameters
    ----------
    doel
        Output file; the suffix chooses the format (``.xlsx``, ``.yaml`` or ``.yml``).
    gemeente, naam
        Gemeente code (``GMxxxx``) and name, stored in the template and checked on reading.
    indicatoren
        Optional :class:`ivpanalyse.analyse.indicatoren.Indicatoren` of this round: pre-fills the
        concept problematiek (``duiding``), the suggested priorities with their reasons and the
        tables used, all marked as machine text, and records the current figures per thema.
    vorige
        Optional input of the previous round (:func:`lees`): the werkgroep's own text, partner
        input and combined priorities are carried over, each text with the figures it was written
        on; machine text of the previous round is not carried but made afresh.
    overschrijf
        ``False``: an existing ``doel`` is kept and :class:`~ivpanalyse.errors.UitvoerFout` raised.

    Returns
    -------
    Path
        ``doel``, written atomically.
    """
    doel = Path(doel)
    if not re.fullmatch(r"GM\d{4}", str(gemeente)):
        raise InvoerFout("gemeentecode moet de vorm GMxxxx hebben", kolom="gemeente", waarde=gemeente)
    vooraf = _voorinvulling(indicatoren, vorige)
    ronde = vorige.ronde + 1 if vorige is not None else 1
    partners = vorige.partners if vorige is not None else ()
    combinaties = vorige.combinaties if vorige is not None else ()
    soort = doel.suffix.lower()
    if soort == ".xlsx":
        return _schrijf_xlsx(doel, gemeente, naam, vooraf, ronde, partners, combinaties, overschrijf)
    if soort in (".yaml", ".yml"):
        return schrijf_tekst(doel, _yaml_tekst(gemeente, naam, vooraf, ronde, partners, combinaties),
                             overschrijf=overschrijf)
    raise InvoerFout("onbekend bestandstype voor het sjabloon: gebruik .xlsx of .yaml", bestand=str(doel),
                     waarde=doel.suffix or doel.name)


INSTRUCTIES = (
    "Dit bestand hoort bij stap 2 van Kernbeleid Veiligheid (VNG): de veiligheidsanalyse. Vul het "
    "'langzaam' in, met interne en externe partners en in de werkgroep, in rondes: maak voor een nieuwe "
    "ronde een nieuw sjabloon met 'ivpanalyse sjabloon --vorige' en dit bestand.",
    "Per veiligheidsthema beantwoordt u de drieslag: problematiek? (wat speelt er, waar heeft de "
    "burger last van), huidige aanpak? (beleidskaders, maatregelen, projecten én knelpunten) en extra? "
    "(mogelijke beleidsversterkingen: creatief maar binnen de mogelijkheden van de gemeente).",
    "Veld 1 (Veilige woon- en leefomgeving) gaat anders: de problematiek vult u in per thema (1.1 t/m "
    "1.4), de huidige aanpak en extra per aspect van de aanpak (A1 t/m A6). Grijze cellen zijn niet van "
    "toepassing en blijven leeg. De rijen S1 t/m S3 zijn de strategische, overstijgende thema's van het "
    "handboek (Gedigitaliseerde criminaliteit, Zorg en Veiligheid, Informatiepositie).",
    "De kolom 'Duiding problematiek' is vooraf gevuld met een conceptduiding uit de cijfers. Herschrijf "
    "en vul aan met kwalitatieve informatie (gebiedsscan, partners, meldingen). Tekst die u niet wijzigt, "
    "blijft een concept: het rapport schrijft die nooit aan de werkgroep toe, en een volgende ronde "
    "vervangt haar door een nieuw concept uit de nieuwe cijfers. Tekst die u schrijft of bewerkt, is van de "
    "werkgroep en gaat mee naar de volgende ronde, met de cijfers waarop zij geschreven is.",
    "Prioriteit voorgesteld: ja of nee, met een motivering. Vooraf gevuld met de suggestie uit de cijfers "
    "(ook die blijft een voorstel tot u haar wijzigt of een eigen motivering schrijft). Een prioriteit die "
    "thema's combineert (bijvoorbeeld 'Veilig uitgaan en evenementen': 2.3 en 2.4) zet u op het blad "
    "'Combinaties'. Het handboek gaat uit van hooguit drie à vier prioriteiten (stap 3).",
    "Bronnen en partners: waar de informatie vandaan komt. Wie wat heeft bijgedragen, en wanneer, zet u "
    "op het blad 'Partners', met open vragen en opmerkingen; die laat het rapport voor het college weg.",
    "De kolom 'Cijfers en wijzigingen' vult ivpanalyse: de cijfers van nu en, bij tekst van een vorige "
    "ronde, wat er sindsdien veranderde. De laatste kolom (verborgen) herkent wat de werkgroep schreef: "
    "niet wijzigen.",
    "Leeg laten mag: het rapport toont dan 'nog in te vullen' en telt het mee in het overzicht van wat "
    "nog open staat.",
    "Niet doen: codes of kolomkoppen wijzigen, cellen samenvoegen, formules gebruiken. Begint uw tekst "
    "met '=', zet er dan een apostrof (') voor. Een nieuwe alinea: Alt+Enter; een opsomming: regels die "
    "met '- ' beginnen.",
)
INSTRUCTIES_YAML = INSTRUCTIES[:2] + (
    "Veld 1 gaat anders: problematiek en prioriteit staan bij de thema's 1.1 t/m 1.4 (onder 'themas'), "
    "huidige aanpak en extra bij de aspecten A1 t/m A6 (onder 'aspecten'). Alleen de velden die er staan "
    "zijn van toepassing. Onder 'strategisch' staan de strategische, overstijgende thema's S1 t/m S3.",
) + INSTRUCTIES[3:5] + (
    "Combinaties: een lijst van prioriteiten die thema's combineren, elk met 'naam', 'themas' (lijst van "
    "codes) en 'motivering'. Partners: een lijst van bijdragen, elk met 'code', 'onderdeel' (problematiek, "
    "aanpak, extra, prioriteit of algemeen), 'partner', 'datum' (jjjj-mm-dd), 'bijdrage' en 'opmerking' "
    "(open vraag of opmerking; die laat het rapport voor het college weg).",
    "'cijfers' bij een thema vult ivpanalyse (de cijfers van nu en wat er veranderde); het blok 'herkomst' "
    "onderaan herkent wat de werkgroep schreef: niet wijzigen.",
) + INSTRUCTIES[7:8] + (
    "Meerdere regels: zet '|' achter de dubbele punt en spring de tekst in. Een opsomming: regels die met "
    "'- ' beginnen. Wijzig de codes niet.",
)


def _herkomst_json(herkomst: dict[str, Any]) -> str:
    return json.dumps(herkomst, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _schrijf_xlsx(doel: Path, gemeente: str, naam: str | None, vooraf: dict[str, dict[str, Any]], ronde: int,
                  partners: tuple[Bijdrage, ...], combinaties: tuple[Combinatie, ...],
                  overschrijf: bool = True) -> Path:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    uitleg = wb.active
    uitleg.title = TOELICHTING
    uitleg["A1"] = "Veiligheidsanalyse: invulblad drieslag"
    uitleg["A1"].font = Font(size=14, bold=True)
    for rij, (label, waarde) in enumerate([("Gemeente", naam or ""), ("Gemeentecode", gemeente),
                                           ("Aangemaakt", date.today().isoformat()), ("Ronde", ronde)], start=2):
        uitleg.cell(rij, 1, label).font = Font(bold=True)
        _tekstcel(uitleg.cell(rij, 2), waarde)
    for i, regel in enumerate(INSTRUCTIES, start=7):
        cel = uitleg.cell(i, 1, regel)
        cel.alignment = Alignment(wrap_text=True, vertical="top")
        uitleg.merge_cells(start_row=i, start_column=1, end_row=i, end_column=2)
        uitleg.row_dimensions[i].height = 60
    uitleg.column_dimensions["A"].width = 24
    uitleg.column_dimensions["B"].width = 90

    ws = wb.create_sheet(BLAD)
    grijs = PatternFill("solid", fgColor="D9D9D9")
    automatisch = PatternFill("solid", fgColor="EFEFEF")
    kopvulling = PatternFill("solid", fgColor="0B5394")
    breedte = {"code": 7, "soort": 10, "veld": 6, "naam": 30, "problematiek": 60, "aanpak": 50,
               "extra": 45, "prioriteit": 13, "motivering": 40, "bronnen": 30, "cijfers": 50, "herkomst": 20}
    _koppen(ws, KOLOMMEN, breedte, kopvulling)
    kolom_nr = {veld: j for j, (veld, _) in enumerate(KOLOMMEN, start=1)}
    keuze = DataValidation(type="list", formula1='"ja,nee"', allow_blank=True, showErrorMessage=True,
                           errorTitle="Prioriteit", error="Kies ja of nee (of laat leeg).")
    ws.add_data_validation(keuze)
    for i, r in enumerate(rijen(), start=2):
        vooraf_rij = vooraf.get(r.code, {})
        waarden = vooraf_rij.get("waarden", {})
        for veld, j in kolom_nr.items():
            cel = ws.cell(i, j)
            cel.alignment = Alignment(wrap_text=True, vertical="top")
            if veld in ("code", "soort", "veld", "naam"):
                _tekstcel(cel, {"code": r.code, "soort": r.soort, "veld": r.veld or None, "naam": r.naam}[veld])
                cel.font = Font(bold=veld == "naam")
                continue
            if veld == "cijfers":
                cel.fill = automatisch
                _tekstcel(cel, vooraf_rij.get("cijfers") or None)
                continue
            if veld == "herkomst":
                _tekstcel(cel, _herkomst_json(vooraf_rij.get("herkomst") or {}))
                continue
            if veld not in r.toegestaan:
                cel.fill = grijs
                continue
            cel.protection = Protection(locked=False)
            waarde = waarden.get(veld)
            if veld == "prioriteit":
                waarde = None if waarde is None else ("ja" if waarde else "nee")
                keuze.add(cel)
            if waarde not in (None, ""):
                _tekstcel(cel, waarde)
        ws.cell(i, kolom_nr["naam"]).comment = Comment(r.toelichting, "ivpanalyse", width=360, height=220)
    ws.column_dimensions[ws.cell(1, kolom_nr["herkomst"]).column_letter].hidden = True
    ws.freeze_panes = "E2"
    ws.auto_filter.ref = f"A1:{ws.cell(1, len(KOLOMMEN)).column_letter}{len(rijen()) + 1}"
    # Protect the identifying and automatic columns against accidental edits; rows and columns stay resizable.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    ws.protection.autoFilter = False
    ws.protection.sort = False

    pw = wb.create_sheet(PARTNERS)
    _koppen(pw, PARTNERKOLOMMEN, {"code": 8, "onderdeel": 14, "partner": 28, "datum": 12, "bijdrage": 60,
                                  "opmerking": 50}, kopvulling)
    onderdeel = DataValidation(type="list", formula1=f'"{",".join(ONDERDELEN)}"', allow_blank=True,
                               showErrorMessage=True, errorTitle="Onderdeel",
                               error=f"Kies {', '.join(ONDERDELEN[:-1])} of {ONDERDELEN[-1]}.")
    pw.add_data_validation(onderdeel)
    for i, b in enumerate(partners, start=2):
        for j, (veld, _) in enumerate(PARTNERKOLOMMEN, start=1):
            _tekstcel(pw.cell(i, j), getattr(b, veld) or None)
    for i in range(2, len(partners) + LEGE_PARTNERRIJEN + 2):
        for j in range(1, len(PARTNERKOLOMMEN) + 1):
            pw.cell(i, j).alignment = Alignment(wrap_text=True, vertical="top")
        pw.cell(i, 4).number_format = "DD-MM-YYYY"
        onderdeel.add(pw.cell(i, 2))
    pw.freeze_panes = "A2"

    cw = wb.create_sheet(COMBINATIES)
    _koppen(cw, COMBINATIEKOLOMMEN, {"naam": 40, "themas": 24, "motivering": 70}, kopvulling)
    for i, c in enumerate(combinaties, start=2):
        _tekstcel(cw.cell(i, 1), c.naam)
        _tekstcel(cw.cell(i, 2), ", ".join(c.codes))
        _tekstcel(cw.cell(i, 3), c.motivering or None)
    for i in range(2, len(combinaties) + LEGE_COMBINATIERIJEN + 2):
        for j in range(1, len(COMBINATIEKOLOMMEN) + 1):
            cw.cell(i, j).alignment = Alignment(wrap_text=True, vertical="top")
    cw.freeze_panes = "A2"

    wb.active = wb.index(ws)
    with atomisch_pad(doel, overschrijf=overschrijf) as tmp:
        wb.save(tmp)
    return doel


def _koppen(ws, kolommen, breedte: dict[str, int], vulling) -> None:
    from openpyxl.styles import Alignment, Font

    for j, (veld, kop) in enumerate(kolommen, start=1):
        cel = ws.cell(1, j, kop)
        cel.font = Font(bold=True, color="FFFFFF")
        cel.fill = vulling
        cel.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[cel.column_letter].width = breedte[veld]


def _tekstcel(cel, waarde) -> None:
    """Put a value in a cell as text; text starting with '=' stays text, never a formula."""
    cel.value = waarde
    if isinstance(waarde, str):
        cel.data_type = "s"
        if waarde.startswith(("=", "+", "-", "@")):
            cel.quotePrefix = True


def _yaml_tekst(gemeente: str, naam: str | None, vooraf: dict[str, dict[str, Any]], ronde: int = 1,
                partners: tuple[Bijdrage, ...] = (), combinaties: tuple[Combinatie, ...] = ()) -> str:
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper, data):
        stijl = "|" if "\n" in data else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=stijl)

    _Dumper.add_representer(str, _str)
    kop = ["# Veiligheidsanalyse: invulbestand drieslag (Kernbeleid Veiligheid, stap 2)."]
    kop += ["# " + r for regel in INSTRUCTIES_YAML for r in textwrap.wrap(regel, 96)] + [""]
    data: dict[str, Any] = {"gemeente": gemeente, "naam": naam or "", "ronde": ronde, "themas": {},
                            "aspecten": {}, "strategisch": {}}
    sectie = {THEMA: "themas", ASPECT: "aspecten", STRATEGISCH: "strategisch"}
    herkomst: dict[str, str] = {}
    for r in rijen():
        vooraf_rij = vooraf.get(r.code, {})
        waarden = vooraf_rij.get("waarden", {})
        item: dict[str, Any] = {"naam": r.naam}
        if vooraf_rij.get("cijfers"):
            item["cijfers"] = vooraf_rij["cijfers"]
        for veld in r.toegestaan:
            waarde = waarden.get(veld, "")
            if veld == "prioriteit":
                waarde = "" if waarde in (None, "") else ("ja" if waarde else "nee")
            item[veld] = waarde
        data[sectie[r.soort]][r.code] = item
        h = vooraf_rij.get("herkomst") or {}
        if h.get("cijfers") or h.get("velden"):
            herkomst[r.code] = _herkomst_json(h)
    data["combinaties"] = [{"naam": c.naam, "themas": list(c.codes), "motivering": c.motivering}
                           for c in combinaties]
    data["partners"] = [{"code": b.code, "onderdeel": b.onderdeel, "partner": b.partner,
                         "datum": b.datum.isoformat() if b.datum else "", "bijdrage": b.bijdrage,
                         "opmerking": b.opmerking} for b in partners]
    tekst = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    if herkomst:
        tekst += ("\n# Herkomst: hiermee herkent ivpanalyse wat de werkgroep schreef en op welke cijfers. "
                  "Niet wijzigen.\n")
        tekst += yaml.dump({"herkomst": herkomst}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                           width=100000)
    return "\n".join(kop) + "\n" + tekst


# --------------------------------------------------------------------------- reading


def lees(pad: str | Path, *, gemeente: str | None = None) -> Drieslag:
    """Read and validate a filled-in drieslag file (``.xlsx`` or ``.yaml``).

    Parameters
    ----------
    pad
        The file written by :func:`schrijf_sjabloon` and filled in by the werkgroep.
    gemeente
        When given, the file must belong to this gemeente (if it names one).

    Returns
    -------
    Drieslag
        One :class:`Invulling` per row, holding only what a person wrote (machine concepts left as
        they were are dropped), the partner input and the combined priorities.

    Raises
    ------
    InvoerFout
        With every finding (sheet, cell, value and reason): missing or unreadable file, missing
        sheet, other column headings, merged cells, formulas, unknown or double codes, text in a
        cell that does not apply, a prioriteit other than ja/nee, a bad date or herkomst, another
        gemeente.
    """
    pad = Path(pad)
    if not pad.is_file():
        raise InvoerFout("bestand met de drieslag bestaat niet", bestand=str(pad))
    data = pad.read_bytes()
    soort = pad.suffix.lower()
    if soort == ".xlsx":
        drieslag = _lees_xlsx(pad)
    elif soort in (".yaml", ".yml"):
        drieslag = _lees_yaml(pad, data)
    else:
        raise InvoerFout("onbekend bestandstype: gebruik het .xlsx- of .yaml-sjabloon van "
                         "'ivpanalyse sjabloon'", bestand=str(pad), waarde=pad.suffix or pad.name)
    if gemeente and drieslag.gemeente and drieslag.gemeente != gemeente:
        plek = f"{TOELICHTING}!{GEMEENTE_CEL}" if soort == ".xlsx" else None
        raise InvoerFout(f"dit invulbestand hoort bij een andere gemeente dan {gemeente}", bestand=str(pad),
                         regel=plek, kolom="gemeente", waarde=drieslag.gemeente)
    return replace(drieslag, bestand=str(pad), sha256=hashlib.sha256(data).hexdigest())


@cache
def _codes() -> dict[str, _Rij]:
    return {r.code: r for r in rijen()}


def _code(waarde: str) -> str:
    code = str(waarde).strip()
    return code.upper() if code[:1] in ("a", "s") and code[1:].isdigit() else code


def _onbekende_code(waarde: str) -> str:
    codes = list(_codes())
    bijna = difflib.get_close_matches(waarde.upper(), codes, n=3, cutoff=0.5)
    for a in taxonomie.aspecten():  # the handbook numbers aspecten 1.1..1.6 too
        if waarde.lower().replace("aspect", "").strip() == a.handboeknummer and a.id not in bijna:
            bijna.insert(0, a.id)
    hint = f"; bedoelt u {' of '.join(bijna)}?" if bijna else ""
    return (f"onbekende code: geen thema (1.1 t/m 5.5), aspect van veld 1 (A1 t/m A6) of strategisch thema "
            f"(S1 t/m S{len(strategische_codes())}){hint} Wijzig de codes uit het sjabloon niet")


class _Verzamelaar:
    """Collects findings of one file; builds one Invulling per row, the partner input and combinations."""

    def __init__(self, bestand: str):
        self.bestand = bestand
        self.fouten: list[Fout] = []
        self.rijen: dict[str, Invulling] = {}
        self.eerste_plek: dict[str, str] = {}
        self.partners: list[Bijdrage] = []
        self.combinaties: list[Combinatie] = []

    def fout(self, reden: str, plek, kolom: str | None = None, waarde=None) -> None:
        self.fouten.append(Fout(reden, self.bestand, plek, kolom, waarde))

    def herkomst(self, tekst: str, plek, kolom: str) -> dict[str, Any]:
        """The herkomst written by the template (JSON); {} when empty."""
        if not tekst:
            return {}
        try:
            herkomst = json.loads(tekst)
            if not isinstance(herkomst, dict) or not isinstance(herkomst.get("velden", {}), dict):
                raise ValueError("geen object")
            if herkomst.get("cijfers"):
                Cijferbasis.van_dict(herkomst["cijfers"])
            for w in herkomst.get("velden", {}).values():
                if w.get("cijfers"):
                    Cijferbasis.van_dict(w["cijfers"])
        except (ValueError, TypeError, KeyError, AttributeError):
            self.fout("herkomst is gewijzigd en onleesbaar; zet de waarde uit het sjabloon terug (of maak een "
                      "nieuw sjabloon met --vorige)", plek, kolom, _kort(tekst))
            return {}
        return herkomst

    def rij(self, code_ruw, plek, waarden: dict[str, tuple[Any, Any]], herkomst: dict[str, Any] | None = None) -> None:
        """``waarden``: field -> (value, place of that value); ``herkomst`` as written by the template."""
        code = _code(code_ruw)
        rij = _codes().get(code)
        if rij is None:
            self.fout(_onbekende_code(code), plek, "code", code_ruw)
            return
        if code in self.rijen or code in self.eerste_plek:
            self.fout(f"code staat twee keer in het bestand (eerder: {self.eerste_plek[code]})", plek,
                      "code", code)
            return
        self.eerste_plek[code] = str(plek)
        herkomst = herkomst or {}
        velden: dict[str, Any] = {}
        geschreven_op: dict[str, Cijferbasis | None] = {}
        for veld, (waarde, cel) in waarden.items():
            tekst = _als_tekst(waarde)
            if tekst == "":
                continue
            if veld not in rij.toegestaan:
                self.fout(_niet_van_toepassing(rij, veld), cel, _kop(veld), _kort(tekst))
                continue
            if veld == "prioriteit":
                keuze = tekst.lower()
                if keuze in JA:
                    waarde = True
                elif keuze in NEE:
                    waarde = False
                else:
                    self.fout("prioriteit moet 'ja' of 'nee' zijn (of leeg)", cel, _kop(veld), tekst)
                    continue
            else:
                waarde = tekst
            geschreven = (herkomst.get("velden") or {}).get(veld) or {}
            if geschreven.get("sha") == _vingerafdruk(waarde):
                if geschreven.get("door") != WERKGROEP:
                    continue  # the machine's concept, left as it was: not the werkgroep's
                basis = geschreven.get("cijfers")  # carried over unchanged from an earlier round
            else:
                basis = herkomst.get("cijfers")  # written (or edited) by a person in this template
            velden[veld] = waarde
            geschreven_op[veld] = Cijferbasis.van_dict(basis) if basis else None
        self.rijen[code] = Invulling(code, rij.soort, plek=str(plek), geschreven_op=geschreven_op, **velden)

    def bijdrage(self, plek, waarden: dict[str, tuple[Any, Any]]) -> None:
        """One partner contribution; ``waarden``: field of :data:`PARTNERKOLOMMEN` -> (value, place)."""
        teksten = {veld: _als_tekst(w) for veld, (w, _) in waarden.items()}
        if not any(teksten.values()):
            return
        fouten = len(self.fouten)
        code = _code(teksten.get("code", ""))
        if not code:
            self.fout("bijdrage zonder code: vul de code van het thema of aspect in", waarden["code"][1], "Code")
        elif code not in _codes():
            self.fout(_onbekende_code(code), waarden["code"][1], "Code", teksten["code"])
        if not teksten.get("partner"):
            self.fout("bijdrage zonder partner: vul in wie bijdroeg", waarden["partner"][1], "Partner")
        onderdeel = (teksten.get("onderdeel") or "algemeen").lower()
        if onderdeel not in ONDERDELEN:
            self.fout(f"onbekend onderdeel; kies {', '.join(ONDERDELEN[:-1])} of {ONDERDELEN[-1]}",
                      waarden["onderdeel"][1], "Onderdeel", teksten.get("onderdeel"))
        datum = _datum(waarden.get("datum", (None, None))[0])
        if datum is False:
            self.fout("geen datum: schrijf dd-mm-jjjj of jjjj-mm-dd", waarden["datum"][1], "Datum",
                      teksten.get("datum"))
        if len(self.fouten) == fouten:
            self.partners.append(Bijdrage(code, teksten["partner"], datum or None, onderdeel,
                                          teksten.get("bijdrage", ""), teksten.get("opmerking", ""), str(plek)))

    def combinatie(self, plek, naam: tuple[Any, Any], codes: tuple[Any, Any], motivering: tuple[Any, Any]) -> None:
        """One combined priority: name, the codes it combines (list or comma-separated text), motivering."""
        lijst = codes[0] if isinstance(codes[0], (list, tuple)) else re.split(r"[,;]", _als_tekst(codes[0]))
        lijst = [_code(_als_tekst(c)) for c in lijst if _als_tekst(c)]
        naam_tekst, motivering_tekst = _als_tekst(naam[0]), _als_tekst(motivering[0])
        if not (naam_tekst or lijst or motivering_tekst):
            return
        fouten = len(self.fouten)
        if not naam_tekst:
            self.fout("combinatie zonder naam: geef de prioriteit een naam", naam[1], _kop_combinatie("naam"))
        for c in lijst:
            if c not in _codes():
                self.fout(_onbekende_code(c), codes[1], _kop_combinatie("themas"), c)
            elif soort_van(c) == ASPECT:
                self.fout("een aspect van de aanpak is geen prioriteit; combineer thema's", codes[1],
                          _kop_combinatie("themas"), c)
        if len(set(lijst)) < 2:
            self.fout("een combinatie noemt ten minste twee verschillende thema's (codes met komma's)", codes[1],
                      _kop_combinatie("themas"), ", ".join(lijst) or None)
        if len(self.fouten) == fouten:
            self.combinaties.append(Combinatie(naam_tekst, tuple(dict.fromkeys(lijst)), motivering_tekst, str(plek)))

    def drieslag(self, gemeente: str | None, ronde: int) -> Drieslag:
        if self.fouten:
            raise InvoerFout(fouten=self.fouten)
        dubbel = {c for k in self.combinaties for c in k.codes if sum(c in x.codes for x in self.combinaties) > 1}
        if dubbel:
            raise InvoerFout("een thema staat in twee combinaties; kies er één", bestand=self.bestand,
                             kolom=_kop_combinatie("themas"), waarde=", ".join(sorted(dubbel)))
        return Drieslag(gemeente=gemeente, rijen=self.rijen, ronde=ronde, partners=tuple(self.partners),
                        combinaties=tuple(self.combinaties))


def _datum(waarde) -> date | None | bool:
    """A date from a cell or YAML text; None when empty, False when it is not a date."""
    if waarde is None or waarde == "":
        return None
    if isinstance(waarde, datetime):
        return waarde.date()
    if isinstance(waarde, date):
        return waarde
    tekst = str(waarde).strip()
    for vorm in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(tekst, vorm).date()
        except ValueError:
            continue
    return False


def _kop(veld: str) -> str:
    return dict(KOLOMMEN)[veld]


def _kop_combinatie(veld: str) -> str:
    return dict(COMBINATIEKOLOMMEN)[veld]


def _kort(tekst: str, n: int = 60) -> str:
    return tekst if len(tekst) <= n else tekst[: n - 1] + "…"


def _niet_van_toepassing(rij: _Rij, veld: str) -> str:
    if rij.soort == ASPECT:
        return ("bij een aspect van de aanpak (veld 1) horen alleen huidige aanpak, extra en bronnen; "
                "problematiek en prioriteit staan bij de thema's 1.1 t/m 1.4")
    return ("bij veld 1 horen huidige aanpak en extra bij de aspecten A1 t/m A6, niet bij het thema; "
            "verplaats de tekst naar het passende aspect")


def _als_tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    if isinstance(waarde, datetime):
        waarde = waarde.date()
    if hasattr(waarde, "isoformat"):
        return waarde.isoformat()
    tekst = str(waarde).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
    return tekst.strip()


def _lees_xlsx(pad: Path) -> Drieslag:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(pad, data_only=False, rich_text=False)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InvoerFout(f"geen leesbaar Excel-bestand (.xlsx) ({type(exc).__name__}); sla het op als "
                         "Excel-werkmap", bestand=str(pad)) from exc
    if BLAD not in wb.sheetnames:
        raise InvoerFout(f"blad '{BLAD}' ontbreekt; gevonden: {', '.join(wb.sheetnames)}",
                         bestand=str(pad), regel=f"{BLAD}!A1", waarde=None)
    v = _Verzamelaar(str(pad))
    gemeente, ronde = None, 1
    if TOELICHTING in wb.sheetnames:
        gemeente = _als_tekst(wb[TOELICHTING][GEMEENTE_CEL].value) or None
        ronde = _ronde(v, wb[TOELICHTING][RONDE_CEL].value, f"{TOELICHTING}!{RONDE_CEL}")

    ws = wb[BLAD]
    velden = _blad(v, ws, BLAD, KOLOMMEN)
    for cellen, waarden in velden:
        code = _als_tekst(waarden["code"][0])
        if not code:
            if any(_als_tekst(waarden[f][0]) for f in INVULVELDEN):
                v.fout("tekst in een rij zonder code; gebruik de rijen van het sjabloon",
                       f"{BLAD}!A{cellen[0].row}", "Code", None)
            continue
        herkomst = v.herkomst(_als_tekst(waarden["herkomst"][0]), waarden["herkomst"][1], _kop("herkomst"))
        v.rij(code, waarden["code"][1], {f: waarden[f] for f in INVULVELDEN}, herkomst)
    if PARTNERS in wb.sheetnames:
        for cellen, waarden in _blad(v, wb[PARTNERS], PARTNERS, PARTNERKOLOMMEN):
            v.bijdrage(f"{PARTNERS}!A{cellen[0].row}", waarden)
    if COMBINATIES in wb.sheetnames:
        for cellen, waarden in _blad(v, wb[COMBINATIES], COMBINATIES, COMBINATIEKOLOMMEN):
            v.combinatie(f"{COMBINATIES}!A{cellen[0].row}", waarden["naam"], waarden["themas"],
                         waarden["motivering"])
    return v.drieslag(gemeente, ronde)


def _ronde(v: _Verzamelaar, waarde, plek) -> int:
    tekst = _als_tekst(waarde)
    if not tekst:
        return 1
    if not tekst.isdigit() or int(tekst) < 1:
        v.fout("ronde moet een geheel getal vanaf 1 zijn", plek, "ronde", tekst)
        return 1
    return int(tekst)


def _blad(v: _Verzamelaar, ws, naam: str, kolommen) -> list[tuple[list, dict[str, tuple[Any, Any]]]]:
    """Check a sheet's headings, merged cells and formulas; its rows as (cells, field -> (value, place)).

    Raises at once when the headings are wrong (the rows cannot be read then).
    """
    from openpyxl.worksheet.formula import ArrayFormula

    for bereik in ws.merged_cells.ranges:
        v.fout("samengevoegde cellen zijn niet toegestaan; maak de samenvoeging ongedaan",
               f"{naam}!{bereik.coord}", None, None)
    koppen = [c.value for c in ws[1]] if ws.max_row >= 1 else []
    while koppen and koppen[-1] is None:
        koppen.pop()
    verwacht = [k for _, k in kolommen]
    for j, kop in enumerate(verwacht):
        gevonden = koppen[j] if j < len(koppen) else None
        if _norm(gevonden) != _norm(kop):
            letter = ws.cell(1, j + 1).column_letter
            v.fout(f"verkeerde kolom: verwacht '{kop}'. Gebruik de kolommen van het sjabloon in deze volgorde",
                   f"{naam}!{letter}1", kop, gevonden)
    for j in range(len(verwacht), len(koppen)):
        letter = ws.cell(1, j + 1).column_letter
        v.fout("onbekende extra kolom; verwijder haar of zet de tekst in een bestaande kolom",
               f"{naam}!{letter}1", None, koppen[j])
    if v.fouten:
        raise InvoerFout(fouten=v.fouten)

    velden = [veld for veld, _ in kolommen]
    kop_van = dict(kolommen)
    uit = []
    for rij in ws.iter_rows(min_row=2):
        cellen = list(rij[: len(velden)]) + [None] * (len(velden) - len(rij))
        formule = False
        for veld, cel in zip(velden, cellen):
            if cel is not None and (cel.data_type == "f" or isinstance(cel.value, ArrayFormula)):
                waarde = cel.value.text if isinstance(cel.value, ArrayFormula) else cel.value
                v.fout("formule niet toegestaan: typ gewone tekst (begint de tekst met '=', zet er dan een "
                       "apostrof ' voor)", f"{naam}!{cel.coordinate}", kop_van[veld], waarde)
                formule = True
        if formule or cellen[0] is None:
            continue
        uit.append((cellen, {veld: (c.value if c is not None else None,
                                    f"{naam}!{c.coordinate}" if c is not None else None)
                             for veld, c in zip(velden, cellen)}))
    return uit


def _norm(tekst) -> str:
    return " ".join(str(tekst or "").split()).casefold()


_SECTIES = {"themas": THEMA, "aspecten": ASPECT, "strategisch": STRATEGISCH}


def _lees_yaml(pad: Path, data: bytes) -> Drieslag:
    from . import yamlbestand

    bestand = str(pad)
    # Every scalar stays the text as written ('nee', 'no', '2024-01-01': no YAML 1.1 guessing), null is
    # None; a duplicate key is a finding with its line and key path.
    wortel, fouten = yamlbestand.lees(pad, InvoerFout, tekst=True, inhoud=data, wat="bestand met de drieslag")
    v = _Verzamelaar(bestand)
    v.fouten += fouten
    if wortel is None and not v.fouten:
        return Drieslag()
    if not isinstance(wortel, dict):
        raise InvoerFout("verwacht een lijst van sleutels (gemeente, themas, aspecten)", bestand=bestand,
                         regel=getattr(wortel, "regel", 1), fouten=v.fouten)
    toegestaan = ("gemeente", "naam", "ronde", *_SECTIES, "combinaties", "partners", "herkomst")
    herkomst: dict[str, dict[str, Any]] = {}
    blok = wortel.get("herkomst")  # herkomst first: the rows are judged by it
    if isinstance(blok, dict):
        for code, inhoud in blok.items():
            regel = blok.regels[code]
            if isinstance(inhoud, (dict, list)):
                v.fout("herkomst is gewijzigd; zet de waarde uit het sjabloon terug", regel, "herkomst", code)
                continue
            herkomst[_code(code)] = v.herkomst(inhoud or "", regel, "herkomst")
    elif blok is not None:
        v.fout("herkomst is gewijzigd; zet het blok uit het sjabloon terug", wortel.regels["herkomst"],
               "herkomst", None)
    gemeente, ronde = None, 1
    for naam, waarde in wortel.items():
        regel = wortel.regels[naam]
        if naam in ("gemeente", "naam", "ronde"):
            if isinstance(waarde, (dict, list)):
                v.fout("verwacht een tekst", regel, naam, None)
            elif naam == "gemeente":
                gemeente = waarde or None
            elif naam == "ronde":
                ronde = _ronde(v, waarde or "", regel)
        elif naam in _SECTIES:
            if waarde is None:
                continue
            if not isinstance(waarde, dict):
                v.fout("verwacht per code een blok met velden", regel, naam, None)
                continue
            for code, item in waarde.items():
                plek = waarde.regels[code]
                rij = _codes().get(_code(code))
                if rij is not None and rij.soort != _SECTIES[naam]:
                    juist = next(k for k, s in _SECTIES.items() if s == rij.soort)
                    v.fout(f"code hoort onder '{juist}'", plek, naam, code)
                    continue
                if item is None:
                    v.rij(code, plek, {})
                    continue
                if not isinstance(item, dict):
                    v.fout("verwacht velden zoals 'problematiek:' en 'aanpak:'", plek, code, None)
                    continue
                waarden = {}
                for veld, inhoud in item.items():
                    veld_regel = item.regels[veld]
                    if veld in ("naam", "cijfers"):
                        continue
                    if veld not in INVULVELDEN:
                        v.fout(f"onbekend veld; toegestaan: naam, {', '.join(INVULVELDEN)}", veld_regel, veld,
                               code)
                        continue
                    if isinstance(inhoud, (dict, list)):
                        v.fout("verwacht tekst (gebruik '|' voor meerdere regels)", veld_regel, veld, None)
                        continue
                    waarden[veld] = (inhoud or "", veld_regel)
                v.rij(code, plek, waarden, herkomst.get(_code(code)))
        elif naam in ("combinaties", "partners"):
            for item, plek in _lijst_van_blokken(v, waarde, naam, regel):
                velden = _blokvelden(v, item, plek, naam)
                if velden is None:
                    continue
                if naam == "partners":
                    v.bijdrage(plek, {veld: velden.get(veld, (None, plek)) for veld, _ in PARTNERKOLOMMEN})
                else:
                    v.combinatie(plek, velden.get("naam", (None, plek)), velden.get("themas", (None, plek)),
                                 velden.get("motivering", (None, plek)))
        elif naam != "herkomst":
            v.fout(f"onbekende sleutel; toegestaan: {', '.join(toegestaan)}", regel, naam, None)
    return v.drieslag(gemeente, ronde)


def _lijst_van_blokken(v: _Verzamelaar, waarde, naam: str, regel: int) -> list[tuple[Any, int]]:
    if waarde is None:
        return []
    if not isinstance(waarde, list):
        v.fout("verwacht een lijst ('- ' per item)", regel, naam, None)
        return []
    return list(zip(waarde, waarde.regels))


def _blokvelden(v: _Verzamelaar, item, plek: int, naam: str) -> dict[str, tuple[Any, int]] | None:
    """Fields of one item of 'partners' or 'combinaties': field -> (text or list of texts, line)."""
    kolommen = dict(PARTNERKOLOMMEN if naam == "partners" else COMBINATIEKOLOMMEN)
    if not isinstance(item, dict):
        v.fout(f"verwacht velden: {', '.join(kolommen)}", plek, naam, None)
        return None
    uit: dict[str, tuple[Any, int]] = {}
    for veld, inhoud in item.items():
        regel = item.regels[veld]
        if veld not in kolommen:
            v.fout(f"onbekend veld; toegestaan: {', '.join(kolommen)}", regel, veld, None)
        elif veld == "themas" and isinstance(inhoud, list) and all(not isinstance(x, (dict, list)) for x in inhoud):
            uit[veld] = ([x or "" for x in inhoud], regel)
        elif isinstance(inhoud, (dict, list)):
            v.fout("verwacht tekst", regel, veld, None)
        else:
            uit[veld] = (inhoud or "", regel)
    return uit


def schrijf_yaml(doel: str | Path, gemeente: str, naam: str | None, invulling: dict[str, dict[str, str]], *,
                 partners: tuple[Bijdrage, ...] = (), combinaties: tuple[Combinatie, ...] = (),
                 ruw: bool = False) -> Path:
    """Write a (partly) filled drieslag input as YAML, all of it the werkgroep's own text.

    ``invulling`` maps thema/aspect code to columns: keys of the YAML layout (``problematiek``,
    ``aanpak``, ``extra``, ``prioriteit`` as ``"ja"``/``"nee"``, ``motivering``, ``bronnen``).
    """
    vooraf: dict[str, dict[str, Any]] = {}
    for code, velden in invulling.items():
        vooraf[code] = {"waarden": {k: (w == "ja") if k == "prioriteit" else w for k, w in velden.items()}}
    # ruw=True for the demo, which writes the werkgroepen's input beside its raw data on purpose.
    return schrijf_tekst(doel, _yaml_tekst(gemeente, naam, vooraf, 1, tuple(partners), tuple(combinaties)),
                         ruw=ruw)
