"""The canonical figures table: one long table that every source reader produces.

Columns (one row = one figure for one area, period and source category):

==================  ==========  =================================================================
column              dtype       meaning
==================  ==========  =================================================================
gemeente_code       category    ``GMxxxx`` of the gemeente the area belongs to; ``<NA>`` for a
                                region above gemeente level (a benchmark row)
gebied_code         category    ``GMxxxx``, ``WKxxxxxx`` or ``BUxxxxxxxx``; the gemeente code at
                                gemeente level; for benchmark rows the CBS region code:
                                ``NL01`` Nederland, ``LD01``-``LD04`` landsdeel, ``PV20``-``PV31``
                                provincie, ``RE01``-``RE10`` regionale eenheid politie
periode             int16       year (``2015``)
maand               Int8        month 1-12 for monthly figures, ``<NA>`` for yearly figures; the
                                two are never added together
bron                category    source table or register, e.g. ``47018NED``, ``83648NED``,
                                ``70072ned``, ``veiligheidsmonitor``, ``lokaal``
categorie           category    the source's own key, stripped of padding (``1.1.1``,
                                ``CRI1000``, ``inwoners``)
omschrijving        category    the source's label for that key
waarde              float64     the figure; NaN where unknown
eenheid             category    ``aantal``, ``per 1.000 inwoners``, ``procent``,
                                ``rapportcijfer``, ``schaalscore``, ``inwoners``, ``woningen``
status              category    ``definitief``, ``voorlopig`` or ``onbekend``
ontbreekt           category    why ``waarde`` is NaN: ``onbekend of geheim`` (``.``), ``kan niet
                                voorkomen`` (empty); ``<NA>`` when a value is present
ondergrens          float64     lower confidence bound (Veiligheidsmonitor), else NaN
bovengrens          float64     upper confidence bound, else NaN
bronbestand         category    file name the row was read from
==================  ==========  =================================================================

A missing figure is never zero: it keeps ``waarde`` NaN and says why in ``ontbreekt``.

This module is the one guard on what enters the table: :func:`betekenis` holds the rules a figure
must meet for its unit (counts finite, whole and >= 0; inhabitants of a gemeente > 0 and plausible;
rates >= 0 and bounded; percentages 0-100 ...). The readers apply it per line, so a message names
the line; :func:`valideer` applies it again to every table a reader returns, so no reader can let
a figure through that breaks it.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
from .errors import Fout, InleesFout

KOLOMMEN = [
    "gemeente_code", "gebied_code", "periode", "maand", "bron", "categorie", "omschrijving",
    "waarde", "eenheid", "status", "ontbreekt", "ondergrens", "bovengrens", "bronbestand",
]
CATEGORISCH = ["gemeente_code", "gebied_code", "bron", "categorie", "omschrijving", "eenheid",
               "status", "ontbreekt", "bronbestand"]
STATUSSEN = ("definitief", "voorlopig", "onbekend")
ONBEKEND = "onbekend of geheim"
KAN_NIET = "kan niet voorkomen"
EENHEDEN = ("aantal", "per 1.000 inwoners", "procent", "rapportcijfer", "schaalscore",
            "inwoners", "woningen", "per 1.000 woningen")
# Amsterdam's wijk and buurt codes carry letters (WK0363AA, BU0363AA01).
GEMEENTE_PATROON = r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$"
# Regions above gemeente level (benchmark rows): CBS codes.
REGIO_PATROON = r"^(NL0[01]|LD0[1-4]|PV(2\d|3[01])|RE(0[1-9]|10))$"
GEBIED_PATROON = r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4}|NL0[01]|LD0[1-4]|PV(2\d|3[01])|RE(0[1-9]|10))$"
# Bounds of a figure by unit (inclusive). Rates per 1.000 are bounded at gemeente level and above only:
# a buurt with a shopping centre and few inhabitants can have more registrations than inhabitants.
BEREIK = {"procent": (0.0, 100.0), "rapportcijfer": (1.0, 10.0), "schaalscore": (0.0, 10.0)}
AANTALLEN = ("aantal", "inwoners", "woningen")
PER_1000 = ("per 1.000 inwoners", "per 1.000 woningen")
MAX_INWONERS_GEMEENTE = 1_500_000  # Amsterdam has ~0.93 million
MAX_INWONERS_LAND = 25_000_000
# The key of a figure: two rows with the same key describe the same fact.
SLEUTEL = ["gebied_code", "periode", "maand", "bron", "categorie", "eenheid"]

@functools.cache
def schema():
    """The pandera schema of the canonical table (built on first use: pandera is slow to import)."""
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "gemeente_code": pa.Column(str, pa.Check.str_matches(r"^GM\d{4}$"), nullable=True),
            "gebied_code": pa.Column(str, pa.Check.str_matches(GEBIED_PATROON)),
            "periode": pa.Column(int, pa.Check.in_range(1900, 2100)),
            "maand": pa.Column("Int8", pa.Check.in_range(1, 12), nullable=True),
            "bron": pa.Column(str),
            "categorie": pa.Column(str),
            "omschrijving": pa.Column(str, nullable=True),
            "waarde": pa.Column(float, nullable=True),
            "eenheid": pa.Column(str, pa.Check.isin(EENHEDEN)),
            "status": pa.Column(str, pa.Check.isin(STATUSSEN)),
            "ontbreekt": pa.Column(str, pa.Check.isin([ONBEKEND, KAN_NIET]), nullable=True),
            "ondergrens": pa.Column(float, nullable=True),
            "bovengrens": pa.Column(float, nullable=True),
            "bronbestand": pa.Column(str),
        },
        strict=True,
        ordered=True,
        coerce=False,
    )


def leeg() -> pd.DataFrame:
    """An empty canonical table with the right columns and dtypes."""
    return normaliseer(pd.DataFrame({k: [] for k in KOLOMMEN}))


def normaliseer(df: pd.DataFrame) -> pd.DataFrame:
    """Bring a frame with the canonical columns into canonical order and dtypes.

    Missing optional columns (``maand``, ``ontbreekt``, ``ondergrens``, ``bovengrens``) are added.
    """
    df = df.copy()
    for kolom in ("maand", "ontbreekt"):
        if kolom not in df:
            df[kolom] = pd.NA
    for kolom in ("ondergrens", "bovengrens"):
        if kolom not in df:
            df[kolom] = np.nan
    df = df[KOLOMMEN]
    df["periode"] = df["periode"].astype("int16")
    df["maand"] = df["maand"].astype("Int8")
    for kolom in ("waarde", "ondergrens", "bovengrens"):
        df[kolom] = df[kolom].astype("float64")
    for kolom in CATEGORISCH:
        df[kolom] = df[kolom].astype("category")
    return df.reset_index(drop=True)


def valideer(df: pd.DataFrame, bestand: str | None = None) -> pd.DataFrame:
    """Check a canonical table against :func:`schema`; return it unchanged when valid.

    Categorical columns are checked on their distinct values (fast on millions of rows), the
    numeric ones in full. All failures are collected and raised as one :class:`InleesFout` naming
    the first rows (line = row number + 1) where each bad value occurs.
    """
    import pandera.pandas as pa

    if list(df.columns) != KOLOMMEN:
        raise InleesFout(f"kolommen wijken af van de canonieke tabel: {list(df.columns)}", bestand=bestand)
    fouten: list[Fout] = []
    for naam, kolom in schema().columns.items():
        reeks = df[naam]
        if not kolom.nullable and reeks.isna().any():
            i = int(np.flatnonzero(reeks.isna())[0])
            fouten.append(Fout("waarde ontbreekt", bestand, i + 1, naam, None))
        if isinstance(reeks.dtype, pd.CategoricalDtype):
            te_checken = pd.Series(reeks.dropna().unique().astype(object), dtype=object, name=naam)
        else:
            te_checken = reeks.dropna().rename(naam)
        controle = pa.SeriesSchema(checks=kolom.checks, name=naam)
        try:
            controle.validate(te_checken, lazy=True)
        except pa.errors.SchemaErrors as exc:
            gevallen = exc.failure_cases.astype({"failure_case": object}).drop_duplicates("failure_case")
            for waarde, check in zip(gevallen["failure_case"].head(10), gevallen["check"].head(10)):
                rijen = np.flatnonzero(reeks.astype(object).eq(waarde).to_numpy())
                regel = int(rijen[0]) + 1 if len(rijen) else None
                fouten.append(Fout(_vertaal(check, naam), bestand, regel, naam, waarde))
    if not fouten:
        fouten += _bewaak(df, bestand)
    if fouten:
        raise InleesFout(fouten=fouten)
    return df


def _vertaal(check: object, kolom: str) -> str:
    """A pandera check as a Dutch reason (the library's own text never reaches a user)."""
    tekst = str(check)
    if tekst.startswith("str_matches"):
        if kolom == "gebied_code":
            return "ongeldige gebiedscode (verwacht GMxxxx, WKxxxxxx, BUxxxxxxxx of een regiocode zoals NL01)"
        if kolom == "gemeente_code":
            return "ongeldige gemeentecode (verwacht GMxxxx)"
        return "waarde heeft niet de verwachte vorm"
    if tekst.startswith("in_range"):
        m = re.search(r"in_range\(([^,]+),\s*([^)]+)\)", tekst)
        return f"buiten het toegestane bereik ({m.group(1)}-{m.group(2)})" if m else "buiten het toegestane bereik"
    if tekst.startswith("isin"):
        toegestaan = {"eenheid": EENHEDEN, "status": STATUSSEN, "ontbreekt": (ONBEKEND, KAN_NIET)}.get(kolom)
        return "geen toegestane waarde" + (f" (kies uit: {', '.join(toegestaan)})" if toegestaan else "")
    return "voldoet niet aan de controle van de cijfertabel"


def betekenis(waarde: np.ndarray, eenheid: str, gebied: np.ndarray | None = None) -> list[tuple[int, str]]:
    """Rows whose figure cannot mean what its unit says, with the reason (the one set of rules).

    Parameters
    ----------
    waarde
        The figures (NaN = missing, always allowed).
    eenheid
        Their unit (one of :data:`EENHEDEN`).
    gebied
        Area codes of the rows; bounds that hold at gemeente level and above only (inhabitants
        > 0 and plausible, rates per 1.000 at most 1.000) are checked where given.

    Returns
    -------
    list of (int, str)
        Row position and Dutch reason, in row order, at most one per row.
    """
    w = np.asarray(waarde, dtype="float64")
    regels: list[tuple[np.ndarray, str]] = []
    with np.errstate(invalid="ignore"):
        bekend = ~np.isnan(w)
        regels.append((bekend & ~np.isfinite(w), "geen eindig getal"))
        if eenheid in AANTALLEN:
            regels.append((bekend & (w < 0), "negatief aantal"))
            regels.append((np.isfinite(w) & (w >= 0) & (w % 1 != 0), "aantal is geen geheel getal"))
        if eenheid in PER_1000:
            regels.append((bekend & (w < 0), "negatief cijfer per 1.000"))
        if eenheid in BEREIK:
            lo, hi = BEREIK[eenheid]
            regels.append((bekend & ((w < lo) | (w > hi)), f"waarde buiten het bereik {lo:g}-{hi:g} voor {eenheid}"))
        if gebied is not None:
            g = pd.Series(np.asarray(gebied, dtype=object)).astype(str)
            gm = g.str.startswith("GM").to_numpy() & (g != "GM0000").to_numpy()
            land = g.str.match(REGIO_PATROON).to_numpy()
            if eenheid in ("inwoners", "woningen"):
                regels.append((bekend & (gm | land) & (w == 0), f"aantal {eenheid} van een gemeente of regio is 0"))
                regels.append((bekend & gm & (w > MAX_INWONERS_GEMEENTE),
                               f"onwaarschijnlijk aantal {eenheid} voor een gemeente (meer dan 1,5 miljoen)"))
                regels.append((bekend & land & (w > MAX_INWONERS_LAND), f"onwaarschijnlijk aantal {eenheid}"))
            if eenheid in PER_1000:
                regels.append((bekend & (gm | land) & (w > 1000),
                               "cijfer per 1.000 boven 1.000 voor een gemeente of regio"))
    uit: dict[int, str] = {}
    for masker, reden in regels:
        for i in np.flatnonzero(masker):
            uit.setdefault(int(i), reden)
    return sorted(uit.items())


def _bewaak(df: pd.DataFrame, bestand: str | None) -> list[Fout]:
    """Apply :func:`betekenis` and the confidence bounds to a whole canonical table."""
    fouten: list[Fout] = []
    eenheden = df["eenheid"].astype(object).to_numpy()
    for eenheid in pd.unique(eenheden):
        rijen = np.flatnonzero(eenheden == eenheid)
        for i, reden in betekenis(df["waarde"].to_numpy()[rijen], eenheid,
                                  df["gebied_code"].astype(object).to_numpy()[rijen])[:10]:
            r = df.iloc[rijen[i]]
            fouten.append(Fout(reden, bestand or str(r["bronbestand"]), None, "waarde",
                               f"{r['waarde']:g} ({r['gebied_code']} {r['periode']} {r['categorie']})"))
    w, lo, hi = (df[k].to_numpy() for k in ("waarde", "ondergrens", "bovengrens"))
    with np.errstate(invalid="ignore"):
        buiten = np.flatnonzero((lo > w) | (hi < w) | (lo > hi))
    for i in buiten[:10]:
        r = df.iloc[i]
        fouten.append(Fout("waarde ligt buiten het betrouwbaarheidsinterval (ondergrens/bovengrens)",
                           bestand or str(r["bronbestand"]), None, "waarde",
                           f"{r['waarde']:g} ({r['gebied_code']} {r['periode']} {r['categorie']})"))
    ongerijmd = df["gemeente_code"].isna().to_numpy() & ~df["gebied_code"].astype(str).str.match(REGIO_PATROON).to_numpy()
    for i in np.flatnonzero(ongerijmd)[:10]:
        fouten.append(Fout("gemeentecode ontbreekt bij een gebied binnen een gemeente", bestand, None,
                           "gemeente_code", str(df["gebied_code"].iat[i])))
    return fouten


def samenvoegen(tabellen: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate canonical tables; the same fact read twice is merged, a conflict is an error.

    Two rows describe the same fact when they share :data:`SLEUTEL`. Equal values (NaN equals
    NaN) keep one row; different values raise :class:`InleesFout` naming both files.
    """
    tabellen = [t for t in tabellen if len(t)]
    if not tabellen:
        return leeg()
    if len(tabellen) == 1:
        return tabellen[0]
    alles = pd.concat([t.astype({k: "object" for k in CATEGORISCH}) for t in tabellen],
                      ignore_index=True)
    dubbel = alles.duplicated(SLEUTEL, keep=False)
    if dubbel.any():
        fouten = []
        for sleutel, rijen in alles[dubbel].groupby(SLEUTEL, dropna=False, sort=False):
            if rijen["waarde"].nunique(dropna=False) > 1 and len(fouten) < 20:
                bestanden = " en ".join(sorted(set(rijen["bronbestand"].astype(str))))
                waarden = ", ".join(f"{w:g}" for w in rijen["waarde"])
                fouten.append(Fout(
                    f"tegenstrijdige waarden ({waarden}) voor hetzelfde cijfer in {bestanden}",
                    None, None, "waarde", f"{sleutel[0]} {sleutel[1]} {sleutel[3]} {sleutel[4]}"))
        if fouten:
            raise InleesFout(fouten=fouten)
        alles = alles.drop_duplicates(SLEUTEL, keep="first")
    return normaliseer(alles)


def is_gelijk(kolom: pd.Series, waarde: str) -> np.ndarray:
    """Rows where ``kolom`` reads as ``waarde`` (``kolom.astype(str) == waarde``), as a boolean array.

    The code columns of the canonical table are categorical; comparing their categories and then the
    codes avoids turning a national table of 50.000 rows into text for one gemeente.
    """
    if isinstance(kolom.dtype, pd.CategoricalDtype):
        plek = [i for i, c in enumerate(kolom.cat.categories) if str(c) == waarde]
        return np.isin(kolom.cat.codes.to_numpy(), plek)
    return (kolom.astype(str) == waarde).to_numpy()
