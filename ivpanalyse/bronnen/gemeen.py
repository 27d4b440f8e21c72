"""Shared checks for the source adapters: reading text tables safely and validating values.

Every helper turns a low-level problem (``UnicodeDecodeError``, ``ParserError``, text in a number
column, an unknown gemeente code, a year in the future) into :class:`~ivpanalyse.errors.Fout`
findings with file, line (or cell), column and value, so an adapter can collect all problems of a
file and raise them as one :class:`~ivpanalyse.errors.InleesFout`.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import cijfers
from ..errors import Fout, InleesFout

MAX_PER_SOORT = 20  # findings of one kind per column; more would drown the message
# Amsterdam (GM0363) uses letters in wijk/buurt codes since 2022: WK0363AA, BU0363AA01.
GEBIED = re.compile(r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")


def huidig_jaar() -> int:
    """The current calendar year (a figure for a later year cannot exist yet)."""
    return _dt.date.today().year


def is_xlsx(pad: Path) -> bool:
    """True for an Office Open XML workbook (a zip archive), whatever the file name says."""
    with Path(pad).open("rb") as f:
        return f.read(4) == b"PK\x03\x04"


def zoek_niet_utf8(pad: Path) -> Fout | None:
    """The first place in a file that is not valid UTF-8, as a finding (line, column, value)."""
    with Path(pad).open("rb") as f:
        kop = b""
        for nr, regel in enumerate(f, start=1):
            if nr == 1:
                kop = regel
            try:
                regel.decode("utf-8")
            except UnicodeDecodeError as exc:
                tekst = regel.decode("cp1252", "replace").rstrip("\r\n")
                koptekst = kop.decode("cp1252", "replace").lstrip("\ufeff").rstrip("\r\n")
                sep = max((";", ",", "\t"), key=koptekst.count)
                index = regel[: exc.start].decode("cp1252", "replace").count(sep)
                velden = next(csv.reader([tekst], delimiter=sep), [])
                namen = next(csv.reader([koptekst], delimiter=sep), [])
                kolom = namen[index] if nr > 1 and index < len(namen) else None
                waarde = velden[index] if index < len(velden) else tekst[:60]
                return Fout("bestand is geen UTF-8 (mogelijk Latin-1/Windows-1252, bijvoorbeeld "
                            "opgeslagen door Excel); sla het op als 'CSV UTF-8'", str(pad), nr, kolom, waarde)
    return None


def _regel_tekst(pad: Path, nr: int) -> str | None:
    with Path(pad).open("rb") as f:
        for i, regel in enumerate(f, start=1):
            if i == nr:
                return regel.decode("utf-8", "replace").rstrip("\r\n")[:120]
    return None


def controleer_einde(pad: Path, sep: str, aantal_kolommen: int, regels: int) -> None:
    """Raise when the last line has fewer fields than the header: a truncated download."""
    with Path(pad).open("rb") as f:
        f.seek(0, 2)
        grootte = f.tell()
        f.seek(max(0, grootte - 65536))
        staart = f.read()
    if staart.endswith(b"\n"):
        return
    laatste = staart.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")
    velden = next(csv.reader(io.StringIO(laatste), delimiter=sep), [])
    if len(velden) < aantal_kolommen:
        raise InleesFout(f"bestand is afgebroken: de laatste regel heeft {len(velden)} van de "
                         f"{aantal_kolommen} velden; download het bestand opnieuw",
                         bestand=str(pad), regel=regels, waarde=laatste[:120])


def lees_csv(pad: Path, sep: str, *, skiprows: int = 0, usecols=None, nrows=None) -> pd.DataFrame:
    """Read a delimited UTF-8 text file as strings, mapping every parser problem to InleesFout.

    Empty fields stay ``""`` (they mean "kan niet voorkomen" in CBS files, never zero).
    """
    pad = Path(pad)
    try:
        tabel = pd.read_csv(pad, sep=sep, dtype=str, keep_default_na=False, na_filter=False,
                            encoding="utf-8-sig", engine="c", skiprows=skiprows, usecols=usecols,
                            nrows=nrows, skipinitialspace=False)
    except UnicodeDecodeError as exc:
        fout = zoek_niet_utf8(pad)
        raise InleesFout(fouten=[fout] if fout else [Fout(f"bestand is geen UTF-8 ({exc.reason})",
                                                          str(pad))]) from exc
    except pd.errors.EmptyDataError as exc:
        raise InleesFout("bestand is leeg", bestand=str(pad), regel=1) from exc
    except pd.errors.ParserError as exc:
        tekst = str(exc)
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", tekst)
        if m:
            nr = int(m.group(2)) + skiprows
            raise InleesFout(f"regel heeft {m.group(3)} velden, de kopregel {m.group(1)}: verkeerd "
                             f"scheidingsteken (verwacht '{sep}') of een '{sep}' in een waarde zonder "
                             "aanhalingstekens", bestand=str(pad), regel=nr,
                             waarde=_regel_tekst(pad, nr)) from exc
        m = re.search(r"EOF inside string starting at row (\d+)", tekst)
        if m:
            nr = int(m.group(1)) + 1 + skiprows
            regel = _regel_tekst(pad, nr) or ""
            namen = next(csv.reader([(_regel_tekst(pad, 1 + skiprows) or "").lstrip("\ufeff")], delimiter=sep), [])
            velden = next(csv.reader([regel], delimiter=sep), [])
            kolom = namen[len(velden) - 1] if 0 < len(velden) <= len(namen) else None
            raise InleesFout("bestand is afgebroken: een aanhalingsteken wordt niet gesloten; download "
                             "het bestand opnieuw", bestand=str(pad), regel=nr, kolom=kolom,
                             waarde=regel) from exc
        raise InleesFout(f"bestand kan niet gelezen worden als tekst met scheidingsteken '{sep}' "
                         f"({tekst})", bestand=str(pad)) from exc
    except ValueError as exc:  # e.g. usecols not found
        raise InleesFout(f"bestand kan niet gelezen worden ({exc})", bestand=str(pad)) from exc
    if nrows is None:
        breedte = len(tabel.columns) if usecols is None else len(
            pd.read_csv(pad, sep=sep, nrows=0, encoding="utf-8-sig", skiprows=skiprows).columns)
        controleer_einde(pad, sep, breedte, len(tabel) + 1 + skiprows)
    return tabel


def getallen(tekst: pd.Series, *, bestand: str, kolom: str, regels, eenheid: str,
             fouten: list[Fout], ontbreekt_leeg: str = cijfers.KAN_NIET,
             decimaal_komma: bool = False) -> tuple[pd.Series, pd.Series]:
    """Parse a text column into numbers and the reason a value is missing.

    ``"."`` is unknown or secret and ``""`` cannot occur (``ontbreekt_leeg``); neither is zero.
    Text, negative counts and fractional counts become findings in ``fouten``. ``regels`` gives
    the line number (int) or cell (str) of every row, for the messages.
    """
    tekst = tekst.astype(str).str.strip()
    punt = tekst.eq(".")
    leeg = tekst.eq("")
    schoon = tekst.str.replace(",", ".", regex=False) if decimaal_komma else tekst
    waarde = pd.to_numeric(schoon.where(~(punt | leeg)), errors="coerce").astype("float64")
    tekstfout = (waarde.isna() & ~(punt | leeg)).to_numpy()
    regels = np.asarray(regels)
    for i in np.flatnonzero(tekstfout)[:MAX_PER_SOORT]:
        hint = ""
        if re.fullmatch(r"-?\d+,\d+", tekst.iat[i]):
            hint = " (decimale komma: opgeslagen door Excel met Nederlandse instellingen?)"
        fouten.append(Fout(f"geen getal{hint}", bestand, _plek(regels[i]), kolom, tekst.iat[i]))
    if eenheid in ("aantal", "inwoners", "woningen"):
        w = waarde.to_numpy()
        with np.errstate(invalid="ignore"):
            negatief = np.flatnonzero(w < 0)
            gebroken = np.flatnonzero((w % 1 != 0) & ~np.isnan(w) & ~(w < 0))
        for i in negatief[:MAX_PER_SOORT]:
            fouten.append(Fout("negatief aantal", bestand, _plek(regels[i]), kolom, tekst.iat[i]))
        for i in gebroken[:MAX_PER_SOORT]:
            fouten.append(Fout("aantal is geen geheel getal", bestand, _plek(regels[i]), kolom,
                               tekst.iat[i]))
    ontbreekt = pd.Series(pd.NA, index=tekst.index, dtype="object")
    ontbreekt[punt.to_numpy()] = cijfers.ONBEKEND
    ontbreekt[leeg.to_numpy()] = ontbreekt_leeg
    return waarde, ontbreekt


def _plek(r):
    return r if isinstance(r, str) else int(r)


def controleer_jaren(jaren: pd.Series, *, bestand: str, kolom: str, regels, fouten: list[Fout],
                     toon: pd.Series | None = None) -> None:
    """A year after the current one (or before 1900) cannot hold registered figures.

    ``toon`` gives the text to show as the value (e.g. the original ``2099JJ00``).
    """
    j = pd.to_numeric(jaren, errors="coerce").to_numpy(dtype="float64")
    nu = huidig_jaar()
    regels = np.asarray(regels)
    with np.errstate(invalid="ignore"):
        slecht = np.flatnonzero((j > nu) | (j < 1900))
    for i in slecht[:MAX_PER_SOORT]:
        reden = f"jaar ligt in de toekomst (na {nu})" if j[i] > nu else "jaar voor 1900"
        getoond = toon.iat[i] if toon is not None else jaren.iat[i]
        if not isinstance(getoond, str):
            getoond = str(int(getoond)) if float(getoond).is_integer() else str(getoond)
        fouten.append(Fout(reden, bestand, _plek(regels[i]), kolom, getoond))


def controleer_gebieden(codes: pd.Series, *, bestand: str, kolom: str, regels, fouten: list[Fout],
                        ruw: pd.Series | None = None) -> np.ndarray:
    """Check GM/WK/BU codes: the pattern and a gemeente known in the register.

    Returns a boolean mask of rows with a valid code. Only the distinct codes are looked up, so
    this stays fast on millions of rows.
    """
    from .. import register

    ruw = codes if ruw is None else ruw
    regels = np.asarray(regels)
    uniek = pd.Series(np.asarray(codes.unique(), dtype=object)).astype(str)
    patroon = uniek.str.match(GEBIED.pattern)
    gemeente = np.where(uniek.str.startswith("GM"), uniek, "GM" + uniek.str.slice(2, 6))
    bekend = pd.Series([bool(p) and register.bekend(g) for p, g in zip(patroon, gemeente)],
                       index=uniek.to_numpy(), dtype=bool)
    goed = pd.Series(codes).map(bekend).astype("boolean").fillna(False).to_numpy(dtype=bool)
    for i in np.flatnonzero(~goed)[:MAX_PER_SOORT]:
        code = str(codes.iat[i])
        if GEBIED.match(code):
            reden = "onbekende gemeentecode: staat niet in het gemeenteregister (2012-nu)"
        elif re.fullmatch(r"(GM|WK|BU)\d+", code):
            reden = ("ongeldige gebiedscode: verwacht GM+4, WK+6 of BU+8 cijfers (voorloopnullen "
                     "weggevallen, bijvoorbeeld door Excel?)")
        else:
            reden = "onbekende gebiedscode (verwacht GMxxxx, WKxxxxxx of BUxxxxxxxx)"
        fouten.append(Fout(reden, bestand, _plek(regels[i]), kolom, ruw.iat[i]))
    return goed


def gemeente_van(gebied: pd.Series) -> np.ndarray:
    """The gemeente code of GM/WK/BU codes (WK/BU codes carry the gemeente number)."""
    g = gebied.astype(str)
    return np.where(g.str.startswith("GM"), g, "GM" + g.str.slice(2, 6))


def raise_als(fouten: list[Fout]) -> None:
    if fouten:
        raise InleesFout(fouten=fouten)
