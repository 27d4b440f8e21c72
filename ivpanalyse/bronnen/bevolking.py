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

VERPLICHT = ("gemeente_code", "jaar", "inwoners")
BRON = "bevolking"


def herken(pad: Path, kop: str) -> bool:
    eerste = kop.splitlines()[0] if kop else ""
    velden = [v.strip().strip('"').lower() for v in eerste.replace(";", ",").split(",")]
    return set(VERPLICHT) <= set(velden)


def _tabel(pad: Path) -> pd.DataFrame:
    kop = pad.open(encoding="utf-8-sig").readline()
    sep = ";" if kop.count(";") > kop.count(",") else ","
    tabel = pd.read_csv(pad, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    tabel.columns = [k.strip().lower() for k in tabel.columns]
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
    tabel = _tabel(pad)
    if tabel.empty:
        raise InleesFout("bestand bevat alleen een kopregel, geen cijfers", bestand=str(pad), regel=2)
    fouten: list[Fout] = []
    code = tabel["gemeente_code"].str.strip()
    for i in np.flatnonzero(~code.str.match(r"^GM\d{4}$"))[:20]:
        fouten.append(Fout("ongeldige gemeentecode (verwacht GMxxxx)", str(pad), i + 2, "gemeente_code",
                           tabel["gemeente_code"].iat[i]))
    jaar = pd.to_numeric(tabel["jaar"].str.strip(), errors="coerce")
    for i in np.flatnonzero(jaar.isna() | (jaar % 1 != 0))[:20]:
        fouten.append(Fout("geen jaartal", str(pad), i + 2, "jaar", tabel["jaar"].iat[i]))
    frames = []
    for kolom in ("inwoners", "woningen"):
        if kolom not in tabel:
            continue
        tekst = tabel[kolom].str.strip()
        waarde = pd.to_numeric(tekst.where(~tekst.isin([".", ""])), errors="coerce")
        slecht = (waarde.isna() & ~tekst.isin([".", ""])) | (waarde < 0) | (waarde % 1 != 0)
        for i in np.flatnonzero(slecht)[:20]:
            fouten.append(Fout("geen geldig aantal (geheel getal, niet negatief)", str(pad), i + 2, kolom,
                               tabel[kolom].iat[i]))
        ontbreekt = pd.Series(pd.NA, index=tabel.index, dtype="object")
        ontbreekt[tekst == "."] = cijfers.ONBEKEND
        ontbreekt[tekst == ""] = cijfers.KAN_NIET
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
        raise InleesFout("dubbele regel voor dezelfde gemeente en hetzelfde jaar", bestand=str(pad),
                         regel=i + 2, kolom="gemeente_code", waarde=f"{code.iat[i]} {tabel['jaar'].iat[i]}")
    return cijfers.normaliseer(uit)
