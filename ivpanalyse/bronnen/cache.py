"""Parquet cache of read sources, keyed by the content of the raw files.

A raw file is read once; the canonical table is kept as ``<cache_map>/<sha256>.parquet``. The key
covers the raw file's bytes, the metadata files the readers use beside it (``Perioden.csv``,
``SoortMisdrijf.csv``, cbsodata ``*.json``), the package's mapping tables (titles come from them) and
:data:`VERSIE` and the source code of the readers, so a changed reader never serves a stale table. A changed raw file gets a new key and is
re-read; an unchanged one is loaded from Parquet. Writes are atomic (temp file + rename).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from .. import cijfers
from ..atomisch import atomisch_pad, sha256_bestand
from ..config import package_data

VERSIE = "1"
METADATA_NAAST = ("Perioden.csv", "SoortMisdrijf.csv", "TableInfos.json", "Perioden.json",
                  "SoortMisdrijf.json")


def sleutel(pad: Path) -> str:
    """SHA-256 over the raw file, the metadata beside it, the mapping tables and the cache version."""
    pad = Path(pad)
    h = hashlib.sha256(f"ivpanalyse-cache-{VERSIE}".encode())
    sha256_bestand(pad, h)
    for naam in METADATA_NAAST:
        naast = pad.parent / naam
        if naast.is_file() and naast != pad:
            h.update(naam.encode())
            sha256_bestand(naast, h)
    for koppel in sorted(package_data("koppeling").glob("*.csv")):
        h.update(koppel.name.encode())
        sha256_bestand(koppel, h)
    h.update(_lezers_hash().encode())
    return h.hexdigest()


@functools.cache
def _lezers_hash() -> str:
    """SHA-256 of the readers' own code (this folder, the canonical table and the register)."""
    h = hashlib.sha256()
    pakket = Path(__file__).resolve().parent.parent
    for bron in sorted(pakket.joinpath("bronnen").glob("*.py")) + [pakket / "cijfers.py", pakket / "register.py"]:
        sha256_bestand(bron, h)
    return h.hexdigest()


def lees(pad: Path, cache_map: Path, lezer: Callable[[Path], pd.DataFrame]) -> pd.DataFrame:
    """The canonical table of ``pad``: from the cache when the content is unchanged, else read."""
    pad, cache_map = Path(pad), Path(cache_map)
    doel = cache_map / f"{sleutel(pad)}.parquet"
    if doel.is_file():
        try:
            tabel = pd.read_parquet(doel)
            # The cache is keyed by content: a renamed copy reuses it under its own name.
            tabel["bronbestand"] = pd.Categorical.from_codes(np.zeros(len(tabel), dtype=int), [pad.name])
            return cijfers.normaliseer(tabel)
        except Exception:  # a damaged cache file is simply rebuilt  # noqa: BLE001
            doel.unlink(missing_ok=True)
    tabel = lezer(pad)
    with atomisch_pad(doel) as tijdelijk:
        tabel.to_parquet(tijdelijk, index=False)
    return tabel
