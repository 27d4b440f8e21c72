"""Python API for notebooks and the command line: one call per job."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from . import bronnen, indicatoren, koppeling
from .atomisch import schrijf_csv  # noqa: F401  (re-exported for the CLI)
from .config import Paden
from .errors import IndicatorFout


@dataclass(frozen=True)
class Analyse:
    """Everything the report of one gemeente needs."""

    gemeente: str
    naam: str
    jaren: tuple[int, int]
    cijfers: pd.DataFrame  # canonical table, all gemeenten read
    gekoppeld: koppeling.Gekoppeld
    reeksen: pd.DataFrame  # indicatoren.thema_reeksen for all gebieden


def inlezen(paden: Iterable[str | Path]) -> pd.DataFrame:
    """Read source files (or folders) into one canonical table."""
    return bronnen.lees_alles(paden)


def analyse(gemeente: str, data: Sequence[str | Path], jaar_van: int | None = None,
            jaar_tot: int | None = None) -> Analyse:
    """Read, map and compute the indicators for one gemeente.

    Raises
    ------
    IndicatorFout
        When the data hold no figures for ``gemeente`` or the period.
    """
    cijfers = inlezen(data)
    if jaar_van is not None:
        cijfers = cijfers[cijfers["periode"] >= jaar_van]
    if jaar_tot is not None:
        cijfers = cijfers[cijfers["periode"] <= jaar_tot]
    eigen = cijfers[cijfers["gemeente_code"].astype(str) == gemeente]
    if eigen.empty:
        bekend = sorted(set(cijfers["gemeente_code"].astype(str)))
        raise IndicatorFout("geen cijfers voor deze gemeente in de opgegeven data "
                            f"(wel voor: {', '.join(bekend[:8])}{' ...' if len(bekend) > 8 else ''})",
                            kolom="gemeente", waarde=gemeente)
    gekoppeld = koppeling.koppel(cijfers)
    reeksen = indicatoren.thema_reeksen(gekoppeld.cijfers, cijfers)
    jaren = (int(eigen["periode"].min()), int(eigen["periode"].max()))
    naam = bronnen.namen(data).get(gemeente, gemeente)
    return Analyse(gemeente, naam, jaren, cijfers, gekoppeld, reeksen)


def rapport(gemeente: str, data: Sequence[str | Path], uitvoer: str | Path = "reports",
            jaar_van: int | None = None, jaar_tot: int | None = None) -> Path:
    """Produce the HTML report of one gemeente; returns its path."""
    from . import rapport as _rapport

    parameters = {"gemeente": gemeente, "data": [str(Path(p).resolve()) for p in data],
                  "jaar_van": jaar_van, "jaar_tot": jaar_tot}
    return _rapport.voer_uit(parameters, Path(uitvoer))


def demo(uitvoer: str | Path | None = None, data: str | Path | None = None) -> Path:
    """Write the demo data, a report per demo gemeente and an index page; returns the index."""
    from . import demo as _demo
    from . import rapport as _rapport

    paden = Paden()
    data = Path(data or paden.demo)
    uitvoer = Path(uitvoer or paden.reports / "demo")
    _demo.genereer(data)
    rapporten = []
    for gm in _demo.GEMEENTEN:
        rapporten.append((gm.code, gm.naam, rapport(gm.code, [data], uitvoer)))
    return _rapport.schrijf_index(uitvoer, _demo.BASISTEAM, rapporten)
