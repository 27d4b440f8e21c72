"""Source adapters: raw file -> canonical figures table. The only place raw files are read.

Each adapter module offers ``herken(pad, kop) -> bool`` (does this file have my layout? ``kop`` is
the decoded start of the file) and ``lees(pad) -> DataFrame`` (the canonical table of
:mod:`ivpanalyse.cijfers`). :func:`lees` picks the adapter by content, never by file name alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from .. import cijfers
from ..errors import InleesFout
from . import bevolking, statline

# Order matters: the most specific layout first.
ADAPTERS = [statline, bevolking]


def lees_kop(pad: Path, n: int = 8192) -> str:
    """The first ``n`` bytes of a file, decoded as UTF-8 (BOM removed).

    Raises :class:`InleesFout` for a missing, empty or non-UTF-8 file.
    """
    pad = Path(pad)
    if not pad.is_file():
        raise InleesFout("bestand bestaat niet", bestand=str(pad))
    ruw = pad.open("rb").read(n)
    if not ruw.strip():
        raise InleesFout("bestand is leeg", bestand=str(pad))
    try:
        return ruw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= n - 4:  # cut inside a multi-byte character at the end of the sample
            return ruw[: exc.start].decode("utf-8-sig")
        regel = ruw[: exc.start].count(b"\n") + 1
        raise InleesFout(
            "bestand is geen UTF-8 (mogelijk Latin-1/Windows-1252, bijvoorbeeld opgeslagen door Excel); "
            "sla het op als 'CSV UTF-8'", bestand=str(pad), regel=regel,
            waarde=ruw[max(0, exc.start - 10): exc.end + 10].decode("latin-1")) from exc


def herken(pad: Path):
    """The adapter module for a file, by content; :class:`InleesFout` when none fits."""
    kop = lees_kop(pad)
    for adapter in ADAPTERS:
        if adapter.herken(Path(pad), kop):
            return adapter
    eerste = kop.splitlines()[0][:120] if kop.splitlines() else ""
    raise InleesFout("onbekende indeling: geen lezer herkent dit bestand (zie README, 'Bronnen')",
                     bestand=str(pad), regel=1, waarde=eerste)


def lees(pad: str | Path) -> pd.DataFrame:
    """Read one raw file into the canonical table, choosing the adapter by content."""
    pad = Path(pad)
    adapter = herken(pad)
    return cijfers.valideer(adapter.lees(pad), bestand=str(pad))


def lees_alles(paden: Iterable[str | Path]) -> pd.DataFrame:
    """Read several files (folders are searched for ``*.csv``) and merge them.

    The same fact in two files is kept once; conflicting values raise :class:`InleesFout`.
    """
    return cijfers.samenvoegen([lees(p) for p in bestanden(paden)])


def namen(paden: Iterable[str | Path]) -> dict[str, str]:
    """Gemeente code -> name, collected from the files that carry names."""
    uit: dict[str, str] = {}
    for pad in bestanden(paden):
        adapter = herken(pad)
        if hasattr(adapter, "namen"):
            uit.update(adapter.namen(pad))
    return uit


METADATA_NAMEN = {"DataProperties.csv", "Perioden.csv", "TableInfos.csv", "WijkenEnBuurten.csv",
                  "SoortMisdrijf.csv", "SoortMisdrijf_actueel.csv", "RegioS.csv"}


def bestanden(paden: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their data files (metadata tables beside them are skipped)."""
    uit: list[Path] = []
    for p in paden:
        p = Path(p)
        if p.is_dir():
            uit += sorted(f for f in p.rglob("*.csv") if f.name not in METADATA_NAMEN)
        else:
            uit.append(p)
    if not uit:
        raise InleesFout("geen databestanden gevonden", bestand=", ".join(map(str, paden)))
    return uit
