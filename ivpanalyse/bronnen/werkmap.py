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
    """Rows of the first sheet as text, with their sheet row number.

    A workbook that cannot be opened or whose sheet is damaged, and a formula without a stored
    (cached) value, raise :class:`InleesFout` naming the file (and cell).
    """
    try:
        import openpyxl
        from openpyxl.utils import get_column_letter
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise InleesFout("openpyxl ontbreekt: installeer het om Excel-bestanden te lezen", bestand=str(pad)) from exc

    def open_boek(data_only: bool):
        try:
            return openpyxl.load_workbook(pad, read_only=True, data_only=data_only)
        except Exception as exc:  # zipfile.BadZipFile, KeyError, InvalidFileException ...  # noqa: BLE001
            raise InleesFout(f"Excel-bestand kan niet geopend worden ({type(exc).__name__}); beschadigd of "
                             "afgebroken?", bestand=str(pad)) from exc

    def rijen_van(boek, formules: bool):
        if not boek.worksheets:
            raise InleesFout("Excel-bestand zonder werkblad", bestand=str(pad))
        blad = boek.worksheets[0]
        uit = []
        try:
            for nr, rij in enumerate(blad.iter_rows(values_only=not formules), start=1):
                uit.append((nr, rij))
                if max_rijen and nr >= max_rijen:
                    break
        except InleesFout:
            raise
        except Exception as exc:  # a damaged sheet XML  # noqa: BLE001
            raise InleesFout(f"werkblad '{blad.title}' is beschadigd en kan niet gelezen worden "
                             f"({type(exc).__name__})", bestand=str(pad), regel=f"{blad.title}!A{len(uit) + 1}") from exc
        return blad.title, uit

    boek = open_boek(data_only=False)
    try:
        naam, met_formules = rijen_van(boek, formules=True)
    finally:
        boek.close()
    formulecellen = {(nr, j) for nr, rij in met_formules for j, cel in enumerate(rij)
                     if getattr(cel, "data_type", None) == "f"}
    if formulecellen:
        boek = open_boek(data_only=True)
        try:
            _, waarden = rijen_van(boek, formules=False)
        finally:
            boek.close()
        for nr, j in sorted(formulecellen):
            rij = waarden[nr - 1][1] if nr - 1 < len(waarden) else ()
            if j >= len(rij) or rij[j] is None:
                raise InleesFout("formule zonder opgeslagen waarde (bestand niet in Excel of LibreOffice opgeslagen?): "
                                 "open het, sla het op en lees het opnieuw", bestand=str(pad),
                                 regel=f"{naam}!{get_column_letter(j + 1)}{nr}",
                                 waarde=str(met_formules[nr - 1][1][j].value)[:80])
        rijen = [(nr, [_tekst(v) for v in rij]) for nr, rij in waarden]
    else:
        rijen = [(nr, [_tekst(getattr(c, "value", c)) for c in rij]) for nr, rij in met_formules]
    return naam, rijen, get_column_letter


def kop(pad: Path) -> str:
    """The first rows of the first sheet as ``;``-separated text, for layout recognition."""
    _, rijen, _ = _openpyxl_rijen(pad, max_rijen=20)
    return "\n".join(";".join(r) for _, r in rijen if any(r))


def _scheidingsteken(eerste: str) -> str:
    tellingen = {s: eerste.count(s) for s in (";", ",", "\t")}
    return max(tellingen, key=tellingen.get)


def lees_tabel(pad: Path, verplicht: tuple[str, ...], toegestaan: tuple[str, ...] | None = None) -> Tabel:
    """Read a CSV or XLSX table with a header row; column names are matched case-insensitively.

    Raises :class:`InleesFout` for a missing required column, a column not in ``toegestaan``
    (when given: an unknown extra column is structural damage, not something to ignore), a
    column name twice, text outside the columns, an empty table or an unreadable file.
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
        gezien: dict[str, int] = {}
        for j, n in enumerate(namen):
            if n and n in gezien:
                raise InleesFout(f"kolomnaam staat twee keer in de kopregel ({letter(gezien[n] + 1)} en {letter(j + 1)})",
                                 bestand=str(pad), regel=f"{blad}!{letter(j + 1)}{kopnr}", kolom=n)
            gezien.setdefault(n, j)
        for nr, r in rijen[1:]:
            for j, v in enumerate(r):
                if v and (j >= len(namen) or not namen[j]):
                    raise InleesFout("tekst buiten de kolommen van de tabel (een cel zonder kolomnaam in de kopregel)",
                                     bestand=str(pad), regel=f"{blad}!{letter(j + 1)}{nr}", waarde=v[:80])
        data = pd.DataFrame([(r + [""] * (len(namen) - len(r)))[:len(namen)] for _, r in rijen[1:]],
                            columns=namen, dtype=object).astype(str) if len(rijen) > 1 else \
            pd.DataFrame(columns=namen, dtype=str)
        data = data.loc[:, [n for n in namen if n]]
        tabel = Tabel(data, [nr for nr, _ in rijen[1:]], blad, letters)
        plek_kop = f"{blad}!A{kopnr}"
    else:
        eerste = gemeen.decodeer(pad, gemeen.lees_bytes(pad)[:65536]).split("\n", 1)[0]
        sep = _scheidingsteken(eerste)
        data = gemeen.lees_csv(pad, sep=sep)
        regels, plek_kop = [int(r) for r in data.attrs["regels"]], data.attrs["kopregel"]
        namen = [str(k).strip().lower() for k in data.columns]
        for j, n in enumerate(namen):
            if n and namen.index(n) != j:
                raise InleesFout("kolomnaam staat twee keer in de kopregel (hoofdletters tellen niet)",
                                 bestand=str(pad), regel=plek_kop, kolom=n)
        data.columns = namen
        data = data.apply(lambda s: s.str.strip())
        tabel = Tabel(data, regels)
    if toegestaan is not None:
        onbekend = [k for k in tabel.data.columns if k not in toegestaan]
        if onbekend:
            plek = plek_kop if tabel.blad is None else f"{tabel.blad}!{tabel.letters.get(onbekend[0], 'A')}{kopnr}"
            raise InleesFout(f"onbekende kolom (toegestaan: {', '.join(toegestaan)})", bestand=str(pad),
                             regel=plek, kolom=onbekend[0])
    ontbrekend = [k for k in verplicht if k not in tabel.data.columns]
    if ontbrekend:
        raise InleesFout(f"verplichte kolom ontbreekt (aanwezig: {', '.join(tabel.data.columns)})",
                         bestand=str(pad), regel=plek_kop, kolom=ontbrekend[0])
    if tabel.data.empty:
        raise InleesFout("bestand bevat alleen een kopregel, geen cijfers", bestand=str(pad),
                         regel=2 if tabel.blad is None else f"{tabel.blad}!A2")
    return tabel
