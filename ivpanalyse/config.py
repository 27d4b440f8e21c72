"""Paths and run settings in one place. No side effects at import time."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Paden:
    """The project folders, relative to a root (default: the current folder)."""

    root: Path = field(default_factory=Path.cwd)

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def demo(self) -> Path:
        return self.raw / "demo"


def processed_voor(data: str | Path) -> Path | None:
    """The ``data/processed`` folder of the project a raw data path lies in (``.../data/raw/...``).

    ``None`` for data outside such a project (then nothing is cached).
    """
    pad = Path(data).resolve()
    for ouder in [pad, *pad.parents]:
        if ouder.name == "raw" and ouder.parent.name == "data":
            return ouder.parent / "processed"
    return None


def package_data(*parts: str) -> Path:
    """Path of a file shipped inside the package (``ivpanalyse/data/...``)."""
    return Path(__file__).resolve().parent.joinpath("data", *parts)


def notebook_path(naam: str = "veiligheidsanalyse.ipynb") -> Path:
    """A report notebook shipped as package data (``ivpanalyse/rapport/``).

    The project's ``notebooks/`` folder links to the same file, so JupyterLab and ``ivpanalyse
    rapport`` run one notebook, also from an installed wheel.
    """
    return Path(__file__).resolve().parent / "rapport" / naam


# Politie tables that use the offence list of 47018NED share its mapping table.
ZELFDE_CODELIJST = {"47013NED": "47018NED", "47022NED": "47018NED", "47021NED": "incidenten"}


def koppeltabel_pad(bron: str) -> Path:
    """The shipped mapping table of a source (``data/koppeling/<bron>.csv``), following aliases."""
    return package_data("koppeling", f"{ZELFDE_CODELIJST.get(bron, bron)}.csv")
