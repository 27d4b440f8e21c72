"""Signals of series: exact tests on counts, small numbers, corona years, peaks (no I/O).

Split from :mod:`ivpanalyse.analyse.indicatoren` so that the thema series and the kerncijfers
share one test (``docs/indicatoren.md``, "Signalen").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .oordeel import CORONAJAREN
from .statistiek import scipy_stats

ALPHA = 0.05  # significance level of the two-sided exact test on counts
KLEIN_AANTAL = 10  # below this mean count per reference year: "klein aantal"
RELEVANT = 0.10  # a significant change must also be at least 10% to count as stijgend/dalend
REFERENTIEJAREN = 3  # last year against the mean of the three years before (corona years skipped)
TRENDJAREN = 5  # window of the multi-year trend and the peak search
PIEK_ALPHA = 0.01  # one-sided Poisson test of one year against the mean of the other years
PIEK_FACTOR = 1.5  # ... and at least 50% above that mean and above the mean of its neighbours
PIEK_MINIMUM = 5  # ... and at least this many registrations
BEGINJAREN = 3  # the shape of a series: its first 3 (non-corona) years against the last year and its reference
LANGJARIG_MINIMUM = 7  # ... only for a comparable segment of at least 7 years (the windows never overlap)
PIEK_MINIMUM_AFGEROND = 50  # counts rounded to 5: no peak below this (rounding moves 15 to 25)

STIJGEND, DALEND, STABIEL, KLEIN, GEEN = "stijgend", "dalend", "stabiel", "klein aantal", "geen cijfers"
NIET_GETOETST = "niet getoetst"


def _jarenlijst(jaren: list[int]) -> str:
    """``"2017-2019"`` for consecutive years, else ``"2018, 2019 en 2022"``."""
    jaren = sorted(jaren)
    if not jaren:
        return ""
    if len(jaren) == 1:
        return str(jaren[0])
    if jaren[-1] - jaren[0] == len(jaren) - 1:
        return f"{jaren[0]}-{jaren[-1]}"
    return ", ".join(map(str, jaren[:-1])) + " en " + str(jaren[-1])


def p_tweezijdig(x: np.ndarray, n: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Two-sided exact binomial p-value by doubling the smaller tail (vectorised)."""
    x, n, p = (np.asarray(a, dtype=float) for a in (x, n, p))
    with np.errstate(invalid="ignore"):
        onder = scipy_stats().binom.cdf(x, n, p)
        boven = scipy_stats().binom.sf(x - 1, n, p)
    return np.minimum(1.0, 2 * np.minimum(onder, boven))


def _segmenten(reeksen: pd.DataFrame, groep: list[str], breuken: pd.DataFrame | None) -> np.ndarray:
    """Segment number per row: the number of breaks at or before its year within its group."""
    if breuken is None or breuken.empty:
        return np.zeros(len(reeksen), dtype=int)
    rijen = reeksen[groep + ["periode"]].reset_index(drop=True).reset_index()
    samen = rijen.merge(breuken[groep + ["jaar"]], on=groep, how="inner")
    teller = (samen["jaar"] <= samen["periode"]).groupby(samen["index"]).sum()
    return teller.reindex(range(len(rijen)), fill_value=0).to_numpy()


def toets(reeksen: pd.DataFrame, groep: list[str], *, breuken: pd.DataFrame | None = None,
          kolom: str = "aantal", noemer: str | None = "noemer_waarde") -> pd.DataFrame:
    """Signals for count series, vectorised over all groups.

    The last year with a count is compared with the mean of up to :data:`REFERENTIEJAREN`
    earlier years of the same comparable segment (no series break in between) by an exact
    conditional test: under an unchanged rate the last count, given the total of last and
    reference counts, is binomial with p = exposure share of the last year (population where
    known for all those years, else equal years). Two-sided p by doubling the smaller tail.
    ``stijgend``/``dalend`` needs p < :data:`ALPHA` and a change of at least :data:`RELEVANT`;
    a reference mean below :data:`KLEIN_AANTAL` gives ``klein aantal`` whatever the test says
    (the test result stays in ``significant``). The previous year is tested the same way.

    The trend window is the last :data:`TRENDJAREN` years of the segment: change first->last and
    the average yearly change of a log-linear fit. A peak is a year in that window at least
    :data:`PIEK_FACTOR` times the mean of the other years, at least :data:`PIEK_MINIMUM`, with a
    one-sided Poisson p < :data:`PIEK_ALPHA`.

    Parameters
    ----------
    reeksen
        Long series with ``groep`` columns, ``periode``, ``kolom`` and optionally ``status`` and
        the denominator column ``noemer``.
    groep
        Columns that identify one series.
    breuken
        ``groep`` + ``jaar`` (+ ``reden``): a break before ``jaar`` (the segment starts there).

    Returns
    -------
    DataFrame
        One row per group: ``laatste_jaar, laatste_aantal, vorig_jaar, vorig_aantal,
        verandering_vorig_jaar, p_vorig_jaar, referentiejaren, gemiddelde_3jaar,
        verandering_3jaar, p_waarde, significant, klein_aantal, signaal, periode_van,
        aantal_van, verandering_periode, trend_per_jaar, piek, piekjaren, status_laatste``.
    """
    kolommen = groep + ["laatste_jaar", "laatste_aantal", "vorig_jaar", "vorig_aantal", "verandering_vorig_jaar",
                        "p_vorig_jaar", "referentiejaren", "gemiddelde_3jaar", "verandering_3jaar", "p_waarde",
                        "significant", "klein_aantal", "signaal", "periode_van", "aantal_van", "verandering_periode",
                        "trend_per_jaar", "piek", "piekjaren", "status_laatste", "coronajaren", "segment_van",
                        "langjarig", "langjarig_van", "gemiddelde_begin", "verandering_langjarig", "p_langjarig"]
    r = reeksen[reeksen[kolom].notna()]
    if r.empty:
        return pd.DataFrame(columns=kolommen)
    # numpy on arrays sorted by group and year: a few dozen array operations whatever the number of groups.
    r = r.sort_values(groep + ["periode"], kind="stable").reset_index(drop=True)
    gid = r.groupby(groep, sort=False, observed=True).ngroup().to_numpy()
    seg = _segmenten(r, groep, breuken)
    eind = np.r_[np.flatnonzero(gid[1:] != gid[:-1]), len(gid) - 1]
    houd = seg == seg[eind][gid]  # only the last comparable segment of each series
    r, gid = r[houd].reset_index(drop=True), gid[houd]
    x = r[kolom].to_numpy(dtype=float)
    e = r[noemer].to_numpy(dtype=float) if noemer and noemer in r else np.full(len(r), np.nan)
    jaar = r["periode"].to_numpy(dtype=int)
    status = r["status"].astype(str).to_numpy() if "status" in r else np.full(len(r), "onbekend", dtype=object)
    begin = np.r_[0, np.flatnonzero(gid[1:] != gid[:-1]) + 1]
    eind = np.r_[begin[1:] - 1, len(gid) - 1]
    groepen = len(begin)
    terug = eind[np.repeat(np.arange(groepen), eind - begin + 1)] - np.arange(len(gid))  # 0 = last year
    g = np.repeat(np.arange(groepen), eind - begin + 1)
    lengte = eind - begin + 1

    def som(waarden, masker):
        return np.bincount(g[masker], weights=waarden[masker], minlength=groepen)

    x_laatste, e_laatste = x[eind], e[eind]
    # Reference years: the REFERENTIEJAREN most recent earlier years of the segment that are no
    # corona year (oordeel.CORONAJAREN: never a silent baseline; the skipped years are named).
    corona = np.isin(jaar, CORONAJAREN)
    kandidaat = (terug >= 1) & ~corona
    teller = np.r_[np.cumsum(kandidaat[::-1])[::-1], 0]  # candidates at or after each row
    volg = np.where(kandidaat, teller[:-1] - teller[eind[g] + 1], 0)  # 1 = nearest before the last year
    ref = kandidaat & (volg >= 1) & (volg <= REFERENTIEJAREN)
    n_ref = np.bincount(g[ref], minlength=groepen)
    ref_som = som(x, ref)
    e_bekend = ref & ~np.isnan(e)
    ref_e, ref_e_n = som(np.nan_to_num(e), e_bekend), np.bincount(g[e_bekend], minlength=groepen)
    heeft_vorig = lengte >= 2
    vorig_i = np.maximum(eind - 1, begin)
    x_vorig = np.where(heeft_vorig, x[vorig_i], np.nan)
    e_vorig = np.where(heeft_vorig, e[vorig_i], np.nan)

    with np.errstate(invalid="ignore", divide="ignore"):
        gemiddelde = np.where(n_ref > 0, ref_som / np.maximum(n_ref, 1), np.nan)
        alle_e = (ref_e_n == n_ref) & ~np.isnan(e_laatste) & (n_ref > 0)
        p0 = np.where(alle_e, e_laatste / (e_laatste + ref_e), 1 / (n_ref + 1))
        # Expected last count under an unchanged rate; judged on rates when exposure is known.
        verwacht = np.where(alle_e, ref_som * e_laatste / ref_e, gemiddelde)
        verandering = np.where(verwacht > 0, x_laatste / verwacht - 1, np.nan)
        p_waarde = np.where(n_ref > 0, p_tweezijdig(x_laatste, x_laatste + ref_som, p0), np.nan)
        e_beide = ~np.isnan(e_vorig) & ~np.isnan(e_laatste)
        p_vorig = np.where(e_beide, e_laatste / (e_laatste + e_vorig), 0.5)
        verwacht_vorig = np.where(e_beide, x_vorig * e_laatste / e_vorig, x_vorig)
        verandering_vorig = np.where(verwacht_vorig > 0, x_laatste / verwacht_vorig - 1, np.nan)
        p_vorig_jaar = np.where(heeft_vorig, p_tweezijdig(x_laatste, x_laatste + np.nan_to_num(x_vorig), p_vorig),
                                np.nan)
    significant = (p_waarde < ALPHA) & (np.abs(verandering) >= RELEVANT)
    klein = (gemiddelde < KLEIN_AANTAL) | ((n_ref == 0) & (x_laatste < KLEIN_AANTAL))
    signaal = np.where(significant & (verandering > 0), STIJGEND,
                       np.where(significant & (verandering < 0), DALEND, STABIEL)).astype(object)
    # The shape of the series shown: the first BEGINJAREN years of the segment against the last year and
    # its reference years, pooled (same exact test). One direction per series: a recent change
    # (stijgend/dalend) goes first; a series that is 'stabiel' on the last year but falls or rises
    # significantly over the years shown takes that direction (never 'stabiel' beside a chart that halves).
    begin_jaar = jaar[begin][g]
    kiesbegin = ~corona & (jaar < begin_jaar + 10 ** 6)
    rang = np.r_[0, np.cumsum(kiesbegin)[:-1]]  # candidates before each row (over all groups)
    rang = rang - rang[begin][g]
    vroeg = kiesbegin & (rang < BEGINJAREN)
    eerste_ref = np.full(groepen, 10 ** 6)
    np.minimum.at(eerste_ref, g[ref], jaar[ref])
    laatst_vroeg = np.full(groepen, -1)
    np.maximum.at(laatst_vroeg, g[vroeg], jaar[vroeg])
    n_vroeg = np.bincount(g[vroeg], minlength=groepen)
    lang_ok = (n_vroeg == BEGINJAREN) & (n_ref >= 1) & (laatst_vroeg < eerste_ref) & (lengte >= LANGJARIG_MINIMUM)
    vroeg_som = som(x, vroeg)
    e_vroeg_bekend = vroeg & ~np.isnan(e)
    vroeg_e, vroeg_e_n = som(np.nan_to_num(e), e_vroeg_bekend), np.bincount(g[e_vroeg_bekend], minlength=groepen)
    with np.errstate(invalid="ignore", divide="ignore"):
        recent_som, recent_e = x_laatste + ref_som, e_laatste + ref_e
        met_e = alle_e & (vroeg_e_n == n_vroeg)
        p_lang0 = np.where(met_e, recent_e / (recent_e + vroeg_e), (n_ref + 1) / (n_ref + 1 + n_vroeg))
        verwacht_lang = np.where(met_e, vroeg_som * recent_e / vroeg_e, vroeg_som / np.maximum(n_vroeg, 1) * (n_ref + 1))
        verandering_lang = np.where(lang_ok & (verwacht_lang > 0), recent_som / verwacht_lang - 1, np.nan)
        p_lang = np.where(lang_ok, p_tweezijdig(recent_som, recent_som + vroeg_som, p_lang0), np.nan)
        gem_begin = np.where(lang_ok, vroeg_som / np.maximum(n_vroeg, 1), np.nan)
    lang_sig = lang_ok & (p_lang < ALPHA) & (np.abs(verandering_lang) >= RELEVANT)
    langjarig = np.where(lang_sig & (verandering_lang > 0), STIJGEND,
                         np.where(lang_sig & (verandering_lang < 0), DALEND, "")).astype(object)
    vroeg_jaren: list[list[int]] = [[] for _ in range(groepen)]
    for i in np.flatnonzero(vroeg & lang_ok[g]):
        vroeg_jaren[g[i]].append(int(jaar[i]))
    signaal = np.where((signaal == STABIEL) & (langjarig != ""), langjarig, signaal).astype(object)
    signaal[klein] = KLEIN
    signaal[(n_ref == 0) & ~klein] = NIET_GETOETST
    # A corona year as the latest year: said so, and a change on it is no meaningful trend.
    signaal[np.isin(jaar[eind], CORONAJAREN) & ~klein] = NIET_GETOETST
    ref_jaren: list[list[int]] = [[] for _ in range(groepen)]
    for i in np.flatnonzero(ref):
        ref_jaren[g[i]].append(int(jaar[i]))
    referentie = [_jarenlijst(j) for j in ref_jaren]
    corona_jaren: list[list[int]] = [[] for _ in range(groepen)]
    # Corona years inside the span of the reference years or the last year itself are named.
    eerste_ref = np.array([min(j) if j else 10 ** 6 for j in ref_jaren])
    for i in np.flatnonzero(corona & ((terug == 0) | (jaar >= eerste_ref[g]))):
        corona_jaren[g[i]].append(int(jaar[i]))

    # Trend window: change first -> last and a log-linear fit.
    venster = terug < TRENDJAREN
    n_v = np.bincount(g[venster], minlength=groepen)
    eerste_i = np.maximum(eind - (n_v - 1), begin)
    t, y = jaar.astype(float), np.log(x + 0.5)
    st, sy, stt, sty = (som(v, venster) for v in (t, y, t * t, t * y))
    with np.errstate(invalid="ignore", divide="ignore"):
        noemer_fit = n_v * stt - st ** 2
        helling = np.where(noemer_fit > 0, (n_v * sty - st * sy) / np.where(noemer_fit > 0, noemer_fit, 1), np.nan)
        trend = np.where(n_v >= 3, np.exp(helling) - 1, np.nan)
        aantal_van = x[eerste_i]
        verandering_periode = np.where(aantal_van > 0, x_laatste / aantal_van - 1, np.nan)
        # Peaks: a year against the mean of the other years of the window (at least 4 years).
        anders = np.where(venster & (n_v[g] >= 4), (som(x, venster)[g] - x) / np.maximum(n_v[g] - 1, 1), np.nan)
        p_piek = scipy_stats().poisson.sf(x - 1, np.where(np.isnan(anders), 1.0, np.maximum(anders, 1e-9)))
    # A peak is a year that rises above both neighbours in the window and falls back after it: a
    # one-off drop (160, 151, 76, 58, 87) makes the high early years no peak, a last year no peak
    # (that is the signal's job).
    zelfde_voor = np.r_[False, g[1:] == g[:-1]] & np.r_[False, venster[:-1]]
    zelfde_na = np.r_[g[1:] == g[:-1], False] & venster
    x_voor = np.r_[np.nan, x[:-1]]
    x_na = np.r_[x[1:], np.nan]
    with np.errstate(invalid="ignore"):
        buren = np.where(zelfde_voor & zelfde_na, (x_voor + x_na) / 2, np.nan)
        binnen = zelfde_voor & zelfde_na & (x > x_voor) & (x > x_na) & (x >= PIEK_FACTOR * buren)
    piek = binnen & ~np.isnan(anders) & (x >= PIEK_FACTOR * anders) & (x >= PIEK_MINIMUM) & (p_piek < PIEK_ALPHA)
    piekjaren = [""] * groepen
    for i in np.flatnonzero(piek):
        piekjaren[g[i]] = f"{piekjaren[g[i]]}, {jaar[i]}" if piekjaren[g[i]] else str(jaar[i])

    uit = r.loc[eind, groep].reset_index(drop=True)
    uit = uit.assign(
        laatste_jaar=jaar[eind], laatste_aantal=x_laatste,
        vorig_jaar=pd.array(np.where(heeft_vorig, jaar[vorig_i], 0), dtype="Int64"), vorig_aantal=x_vorig,
        verandering_vorig_jaar=verandering_vorig, p_vorig_jaar=p_vorig_jaar, referentiejaren=referentie,
        gemiddelde_3jaar=gemiddelde, verandering_3jaar=verandering, p_waarde=p_waarde, significant=significant,
        klein_aantal=klein, signaal=signaal.astype(str), periode_van=pd.array(jaar[eerste_i], dtype="Int64"),
        aantal_van=aantal_van, verandering_periode=verandering_periode, trend_per_jaar=trend,
        piek=np.array([p != "" for p in piekjaren]), piekjaren=piekjaren, status_laatste=status[eind],
        coronajaren=[", ".join(map(str, j)) for j in corona_jaren], segment_van=pd.array(jaar[begin], dtype="Int64"),
        langjarig=langjarig.astype(str), langjarig_van=[_jarenlijst(j) for j in vroeg_jaren],
        gemiddelde_begin=gem_begin, verandering_langjarig=verandering_lang, p_langjarig=p_lang)
    uit.loc[~heeft_vorig, "vorig_jaar"] = pd.NA
    return uit[kolommen]


def toets_waarden(reeksen: pd.DataFrame, groep: list[str]) -> pd.DataFrame:
    """Signals for figures that are not counts (survey percentages, scores).

    The last measurement is compared with the previous one: a change counts only when both have
    confidence bounds and the intervals do not overlap (conservative); without bounds the
    signal is ``niet getoetst``. ``stijgend``/``dalend`` describe the figure, not whether
    that is good (see ``richting``).
    """
    kolommen = groep + ["laatste_jaar", "laatste_aantal", "vorig_jaar", "vorig_aantal", "verandering_vorig_jaar",
                        "p_vorig_jaar", "referentiejaren", "gemiddelde_3jaar", "verandering_3jaar", "p_waarde",
                        "significant", "klein_aantal", "signaal", "periode_van", "aantal_van", "verandering_periode",
                        "trend_per_jaar", "piek", "piekjaren", "status_laatste", "coronajaren", "segment_van",
                        "langjarig", "langjarig_van", "gemiddelde_begin", "verandering_langjarig", "p_langjarig"]
    r = reeksen[reeksen["waarde"].notna()].sort_values(groep + ["periode"])
    if r.empty:
        return pd.DataFrame(columns=kolommen)
    r = r.assign(_terug=r.groupby(groep, sort=False, observed=True).cumcount(ascending=False))
    g = r.groupby(groep, sort=False, observed=True)
    laatste = r[r["_terug"] == 0].set_index(groep)
    vorig = r[r["_terug"] == 1].set_index(groep).reindex(laatste.index)
    eerste = r[r["_terug"] == g["_terug"].transform("max")].set_index(groep).reindex(laatste.index)
    uit = pd.DataFrame({"laatste_jaar": laatste["periode"].astype(int), "laatste_aantal": laatste["waarde"],
                        "vorig_jaar": vorig["periode"].astype("Int64"), "vorig_aantal": vorig["waarde"],
                        "status_laatste": laatste["status"].astype(str)}, index=laatste.index)
    uit["verandering_vorig_jaar"] = uit["laatste_aantal"] / uit["vorig_aantal"] - 1
    grenzen = ["ondergrens", "bovengrens"]
    marges = laatste[grenzen].notna().all(axis=1) & vorig[grenzen].notna().all(axis=1)
    hoger = laatste["ondergrens"] > vorig["bovengrens"]
    lager = laatste["bovengrens"] < vorig["ondergrens"]
    uit["significant"] = marges & (hoger | lager)
    uit["signaal"] = np.where(~marges, NIET_GETOETST, np.where(hoger, STIJGEND, np.where(lager, DALEND, STABIEL)))
    uit.loc[uit["vorig_aantal"].isna(), "signaal"] = NIET_GETOETST
    uit["klein_aantal"] = False
    uit["periode_van"] = eerste["periode"].astype("Int64")
    uit["aantal_van"] = eerste["waarde"]
    uit["verandering_periode"] = uit["laatste_aantal"] / uit["aantal_van"] - 1
    for k in ("p_vorig_jaar", "gemiddelde_3jaar", "verandering_3jaar", "p_waarde", "trend_per_jaar"):
        uit[k] = np.nan
    uit["referentiejaren"] = ""
    uit["piek"] = False
    uit["piekjaren"] = ""
    uit["coronajaren"] = [", ".join(str(j) for j in (a, b) if not pd.isna(j) and int(j) in CORONAJAREN)
                          for a, b in zip(uit["vorig_jaar"], uit["laatste_jaar"])]
    uit["segment_van"] = uit["periode_van"]
    uit["langjarig"] = ""
    uit["langjarig_van"] = ""
    for k in ("gemiddelde_begin", "verandering_langjarig", "p_langjarig"):
        uit[k] = np.nan
    return uit.reset_index()[kolommen]


def zonder_kleine_afgeronde_piek(signalen: pd.DataFrame, jaren: pd.DataFrame, groep: list[str],
                                 afgerond: np.ndarray) -> pd.DataFrame:
    """No peak on small counts that the source rounds to 5 (15, 25, 15, 10 of 83651NED).

    A peak year of a series in ``afgerond`` stays a peak only when its count is at least
    :data:`PIEK_MINIMUM_AFGEROND`: below that, rounding alone can make the difference.
    """
    uit = signalen.copy()
    kandidaat = np.asarray(afgerond, dtype=bool) & uit["piek"].fillna(False).astype(bool).to_numpy()
    if not kandidaat.any():
        return uit
    for i in np.flatnonzero(kandidaat):
        rij = uit.iloc[i]
        piekjaren = [int(j) for j in str(rij["piekjaren"]).split(", ") if j.strip()]
        masker = np.ones(len(jaren), dtype=bool)
        for k in groep:
            masker &= (jaren[k] == rij[k]).to_numpy()
        aantallen = jaren.loc[masker & jaren["periode"].isin(piekjaren).to_numpy(), "aantal"]
        blijft = [j for j, a in zip(jaren.loc[aantallen.index, "periode"], aantallen) if a >= PIEK_MINIMUM_AFGEROND]
        uit.iloc[i, uit.columns.get_loc("piekjaren")] = ", ".join(str(int(j)) for j in sorted(blijft))
        uit.iloc[i, uit.columns.get_loc("piek")] = bool(blijft)
    return uit

