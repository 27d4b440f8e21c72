"""Plain population CSV: ``gemeente_code,gemeentenaam,jaar,inwoners[,woningen]``.

This is the layout of ``inwoners_gemeenten_2012-2023.csv`` (CBS 70072ned compiled per year) and of
the demo's population file. ``woningen`` is optional (for woninginbraak per 1.000 woningen).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import cijfers
from ..errors import Fout, InleesFout
from . import gemeen

VERPLICHT = ("gemeente_code", "jaar", "inwoners")
OPTIONEEL = ("gemeentenaam", "woningen")
BRON = "bevolking"


def herken(pad: Path, kop: str) -> bool:
    eerste = kop.splitlines()[0] if kop else ""
    velden = [v.strip().strip('"').lower() for v in eerste.replace(";", ",").split(",")]
    return set(VERPLICHT) <= set(velden)


def _tabel(pad: Path) -> pd.DataFrame:
    kop = gemeen.decodeer(pad, gemeen.lees_bytes(pad)[:4096]).split("\n", 1)[0]
    sep = ";" if kop.count(";") > kop.count(",") else ","
    tabel = gemeen.lees_csv(pad, sep=sep)
    regels = tabel.attrs["regels"]
    tabel.columns = [k.strip().lower() for k in tabel.columns]
    tabel.attrs["regels"] = regels
    onbekend = [k for k in tabel.columns if k not in (*VERPLICHT, *OPTIONEEL)]
    if onbekend:
        raise InleesFout(f"onbekende kolom (verwacht: {', '.join(VERPLICHT + OPTIONEEL)})", bestand=str(pad),
                         regel=tabel.attrs.get("kopregel", 1), kolom=onbekend[0])
    return tabel


def namen(pad: Path) -> dict[str, str]:
    """Gemeente code -> name, where the file gives names."""
    tabel = _tabel(Path(pad))
    if "gemeentenaam" not in tabel:
        return {}
    tabel = tabel[tabel["gemeentenaam"].str.strip() != ""]
    return dict(zip(tabel["gemeente_code"].str.strip(), tabel["gemeentenaam"].str.strip()))


def lees(pad: Path) -> pd.DataFrame:
    """Read inhabitants (and woningen where given) per gemeente per year."""
    pad = Path(pad)
    bestand = str(pad)
    tabel = _tabel(pad)
    if tabel.empty:
        raise InleesFout("bestand bevat alleen een kopregel, geen cijfers", bestand=bestand, regel=2)
    regels = tabel.attrs["regels"]
    fouten: list[Fout] = []
    code = tabel["gemeente_code"].str.strip()
    geldig = code.str.match(r"^GM\d{4}$")
    for i in np.flatnonzero(~geldig)[:20]:
        fouten.append(Fout("ongeldige gemeentecode (verwacht GMxxxx)", bestand, int(regels[i]), "gemeente_code",
                           gemeen.kort(tabel["gemeente_code"].iat[i])))
    if geldig.any():
        gemeen.controleer_gebieden(code[geldig], bestand=bestand, kolom="gemeente_code",
                                   regels=regels[geldig.to_numpy()], fouten=fouten)
    jaartekst = tabel["jaar"].str.strip()
    jaar = pd.to_numeric(jaartekst.where(jaartekst.str.fullmatch(r"\d{4}")), errors="coerce")
    for i in np.flatnonzero(jaar.isna())[:20]:
        fouten.append(Fout("geen jaartal", bestand, int(regels[i]), "jaar", gemeen.kort(tabel["jaar"].iat[i])))
    gemeen.controleer_jaren(jaar.fillna(2000), bestand=bestand, kolom="jaar", regels=regels, fouten=fouten)
    frames = []
    for kolom in ("inwoners", "woningen"):
        if kolom not in tabel:
            continue
        waarde, ontbreekt = gemeen.getallen(tabel[kolom], bestand=bestand, kolom=kolom, regels=regels,
                                            eenheid=kolom, fouten=fouten, gebied=code.to_numpy())
        frames.append(pd.DataFrame({
            "gemeente_code": code, "gebied_code": code, "periode": jaar, "maand": pd.NA, "bron": BRON,
            "categorie": kolom, "omschrijving": kolom.capitalize(), "waarde": waarde, "eenheid": kolom,
            "status": "definitief", "ontbreekt": ontbreekt, "bronbestand": pad.name,
        }))
    if fouten:
        raise InleesFout(fouten=fouten)
    uit = pd.concat(frames, ignore_index=True)
    dubbel = uit.duplicated(["gebied_code", "periode", "categorie"], keep=False)
    if dubbel.any():
        i = int(np.flatnonzero(dubbel)[0]) % len(tabel)
        raise InleesFout("dubbele regel voor dezelfde gemeente en hetzelfde jaar", bestand=bestand,
                         regel=int(regels[i]), kolom="gemeente_code", waarde=f"{code.iat[i]} {tabel['jaar'].iat[i]}")
    return cijfers.normaliseer(uit)
