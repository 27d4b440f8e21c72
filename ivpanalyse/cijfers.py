"""The canonical figures table: one long table that every source reader produces.

Columns (one row = one figure for one area, period and source category):

==================  ==========  =================================================================
column              dtype       meaning
==================  ==========  =================================================================
gemeente_code       category    ``GMxxxx`` of the gemeente the area belongs to
gebied_code         category    ``GMxxxx``, ``WKxxxxxx`` or ``BUxxxxxxxx``; the gemeente code at
                                gemeente level
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
"""

from __future__ import annotations

import functools

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
GEBIED_PATROON = r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$"
# The key of a figure: two rows with the same key describe the same fact.
SLEUTEL = ["gebied_code", "periode", "maand", "bron", "categorie", "eenheid"]

@functools.cache
def schema():
    """The pandera schema of the canonical table (built on first use: pandera is slow to import)."""
    import pandera.pandas as pa

    return pa.DataFrameSchema(
        {
            "gemeente_code": pa.Column(str, pa.Check.str_matches(r"^GM\d{4}$")),
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
                fouten.append(Fout(f"voldoet niet aan het schema ({check})", bestand, regel, naam, waarde))
    if fouten:
        raise InleesFout(fouten=fouten)
    return df


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
