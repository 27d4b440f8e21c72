"""The one judgement per thema and indicator: the rules, and the declared frames that carry them.

Every statement the report makes about a level ("boven het basisteam"), a direction ("stijging")
or a status ("voorlopig") is decided here, once, and stored in a column; the text, the summary,
the charts, stap 3, the index and the basisteam page only read those columns. The frames are
declared as pandera schemas (:func:`schema`) and validated before they leave the analysis
(:func:`valideer`), so a missing or misspelt judgement is an error, never a silent gap.

The rules (``docs/indicatoren.md``):

* **Niveau** (:func:`niveau`): the gemeente's registrations of the last up to
  :data:`NIVEAUJAREN` years against the benchmark's rate applied to the gemeente's own
  denominator (pooled over those years); ``boven``/``onder`` only when a two-sided exact Poisson
  test gives p < :data:`ALPHA` *and* the difference is at least :data:`VERSCHIL`, else ``rond``.
  One rule for text, priority score, summary and pages (it replaces the 1,25/1,10/0,80 ratios of
  the old score and the 1,25 x Nederland of the old summary).
* **Hoofdbenchmark**: vergelijkbare gemeenten, else the basisteam, else Nederland (handbook: a
  gemeente compares itself first with gemeenten like it).
* **Coronajaren** (:data:`CORONAJAREN`) are never a silent baseline: they are skipped as
  reference years of the signal and flagged wherever they appear.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from .statistiek import scipy_stats

ALPHA = 0.05  # two-sided exact Poisson test of the level against a benchmark
VERSCHIL = 0.10  # ... and at least 10% apart
RUIM = 1.25  # "ruim boven": the priority score gives +2 instead of +1
NIVEAUJAREN = 3  # the level is judged on the pooled last 3 years with figures
CORONAJAREN = (2020, 2021)  # exceptional years (lockdowns): never a silent reference
MIN_LEDEN = 3  # a basisteam or comparison set needs figures of >= 3 members (and >= half of them)
NEDERLAND_DEKKING = 0.9  # "Nederland" needs figures for >= 90% of the gemeenten the source could have
# Sources that restate every year on today's gemeente boundaries (Politie tables, indeling 2024).
HERBEREKEND = frozenset({"47018NED", "47013NED", "47022NED"})

BOVEN, ONDER, ROND = "boven", "onder", "rond"
NIVEAUS = (BOVEN, ONDER, ROND, "")
# Order of the main benchmark; the label is what a sentence says.
BENCHMARKS = (("vergelijkbaar", "vergelijkbare gemeenten"), ("basisteam", "het basisteam"),
              ("nederland", "Nederland"))
LABEL = dict(BENCHMARKS)
SIGNALEN = ("stijgend", "dalend", "stabiel", "klein aantal", "niet getoetst", "geen cijfers")
STATUSSEN = ("definitief", "voorlopig", "onbekend", "")


def p_poisson(waargenomen: np.ndarray, verwacht: np.ndarray) -> np.ndarray:
    """Two-sided exact Poisson p-value (doubling the smaller tail), vectorised; NaN where unknown."""
    x = np.asarray(waargenomen, dtype=float)
    mu = np.asarray(verwacht, dtype=float)
    ok = ~np.isnan(x) & ~np.isnan(mu) & (mu > 0)
    uit = np.full(x.shape, np.nan)
    if ok.any():
        st = scipy_stats()
        onder = st.poisson.cdf(x[ok], mu[ok])
        boven = st.poisson.sf(x[ok] - 1, mu[ok])
        uit[ok] = np.minimum(1.0, 2 * np.minimum(onder, boven))
    return uit


def niveau(waargenomen, verwacht) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The level judgement: (oordeel, verhouding, p) per row.

    ``waargenomen`` are the gemeente's pooled counts, ``verwacht`` the count the benchmark's rate
    would give on the gemeente's own denominator. ``oordeel`` is ``boven``/``onder``/``rond``, or
    ``""`` when there is nothing to compare.
    """
    x = np.asarray(waargenomen, dtype=float)
    mu = np.asarray(verwacht, dtype=float)
    p = p_poisson(x, mu)
    with np.errstate(invalid="ignore", divide="ignore"):
        verhouding = np.where(mu > 0, x / mu, np.nan)
    oordeel = np.full(x.shape, "", dtype=object)
    bekend = ~np.isnan(p)
    oordeel[bekend] = ROND
    oordeel[bekend & (p < ALPHA) & (verhouding >= 1 + VERSCHIL)] = BOVEN
    oordeel[bekend & (p < ALPHA) & (verhouding <= 1 - VERSCHIL)] = ONDER
    return oordeel.astype(str), verhouding, p


def niveau_waarden(eigen, ondergrens, bovengrens, benchmark) -> np.ndarray:
    """Level of a survey figure: ``boven``/``onder`` when the benchmark lies outside the own
    confidence interval and at least :data:`VERSCHIL` away; ``rond`` otherwise; ``""`` without bounds."""
    e, lo, hi, b = (np.asarray(a, dtype=float) for a in (eigen, ondergrens, bovengrens, benchmark))
    oordeel = np.full(e.shape, "", dtype=object)
    bekend = ~np.isnan(e) & ~np.isnan(lo) & ~np.isnan(hi) & ~np.isnan(b) & (b > 0)
    oordeel[bekend] = ROND
    with np.errstate(invalid="ignore", divide="ignore"):
        oordeel[bekend & (b < lo) & (e >= b * (1 + VERSCHIL))] = BOVEN
        oordeel[bekend & (b > hi) & (e <= b * (1 - VERSCHIL))] = ONDER
    return oordeel.astype(str)


def niveau_per_benchmark(jaar: pd.DataFrame, laatste: pd.DataFrame, groep: list[str], *, aantal: str = "aantal",
                         noemer: str = "noemer_waarde", waarde: str = "per_1000", per: float = 1000.0,
                         benchmarks: dict[str, str] | None = None) -> pd.DataFrame:
    """Level judgements of every series against every benchmark, and the main one.

    Parameters
    ----------
    jaar
        Yearly rows: ``groep`` + ``periode``, the own count, denominator and rate, and one rate
        column per benchmark (``benchmarks``: benchmark name -> column).
    laatste
        One row per series: ``groep`` + ``laatste_jaar`` (+ ``segment_van``: the first year of
        the comparable segment, optional).

    Returns
    -------
    DataFrame
        ``laatste`` plus, per benchmark ``b``: ``niveau_<b>`` (boven/onder/rond/""),
        ``verhouding_<b>``, ``p_niveau_<b>``, ``benchmark_<b>`` (its pooled rate) and
        ``niveaujaren``; then the main judgement ``niveau``, ``niveau_benchmark`` (its name),
        ``verhouding``, ``niveau_eigen`` (own pooled rate) and ``niveau_referentie`` (the
        benchmark's pooled rate).
    """
    benchmarks = benchmarks or {b: f"{b}_per_1000" for b, _ in BENCHMARKS}
    uit = laatste.copy()
    rijen = jaar.merge(laatste[groep + ["laatste_jaar"] + (["segment_van"] if "segment_van" in laatste else [])],
                       on=groep)
    rijen = rijen[(rijen["periode"] <= rijen["laatste_jaar"])
                  & (rijen["periode"] > rijen["laatste_jaar"] - NIVEAUJAREN)]
    if "segment_van" in rijen:
        rijen = rijen[rijen["periode"] >= rijen["segment_van"].fillna(0)]
    x = rijen[aantal].to_numpy(dtype=float)
    n = rijen[noemer].to_numpy(dtype=float)
    eigen_ok = ~np.isnan(x) & ~np.isnan(n) & (n > 0)
    hoofd = {k: np.full(len(uit), np.nan if k != "niveau" and k != "niveau_benchmark" else "", dtype=object)
             for k in ("niveau", "niveau_benchmark", "verhouding", "niveau_eigen", "niveau_referentie")}
    index = pd.MultiIndex.from_frame(uit[groep]) if len(groep) > 1 else pd.Index(uit[groep[0]])
    # Each yearly row's series (its position in ``laatste``): the pooled sums below are bincounts, one
    # pass per benchmark, instead of a pandas groupby per benchmark on frames of a few dozen rows.
    uniek = index.unique()
    rij_sleutel = pd.MultiIndex.from_frame(rijen[groep]) if len(groep) > 1 else pd.Index(rijen[groep[0]])
    plek = uniek.get_indexer(rij_sleutel) if len(rijen) else np.zeros(0, dtype=int)
    plek[rijen[groep].isna().any(axis=1).to_numpy()] = -1  # as a groupby: no series for a missing key
    terug = uniek.get_indexer(index)
    jaar_rij = rijen["periode"].to_numpy(dtype=float)
    for b, kolom in benchmarks.items():
        if kolom not in rijen:
            uit[f"niveau_{b}"] = ""
            for k in ("verhouding", "p_niveau", "benchmark"):
                uit[f"{k}_{b}"] = np.nan
            continue
        bm = rijen[kolom].to_numpy(dtype=float)
        ok = eigen_ok & ~np.isnan(bm) & (plek >= 0)
        som = _gepoold(plek[ok], len(uniek), _x=x[ok], _n=n[ok], _mu=bm[ok] * n[ok] / per,
                       _jaar=jaar_rij[ok]).iloc[terug]
        oordeel, verhouding, p = niveau(som["_x"].to_numpy(), som["_mu"].to_numpy())
        uit[f"niveau_{b}"] = oordeel
        uit[f"verhouding_{b}"] = verhouding
        uit[f"p_niveau_{b}"] = p
        with np.errstate(invalid="ignore", divide="ignore"):
            uit[f"benchmark_{b}"] = som["_mu"].to_numpy() / som["_n"].to_numpy() * per
            eigen_rate = som["_x"].to_numpy() / som["_n"].to_numpy() * per
        jaren = [("" if pd.isna(a) else f"{int(a)}" if a == z else f"{int(a)}-{int(z)}")
                 for a, z in zip(som["_van"], som["_tot"])]
        leeg = hoofd["niveau"] == ""
        zet = leeg & (oordeel != "")
        hoofd["niveau"] = np.where(zet, oordeel, hoofd["niveau"])
        hoofd["niveau_benchmark"] = np.where(zet, b, hoofd["niveau_benchmark"])
        hoofd["verhouding"] = np.where(zet, verhouding, hoofd["verhouding"])
        hoofd["niveau_eigen"] = np.where(zet, eigen_rate, hoofd["niveau_eigen"])
        hoofd["niveau_referentie"] = np.where(zet, uit[f"benchmark_{b}"].to_numpy(), hoofd["niveau_referentie"])
        if "niveaujaren" not in uit:
            uit["niveaujaren"] = jaren
        else:
            uit["niveaujaren"] = [a or j for a, j in zip(uit["niveaujaren"], jaren)]
    for k, v in hoofd.items():
        uit[k] = v.astype(str) if k in ("niveau", "niveau_benchmark") else v.astype(float)
    if "niveaujaren" not in uit:
        uit["niveaujaren"] = ""
    return uit


def _gepoold(plek: np.ndarray, lengte: int, *, _x, _n, _mu, _jaar) -> pd.DataFrame:
    """Per series (``plek``: its position, 0..lengte-1) the sums of ``_x, _n, _mu`` and the first and last
    year (``_van``, ``_tot``); NaN for a series without rows."""
    aantal = np.bincount(plek, minlength=lengte)
    leeg = aantal == 0
    uit = {k: np.where(leeg, np.nan, np.bincount(plek, weights=w, minlength=lengte))
           for k, w in (("_x", _x), ("_n", _n), ("_mu", _mu))}
    van, tot = np.full(lengte, np.inf), np.full(lengte, -np.inf)
    np.minimum.at(van, plek, _jaar)
    np.maximum.at(tot, plek, _jaar)
    uit["_van"], uit["_tot"] = np.where(leeg, np.nan, van), np.where(leeg, np.nan, tot)
    return pd.DataFrame(uit)


def min_leden(leden: int) -> int:
    """How many members of a benchmark set of ``leden`` gemeenten must have figures in a year:
    at least :data:`MIN_LEDEN` and at least half of the set (never more than the set has).

    One member with figures is no benchmark: Borne alone is not "vergelijkbare gemeenten".
    """
    return min(int(leden), max(MIN_LEDEN, -(-int(leden) // 2)))


def landelijke_dekking(reeksen: pd.DataFrame, gemeenten, sleutel: list[str]) -> pd.DataFrame:
    """Does a series cover the country? Per key of ``sleutel`` (which holds ``periode``).

    Coverage is counted per source against the gemeenten that source can have in that year: the
    gemeenten of the data that existed then (:func:`ivpanalyse.register.bestaat`), or, for a
    source restated on today's boundaries (:data:`HERBEREKEND`), those of the source's latest year.
    So a source that lists dissolved gemeenten (83651NED) never pushes another (47018NED) under
    the :data:`NEDERLAND_DEKKING` rule, and a regional extract (nine Twente gemeenten of 83648NED)
    is never "Nederland".

    Parameters
    ----------
    reeksen
        Per gemeente and key: ``gebied_code``, ``bron``, ``aantal`` (and ``waarde`` for figures
        that are not counts).
    gemeenten
        The gemeente codes with figures in the data.

    Returns
    -------
    DataFrame
        ``sleutel`` + ``bron, gedekt`` (gemeenten with a figure), ``mogelijk`` (gemeenten the
        source could have), ``landelijk`` (bool) and ``reden`` (why not, in words; "" when landelijk).
    """
    from .. import register

    groep = sleutel + ["bron"] if "bron" not in sleutel else list(sleutel)
    kolommen = groep + ["gedekt", "mogelijk", "landelijk", "reden"]
    deel = reeksen[reeksen["gebied_code"].isin(set(gemeenten))]
    met = deel["aantal"].notna()
    if "waarde" in deel:
        met |= deel["waarde"].notna()
    deel = deel[met.to_numpy()]
    if deel.empty:
        return pd.DataFrame(columns=kolommen)
    uit = deel.groupby(groep, observed=True)["gebied_code"].nunique().rename("gedekt").reset_index()
    eind = deel.groupby("bron", observed=True)["periode"].max()
    codes = sorted(set(gemeenten))

    @cache
    def mogelijk(jaar: int) -> int:
        return sum(register.bestaat(c, jaar) for c in codes)

    jaar = [int(eind[b]) if b in HERBEREKEND else int(p) for b, p in zip(uit["bron"], uit["periode"])]
    uit["mogelijk"] = [mogelijk(j) for j in jaar]
    uit["landelijk"] = uit["gedekt"] >= NEDERLAND_DEKKING * uit["mogelijk"]
    uit["reden"] = [
        "" if ok else f"{b} heeft over {int(p)} cijfers voor {g} van de {m} gemeenten (indeling {j}; minder dan "
                      f"{NEDERLAND_DEKKING:.0%}): geen landelijk cijfer"
        for ok, b, p, g, m, j in zip(uit["landelijk"], uit["bron"], uit["periode"], uit["gedekt"], uit["mogelijk"],
                                     jaar)]
    return uit[kolommen]


# --------------------------------------------------------------------------------------------
# Declared frames.


@cache
def schemas() -> dict:
    """The pandera schemas of the judgement frames (built on first use: pandera is slow to import).

    ``thema``: one row per thema (:func:`ivpanalyse.analyse.indicatoren.bereken`'s ``oordeel``);
    ``indicator``: one row per indicator series; ``kerncijfers``: one row per kerncijfer;
    ``zinnen``: one row per generated sentence with the judgement columns it came from.
    """
    import pandera.pandas as pa

    niveau = pa.Column(str, pa.Check.isin(NIVEAUS))
    getal = pa.Column(float, nullable=True)
    jaar = pa.Column("Int64", nullable=True)
    tekst = pa.Column(str)
    waar = pa.Column(bool)
    per_benchmark = {f"niveau_{b}": niveau for b, _ in BENCHMARKS} | {
        f"verhouding_{b}": getal for b, _ in BENCHMARKS}
    gemeen = {
        "bron": tekst, "laatste_jaar": jaar, "laatste_aantal": getal, "status_laatste": pa.Column(
            str, pa.Check.isin(STATUSSEN)), "voorlopig": waar,
        "signaal": pa.Column(str, pa.Check.isin(SIGNALEN)), "referentiejaren": tekst,
        "coronajaren": tekst, "piek": waar, "piekjaren": tekst, "reeksbreuk": tekst,
        "niveau": niveau, "niveau_benchmark": pa.Column(str, pa.Check.isin(("",) + tuple(LABEL))),
        "verhouding": getal, **per_benchmark, "politie_initiatief": waar, "afgerond_op_5": waar,
    }

    def _consistent(df: pd.DataFrame) -> pd.Series:
        # The main judgement is the one of the main benchmark it names.
        ok = pd.Series(True, index=df.index)
        for b, _ in BENCHMARKS:
            deze = df["niveau_benchmark"] == b
            ok &= ~deze | (df["niveau"] == df[f"niveau_{b}"])
        return ok

    thema = pa.DataFrameSchema(
        {"thema": tekst, **gemeen, "bron_reden": tekst, "score": pa.Column(int), "redenen": tekst,
         "voorgesteld": waar},
        checks=[pa.Check(_consistent, error="niveau volgt de hoofdbenchmark"),
                pa.Check(lambda df: (df["redenen"] != "").all(), error="elk thema heeft redenen bij zijn score")],
        unique=["thema"], strict=False, coerce=False)
    indicator = pa.DataFrameSchema({"thema": tekst, "indicator": tekst, "maat": tekst, **gemeen},
                                   checks=[pa.Check(_consistent, error="niveau volgt de hoofdbenchmark")],
                                   strict=False, coerce=False)
    kern = pa.DataFrameSchema(
        {"indicator": tekst, "bbv": waar, "maat": tekst, "waarde": getal, **gemeen, "toelichting": tekst},
        checks=[pa.Check(_consistent, error="niveau volgt de hoofdbenchmark")],
        unique=["indicator"], strict=False, coerce=False)
    zinnen = pa.DataFrameSchema(
        {"thema": tekst, "onderdeel": pa.Column(str, pa.Check.isin(
            ("reeks", "niveau", "signaal", "indicator", "kerncijfer", "samenvatting", "geen cijfers"))),
         "indicator": tekst, "tekst": tekst, "signaal": pa.Column(str, pa.Check.isin(SIGNALEN + ("",))),
         "niveau": niveau, "niveau_benchmark": pa.Column(str, pa.Check.isin(("",) + tuple(LABEL))),
         "voorlopig": waar},
        strict=False, coerce=False)
    return {"thema": thema, "indicator": indicator, "kerncijfers": kern, "zinnen": zinnen}


def valideer(df: pd.DataFrame, soort: str) -> pd.DataFrame:
    """Validate a judgement frame against its schema; returns it (so calls chain).

    Raises
    ------
    IndicatorFout
        Naming the frame, the column and the first failing value: a judgement frame that breaks
        its declaration is a bug in the analysis, never something to render.
    """
    import pandera.pandas as pa

    from ..errors import IndicatorFout

    try:
        return schemas()[soort].validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fout = exc.failure_cases.iloc[0]
        raise IndicatorFout(f"oordeelframe '{soort}' voldoet niet aan zijn schema ({fout['check']})",
                            kolom=str(fout["column"]), waarde=str(fout["failure_case"])) from exc


def corona_tekst(jaren) -> str:
    """``"2020, 2021"``: the corona years among ``jaren`` (for the ``coronajaren`` column)."""
    return ", ".join(str(j) for j in sorted({int(j) for j in jaren if int(j) in CORONAJAREN}))
