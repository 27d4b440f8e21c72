"""StatLine's CSV export in its table form: one column per dimension (labels), one per measure.

Layout (the "CSV" download of a table view on opendata.cbs.nl / StatLine)::

    "Soort misdrijf";"Regio's";"Perioden";"Geregistreerde misdrijven (aantal)";"Geregistreerde misdrijven per 1000 inwoners (per 1 000 inwoners)"
    "Totaal misdrijven";"Beek (L.)";"2022";"850";"53,2"
    "Totaal misdrijven";"'s-Gravenhage (gemeente)";"2023*";"37463";"68,1"
    "Totaal misdrijven";"Abcoude";"2022";"";""

UTF-8 with BOM, ``;``-separated; region **names** (historic ones too: "Beek (L.)", "'s-Gravenhage
(gemeente)"), periods as labels (``2023``, ``2023*`` provisional, ``2023 januari``); every measure
column carries its unit in brackets at the end of its name; decimal comma; ``.`` unknown or secret,
empty cannot occur (rows of gemeenten that did not exist that year are empty: they are read and never
count). The table number must be in the file name (``47018NED_...csv``): category labels are turned
into the table's codes with its shipped code list (``data/koppeling/<tabel>.csv``); a label the list
does not know is refused. Regions above gemeente level (Nederland, ``(RE)``, ``(PV)``, ...) are
skipped, as in the formatted layout.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import cijfers, register
from ..errors import Fout, InleesFout
from . import gemeen
from .statline import TABEL_IN_NAAM, _titels_pakket
from .statline_opgemaakt import EENHEDEN, GEEN_GEMEENTE, MAANDEN

REGIO_LABELS = ("regio's", "regio", "regios", "gemeenten", "gemeente", "wijken en buurten")
PERIODE_LABEL = "perioden"
MAAT = re.compile(r"^(?P<naam>.+?)\s*\((?P<eenheid>[^()]+)\)\s*$")
# Labels of the GebruikVanGeweld dimension of 83651NED (its total is left out of the categorie).
GEWELD = {"totaal": "", "totaal gebruik van geweld": "", "met geweld": "A048105", "zonder geweld": "A048106"}


def _kop(kop: str) -> list[str]:
    eerste = kop.splitlines()[0] if kop else ""
    return [v.strip().strip('"').strip() for v in eerste.split(";")]


def herken(pad: Path, kop: str) -> bool:
    velden = _kop(kop)
    laag = [v.lower() for v in velden]
    return (len(velden) >= 3 and PERIODE_LABEL in laag and any(v in REGIO_LABELS for v in laag)
            and any(MAAT.match(v) and MAAT.match(v).group("eenheid").strip().lower() in EENHEDEN for v in velden))


def _sleutel(tekst: str) -> str:
    return re.sub(r"\s+", " ", str(tekst).strip().lower())


def lees(pad: Path) -> pd.DataFrame:
    """Read StatLine's table-form CSV export into the canonical table (gemeente level)."""
    pad = Path(pad)
    bestand = str(pad)
    gevonden = TABEL_IN_NAAM.search(pad.name)
    if not gevonden:
        raise InleesFout("tabelnummer onbekend: zet het CBS-tabelnummer (bijv. 47018NED) in de bestandsnaam",
                         bestand=bestand, regel=1)
    tabel = gevonden.group(1).upper()
    ruw = gemeen.lees_csv(pad, sep=";")
    regels = ruw.attrs["regels"]
    if ruw.empty:
        raise InleesFout("bestand bevat alleen een kopregel, geen cijfers", bestand=bestand, regel=2)
    kolommen = list(ruw.columns)
    regio = next(k for k in kolommen if k.lower() in REGIO_LABELS)
    periode = next(k for k in kolommen if k.lower() == PERIODE_LABEL)
    maten: dict[str, str] = {}
    dimensies: list[str] = []
    for k in kolommen:
        if k in (regio, periode):
            continue
        m = MAAT.match(k)
        if m and m.group("eenheid").strip().lower() in EENHEDEN:
            maten[k] = EENHEDEN[m.group("eenheid").strip().lower()]
        elif m:
            raise InleesFout("onbekende eenheid in de kolomnaam (verwacht '(aantal)', '(per 1 000 inwoners)' of '(%)')",
                             bestand=bestand, regel=ruw.attrs["kopregel"], kolom=k, waarde=m.group("eenheid"))
        else:
            dimensies.append(k)
    titels = _titels_pakket(tabel)
    if dimensies and not titels:
        raise InleesFout(f"geen codelijst voor tabel {tabel}: de soort kan niet in codes worden omgezet",
                         bestand=bestand, regel=ruw.attrs["kopregel"], kolom=dimensies[0])
    naar_code = {_sleutel(t): c for c, t in titels.items() if "|" not in c}
    fouten: list[Fout] = []

    # Category labels -> the table's codes (per distinct label).
    delen = []
    for d in dimensies:
        codes = {}
        for label in ruw[d].unique():
            s = _sleutel(label)
            m = re.match(r"^(\d+(?:\.\d+)+)\s", label.strip())
            if s in GEWELD and "geweld" in d.lower():
                codes[label] = GEWELD[s]
            elif m and m.group(1) in titels:
                codes[label] = m.group(1)
            elif s in naar_code:
                codes[label] = naar_code[s]
            else:
                i = int(np.flatnonzero((ruw[d] == label).to_numpy())[0])
                fouten.append(Fout(f"onbekende soort voor tabel {tabel} (niet in de meegeleverde codelijst)", bestand,
                                   int(regels[i]), d, gemeen.kort(label)))
        delen.append(ruw[d].map(lambda v: codes.get(v, "")))
    if dimensies:
        volgorde = sorted(range(len(dimensies)), key=lambda j: "geweld" in dimensies[j].lower())
        categorie = ["|".join(p for p in t if p) for t in zip(*[delen[j] for j in volgorde])]
    else:
        categorie = ["totaal"] * len(ruw)

    # Periods.
    jaren, maanden, statussen = [], [], []
    per_label: dict[str, tuple] = {}
    for i, label in enumerate(ruw[periode]):
        if label not in per_label:
            t = label.strip()
            voorlopig = t.endswith("*")
            m = re.fullmatch(r"(\d{4})(?:\s+([a-z]+))?", t.rstrip("*").strip().lower())
            if not m or (m.group(2) and m.group(2) not in MAANDEN):
                fouten.append(Fout("onbekende periode (verwacht '2023', '2023*' of '2023 januari')", bestand,
                                   int(regels[i]), periode, gemeen.kort(label)))
                per_label[label] = (2000, None, "onbekend")
            else:
                per_label[label] = (int(m.group(1)), MAANDEN.get(m.group(2)),
                                    "voorlopig" if voorlopig else "definitief")
        j, mnd, st = per_label[label]
        jaren.append(j)
        maanden.append(mnd)
        statussen.append(st)
    jaar = pd.Series(jaren)
    gemeen.controleer_jaren(jaar, bestand=bestand, kolom=periode, regels=regels, fouten=fouten,
                            toon=ruw[periode].reset_index(drop=True))

    # Region names -> codes; rows of gemeenten that did not exist are empty and never count.
    leeg = np.all([ruw[k].str.strip(" ").eq("").to_numpy() for k in maten], axis=0)
    gebied = np.empty(len(ruw), dtype=object)
    houd = np.ones(len(ruw), dtype=bool)
    opgelost: dict[tuple[str, int], str] = {}
    for i, (naam, j) in enumerate(zip(ruw[regio], jaren)):
        naam = naam.strip()
        if GEEN_GEMEENTE.search(naam):
            houd[i] = False
            continue
        if re.fullmatch(r"GM\d{4}", naam):
            gebied[i] = naam
            continue
        sleutel = (naam, j if not leeg[i] else -1)
        if sleutel not in opgelost:
            try:
                opgelost[sleutel] = register.code_voor_naam(naam, jaar=None if leeg[i] else j, bestand=bestand,
                                                            regel=int(regels[i]), kolom=regio)
            except InleesFout as exc:
                if leeg[i]:
                    historisch = [c for c in register.gemeenten().index
                                  if register._sleutel(register.naam(c)) == register._sleutel(naam)]
                    if len(historisch) == 1:
                        opgelost[sleutel] = historisch[0]
                        gebied[i] = historisch[0]
                        continue
                fouten += exc.fouten
                opgelost[sleutel] = ""
        gebied[i] = opgelost[sleutel]
    gemeen.raise_als(fouten[:gemeen.MAX_PER_SOORT * 2])

    frames = []
    for kolom, eenheid in maten.items():
        waarde, ontbreekt = gemeen.getallen(ruw[kolom], bestand=bestand, kolom=kolom, regels=regels, eenheid=eenheid,
                                            fouten=fouten, decimaal_komma=True, gebied=gebied)
        frames.append(pd.DataFrame({
            "gemeente_code": gebied, "gebied_code": gebied, "periode": jaren, "maand": maanden, "bron": tabel,
            "categorie": categorie, "omschrijving": [titels.get(c, c) for c in categorie],
            "waarde": waarde.to_numpy(), "eenheid": eenheid, "status": statussen,
            "ontbreekt": ontbreekt.to_numpy(), "bronbestand": pad.name, "_regel": regels,
        })[houd])
    gemeen.raise_als(fouten)
    uit = pd.concat(frames, ignore_index=True)
    sleutel = ["gebied_code", "periode", "maand", "categorie", "eenheid"]
    dubbel = uit.duplicated(sleutel, keep=False)
    if dubbel.any():
        for _, groep in uit[dubbel].groupby(sleutel, dropna=False, sort=False):
            if groep["waarde"].nunique(dropna=False) > 1:
                raise InleesFout(f"hetzelfde cijfer staat twee keer in het bestand met verschillende waarden (ook op "
                                 f"regel {int(groep['_regel'].iat[1])}; twee namen voor één gemeente?)", bestand=bestand,
                                 regel=int(groep["_regel"].iat[0]), kolom=regio, waarde=groep["gebied_code"].iat[0])
        uit = uit.drop_duplicates(sleutel)
    uit["maand"] = uit["maand"].astype("Int8")
    return cijfers.normaliseer(uit.drop(columns="_regel"))


def namen(pad: Path) -> dict[str, str]:
    """Gemeente code -> name as written in the file (names that resolve without a year)."""
    ruw = gemeen.lees_csv(Path(pad), sep=";")
    regio = next(k for k in ruw.columns if k.lower() in REGIO_LABELS)
    uit = {}
    for naam in ruw[regio].unique():
        naam = naam.strip()
        if GEEN_GEMEENTE.search(naam):
            continue
        try:
            uit[register.code_voor_naam(naam)] = naam
        except InleesFout:
            continue
    return uit
