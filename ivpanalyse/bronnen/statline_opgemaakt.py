"""StatLine *formatted* CSV download ("CSV met opmaak"), e.g. 47013NED from the StatLine website.

Layout (real sample: ``../shared/data/politie-47013NED``)::

    "Geregistreerde misdrijven en aangiften; soort misdrijf, gemeente 2026"   <- title
    "Soort misdrijf: Totaal misdrijven"                                       <- filter line(s)
    ""
    "Onderwerp";"Geregistreerde misdrijven";"Geregistreerde misdrijven"       <- header rows, one
    "Perioden";"2022";"2023*"                                                    per dimension in
    "Regio's";"aantal";"aantal"                                                  the columns; the
    "Nederland";"800027";"805590"                                                last one gives units
    "Aa en Hunze";"657";"664"                                                 <- region *names*
    ...
    "Bron: Politie"                                                           <- footer

Region names are resolved to codes with :mod:`ivpanalyse.register`; aggregates (Nederland,
regional units ``(RE)``, provinces ``(PV)``, "niet in te delen", Buitenland) are skipped. A year
with ``*`` is provisional. An unknown or ambiguous gemeente name is an error listing the closest
names.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from .. import cijfers, register
from ..errors import Fout, InleesFout
from . import gemeen
from .statline import TABEL_IN_NAAM, _titels_pakket

RIJ_DIMENSIES = ("regio's", "regio", "gemeenten", "gemeente", "wijken en buurten", "regios")
TITELS = {  # StatLine title (before the ';') -> table id, when the file name does not say
    "geregistreerde misdrijven en aangiften": "47013NED",
    "geregistreerde misdrijven": "47018NED",
    "geregistreerde criminaliteit": "83648NED",
}
EENHEDEN = {"aantal": "aantal", "per 1 000 inwoners": "per 1.000 inwoners",
            "per 1000 inwoners": "per 1.000 inwoners", "per 1.000 inwoners": "per 1.000 inwoners",
            "%": "procent", "procent": "procent"}
MAANDEN = {m: i for i, m in enumerate(
    ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
     "oktober", "november", "december"], start=1)}
GEEN_GEMEENTE = re.compile(r"^(nederland|buitenland)$|\((re|pv|ld|cr|ggd|vr|jz|po|rb|bt|gg)\)$|"
                           r"niet in te delen|onbekend", re.IGNORECASE)


def herken(pad: Path, kop: str) -> bool:
    regels = kop.splitlines()[:15]
    if not regels or len(next(csv.reader([regels[0]], delimiter=";"), [])) != 1:
        return False
    return any(r.startswith(('"Onderwerp";', '"Perioden";', "Onderwerp;", "Perioden;")) for r in regels)


def _rijen(pad: Path) -> list[tuple[int, list[str]]]:
    """Every record with the file line it starts on; a cut-off file (no final line break, an
    unclosed quote) is refused."""
    tekst = gemeen.decodeer(pad, gemeen.lees_bytes(pad))
    if tekst.strip() and not tekst.endswith(("\n", "\r")):
        laatste = tekst.splitlines()[-1]
        raise InleesFout("bestand is afgebroken: de laatste regel eindigt niet met een regeleinde; download het "
                         "bestand opnieuw", bestand=str(pad), regel=len(tekst.splitlines()),
                         waarde=gemeen.kort(laatste, 120))
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=";", strict=True)
    uit = []
    vorige = 0
    try:
        for rij in lezer:
            uit.append((vorige + 1, rij))
            vorige = lezer.line_num
    except csv.Error as exc:
        raise InleesFout(f"bestand is afgebroken of beschadigd: aanhalingsteken op een onverwachte plek ({exc})",
                         bestand=str(pad), regel=vorige + 1) from exc
    return uit


def _periode(tekst: str, bestand: str, regel: int, kolom: str, fouten: list[Fout]):
    t = tekst.strip()
    voorlopig = t.endswith("*")
    t = t.rstrip("*").strip()
    m = re.fullmatch(r"(\d{4})(?:\s+([a-z]+))?", t.lower())
    if not m or (m.group(2) and m.group(2) not in MAANDEN):
        fouten.append(Fout("onbekende periode (verwacht '2023', '2023*' of '2023 januari')", bestand,
                           regel, kolom, tekst))
        return None
    return int(m.group(1)), MAANDEN.get(m.group(2)), "voorlopig" if voorlopig else "definitief"


def _tabel(pad: Path, titel: str) -> str:
    gevonden = TABEL_IN_NAAM.search(pad.name)
    if gevonden:
        return gevonden.group(1).upper()
    basis = titel.split(";")[0].strip().lower()
    if basis in TITELS:
        return TITELS[basis]
    raise InleesFout("tabelnummer onbekend: zet het CBS-tabelnummer (bijv. 47013NED) in de bestandsnaam",
                     bestand=str(pad), regel=1, waarde=titel)


def _categorie(titel: str, titels_naar_code: dict[str, str]) -> str:
    m = re.match(r"^(\d+(?:\.\d+)+)\s", titel)
    if m:
        return m.group(1)
    return titels_naar_code.get(titel.strip().lower(), titel.strip())


def lees(pad: Path) -> pd.DataFrame:
    """Read a StatLine formatted CSV into the canonical table (gemeente level)."""
    pad = Path(pad)
    bestand = str(pad)
    rijen = _rijen(pad)
    if not rijen:
        raise InleesFout("bestand is leeg", bestand=bestand, regel=1)
    titel = rijen[0][1][0] if rijen[0][1] else ""
    tabel = _tabel(pad, titel)
    vast: dict[str, str] = {}
    vast_regel: dict[str, int] = {}
    kop: list[tuple[int, list[str]]] = []
    i = 1
    while i < len(rijen):
        nr, rij = rijen[i]
        i += 1
        if len(rij) <= 1:
            if kop:
                break
            tekst = rij[0] if rij else ""
            if ":" in tekst:
                dim, _, waarde = tekst.partition(":")
                vast[dim.strip().lower()] = waarde.strip()
                vast_regel[dim.strip().lower()] = nr
            continue
        kop.append((nr, rij))
        if rij[0].strip().lower() in RIJ_DIMENSIES:
            break
    if not kop or kop[-1][1][0].strip().lower() not in RIJ_DIMENSIES:
        raise InleesFout("geen kopregel met regio's gevonden (verwacht een regel die begint met \"Regio's\")",
                         bestand=bestand, regel=kop[-1][0] if kop else 1)
    breedte = len(kop[-1][1])
    kolommen = []  # per value column: (onderwerp, periode-info, categorie-titel, eenheid)
    fouten: list[Fout] = []
    koppen = {r[0].strip().lower(): (nr, r) for nr, r in kop[:-1]}
    eenheid_nr, eenheid_rij = kop[-1]
    for j in range(1, breedte):
        kolnaam = f"kolom {j + 1}"
        per = koppen.get("perioden")
        if per is None:
            raise InleesFout("geen regel 'Perioden' in de kop", bestand=bestand, regel=eenheid_nr)
        pinfo = _periode(per[1][j], bestand, per[0], kolnaam, fouten) if j < len(per[1]) else None
        soort, soort_regel = None, None
        for dim, (nr, r) in koppen.items():
            if dim not in ("perioden", "onderwerp", "onderwerpen") and j < len(r):
                soort, soort_regel = r[j], nr
        if not soort:
            soort_dim = next((d for d in vast if d.startswith("soort")), None)
            soort = vast.get(soort_dim) if soort_dim else None
            soort_regel = vast_regel.get(soort_dim) if soort_dim else None
        if not soort:
            raise InleesFout("soort onbekend: geen filterregel ('Soort misdrijf: ...') en geen kopregel met de soort; "
                             "download de tabel opnieuw met de filterregels", bestand=bestand, regel=eenheid_nr,
                             kolom=kolnaam)
        eenheid_tekst = eenheid_rij[j].strip().lower() if j < len(eenheid_rij) else ""
        eenheid = EENHEDEN.get(eenheid_tekst)
        if eenheid is None:
            fouten.append(Fout("onbekende eenheid (verwacht 'aantal', 'per 1 000 inwoners' of '%')",
                               bestand, eenheid_nr, kolnaam, eenheid_rij[j] if j < len(eenheid_rij) else ""))
        kolommen.append((pinfo, soort, eenheid, soort_regel, kolnaam))
    gemeen.raise_als(fouten)

    titels = _titels_pakket(tabel)
    naar_code = {v.strip().lower(): k for k, v in titels.items()}
    if titels:
        for _, soort, _, soort_regel, kolnaam in kolommen:
            if _categorie(soort, naar_code) not in titels:
                fouten.append(Fout(f"onbekende soort voor tabel {tabel} (niet in de meegeleverde codelijst)", bestand,
                                   soort_regel, kolnaam, gemeen.kort(soort)))
        gemeen.raise_als(fouten)
    kolommen = [k[:3] for k in kolommen]
    data = []
    einde = False
    for nr, rij in rijen[i:]:
        if len(rij) <= 1:
            einde = True
            break  # footer ("Bron: Politie") or a blank line ends the data
        data.append((nr, rij))
    if data and not einde:
        # StatLine closes the table with a footer ("Bron: Politie"); without it rows may be missing.
        raise InleesFout("bestand is afgebroken: de voetregel ('Bron: ...') onder de tabel ontbreekt; download het "
                         "bestand opnieuw", bestand=bestand, regel=data[-1][0], kolom=kop[-1][1][0],
                         waarde=gemeen.kort(";".join(data[-1][1])))
    if not data:
        raise InleesFout("geen cijferregels gevonden onder de kop", bestand=bestand, regel=eenheid_nr + 1)
    na = next(((nr, rij) for nr, rij in rijen[i + len(data) + 1:] if len(rij) > 1), None)
    if na is not None:
        raise InleesFout("regel met cijfers onder het einde van de tabel: een regeleinde of lege regel in de tabel "
                         "(beschadigd bestand?)", bestand=bestand, regel=na[0], kolom=kop[-1][1][0],
                         waarde=gemeen.kort(";".join(na[1])))
    regels_tekst = gemeen.decodeer(pad, gemeen.lees_bytes(pad)).splitlines()
    if regels_tekst and regels_tekst[0].startswith('"'):
        # StatLine quotes every field; in such a file an unquoted field is damage (a quote lost).
        for nr, rij in data:
            regel = regels_tekst[nr - 1] if nr - 1 < len(regels_tekst) else ""
            if not re.fullmatch(r'"[^"]*"(;"[^"]*")*', regel):
                raise InleesFout("veld zonder aanhalingstekens in een bestand dat ze overal heeft (beschadigd "
                                 "bestand?)", bestand=bestand, regel=nr, kolom=kop[-1][1][0],
                                 waarde=gemeen.kort(regel))

    regio_kolom = kop[-1][1][0]
    records = []
    for nr, rij in data:
        naam = rij[0].strip()
        if GEEN_GEMEENTE.search(naam):
            continue
        if re.fullmatch(r"GM\d{4}", naam):
            code = naam
        else:
            try:
                code = register.code_voor_naam(naam, bestand=bestand, regel=nr, kolom=regio_kolom)
            except InleesFout as exc:
                fouten += exc.fouten
                continue
        if len(rij) != breedte:
            fouten.append(Fout(f"regel heeft {len(rij)} velden, de kop {breedte}", bestand, nr, None, naam))
            continue
        for j, (pinfo, soort, eenheid) in enumerate(kolommen, start=1):
            if pinfo is None:
                continue
            records.append((code, pinfo[0], pinfo[1], _categorie(soort, naar_code), soort, rij[j], eenheid,
                            pinfo[2], nr, f"kolom {j + 1}"))
    gemeen.raise_als(fouten)
    tab = pd.DataFrame(records, columns=["gemeente_code", "periode", "maand", "categorie", "omschrijving",
                                         "tekst", "eenheid", "status", "regel", "kolom"])
    for eenheid, deel in tab.groupby("eenheid", sort=False):
        gemeen.getallen(deel["tekst"], bestand=bestand, kolom=regio_kolom, regels=deel["regel"].to_numpy(),
                        eenheid=eenheid, fouten=fouten, decimaal_komma=True, gebied=deel["gemeente_code"].to_numpy())
    gemeen.controleer_jaren(tab["periode"], bestand=bestand, kolom="Perioden", regels=tab["regel"].to_numpy(),
                            fouten=fouten)
    gemeen.raise_als(fouten)
    waarde, ontbreekt = gemeen.getallen(tab["tekst"], bestand=bestand, kolom="", regels=tab["regel"].to_numpy(),
                                        eenheid="", fouten=[], decimaal_komma=True)
    dubbel = tab.duplicated(["gemeente_code", "periode", "maand", "categorie", "eenheid"], keep=False)
    if dubbel.any():
        eerste = tab[dubbel].iloc[0]
        raise InleesFout("dezelfde gemeente staat twee keer in het bestand (twee namen voor één code?)",
                         bestand=bestand, regel=int(eerste["regel"]), kolom=regio_kolom,
                         waarde=eerste["gemeente_code"])
    uit = pd.DataFrame({
        "gemeente_code": tab["gemeente_code"], "gebied_code": tab["gemeente_code"], "periode": tab["periode"],
        "maand": tab["maand"].astype("Int8"), "bron": tabel, "categorie": tab["categorie"],
        "omschrijving": tab["omschrijving"], "waarde": waarde.to_numpy(), "eenheid": tab["eenheid"],
        "status": tab["status"], "ontbreekt": ontbreekt.to_numpy(), "bronbestand": pad.name,
    })
    return cijfers.normaliseer(uit)


def namen(pad: Path) -> dict[str, str]:
    """Gemeente code -> name as written in the file."""
    uit = {}
    for _, rij in _rijen(Path(pad)):
        if rij and not GEEN_GEMEENTE.search(rij[0].strip()):
            try:
                uit[register.code_voor_naam(rij[0])] = rij[0].strip()
            except InleesFout:
                continue
    return uit
