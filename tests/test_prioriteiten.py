"""Plausible priorities: a transparent score, the analyst's choice wins; effectindicatoren."""

import numpy as np
import pandas as pd
import pytest

from ivpanalyse import cijfers, taxonomie
from ivpanalyse.analyse import indicatoren
from ivpanalyse.analyse import koppeling
from ivpanalyse.analyse import prioriteiten
from ivpanalyse.errors import IndicatorFout


def signalen(**per_thema) -> pd.DataFrame:
    """Signal rows for every thema; keyword ``t1_3={...}`` sets thema 1.3."""
    rijen = []
    for t in taxonomie.themas():
        extra = per_thema.get("t" + t.code.replace(".", "_"), {})
        rij = {"thema": t.code, "signaal": "stabiel", "verhouding": 1.0, "piek": False, "piekjaren": "",
               "benchmark": "vergelijkbare gemeenten", "niveau_benchmark": "vergelijkbaar", "niveau_eigen": 2.0,
               "niveau_referentie": 2.0, "niveaujaren": "2021-2023", "gemiddelde_3jaar": 40.0, **extra}
        # The level judgement as the analysis would make it for a large count (oordeel.niveau).
        v = rij["verhouding"]
        rij.setdefault("niveau", "" if pd.isna(v) else "boven" if v >= 1.1 else "onder" if v <= 0.9 else "rond")
        rijen.append(rij)
    return pd.DataFrame(rijen)


@pytest.mark.parametrize("extra, punten, reden", [
    ({"signaal": "stijgend"}, 2, "betekenisvolle stijging"),
    ({"signaal": "dalend"}, 0, "betekenisvolle daling: vasthouden"),
    ({"signaal": "stijgend", "politie_initiatief": True}, 0, "meer handhaving"),
    ({"verhouding": 1.3, "niveau": "rond"}, 0, "rond het niveau"),  # not significant: no points, whatever the ratio
    ({"verhouding": 1.3}, 2, "ruim boven vergelijkbare gemeenten"),
    ({"verhouding": 1.15}, 1, "boven vergelijkbare gemeenten"),
    ({"verhouding": 0.7}, -1, "onder vergelijkbare gemeenten"),
    ({"piek": True, "piekjaren": "2021"}, 1, "piek in 2021"),
    ({"signaal": "klein aantal", "verhouding": np.nan}, 0, "kleine aantallen"),
    ({"signaal": "geen cijfers", "verhouding": np.nan}, 0, "de werkgroep beoordeelt"),
])
def test_score_is_som_van_zichtbare_punten(extra, punten, reden):
    uit = prioriteiten.score(signalen(t2_1=extra)).set_index("thema")
    assert uit.loc["2.1", "score"] == punten  # 2.1 is not high impact
    assert reden in uit.loc["2.1", "redenen"]
    onderdelen = ["niveau_punten", "trend_punten", "impact_punten", "piek_punten", "beleving_punten"]
    assert (uit[onderdelen].sum(axis=1) == uit["score"]).all()


def test_high_impact_thema_krijgt_een_punt():
    uit = prioriteiten.score(signalen()).set_index("thema")
    assert uit.loc["1.3", "impact_punten"] == 1
    assert "high impact" in uit.loc["1.3", "redenen"]


def test_high_impact_zonder_cijfers_krijgt_geen_punt():
    # 5.3 is high impact in the taxonomy; without figures it used to get +1 in every gemeente.
    uit = prioriteiten.score(signalen(t5_3={"signaal": "geen cijfers", "verhouding": np.nan})).set_index("thema")
    assert uit.loc["5.3", "score"] == 0 and uit.loc["5.3", "impact_punten"] == 0
    assert "zonder cijfers beoordeelt de werkgroep" in uit.loc["5.3", "redenen"]


def test_elk_thema_heeft_redenen():
    uit = prioriteiten.score(signalen())
    assert (uit["redenen"].str.len() > 0).all() and len(uit) == len(taxonomie.themas())


def test_hoog_en_stijgend_wordt_voorgesteld():
    uit = prioriteiten.score(signalen(t1_3={"signaal": "stijgend", "verhouding": 1.4})).set_index("thema")
    assert uit.loc["1.3", "score"] == 5
    assert bool(uit.loc["1.3", "voorgesteld"]) is True
    assert uit.loc["1.3", "rang_in_veld"] == 1
    assert uit["voorgesteld"].sum() == 1


@pytest.mark.parametrize("keuze", [True, False])
def test_keuze_van_de_analist_wint(keuze):
    hoog = {"signaal": "stijgend", "verhouding": 1.4}
    uit = prioriteiten.score(signalen(t1_3=hoog), keuzes={"1.3": not keuze, "4.4": keuze}).set_index("thema")
    assert bool(uit.loc["1.3", "voorgesteld"]) is (not keuze)
    assert bool(uit.loc["4.4", "voorgesteld"]) is keuze
    assert uit.loc["1.3", "score"] == 5  # the score stays visible
    assert "analist" in uit.loc["4.4", "redenen"]


def test_hooguit_vier_voorstellen_en_twee_per_veld():
    alles_hoog = {f"t{t.code.replace('.', '_')}": {"signaal": "stijgend", "verhouding": 1.4}
                  for t in taxonomie.themas()}
    uit = prioriteiten.score(signalen(**alles_hoog))
    assert uit["voorgesteld"].sum() == prioriteiten.MAX_VOORGESTELD
    assert uit[uit["voorgesteld"]].groupby("veld").size().max() <= prioriteiten.MAX_PER_VELD


def test_onbekende_themacode_in_keuzes_is_een_fout():
    with pytest.raises(IndicatorFout) as fout:
        prioriteiten.score(signalen(), keuzes={"9.9": True})
    assert fout.value.waarde == "9.9"


@pytest.mark.parametrize("basis, signaal, gemiddelde, verhouding, richting, maat, verwacht, reden", [
    (360, "stijgend", 300, 1.0, "lager is beter", "aantal", 300, "terug naar het gemiddelde"),
    (32, "dalend", 43, 0.5, "lager is beter", "aantal", 32, "vasthouden"),
    (6, "klein aantal", 4, 1.0, "lager is beter", "aantal", 4, "klein aantal"),
    (2, "klein aantal", 4, 1.0, "lager is beter", "aantal", 2, "begrensd op de basiswaarde"),
    (260, "stijgend", 278, 1.0, "lager is beter", "aantal", 260, "begrensd op de basiswaarde"),
    (150, "stabiel", 150, 1.5, "lager is beter", "aantal", 125, "halverwege"),
    (100, "stabiel", 100, 1.0, "lager is beter", "aantal", 95, "5%"),
    (6.5, "stabiel", np.nan, 1.0, "hoger is beter", "rapportcijfer", 6.6, "0,1 punt"),
    (30.0, "stijgend", np.nan, 1.0, "lager is beter", "procent", np.nan, ""),
    (np.nan, "stabiel", np.nan, 1.0, "lager is beter", "aantal", np.nan, "nulmeting"),
])
def test_streefwaarde_volgt_trend_en_benchmark(basis, signaal, gemiddelde, verhouding, richting, maat, verwacht,
                                               reden):
    niveau = "boven" if verhouding >= 1.1 else "onder" if verhouding <= 0.9 else "rond"
    doel, uitleg = prioriteiten.streefwaarde(basis, signaal, gemiddelde, verhouding, richting=richting, maat=maat,
                                             benchmark="vergelijkbare gemeenten", niveau=niveau)
    if np.isnan(verwacht) and reden == "":
        # a worse survey figure without reference mean: at least not worse than the baseline
        assert doel <= basis
    elif np.isnan(verwacht):
        assert np.isnan(doel)
    else:
        assert doel == pytest.approx(verwacht)
    assert reden in uitleg


def _rij(gebied, jaar, categorie, waarde, **extra):
    return {"gemeente_code": gebied, "gebied_code": gebied, "periode": jaar, "bron": "47018NED",
            "categorie": categorie, "omschrijving": categorie, "waarde": float(waarde), "eenheid": "aantal",
            "status": "definitief", "bronbestand": "t.csv", **extra}


@pytest.mark.parametrize("met_monitor", [True, False])
def test_effectindicatoren_mengen_objectief_en_subjectief(met_monitor):
    # 2015-2018: no corona years among the reference years (those are skipped, oordeel.CORONAJAREN).
    rijen = [_rij("GM9901", 2015 + i, "1.1.1", a) for i, a in enumerate([40, 42, 41, 60])]
    rijen += [_rij("GM9901", 2015 + i, "1.2.3", 80) for i in range(4)]
    rijen += [_rij("GM9901", 2015 + i, "inwoners", 30_000, bron="bevolking", eenheid="inwoners") for i in range(4)]
    if met_monitor:
        rijen += [_rij("GM9901", j, "voelt zich wel eens onveilig", w, bron="veiligheidsmonitor", eenheid="procent",
                       ondergrens=w - 2, bovengrens=w + 2) for j, w in ((2015, 30.0), (2017, 31.0))]
    tabel = cijfers.normaliseer(pd.DataFrame(rijen))
    ind = indicatoren.bereken(tabel, koppeling.koppel(tabel), "GM9901", keuzes={"1.3": True})
    e = ind.effectindicatoren
    assert set(e["thema"]) == {"1.3"}
    assert 2 <= len(e) <= 3
    assert {"objectief", "subjectief"} <= set(e["soort"])
    totaal = e[e["indicator"].str.startswith("Geregistreerde misdrijven")].iloc[0]
    # Per 1.000 inwoners, as the real IVPs do: 140 of 30.000 = 4,67.
    assert totaal["eenheid"] == "per 1.000 inwoners" and totaal["basiswaarde"] == pytest.approx(140 / 30)
    assert totaal["basisjaar"] == 2018 and totaal["streefjaar"] == 2018 + prioriteiten.STREEFJAREN
    woning = e[e["indicator"].str.startswith("Woninginbraak")].iloc[0]
    assert woning["indicator"] == "Woninginbraak per 1.000 inwoners"
    assert woning["streefwaarde"] == pytest.approx(round(41 / 30, 1))  # back to the 2015-2017 mean after the rise
    assert not e["indicator"].duplicated().any()
    subjectief = e[e["soort"] == "subjectief"].iloc[0]
    if met_monitor:
        assert subjectief["basiswaarde"] == 31.0 and subjectief["bron"] == "veiligheidsmonitor"
        assert subjectief["streefwaarde"] < 31.0
    else:
        assert np.isnan(subjectief["basiswaarde"])
        assert "nulmeting" in subjectief["toelichting"]


def test_halfway_target_is_never_worse_than_the_baseline():
    # The benchmark ratio of a later, higher provisional year must not push the target above the baseline.
    doel, reden = prioriteiten.streefwaarde(2.576, "stabiel", 2.5, 0.8 / 1.0 * 1.15 / 0.8 * 0.8, richting="lager is beter",
                                            niveau="boven")
    assert doel <= 2.576
    doel, _ = prioriteiten.streefwaarde(2.0, "stabiel", 2.0, 1.5, niveau="boven")
    assert doel == 2.0 / 1.5 + (2.0 - 2.0 / 1.5) / 2 and doel < 2.0


def test_geen_dalende_streefwaarde_bij_politie_initiatief():
    doel, reden = prioriteiten.streefwaarde(6, "stabiel", 6, 1.0, politie_initiatief=True)
    assert np.isnan(doel) and "handhaving" in reden


def test_geen_dubbele_effectindicator_met_dezelfde_cijfers():
    # 1.2 holds only 2.2.1 here: "misdrijven fysieke kwaliteit" and "vernieling" are the same numbers.
    rijen = [_rij("GM9901", 2019 + i, "2.2.1", a) for i, a in enumerate([40, 42, 41, 80])]
    rijen += [_rij("GM9901", 2019 + i, "inwoners", 30_000, bron="bevolking", eenheid="inwoners") for i in range(4)]
    tabel = cijfers.normaliseer(pd.DataFrame(rijen))
    e = indicatoren.bereken(tabel, koppeling.koppel(tabel), "GM9901", keuzes={"1.2": True}).effectindicatoren
    objectief = e[e["soort"] == "objectief"]
    assert len(objectief) == 1 and not objectief["indicator"].str.contains("Vernieling").any()
