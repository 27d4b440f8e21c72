"""Kerncijfers: total registered crime and the BBV beleidsindicatoren, judged once.

The report opens with these figures (issue "Total crime is missing"): the total of registered
crime from a source's own total row (47018NED/47013NED/47022NED ``0.0.0``, 83648NED ``T001161`` or
``0000000``) per 1.000 inwoners, with trend and benchmarks, and the BBV beleidsindicatoren the
data allow (winkeldiefstal, geweld, woninginbraak per 1.000 woningen, vernieling, Halt per 10.000
jongeren). The definitions are package data (``data/kerncijfers.csv``). A sum of thema's or of
part of a composite indicator is never called the total: a composite is given only when all its
categories are in the data.

Pure functions: frames in, frames out.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

from ..config import package_data
from . import oordeel
from .toetsen import toets, zonder_kleine_afgeronde_piek

AFGEROND = {"83648NED", "83651NED"}  # CBS tables that round counts to multiples of 5
NEDERLAND_DEKKING = oordeel.NEDERLAND_DEKKING
RECENT = 5  # a source must have one of the latest 5 years of the data to give a kerncijfer
SLEUTEL = ["indicator", "bron", "periode"]  # one kerncijfer series and year


@cache
def definities() -> pd.DataFrame:
    """``data/kerncijfers.csv``: one row per indicator and source, in order of preference."""
    tabel = pd.read_csv(package_data("kerncijfers.csv"), dtype=str, keep_default_na=False, comment="#")
    tabel["volgorde"] = range(len(tabel))
    tabel["delen"] = tabel["categorieen"].str.split("|")
    tabel["bbv"] = tabel["bbv"].eq("ja")
    tabel["per"] = tabel["per"].astype(float)
    return tabel


def _past(categorie: str, gezocht: str) -> bool:
    """A data category matches a defined one; 83651NED keys may carry the GebruikVanGeweld total."""
    if categorie == gezocht:
        return True
    delen = [d for d in re.split(r"[^A-Za-z0-9.]+", categorie) if d]
    return gezocht in delen and all(d in (gezocht, "T001540") for d in delen)


def reeksen(cijfers: pd.DataFrame, noemer_tabel: pd.DataFrame) -> pd.DataFrame:
    """Yearly series of every kerncijfer, every source and gemeente, complete ones only.

    Returns
    -------
    DataFrame
        ``indicator, bron, gebied_code, periode, aantal, status, bronbestand, noemer,
        noemer_waarde, per, waarde`` (per ``per`` units of the denominator), ``volledig`` (all
        categories present) and ``ontbreekt`` (the missing categories, text).
    """
    kolommen = ["indicator", "bron", "gebied_code", "periode", "aantal", "status", "bronbestand", "noemer",
                "noemer_waarde", "per", "waarde", "volledig", "ontbreekt", "volgorde"]
    defs = definities()
    rijen = cijfers[cijfers["maand"].isna() & (cijfers["eenheid"].astype(str) == "aantal")
                    & cijfers["gebied_code"].astype(str).str.startswith("GM")
                    & cijfers["bron"].astype(str).isin(set(defs["bron"]))]
    if rijen.empty:
        return pd.DataFrame(columns=kolommen)
    rijen = rijen[["gebied_code", "periode", "bron", "categorie", "waarde", "status", "bronbestand"]].astype(
        {"gebied_code": str, "bron": str, "categorie": str, "status": str, "bronbestand": str})
    delen = []
    for d in defs.to_dict("records"):
        van_bron = rijen[rijen["bron"] == d["bron"]]
        if van_bron.empty:
            continue
        codes = van_bron["categorie"].drop_duplicates()
        gevonden = {c: next((g for g in d["delen"] if _past(c, g)), None) for c in codes}
        van_bron = van_bron.assign(_deel=van_bron["categorie"].map(gevonden)).dropna(subset=["_deel"])
        if van_bron.empty:
            continue
        # Built-in aggregations only (a Python function per gemeente and year took seconds nationally).
        van_bron = van_bron.assign(_met=van_bron["waarde"].notna(), _voorlopig=van_bron["status"] == "voorlopig")
        groep = van_bron.groupby(["gebied_code", "periode"], observed=True)
        som = groep.agg(aantal=("waarde", "sum"), _met=("_met", "sum"), _delen=("_deel", "nunique"),
                        _voorlopig=("_voorlopig", "any"), bronbestand=("bronbestand", "first")).reset_index()
        som.loc[som["_met"] == 0, "aantal"] = np.nan  # no figure at all: unknown, not 0 (sum(min_count=1))
        aanwezig = set(van_bron["_deel"])
        ontbreekt = [g for g in d["delen"] if g not in aanwezig]
        som["volledig"] = som["_delen"] == len(d["delen"])
        som["ontbreekt"] = ", ".join(ontbreekt)
        som.loc[~som["volledig"], "aantal"] = np.nan
        som["status"] = np.where(som["_voorlopig"], "voorlopig", "definitief")
        som = som.assign(indicator=d["indicator"], bron=d["bron"], noemer=d["noemer"], per=d["per"],
                         volgorde=d["volgorde"])
        delen.append(som)
    if not delen:
        return pd.DataFrame(columns=kolommen)
    uit = pd.concat(delen, ignore_index=True)
    noemer = noemer_tabel[noemer_tabel["gebied_code"] == noemer_tabel["gemeente_code"]][
        ["gebied_code", "periode", "inwoners", "woningen"]]
    uit = uit.merge(noemer, on=["gebied_code", "periode"], how="left")
    # Per 1.000 woningen where the housing stock is known, else the rate is per inwoners (said in 'maat').
    uit["noemer"] = np.where((uit["noemer"] == "woningen") & uit["woningen"].isna(), "inwoners", uit["noemer"])
    uit["noemer_waarde"] = np.select([uit["noemer"] == "inwoners", uit["noemer"] == "woningen"],
                                     [uit["inwoners"], uit["woningen"]], np.nan)
    uit["waarde"] = uit["aantal"] / uit["noemer_waarde"] * uit["per"]
    uit = uit.sort_values(["volgorde", "gebied_code", "periode"])
    return uit[kolommen].reset_index(drop=True)


def _keuze(eigen: pd.DataFrame, eind: int) -> pd.DataFrame:
    """Per indicator the source with most of the latest years, then the latest, then the longest."""
    met = eigen[eigen["aantal"].notna()]
    if met.empty:
        return met.assign(recent=0)
    stats = met.assign(_recent=met["periode"] > eind - RECENT).groupby(["indicator", "bron"], observed=True).agg(
        laatste=("periode", "max"), jaren=("periode", "nunique"), volgorde=("volgorde", "min"),
        recent=("_recent", "sum")).reset_index()
    stats["recent"] = stats["recent"].astype(int)
    stats = stats[stats["recent"] > 0].sort_values(["indicator", "recent", "laatste", "jaren", "volgorde"],
                                                   ascending=[True, False, False, False, True])
    return stats.drop_duplicates("indicator")


def nederland(reeks: pd.DataFrame, gemeenten) -> pd.DataFrame:
    """The Nederland benchmark of every kerncijfer series: ``indicator, bron, periode, noemer, nederland``.

    The rate of all ``gemeenten`` together (sum of counts over sum of denominators, per the
    definition's unit), only in years where the source covers at least 90% of the gemeenten it
    could have (:func:`ivpanalyse.analyse.oordeel.landelijke_dekking`). The same for every gemeente:
    the national stage computes it once (:class:`ivpanalyse.analyse.indicatoren.Voorwerk`).
    """
    kolommen = SLEUTEL + ["noemer", "nederland"]
    if reeks.empty:
        return pd.DataFrame(columns=kolommen)
    som = _tarief(reeks[reeks["gebied_code"].isin(set(gemeenten))], "nederland")
    if som.empty:
        return pd.DataFrame(columns=kolommen)
    dekking = oordeel.landelijke_dekking(reeks, gemeenten, SLEUTEL)
    som = som.merge(dekking.loc[dekking["landelijk"].astype(bool), SLEUTEL], on=SLEUTEL)
    return som[kolommen].reset_index(drop=True)


def _tarief(rijen: pd.DataFrame, naam: str) -> pd.DataFrame:
    """The rate of a set of gemeenten together, per series and year (column ``naam``): the sum of their
    counts over the sum of their denominators, per the definition's unit; ``_g`` the members counted."""
    rijen = rijen[rijen["aantal"].notna() & rijen["noemer_waarde"].notna() & (rijen["noemer_waarde"] > 0)]
    som = rijen.groupby(SLEUTEL + ["noemer", "per"], observed=True).agg(
        _a=("aantal", "sum"), _n=("noemer_waarde", "sum"), _g=("gebied_code", "nunique")).reset_index()
    som[naam] = som["_a"] / som["_n"] * som["per"]
    return som


def bereken(reeks: pd.DataFrame, gemeente: str, sets: dict[str, list[str]], gemeenten: list[str],
            landelijk: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The kerncijfers of one gemeente: yearly rows with benchmarks, and one judged row each.

    Parameters
    ----------
    reeks
        :func:`reeksen` of the data.
    gemeente
        ``GMxxxx``.
    sets
        Benchmark name -> gemeente codes (``basisteam``, ``vergelijkbaar``); ``nederland`` is
        all ``gemeenten`` with figures, only where the source covers at least 90% of the gemeenten
        it could have that year (:func:`ivpanalyse.analyse.oordeel.landelijke_dekking`).
    landelijk
        :func:`nederland` of ``reeks`` when already computed (the national stage); else computed here.

    Returns
    -------
    (DataFrame, DataFrame)
        ``kerncijfers_jaar``: ``indicator, bron, periode, aantal, noemer, noemer_waarde, waarde,
        status`` and per benchmark ``<b>`` its rate; ``kerncijfers``: one row per indicator in the
        definitions with the judgement columns of :func:`ivpanalyse.analyse.oordeel.schemas`
        (``kerncijfers``), ``maat``, ``waarde``, ``toelichting``.
    """
    defs = definities().drop_duplicates("indicator")
    eind = int(reeks["periode"].max()) if len(reeks) else 0
    if landelijk is None:
        landelijk = nederland(reeks, gemeenten)
    # From here only the gemeente and its benchmark sets count: a slice, not the national table.
    reeks = reeks[reeks["gebied_code"].isin({gemeente, *(sets.get("basisteam") or []),
                                             *(sets.get("vergelijkbaar") or [])})]
    eigen = reeks[reeks["gebied_code"] == gemeente]
    keuze = _keuze(eigen, eind)
    gekozen = eigen.merge(keuze[["indicator", "bron"]], on=["indicator", "bron"])
    jaar = gekozen[gekozen["aantal"].notna()].copy()
    bronnen = keuze[["indicator", "bron"]]  # the source chosen per kerncijfer, for the benchmarks too
    for b in ("basisteam", "vergelijkbaar"):
        codes = set(sets.get(b) or [])
        som = _tarief(reeks[reeks["gebied_code"].isin(codes)].merge(bronnen, on=["indicator", "bron"]), b)
        som = som[som["_g"] >= oordeel.min_leden(len(codes))]
        jaar = jaar.merge(som[SLEUTEL + ["noemer", b]], on=SLEUTEL + ["noemer"], how="left")
    # Nederland is the same for every gemeente: computed once per data set (Voorwerk.kern_nederland).
    jaar = jaar.merge(landelijk.merge(bronnen, on=["indicator", "bron"])[SLEUTEL + ["noemer", "nederland"]],
                      on=SLEUTEL + ["noemer"], how="left")
    jaar = jaar.sort_values(["volgorde", "periode"]).reset_index(drop=True)

    sig = toets(jaar.rename(columns={"noemer_waarde": "noemer_waarde"}), ["indicator", "bron"]) if len(jaar) \
        else pd.DataFrame(columns=["indicator", "bron", "laatste_jaar"])
    if len(sig):
        per = jaar.drop_duplicates("indicator").set_index("indicator")["per"]
        niveaus = []
        for factor, groep in sig.groupby(sig["indicator"].map(per)):
            niveaus.append(oordeel.niveau_per_benchmark(jaar, groep, ["indicator", "bron"], per=float(factor),
                                                        benchmarks={b: b for b, _ in oordeel.BENCHMARKS}))
        sig = pd.concat(niveaus, ignore_index=True)
    rijen = []
    per_ind = {r["indicator"]: r for r in sig.to_dict("records")} if len(sig) else {}
    alle_defs = definities()
    per_woning = set(alle_defs.loc[alle_defs["noemer"] == "woningen", "indicator"])
    for d in defs.to_dict("records"):
        naam = d["indicator"]
        s = per_ind.get(naam)
        alle = eigen[eigen["indicator"] == naam]
        if s is None:
            toelichting = _waarom_niet(alle, naam, eind)
            rijen.append({"indicator": naam, "bbv": bool(d["bbv"]), "bron": "", "maat": "", "waarde": np.nan,
                          "laatste_jaar": pd.NA, "laatste_aantal": np.nan, "status_laatste": "", "voorlopig": False,
                          "signaal": "geen cijfers", "toelichting": toelichting})
            continue
        laatst = jaar[(jaar["indicator"] == naam) & (jaar["periode"] == s["laatste_jaar"])].iloc[0]
        noemer = laatst["noemer"]
        maat = (f"per {int(laatst['per']):,} {noemer}".replace(",", ".")
                if not pd.isna(laatst["waarde"]) else "aantal")
        toelichting = str(d["toelichting"])
        ander = keuze[keuze["indicator"] == naam]
        if noemer == "inwoners" and naam in per_woning:
            toelichting += "; woningvoorraad niet ingelezen: per 1.000 inwoners"
        rijen.append({**s, "indicator": naam, "bbv": bool(d["bbv"]), "bron": str(ander["bron"].iat[0]),
                      "maat": maat, "waarde": float(laatst["waarde"]) if not pd.isna(laatst["waarde"]) else np.nan,
                      "voorlopig": s["status_laatste"] == "voorlopig", "toelichting": toelichting})
    kern = pd.DataFrame(rijen)
    kern = _vul(kern)
    kern = zonder_kleine_afgeronde_piek(kern, jaar, ["indicator", "bron"], kern["afgerond_op_5"].to_numpy())
    return jaar.drop(columns=["volgorde", "volledig", "ontbreekt"], errors="ignore"), kern


def _waarom_niet(alle: pd.DataFrame, naam: str, eind: int) -> str:
    if alle.empty:
        return "niet in de ingelezen data"
    onvolledig = alle[~alle["volledig"]]
    if len(onvolledig) and alle["aantal"].isna().all():
        return (f"onvolledig in de ingelezen data ({onvolledig['bron'].iat[0]}: ontbreekt "
                f"{onvolledig['ontbreekt'].iat[0]}); een som van een deel heet niet '{naam.lower()}'")
    oud = alle[alle["aantal"].notna()].sort_values("periode")
    if len(oud):
        r = oud.iloc[-1]
        return (f"geen cijfer uit de laatste {RECENT} jaren tot en met {eind}; ouder cijfer: "
                f"{int(r['aantal'])} in {int(r['periode'])} ({r['bron']})")
    return "niet in de ingelezen data"


def _vul(kern: pd.DataFrame) -> pd.DataFrame:
    """Fill the declared judgement columns (rows without figures get empty judgements)."""
    tekst = ["referentiejaren", "coronajaren", "piekjaren", "reeksbreuk", "niveau", "niveau_benchmark",
             "status_laatste", "niveaujaren"] + [f"niveau_{b}" for b, _ in oordeel.BENCHMARKS]
    for k in tekst:
        kern[k] = kern[k].astype(object).where(kern[k].notna(), "").astype(str) if k in kern else ""
    for k in ["verhouding", "laatste_aantal", "waarde", "verandering_3jaar", "gemiddelde_3jaar", "p_waarde",
              "niveau_eigen", "niveau_referentie"] + [f"verhouding_{b}" for b, _ in oordeel.BENCHMARKS] + [
              f"benchmark_{b}" for b, _ in oordeel.BENCHMARKS]:
        kern[k] = kern[k].astype(float) if k in kern else np.nan
    kern["laatste_jaar"] = kern["laatste_jaar"].astype("Int64")
    kern["piek"] = kern["piek"].astype("boolean").fillna(False).astype(bool) if "piek" in kern else False
    kern["voorlopig"] = kern["voorlopig"].astype(bool)
    kern["politie_initiatief"] = False
    kern["afgerond_op_5"] = kern["bron"].isin(AFGEROND)
    kern["signaal"] = kern["signaal"].fillna("geen cijfers").astype(str)
    return kern
