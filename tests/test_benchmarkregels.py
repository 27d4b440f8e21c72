"""Benchmark and source rules on the whole real data folder (review of the reports, December 2026).

The reports are made from ``../shared/data`` as a whole: every source at once, as an analyst does.
"""

from pathlib import Path

import numpy as np
import pytest

from ivpanalyse import api

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def analyses():
    """The analyses of Haaksbergen and 's-Hertogenbosch on the whole data folder."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data ontbreekt (echte data alleen in de ontwikkelomgeving)")
    return {g: api.analyse(g, [SHARED]) for g in ("GM0158", "GM0796")}


@pytest.fixture(scope="module")
def heel(analyses):
    return {g: a.indicatoren for g, a in analyses.items()}


def test_periode_komt_uit_de_registraties_niet_uit_de_noemers(analyses):
    # Population2024 of the buurten is in the folder, no registration of 2024 is.
    assert analyses["GM0158"].jaren == (2012, 2023)
    assert analyses["GM0796"].jaren == (2012, 2023)


def test_nederland_blijft_als_een_bron_opgeheven_gemeenten_noemt(heel):
    # 83651NED lists gemeenten dissolved since 2018; they must not push 47018NED under the 90% rule.
    ind = heel["GM0158"]
    jaar = ind.thema_jaar.set_index(["thema", "periode"])
    assert not np.isnan(jaar.loc[("1.3", 2023), "nederland_per_1000"])
    assert not np.isnan(jaar.loc[("2.1", 2021), "nederland_per_1000"])  # 83651NED itself is national
    sig = ind.signalen.set_index("thema")
    assert sig.loc["1.3", "niveau_nederland"] in ("boven", "onder", "rond")
    kern = ind.kerncijfers.set_index("indicator")
    assert not np.isnan(kern.loc["Geregistreerde misdrijven (totaal)", "benchmark_nederland"])


def test_regionaal_extract_is_geen_nederland_en_de_reden_staat_erbij(heel):
    ind = heel["GM0158"]
    cross = ind.indicator_jaar[(ind.indicator_jaar["bron"] == "83648NED")]
    assert len(cross) and cross["nederland"].isna().all()  # nine Twente gemeenten are not the country
    redenen = " ".join(ind.vergelijking["nederland_ontbreekt"])
    assert "83648NED" in redenen and "2015" in redenen and "9 van de" in redenen


def test_benchmark_met_te_weinig_leden_geeft_geen_niveau(heel):
    # 83648NED (2015) covers nine Twente gemeenten: of Haaksbergen's ten comparable gemeenten only
    # Borne is among them. One gemeente is no benchmark.
    ind = heel["GM0158"]
    rijen = ind.indicator_jaar[ind.indicator_jaar["bron"] == "83648NED"]
    assert len(rijen) and rijen["vergelijkbaar"].isna().all()
    zinnen = ind.zinnen[ind.zinnen["indicator"].str.contains("83648NED")]
    assert len(zinnen) and not zinnen["tekst"].str.contains("vergelijkbare gemeenten").any()
    assert not zinnen["tekst"].str.contains(r"\(2015: ").any()  # no level on an 8-year-old single year


def test_zelfde_indicator_uit_twee_bronnen_is_een_reeks(heel):
    # 's-Hertogenbosch 1.3: 47018NED makes the thema; 83651NED (2018-2021) is a cross-check only,
    # never a second direction or level.
    ind = heel["GM0796"]
    sig = ind.indicator_signalen
    ander = sig[(sig["thema"] == "1.3") & (sig["bron"] == "83651NED")]
    assert len(ander) == 1
    r = ander.iloc[0]
    assert bool(r["kruiscontrole"]) and r["signaal"] == "niet getoetst"
    assert r["niveau"] == "" and all(r[f"niveau_{b}"] == "" for b in ("vergelijkbaar", "basisteam", "nederland"))
    assert "Ter controle" in r["toelichting"] and "2018-2021" in r["toelichting"] and "47018NED" in r["toelichting"]
    for g, i in heel.items():
        z = i.zinnen
        for thema, groep in z.groupby("thema"):
            richtingen = set(groep.loc[groep["onderdeel"].isin(["signaal", "indicator"]) & groep["indicator"].str.startswith(
                "Registraties"), "signaal"]) & {"stijgend", "dalend"}
            assert not richtingen, (g, thema)
    # Haaksbergen 5.2: 83648NED 2015 (30) beside 47018NED drugs + weapons: no second level.
    h = heel["GM0158"].indicator_signalen
    h52 = h[(h["thema"] == "5.2") & (h["bron"] == "83648NED")].iloc[0]
    assert bool(h52["kruiscontrole"]) and h52["niveau"] == ""


def test_geen_piek_op_kleine_op_5_afgeronde_aantallen(heel):
    # Haaksbergen winkeldiefstal (83651NED): 15, 25, 15, 10, all rounded to 5.
    ind = heel["GM0158"]
    sig = ind.signalen.set_index("thema").loc["2.1"]
    assert bool(sig["afgerond_op_5"]) and not bool(sig["piek"]) and sig["piekjaren"] == ""
    assert "Piek" not in sig["toelichting"]
    kern = ind.kerncijfers.set_index("indicator").loc["Winkeldiefstal"]
    assert not bool(kern["piek"])


def test_afgeronde_piek_blijft_bij_grote_aantallen():
    import pandas as pd

    from ivpanalyse.analyse.toetsen import zonder_kleine_afgeronde_piek

    sig = pd.DataFrame({"thema": ["a", "b"], "piek": [True, True], "piekjaren": ["2019", "2019"]})
    jaren = pd.DataFrame({"thema": ["a"] * 3 + ["b"] * 3, "periode": [2018, 2019, 2020] * 2,
                          "aantal": [15.0, 25.0, 15.0, 300.0, 600.0, 310.0]})
    uit = zonder_kleine_afgeronde_piek(sig, jaren, ["thema"], [True, True]).set_index("thema")
    assert not uit.loc["a", "piek"] and uit.loc["b", "piek"] and uit.loc["b", "piekjaren"] == "2019"


def test_coronajaar_als_laatste_jaar_geeft_geen_betekenisvolle_verandering(heel):
    # 83651NED ends in 2021: winkeldiefstal 2.1 of both gemeenten has a corona year as latest year.
    for g in ("GM0158", "GM0796"):
        sig = heel[g].signalen.set_index("thema").loc["2.1"]
        assert int(sig["laatste_jaar"]) == 2021
        assert sig["signaal"] == "niet getoetst"
        assert "2021, is een coronajaar" in sig["toelichting"] and "Betekenisvolle" not in sig["toelichting"]


def test_toets_noemt_een_daling_in_een_coronajaar_geen_trend():
    import pandas as pd

    from ivpanalyse.analyse.toetsen import toets

    reeks = pd.DataFrame({"thema": "2.1", "periode": range(2016, 2022),
                          "aantal": [400.0, 410.0, 405.0, 415.0, 300.0, 200.0], "noemer_waarde": 100_000.0})
    assert toets(reeks, ["thema"]).iloc[0]["signaal"] == "niet getoetst"
    reeks["periode"] = range(2017, 2023)  # the same figures ending in 2022: a real fall
    assert toets(reeks, ["thema"]).iloc[0]["signaal"] == "dalend"


def test_trendtekst_beschrijft_de_vorm_van_de_getoonde_reeks(heel):
    # Haaksbergen 1.2 (vernieling) falls from 2012 to 2023 to about a third; 2.2 more than halves;
    # 's-Hertogenbosch 1.3 falls from ~5.100 a year to ~3.000: never 'stabiel' beside such a chart.
    for g, thema in (("GM0158", "1.2"), ("GM0158", "2.2"), ("GM0796", "1.3")):
        sig = heel[g].signalen.set_index("thema").loc[thema]
        assert sig["signaal"] == "dalend", (g, thema)
        assert sig["langjarig"] == "dalend" and sig["langjarig_van"] == "2012-2014"
        assert sig["toelichting"].startswith("Langjarige daling: gemiddeld")
        assert "stabiel" not in sig["toelichting"]
