"""Fillable templates for partners' figures (brandweer, verkeersongevallen, Halt, ...) and their reader.

``ivpanalyse sjabloon-bron SOORT`` writes an Excel workbook (:func:`schrijf_sjabloon`); a partner
or the analyst fills it in; the filled file is read like any other source (:func:`lees`, recognised
by content: the first sheet starts with :data:`KENMERK` and names the soort).

The workbook (see ``docs/bronnen.md``)::

    Toelichting   how to fill it in; cells B2 (soort), B3 (versie), B4 (standaard-gemeente)
    Cijfers       one row per figure: gemeente, gebied, jaar, maand, indicator, waarde, status,
                  opmerking (the only sheet that is read for figures)
    Indicatoren   the indicators of this soort with eenheid, thema and the reason for that thema

One indicator per row, never summed across meanings: the rows follow the convention of the generic
local layout (:mod:`ivpanalyse.bronnen.generiek`): bron ``lokaal``, and every indicator of
``data/koppeling/partner.csv`` is its own canonical ``categorie`` (``<soort>/<indicator>``, e.g.
``verkeersongevallen/gewonden_onder_18``), so "verkeersgewonden jonger dan 18 jaar" and
"verkeersgewonden van 65 jaar en ouder" stay two figures (3 and 8, never 11); the analysis never
sums local categories. The same file is the mapping onto thema's (:mod:`ivpanalyse.analyse.koppeling`
reads it with the other mapping tables), so the thema a template shows is the thema the analysis uses.

Strict reading: a formula without a cached value, text outside the template's columns, a changed
header, an unknown indicator, the same figure twice with different values, a negative, fractional or
non-finite count and a percentage outside 0-100 are each refused naming file, sheet, cell, column and
value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from .. import cijfers, register
from ..config import package_data
from ..errors import ConfigFout, Fout, InleesFout, UitvoerFout
from . import gemeen, werkmap
from .incidenten import dubbele, gebieden, perioden, statussen

KENMERK = "ivpanalyse partnersjabloon"
BRON = "lokaal"  # the canonical bron of local registrations (as in the generic layout)
VERSIE = 1
BLAD_TOELICHTING = "Toelichting"
BLAD_CIJFERS = "Cijfers"
BLAD_INDICATOREN = "Indicatoren"
# (column name, width, help text) of the Cijfers sheet, in order.
KOLOMMEN = (
    ("gemeente", 16, "GMxxxx of de gemeentenaam; leeg = de gemeente op het blad Toelichting (cel B4)"),
    ("gebied", 13, "leeg voor de hele gemeente, anders een wijk- of buurtcode (WKxxxxxx, BUxxxxxxxx)"),
    ("jaar", 8, "het jaar van het cijfer, bijvoorbeeld 2023"),
    ("maand", 8, "leeg voor een jaarcijfer, anders 1 t/m 12 (maand- en jaarcijfers worden nooit opgeteld)"),
    ("indicator", 58, "kies uit de lijst (blad Indicatoren): één indicator per regel"),
    ("waarde", 10, "het cijfer: een aantal (geheel, niet negatief) of een percentage 0-100; "
                   "'.' als het onbekend of geheim is"),
    ("status", 12, "leeg, definitief of voorlopig"),
    ("opmerking", 40, "vrije tekst; wordt niet ingelezen"),
)
NAMEN = tuple(k for k, _, _ in KOLOMMEN)
RIJEN = 1000  # rows prepared with data validation
TELLINGEN = ("aantal",)


@dataclass(frozen=True)
class Soort:
    """One kind of partner template."""

    code: str
    naam: str  # short source name, prefixed to each indicator's label in the canonical omschrijving
    titel: str
    herkomst: str  # where the figures come from, who delivers them
    uitleg: str  # what to watch when filling in
    aliassen: tuple[str, ...] = ()


SOORTEN: dict[str, Soort] = {s.code: s for s in (
    Soort("brandweer", "Brandweer", "Brandweer: branden, meldingen en controles",
          "De brandweer of veiligheidsregio (uitrukregistratie, toezicht en controles op brandveiligheid).",
          "Tel branden per soort (woning, overig gebouw, buiten, container): een brand staat in één soort. "
          "Controles en overtredingen zijn aparte indicatoren; het percentage is een eigen cijfer.",
          ("brandweer", "veiligheidsregio")),
    Soort("verkeersongevallen", "Verkeersongevallen", "Verkeersongevallen (BRON/ViaStat)",
          "BRON (Bestand geRegistreerde Ongevallen in Nederland, Rijkswaterstaat), bijvoorbeeld via ViaStat "
          "of de provincie; de ongevallen zoals de politie ze registreert.",
          "Ongevallen (per afloop) en slachtoffers (personen) zijn verschillende indicatoren. Leeftijdsgroepen "
          "zijn elk een eigen indicator: vul 'jonger dan 18' en '65 en ouder' op twee regels in, nooit "
          "opgeteld.", ("verkeer", "bron", "viastat", "ongevallen")),
    Soort("halt", "Halt", "Halt-verwijzingen",
          "Halt (jaarcijfers per gemeente), voor jongeren van 12 tot 18 jaar.",
          "Alcoholwet en vuurwerk zijn delen van het totaal: ze horen bij een eigen thema en worden niet bij "
          "het totaal opgeteld.", ()),
    Soort("meldingen-openbare-ruimte", "Meldingen openbare ruimte", "Meldingen openbare ruimte",
          "Het meldingensysteem van de gemeente (MOR/BOR), eventueel aangevuld met meldingen bij corporaties.",
          "Eén soort melding per regel; een melding die in twee soorten past, telt u in één.",
          ("mor", "meldingen", "meldingen openbare ruimte", "bor")),
    Soort("politie-incidenten", "Politie-incidenten", "Politie-incidenten (overlast, E33 ...)",
          "De politie (incidentregistratie, maatschappelijke klassen zoals E33, E35, E38; VNG/INP-model of "
          "tabel 47021NED).",
          "Eén incidentcode per regel. Het totaal van alle overlast vult u niet in: dat is de som van de codes.",
          ("incidenten", "politie", "overlast")),
    Soort("gir", "GIR", "GIR: agressie en geweld tegen medewerkers",
          "Het Gemeentelijk Incidenten Registratiesysteem (GIR) van de gemeente.",
          "Eén soort incident per regel (verbaal, bedreiging, fysiek, discriminatie); 'tegen politieke "
          "ambtsdragers' en 'met aangifte' zijn aparte indicatoren naast de soorten.", ()),
    Soort("veilig-thuis", "Veilig Thuis", "Veilig Thuis: huiselijk geweld en kindermishandeling",
          "Veilig Thuis (de regio) of de CBS-tabel Veilig Thuis per gemeente; huisverboden van de gemeente.",
          "Adviezen en meldingen zijn aparte indicatoren; kindermishandeling, partnergeweld en "
          "ouderenmishandeling zijn delen van de meldingen en worden er niet bij opgeteld.",
          ("veilig thuis", "vt", "huiselijk geweld")),
)}


def _sleutel(tekst) -> str:
    return re.sub(r"[\s_]+", " ", str(tekst).strip().lower())


def soort(naam: str) -> Soort:
    """The :class:`Soort` for a code or alias (``"mor"``, ``"Veilig Thuis"`` ...).

    Raises
    ------
    ConfigFout
        For an unknown soort, listing the known ones.
    """
    gezocht = _sleutel(naam).replace("-", " ")
    for s in SOORTEN.values():
        if gezocht in {_sleutel(s.code).replace("-", " "), *(_sleutel(a) for a in s.aliassen)}:
            return s
    raise ConfigFout(f"onbekende soort partnersjabloon (kies uit: {', '.join(SOORTEN)})", kolom="soort",
                     waarde=naam)


@cache
def _tabel() -> pd.DataFrame:
    tabel = pd.read_csv(package_data("koppeling", "partner.csv"), dtype=str, keep_default_na=False, comment="#")
    return tabel.apply(lambda s: s.str.strip())


def indicatoren(soort_: str) -> pd.DataFrame:
    """The indicators of a soort: ``categorie`` (canonical), ``code`` (in the template), ``omschrijving``,
    ``eenheid``, ``thema``, ``toelichting``."""
    code = soort(soort_).code
    tabel = _tabel()
    eigen = tabel[tabel["categorie"].str.startswith(f"{code}/")].drop(columns="bron").reset_index(drop=True)
    eigen.insert(1, "code", eigen["categorie"].str.split("/", n=1).str[1])
    return eigen


# --------------------------------------------------------------------------- the template


def schrijf_sjabloon(soort_: str, doel: str | Path, *, gemeente: str | None = None,
                     overschrijf: bool = False) -> Path:
    """Write the fillable template of one soort as ``.xlsx``; returns ``doel``.

    Parameters
    ----------
    soort_
        A key of :data:`SOORTEN` or an alias.
    doel
        The ``.xlsx`` file to write (atomically; under ``data/raw/`` is refused).
    gemeente
        ``GMxxxx``: the default for rows without a gemeente, shown on the Toelichting sheet.
    overschrijf
        Replace an existing ``doel``; otherwise :class:`UitvoerFout`.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from .. import taxonomie
    from ..atomisch import atomisch_pad

    s = soort(soort_)
    doel = Path(doel)
    if doel.suffix.lower() != ".xlsx":
        raise UitvoerFout("een partnersjabloon is een Excel-bestand: gebruik de extensie .xlsx", bestand=str(doel),
                          waarde=doel.suffix or doel.name)
    if gemeente is not None:
        gemeente = str(gemeente).strip().upper()
        if not re.fullmatch(r"GM\d{4}", gemeente) or not register.bekend(gemeente):
            raise ConfigFout("onbekende gemeentecode (verwacht GMxxxx uit het gemeenteregister)", kolom="gemeente",
                             waarde=gemeente)
    lijst = indicatoren(s.code)
    themanamen = {t.code: t.naam for t in taxonomie.themas()}
    vet = Font(bold=True)
    kopvulling = PatternFill("solid", fgColor="DDEBF7")

    wb = Workbook()
    toel = wb.active
    toel.title = BLAD_TOELICHTING
    toel["A1"], toel["B1"] = KENMERK, s.titel
    toel["A1"].font = toel["B1"].font = Font(bold=True, size=13)
    for rij, (sleutel, waarde) in enumerate((("soort", s.code), ("versie", VERSIE),
                                              ("gemeente", gemeente or "")), start=2):
        toel.cell(rij, 1, sleutel).font = vet
        toel.cell(rij, 2, waarde)
    naam = register.naam(gemeente) if gemeente else None
    tekst = [
        f"Dit sjabloon verzamelt cijfers van een partner voor de veiligheidsanalyse (stap 2 van Kernbeleid "
        f"Veiligheid, VNG){' van ' + naam if naam else ''}. Lees het in met 'ivpanalyse inlezen BESTAND' of geef "
        "het met --data aan 'ivpanalyse rapport'.",
        f"Herkomst van de cijfers: {s.herkomst}",
        "Invullen op het blad 'Cijfers': één cijfer per regel. Kies de indicator uit de lijst; elke indicator "
        "heeft een eigen betekenis en wordt nooit bij een andere opgeteld. Een regel per gebied, jaar (en "
        "eventueel maand) en indicator.",
        s.uitleg,
        "Een aantal is een geheel getal van 0 of meer; een percentage ligt tussen 0 en 100. Is een cijfer "
        "onbekend of geheim, vul dan een punt (.) in: het telt dan niet als 0. Laat een regel zonder cijfer "
        "helemaal leeg.",
        "Zet niets naast of buiten de kolommen van het blad 'Cijfers' (alleen de kolom 'opmerking' is vrij) "
        "en gebruik geen formules zonder dat Excel ze heeft berekend: het bestand wordt dan geweigerd, met "
        "de cel die het probleem geeft.",
        "Op het blad 'Indicatoren' staat per indicator de eenheid en het thema van Kernbeleid Veiligheid "
        "waarop hij in de analyse terechtkomt, met de reden (handboek deel 2). Verander de bladen "
        "'Toelichting' en 'Indicatoren' niet: cel B2 zegt welk sjabloon dit is.",
        "Kolommen van het blad 'Cijfers':",
        *[f"- {k}: {uitleg}" for k, _, uitleg in KOLOMMEN],
    ]
    for i, regel in enumerate(tekst, start=6):
        cel = toel.cell(i, 1, regel)
        cel.alignment = Alignment(wrap_text=True, vertical="top")
        toel.merge_cells(start_row=i, start_column=1, end_row=i, end_column=2)
        toel.row_dimensions[i].height = 15 * max(1, math.ceil(len(regel) / 110))
    toel.column_dimensions["A"].width = 14
    toel.column_dimensions["B"].width = 110
    toel.protection.sheet = True

    ws = wb.create_sheet(BLAD_CIJFERS)
    for j, (kolom, breedte, _) in enumerate(KOLOMMEN, start=1):
        cel = ws.cell(1, j, kolom)
        cel.font, cel.fill = vet, kopvulling
        ws.column_dimensions[cel.column_letter].width = breedte
    ws.freeze_panes = "A2"
    letter = {k: ws.cell(1, j).column_letter for j, k in enumerate(NAMEN, start=1)}
    laatste = RIJEN + 1

    def valideer(kolom: str, dv: DataValidation, prompt: str) -> None:
        dv.error, dv.errorTitle = prompt, "Ongeldige invoer"
        dv.prompt, dv.promptTitle = prompt, kolom
        dv.showErrorMessage = dv.showInputMessage = True
        dv.errorStyle = "stop"
        ws.add_data_validation(dv)
        dv.add(f"{letter[kolom]}2:{letter[kolom]}{laatste}")

    uitleg = {k: u for k, _, u in KOLOMMEN}
    if gemeente:
        valideer("gemeente", DataValidation(type="list", formula1=f'"{gemeente}"', allow_blank=True),
                 uitleg["gemeente"])
    else:
        valideer("gemeente", DataValidation(type="textLength", operator="between", formula1="4", formula2="60",
                                            allow_blank=True), uitleg["gemeente"])
    valideer("gebied", DataValidation(type="textLength", operator="between", formula1="6", formula2="10",
                                      allow_blank=True), uitleg["gebied"])
    valideer("jaar", DataValidation(type="whole", operator="between", formula1="2000", formula2="2100",
                                    allow_blank=True), uitleg["jaar"])
    valideer("maand", DataValidation(type="whole", operator="between", formula1="1", formula2="12",
                                     allow_blank=True), uitleg["maand"])
    valideer("indicator", DataValidation(type="list", formula1=f"={BLAD_INDICATOREN}!$A$2:$A${len(lijst) + 1}",
                                         allow_blank=True), uitleg["indicator"])
    w, i = f"{letter['waarde']}2", f"{letter['indicator']}2"
    eenheid = f'IFERROR(VLOOKUP({i},{BLAD_INDICATOREN}!$A$2:$C${len(lijst) + 1},3,FALSE),"")'
    valideer("waarde", DataValidation(type="custom", allow_blank=True, formula1=(
        f'OR({w}=".",AND(ISNUMBER({w}),{w}>=0,OR({eenheid}<>"procent",{w}<=100),'
        f'OR({eenheid}<>"aantal",INT({w})={w})))')), uitleg["waarde"])
    valideer("status", DataValidation(type="list", formula1='"definitief,voorlopig"', allow_blank=True),
             uitleg["status"])

    ind = wb.create_sheet(BLAD_INDICATOREN)
    kop = ["indicator", "code", "eenheid", "thema", "themanaam", "reden van het thema"]
    for j, k in enumerate(kop, start=1):
        cel = ind.cell(1, j, k)
        cel.font, cel.fill = vet, kopvulling
    for r, rij in enumerate(lijst.itertuples(index=False), start=2):
        for j, waarde in enumerate((rij.omschrijving, rij.code, rij.eenheid, rij.thema,
                                    themanamen.get(rij.thema, ""), rij.toelichting), start=1):
            ind.cell(r, j, waarde)
    for kolom, breedte in zip("ABCDEF", (58, 26, 10, 7, 40, 90)):
        ind.column_dimensions[kolom].width = breedte
    ind.protection.sheet = True

    wb.active = wb.index(ws)
    wb.security.lockStructure = True  # sheets cannot be removed or renamed by accident
    wb.properties.title = f"{s.titel} ({KENMERK})"
    with atomisch_pad(doel, overschrijf=overschrijf) as tmp:
        wb.save(tmp)
    return doel


# --------------------------------------------------------------------------- reading


def herken(pad: Path, kop: str) -> bool:
    """A workbook whose first sheet starts with :data:`KENMERK` (the Toelichting of a template)."""
    eerste = kop.splitlines()[0] if kop else ""
    return eerste.split(";")[0].strip().lower() == KENMERK and gemeen.is_xlsx(pad)


def _is_formule(v) -> bool:
    if isinstance(v, str):
        return v.startswith("=")
    return type(v).__name__ in ("ArrayFormula", "DataTableFormula")


def _open(pad: Path):
    import openpyxl

    try:
        return (openpyxl.load_workbook(pad, read_only=True, data_only=True),
                openpyxl.load_workbook(pad, read_only=True, data_only=False))
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise InleesFout(f"Excel-bestand kan niet geopend worden ({type(exc).__name__}); beschadigd of afgebroken?",
                         bestand=str(pad)) from exc


def _rijen(waarden_blad, formule_blad):
    """Pairs of (cached value cells, formula cells) per row of a sheet."""
    from itertools import zip_longest

    leeg = ()
    for w, f in zip_longest(waarden_blad.iter_rows(), formule_blad.iter_rows(), fillvalue=leeg):
        yield w, f


def _lees_blad(pad: Path, bestand: str):
    """Soort, default gemeente and the Cijfers sheet as a :class:`werkmap.Tabel` (plus the cells' formats)."""
    from openpyxl.utils import get_column_letter

    waarden, formules = _open(pad)
    try:
        bladen = waarden.sheetnames
        for naam in (BLAD_TOELICHTING, BLAD_CIJFERS):
            if naam not in bladen:
                raise InleesFout(f"werkblad '{naam}' ontbreekt (gevonden: {', '.join(bladen)}); maak een nieuw "
                                 "sjabloon met 'ivpanalyse sjabloon-bron'", bestand=bestand, regel=f"{naam}!A1")
        kop = {r[0].value: (r[1].value if len(r) > 1 else None)
               for r in waarden[BLAD_TOELICHTING].iter_rows(min_row=2, max_row=4, max_col=2) if r}
        ruwe_soort = kop.get("soort")
        try:
            s = soort(str(ruwe_soort or ""))
        except ConfigFout as exc:
            raise InleesFout(f"onbekende soort partnersjabloon (kies uit: {', '.join(SOORTEN)})", bestand=bestand,
                             regel=f"{BLAD_TOELICHTING}!B2", kolom="soort", waarde=ruwe_soort) from exc
        if str(kop.get("versie")).strip() not in (str(VERSIE), f"{VERSIE}.0"):
            raise InleesFout(f"onbekende versie van het sjabloon (verwacht {VERSIE})", bestand=bestand,
                             regel=f"{BLAD_TOELICHTING}!B3", kolom="versie", waarde=kop.get("versie"))
        standaard = str(kop.get("gemeente") or "").strip()

        fouten: list[Fout] = []
        rijen, regels, procent = [], [], []
        breedte = len(NAMEN)
        for nr, (cellen, fcellen) in enumerate(_rijen(waarden[BLAD_CIJFERS], formules[BLAD_CIJFERS]), start=1):
            tekst = []
            for j, cel in enumerate(cellen):
                v = getattr(cel, "value", None)
                f = getattr(fcellen[j], "value", None) if j < len(fcellen) else None
                plek = f"{BLAD_CIJFERS}!{get_column_letter(j + 1)}{nr}"
                kolom = NAMEN[j] if j < breedte else None
                if _is_formule(f) and v is None:
                    fouten.append(Fout("formule zonder berekende waarde: open het bestand in Excel of LibreOffice "
                                       "en sla het op, of vul het getal zelf in", bestand, plek, kolom, str(f)))
                if j >= breedte:
                    if v is not None and str(v).strip() != "":
                        fouten.append(Fout(f"tekst buiten de kolommen van het sjabloon (kolom A t/m "
                                           f"{get_column_letter(breedte)}): zet opmerkingen in de kolom 'opmerking'",
                                           bestand, plek, get_column_letter(j + 1), v))
                    continue
                tekst.append(werkmap._tekst(v))
            tekst += [""] * (breedte - len(tekst))
            if nr == 1:
                for j, (gezien, verwacht) in enumerate(zip(tekst, NAMEN)):
                    if gezien.strip().lower() != verwacht:
                        fouten.append(Fout(f"kopregel van het sjabloon is veranderd: verwacht '{verwacht}'", bestand,
                                           f"{BLAD_CIJFERS}!{get_column_letter(j + 1)}1", verwacht, gezien))
                continue
            if not any(t for k, t in zip(NAMEN, tekst) if k != "opmerking"):
                continue
            waarde_cel = cellen[NAMEN.index("waarde")] if len(cellen) > NAMEN.index("waarde") else None
            formaat = str(getattr(waarde_cel, "number_format", "") or "")
            procent.append("%" in formaat and isinstance(getattr(waarde_cel, "value", None), (int, float)))
            rijen.append(tekst)
            regels.append(nr)
            if len(fouten) > 200:
                break
    finally:
        waarden.close()
        formules.close()
    gemeen.raise_als(fouten)
    if not rijen:
        raise InleesFout("het blad Cijfers bevat geen cijfers", bestand=bestand, regel=f"{BLAD_CIJFERS}!A2")
    data = pd.DataFrame(rijen, columns=list(NAMEN), dtype=object).astype(str)
    letters = {k: get_column_letter(j + 1) for j, k in enumerate(NAMEN)}
    return s, standaard, werkmap.Tabel(data, regels, BLAD_CIJFERS, letters), np.array(procent, dtype=bool)


def lees(pad: Path) -> pd.DataFrame:
    """Read a filled partner template into the canonical table (bron ``lokaal``, categorie ``<soort>/<indicator>``).

    Raises
    ------
    InleesFout
        With every problem found, each naming file, sheet and cell, column and value.
    """
    pad = Path(pad)
    bestand = str(pad)
    s, standaard, tabel, procentnotatie = _lees_blad(pad, bestand)
    data = tabel.data
    fouten: list[Fout] = []

    # Gemeente: the row's own, else the template's default (Toelichting!B4).
    leeg = (data["gemeente"].str.strip() == "").to_numpy()
    if standaard:
        data.loc[leeg, "gemeente"] = standaard
    else:
        for i in np.flatnonzero(leeg)[:gemeen.MAX_PER_SOORT]:
            fouten.append(Fout(f"gemeente ontbreekt en het sjabloon heeft geen standaardgemeente "
                               f"({BLAD_TOELICHTING}!B4)", bestand, tabel.plek(i, "gemeente"), "gemeente", ""))
    gemeente = pd.Series("", index=data.index, dtype=object)
    gegeven = ~leeg | bool(standaard)
    if gegeven.any():
        sub = _deel(tabel, gegeven)
        codes = gebieden(sub.data["gemeente"], sub, "gemeente", bestand, fouten)
        gemeente[gegeven] = codes.to_numpy()
        for k in np.flatnonzero(((codes != "") & ~codes.str.startswith("GM")).to_numpy())[:gemeen.MAX_PER_SOORT]:
            fouten.append(Fout("verwacht een gemeentecode (GMxxxx) of gemeentenaam", bestand,
                               sub.plek(k, "gemeente"), "gemeente", sub.data["gemeente"].iat[k]))
    gebied = gemeente.copy()
    gevuld = (data["gebied"].str.strip() != "").to_numpy()
    if gevuld.any():
        sub = _deel(tabel, gevuld)
        codes = gebieden(sub.data["gebied"], sub, "gebied", bestand, fouten)
        gebied[gevuld] = codes.to_numpy()
        for k, (g, c) in enumerate(zip(gemeente[gevuld], gemeen.gemeente_van(pd.Series(codes.to_numpy())))):
            if codes.iat[k] and g.startswith("GM") and g != c:
                fouten.append(Fout(f"gebied hoort niet bij gemeente {g}", bestand, sub.plek(k, "gebied"), "gebied",
                                   sub.data["gebied"].iat[k]))
    jaar, maand = perioden(tabel, bestand, fouten, "jaar", "maand")
    status = statussen(tabel, bestand, fouten)

    # Indicator: the label from the list, or its code.
    lijst = indicatoren(s.code)
    naar_code = {_sleutel(o): c for o, c in zip(lijst["omschrijving"], lijst["categorie"])}
    naar_code.update({_sleutel(k): c for k, c in zip(lijst["code"], lijst["categorie"])})
    code = data["indicator"].map(lambda t: naar_code.get(_sleutel(t), ""))
    for i in np.flatnonzero((code == "").to_numpy())[:gemeen.MAX_PER_SOORT]:
        reden = ("indicator ontbreekt" if not data["indicator"].iat[i].strip() else
                 f"onbekende indicator voor het sjabloon {s.code} (kies uit de lijst op het blad {BLAD_INDICATOREN})")
        fouten.append(Fout(reden, bestand, tabel.plek(i, "indicator"), "indicator", data["indicator"].iat[i]))
    per_code = lijst.set_index("categorie")
    eenheid = code.map(lambda c: per_code.at[c, "eenheid"] if c else "aantal")
    omschrijving = code.map(lambda c: f"{s.naam}: {per_code.at[c, 'omschrijving']}" if c else "")

    # Waarde: one figure, in the indicator's unit; '.' = onbekend of geheim, never 0.
    tekst = data["waarde"].str.strip()
    if procentnotatie.any():  # a cell formatted as 45% holds 0.45: read what the analyst sees
        tekst = tekst.where(~(procentnotatie & (eenheid == "procent").to_numpy()),
                            tekst.map(lambda t: _maal_honderd(t)))
    plekken = np.array(tabel.plekken("waarde"), dtype=object)
    for i in np.flatnonzero((tekst == "").to_numpy())[:gemeen.MAX_PER_SOORT]:
        fouten.append(Fout("waarde ontbreekt: vul het cijfer in, of '.' als het onbekend of geheim is", bestand,
                           plekken[i], "waarde", ""))
    waarde = pd.Series(np.nan, index=data.index)
    ontbreekt = pd.Series(pd.NA, index=data.index, dtype=object)
    for e in eenheid.unique():
        rij = (eenheid == e).to_numpy()
        w, o = gemeen.getallen(tekst[rij], bestand=bestand, kolom="waarde", regels=plekken[rij], eenheid=e,
                               fouten=fouten, ontbreekt_leeg=cijfers.ONBEKEND, decimaal_komma=e not in TELLINGEN,
                               gebied=gebied[rij])
        waarde[rij], ontbreekt[rij] = w.to_numpy(), o.to_numpy()
    gemeen.raise_als(fouten)

    uit = pd.DataFrame({
        "gemeente_code": gemeen.gemeente_van(gebied), "gebied_code": gebied, "periode": jaar.astype(int),
        "maand": maand.astype("Int8"), "bron": BRON, "categorie": code, "omschrijving": omschrijving,
        "waarde": waarde.astype(float), "eenheid": eenheid, "status": status, "ontbreekt": ontbreekt,
        "bronbestand": pad.name,
    })
    return cijfers.normaliseer(dubbele(uit, tabel, bestand, "waarde"))


def _deel(tabel: werkmap.Tabel, masker: np.ndarray) -> werkmap.Tabel:
    """The rows of ``tabel`` where ``masker`` holds, keeping their places for messages."""
    return werkmap.Tabel(tabel.data[masker].reset_index(drop=True), [r for r, m in zip(tabel.regels, masker) if m],
                         tabel.blad, tabel.letters)


def _maal_honderd(tekst: str) -> str:
    try:
        return f"{round(float(tekst) * 100, 10):g}"
    except ValueError:
        return tekst
