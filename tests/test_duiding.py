"""Draft Dutch text: only statements the numbers support, Dutch number formatting."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ivpanalyse import bronnen
from ivpanalyse.analyse import duiding
from ivpanalyse.analyse import indicatoren
from ivpanalyse.analyse import koppeling
from ivpanalyse.analyse import oordeel

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def haaksbergen_2014_2017():
    if not SHARED.is_dir():
        pytest.skip("../shared/data ontbreekt (echte data alleen in de ontwikkelomgeving)")
    tabel = bronnen.lees_alles([SHARED / "politie-47018NED" / "47018NED_UntypedDataSet_gemeenten_2012-2023.csv",
                                SHARED / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv"])
    tabel = tabel[tabel["periode"].between(2014, 2017)]
    # Basisteam Twente-Zuidwest in 2017-terms; Enschede (GM0153) makes it a demanding benchmark.
    return indicatoren.bereken(tabel, koppeling.koppel(tabel), "GM0158", basisteam=["GM0158", "GM0153", "GM1735"],
                               namen={"GM0158": "Haaksbergen"})


def test_tekst_woninginbraak_haaksbergen(haaksbergen_2014_2017):
    tekst = haaksbergen_2014_2017.duiding.set_index("thema").loc["1.3", "tekst"]
    # The series as it is (the IVP publishes the same four numbers), never a first-against-last verb.
    assert "Woninginbraak (aantal; bron 47018NED): 2014: 66, 2015: 29, 2016: 35, 2017: 32." in tekst
    assert "ligt Haaksbergen onder" in tekst and "het basisteam" in tekst
    assert "daalde van" not in tekst and "steeg van" not in tekst


def test_elke_thema_heeft_een_tekst(haaksbergen_2014_2017):
    d = haaksbergen_2014_2017.duiding
    assert len(d) == 22 and d["tekst"].str.len().gt(20).all()
    assert "Geen recente registratiecijfers" in d.set_index("thema").loc["4.4", "tekst"]


def test_zinnen_dragen_hun_oordeel(haaksbergen_2014_2017):
    z = haaksbergen_2014_2017.zinnen
    o = haaksbergen_2014_2017.oordeel.set_index("thema")
    niveau = z[(z["onderdeel"] == "niveau")].set_index("thema")
    assert len(niveau) and (niveau["niveau"] == o.loc[niveau.index, "niveau"]).all()
    signaal = z[z["onderdeel"] == "signaal"].set_index("thema")
    assert (signaal["signaal"] == o.loc[signaal.index, "signaal"]).all()


@pytest.mark.parametrize("waarde, maat, verwacht", [
    (1234.5, "rate", "1.234,5"),
    (32.0, "aantal", "32"),
    (12345.0, "aantal", "12.345"),
    (41.333, "aantal", "41,3"),
    (12.34, "procent", "12,3%"),
    (np.nan, "aantal", "–"),
])
def test_cijfers_in_nederlandse_notatie(waarde, maat, verwacht):
    assert duiding.cijfer(waarde, maat) == verwacht


@pytest.mark.parametrize("aantal, noemer, benchmark, verwacht", [
    (32, 24_282, 2.6, "onder"),  # Haaksbergen 2017 against a basisteam of 2,6 per 1.000
    (3, 2_000, 1.2, "rond"),  # 1,5 against 1,2: too few to say
    (300, 100_000, 2.0, "boven"),
    (210, 100_000, 2.0, "rond"),  # 5% higher: not a difference worth a sentence
    (np.nan, 100_000, 2.0, ""),
])
def test_niveau_alleen_boven_of_onder_als_de_toets_het_zegt(aantal, noemer, benchmark, verwacht):
    oordeel_, _, _ = oordeel.niveau([aantal], [benchmark * noemer / 1000])
    assert oordeel_[0] == verwacht


BASIS = {"laatste_jaar": 2023, "laatste_aantal": 360.0, "gemiddelde_3jaar": 300.0, "referentiejaren": "2020-2022",
         "verandering_3jaar": 0.2, "p_waarde": 0.004, "significant": True, "vorig_aantal": 300.0, "vorig_jaar": 2022,
         "piek": False, "piekjaren": "", "status_laatste": "definitief", "reeksbreuk": ""}


@pytest.mark.parametrize("extra, moet_bevatten, mag_niet", [
    ({"signaal": "stijgend"}, ["Betekenisvolle stijging: 360 in 2023 tegen gemiddeld 300 in 2020-2022",
                               "per inwoner +20%", "p = 0,004"], ["Klein"]),
    ({"signaal": "stijgend", "coronajaren": "2020, 2021", "referentiejaren": "2018, 2019 en 2022"},
     ["gemiddeld 300 in 2018, 2019 en 2022", "Coronajaren (2020, 2021) tellen niet mee"], []),
    ({"signaal": "klein aantal", "laatste_aantal": 0.0, "referentiejaren": "", "gemiddelde_3jaar": np.nan},
     ["Klein aantal: 0 in 2023, zonder eerder vergelijkbaar jaar"], ["gemiddeld –", "in ,"]),
    ({"signaal": "stabiel", "p_waarde": 0.4, "politie_initiatief": True},
     ["meer registraties kunnen meer handhaving betekenen"], []),
    ({"signaal": "stabiel", "p_waarde": 0.4, "significant": False, "verandering_3jaar": 0.05, "laatste_aantal": 315.0},
     ["Geen betekenisvolle verandering", "toeval"], ["Betekenisvolle"]),
    ({"signaal": "klein aantal", "laatste_aantal": 6.0, "gemiddelde_3jaar": 3.0, "significant": False},
     ["Klein aantal: gemiddeld 3 per jaar in 2020-2022, nu 6 in 2023", "geen uitspraak"], ["Betekenisvolle"]),
    ({"signaal": "stijgend", "status_laatste": "voorlopig"}, ["Het cijfer over 2023 (360) is voorlopig en kan nog veranderen."], []),
    ({"signaal": "stabiel", "p_waarde": 0.4, "piek": True, "piekjaren": "2021"},
     ["Piek in 2021", "verhaal achter de cijfers"], []),
    ({"signaal": "stabiel", "p_waarde": 0.4, "reeksbreuk_recent": "2018: politieregistratie sinds juli 2018"},
     ["reeksbreuk in 2018"], []),
    ({"signaal": "geen cijfers", "laatste_jaar": np.nan}, ["Geen cijfers"], ["2023"]),
])
def test_signaal_in_woorden(extra, moet_bevatten, mag_niet):
    tekst = duiding.signaal_tekst({**BASIS, **extra})
    for deel in moet_bevatten:
        assert deel in tekst
    for deel in mag_niet:
        assert deel not in tekst


def test_gemiddelde_van_aantallen_zonder_schijnprecisie_en_verandering_benoemd():
    tekst = duiding.signaal_tekst({**BASIS, "signaal": "stabiel", "p_waarde": 0.4, "significant": False,
                                   "gemiddelde_3jaar": 3187.3333, "laatste_aantal": 3100.0,
                                   "verandering_3jaar": -0.24})
    assert "gemiddeld 3.187 in 2020-2022" in tekst and "3.187,3" not in tekst
    assert "(verandering per inwoner −24%)" in tekst.replace("-", "−")
    klein = duiding.signaal_tekst({**BASIS, "signaal": "klein aantal", "gemiddelde_3jaar": 2.3333, "laatste_aantal": 4.0})
    assert "gemiddeld 2,3 per jaar" in klein


def test_waarden_zonder_marges_worden_niet_getoetst():
    r = {**BASIS, "signaal": "niet getoetst", "maat": "procent", "laatste_aantal": 31.5, "vorig_aantal": 28.0,
         "p_waarde": np.nan}
    tekst = duiding.signaal_tekst(r)
    assert "31,5% in 2023 tegen 28,0% in 2022" in tekst
    assert "betrouwbaarheidsmarges" in tekst


def test_duiding_zonder_indicatoren_geeft_een_rij_per_signaalrij():
    signalen = pd.DataFrame([{**BASIS, "thema": "2.1", "signaal": "stijgend", "bron": "47018NED", "segment_van": 2019,
                              "periode_van": 2019, "verandering_periode": 0.2, "toelichting": "T.",
                              "niveau_basisteam": "boven", "benchmark_basisteam": 5.0, "niveau_eigen": 7.2,
                              "niveaujaren": "2023", "niveau": "boven", "niveau_benchmark": "basisteam"}])
    jaar = pd.DataFrame({"thema": ["2.1", "2.1"], "periode": [2019, 2023], "aantal": [300.0, 360.0],
                         "inwoners": [50_000.0, 50_000.0], "per_1000": [6.0, 7.2], "basisteam_per_1000": [5.0, 5.0],
                         "status": ["definitief", "voorlopig"]})
    leeg = pd.DataFrame(columns=["thema", "indicator", "bron", "periode", "aantal"])
    uit = duiding.duiding(jaar, signalen, leeg, leeg, naam="Lindewaarde")
    tekst = uit.set_index("thema").loc["2.1", "tekst"]
    assert tekst.startswith("Geregistreerde misdrijven in dit thema (bron 47018NED): 2019: 300, 2023: 360 (voorlopig).")
    assert "Per 1.000 inwoners (2023: 7,2) ligt Lindewaarde boven het basisteam (5,0)." in tekst


def test_a_level_sentence_never_shows_equal_or_zero_rates_beside_boven_or_onder():
    """Review finding: "boven Nederland (0,0)" beside an own rate of "0,1", or "0,1 tegen 0,1", reads as
    a contradiction. Rates in a level sentence get the decimals it takes to show them apart."""
    from ivpanalyse.analyse import duiding

    rij = {"niveau_nederland": "boven", "benchmark_nederland": 0.04, "niveau_eigen": 0.12, "niveaujaren": "2021-2023"}
    zin = duiding.niveau_tekst("Lindewaarde", rij, "per 1.000 inwoners")
    assert "(2021-2023 samen: 0,12)" in zin and "boven Nederland (0,04)" in zin
    rij = {"niveau_vergelijkbaar": "onder", "benchmark_vergelijkbaar": 0.14, "niveau_eigen": 0.11,
           "niveaujaren": "2023"}
    zin = duiding.niveau_tekst("Lindewaarde", rij, "per 1.000 inwoners")
    assert ": 0,11)" in zin and "(0,14)" in zin
    rij = {"niveau_nederland": "boven", "benchmark_nederland": 41.2, "niveau_eigen": 52.8, "niveaujaren": "2023"}
    assert "(2023: 52,8)" in duiding.niveau_tekst("Lindewaarde", rij, "per 1.000 inwoners")  # one decimal as a rule


def test_benchmarks_are_only_set_apart_from_the_own_rate_not_from_each_other():
    """'2,10 ... (1,45) ... (1,42)' read oddly in 's-Hertogenbosch: two benchmarks need not differ in print."""
    from ivpanalyse.analyse import duiding

    rij = {"niveau_vergelijkbaar": "boven", "benchmark_vergelijkbaar": 1.45, "niveau_nederland": "boven",
           "benchmark_nederland": 1.42, "niveau_eigen": 2.10, "niveaujaren": "2021-2023"}
    zin = duiding.niveau_tekst("Lindewaarde", rij, "per 1.000 inwoners")
    assert "samen: 2,1)" in zin and "vergelijkbare gemeenten (1,4)" in zin and "Nederland (1,4)" in zin
