"""Tables that analysts make themselves: CSV (``;`` or ``,``) or an Excel workbook (XLSX).

:func:`lees_tabel` returns the table as text plus the place of every cell, so messages can name
``regel 7`` for a CSV and ``cel Blad1!C7`` for a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InleesFout
from . import gemeen


@dataclass
class Tabel:
    """A user table as text: lower-case column names, and where each row and column sits."""

    data: pd.DataFrame
    regels: list[int]  # file line (CSV) or sheet row (XLSX) of each data row
    blad: str | None = None  # sheet name for XLSX
    letters: dict[str, str] | None = None  # column name -> column letter (XLSX)

    def plek(self, i: int, kolom: str) -> int | str:
        """Line number (CSV) or cell reference such as ``Blad1!C7`` (XLSX) of row ``i``."""
        if self.blad is None:
            return self.regels[i]
        return f"{self.blad}!{self.letters.get(kolom, '?')}{self.regels[i]}"

    def plekken(self, kolom: str) -> list:
        return [self.plek(i, kolom) for i in range(len(self.data))]


def _tekst(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _openpyxl_rijen(pad: Path, max_rijen: int | None = None):
    try:
        import openpyxl
        from openpyxl.utils import get_column_letter
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise InleesFout("openpyxl ontbreekt: installeer het om Excel-bestanden te lezen", bestand=str(pad)) from exc
    try:
        boek = openpyxl.load_workbook(pad, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise InleesFout(f"Excel-bestand kan niet geopend worden ({type(exc).__name__}); beschadigd of "
                         "afgebroken?", bestand=str(pad)) from exc
    blad = boek.worksheets[0]
    rijen = []
    for nr, rij in enumerate(blad.iter_rows(values_only=True), start=1):
        rijen.append((nr, [_tekst(v) for v in rij]))
        if max_rijen and nr >= max_rijen:
            break
    naam = blad.title
    boek.close()
    return naam, rijen, get_column_letter


def kop(pad: Path) -> str:
    """The first rows of the first sheet as ``;``-separated text, for layout recognition."""
    _, rijen, _ = _openpyxl_rijen(pad, max_rijen=20)
    return "\n".join(";".join(r) for _, r in rijen if any(r))


def _scheidingsteken(eerste: str) -> str:
    tellingen = {s: eerste.count(s) for s in (";", ",", "\t")}
    return max(tellingen, key=tellingen.get)


def lees_tabel(pad: Path, verplicht: tuple[str, ...]) -> Tabel:
    """Read a CSV or XLSX table with a header row; column names are matched case-insensitively.

    Raises :class:`InleesFout` for a missing required column, an empty table or unreadable file.
    """
    pad = Path(pad)
    if gemeen.is_xlsx(pad):
        blad, rijen, letter = _openpyxl_rijen(pad)
        rijen = [(nr, r) for nr, r in rijen if any(r)]
        if not rijen:
            raise InleesFout("werkblad is leeg", bestand=str(pad), regel=f"{blad}!A1")
        kopnr, koprij = rijen[0]
        namen = [k.strip().lower() for k in koprij]
        letters = {n: letter(j + 1) for j, n in enumerate(namen) if n}
        data = pd.DataFrame([r + [""] * (len(namen) - len(r)) for _, r in rijen[1:]],
                            columns=namen, dtype=object).astype(str) if len(rijen) > 1 else \
            pd.DataFrame(columns=namen, dtype=str)
        data = data.loc[:, [n for n in namen if n]]
        tabel = Tabel(data, [nr for nr, _ in rijen[1:]], blad, letters)
        plek_kop = f"{blad}!A{kopnr}"
    else:
        with pad.open(encoding="utf-8-sig", errors="replace") as f:
            eerste = f.readline()
        sep = _scheidingsteken(eerste)
        data = gemeen.lees_csv(pad, sep=sep)
        data.columns = [str(k).strip().lower() for k in data.columns]
        data = data.apply(lambda s: s.str.strip())
        tabel = Tabel(data, list(range(2, len(data) + 2)))
        plek_kop = 1
    ontbrekend = [k for k in verplicht if k not in tabel.data.columns]
    if ontbrekend:
        raise InleesFout(f"verplichte kolom ontbreekt (aanwezig: {', '.join(tabel.data.columns)})",
                         bestand=str(pad), regel=plek_kop, kolom=ontbrekend[0])
    if tabel.data.empty:
        raise InleesFout("bestand bevat alleen een kopregel, geen cijfers", bestand=str(pad),
                         regel=2 if tabel.blad is None else f"{tabel.blad}!A2")
    return tabel
