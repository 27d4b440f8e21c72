"""Population and housing stock from CBS kerncijfers: the denominators of rates.

Three layouts:

* **70072ned** "Regionale kerncijfers Nederland", StatLine bulk CSV (``ID;RegioS;Perioden;
  TotaleBevolking_1;...;VoorraadOp1Januari_90;...``): inhabitants on 1 January and the housing
  stock (woningvoorraad) on 1 January per gemeente and year. Rows for Nederland and provinces are
  skipped. Written as bron ``70072ned``.
* **Kerncijfers wijken en buurten** bulk CSV (``ID;WijkenEnBuurten;Gemeentenaam_1;...;
  AantalInwoners_5;...;Woningvoorraad_NN``), one table per year (the year comes from a
  ``Perioden`` column, else from the table number or a year in the file name). Bron ``kwb``.
* a **buurt population extract** ``"","nhood_id","population"`` (as written by R from the
  kerncijfers wijken en buurten; year in the file name, e.g. ``Population85984_2024_buurten.csv``).
  Bron ``kwb``.

Categories are ``inwoners`` and ``woningen`` with units of the same names, so woninginbraak can be
expressed per 1.000 woningen.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import cijfers
from ..errors import Fout, InleesFout
from . import gemeen

# Kerncijfers wijken en buurten: table id -> year of the regional classification.
KWB_TABELLEN = {"85984NED": 2024, "85618NED": 2023, "85318NED": 2022, "85039NED": 2021, "84799NED": 2020,
                "84583NED": 2019, "84286NED": 2018, "83765NED": 2017, "83487NED": 2016, "83220NED": 2015}
INWONERS = ("TotaleBevolking_", "AantalInwoners_")
WONINGEN = ("VoorraadOp1Januari_", "Woningvoorraad_")


def _kop(kop: str) -> list[str]:
    eerste = kop.splitlines()[0] if kop else ""
    sep = ";" if eerste.count(";") >= eerste.count(",") else ","
    return [v.strip().strip('"') for v in eerste.split(sep)]


def herken(pad: Path, kop: str) -> bool:
    velden = _kop(kop)
    if {"nhood_id", "population"} <= set(velden):
        return True
    return "ID" in velden and any(v.startswith(INWONERS) for v in velden) and any(
        v in ("RegioS", "WijkenEnBuurten") for v in velden)


def _jaar_uit_naam(pad: Path) -> int | None:
    for tabel, jaar in KWB_TABELLEN.items():
        if tabel.lower() in pad.name.lower() or tabel[:5] in pad.name:
            m = re.search(r"(?<!\d)(20\d\d)(?!\d)", pad.name)
            return int(m.group(1)) if m else jaar
    m = re.search(r"(?<!\d)(19|20)(\d\d)(?!\d)", pad.name)
    return int(m.group(1) + m.group(2)) if m else None


def lees(pad: Path) -> pd.DataFrame:
    """Read inhabitants and housing stock (where present) into the canonical table."""
    pad = Path(pad)
    bestand = str(pad)
    kop = pad.open(encoding="utf-8-sig", errors="replace").readline()
    sep = ";" if kop.count(";") >= kop.count(",") else ","
    ruw = gemeen.lees_csv(pad, sep=sep)
    if ruw.empty:
        raise InleesFout("bestand bevat alleen een kopregel, geen cijfers", bestand=bestand, regel=2)
    regels = ruw.attrs.get("regels", np.arange(2, len(ruw) + 2))
    fouten: list[Fout] = []
    if "nhood_id" in ruw:
        regio, bron = "nhood_id", "kwb"
        kolommen = {"population": "inwoners"}
    else:
        regio = "RegioS" if "RegioS" in ruw else "WijkenEnBuurten"
        bron = "70072ned" if regio == "RegioS" else "kwb"
        kolommen = {}
        for k in ruw.columns:
            if k.startswith(INWONERS) and "inwoners" not in kolommen.values():
                kolommen[k] = "inwoners"
            elif k.startswith(WONINGEN) and "woningen" not in kolommen.values():
                kolommen[k] = "woningen"
    gebied = ruw[regio].str.strip()
    if "Perioden" in ruw:
        per = ruw["Perioden"].str.strip()
        delen = per.str.extract(r"^(\d{4})JJ00$")
        for i in np.flatnonzero(delen[0].isna())[:gemeen.MAX_PER_SOORT]:
            fouten.append(Fout("onbekende periode (verwacht JJJJJJ00)", bestand, int(regels[i]), "Perioden",
                               ruw["Perioden"].iat[i]))
        jaar = pd.to_numeric(delen[0], errors="coerce")
    else:
        j = _jaar_uit_naam(pad)
        if j is None:
            raise InleesFout("jaar onbekend: zet het jaar of het tabelnummer (bijv. 85984NED_2024) in de "
                             "bestandsnaam", bestand=bestand, regel=1, kolom=regio)
        jaar = pd.Series(j, index=ruw.index)
    andere = gebied.str.match(r"^(NL|PV|LD|CR|RE)\d").to_numpy()
    geldig = gemeen.controleer_gebieden(gebied, bestand=bestand, kolom=regio, regels=regels,
                                        fouten=(tijdelijk := []), ruw=ruw[regio])
    fouten += [f for f, i in zip(tijdelijk, np.flatnonzero(~geldig)) if not andere[i]]
    gemeen.controleer_jaren(jaar, bestand=bestand, kolom="Perioden", regels=regels, fouten=fouten)
    frames = []
    houd = geldig & ~andere
    for kolom, categorie in kolommen.items():
        waarde, ontbreekt = gemeen.getallen(ruw[kolom], bestand=bestand, kolom=kolom, regels=regels,
                                            eenheid=categorie, fouten=fouten, gebied=gebied.to_numpy())
        frames.append(pd.DataFrame({
            "gemeente_code": gemeen.gemeente_van(gebied[houd]), "gebied_code": gebied[houd].to_numpy(),
            "periode": jaar[houd].to_numpy(), "bron": bron, "categorie": categorie,
            "omschrijving": "Inwoners" if categorie == "inwoners" else "Woningvoorraad",
            "waarde": waarde[houd].to_numpy(), "eenheid": categorie, "status": "definitief",
            "ontbreekt": ontbreekt[houd].to_numpy(), "bronbestand": pad.name,
        }))
    gemeen.raise_als(fouten)
    uit = pd.concat(frames, ignore_index=True)
    dubbel = uit.duplicated(["gebied_code", "periode", "categorie"], keep=False)
    if dubbel.any():
        i = int(np.flatnonzero(dubbel)[0]) % max(1, int(houd.sum()))
        raise InleesFout("dubbele regel voor hetzelfde gebied en jaar", bestand=bestand,
                         regel=int(regels[houd][i]), kolom=regio, waarde=uit["gebied_code"].iat[i])
    return cijfers.normaliseer(uit)
