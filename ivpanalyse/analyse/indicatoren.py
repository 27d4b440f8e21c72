"""Indicators per thema from mapped figures: pure functions, no I/O.

The problematiek of the drieslag ("waar heeft de burger last van?") needs more than raw counts:
rates per 1.000 inwoners (woninginbraak per 1.000 woningen), benchmarks, honest signals for small
numbers, series breaks and peaks. :func:`bereken` puts it all together for one gemeente and returns
:class:`Indicatoren`, the contract the report and the batch consume. The documented rules
(``docs/indicatoren.md``) live in the constants below; :func:`regels` returns them in words.

Only yearly figures (``maand`` is NA) in unit ``aantal`` are summed; totals never reach this stage
because the mapping leaves them unassigned, and a thema total sums one source only (its
hoofdbron, :data:`BRONVOORKEUR`), so one registration is never counted twice.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cache
from typing import Iterable

import numpy as np
import pandas as pd

from .. import register, taxonomie
from ..cijfers import is_gelijk
from ..config import package_data
from ..errors import IndicatorFout
from ..opmaak import getal
from . import kerncijfers, oordeel
from .toetsen import (ALPHA, DALEND, GEEN, KLEIN, KLEIN_AANTAL, NIET_GETOETST, PIEK_ALPHA, PIEK_FACTOR,  # noqa: F401
                      PIEK_MINIMUM, REFERENTIEJAREN, RELEVANT, STABIEL, STIJGEND, TRENDJAREN, _jarenlijst,
                      p_tweezijdig, toets, toets_waarden, zonder_kleine_afgeronde_piek)
from .toetsen import PIEK_MINIMUM_AFGEROND

# --------------------------------------------------------------------------------------------
# Documented rules (docs/indicatoren.md).

K_VERGELIJKBAAR = 10  # number of vergelijkbare gemeenten
PUBLICATIEDREMPEL = 5  # wijk/buurt counts 1..4 are shown as "<5"
MIN_INWONERS_WIJK = 200  # no rate per 1.000 for wijken with fewer inwoners
BREUK_AANDEEL = 0.10  # a definition change breaks a series when its categories make >= 10% of it
NEDERLAND_DEKKING = oordeel.NEDERLAND_DEKKING  # "Nederland": >= 90% of the gemeenten the source could have

# The thema total comes from one source; the first source in this order that has counts wins.
BRONVOORKEUR = ("47018NED", "47013NED", "47022NED", "83648NED", "incidenten", "lokaal")
# Sources that restate every year on today's gemeente boundaries (Politie tables, indeling 2024).
HERBEREKEND = oordeel.HERBEREKEND
# Preferred source of a denominator when two files give one for the same gebied and year.
NOEMERVOORKEUR = ("bevolking", "70072ned", "kwb")
NOEMERS = ("inwoners", "woningen")
WAARDE_EENHEDEN = ("procent", "rapportcijfer", "schaalscore")

LAGER_BETER, HOGER_BETER = "lager is beter", "hoger is beter"

_GEBIED = ["gebied_code", "gemeente_code"]


def _tekst(df: pd.DataFrame, kolommen: Iterable[str]) -> pd.DataFrame:
    """Categorical/str columns as plain str (pandas 3: the default str dtype)."""
    return df.astype({k: str for k in kolommen if k in df})


def _leeg_is_tekst(reeks: pd.Series) -> pd.Series:
    """A text column with missing values as empty strings."""
    return reeks.astype(object).where(reeks.notna(), "").astype(str)


def _jaarcijfers(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["maand"].isna() & (df["eenheid"].astype(str) == "aantal")]


# --------------------------------------------------------------------------------------------
# Package data: named indicators and known series breaks.


@cache
def definities() -> pd.DataFrame:
    """Named indicators below thema level (``data/indicatoren.csv``), one row per category.

    Columns ``indicator, thema, bron, categorie, noemer, toelichting``.
    """
    tabel = pd.read_csv(package_data("indicatoren.csv"), dtype=str, keep_default_na=False, comment="#")
    tabel["categorie"] = tabel["categorieen"].str.split("|")
    return tabel.explode("categorie").drop(columns="categorieen").reset_index(drop=True)


@cache
def reeksbreuken() -> pd.DataFrame:
    """Known definition changes and provisional figures (``data/reeksbreuken.csv``)."""
    tabel = pd.read_csv(package_data("reeksbreuken.csv"), dtype=str, keep_default_na=False, comment="#")
    return tabel.astype({"jaar": int})


# --------------------------------------------------------------------------------------------
# Denominators.


def bevolking(cijfers: pd.DataFrame, categorie: str = "inwoners") -> pd.DataFrame:
    """Population (or ``woningen``) per gebied and year as read: gebied_code, periode, <categorie>."""
    rijen = cijfers[(cijfers["eenheid"].astype(str) == categorie) & cijfers["maand"].isna()]
    uit = rijen[["gebied_code", "periode", "waarde", "bronbestand"]].astype(
        {"gebied_code": str, "bronbestand": str}).drop_duplicates(["gebied_code", "periode"])
    return uit.rename(columns={"waarde": categorie, "bronbestand": f"{categorie}_bronbestand"})


@cache
def _geraakt() -> frozenset[str]:
    """Codes touched by a herindeling since 2012: dissolved gemeenten and all their successors."""
    tabel = register.gemeenten()
    opgeheven = tabel[tabel["opvolgers"] != ""]
    uit = set(opgeheven.index)
    for opvolgers in opgeheven["opvolgers"]:
        uit.update(o for o in opvolgers.split("|") if o)
    uit.update(filter(None, (register.opvolger_nu(c) for c in opgeheven.index)))
    return frozenset(uit)


def noemers(cijfers: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Denominators per gebied and year, gemeenten restated on today's boundaries.

    Parameters
    ----------
    cijfers
        Canonical table; rows in eenheid ``inwoners`` or ``woningen`` are denominators (from the
        population file, CBS 70072ned or kerncijfers wijken en buurten).

    Returns
    -------
    (DataFrame, DataFrame)
        ``gebied_code, gemeente_code, periode, inwoners, woningen, inwoners_bronbestand,
        woningen_bronbestand``; and the quality of the herindeling per gemeente and year
        (``gemeente_code, periode, status, toelichting``; only years that are not simply
        comparable). Police table 47018NED restates all years on today's gemeenten, population
        tables do not: a gemeente that absorbed another gets the sum of its predecessors, a year
        touched by a split stays empty (:func:`ivpanalyse.register.herleid_bevolking`).
    """
    rijen = cijfers[cijfers["maand"].isna() & cijfers["eenheid"].astype(str).isin(NOEMERS)]
    rijen = _tekst(rijen, ["gemeente_code", "gebied_code", "bron", "categorie", "eenheid", "bronbestand",
                           "status", "omschrijving", "ontbreekt"])
    rang = rijen["bron"].map({b: i for i, b in enumerate(NOEMERVOORKEUR)}).fillna(len(NOEMERVOORKEUR))
    rijen = (rijen.assign(_rang=rang, categorie=rijen["eenheid"]).sort_values(["_rang", "bron"], kind="stable")
             .drop_duplicates(["gebied_code", "periode", "eenheid"]).drop(columns="_rang"))
    gm = rijen[rijen["gebied_code"].str.startswith("GM")]
    geraakt = _geraakt()
    te_herleiden = gm["gemeente_code"].isin(geraakt)
    kwaliteit = pd.DataFrame(columns=["gemeente_code", "periode", "status", "toelichting"])
    delen = [rijen[~rijen["gebied_code"].str.startswith("GM")], gm[~te_herleiden]]
    if te_herleiden.any():
        from .. import cijfers as _cijfers

        herleid, kwaliteit = register.herleid_bevolking(_cijfers.normaliseer(gm[te_herleiden]))
        delen.append(_tekst(herleid, ["gemeente_code", "gebied_code", "eenheid", "bronbestand"]))
        kwaliteit = kwaliteit[kwaliteit["status"] != register.VERGELIJKBAAR].reset_index(drop=True)
    alles = pd.concat([d[["gebied_code", "gemeente_code", "periode", "eenheid", "waarde", "bronbestand"]]
                       for d in delen], ignore_index=True)
    alles["periode"] = alles["periode"].astype(int)
    sleutel = ["gebied_code", "gemeente_code", "periode"]
    uit = alles[sleutel].drop_duplicates()
    for naam in NOEMERS:
        deel = alles[alles["eenheid"] == naam][sleutel + ["waarde", "bronbestand"]]
        uit = uit.merge(deel.rename(columns={"waarde": naam, "bronbestand": f"{naam}_bronbestand"}), on=sleutel,
                        how="left")
        uit[f"{naam}_bronbestand"] = uit[f"{naam}_bronbestand"].fillna("").astype(str)
    return uit.sort_values(sleutel).reset_index(drop=True), kwaliteit


# --------------------------------------------------------------------------------------------
# Series per thema and per named indicator, all gebieden at once.


def hoofdbron_tabel(gekoppeld: pd.DataFrame) -> pd.DataFrame:
    """Per thema the one source whose yearly counts make the thema total, and why.

    Rule (``docs/indicatoren.md``, issue "bron per thema"): the source that covers most of the
    latest :data:`TRENDJAREN` years of the data wins, then the one with the latest year, then the
    longest series, then :data:`BRONVOORKEUR`; a source without any of those latest years never
    makes a thema total. So an older single year (a 2015 83648NED extract) never replaces a
    47018NED series nor headlines a thema: it is shown as a separate indicator with its year. A local source (``lokaal``) whose categories in a thema
    differ is never summed: different indicators are not one count (it stays a set of indicators).

    Returns
    -------
    DataFrame
        ``thema, bron, reden``.
    """
    jaar = _jaarcijfers(gekoppeld)
    jaar = jaar[jaar["waarde"].notna()]
    d = jaar[["thema", "bron", "categorie", "periode"]].astype({"thema": str, "bron": str, "categorie": str})
    if d.empty:
        return pd.DataFrame(columns=["thema", "bron", "reden"])
    d = d.drop_duplicates()
    eind = int(d["periode"].max())
    d = d.assign(_recent=d["periode"] > eind - TRENDJAREN)
    stats = d.groupby(["thema", "bron"], observed=True).agg(
        laatste=("periode", "max"), eerste=("periode", "min"), jaren=("periode", "nunique"),
        categorieen=("categorie", "nunique"),
        recent=("periode", lambda p: p[p > eind - TRENDJAREN].nunique())).reset_index()
    stats["rang"] = stats["bron"].map({b: i for i, b in enumerate(BRONVOORKEUR)}).fillna(len(BRONVOORKEUR))
    # A source without any of the latest years never headlines a thema (it stays a separate indicator).
    stats["optelbaar"] = ~((stats["bron"] == "lokaal") & (stats["categorieen"] > 1)) & (stats["recent"] > 0)
    stats = stats.sort_values(["thema", "recent", "laatste", "jaren", "rang", "bron"],
                              ascending=[True, False, False, False, True, True])
    rijen = []
    for thema, groep in stats.groupby("thema", sort=True):
        kandidaten = groep[groep["optelbaar"]]
        if kandidaten.empty:
            continue
        k = kandidaten.iloc[0]
        periode = f"{k['eerste']}-{k['laatste']}" if k["eerste"] != k["laatste"] else str(k["laatste"])
        reden = f"{k['bron']} ({periode}, {k['recent']} van de laatste {TRENDJAREN} jaren tot en met {eind})"
        andere = [f"{a['bron']} ({a['eerste']}" + (f"-{a['laatste']}" if a["eerste"] != a["laatste"] else "") + ")"
                  for a in groep.iloc[1:].to_dict("records") if a["bron"] != k["bron"]]
        if andere:
            reden += "; apart getoond: " + ", ".join(andere)
        if ((groep["bron"] == "lokaal") & (groep["categorieen"] > 1)).any():
            reden += "; lokale indicatoren met verschillende betekenis worden niet opgeteld"
        rijen.append((thema, k["bron"], reden))
    return pd.DataFrame(rijen, columns=["thema", "bron", "reden"])


def hoofdbronnen(gekoppeld: pd.DataFrame) -> dict[str, str]:
    """Per thema the one source whose yearly counts make the thema total (:func:`hoofdbron_tabel`)."""
    tabel = hoofdbron_tabel(gekoppeld)
    return dict(zip(tabel["thema"], tabel["bron"]))


def _status_jaar(df: pd.DataFrame) -> pd.Series:
    """Status per row, with the known provisional figures of :func:`reeksbreuken` applied."""
    status = df["status"].astype(str)
    voorlopig = reeksbreuken()
    voorlopig = voorlopig[voorlopig["soort"] == "voorlopig"]
    if len(voorlopig):
        bekend = pd.MultiIndex.from_arrays([voorlopig["bron"], voorlopig["categorie"], voorlopig["jaar"].astype(int)])
        rijen = pd.MultiIndex.from_arrays([df["bron"].astype(str), df["categorie"].astype(str),
                                           df["periode"].astype(int)])
        status = status.where(~rijen.isin(bekend), "voorlopig")
    return status


def _som(rijen: pd.DataFrame, sleutel: list[str]) -> pd.DataFrame:
    """Sum counts per key, with the number of missing parts, the status and the files."""
    pi = rijen["politie_initiatief"].astype(bool) if "politie_initiatief" in rijen else False
    rijen = rijen.assign(_leeg=rijen["waarde"].isna(), _voorlopig=rijen["status"] == "voorlopig",
                         _onbekend=rijen["status"] == "onbekend", _pi=rijen["waarde"].where(pi, 0.0))
    groepen = rijen.groupby(sleutel, sort=True, observed=True)
    uit = groepen.agg(aantal=("waarde", "sum"), _n=("waarde", "count"), ontbrekend=("_leeg", "sum"),
                      _voorlopig=("_voorlopig", "any"), aantal_politie_initiatief=("_pi", "sum"),
                      _onbekend=("_onbekend", "any")).reset_index()
    uit.loc[uit["_n"] == 0, "aantal"] = np.nan
    uit["status"] = np.where(uit["_voorlopig"], "voorlopig", np.where(uit["_onbekend"], "onbekend", "definitief"))
    # Usually one file per key: join names only where a key has several (a per-group lambda is slow).
    bestanden = rijen[sleutel + ["bronbestand"]].drop_duplicates()
    meer = bestanden.duplicated(sleutel, keep=False)
    if meer.any():
        samen = (bestanden[meer].groupby(sleutel, sort=True, observed=True)["bronbestand"]
                 .agg(lambda s: ", ".join(sorted(s))).reset_index())
        bestanden = pd.concat([bestanden[~meer], samen], ignore_index=True)
    uit = uit.merge(bestanden, on=sleutel, how="left")
    return uit.drop(columns=["_n", "_voorlopig", "_onbekend"]).astype({"ontbrekend": int})


def _met_noemer(reeksen: pd.DataFrame, noemer_tabel: pd.DataFrame | None, cijfers: pd.DataFrame | None,
                voorkeur: pd.Series | None = None) -> pd.DataFrame:
    if noemer_tabel is None:
        noemer_tabel = noemers(cijfers)[0]
    reeksen = reeksen.merge(noemer_tabel.drop(columns="gemeente_code"), on=["gebied_code", "periode"], how="left")
    woningen = (voorkeur == "woningen").to_numpy() if voorkeur is not None else np.zeros(len(reeksen), bool)
    per_woning = woningen & reeksen["woningen"].notna().to_numpy()
    reeksen["noemer"] = np.where(per_woning, "woningen", "inwoners")
    reeksen["noemer_waarde"] = np.where(per_woning, reeksen["woningen"], reeksen["inwoners"])
    reeksen["noemer_bronbestand"] = np.where(per_woning, reeksen["woningen_bronbestand"],
                                             reeksen["inwoners_bronbestand"])
    reeksen["per_1000"] = reeksen["aantal"] / reeksen["noemer_waarde"] * 1000
    return reeksen


def thema_reeksen(gekoppeld: pd.DataFrame, cijfers: pd.DataFrame | None = None, *,
                  noemer_tabel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Yearly counts per gebied and thema from the thema's hoofdbron, with per 1.000 inwoners.

    Parameters
    ----------
    gekoppeld
        Mapped rows (``koppeling.koppel(...).cijfers``), with a ``thema`` column.
    cijfers
        The canonical table, for the population rows (not needed when ``noemer_tabel`` is given).
    noemer_tabel
        Precomputed :func:`noemers` (first element).

    Returns
    -------
    DataFrame
        gebied_code, gemeente_code, thema, periode, aantal, ontbrekend (categories without a
        figure), status (``voorlopig`` if any part is), bron (the hoofdbron), bronbestand (files),
        inwoners, inwoners_bronbestand, per_1000 (per 1.000 inwoners).
    """
    jaar = _tekst(_jaarcijfers(gekoppeld), ["gebied_code", "gemeente_code", "bron", "bronbestand", "categorie"])
    bron = hoofdbronnen(jaar)
    jaar = jaar[jaar["bron"] == jaar["thema"].map(bron)]
    jaar = jaar.assign(status=_status_jaar(jaar))
    reeksen = _som(jaar, _GEBIED + ["thema", "periode"])
    reeksen["bron"] = reeksen["thema"].map(bron)
    reeksen = _met_noemer(reeksen, noemer_tabel, cijfers)
    kolommen = _GEBIED + ["thema", "periode", "aantal", "ontbrekend", "status", "bron", "bronbestand", "inwoners",
                          "inwoners_bronbestand", "per_1000", "aantal_politie_initiatief"]
    return reeksen[kolommen].sort_values(_GEBIED + ["thema", "periode"]).reset_index(drop=True)


def richting(naam: str) -> str:
    """Whether a higher figure is better or worse, from the indicator's name (Veiligheidsmonitor)."""
    naam = str(naam).lower()
    if any(w in naam for w in ("rapportcijfer", "cohesie", "tevreden", "veiligheidsgevoel", "voelt zich veilig")):
        return HOGER_BETER
    return LAGER_BETER


def indicator_reeksen(gekoppeld: pd.DataFrame, cijfers: pd.DataFrame | None = None, *,
                      noemer_tabel: pd.DataFrame | None = None) -> pd.DataFrame:
    """Series of the indicators below or beside the thema total, all gebieden.

    Three kinds, each a sum within one source: the named indicators of ``data/indicatoren.csv``
    (woninginbraak per 1.000 woningen where woningen are known, else per 1.000 inwoners); the
    thema total of every other source than the hoofdbron (``Registraties <bron>``); and figures
    that are not counts (Veiligheidsmonitor percentages, rapportcijfers, schaalscores) as given,
    with their confidence bounds.

    Returns
    -------
    DataFrame
        gebied_code, gemeente_code, thema, indicator, soort (objectief/subjectief), bron,
        periode, aantal, waarde (the figure compared: per_1000 for counts, else the value),
        maat (``per 1.000 inwoners``/``per 1.000 woningen``/the unit), noemer, noemer_waarde,
        per_1000, ondergrens, bovengrens, richting, status, bronbestand, noemer_bronbestand.
    """
    kolommen = _GEBIED + ["thema", "indicator", "soort", "bron", "periode", "aantal", "waarde", "maat", "noemer",
                          "noemer_waarde", "per_1000", "ondergrens", "bovengrens", "richting", "status",
                          "bronbestand", "noemer_bronbestand", "aantal_politie_initiatief"]
    tekst = ["gebied_code", "gemeente_code", "bron", "bronbestand", "categorie", "omschrijving", "eenheid"]
    rijen = _tekst(gekoppeld[gekoppeld["maand"].isna()], tekst)
    tellingen = rijen[rijen["eenheid"] == "aantal"]
    tellingen = tellingen.assign(status=_status_jaar(tellingen))
    delen = []

    defs = definities()
    # A named indicator of several categories exists only when all of them are in the data: a sum of
    # part of them never carries the indicator's name (e.g. geweld without 1.4.1, 1.4.3, 1.4.6, 1.4.7).
    aanwezig = set(zip(tellingen["bron"], tellingen["categorie"]))
    compleet = defs.groupby("indicator")[["bron", "categorie"]].apply(
        lambda d: all((b, c) in aanwezig for b, c in zip(d["bron"], d["categorie"])))
    defs = defs[defs["indicator"].map(compleet)]
    benoemd = tellingen.drop(columns="thema").merge(defs[["indicator", "thema", "bron", "categorie", "noemer"]],
                                                    on=["bron", "categorie"], how="inner")
    if len(benoemd):
        som = _som(benoemd, _GEBIED + ["thema", "indicator", "bron", "noemer", "periode"])
        delen.append(som)

    bron = hoofdbronnen(tellingen)
    overig = tellingen[tellingen["bron"] != tellingen["thema"].map(bron)]
    lokaal = overig["bron"] == "lokaal"
    if (~lokaal).any():
        som = _som(overig[~lokaal], _GEBIED + ["thema", "bron", "periode"])
        som["indicator"] = "Registraties " + som["bron"]
        som["noemer"] = "inwoners"
        delen.append(som)
    if lokaal.any():
        # Local indicators keep their own meaning: one series per indicator, never a sum across them.
        som = _som(overig[lokaal].rename(columns={"omschrijving": "indicator"}),
                   _GEBIED + ["thema", "bron", "indicator", "periode"])
        som["noemer"] = "inwoners"
        delen.append(som)

    uit = pd.DataFrame(columns=kolommen)
    if delen:
        telling = pd.concat(delen, ignore_index=True)
        telling = _met_noemer(telling, noemer_tabel, cijfers, voorkeur=telling["noemer"])
        telling["waarde"] = telling["per_1000"]
        telling["maat"] = "per 1.000 " + telling["noemer"]
        telling["soort"] = "objectief"
        telling["richting"] = LAGER_BETER
        telling["ondergrens"] = np.nan
        telling["bovengrens"] = np.nan
        uit = telling[kolommen]

    waarden = rijen[rijen["eenheid"].isin(WAARDE_EENHEDEN)]
    if len(waarden):
        # Inwoners as the weight of the benchmark (a population-weighted mean of survey figures).
        w = waarden.assign(indicator=waarden["omschrijving"], aantal=np.nan, maat=waarden["eenheid"],
                           status=waarden["status"].astype(str))
        w = _met_noemer(w, noemer_tabel, cijfers)
        w = w.assign(noemer="", per_1000=np.nan, noemer_bronbestand="", aantal_politie_initiatief=np.nan)
        vm = w["bron"] == "veiligheidsmonitor"
        slachtoffer = w["indicator"].str.lower().str.contains("slachtoffer")
        w["soort"] = np.where(vm & ~slachtoffer, "subjectief", "objectief")
        w["richting"] = w["indicator"].map(richting)
        uit = pd.concat([uit, w[kolommen]], ignore_index=True) if len(uit) else w[kolommen]
    return uit.sort_values(_GEBIED + ["thema", "indicator", "periode"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Benchmarks.


def benchmark(reeksen: pd.DataFrame, gemeenten: Iterable[str], sleutel: list[str],
              kolom: str = "per_1000", *, volledig: bool = False) -> pd.DataFrame:
    """Benchmark of a set of gemeenten: the sum of their counts over the sum of their denominators.

    Only gemeenten with both a count and a denominator in a year count (so a missing population
    never deflates the rate). For figures that are not counts (``aantal`` NaN, e.g.
    Veiligheidsmonitor percentages) the benchmark is the mean weighted by inwoners where known.

    Returns
    -------
    DataFrame
        ``sleutel`` + ``aantal, noemer_waarde, <kolom>, gemeenten`` (how many took part).
    """
    noemer = "noemer_waarde" if "noemer_waarde" in reeksen else "inwoners"
    deel = reeksen[reeksen["gebied_code"].isin(set(gemeenten))]
    leeg = pd.DataFrame(columns=sleutel + ["aantal", "noemer_waarde", kolom, "gemeenten"])
    if deel.empty:
        return leeg
    n = deel[noemer].to_numpy(dtype=float)
    telling = deel[deel["aantal"].notna().to_numpy() & (n > 0)]
    uit = (telling[sleutel + ["aantal", noemer]].assign(gemeenten=1)
           .groupby(sleutel, observed=True, sort=False).sum().reset_index()
           .rename(columns={noemer: "noemer_waarde"}))
    if volledig and len(uit):
        # Consistent boundaries (herindelingen): a year counts only when every member that has figures
        # for the series has both a count and a denominator that year, so the rate never jumps
        # because of who is counted.
        # Members that never have both figures cannot be counted in any year: they change nothing.
        reeks = [k for k in sleutel if k != "periode"]
        leden = (telling.groupby(reeks, observed=True)["gebied_code"].nunique()
                 if reeks else pd.Series([telling["gebied_code"].nunique()]))
        nodig = (leden.reindex(pd.MultiIndex.from_frame(uit[reeks]) if len(reeks) > 1 else uit[reeks[0]])
                 .to_numpy() if reeks else np.full(len(uit), leden.iat[0]))
        uit = uit[uit["gemeenten"].to_numpy() >= nodig].reset_index(drop=True)
    uit[kolom] = uit["aantal"] / uit["noemer_waarde"] * 1000
    if "waarde" in deel and kolom == "waarde" and deel["aantal"].isna().any():
        waarden = deel[deel["aantal"].isna() & deel["waarde"].notna()]
        if len(waarden):
            gewicht = waarden["noemer_waarde"].fillna(1.0) if "noemer_waarde" in waarden else 1.0
            w = waarden.assign(_g=gewicht, _gw=waarden["waarde"] * gewicht)
            gem = (w.groupby(sleutel, observed=True)
                   .agg(_g=("_g", "sum"), _gw=("_gw", "sum"), gemeenten=("gebied_code", "size")).reset_index())
            gem[kolom] = gem["_gw"] / gem["_g"]
            gem["aantal"] = np.nan
            gem["noemer_waarde"] = np.nan
            uit = pd.concat([uit, gem[uit.columns]], ignore_index=True)
    return uit


def vergelijkbare_gemeenten(noemer_tabel: pd.DataFrame, gemeente: str, *, kandidaten: Iterable[str] | None = None,
                            k: int = K_VERGELIJKBAAR, stedelijkheid: dict[str, float] | None = None
                            ) -> tuple[list[str], str]:
    """The k gemeenten nearest in population (and of the same stedelijkheid where known).

    Rule: take the latest year with a population for ``gemeente``; candidates are the other
    gemeenten with a population that year (and, when given, with figures: ``kandidaten``). When
    the stedelijkheid (CBS 1-5) of the gemeente and at least k candidates is known, only
    candidates of the same class count. Of those the k nearest in log(inwoners) are chosen.

    Returns
    -------
    (list of str, str)
        The codes, nearest first, and the rule in Dutch words.
    """
    gm = noemer_tabel[(noemer_tabel["gebied_code"] == noemer_tabel["gemeente_code"]) & noemer_tabel["inwoners"].notna()]
    eigen = gm[gm["gebied_code"] == gemeente]
    if eigen.empty:
        return [], "geen vergelijkbare gemeenten: inwonertal van de gemeente onbekend"
    jaar = int(eigen["periode"].max())
    inwoners = float(eigen.loc[eigen["periode"] == jaar, "inwoners"].iat[0])
    pool = gm[(gm["periode"] == jaar) & (gm["gebied_code"] != gemeente) & (gm["gebied_code"] != "GM0000")]
    if kandidaten is not None:
        pool = pool[pool["gebied_code"].isin(set(kandidaten))]
    binnen = ""
    if stedelijkheid and gemeente in stedelijkheid:
        klasse = stedelijkheid[gemeente]
        zelfde = pool[pool["gebied_code"].map(stedelijkheid) == klasse]
        if len(zelfde) >= k:
            pool = zelfde
            binnen = f" binnen dezelfde stedelijkheidsklasse ({klasse:g})"
    afstand = (np.log(pool["inwoners"]) - np.log(inwoners)).abs()
    gekozen = pool.assign(_a=afstand).sort_values(["_a", "gebied_code"]).head(k)
    regel = f"de {len(gekozen)} gemeenten met het dichtstbijzijnde inwonertal in {jaar}{binnen}"
    if len(gekozen) < k:
        regel += f" (minder dan {k}: niet meer gemeenten in de data)"
    if len(gekozen):
        regel += (f" (inwoners {getal(gekozen['inwoners'].min())} tot {getal(gekozen['inwoners'].max())}; "
                  f"de gemeente zelf: {getal(inwoners)})")
    return list(gekozen["gebied_code"]), regel


# --------------------------------------------------------------------------------------------
# Signals: exact tests on counts, small numbers, breaks, peaks.


def breuken(gekoppeld: pd.DataFrame, kwaliteit: pd.DataFrame, *, hoofdbron: dict[str, str],
            per: str = "thema") -> pd.DataFrame:
    """Series breaks per gebied and thema (or named indicator), vectorised over all gebieden.

    A known definition change (``data/reeksbreuken.csv``, e.g. the police registration of July
    2018) breaks a series when the changed categories make up at least :data:`BREUK_AANDEEL` of
    the series in the year of the change; smaller shares are noted, not cut; a series that starts
    after the change has no break. A herindeling breaks the series of sources that are not
    restated on today's boundaries: the year after the last year that is not comparable
    (``kwaliteit`` of :func:`noemers`) starts a new segment.

    Returns
    -------
    DataFrame
        ``gebied_code, <per>, jaar, reden, knip`` (bool: the series is cut there).
    """
    kolommen = ["gebied_code", per, "jaar", "reden", "knip"]
    rijen = _jaarcijfers(gekoppeld)[["gebied_code", "gemeente_code", "bron", "categorie", "thema", "periode",
                                     "waarde"]]
    rijen = _tekst(rijen, ["bron", "categorie", "gebied_code", "gemeente_code"])
    if per == "thema":
        rijen = rijen[rijen["bron"] == rijen["thema"].map(hoofdbron)]
    else:
        defs = definities()
        rijen = rijen.drop(columns="thema").merge(defs[["indicator", "thema", "bron", "categorie"]],
                                                  on=["bron", "categorie"], how="inner")
    delen = []
    def_ = reeksbreuken()
    def_ = def_[def_["soort"] == "definitie"]
    reeks = ["gebied_code", per]
    if len(rijen) and len(def_):
        geraakt = rijen.merge(def_, on=["bron", "categorie"], how="inner")
        if len(geraakt):
            sleutel = reeks + ["jaar", "wijziging"]
            in_jaar = geraakt[geraakt["periode"] == geraakt["jaar"]].groupby(sleutel)["waarde"].sum()
            # Only the series that contain a changed category matter: keep the group-bys small.
            betrokken = rijen.merge(geraakt[reeks].drop_duplicates(), on=reeks)
            totaal = (betrokken[betrokken["periode"].isin(set(def_["jaar"]))]
                      .groupby(reeks + ["periode"])["waarde"].sum())
            begin = betrokken.groupby(reeks)["periode"].min()
            # The changed categories of a series are the same for every gebied: name them once per series kind.
            soort = [per, "jaar", "wijziging"]
            toel = (geraakt[soort + ["toelichting"]].drop_duplicates().sort_values("toelichting")
                    .groupby(soort)["toelichting"].agg("; ".join).reset_index())
            b = geraakt[sleutel].drop_duplicates().merge(toel, on=soort)
            b["geraakt"] = in_jaar.reindex(pd.MultiIndex.from_frame(b[sleutel])).fillna(0).to_numpy()
            b["totaal"] = totaal.reindex(pd.MultiIndex.from_frame(
                b[reeks + ["jaar"]].rename(columns={"jaar": "periode"}))).fillna(0).to_numpy()
            b["begin"] = begin.reindex(pd.MultiIndex.from_frame(b[reeks])).to_numpy()
            b = b[b["begin"] < b["jaar"]]  # the series starts after the change: nothing to cut
            aandeel = np.where(b["totaal"] > 0, b["geraakt"] / b["totaal"].where(b["totaal"] > 0, 1), 0.0)
            b = b.assign(knip=aandeel >= BREUK_AANDEEL)
            b["reden"] = [f"{j}: {w} ({t}; {round(a * 100)}% van de reeks); "
                          + ("eerdere jaren zijn niet vergelijkbaar" if k else "klein deel van de reeks: niet geknipt")
                          for j, w, t, a, k in zip(b["jaar"], b["wijziging"], b["toelichting"], aandeel, b["knip"])]
            delen.append(b[kolommen])
    if len(kwaliteit) and len(rijen):
        laatste = kwaliteit.groupby("gemeente_code")["periode"].max()
        niet = rijen[~rijen["bron"].isin(HERBEREKEND) & rijen["gemeente_code"].isin(laatste.index)]
        if len(niet):
            h = niet[reeks + ["gemeente_code"]].drop_duplicates()
            h["jaar"] = h["gemeente_code"].map(laatste).astype(int) + 1
            h["reden"] = [f"{j}: herindeling; jaren tot en met {j - 1} gelden voor een andere gemeentelijke indeling"
                          for j in h["jaar"]]
            h["knip"] = True
            delen.append(h[kolommen])
    if not delen:
        return pd.DataFrame(columns=kolommen)
    return pd.concat(delen, ignore_index=True).astype({"jaar": int, "knip": bool})


# --------------------------------------------------------------------------------------------
# Wijk level.


def publiceerbaar(aantallen: pd.Series, groepen: pd.Series | None = None, drempel: int = PUBLICATIEDREMPEL
                  ) -> pd.Series:
    """Publishable text for counts: 1..drempel-1 becomes ``"<5"``, with secondary suppression.

    When exactly one count in a group (e.g. the wijken of one thema and year) is suppressed,
    the gemeente total would reveal it, so the next smallest count of that group is hidden as
    ``"afgeschermd"`` too. Zero and unknown stay visible (``0``, ``–``).
    """
    from ..opmaak import getal

    tekst = aantallen.map(lambda v: getal(v))
    primair = (aantallen > 0) & (aantallen < drempel)
    tekst[primair] = f"<{drempel}"
    if groepen is None:
        groepen = pd.Series(0, index=aantallen.index)
    secundair = pd.Series(False, index=aantallen.index)
    for _, idx in aantallen.groupby(groepen).groups.items():
        if primair[idx].sum() == 1:
            rest = aantallen[idx][~primair[idx] & aantallen[idx].notna()]
            if len(rest) > 0:
                secundair[rest.sort_values(kind="stable").index[0]] = True
    tekst[secundair] = "afgeschermd"
    return tekst


def wijken(reeksen: pd.DataFrame, gemeente: str, noemer_tabel: pd.DataFrame, *,
           namen: dict[str, str] | None = None, jaar: int | None = None) -> pd.DataFrame:
    """Indicators per wijk (WK) and buurt (BU) of one gemeente and thema, latest year.

    Wijk population is that of the nearest year with a figure (kerncijfers wijken en buurten
    come later than the police figures); ``inwoners_jaar`` says which. Wijken with fewer than
    :data:`MIN_INWONERS_WIJK` inwoners get no rate. Ranks per thema and level (1 = highest rate,
    or count when no rates are known). ``publicatie`` applies :func:`publiceerbaar`.

    Returns
    -------
    DataFrame
        gebied_code, niveau (wijk/buurt), wijknaam, thema, periode, aantal, inwoners,
        inwoners_jaar, per_1000, rang, publicatie, publicatie_per_1000, signaal, bron,
        bronbestand, inwoners_bronbestand.
    """
    kolommen = ["gebied_code", "niveau", "wijknaam", "thema", "periode", "aantal", "inwoners", "inwoners_jaar",
                "per_1000", "rang", "publicatie", "publicatie_per_1000", "signaal", "bron", "bronbestand",
                "inwoners_bronbestand"]
    deel = reeksen[(reeksen["gemeente_code"] == gemeente) & ~reeksen["gebied_code"].str.startswith("GM")]
    if deel.empty:
        return pd.DataFrame(columns=kolommen)
    signalen = toets(deel.assign(noemer_waarde=np.nan), ["gebied_code", "thema"], noemer=None)
    jaar = jaar or int(deel["periode"].max())
    laatst = deel[deel["periode"] == jaar].drop(columns=["inwoners", "inwoners_bronbestand", "per_1000"])
    bev = noemer_tabel[noemer_tabel["gemeente_code"].eq(gemeente) & noemer_tabel["inwoners"].notna()
                       & ~noemer_tabel["gebied_code"].str.startswith("GM")]
    if len(bev):
        bev = bev.assign(_afstand=(bev["periode"] - jaar).abs()).sort_values(["gebied_code", "_afstand", "periode"])
        bev = bev.drop_duplicates("gebied_code")[["gebied_code", "periode", "inwoners", "inwoners_bronbestand"]]
        laatst = laatst.merge(bev.rename(columns={"periode": "inwoners_jaar"}), on="gebied_code", how="left")
    else:
        laatst = laatst.assign(inwoners=np.nan, inwoners_jaar=np.nan, inwoners_bronbestand="")
    laatst["per_1000"] = np.where(laatst["inwoners"] >= MIN_INWONERS_WIJK,
                                  laatst["aantal"] / laatst["inwoners"] * 1000, np.nan)
    laatst["niveau"] = np.where(laatst["gebied_code"].str.startswith("WK"), "wijk", "buurt")
    laatst["wijknaam"] = laatst["gebied_code"].map(lambda c: (namen or {}).get(c, c))
    sleutel = laatst["niveau"] + "|" + laatst["thema"]
    met_tempo = laatst.groupby(sleutel)["per_1000"].transform("count") > 0
    rangwaarde = np.where(met_tempo, laatst["per_1000"], laatst["aantal"])
    laatst["rang"] = pd.Series(rangwaarde, index=laatst.index).groupby(sleutel).rank(
        ascending=False, method="min", na_option="bottom").astype("Int64")
    laatst["publicatie"] = publiceerbaar(laatst["aantal"], sleutel)
    from ..opmaak import getal

    laatst["publicatie_per_1000"] = [getal(v, 1) if t not in (f"<{PUBLICATIEDREMPEL}", "afgeschermd") else t
                                     for v, t in zip(laatst["per_1000"], laatst["publicatie"])]
    laatst = laatst.merge(signalen[["gebied_code", "thema", "signaal"]], on=["gebied_code", "thema"], how="left")
    laatst["inwoners_jaar"] = laatst["inwoners_jaar"].astype("Int64")
    return laatst[kolommen].sort_values(["thema", "niveau", "rang", "gebied_code"]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Putting it together.


@dataclass(frozen=True)
class Voorwerk:
    """What :func:`bereken` needs for any gemeente, computed once per data set (all gebieden).

    ``thema`` and ``indicator`` are the series of all gebieden; ``nederland_thema`` and
    ``nederland_indicator`` the national benchmark (all gemeenten with figures); the ``_plek``
    dicts give the row positions per gebied (and per gemeente for wijk rows), for fast slicing.
    """

    noemers: pd.DataFrame
    kwaliteit: pd.DataFrame
    thema: pd.DataFrame
    indicator: pd.DataFrame
    hoofdbron: dict
    gemeenten: tuple  # gemeente codes with figures (GM0000 "Gemeente onbekend" excluded)
    rijen: pd.DataFrame  # the mapped rows
    nederland_thema: pd.DataFrame
    nederland_indicator: pd.DataFrame
    plek_rijen: dict
    plek_thema: dict
    plek_indicator: dict
    plek_wijk: dict
    stedelijkheid: dict = field(default_factory=dict)
    breuk_thema: pd.DataFrame = field(default_factory=pd.DataFrame)  # :func:`breuken` of the gemeenten
    breuk_indicator: pd.DataFrame = field(default_factory=pd.DataFrame)
    hoofdbron_reden: dict = field(default_factory=dict)  # thema -> why its hoofdbron was chosen
    kern: pd.DataFrame = field(default_factory=pd.DataFrame)  # kerncijfers.reeksen of all gemeenten
    # oordeel.landelijke_dekking of the thema and indicator series: why "Nederland" is missing.
    nederland_dekking_thema: pd.DataFrame = field(default_factory=pd.DataFrame)
    nederland_dekking_indicator: pd.DataFrame = field(default_factory=pd.DataFrame)
    kern_nederland: pd.DataFrame | None = None  # kerncijfers.nederland of ``kern`` (None: computed per gemeente)

    def deel(self, naam: str, codes: Iterable[str]) -> pd.DataFrame:
        """Rows of ``thema``/``indicator``/``rijen`` for the given gebied codes."""
        frame, plek = {"thema": (self.thema, self.plek_thema), "indicator": (self.indicator, self.plek_indicator),
                       "rijen": (self.rijen, self.plek_rijen)}[naam]
        posities = [plek[c] for c in codes if c in plek]
        if not posities:
            return frame.iloc[0:0]
        return frame.iloc[np.concatenate(posities)]


_THEMA_SLEUTEL = ["thema", "periode"]
_INDICATOR_SLEUTEL = ["thema", "indicator", "bron", "maat", "periode"]


# Memo of the last Voorwerk, keyed on the identity of the frames (weak references): a report or a
# batch that calls bereken again on the same tables does not recompute the series of all gebieden.
_MEMO: list = []


def _voorwerk_voor(cijfers: pd.DataFrame, gekoppeld) -> Voorwerk:
    rijen = gekoppeld.cijfers if hasattr(gekoppeld, "cijfers") else gekoppeld
    for ref_cijfers, ref_rijen, vw in _MEMO:
        if ref_cijfers() is cijfers and ref_rijen() is rijen:
            return vw
    return voorbereiden(cijfers, gekoppeld)


def voorbereiden(cijfers: pd.DataFrame, gekoppeld) -> Voorwerk:
    """Denominators, series and the national benchmark of all gebieden, shared by every
    :func:`bereken` call on this data."""
    bron_rijen = gekoppeld.cijfers if hasattr(gekoppeld, "cijfers") else gekoppeld
    rijen = bron_rijen
    rijen = _tekst(rijen, ["gebied_code", "gemeente_code"]).reset_index(drop=True)
    noemer_tabel, kwaliteit = noemers(cijfers)
    thema = thema_reeksen(rijen, noemer_tabel=noemer_tabel)
    thema["noemer_waarde"] = thema["inwoners"]
    indicator = indicator_reeksen(rijen, noemer_tabel=noemer_tabel)
    gemeenten = tuple(sorted(g for g in set(thema.loc[thema["gebied_code"].str.startswith("GM"), "gebied_code"])
                             if g != "GM0000"))
    gm_thema = thema[thema["gebied_code"].isin(gemeenten)]
    gm_indicator = indicator[indicator["gebied_code"].isin(gemeenten)]
    wijkrijen = thema[~thema["gebied_code"].str.startswith("GM")]
    bron_tabel = hoofdbron_tabel(rijen)
    bron = dict(zip(bron_tabel["thema"], bron_tabel["bron"]))
    gm_rijen = rijen[rijen["gebied_code"].str.startswith("GM")]
    # "Nederland" only where the source covers (nearly) all gemeenten it could have that year
    # (oordeel.landelijke_dekking: 83648NED extracts often hold one region, 83651NED lists dissolved
    # gemeenten).
    def landelijk(reeksen: pd.DataFrame, sleutel: list[str], kolom: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        bm = benchmark(reeksen, gemeenten, sleutel, kolom=kolom)
        dekking = oordeel.landelijke_dekking(reeksen, gemeenten, sleutel)
        ok = dekking.loc[dekking["landelijk"].astype(bool), sleutel].drop_duplicates()
        return bm.merge(ok, on=sleutel).reset_index(drop=True), dekking

    kern = kerncijfers.reeksen(cijfers, noemer_tabel)
    nl_thema, nl_dekking_thema = landelijk(gm_thema, _THEMA_SLEUTEL, "per_1000")
    nl_indicator, nl_dekking_indicator = landelijk(gm_indicator, _INDICATOR_SLEUTEL, "waarde")
    vw = Voorwerk(
        noemer_tabel, kwaliteit, thema, indicator, bron, gemeenten, rijen, nl_thema, nl_indicator,
        rijen.groupby("gebied_code", sort=False).indices, thema.groupby("gebied_code", sort=False).indices,
        indicator.groupby("gebied_code", sort=False).indices,
        {g: wijkrijen.index[idx].to_numpy()
         for g, idx in wijkrijen.groupby("gemeente_code", sort=False).indices.items()},
        _stedelijkheid(cijfers),
        breuken(gm_rijen, kwaliteit, hoofdbron=bron, per="thema"),
        breuken(gm_rijen, kwaliteit, hoofdbron=bron, per="indicator"),
        dict(zip(bron_tabel["thema"], bron_tabel["reden"])),
        kern,
        nl_dekking_thema, nl_dekking_indicator, kerncijfers.nederland(kern, gemeenten),
    )
    try:
        _MEMO[:] = [(weakref.ref(cijfers), weakref.ref(bron_rijen), vw)]
    except TypeError:  # an object without weak references: no memo
        pass
    return vw


def signalen_alle(voorwerk: Voorwerk) -> pd.DataFrame:
    """Thema signals of every gemeente at once (vectorised, no text): for overviews and stap 3a.

    Same rules as :func:`bereken` (:func:`toets` with the series breaks of each gemeente).

    Returns
    -------
    DataFrame
        ``gebied_code, thema`` + the columns of :func:`toets`.
    """
    reeks = voorwerk.thema[voorwerk.thema["gebied_code"].isin(set(voorwerk.gemeenten))]
    knip = voorwerk.breuk_thema
    knip = knip.loc[knip["knip"], ["gebied_code", "thema", "jaar"]] if len(knip) else None
    return toets(reeks, ["gebied_code", "thema"], breuken=knip)


def _stedelijkheid(cijfers: pd.DataFrame) -> dict[str, float]:
    rijen = cijfers[cijfers["categorie"].astype(str).str.lower().str.contains("stedelijkheid")
                    & cijfers["gebied_code"].astype(str).str.startswith("GM") & cijfers["waarde"].notna()]
    if rijen.empty:
        return {}
    rijen = rijen.sort_values("periode").drop_duplicates("gebied_code", keep="last")
    return dict(zip(rijen["gebied_code"].astype(str), rijen["waarde"].astype(float)))


def _oordeel_niveau(signalen: pd.DataFrame, jaar_frame: pd.DataFrame, groep: list[str], *, noemer: str,
                    benchmarks: dict[str, str]) -> pd.DataFrame:
    """The level judgements of :func:`ivpanalyse.analyse.oordeel.niveau_per_benchmark` on signal rows.

    Counts are judged by the pooled exact Poisson rule; survey figures (no count) by their
    confidence interval in the latest year (:func:`ivpanalyse.analyse.oordeel.niveau_waarden`).
    Also the older names ``niveau_3jaar``, ``benchmark_3jaar``, ``benchmark`` (the label).
    """
    if signalen.empty:
        extra = ["niveau", "niveau_benchmark", "verhouding", "niveau_eigen", "niveau_referentie", "niveaujaren",
                 "niveau_3jaar", "benchmark_3jaar", "benchmark"]
        extra += [f"{k}_{b}" for b, _ in oordeel.BENCHMARKS for k in ("niveau", "verhouding", "p_niveau", "benchmark")]
        return signalen.assign(**{k: pd.Series(dtype=object) for k in extra})
    uit = oordeel.niveau_per_benchmark(jaar_frame, signalen, groep, noemer=noemer, benchmarks=benchmarks)
    if "ondergrens" in jaar_frame and jaar_frame["aantal"].isna().any():
        laatst = jaar_frame.merge(uit[groep + ["laatste_jaar"]], left_on=groep + ["periode"],
                                  right_on=groep + ["laatste_jaar"], how="right")
        waarden = laatst["aantal"].isna().to_numpy() & laatst["waarde"].notna().to_numpy()
        for b, kolom in benchmarks.items():
            if kolom not in laatst:
                continue
            o = oordeel.niveau_waarden(laatst["waarde"], laatst["ondergrens"], laatst["bovengrens"], laatst[kolom])
            uit.loc[waarden, f"niveau_{b}"] = o[waarden]
            with np.errstate(invalid="ignore", divide="ignore"):
                uit.loc[waarden, f"verhouding_{b}"] = (laatst["waarde"] / laatst[kolom]).to_numpy()[waarden]
            uit.loc[waarden, f"benchmark_{b}"] = laatst[kolom].to_numpy()[waarden]
        # The main judgement again, now that survey rows have theirs.
        uit.loc[waarden, ["niveau", "niveau_benchmark"]] = ""
        for b in benchmarks:
            zet = waarden & (uit["niveau"] == "").to_numpy() & (uit[f"niveau_{b}"] != "").to_numpy()
            uit.loc[zet, "niveau"] = uit.loc[zet, f"niveau_{b}"]
            uit.loc[zet, "niveau_benchmark"] = b
            uit.loc[zet, "verhouding"] = uit.loc[zet, f"verhouding_{b}"]
            uit.loc[zet, "niveau_eigen"] = laatst["waarde"].to_numpy()[zet]
            uit.loc[zet, "niveau_referentie"] = uit.loc[zet, f"benchmark_{b}"]
            uit.loc[zet, "niveaujaren"] = laatst["laatste_jaar"].astype(str).to_numpy()[zet]
    uit["niveau_3jaar"] = uit["niveau_eigen"]
    uit["benchmark_3jaar"] = uit["niveau_referentie"]
    uit["benchmark"] = uit["niveau_benchmark"].map(oordeel.LABEL).fillna("")
    return uit


def _telt(rijen: pd.DataFrame, hoofdbron: dict) -> dict[str, str]:
    """Per thema what its total counts: the labels of the hoofdbron's categories with figures."""
    rijen = _jaarcijfers(rijen)
    rijen = rijen[rijen["waarde"].notna()]
    if rijen.empty:
        return {}
    rijen = rijen[rijen["bron"].astype(str) == rijen["thema"].map(hoofdbron)]
    uit = {}
    for thema, groep in rijen.groupby("thema"):
        labels = sorted(set(groep["label" if "label" in groep else "omschrijving"].astype(str)))
        uit[thema] = "; ".join(labels)  # every category named: "en 2 andere" leaves the reader guessing
    return uit


def _kenmerken(signalen: pd.DataFrame, jaar_frame: pd.DataFrame, groep: list[str]) -> pd.DataFrame:
    """The declared judgement columns every signal row carries (``oordeel.schemas``).

    ``politie_initiatief``: at least half of the series' counts (all years) are registered on
    police initiative (mapping flag); ``afgerond_op_5``: the source rounds counts to 5 (83648NED,
    83651NED); ``voorlopig``: the latest year is provisional; empty texts instead of NA.
    """
    uit = signalen.copy()
    if "aantal_politie_initiatief" in jaar_frame and len(jaar_frame):
        som = jaar_frame.groupby(groep, observed=True)[["aantal_politie_initiatief", "aantal"]].sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            aandeel = som["aantal_politie_initiatief"] / som["aantal"]
        index = pd.MultiIndex.from_frame(uit[groep]) if len(groep) > 1 else pd.Index(uit[groep[0]])
        aandeel = aandeel.reindex(index).to_numpy(dtype=float)
    else:
        aandeel = np.full(len(uit), np.nan)
    uit["politie_initiatief"] = np.nan_to_num(aandeel, nan=0.0) >= 0.5
    uit["afgerond_op_5"] = uit["bron"].astype(str).isin({"83648NED", "83651NED"}).to_numpy()
    uit["status_laatste"] = _leeg_is_tekst(uit["status_laatste"])
    uit["voorlopig"] = (uit["status_laatste"] == "voorlopig").to_numpy()
    for k in ("coronajaren", "referentiejaren", "piekjaren", "reeksbreuk", "niveaujaren", "bron"):
        uit[k] = _leeg_is_tekst(uit[k]) if k in uit else ""
    uit["piek"] = uit["piek"].astype("boolean").fillna(False).astype(bool)
    uit = zonder_kleine_afgeronde_piek(uit, jaar_frame, groep, uit["afgerond_op_5"].to_numpy())
    uit["laatste_jaar"] = pd.array(uit["laatste_jaar"], dtype="Float64").astype("Int64")
    for k in ("laatste_aantal", "verhouding"):
        uit[k] = uit[k].astype(float)
    return uit


def _kruiscontrole(ind_sig: pd.DataFrame, hoofdbron: dict, eind: int) -> pd.DataFrame:
    """Cross-checks: never a second direction or level for one thema.

    The registrations of a thema in another source than its hoofdbron (``Registraties 83651NED``
    beside 47018NED's fietsdiefstal) and every series whose latest year lies :data:`TRENDJAREN` or
    more years before the end of the data (a 2015 83648NED extract) are shown with their own
    period as a cross-check (``kruiscontrole``): signal ``niet getoetst``, no level, no peak.
    """
    uit = ind_sig.copy()
    hoofd = uit["thema"].map(hoofdbron)
    telling = uit["maat"].astype(str).str.startswith("per 1.000")
    ander = hoofd.notna() & (uit["bron"].astype(str) != hoofd) & telling & (uit["bron"].astype(str) != "lokaal")
    oud = uit["laatste_jaar"].astype("Float64").fillna(eind).to_numpy(dtype=float) <= eind - TRENDJAREN
    kruis = ander.to_numpy() | oud
    uit["kruiscontrole"] = kruis
    uit["hoofdbron"] = _leeg_is_tekst(hoofd)
    if kruis.any():
        uit.loc[kruis, "signaal"] = NIET_GETOETST
        uit.loc[kruis, "piek"] = False
        uit.loc[kruis, "piekjaren"] = ""
        for b in [""] + [f"_{b}" for b, _ in oordeel.BENCHMARKS]:
            uit.loc[kruis, f"niveau{b}"] = ""
            if f"verhouding{b}" in uit:
                uit.loc[kruis, f"verhouding{b}"] = np.nan
        uit.loc[kruis, "niveau_benchmark"] = ""
        for k in ("niveau_3jaar", "benchmark_3jaar", "benchmark"):
            if k in uit:
                uit.loc[kruis, k] = "" if uit[k].dtype == object else np.nan
    return uit


def _recent(signalen: pd.DataFrame, breuk: pd.DataFrame, per: str) -> list[str]:
    """Breaks within the trend window or reference years of each series (those the text mentions)."""
    per_sleutel: dict = {}
    for sleutel, jaar, reden in zip(breuk[per], breuk["jaar"], breuk["reden"]):
        per_sleutel.setdefault(sleutel, []).append((jaar, reden))
    uit = []
    for sleutel, laatste in zip(signalen[per], signalen["laatste_jaar"]):
        if pd.isna(laatste):
            uit.append("")
            continue
        uit.append(" | ".join(r for j, r in per_sleutel.get(sleutel, []) if j > laatste - TRENDJAREN))
    return uit


@dataclass(frozen=True)
class Indicatoren:
    """All indicator frames of one gemeente.

    thema_jaar
        One row per thema and year for the gemeente: ``thema, periode, aantal, inwoners, per_1000,
        status, bron, bronbestand`` plus benchmarks ``basisteam_per_1000, nederland_per_1000,
        vergelijkbaar_per_1000`` (NaN where not available). Also ``ontbrekend``,
        ``inwoners_bronbestand`` and the benchmark counts ``basisteam_aantal``,
        ``nederland_aantal``, ``vergelijkbaar_aantal``.
    signalen
        One row per thema: ``thema, laatste_jaar, laatste_aantal, vorig_aantal,
        verandering_vorig_jaar, gemiddelde_3jaar, verandering_3jaar, p_waarde, signaal``
        (``stijgend``/``dalend``/``stabiel``/``klein aantal``/``geen cijfers``; ``niet getoetst``
        when there is no earlier year), ``reeksbreuk`` (text or empty), ``piek`` (bool),
        ``status_laatste``, ``toelichting`` (Dutch words). Also ``vorig_jaar, p_vorig_jaar,
        referentiejaren, significant, klein_aantal, periode_van, aantal_van,
        verandering_periode, trend_per_jaar, piekjaren, bron, per_1000_laatste,
        niveau_3jaar, benchmark_3jaar, benchmark, verhouding`` (see :func:`toets`);
        ``reeksbreuk`` holds the breaks that cut the series (years before are not comparable:
        do not draw a trend across them), ``reeksbreuk_recent`` those within the trend window
        (mentioned in the text), ``opmerking`` small definition changes that do not cut the
        series and population years restated after a herindeling.
    duiding
        One row per thema: ``thema, tekst`` (draft Dutch problematiek text).
    prioriteiten
        One row per thema: ``veld, thema, score, redenen, voorgesteld`` (bool), ``rang_in_veld``;
        also ``kort``, the points per part and ``keuze`` (the analyst's choice or NA).
    effectindicatoren
        Rows per proposed priority: ``thema, indicator, soort, bron, basiswaarde, basisjaar,
        streefwaarde, toelichting``; also ``streefjaar, eenheid, richting, bronbestand``.
    wijken
        Rows per wijk and thema (latest year): ``gebied_code, wijknaam, thema, periode, aantal,
        inwoners, per_1000, rang, publicatie`` (the publishable text, e.g. ``"<5"``); also
        ``niveau, inwoners_jaar, publicatie_per_1000, signaal, bron, bronbestand``.
    dekking
        Mapping coverage (:class:`ivpanalyse.koppeling.Gekoppeld`.dekking).
    vergelijking
        Gemeente codes of each benchmark: ``{"basisteam": [...], "vergelijkbaar": [...]}``
        and the rule used under ``"regel"``; ``"nederland"`` is the number of gemeenten.
    indicator_jaar
        Named indicators below thema level and other sources per year (see
        :func:`indicator_reeksen`), with benchmarks ``basisteam, nederland, vergelijkbaar``
        in the same ``maat``.
    indicator_signalen
        One row per indicator: as ``signalen`` plus ``indicator, soort, maat, richting``.
    kwaliteit
        Herindeling quality of the gemeente's population years (empty when comparable).
    oordeel
        The per-thema judgement frame (``oordeel.schemas()["thema"]``, validated): every column
        of ``signalen`` plus ``score``, ``redenen``, ``voorgesteld``, ``veld``, ``kort``. The report
        reads level, trend, status and priority only from here.
    indicator_oordeel
        ``indicator_signalen`` validated against ``oordeel.schemas()["indicator"]``.
    categorie_jaar
        Per thema the counts per category of its main source and year (:func:`categorie_jaar`).
    kerncijfers, kerncijfers_jaar
        Total registered crime and the BBV beleidsindicatoren (:mod:`ivpanalyse.analyse.kerncijfers`):
        one judged row per kerncijfer with its sentence (``tekst``), and the yearly rows.
    zinnen
        Every generated sentence with the judgement columns it came from.
    """

    thema_jaar: pd.DataFrame
    signalen: pd.DataFrame
    duiding: pd.DataFrame
    prioriteiten: pd.DataFrame
    effectindicatoren: pd.DataFrame
    wijken: pd.DataFrame
    dekking: pd.DataFrame
    vergelijking: dict
    indicator_jaar: pd.DataFrame = field(default_factory=pd.DataFrame)
    indicator_signalen: pd.DataFrame = field(default_factory=pd.DataFrame)
    kwaliteit: pd.DataFrame = field(default_factory=pd.DataFrame)
    oordeel: pd.DataFrame = field(default_factory=pd.DataFrame)
    indicator_oordeel: pd.DataFrame = field(default_factory=pd.DataFrame)
    kerncijfers: pd.DataFrame = field(default_factory=pd.DataFrame)
    kerncijfers_jaar: pd.DataFrame = field(default_factory=pd.DataFrame)
    zinnen: pd.DataFrame = field(default_factory=pd.DataFrame)
    categorie_jaar: pd.DataFrame = field(default_factory=pd.DataFrame)


def bereken(cijfers: pd.DataFrame, gekoppeld, gemeente: str, *, basisteam: list[str] | None = None,
            vergelijkbaar: list[str] | None = None, keuzes: dict[str, bool] | None = None,
            namen: dict[str, str] | None = None, voorwerk: Voorwerk | None = None,
            k: int = K_VERGELIJKBAAR) -> Indicatoren:
    """All indicators of one gemeente: series, benchmarks, signals, text, priorities, wijken.

    Parameters
    ----------
    cijfers
        The canonical table (all gemeenten read: the benchmarks need them).
    gekoppeld
        :class:`ivpanalyse.koppeling.Gekoppeld` of ``cijfers``.
    gemeente
        ``GMxxxx``.
    basisteam
        Gemeente codes of the basisteam (the gemeente itself may be among them); the benchmark is
        the sum of their figures. ``None``: no basisteam benchmark.
    vergelijkbaar
        The analyst's own comparison set; ``None``: :func:`vergelijkbare_gemeenten`.
    keuzes
        The analyst's priority choice per thema code (``True`` = priority, ``False`` = not); it
        overrides the score.
    namen
        Code -> name for gemeenten, wijken and buurten (for texts and the wijk table).
    voorwerk
        :func:`voorbereiden` of the same data, to share work between gemeenten.
    k
        Size of the computed comparison set.

    Raises
    ------
    IndicatorFout
        When the data hold no figures for ``gemeente`` or a given code is not a gemeente code.
    """
    from . import duiding, prioriteiten

    namen = dict(namen or {})
    bekend = {str(g) for g in cijfers["gemeente_code"].dropna().unique()}
    if gemeente not in bekend:
        raise IndicatorFout("geen cijfers voor deze gemeente in de opgegeven data", kolom="gemeente", waarde=gemeente)
    for soort, codes in (("basisteam", basisteam), ("vergelijkbaar", vergelijkbaar)):
        for code in codes or []:
            if not isinstance(code, str) or not code.startswith("GM") or len(code) != 6:
                raise IndicatorFout("geen gemeentecode (verwacht GMxxxx)", kolom=soort, waarde=code)
    vw = voorwerk or _voorwerk_voor(cijfers, gekoppeld)
    dekking = gekoppeld.dekking if hasattr(gekoppeld, "dekking") else pd.DataFrame()

    met_cijfers = list(vw.gemeenten)
    if vergelijkbaar is None:
        vergelijkbaar, regel = vergelijkbare_gemeenten(vw.noemers, gemeente, kandidaten=met_cijfers, k=k,
                                                       stedelijkheid=vw.stedelijkheid)
    else:
        vergelijkbaar = [g for g in vergelijkbaar if g != gemeente]
        regel = "door de analist gekozen gemeenten"
    basisteam = list(basisteam or [])
    sets = {"basisteam": basisteam, "nederland": met_cijfers, "vergelijkbaar": list(vergelijkbaar)}

    # Thema per year with benchmarks.
    def bench(soort: str, naam: str, codes: list[str], kolom: str) -> pd.DataFrame:
        if naam == "nederland":
            return vw.nederland_thema if soort == "thema" else vw.nederland_indicator
        if not codes:
            return pd.DataFrame()
        bm = benchmark(vw.deel(soort, codes), codes, _THEMA_SLEUTEL if soort == "thema" else _INDICATOR_SLEUTEL,
                       kolom=kolom, volledig=True)
        # A set with figures for too few members is no benchmark (oordeel.min_leden).
        return bm[bm["gemeenten"] >= oordeel.min_leden(len(set(codes)))].reset_index(drop=True) if len(bm) else bm

    eigen = vw.deel("thema", [gemeente]).drop(columns=["gebied_code", "gemeente_code"])
    for naam, codes in sets.items():
        bm = bench("thema", naam, codes, "per_1000")
        if bm.empty:
            eigen[f"{naam}_per_1000"] = np.nan
            eigen[f"{naam}_aantal"] = np.nan
        else:
            eigen = eigen.merge(bm[["thema", "periode", "per_1000", "aantal"]].rename(
                columns={"per_1000": f"{naam}_per_1000", "aantal": f"{naam}_aantal"}), on=["thema", "periode"],
                how="left")
    thema_jaar = eigen.drop(columns=["noemer_waarde"]).sort_values(["thema", "periode"]).reset_index(drop=True)

    # Signals per thema.
    kwaliteit = vw.kwaliteit[vw.kwaliteit["gemeente_code"] == gemeente].reset_index(drop=True)
    thema_breuken = vw.breuk_thema[vw.breuk_thema["gebied_code"] == gemeente] if len(vw.breuk_thema) else \
        pd.DataFrame(columns=["gebied_code", "thema", "jaar", "reden", "knip"])
    knip = thema_breuken[thema_breuken["knip"].astype(bool).to_numpy()]
    reeks = thema_jaar.assign(noemer_waarde=thema_jaar["inwoners"])
    sig = toets(reeks, ["thema"], breuken=knip)
    alle = pd.DataFrame({"thema": [t.code for t in taxonomie.themas()]})
    sig = alle.merge(sig, on="thema", how="left")
    sig["signaal"] = sig["signaal"].fillna(GEEN)
    sig["piek"] = sig["piek"].astype("boolean").fillna(False).astype(bool)
    sig["piekjaren"] = _leeg_is_tekst(sig["piekjaren"])
    sig["referentiejaren"] = _leeg_is_tekst(sig["referentiejaren"])
    sig["bron"] = _leeg_is_tekst(sig["thema"].map(vw.hoofdbron))
    knip_masker = thema_breuken["knip"].astype(bool).to_numpy()
    geknipt, klein = thema_breuken[knip_masker], thema_breuken[~knip_masker]
    sig["reeksbreuk"] = _leeg_is_tekst(sig["thema"].map(geknipt.groupby("thema")["reden"].agg(" | ".join)))
    sig["reeksbreuk_recent"] = _recent(sig, geknipt, "thema")
    sig["opmerking"] = _leeg_is_tekst(sig["thema"].map(klein.groupby("thema")["reden"].agg(" | ".join)))
    if len(kwaliteit):
        per_reden: dict[str, list[int]] = {}  # one reason for several years is said once: "2012-2014: ..."
        for j, t in zip(kwaliteit["periode"], kwaliteit["toelichting"]):
            per_reden.setdefault(str(t), []).append(int(j))
        herindeling = "; ".join(f"{_jarenlijst(jaren)}: {t}" for t, jaren in per_reden.items())
        met = sig["signaal"] != GEEN
        sig.loc[met, "opmerking"] = sig.loc[met, "opmerking"].map(
            lambda t: " | ".join(filter(None, [t, f"bevolking herleid of niet vergelijkbaar ({herindeling})"])))
    laatste = thema_jaar.merge(sig[["thema", "laatste_jaar"]], left_on=["thema", "periode"],
                               right_on=["thema", "laatste_jaar"])
    sig = sig.merge(laatste[["thema", "per_1000"]].rename(columns={"per_1000": "per_1000_laatste"}), on="thema",
                    how="left")
    sig = _oordeel_niveau(sig, thema_jaar, ["thema"], noemer="inwoners",
                          benchmarks={b: f"{b}_per_1000" for b, _ in oordeel.BENCHMARKS})
    sig = _kenmerken(sig, thema_jaar, ["thema"])
    keuze = vw.hoofdbron_reden if isinstance(vw.hoofdbron_reden, dict) else {}
    sig["bron_reden"] = _leeg_is_tekst(sig["thema"].map(keuze))
    eigen_rijen = vw.deel("rijen", [gemeente])  # the gemeente's mapped rows (also for its category tables)
    sig["telt"] = _leeg_is_tekst(sig["thema"].map(_telt(eigen_rijen, vw.hoofdbron)))
    sig["toelichting"] = [duiding.signaal_tekst(r) for r in sig.to_dict("records")]

    # Named indicators.
    ind_eigen = vw.deel("indicator", [gemeente]).drop(columns=["gebied_code", "gemeente_code"])
    sleutel = _INDICATOR_SLEUTEL
    for naam, codes in sets.items():
        bm = bench("indicator", naam, codes, "waarde")
        if bm.empty:
            ind_eigen[naam] = np.nan
        else:
            ind_eigen = ind_eigen.merge(bm[sleutel + ["waarde"]].rename(columns={"waarde": naam}), on=sleutel,
                                        how="left")
    indicator_jaar = ind_eigen.sort_values(["thema", "indicator", "periode"]).reset_index(drop=True)
    groep = ["thema", "indicator", "bron", "maat"]
    ind_breuken = vw.breuk_indicator[vw.breuk_indicator["gebied_code"] == gemeente] if len(vw.breuk_indicator) \
        else pd.DataFrame(columns=["gebied_code", "indicator", "jaar", "reden", "knip"])
    tel = indicator_jaar[indicator_jaar["aantal"].notna()]
    knip_ind = ind_breuken[ind_breuken["knip"].astype(bool).to_numpy()]
    knip_ind = tel[groep].drop_duplicates().merge(knip_ind, on="indicator") if len(knip_ind) else None
    ind_sig = pd.concat([toets(tel, groep, breuken=knip_ind),
                         toets_waarden(indicator_jaar[indicator_jaar["aantal"].isna()], groep)], ignore_index=True)
    if len(ind_sig):
        kenmerken = indicator_jaar[groep + ["soort", "richting"]].drop_duplicates(groep)
        ind_sig = ind_sig.merge(kenmerken, on=groep, how="left")
        knip_masker = ind_breuken["knip"].astype(bool).to_numpy()
        geknipt, klein = ind_breuken[knip_masker], ind_breuken[~knip_masker]
        ind_sig["reeksbreuk"] = _leeg_is_tekst(ind_sig["indicator"].map(
            geknipt.groupby("indicator")["reden"].agg(" | ".join)))
        ind_sig["reeksbreuk_recent"] = _recent(ind_sig, geknipt, "indicator")
        ind_sig["opmerking"] = _leeg_is_tekst(ind_sig["indicator"].map(
            klein.groupby("indicator")["reden"].agg(" | ".join)))
        ind_sig = ind_sig.merge(indicator_jaar[groep + ["periode", "waarde"]].rename(
            columns={"periode": "laatste_jaar", "waarde": "niveau_laatste"}), on=groep + ["laatste_jaar"], how="left")
        ind_sig = _oordeel_niveau(ind_sig, indicator_jaar, groep, noemer="noemer_waarde",
                                  benchmarks={b: b for b, _ in oordeel.BENCHMARKS})
        ind_sig = _kenmerken(ind_sig, indicator_jaar, groep)
        eigen_hoofdbron = {t: b for t, b in vw.hoofdbron.items()
                           if t in set(thema_jaar.loc[thema_jaar["aantal"].notna(), "thema"])}
        eind = pd.concat([vw.thema["periode"], vw.indicator["periode"]]).max()
        ind_sig = _kruiscontrole(ind_sig, eigen_hoofdbron, int(eind))
        ind_sig["toelichting"] = [duiding.signaal_tekst(r) for r in ind_sig.to_dict("records")]
    else:
        ind_sig = pd.DataFrame(columns=groep + ["signaal", "soort", "richting", "reeksbreuk", "toelichting"])

    # Wijken, text, priorities.
    wijkrijen = vw.thema.loc[vw.plek_wijk.get(gemeente, [])]
    wijk = wijken(wijkrijen, gemeente, vw.noemers, namen=namen)
    naam = namen.get(gemeente, gemeente)
    zinnen = duiding.zinnen(thema_jaar, sig, indicator_jaar, ind_sig, naam=naam)
    dui = duiding.duiding(thema_jaar, sig, indicator_jaar, ind_sig, naam=naam, zinnen_frame=zinnen)
    prio = prioriteiten.score(sig, ind_sig, keuzes=keuzes)
    effect = prioriteiten.effectindicatoren(prio, sig, thema_jaar, ind_sig, indicator_jaar)
    vergelijking = {"basisteam": basisteam, "vergelijkbaar": list(vergelijkbaar), "regel": regel,
                    "nederland": len(met_cijfers),
                    "nederland_ontbreekt": _nederland_ontbreekt(vw, thema_jaar, indicator_jaar),
                    "bevolking": _bevolkingsmaat(cijfers, gemeente),
                    "namen": {c: namen.get(c, c) for c in set(basisteam) | set(vergelijkbaar)}}
    kern_jaar, kern = kerncijfers.bereken(vw.kern, gemeente, sets, met_cijfers, landelijk=vw.kern_nederland)
    kern["tekst"] = [duiding.kerncijfer_tekst(naam, r) for r in kern.to_dict("records")]
    return Indicatoren(thema_jaar, sig, dui, prio, effect, wijk, dekking, vergelijking, indicator_jaar, ind_sig,
                       kwaliteit, oordeel=thema_oordeel(sig, prio), indicator_oordeel=oordeel.valideer(
                           ind_sig, "indicator") if len(ind_sig) else ind_sig,
                       kerncijfers=oordeel.valideer(kern, "kerncijfers"), kerncijfers_jaar=kern_jaar,
                       zinnen=oordeel.valideer(zinnen, "zinnen"),
                       categorie_jaar=categorie_jaar(eigen_rijen, gemeente, vw.hoofdbron))


def _nederland_ontbreekt(vw: Voorwerk, thema_jaar: pd.DataFrame, indicator_jaar: pd.DataFrame) -> list[str]:
    """Why the gemeente's series have no "Nederland" in some years: one sentence per source."""
    delen = []
    for dekking, eigen, sleutel in ((vw.nederland_dekking_thema, thema_jaar, _THEMA_SLEUTEL),
                                    (vw.nederland_dekking_indicator, indicator_jaar, _INDICATOR_SLEUTEL)):
        if dekking is None or dekking.empty or eigen.empty:
            continue
        niet = dekking[~dekking["landelijk"].astype(bool)]
        delen.append(niet.merge(eigen[sleutel].drop_duplicates(), on=sleutel)[["bron", "periode", "reden"]])
    if not delen:
        return []
    niet = pd.concat(delen).drop_duplicates(["bron", "periode"]).sort_values(["bron", "periode"])
    uit = []
    for bron, groep in niet.groupby("bron", sort=True):
        laatst = groep.iloc[-1]
        jaren = _jarenlijst([int(p) for p in groep["periode"]])
        uit.append(f"Geen Nederland-cijfer uit {bron} over {jaren}: {laatst['reden'].split(': ')[0]}"
                   + (" (laatste jaar)" if len(groep) > 1 else "") + ".")
    return uit


# What each denominator source measures (the methods text states the measure actually used).
BEVOLKINGSMAAT = {
    "bevolking": "het inwonertal uit het bevolkingsbestand (CBS 70072ned: de gemiddelde bevolking over het jaar, "
                 "anders die op 1 januari; het bestand zelf zegt niet welke)",
    "70072ned": "de bevolking op 1 januari (CBS regionale kerncijfers 70072ned)",
    "kwb": "de bevolking op 1 januari (CBS kerncijfers wijken en buurten)",
}


def _bevolkingsmaat(cijfers: pd.DataFrame, gemeente: str) -> str:
    """The population measure behind the gemeente's rates, in words, per source actually read."""
    rijen = cijfers[is_gelijk(cijfers["gemeente_code"], gemeente) & is_gelijk(cijfers["eenheid"], "inwoners")]
    bronnen = [b for b in NOEMERVOORKEUR if b in set(rijen["bron"].astype(str))]
    bronnen += sorted(set(rijen["bron"].astype(str)) - set(bronnen))
    if not bronnen:
        return "geen bevolkingscijfers ingelezen: geen cijfers per 1.000 inwoners"
    return "; waar dat ontbreekt ".join(BEVOLKINGSMAAT.get(b, f"het inwonertal uit {b}") for b in bronnen)


def met_keuzes(ind: Indicatoren, keuzes: dict[str, bool]) -> Indicatoren:
    """The same analysis with the werkgroep's ja/nee per thema (stap 3): priorities, effect
    indicators and the judgement frame follow the choice; level and trend stay as judged.

    Raises
    ------
    IndicatorFout
        For a thema code in ``keuzes`` that does not exist.
    """
    from dataclasses import replace

    from . import prioriteiten

    if not keuzes or ind.signalen is None or ind.signalen.empty:
        return ind
    prio = prioriteiten.score(ind.signalen, ind.indicator_signalen, keuzes=keuzes)
    effect = prioriteiten.effectindicatoren(prio, ind.signalen, ind.thema_jaar, ind.indicator_signalen,
                                            ind.indicator_jaar)
    # Frames made by hand (tests, a degraded report) carry no judgement frame to rebuild.
    nieuw = thema_oordeel(ind.signalen, prio) if len(ind.oordeel) else ind.oordeel
    return replace(ind, prioriteiten=prio, effectindicatoren=effect, oordeel=nieuw)


def thema_oordeel(signalen: pd.DataFrame, prioriteiten: pd.DataFrame) -> pd.DataFrame:
    """The per-thema judgement frame: signal columns plus score, reasons and proposal; validated.

    Rebuilt by the report when the werkgroep's choices change the priorities (the judgements of
    level and trend stay; only ``voorgesteld``/``keuze`` follow the choice).
    """
    prio = prioriteiten.drop(columns=[k for k in ("veld", "kort") if k in prioriteiten])
    uit = signalen.merge(prio, on="thema", how="left")
    uit["score"] = uit["score"].fillna(0).astype(int)
    uit["voorgesteld"] = uit["voorgesteld"].fillna(False).astype(bool)
    uit["redenen"] = _leeg_is_tekst(uit["redenen"])
    uit["veld"] = [int(str(t).split(".")[0]) for t in uit["thema"]]
    uit["kort"] = [taxonomie.thema(t).kort for t in uit["thema"]]
    return oordeel.valideer(uit, "thema")


# --------------------------------------------------------------------------------------------
# Export and helpers for the report.


def als_tabel(ind: Indicatoren, gemeente: str) -> pd.DataFrame:
    """Every figure of :class:`Indicatoren` as one long table that names its source.

    Columns ``gemeente, onderdeel, gebied_code, thema, indicator, periode, maat, waarde, tekst,
    status, bron, bronbestand, toelichting``: one row per figure (count, rate, benchmark, change,
    p-value, signal, priority score, effect indicator); ``bron`` is the table, ``bronbestand``
    the file(s) it was read from, ``periode`` the year (or years) it describes.
    """
    delen = []

    def voeg(df, onderdeel, maten, *, gebied=gemeente, indicator="", periode="periode", bron="bron",
             bestand="bronbestand", status="status", toelichting=""):
        if df is None or df.empty:
            return
        for maat, kolom, extra_bestand in maten:
            if kolom not in df:
                continue
            waarden = df[kolom]
            numeriek = pd.api.types.is_numeric_dtype(waarden) or pd.api.types.is_bool_dtype(waarden)
            bestanden = df[bestand].astype(str) if bestand in df else ""
            if extra_bestand and extra_bestand in df:
                # The denominator's file (empty or missing when no population was read) joins the source file.
                extra = df[extra_bestand].astype(object).where(df[extra_bestand].notna(), "").astype(str)
                bestanden = bestanden + ("; " + extra).where(extra != "", "")
            delen.append(pd.DataFrame({
                "gemeente": gemeente, "onderdeel": onderdeel,
                "gebied_code": df[gebied] if gebied in df else gebied,
                "thema": df["thema"] if "thema" in df else "",
                "indicator": df[indicator] if indicator in df else indicator,
                "periode": df[periode].astype("string") if periode in df else "",
                "maat": maat,
                "waarde": waarden.astype(float) if numeriek else np.nan,
                "tekst": "" if numeriek else waarden.astype(str),
                "status": df[status] if status in df else "",
                "bron": df[bron] if bron in df else "", "bronbestand": bestanden,
                "toelichting": df[toelichting] if toelichting in df else toelichting,
            }))

    tj = ind.thema_jaar
    voeg(tj, "thema", [("aantal", "aantal", None), ("per 1.000 inwoners", "per_1000", "inwoners_bronbestand"),
                       ("inwoners", "inwoners", "inwoners_bronbestand"),
                       ("basisteam per 1.000 inwoners", "basisteam_per_1000", "inwoners_bronbestand"),
                       ("Nederland per 1.000 inwoners", "nederland_per_1000", "inwoners_bronbestand"),
                       ("vergelijkbare gemeenten per 1.000 inwoners", "vergelijkbaar_per_1000",
                        "inwoners_bronbestand")])
    ij = ind.indicator_jaar
    if not ij.empty:
        ij = ij.assign(_maat=ij["maat"])
        for maat_kolom, label in (("aantal", "aantal"), ("waarde", None), ("basisteam", "basisteam"),
                                  ("nederland", "Nederland"), ("vergelijkbaar", "vergelijkbare gemeenten")):
            for maat, groep in ij.groupby("_maat"):
                naam = maat if label is None else (label if maat_kolom == "aantal" else f"{label} {maat}")
                extra = None if maat_kolom == "aantal" or not maat.startswith("per 1.000") else "noemer_bronbestand"
                voeg(groep, "indicator", [(naam, maat_kolom, extra)], indicator="indicator")
    bestanden = tj.drop_duplicates("thema").set_index("thema")["bronbestand"] if not tj.empty else pd.Series(dtype=str)
    sig = ind.signalen.assign(bronbestand=ind.signalen["thema"].map(bestanden).fillna(""),
                              periode=ind.signalen["laatste_jaar"].astype("Int64").astype("string"),
                              status=ind.signalen["status_laatste"])
    voeg(sig, "signaal", [("verandering t.o.v. vorig jaar", "verandering_vorig_jaar", None),
                          ("gemiddelde referentiejaren", "gemiddelde_3jaar", None),
                          ("verandering t.o.v. gemiddelde referentiejaren", "verandering_3jaar", None),
                          ("p-waarde", "p_waarde", None), ("signaal", "signaal", None),
                          ("reeksbreuk", "reeksbreuk", None), ("opmerking", "opmerking", None),
                          ("piekjaren", "piekjaren", None)],
         toelichting="toelichting")
    if not ind.indicator_signalen.empty and "laatste_jaar" in ind.indicator_signalen:
        isig = ind.indicator_signalen
        bestand_ind = (ind.indicator_jaar.drop_duplicates(["indicator", "bron"])
                       .set_index(["indicator", "bron"])["bronbestand"])
        isig = isig.assign(periode=isig["laatste_jaar"].astype("Int64").astype("string"), status=isig["status_laatste"],
                           bronbestand=[bestand_ind.get((i, b), "") for i, b in zip(isig["indicator"], isig["bron"])])
        voeg(isig, "indicatorsignaal", [("verandering t.o.v. gemiddelde referentiejaren", "verandering_3jaar", None),
                                        ("p-waarde", "p_waarde", None), ("signaal", "signaal", None)],
             indicator="indicator", toelichting="toelichting")
    per_thema = ind.signalen.set_index("thema")
    thema_p = ind.prioriteiten["thema"]
    prio = ind.prioriteiten.assign(bron=thema_p.map(per_thema["bron"]), bronbestand=thema_p.map(bestanden).fillna(""),
                                   periode=thema_p.map(per_thema["laatste_jaar"]).astype("Int64").astype("string"))
    voeg(prio, "prioriteit", [("score", "score", None), ("voorgesteld", "voorgesteld", None)], status="",
         toelichting="redenen")
    eff = ind.effectindicatoren
    if not eff.empty:
        voeg(eff.assign(periode=eff["basisjaar"].astype("Int64").astype("string")), "effectindicator",
             [("basiswaarde", "basiswaarde", None)], indicator="indicator", status="", toelichting="toelichting")
        voeg(eff.assign(periode=eff["streefjaar"].astype("Int64").astype("string")), "effectindicator",
             [("streefwaarde", "streefwaarde", None)], indicator="indicator", status="", toelichting="toelichting")
    wk = ind.wijken
    if not wk.empty:
        voeg(wk.assign(_pub=wk["publicatie"]), "wijk", [("aantal", "aantal", None),
                                                         ("per 1.000 inwoners", "per_1000", "inwoners_bronbestand"),
                                                         ("rang", "rang", None), ("publicatie", "_pub", None)],
             gebied="gebied_code", status="")
    if not delen:
        return pd.DataFrame(columns=["gemeente", "onderdeel", "gebied_code", "thema", "indicator", "periode", "maat",
                                     "waarde", "tekst", "status", "bron", "bronbestand", "toelichting"])
    uit = pd.concat(delen, ignore_index=True)
    uit = uit[uit["waarde"].notna() | (uit["tekst"].fillna("") != "")]
    return uit.reset_index(drop=True)


def categorie_jaar(gekoppeld: pd.DataFrame, gebied: str, hoofdbron: dict[str, str]) -> pd.DataFrame:
    """Counts per thema, source category and year for one gebied, all themas at once.

    Per thema only the categories of its hoofdbron (``hoofdbron``: thema -> source, as
    :class:`Voorwerk` holds it), the source its series counts, so the rows of a thema add up to its
    series. Columns ``thema, bron, categorie, periode, aantal`` (NaN when the source gave no figure
    for that year).
    """
    kolommen = ["thema", "bron", "categorie", "periode", "aantal"]
    rijen = _jaarcijfers(gekoppeld)
    rijen = rijen[is_gelijk(rijen["gebied_code"], gebied)]
    rijen = rijen[rijen["bron"].astype(str) == rijen["thema"].astype(str).map(hoofdbron)]  # as _telt does
    if rijen.empty:
        return pd.DataFrame(columns=kolommen)
    rijen = rijen.assign(thema=rijen["thema"].astype(str), bron=rijen["bron"].astype(str),
                         categorie=rijen["omschrijving"].astype(str))
    uit = (rijen.groupby(["thema", "bron", "categorie", "periode"], observed=True, sort=True)["waarde"]
           .sum(min_count=1).rename("aantal").reset_index())
    return uit[kolommen]


def categorie_tabel(categorieen: pd.DataFrame, thema: str) -> pd.DataFrame:
    """One thema of :func:`categorie_jaar` as a table: categories (rows) by year (columns)."""
    deel = categorieen[categorieen["thema"] == thema]
    if deel.empty:
        return pd.DataFrame()
    tabel = deel.pivot(index="categorie", columns="periode", values="aantal")
    tabel.columns.name = None
    return tabel


def verandering(reeks: pd.Series) -> float:
    """Relative change of the last value against the first, NaN when not computable."""
    reeks = reeks.dropna()
    if len(reeks) < 2 or reeks.iloc[0] == 0:
        return np.nan
    return reeks.iloc[-1] / reeks.iloc[0] - 1


def regels() -> dict[str, str]:
    """The documented rules in Dutch words, for the report's "Bronnen en methoden"."""
    return {
        "signaal": (f"Het laatste jaar wordt vergeleken met het gemiddelde van maximaal {REFERENTIEJAREN} "
                    "voorgaande jaren zonder reeksbreuk, met een exacte toets voor aantallen (binomiaal, "
                    f"voorwaardelijk op het totaal; tweezijdig, alfa {str(ALPHA).replace('.', ',')}). 'Stijgend' of "
                    f"'dalend' alleen als de verandering betekenisvol is én minstens {RELEVANT:.0%} bedraagt."),
        "klein aantal": (f"Bij gemiddeld minder dan {KLEIN_AANTAL} registraties per jaar heet de reeks "
                         "'klein aantal': schommelingen zeggen dan weinig."),
        "piek": (f"Een piek is een jaar binnen de laatste {TRENDJAREN} jaar dat hoger is dan beide buurjaren en "
                 f"minstens {PIEK_FACTOR:g} keer zo hoog als hun gemiddelde en als het gemiddelde van de andere jaren "
                 f"(minstens {PIEK_MINIMUM}; Poisson, p < {str(PIEK_ALPHA).replace('.', ',')}); bij aantallen die de "
                 f"bron op 5 afrondt alleen vanaf {PIEK_MINIMUM_AFGEROND}.").replace("1.5", "1,5"),
        "reeksbreuk": ("Jaren voor en na een definitiewijziging (politieregistratie juli 2018) of herindeling "
                       "worden niet met elkaar vergeleken."),
        "vergelijkbaar": f"Vergelijkbare gemeenten: de {K_VERGELIJKBAAR} gemeenten met het dichtstbijzijnde "
                         "inwonertal (binnen dezelfde stedelijkheidsklasse waar bekend), tenzij de analist ze kiest.",
        "benchmark": ("Basisteam, Nederland en vergelijkbare gemeenten: som van de aantallen gedeeld door de som van "
                      "de inwoners van de gemeenten met beide cijfers; basisteam en vergelijkbare gemeenten alleen in jaren "
                      f"waarin minstens {oordeel.MIN_LEDEN} leden en minstens de helft van de set cijfers hebben. "
                      "'Nederland' alleen als de bron minstens "
                      f"{NEDERLAND_DEKKING:.0%} dekt van de gemeenten die zij in dat jaar kan hebben (de gemeenten van "
                      "dat jaar, of van de laatste indeling bij een bron die alle jaren herberekent)."),
        "publicatie": (f"Aantallen per wijk of buurt van 1 tot {PUBLICATIEDREMPEL} worden getoond als "
                       f"'<{PUBLICATIEDREMPEL}'; is er in een thema maar één zo'n wijk, dan wordt ook de kleinste "
                       "andere wijk afgeschermd."),
    }
