"""Indicators per thema from mapped figures: pure functions, no I/O.

Only yearly figures (``maand`` is NA) in unit ``aantal`` are summed; totals never reach this stage
because the mapping leaves them unassigned.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


def _jaarcijfers(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["maand"].isna() & (df["eenheid"].astype(str) == "aantal")]


def bevolking(cijfers: pd.DataFrame, categorie: str = "inwoners") -> pd.DataFrame:
    """Population (or ``woningen``) per gebied and year: columns gebied_code, periode, <categorie>."""
    rijen = cijfers[(cijfers["bron"].astype(str) == "bevolking")
                    & (cijfers["categorie"].astype(str) == categorie) & cijfers["maand"].isna()]
    uit = rijen[["gebied_code", "periode", "waarde", "bronbestand"]].astype(
        {"gebied_code": str, "bronbestand": str})
    return uit.rename(columns={"waarde": categorie, "bronbestand": f"{categorie}_bronbestand"})


def thema_reeksen(gekoppeld: pd.DataFrame, cijfers: pd.DataFrame) -> pd.DataFrame:
    """Yearly counts per gebied and thema, with per 1.000 inwoners where population is known.

    Parameters
    ----------
    gekoppeld
        Mapped rows (``koppeling.koppel(...).cijfers``), with a ``thema`` column.
    cijfers
        The canonical table, for population rows.

    Returns
    -------
    DataFrame
        gebied_code, gemeente_code, thema, periode, aantal, ontbrekend (categories without a
        figure), status (``voorlopig`` if any part is), inwoners, per_1000, bron (tables),
        bronbestand (files).
    """
    jaar = _jaarcijfers(gekoppeld).astype({"gebied_code": str, "gemeente_code": str, "bron": str,
                                           "bronbestand": str, "status": str})
    groepen = jaar.groupby(["gebied_code", "gemeente_code", "thema", "periode"], sort=True)
    reeksen = groepen.agg(
        aantal=("waarde", lambda s: s.sum(min_count=1)),
        ontbrekend=("waarde", lambda s: int(s.isna().sum())),
        status=("status", lambda s: "voorlopig" if (s == "voorlopig").any()
                else ("definitief" if (s == "definitief").all() else "onbekend")),
        bron=("bron", lambda s: ", ".join(sorted(set(s)))),
        bronbestand=("bronbestand", lambda s: ", ".join(sorted(set(s)))),
    ).reset_index()
    reeksen = reeksen.merge(bevolking(cijfers), on=["gebied_code", "periode"], how="left")
    reeksen["per_1000"] = reeksen["aantal"] / reeksen["inwoners"] * 1000
    return reeksen


def categorie_tabel(gekoppeld: pd.DataFrame, gebied: str, thema: str) -> pd.DataFrame:
    """Counts per source category (rows) and year (columns) for one gebied and thema."""
    rijen = _jaarcijfers(gekoppeld)
    rijen = rijen[(rijen["gebied_code"].astype(str) == gebied) & (rijen["thema"] == thema)]
    if rijen.empty:
        return pd.DataFrame()
    tabel = rijen.pivot_table(index=rijen["omschrijving"].astype(str), columns="periode",
                              values="waarde", aggfunc=lambda s: s.sum(min_count=1), observed=True)
    tabel.index.name = "categorie"
    return tabel


def verandering(reeks: pd.Series) -> float:
    """Relative change of the last value against the first, NaN when not computable."""
    reeks = reeks.dropna()
    if len(reeks) < 2 or reeks.iloc[0] == 0:
        return np.nan
    return reeks.iloc[-1] / reeks.iloc[0] - 1


# --------------------------------------------------------------------------------------------
# Contract of the analysis core (issue 4) as consumed by the report (weergave) and batch.
# Every frame is long and tidy, with Dutch column names; absent information is an empty frame with
# these columns, never a missing attribute.


@dataclass(frozen=True)
class Indicatoren:
    """All indicator frames of one gemeente.

    thema_jaar
        One row per thema and year for the gemeente: ``thema, periode, aantal, inwoners, per_1000,
        status, bron, bronbestand`` plus benchmarks ``basisteam_per_1000, nederland_per_1000,
        vergelijkbaar_per_1000`` (NaN where not available).
    signalen
        One row per thema: ``thema, laatste_jaar, laatste_aantal, vorig_aantal,
        verandering_vorig_jaar, gemiddelde_3jaar, verandering_3jaar, p_waarde, signaal``
        (``stijgend``/``dalend``/``stabiel``/``klein aantal``/``geen cijfers``), ``reeksbreuk``
        (text or empty), ``piek`` (bool), ``status_laatste``, ``toelichting`` (Dutch words).
    duiding
        One row per thema: ``thema, tekst`` (draft Dutch problematiek text).
    prioriteiten
        One row per thema: ``veld, thema, score, redenen, voorgesteld`` (bool), ``rang_in_veld``.
    effectindicatoren
        Rows per proposed priority: ``thema, indicator, soort, bron, basiswaarde, basisjaar,
        streefwaarde, toelichting``.
    wijken
        Rows per wijk and thema (latest year): ``gebied_code, wijknaam, thema, periode, aantal,
        inwoners, per_1000, rang, publicatie`` (the publishable text, e.g. ``"<5"``).
    dekking
        Mapping coverage (:class:`ivpanalyse.koppeling.Gekoppeld`.dekking).
    vergelijking
        Gemeente codes of each benchmark: ``{"basisteam": [...], "vergelijkbaar": [...]}``
        and the rule used under ``"regel"``.
    """

    thema_jaar: pd.DataFrame
    signalen: pd.DataFrame
    duiding: pd.DataFrame
    prioriteiten: pd.DataFrame
    effectindicatoren: pd.DataFrame
    wijken: pd.DataFrame
    dekking: pd.DataFrame
    vergelijking: dict
