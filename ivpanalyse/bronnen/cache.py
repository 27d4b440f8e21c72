"""Parquet cache of read sources, keyed by the content of the raw files.

A raw file is read once; the canonical table is kept as ``<cache_map>/<sha256>.parquet``. The key
covers the raw file's bytes, the metadata files the readers use beside it (``Perioden.csv``,
``SoortMisdrijf.csv``, cbsodata ``*.json``), the package's mapping tables (titles come from them) and
:data:`VERSIE` (bump it when a reader changes its output). A changed raw file gets a new key and is
re-read; an unchanged one is loaded from Parquet. Writes are atomic (temp file + rename).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import cijfers
from ..config import package_data

VERSIE = "1"
METADATA_NAAST = ("Perioden.csv", "SoortMisdrijf.csv", "TableInfos.json", "Perioden.json",
                  "SoortMisdrijf.json")


def _hash_bestand(h, pad: Path) -> None:
    with pad.open("rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)


def sleutel(pad: Path) -> str:
    """SHA-256 over the raw file, the metadata beside it, the mapping tables and the cache version."""
    pad = Path(pad)
    h = hashlib.sha256(f"ivpanalyse-cache-{VERSIE}".encode())
    _hash_bestand(h, pad)
    for naam in METADATA_NAAST:
        naast = pad.parent / naam
        if naast.is_file() and naast != pad:
            h.update(naam.encode())
            _hash_bestand(h, naast)
    for koppel in sorted(package_data("koppeling").glob("*.csv")):
        h.update(koppel.name.encode())
        _hash_bestand(h, koppel)
    return h.hexdigest()


def lees(pad: Path, cache_map: Path, lezer: Callable[[Path], pd.DataFrame]) -> pd.DataFrame:
    """The canonical table of ``pad``: from the cache when the content is unchanged, else read."""
    pad, cache_map = Path(pad), Path(cache_map)
    doel = cache_map / f"{sleutel(pad)}.parquet"
    if doel.is_file():
        try:
            tabel = pd.read_parquet(doel)
            tabel["bronbestand"] = pd.Categorical([pad.name] * len(tabel)) if len(tabel) < 1000 else \
                pd.Categorical.from_codes([0] * len(tabel), [pad.name])
            return cijfers.normaliseer(tabel)
        except Exception:  # a damaged cache file is simply rebuilt  # noqa: BLE001
            doel.unlink(missing_ok=True)
    tabel = lezer(pad)
    cache_map.mkdir(parents=True, exist_ok=True)
    fd, tijdelijk = tempfile.mkstemp(dir=cache_map, suffix=".parquet.tmp")
    os.close(fd)
    try:
        tabel.to_parquet(tijdelijk, index=False)
        os.replace(tijdelijk, doel)
    finally:
        Path(tijdelijk).unlink(missing_ok=True)
    return tabel
