"""The analyst's drieslag input: the fill-in template (xlsx or YAML) and reading it back.

Stap 2 of Kernbeleid Veiligheid asks per thema three questions, the *drieslag*: problematiek?,
huidige aanpak?, extra? (handbook, stap 2 "Werkwijze"). For veld 1 the last two are answered per
aspect van de aanpak (A1..A6), not per thema (handbook, "NB De analyse van veiligheidsveld 1").
The template therefore has one row per thema of velden 2-5 (all columns), one per thema of veld 1
(problematiek and prioriteit) and one per aspect (aanpak and extra); cells that do not apply are
grey and must stay empty.

Reading back is strict and collects every finding into one :class:`InvoerFout` naming sheet, cell
and value: missing sheet, other column headings, merged cells, formulas, unknown codes, double
rows, text in a grey cell, a prioriteit other than ja/nee, another gemeente.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import textwrap
from dataclasses import dataclass, field, replace
from functools import cache
from datetime import date
from pathlib import Path
from typing import Any

from . import taxonomie
from .atomisch import atomisch_pad, schrijf_tekst
from .errors import Fout, InvoerFout

BLAD = "Drieslag"
TOELICHTING = "Toelichting"
GEMEENTE_CEL = "B3"  # on the Toelichting sheet
THEMA, ASPECT = "thema", "aspect"

# (field, column heading). The first four columns identify the row and are not read back.
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
)
INVULVELDEN = ("problematiek", "aanpak", "extra", "prioriteit", "motivering", "bronnen")
# Which fields a row may carry; the rest is "niet van toepassing" (handbook: veld 1 works per aspect).
VELDEN_PER_SOORT = {
    "thema_veld1": ("problematiek", "prioriteit", "motivering", "bronnen"),
    "thema": INVULVELDEN,
    ASPECT: ("aanpak", "extra", "bronnen"),
}
JA, NEE = ("ja", "j", "yes", "true", "1"), ("nee", "n", "no", "false", "0")


@dataclass(frozen=True)
class Invulling:
    """The analyst's answers for one thema (``"2.1"``) or aspect (``"A3"``)."""

    code: str
    soort: str  # "thema" or "aspect"
    problematiek: str = ""
    aanpak: str = ""
    extra: str = ""
    prioriteit: bool | None = None  # None: not filled in
    motivering: str = ""
    bronnen: str = ""
    plek: str | None = None  # where it was read, e.g. "Drieslag!A7" or "regel 12"

    def ingevuld(self, veld: str) -> bool:
        waarde = getattr(self, veld)
        return waarde is not None and waarde != ""


@dataclass(frozen=True)
class Drieslag:
    """All drieslag input of one gemeente; an absent row means nothing was filled in."""

    gemeente: str | None = None
    bestand: str | None = None
    sha256: str | None = None
    rijen: dict[str, Invulling] = field(default_factory=dict)

    def get(self, code: str) -> Invulling:
        """The input for ``code``; an empty :class:`Invulling` when the row is absent."""
        if code in self.rijen:
            return self.rijen[code]
        return Invulling(code, ASPECT if code.startswith("A") else THEMA)

    @property
    def leeg(self) -> bool:
        return not any(r.ingevuld(v) for r in self.rijen.values() for v in INVULVELDEN)


# --------------------------------------------------------------------------- rows of the template


@dataclass(frozen=True)
class _Rij:
    code: str
    soort: str
    veld: int
    naam: str
    toelichting: str  # handbook description and sources, shown as a note
    toegestaan: tuple[str, ...]


@cache
def rijen() -> tuple[_Rij, ...]:
    """The template's rows in report order: veld 1 thema's, the six aspecten, then velden 2-5."""
    uit: list[_Rij] = []
    for v in taxonomie.velden():
        for t in v.themas:
            bronnen = "; ".join(t.bronnen) or "zie het handboek"
            uit.append(_Rij(t.code, THEMA, v.code, t.naam,
                            f"{t.beschrijving}\n\nMogelijke bronnen: {bronnen}.",
                            VELDEN_PER_SOORT["thema_veld1" if v.code == 1 else "thema"]))
        if v.code == 1:
            for a in taxonomie.aspecten():
                voorbeelden = "; ".join(a.voorbeelden)
                uit.append(_Rij(a.id, ASPECT, 1, f"Aspect {a.handboeknummer}: {a.naam}",
                                f"{a.beschrijving}\n\nVoorbeelden: {voorbeelden}.", VELDEN_PER_SOORT[ASPECT]))
    return tuple(uit)


def _voorinvulling(ind, vorige: Drieslag | None) -> dict[str, dict[str, Any]]:
    """Draft texts and suggested priorities per code, overridden by a previous input."""
    uit: dict[str, dict[str, Any]] = {}
    if ind is not None:
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
    if vorige is not None:
        for code, inv in vorige.rijen.items():
            rij = uit.setdefault(code, {})
            for veld in INVULVELDEN:
                if inv.ingevuld(veld):
                    rij[veld] = getattr(inv, veld)
    return uit


# --------------------------------------------------------------------------- writing


def schrijf_sjabloon(doel: str | Path, gemeente: str, *, naam: str | None = None, indicatoren=None,
                     vorige: Drieslag | None = None) -> Path:
    """Write the drieslag template for ``gemeente`` as ``.xlsx`` (openpyxl) or ``.yaml``.

    Parameters
    ----------
    doel
        Output file; the suffix chooses the format (``.xlsx``, ``.yaml`` or ``.yml``).
    gemeente, naam
        Gemeente code (``GMxxxx``) and name, stored in the template and checked on reading.
    indicatoren
        Optional :class:`ivpanalyse.indicatoren.Indicatoren`: pre-fills the draft problematiek
        (``duiding``), the suggested priorities with their reasons and the tables used.
    vorige
        Optional earlier input whose filled-in cells are carried over (new data, same texts).

    Returns
    -------
    Path
        ``doel``, written atomically.
    """
    doel = Path(doel)
    if not re.fullmatch(r"GM\d{4}", str(gemeente)):
        raise InvoerFout("gemeentecode moet de vorm GMxxxx hebben", kolom="gemeente", waarde=gemeente)
    vooraf = _voorinvulling(indicatoren, vorige)
    soort = doel.suffix.lower()
    if soort == ".xlsx":
        return _schrijf_xlsx(doel, gemeente, naam, vooraf)
    if soort in (".yaml", ".yml"):
        return schrijf_tekst(doel, _yaml_tekst(gemeente, naam, vooraf))
    raise InvoerFout("onbekend bestandstype voor het sjabloon: gebruik .xlsx of .yaml", bestand=str(doel),
                     waarde=doel.suffix or doel.name)


INSTRUCTIES = (
    "Dit bestand hoort bij stap 2 van Kernbeleid Veiligheid (VNG): de veiligheidsanalyse. Vul het "
    "'langzaam' in, met interne en externe partners en in de werkgroep.",
    "Per veiligheidsthema beantwoordt u de drieslag: problematiek? (wat speelt er, waar heeft de "
    "burger last van), huidige aanpak? (beleidskaders, maatregelen, projecten én knelpunten) en extra? "
    "(mogelijke beleidsversterkingen: creatief maar binnen de mogelijkheden van de gemeente).",
    "Veld 1 (Veilige woon- en leefomgeving) gaat anders: de problematiek vult u in per thema (1.1 t/m "
    "1.4), de huidige aanpak en extra per aspect van de aanpak (A1 t/m A6). Grijze cellen zijn niet van "
    "toepassing en blijven leeg.",
    "De kolom 'Duiding problematiek' is vooraf gevuld met een conceptduiding uit de cijfers. Herschrijf "
    "en vul aan met kwalitatieve informatie (gebiedsscan, partners, meldingen). Ongewijzigde tekst toont "
    "het rapport als concept.",
    "Prioriteit voorgesteld: ja of nee, met een motivering. Vooraf gevuld met de suggestie uit de cijfers. "
    "Het handboek gaat uit van hooguit drie à vier prioriteiten (stap 3).",
    "Bronnen en partners: waar de informatie vandaan komt en wie heeft meegeschreven.",
    "Leeg laten mag: het rapport toont dan 'nog in te vullen' en telt het mee in het overzicht van wat "
    "nog open staat.",
    "Niet doen: codes of kolomkoppen wijzigen, cellen samenvoegen, formules gebruiken. Begint uw tekst "
    "met '=', zet er dan een apostrof (') voor. Een nieuwe alinea: Alt+Enter; een opsomming: regels die "
    "met '- ' beginnen.",
)
INSTRUCTIES_YAML = INSTRUCTIES[:2] + (
    "Veld 1 gaat anders: problematiek en prioriteit staan bij de thema's 1.1 t/m 1.4 (onder 'themas'), "
    "huidige aanpak en extra bij de aspecten A1 t/m A6 (onder 'aspecten'). Alleen de velden die er staan "
    "zijn van toepassing.",
) + INSTRUCTIES[3:7] + (
    "Meerdere regels: zet '|' achter de dubbele punt en spring de tekst in. Een opsomming: regels die met "
    "'- ' beginnen. Wijzig de codes niet.",
)


def _schrijf_xlsx(doel: Path, gemeente: str, naam: str | None, vooraf: dict[str, dict[str, Any]]) -> Path:
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
                                           ("Aangemaakt", date.today().isoformat())], start=2):
        uitleg.cell(rij, 1, label).font = Font(bold=True)
        _tekstcel(uitleg.cell(rij, 2), waarde)
    for i, regel in enumerate(INSTRUCTIES, start=6):
        cel = uitleg.cell(i, 1, regel)
        cel.alignment = Alignment(wrap_text=True, vertical="top")
        uitleg.merge_cells(start_row=i, start_column=1, end_row=i, end_column=2)
        uitleg.row_dimensions[i].height = 48
    uitleg.column_dimensions["A"].width = 24
    uitleg.column_dimensions["B"].width = 90

    ws = wb.create_sheet(BLAD)
    grijs = PatternFill("solid", fgColor="D9D9D9")
    kopvulling = PatternFill("solid", fgColor="0B5394")
    breedte = {"code": 7, "soort": 8, "veld": 6, "naam": 30, "problematiek": 60, "aanpak": 50,
               "extra": 45, "prioriteit": 13, "motivering": 40, "bronnen": 30}
    for j, (veld, kop) in enumerate(KOLOMMEN, start=1):
        cel = ws.cell(1, j, kop)
        cel.font = Font(bold=True, color="FFFFFF")
        cel.fill = kopvulling
        cel.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[cel.column_letter].width = breedte[veld]
    kolom_nr = {veld: j for j, (veld, _) in enumerate(KOLOMMEN, start=1)}
    keuze = DataValidation(type="list", formula1='"ja,nee"', allow_blank=True, showErrorMessage=True,
                           errorTitle="Prioriteit", error="Kies ja of nee (of laat leeg).")
    ws.add_data_validation(keuze)
    for i, r in enumerate(rijen(), start=2):
        waarden = vooraf.get(r.code, {})
        for veld, j in kolom_nr.items():
            cel = ws.cell(i, j)
            cel.alignment = Alignment(wrap_text=True, vertical="top")
            if veld in ("code", "soort", "veld", "naam"):
                _tekstcel(cel, {"code": r.code, "soort": r.soort, "veld": r.veld, "naam": r.naam}[veld])
                cel.font = Font(bold=veld == "naam")
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
    ws.freeze_panes = "E2"
    ws.auto_filter.ref = f"A1:{ws.cell(1, len(KOLOMMEN)).column_letter}{len(rijen()) + 1}"
    # Protect the identifying columns against accidental edits; rows and columns stay resizable.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    ws.protection.autoFilter = False
    ws.protection.sort = False
    wb.active = wb.index(ws)
    with atomisch_pad(doel) as tmp:
        wb.save(tmp)
    return doel


def _tekstcel(cel, waarde) -> None:
    """Put a value in a cell as text; text starting with '=' stays text, never a formula."""
    cel.value = waarde
    if isinstance(waarde, str):
        cel.data_type = "s"
        if waarde.startswith(("=", "+", "-", "@")):
            cel.quotePrefix = True


def _yaml_tekst(gemeente: str, naam: str | None, vooraf: dict[str, dict[str, Any]]) -> str:
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper, data):
        stijl = "|" if "\n" in data else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=stijl)

    _Dumper.add_representer(str, _str)
    kop = ["# Veiligheidsanalyse: invulbestand drieslag (Kernbeleid Veiligheid, stap 2)."]
    kop += ["# " + r for regel in INSTRUCTIES_YAML for r in textwrap.wrap(regel, 96)] + [""]
    data: dict[str, Any] = {"gemeente": gemeente, "naam": naam or "", "themas": {}, "aspecten": {}}
    for r in rijen():
        waarden = vooraf.get(r.code, {})
        item: dict[str, Any] = {"naam": r.naam}
        for veld in r.toegestaan:
            waarde = waarden.get(veld, "")
            if veld == "prioriteit":
                waarde = "" if waarde in (None, "") else ("ja" if waarde else "nee")
            item[veld] = waarde
        data["themas" if r.soort == THEMA else "aspecten"][r.code] = item
    tekst = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(kop) + "\n" + tekst


# --------------------------------------------------------------------------- reading


def lees(pad: str | Path, *, gemeente: str | None = None) -> Drieslag:
    """Read and validate a filled-in drieslag file (``.xlsx`` or ``.yaml``).

    Parameters
    ----------
    pad
        The file written by :func:`schrijf_sjabloon` and filled in by the analyst.
    gemeente
        When given, the file must belong to this gemeente (if it names one).

    Returns
    -------
    Drieslag
        One :class:`Invulling` per row that has any text.

    Raises
    ------
    InvoerFout
        With every finding (sheet, cell, value and reason): missing or unreadable file, missing
        sheet, other column headings, merged cells, formulas, unknown or double codes, text in a
        cell that does not apply, a prioriteit other than ja/nee, another gemeente.
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


def _onbekende_code(waarde: str) -> str:
    codes = list(_codes())
    bijna = difflib.get_close_matches(waarde.upper(), codes, n=3, cutoff=0.5)
    for a in taxonomie.aspecten():  # the handbook numbers aspecten 1.1..1.6 too
        if waarde.lower().replace("aspect", "").strip() == a.handboeknummer and a.id not in bijna:
            bijna.insert(0, a.id)
    hint = f"; bedoelt u {' of '.join(bijna)}?" if bijna else ""
    return (f"onbekende code: geen thema (1.1 t/m 5.5) of aspect van veld 1 (A1 t/m A6){hint} "
            "Wijzig de codes uit het sjabloon niet")


class _Verzamelaar:
    """Collects findings of one file; builds one Invulling per row."""

    def __init__(self, bestand: str):
        self.bestand = bestand
        self.fouten: list[Fout] = []
        self.rijen: dict[str, Invulling] = {}
        self.eerste_plek: dict[str, str] = {}

    def fout(self, reden: str, plek, kolom: str | None = None, waarde=None) -> None:
        self.fouten.append(Fout(reden, self.bestand, plek, kolom, waarde))

    def rij(self, code_ruw, plek, waarden: dict[str, tuple[Any, Any]]) -> None:
        """``waarden``: field -> (value, place of that value)."""
        code = str(code_ruw).strip()
        if code.startswith("a") and code[1:].isdigit():
            code = code.upper()
        rij = _codes().get(code)
        if rij is None:
            self.fout(_onbekende_code(code), plek, "code", code_ruw)
            return
        if code in self.rijen or code in self.eerste_plek:
            self.fout(f"code staat twee keer in het bestand (eerder: {self.eerste_plek[code]})", plek,
                      "code", code)
            return
        self.eerste_plek[code] = str(plek)
        velden: dict[str, Any] = {}
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
                    velden[veld] = True
                elif keuze in NEE:
                    velden[veld] = False
                else:
                    self.fout("prioriteit moet 'ja' of 'nee' zijn (of leeg)", cel, _kop(veld), tekst)
                continue
            velden[veld] = tekst
        self.rijen[code] = Invulling(code, rij.soort, plek=str(plek), **velden)


def _kop(veld: str) -> str:
    return dict(KOLOMMEN)[veld]


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
    if hasattr(waarde, "isoformat"):
        return waarde.isoformat()
    tekst = str(waarde).replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
    return tekst.strip()


def _lees_xlsx(pad: Path) -> Drieslag:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from openpyxl.worksheet.formula import ArrayFormula

    try:
        wb = load_workbook(pad, data_only=False, rich_text=False)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InvoerFout(f"geen leesbaar Excel-bestand (.xlsx) ({type(exc).__name__}); sla het op als "
                         "Excel-werkmap", bestand=str(pad)) from exc
    if BLAD not in wb.sheetnames:
        raise InvoerFout(f"blad '{BLAD}' ontbreekt; gevonden: {', '.join(wb.sheetnames)}",
                         bestand=str(pad), regel=f"{BLAD}!A1", waarde=None)
    ws = wb[BLAD]
    v = _Verzamelaar(str(pad))
    gemeente = None
    if TOELICHTING in wb.sheetnames:
        gemeente = _als_tekst(wb[TOELICHTING][GEMEENTE_CEL].value) or None

    for bereik in ws.merged_cells.ranges:
        v.fout("samengevoegde cellen zijn niet toegestaan; maak de samenvoeging ongedaan",
               f"{BLAD}!{bereik.coord}", None, None)
    koppen = [c.value for c in ws[1]] if ws.max_row >= 1 else []
    while koppen and koppen[-1] is None:
        koppen.pop()
    verwacht = [k for _, k in KOLOMMEN]
    for j, kop in enumerate(verwacht):
        gevonden = koppen[j] if j < len(koppen) else None
        if _norm(gevonden) != _norm(kop):
            letter = ws.cell(1, j + 1).column_letter
            v.fout(f"verkeerde kolom: verwacht '{kop}'. Gebruik de kolommen van het sjabloon in deze volgorde",
                   f"{BLAD}!{letter}1", kop, gevonden)
    for j in range(len(verwacht), len(koppen)):
        letter = ws.cell(1, j + 1).column_letter
        v.fout("onbekende extra kolom; verwijder haar of zet de tekst in een bestaande kolom",
               f"{BLAD}!{letter}1", None, koppen[j])
    if v.fouten:
        raise InvoerFout(fouten=v.fouten)

    velden = [veld for veld, _ in KOLOMMEN]
    for rij in ws.iter_rows(min_row=2):
        cellen = list(rij[: len(velden)]) + [None] * (len(velden) - len(rij))
        formule = False
        for cel in cellen:
            if cel is not None and (cel.data_type == "f" or isinstance(cel.value, ArrayFormula)):
                waarde = cel.value.text if isinstance(cel.value, ArrayFormula) else cel.value
                v.fout("formule niet toegestaan: typ gewone tekst (begint de tekst met '=', zet er dan een "
                       "apostrof ' voor)", f"{BLAD}!{cel.coordinate}", _kolomkop(cel, velden), waarde)
                formule = True
        if formule:
            continue
        waarden = {veld: (c.value if c is not None else None, f"{BLAD}!{c.coordinate}" if c is not None else None)
                   for veld, c in zip(velden, cellen)}
        code = _als_tekst(waarden["code"][0])
        if not code:
            if any(_als_tekst(waarden[f][0]) for f in INVULVELDEN):
                v.fout("tekst in een rij zonder code; gebruik de rijen van het sjabloon",
                       f"{BLAD}!A{cellen[0].row}", "Code", None)
            continue
        v.rij(code, waarden["code"][1], {f: waarden[f] for f in INVULVELDEN})
    if v.fouten:
        raise InvoerFout(fouten=v.fouten)
    return Drieslag(gemeente=gemeente, rijen=v.rijen)


def _kolomkop(cel, velden: list[str]) -> str | None:
    j = cel.column - 1
    return _kop(velden[j]) if 0 <= j < len(velden) else None


def _norm(tekst) -> str:
    return " ".join(str(tekst or "").split()).casefold()


def _lees_yaml(pad: Path, data: bytes) -> Drieslag:
    import yaml

    bestand = str(pad)
    try:
        tekst = data.decode("utf-8-sig")
        wortel = yaml.compose(tekst, Loader=yaml.SafeLoader)
    except UnicodeDecodeError as exc:
        raise InvoerFout("bestand is geen UTF-8", bestand=bestand) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InvoerFout(f"geen geldige YAML ({getattr(exc, 'problem', None) or exc})", bestand=bestand,
                         regel=mark.line + 1 if mark else None) from exc
    v = _Verzamelaar(bestand)
    if wortel is None:
        return Drieslag()
    if not isinstance(wortel, yaml.MappingNode):
        raise InvoerFout("verwacht een lijst van sleutels (gemeente, themas, aspecten)", bestand=bestand,
                         regel=wortel.start_mark.line + 1)
    gemeente = None
    for sleutel, waarde in wortel.value:
        naam = sleutel.value
        regel = sleutel.start_mark.line + 1
        if naam in ("gemeente", "naam"):
            if not isinstance(waarde, yaml.ScalarNode):
                v.fout("verwacht een tekst", regel, naam, None)
            elif naam == "gemeente":
                gemeente = _scalar(waarde) or None
        elif naam in ("themas", "aspecten"):
            if _is_null(waarde):
                continue
            if not isinstance(waarde, yaml.MappingNode):
                v.fout("verwacht per code een blok met velden", regel, naam, None)
                continue
            for code_node, item in waarde.value:
                plek = code_node.start_mark.line + 1
                code = code_node.value
                rij = _codes().get(code.strip().upper() if code.strip()[:1] in "aA" else code.strip())
                if rij is not None and (rij.soort == ASPECT) != (naam == "aspecten"):
                    v.fout(f"code hoort onder '{'aspecten' if rij.soort == ASPECT else 'themas'}'", plek,
                           naam, code)
                    continue
                if _is_null(item):
                    v.rij(code, plek, {})
                    continue
                if not isinstance(item, yaml.MappingNode):
                    v.fout("verwacht velden zoals 'problematiek:' en 'aanpak:'", plek, code, None)
                    continue
                waarden = {}
                for veld_node, inhoud in item.value:
                    veld = veld_node.value
                    veld_regel = veld_node.start_mark.line + 1
                    if veld == "naam":
                        continue
                    if veld not in INVULVELDEN:
                        v.fout(f"onbekend veld; toegestaan: naam, {', '.join(INVULVELDEN)}", veld_regel, veld,
                               code)
                        continue
                    if not isinstance(inhoud, yaml.ScalarNode):
                        v.fout("verwacht tekst (gebruik '|' voor meerdere regels)", veld_regel, veld, None)
                        continue
                    waarden[veld] = (_scalar(inhoud), veld_regel)
                v.rij(code, plek, waarden)
        else:
            v.fout("onbekende sleutel; toegestaan: gemeente, naam, themas, aspecten", regel, naam, None)
    if v.fouten:
        raise InvoerFout(fouten=v.fouten)
    return Drieslag(gemeente=gemeente, rijen=v.rijen)


def _is_null(node) -> bool:
    return node.tag == "tag:yaml.org,2002:null"


def _scalar(node) -> str:
    # The raw text: 'nee', 'no' and '2024-01-01' stay text (no YAML 1.1 guessing); null is empty.
    return "" if _is_null(node) else str(node.value)


def schrijf_yaml(doel: str | Path, gemeente: str, naam: str | None,
                 invulling: dict[str, dict[str, str]]) -> Path:
    """Write a (partly) filled drieslag input as YAML; ``invulling`` maps thema/aspect code to columns.

    Column keys are those of the YAML layout (``problematiek``, ``aanpak``, ``extra``,
    ``prioriteit`` as ``"ja"``/``"nee"``, ``motivering``, ``bronnen``).
    """
    vooraf: dict[str, dict[str, Any]] = {}
    for code, velden in invulling.items():
        vooraf[code] = {k: (w == "ja") if k == "prioriteit" else w for k, w in velden.items()}
    return schrijf_tekst(doel, _yaml_tekst(gemeente, naam, vooraf))
