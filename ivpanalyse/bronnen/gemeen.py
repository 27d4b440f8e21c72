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


def kort(tekst, n: int = 80) -> str:
    """A value as shown in a message: at most ``n`` characters (long values are shortened)."""
    tekst = str(tekst)
    return tekst if len(tekst) <= n else tekst[: n - 1] + "…"


def lees_bytes(pad: Path) -> bytes:
    """The bytes of a raw file; every way it cannot be read becomes one :class:`InleesFout`."""
    pad = Path(pad)
    try:
        if pad.is_symlink() and not pad.exists():
            raise InleesFout("bestand is een verwijzing (symlink) die nergens heen wijst of in een kring loopt",
                             bestand=str(pad))
        if pad.is_dir():
            raise InleesFout("dit is een map, geen bestand", bestand=str(pad))
        return pad.read_bytes()
    except InleesFout:
        raise
    except PermissionError as exc:
        raise InleesFout("bestand kan niet gelezen worden: geen leesrechten", bestand=str(pad)) from exc
    except FileNotFoundError as exc:
        raise InleesFout("bestand bestaat niet", bestand=str(pad)) from exc
    except OSError as exc:
        raise InleesFout(f"bestand kan niet gelezen worden ({exc.strerror or type(exc).__name__})",
                         bestand=str(pad)) from exc


def decodeer(pad: Path, ruw: bytes) -> str:
    """UTF-8 text of a raw file (BOM removed); UTF-16, binary and Latin-1 files are refused by name."""
    if ruw.startswith((b"\xff\xfe", b"\xfe\xff")):
        begin = ruw[2:82].decode("utf-16-le" if ruw.startswith(b"\xff\xfe") else "utf-16-be", "replace")
        raise InleesFout("bestand is UTF-16 (bijvoorbeeld 'Unicode-tekst' uit Excel); sla het op als 'CSV UTF-8'",
                         bestand=str(pad), regel=1, waarde=kort(begin.split("\n")[0], 60))
    nul = ruw.find(b"\x00")
    if nul >= 0:
        begin = ruw.rfind(b"\n", 0, nul) + 1
        raise InleesFout("bestand bevat binaire tekens (NUL): geen tekstbestand, of beschadigd", bestand=str(pad),
                         regel=ruw.count(b"\n", 0, nul) + 1, waarde=kort(ruw[begin:nul + 8].decode("latin-1"), 60))
    try:
        return ruw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fout = zoek_niet_utf8(pad)
        raise InleesFout(fouten=[fout] if fout else [Fout("bestand is geen UTF-8", str(pad))]) from exc


BLOK = 250_000  # rows per block when building a frame: keeps peak memory near the size of the table


def _frame(data: list[list[str]], kop: list[str]) -> pd.DataFrame:
    """Rows of text as a frame of strings, built in blocks (large bulk files have millions of rows)."""
    if not data:
        return pd.DataFrame({k: pd.Series([], dtype="str") for k in kop})
    blokken = []
    for begin in range(0, len(data), BLOK):
        deel = data[begin:begin + BLOK]
        blokken.append(pd.DataFrame({k: pd.array([r[j] for r in deel], dtype="str") for j, k in enumerate(kop)}))
    return blokken[0] if len(blokken) == 1 else pd.concat(blokken, ignore_index=True)


def lees_csv(pad: Path, sep: str, *, skiprows: int = 0, usecols=None, nrows=None,
             einde_verplicht: bool = True) -> pd.DataFrame:
    """Read a delimited UTF-8 text file as strings; every structural problem is an InleesFout.

    Empty fields stay ``""`` (they mean "kan niet voorkomen" in CBS files, never zero). Refused,
    naming the line as the file numbers it (quoted line breaks and blank lines counted): a row
    with more or fewer fields than the header, an unclosed or stray quote, a column name that
    occurs twice, and (``einde_verplicht``) a file without its final line break, which is how a
    cut-off download looks. Blank lines are skipped. ``skiprows`` skips records before the
    header. The file line of every data row is in ``tabel.attrs["regels"]``.
    """
    pad = Path(pad)
    bestand = str(pad)
    tekst = decodeer(pad, lees_bytes(pad))
    if not tekst.strip():
        raise InleesFout("bestand is leeg", bestand=bestand, regel=1)
    if nrows is None and einde_verplicht and not tekst.endswith(("\n", "\r")):
        alle = tekst.splitlines()
        laatste = alle[-1]
        koptekst = next((r for r in alle if r.strip()), "")
        namen = next(csv.reader([koptekst], delimiter=sep), [])
        velden = next(csv.reader([laatste], delimiter=sep), [])
        kolom = namen[min(len(velden), len(namen)) - 1].strip() if len(alle) > 1 and velden and namen else None
        raise InleesFout("bestand is afgebroken: de laatste regel eindigt niet met een regeleinde; download "
                         "het bestand opnieuw", bestand=bestand, regel=len(alle), kolom=kolom,
                         waarde=kort(laatste, 120))
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=sep, strict=True)
    kop: list[str] | None = None
    kopregel = 1
    blok: list[list[str]] = []
    blokken: list[pd.DataFrame] = []
    regels: list[int] = []
    vorige = 0
    try:
        for rij in lezer:
            begin, vorige = vorige + 1, lezer.line_num
            if not rij:
                continue  # a blank line
            if skiprows:
                skiprows -= 1
                continue
            if kop is None:
                kop = [k.strip() for k in rij]
                kop[0] = kop[0].lstrip("\ufeff")
                kopregel = begin
                gezien: dict[str, int] = {}
                for j, naam in enumerate(kop):
                    if naam in gezien and naam != "":
                        raise InleesFout(f"kolomnaam staat twee keer in de kopregel (kolom {gezien[naam] + 1} en "
                                         f"{j + 1})", bestand=bestand, regel=begin, kolom=naam)
                    gezien.setdefault(naam, j)
                breedte = len(kop)
                continue
            if nrows is not None and len(regels) >= nrows:
                break
            if len(rij) != breedte:
                if len(rij) < breedte:
                    reden = (f"regel heeft {len(rij)} velden, de kopregel {breedte}: afgebroken regel, een "
                             f"regeleinde in een waarde, of verkeerd scheidingsteken (verwacht '{sep}')")
                else:
                    reden = (f"regel heeft {len(rij)} velden, de kopregel {breedte}: verkeerd scheidingsteken "
                             f"(verwacht '{sep}') of een '{sep}' in een waarde zonder aanhalingstekens")
                kolom = kop[min(len(rij), breedte) - 1] if rij else None
                raise InleesFout(reden, bestand=bestand, regel=begin, kolom=kolom, waarde=kort(sep.join(rij), 120))
            blok.append(rij)
            regels.append(begin)
            if len(blok) >= BLOK:
                blokken.append(_frame(blok, kop))
                blok = []
    except csv.Error as exc:
        nr = vorige + 1
        alle = tekst.splitlines()
        regel = alle[nr - 1] if nr - 1 < len(alle) else ""
        if "end of data" in str(exc) or "newline inside string" in str(exc):
            reden = "bestand is afgebroken: een aanhalingsteken wordt niet gesloten; download het bestand opnieuw"
        else:
            reden = f"aanhalingsteken op een onverwachte plek (beschadigd bestand?): {exc}"
        kolom = None
        if kop:
            velden = next(csv.reader([regel], delimiter=sep), [])
            kolom = kop[len(velden) - 1] if 0 < len(velden) <= len(kop) else None
        raise InleesFout(reden, bestand=bestand, regel=nr, kolom=kolom, waarde=kort(regel, 120)) from exc
    if kop is None:
        raise InleesFout("bestand is leeg", bestand=bestand, regel=1)
    if blok or not blokken:
        blokken.append(_frame(blok, kop))
    tabel = blokken[0] if len(blokken) == 1 else pd.concat(blokken, ignore_index=True)
    if usecols is not None:
        tabel = tabel[[k for k in kop if k in set(usecols)]]
    tabel.attrs["regels"] = np.asarray(regels, dtype=np.int64)
    tabel.attrs["kopregel"] = kopregel
    return tabel


GETAL = re.compile(r"^-?\d+(\.\d+)?$")
GETAL_KOMMA = re.compile(r"^-?\d+([.,]\d+)?$")


def getallen(tekst: pd.Series, *, bestand: str, kolom: str, regels, eenheid: str,
             fouten: list[Fout], ontbreekt_leeg: str = cijfers.KAN_NIET,
             decimaal_komma: bool = False, gebied=None) -> tuple[pd.Series, pd.Series]:
    """Parse a text column into numbers and the reason a value is missing.

    ``"."`` is unknown or secret and ``""`` cannot occur (``ontbreekt_leeg``); neither is zero.
    A number is digits with an optional sign and decimal point (``decimaal_komma``: or comma);
    anything else (``1e5``, ``inf``, ``674.``, ``1.234,5``) is text. The rules of
    :func:`ivpanalyse.cijfers.betekenis` for ``eenheid`` apply (``gebied``: the area codes, for
    the bounds that hold at gemeente level). Every problem becomes a finding in ``fouten``;
    ``regels`` gives the line number (int) or cell (str) of every row, for the messages.
    """
    tekst = tekst.astype(str).str.strip(" ")  # padding only: a line break or tab inside a number is damage
    punt = tekst.eq(".")
    leeg = tekst.eq("")
    schoon = tekst.str.replace(",", ".", regex=False) if decimaal_komma else tekst
    vorm = tekst.str.fullmatch((GETAL_KOMMA if decimaal_komma else GETAL).pattern)  # "60\n" is no number
    waarde = pd.to_numeric(schoon.where(vorm), errors="coerce").astype("float64")
    tekstfout = (~vorm & ~(punt | leeg)).to_numpy()
    regels = np.asarray(regels)
    for i in np.flatnonzero(tekstfout)[:MAX_PER_SOORT]:
        hint = ""
        if re.fullmatch(r"-?\d+,\d+", tekst.iat[i]):
            hint = " (decimale komma: opgeslagen door Excel met Nederlandse instellingen?)"
        fouten.append(Fout(f"geen getal{hint}", bestand, _plek(regels[i]), kolom, kort(tekst.iat[i])))
    if eenheid in cijfers.AANTALLEN:
        # A count is whole digits: "41.0" or "1000.0" is a damaged or re-saved file, not 41 or 1000.
        punt_in_aantal = (vorm & tekst.str.contains("[.,]" if decimaal_komma else ".", regex=decimaal_komma))
        punt_in_aantal = np.asarray(punt_in_aantal, dtype=bool)
        for i in np.flatnonzero(punt_in_aantal)[:MAX_PER_SOORT]:
            fouten.append(Fout("aantal is geen geheel getal (een aantal heeft geen decimalen)", bestand,
                               _plek(regels[i]), kolom, kort(tekst.iat[i])))
        waarde = waarde.mask(pd.Series(punt_in_aantal, index=waarde.index))
    if eenheid:
        for i, reden in cijfers.betekenis(waarde.to_numpy(), eenheid, None if gebied is None else
                                          np.asarray(gebied, dtype=object))[:MAX_PER_SOORT]:
            fouten.append(Fout(reden, bestand, _plek(regels[i]), kolom, kort(tekst.iat[i])))
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
