"""Indicators: rates, benchmarks, honest signals, breaks, peaks, wijken, the CSV export."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from ivpanalyse import api, bronnen, cijfers, demo
from ivpanalyse.analyse import indicatoren
from ivpanalyse.analyse import koppeling
from ivpanalyse.cli import app
from ivpanalyse.errors import ConfigFout, IndicatorFout

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ECHT = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data ontbreekt (echte data alleen in de "
                                                      "ontwikkelomgeving)")
MISDRIJVEN = SHARED / "politie-47018NED" / "47018NED_UntypedDataSet_gemeenten_2012-2023.csv"
INWONERS = SHARED / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv"


def rij(gebied, jaar, categorie, waarde, *, bron="47018NED", eenheid="aantal", status="definitief", **extra):
    gemeente = gebied if gebied.startswith("GM") else "GM" + gebied[2:6]
    return {"gemeente_code": gemeente, "gebied_code": gebied, "periode": jaar, "bron": bron,
            "categorie": categorie, "omschrijving": categorie, "waarde": float(waarde), "eenheid": eenheid,
            "status": status, "bronbestand": f"{bron}.csv", **extra}


def reeks(gebied, categorie, aantallen, *, start=2016, **extra):
    return [rij(gebied, start + i, categorie, a, **extra) for i, a in enumerate(aantallen)]


def bevolking(gebied, inwoners, jaren=range(2012, 2025), categorie="inwoners"):
    return [rij(gebied, j, categorie, inwoners, bron="bevolking", eenheid=categorie) for j in jaren]


def bereken(rijen, gemeente, **kwargs):
    tabel = cijfers.normaliseer(pd.DataFrame(rijen))
    return indicatoren.bereken(tabel, koppeling.koppel(tabel), gemeente, **kwargs)


def signaal(ind, thema):
    return ind.signalen.set_index("thema").loc[thema]


@pytest.fixture(scope="module")
def echt():
    if not SHARED.is_dir():
        pytest.skip("../shared/data ontbreekt")
    tabel = bronnen.lees_alles([MISDRIJVEN, INWONERS])
    gekoppeld = koppeling.koppel(tabel)
    basisteam = ["GM0158", "GM0153", "GM1735"]
    return tabel, gekoppeld, indicatoren.bereken(tabel, gekoppeld, "GM0158", basisteam=basisteam), basisteam


# ----------------------------------------------------------------------------- acceptance on real data


def test_woninginbraak_haaksbergen_2017_per_1000_inwoners(echt):
    ind = echt[2]
    woning = ind.indicator_jaar[(ind.indicator_jaar["indicator"] == "Woninginbraak")].set_index("periode")
    assert woning.loc[2017, "aantal"] == 32
    assert woning.loc[2017, "noemer_waarde"] == 24282
    assert woning.loc[2017, "per_1000"] == pytest.approx(32 / 24282 * 1000)
    assert round(woning.loc[2017, "per_1000"], 2) == 1.32
    assert woning.loc[2017, "maat"] == "per 1.000 inwoners"  # no woningen in these data
    assert woning.loc[2017, "bronbestand"] == MISDRIJVEN.name
    assert woning.loc[2017, "noemer_bronbestand"] == INWONERS.name


def test_elk_cijfer_in_de_uitvoer_noemt_bestand_tabel_en_periode(echt):
    ind = echt[2]
    uit = indicatoren.als_tabel(ind, "GM0158")
    cijfers_ = uit[uit["waarde"].notna() & ~uit["onderdeel"].isin(["prioriteit", "effectindicator", "wijk"])]
    assert len(cijfers_) > 500
    assert cijfers_["bron"].eq("47018NED").all()
    assert cijfers_["bronbestand"].str.contains(MISDRIJVEN.name, regex=False).all()
    assert cijfers_["periode"].str.fullmatch(r"20\d\d").all()
    tempo = cijfers_[cijfers_["maat"].str.contains("per 1.000")]
    assert tempo["bronbestand"].str.contains(INWONERS.name, regex=False).all()
    rij_ = uit[(uit["indicator"] == "Woninginbraak") & (uit["periode"] == "2017")
               & (uit["maat"] == "per 1.000 inwoners")]
    assert rij_["waarde"].iat[0] == pytest.approx(32 / 24282 * 1000)


def test_benchmarks_naast_elkaar_voor_echte_gemeente(echt):
    tabel, gekoppeld, ind, basisteam = echt
    jaar = ind.thema_jaar.set_index(["thema", "periode"]).loc[("1.3", 2023)]
    reeksen = indicatoren.thema_reeksen(gekoppeld.cijfers, tabel)
    bt = reeksen[(reeksen["gebied_code"].isin(basisteam)) & (reeksen["thema"] == "1.3") & (reeksen["periode"] == 2023)]
    assert jaar["basisteam_per_1000"] == pytest.approx(bt["aantal"].sum() / bt["inwoners"].sum() * 1000)
    nl = reeksen[reeksen["gebied_code"].str.startswith("GM") & (reeksen["gebied_code"] != "GM0000")
                 & (reeksen["thema"] == "1.3") & (reeksen["periode"] == 2023) & reeksen["inwoners"].notna()]
    assert jaar["nederland_per_1000"] == pytest.approx(nl["aantal"].sum() / nl["inwoners"].sum() * 1000)
    assert len(ind.vergelijking["vergelijkbaar"]) == indicatoren.K_VERGELIJKBAAR
    assert "GM0158" not in ind.vergelijking["vergelijkbaar"]
    assert ind.vergelijking["nederland"] >= 340
    assert not np.isnan(jaar["vergelijkbaar_per_1000"])


# ----------------------------------------------------------------------------- signals


def serie(aantallen, inwoners=None, start=2016):
    """One series in the layout :func:`indicatoren.toets` reads."""
    jaren = range(start, start + len(aantallen))
    noemer = inwoners if isinstance(inwoners, list) else [inwoners or np.nan] * len(aantallen)
    return pd.DataFrame({"thema": "1.3", "periode": list(jaren), "aantal": [float(a) for a in aantallen],
                         "noemer_waarde": [float(n) for n in noemer], "status": "definitief"})


@pytest.mark.parametrize("aantallen, inwoners, verwacht", [
    ([3, 3, 3, 6], 5_000, indicatoren.KLEIN),  # small gemeente: 3 -> 6 is noise
    ([300, 300, 300, 360], 150_000, indicatoren.STIJGEND),  # large gemeente: 300 -> 360 is a rise
    ([300, 300, 300, 240], 150_000, indicatoren.DALEND),
    ([300, 300, 300, 315], 150_000, indicatoren.STABIEL),  # +5%: within chance
    ([5000, 5000, 5000, 5200], 900_000, indicatoren.STABIEL),  # significant but below 10%
    ([40, 44, 38, 46], 30_000, indicatoren.STABIEL),
    ([40], 30_000, indicatoren.NIET_GETOETST),  # one year: nothing to compare
])
def test_signaal_alleen_bij_betekenisvolle_verandering(aantallen, inwoners, verwacht):
    s = indicatoren.toets(serie(aantallen, inwoners), ["thema"]).iloc[0]
    assert s["signaal"] == verwacht
    assert s["laatste_aantal"] == aantallen[-1]
    if len(aantallen) > 1:
        assert s["gemiddelde_3jaar"] == pytest.approx(np.mean(aantallen[:3]))


def test_klein_aantal_3_naar_6_niet_stijgend_300_naar_360_wel_in_bereken():
    rijen = (reeks("GM9901", "1.1.1", [3, 3, 3, 6]) + bevolking("GM9901", 5_000)
             + reeks("GM9902", "1.1.1", [300, 300, 300, 360]) + bevolking("GM9902", 150_000))
    tabel = cijfers.normaliseer(pd.DataFrame(rijen))
    gekoppeld = koppeling.koppel(tabel)
    klein = indicatoren.bereken(tabel, gekoppeld, "GM9901")
    groot = indicatoren.bereken(tabel, gekoppeld, "GM9902")
    assert signaal(klein, "1.3")["signaal"] == indicatoren.KLEIN
    assert "Klein aantal" in signaal(klein, "1.3")["toelichting"]
    assert signaal(groot, "1.3")["signaal"] == indicatoren.STIJGEND
    assert "Betekenisvolle stijging" in signaal(groot, "1.3")["toelichting"]


def test_klein_aantal_blijft_klein_aantal_ook_als_de_toets_iets_vindt():
    s = indicatoren.toets(serie([1, 2, 1, 9], 5_000), ["thema"]).iloc[0]
    assert s["signaal"] == indicatoren.KLEIN
    assert bool(s["significant"]) is True


def test_exacte_toets_komt_overeen_met_scipy_binomtest():
    from scipy import stats

    s = indicatoren.toets(serie([300, 300, 300, 360]), ["thema"]).iloc[0]  # no population: equal years
    p = stats.binomtest(360, 1260, 0.25).pvalue
    assert s["p_waarde"] == pytest.approx(p, rel=0.25)
    assert s["p_waarde"] < indicatoren.ALPHA


def test_vergelijking_houdt_rekening_met_bevolkingsgroei():
    s = indicatoren.toets(serie([300, 360, 432, 518], [100_000 * 1.2 ** i for i in range(4)]), ["thema"]).iloc[0]
    assert s["signaal"] == indicatoren.STABIEL  # the rate per inwoner did not change
    assert abs(s["verandering_3jaar"]) < 0.01


def test_piek_gemarkeerd():
    s = indicatoren.toets(serie([20, 21, 45, 19, 20], 40_000, start=2019), ["thema"]).iloc[0]
    assert bool(s["piek"]) is True
    assert s["piekjaren"] == "2021"
    rustig = indicatoren.toets(serie([20, 21, 25, 19, 20], 40_000, start=2019), ["thema"]).iloc[0]
    assert bool(rustig["piek"]) is False


def test_signalen_alle_gemeenten_gelijk_aan_bereken():
    rijen = (reeks("GM9901", "1.1.1", [3, 3, 3, 6]) + bevolking("GM9901", 5_000)
             + reeks("GM9902", "1.1.1", [300, 300, 300, 360]) + reeks("GM9902", "3.1.1", [20, 21, 45, 44], start=2016)
             + bevolking("GM9902", 150_000))
    tabel = cijfers.normaliseer(pd.DataFrame(rijen))
    gekoppeld = koppeling.koppel(tabel)
    alle = indicatoren.signalen_alle(indicatoren.voorbereiden(tabel, gekoppeld)).set_index(["gebied_code", "thema"])
    for gm in ("GM9901", "GM9902"):
        ind = indicatoren.bereken(tabel, gekoppeld, gm)
        for r in ind.signalen[ind.signalen["signaal"] != indicatoren.GEEN].itertuples():
            assert alle.loc[(gm, r.thema), "signaal"] == r.signaal
            assert alle.loc[(gm, r.thema), "referentiejaren"] == r.referentiejaren
    assert alle.loc[("GM9902", "5.2"), "referentiejaren"] == "2018"  # cut at the July 2018 change


def test_breuk_knipt_de_reeks_in_toets():
    breuken = pd.DataFrame({"thema": ["1.3"], "jaar": [2018]})
    s = indicatoren.toets(serie([20, 21, 19, 45, 44, 47], start=2014), ["thema"], breuken=breuken).iloc[0]
    assert s["referentiejaren"] == "2018"
    assert s["periode_van"] == 2018


def test_reeksbreuk_juli_2018_knipt_de_reeks_van_drugshandel():
    ind = bereken(reeks("GM9901", "3.1.1", [20, 21, 19, 45, 44, 47], start=2014) + bevolking("GM9901", 50_000),
                  "GM9901")
    s = signaal(ind, "5.2")
    assert s["referentiejaren"] == "2018"  # only years after the change count
    assert s["periode_van"] == 2018
    assert "juli 2018" in s["reeksbreuk"]
    assert "juli 2018" in s["toelichting"]
    assert s["signaal"] != indicatoren.STIJGEND


def test_kleine_definitiewijziging_knipt_niet():
    rijen = (reeks("GM9901", "1.1.1", [100] * 6, start=2014) + reeks("GM9901", "2.4.2", [2] * 6, start=2014)
             + bevolking("GM9901", 50_000))
    s = signaal(bereken(rijen, "GM9901"), "1.3")
    assert s["referentiejaren"] == "2016-2018"
    assert s["reeksbreuk"] == ""
    assert "niet geknipt" in s["opmerking"]


def test_voorlopig_laatste_jaar_gemeld():
    rijen = reeks("GM9901", "2.6.9", [30, 31, 29, 30], start=2020) + bevolking("GM9901", 40_000)
    s = signaal(bereken(rijen, "GM9901"), "4.3")
    assert s["status_laatste"] == "voorlopig"  # vuurwerk 2023 is not final (data/reeksbreuken.csv)
    assert "voorlopig" in s["toelichting"]


def test_geen_cijfers_voor_thema_zonder_registraties(echt):
    ind = echt[2]
    assert len(ind.signalen) == 22
    assert signaal(ind, "4.4")["signaal"] == indicatoren.GEEN
    assert signaal(ind, "4.4")["toelichting"] == "Geen cijfers in de ingelezen bronnen."


# ----------------------------------------------------------------------------- rates and benchmarks


def test_woninginbraak_per_1000_woningen_als_woningen_bekend_zijn():
    rijen = (reeks("GM9901", "1.1.1", [40, 44]) + bevolking("GM9901", 20_000)
             + bevolking("GM9901", 8_000, categorie="woningen"))
    ind = bereken(rijen, "GM9901")
    woning = ind.indicator_jaar[ind.indicator_jaar["indicator"] == "Woninginbraak"].set_index("periode")
    assert woning.loc[2017, "maat"] == "per 1.000 woningen"
    assert woning.loc[2017, "per_1000"] == pytest.approx(44 / 8_000 * 1000)
    thema = ind.thema_jaar.set_index(["thema", "periode"]).loc[("1.3", 2017)]
    assert thema["per_1000"] == pytest.approx(44 / 20_000 * 1000)  # the thema stays per 1.000 inwoners


def test_benchmark_is_som_gedeeld_door_som_van_gemeenten_met_beide_cijfers():
    rijen = (reeks("GM9901", "1.1.1", [10]) + reeks("GM9902", "1.1.1", [30]) + reeks("GM9903", "1.1.1", [99])
             + reeks("GM9904", "1.1.1", [20]) + reeks("GM9905", "1.1.1", [50])
             + bevolking("GM9901", 10_000) + bevolking("GM9902", 20_000)  # GM9903: no population
             + bevolking("GM9904", 10_000) + bevolking("GM9905", 10_000))
    vergelijkbaar = ["GM9902", "GM9903", "GM9904", "GM9905"]
    ind = bereken(rijen, "GM9901", basisteam=["GM9901", "GM9902"], vergelijkbaar=vergelijkbaar)
    jaar = ind.thema_jaar.set_index(["thema", "periode"]).loc[("1.3", 2016)]
    assert jaar["basisteam_per_1000"] == pytest.approx(40 / 30_000 * 1000)
    assert jaar["nederland_per_1000"] == pytest.approx(110 / 50_000 * 1000)
    assert jaar["vergelijkbaar_per_1000"] == pytest.approx(100 / 40_000 * 1000)
    assert ind.vergelijking["regel"] == "door de analist gekozen gemeenten"
    # One member with both figures is no benchmark (oordeel.min_leden).
    ind = bereken(rijen, "GM9901", vergelijkbaar=["GM9902", "GM9903"])
    assert np.isnan(ind.thema_jaar.set_index(["thema", "periode"]).loc[("1.3", 2016), "vergelijkbaar_per_1000"])


def test_nederland_alleen_als_de_bron_bijna_alle_gemeenten_dekt():
    rijen = [r for g in ("GM9901", "GM9902", "GM9903") for r in reeks(g, "1.1.1", [10]) + bevolking(g, 10_000)]
    rijen += reeks("GM9901", "CRI2300", [4], bron="83648NED")  # a regional extract: one gemeente only
    ind = bereken(rijen, "GM9901")
    jaar = ind.thema_jaar.set_index("thema")
    assert jaar.loc["1.3", "nederland_per_1000"] == pytest.approx(1.0)
    assert np.isnan(jaar.loc["4.2", "nederland_per_1000"])


def test_vergelijkbare_gemeenten_dichtst_bij_in_inwonertal():
    groottes = {"GM9901": 20_000, "GM9902": 21_000, "GM9903": 18_500, "GM9904": 60_000, "GM9905": 5_000,
                "GM9906": 23_000}
    rijen = [r for g, n in groottes.items() for r in reeks(g, "1.1.1", [10]) + bevolking(g, n)]
    ind = bereken(rijen, "GM9901", k=3)
    assert ind.vergelijking["vergelijkbaar"] == ["GM9902", "GM9903", "GM9906"]
    assert "dichtstbijzijnde inwonertal" in ind.vergelijking["regel"]


def test_herindeling_bevolking_op_grenzen_van_nu():
    # Groningen (GM0014) absorbed Haren (GM0017) and Ten Boer (GM0009) in 2019; Politie restates counts.
    rijen = (reeks("GM0014", "1.1.1", [500, 480, 470], start=2017)
             + [rij("GM0014", 2017, "inwoners", 200_000, bron="bevolking", eenheid="inwoners"),
                rij("GM0017", 2017, "inwoners", 19_000, bron="bevolking", eenheid="inwoners"),
                rij("GM0009", 2017, "inwoners", 7_000, bron="bevolking", eenheid="inwoners"),
                rij("GM0014", 2019, "inwoners", 230_000, bron="bevolking", eenheid="inwoners")])
    tabel = cijfers.normaliseer(pd.DataFrame(rijen))
    noemers, kwaliteit = indicatoren.noemers(tabel)
    groningen = noemers[noemers["gebied_code"] == "GM0014"].set_index("periode")
    assert groningen.loc[2017, "inwoners"] == 226_000
    assert "herleid" in set(kwaliteit["status"])
    ind = indicatoren.bereken(tabel, koppeling.koppel(tabel), "GM0014")
    assert ind.thema_jaar.set_index("periode").loc[2017, "per_1000"] == pytest.approx(500 / 226_000 * 1000)


def test_thema_telt_een_bron_nooit_dubbel():
    rijen = (reeks("GM9901", "1.1.1", [40]) + reeks("GM9901", "CRI1120", [400], bron="83648NED")
             + bevolking("GM9901", 20_000))
    ind = bereken(rijen, "GM9901")
    jaar = ind.thema_jaar.set_index("thema").loc["1.3"]
    assert jaar["aantal"] == 40
    assert jaar["bron"] == "47018NED"
    anders = ind.indicator_jaar[ind.indicator_jaar["indicator"] == "Registraties 83648NED"]
    assert anders["aantal"].tolist() == [400]


def test_veiligheidsmonitor_als_waarde_met_marges():
    vm = [rij("GM9901", j, "voelt zich wel eens onveilig", w, bron="veiligheidsmonitor", eenheid="procent",
              ondergrens=w - 2, bovengrens=w + 2) for j, w in ((2019, 30.0), (2021, 38.0))]
    ind = bereken(vm + reeks("GM9901", "1.1.1", [10, 12]) + bevolking("GM9901", 20_000), "GM9901")
    s = ind.indicator_signalen.set_index("indicator").loc["voelt zich wel eens onveilig"]
    assert s["soort"] == "subjectief"
    assert s["signaal"] == indicatoren.STIJGEND  # intervals 28-32 and 36-40 do not overlap
    assert s["richting"] == indicatoren.LAGER_BETER


def test_onbekende_gemeente_is_een_indicatorfout():
    with pytest.raises(IndicatorFout) as fout:
        bereken(reeks("GM9901", "1.1.1", [1]), "GM0999")
    assert fout.value.waarde == "GM0999"


def test_basisteam_met_ongeldige_code_is_een_fout():
    with pytest.raises(IndicatorFout) as fout:
        bereken(reeks("GM9901", "1.1.1", [1]), "GM9901", basisteam=["Haaksbergen"])
    assert fout.value.kolom == "basisteam"


# ----------------------------------------------------------------------------- wijken


@pytest.mark.parametrize("aantallen, verwacht", [
    ([1, 3, 12, 40], ["<5", "<5", "12", "40"]),  # two small cells protect each other
    ([3, 12, 40], ["<5", "afgeschermd", "40"]),  # one small cell: the next smallest is hidden too
    ([0, 12, 40], ["0", "12", "40"]),
    ([5, 6, 7], ["5", "6", "7"]),
])
def test_publicatieregel_verbergt_kleine_aantallen(aantallen, verwacht):
    tekst = indicatoren.publiceerbaar(pd.Series(aantallen, dtype=float))
    assert tekst.tolist() == verwacht


def test_wijken_met_inwoners_rang_en_publicatie():
    wijk_aantallen = {"WK990100": 40, "WK990101": 3, "WK990102": 12}
    wijk_inwoners = {"WK990100": 8_000, "WK990101": 150, "WK990102": 1_000}
    rijen = reeks("GM9901", "1.1.1", [55]) + bevolking("GM9901", 9_150)
    for wk, n in wijk_aantallen.items():
        rijen += reeks(wk, "1.1.1", [n])
        rijen.append(rij(wk, 2024, "inwoners", wijk_inwoners[wk], bron="kwb", eenheid="inwoners"))
    ind = bereken(rijen, "GM9901", namen={"WK990100": "Centrum"})
    w = ind.wijken[ind.wijken["thema"] == "1.3"].set_index("gebied_code")
    assert w.loc["WK990100", "wijknaam"] == "Centrum"
    assert w.loc["WK990100", "inwoners_jaar"] == 2024  # nearest year with wijk population
    assert w.loc["WK990102", "per_1000"] == pytest.approx(12.0)
    assert np.isnan(w.loc["WK990101", "per_1000"])  # fewer than MIN_INWONERS_WIJK
    assert w["rang"].to_dict() == {"WK990102": 1, "WK990100": 2, "WK990101": 3}
    assert w.loc["WK990101", "publicatie"] == "<5"
    assert w.loc["WK990102", "publicatie"] == "afgeschermd"
    assert w.loc["WK990102", "publicatie_per_1000"] == "afgeschermd"


# ----------------------------------------------------------------------------- command line


def test_cli_indicatoren_schrijft_csv_en_dekking(tmp_path):
    data = tmp_path / "data"
    paden = demo.genereer(data)
    uit = tmp_path / "uit" / "heerdijk.csv"
    resultaat = CliRunner().invoke(app, ["indicatoren", "--gemeente", "GM9904", "--data", str(data),
                                         "--config", str(paden["basisteam"]), "--basisteam", demo.BASISTEAM,
                                         "-o", str(uit)])
    assert resultaat.exit_code == 0, resultaat.output
    tabel = pd.read_csv(uit, dtype={"periode": str})
    assert {"bron", "bronbestand", "periode", "maat", "waarde"} <= set(tabel.columns)
    basisteam = tabel[tabel["maat"] == "basisteam per 1.000 inwoners"]
    assert len(basisteam) > 0 and basisteam["waarde"].notna().all()
    assert set(tabel["onderdeel"]) >= {"thema", "indicator", "signaal", "prioriteit", "wijk"}
    dekking = pd.read_csv(uit.with_suffix(".dekking.csv"))
    assert set(dekking["status"]) <= {koppeling.TOEGEWEZEN, koppeling.NIET_TOEGEWEZEN}
    assert "Koppeling:" in resultaat.output


@pytest.mark.parametrize("invoer, verwacht", [
    ("GM0158,GM0153, GM1735", ["GM0158", "GM0153", "GM1735"]),
    (["GM0158"], ["GM0158"]),
    (None, None),
])
def test_basisteam_als_codes(invoer, verwacht):
    assert api.basisteam_codes(invoer) == verwacht


def test_basisteam_uit_configuratie(tmp_path):
    paden = demo.genereer(tmp_path)
    assert api.basisteam_codes(demo.BASISTEAM, paden["basisteam"]) == [g.code for g in demo.GEMEENTEN]
    with pytest.raises(ConfigFout):
        api.basisteam_codes("Basisteam Onbekend", paden["basisteam"])


def test_cli_indicatoren_ongeldige_basisteamcode(tmp_path):
    (tmp_path / "data").mkdir()
    resultaat = CliRunner().invoke(app, ["indicatoren", "--gemeente", "GM9904", "--data", str(tmp_path / "data"),
                                         "--basisteam", "GM99,Haaksbergen", "-o", str(tmp_path / "x.csv")])
    assert resultaat.exit_code == 2
    assert "GM99" in resultaat.output and "GMxxxx" in resultaat.output
    assert not (tmp_path / "x.csv").exists()


def test_indicatoren_zonder_bevolkingsbestand(tmp_path):
    """Without a population file there is no rate, but the figures are still written with their source file
    (this crashed with a pandas string/object addition)."""
    if not MISDRIJVEN.is_file():
        pytest.skip("../shared/data ontbreekt (echte data alleen in de ontwikkelomgeving)")
    uit = tmp_path / "uit" / "x.csv"
    uit.parent.mkdir()
    resultaat = CliRunner().invoke(app, ["indicatoren", "--gemeente", "GM0158", "--data", str(MISDRIJVEN),
                                         "-o", str(uit)])
    assert resultaat.exit_code == 0, resultaat.output
    tabel = pd.read_csv(uit, dtype=str, keep_default_na=False)
    woninginbraak = tabel[(tabel["onderdeel"] == "thema") & (tabel["thema"] == "1.3") & (tabel["periode"] == "2015")
                          & (tabel["maat"] == "aantal")]
    assert len(woninginbraak) == 1 and woninginbraak["bronbestand"].iloc[0] == MISDRIJVEN.name
