"""One judgement per thema and indicator (issue 9, point 2) and the nine rules of issue 10.

Real data from ``../shared/data`` where a rule is about real figures; small tables in the canonical
layout where a rule needs a trap the real extract does not hold.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ivpanalyse import api, cijfers, demo
from ivpanalyse.analyse import duiding, indicatoren, kerncijfers, koppeling, oordeel, prioriteiten

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
MISDRIJVEN = SHARED / "politie-47018NED" / "47018NED_UntypedDataSet_gemeenten_2012-2023.csv"
TOTAAL = SHARED / "politie-47013NED"
INWONERS = SHARED / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv"
TWENTE_2015 = SHARED / "cbs-83648NED" / "83648NED_UntypedDataSet_17052018_2015_twente.csv"
TWENTE = ["GM0158", "GM0153", "GM1735", "GM0141", "GM0164"]


def _echt():
    if not SHARED.is_dir():
        pytest.skip("../shared/data ontbreekt (echte data alleen in de ontwikkelomgeving)")


@pytest.fixture(scope="module")
def haaksbergen():
    _echt()
    return api.analyse("GM0158", [MISDRIJVEN, TOTAAL, INWONERS, TWENTE_2015], basisteam=TWENTE).indicatoren


@pytest.fixture(scope="module")
def den_bosch():
    _echt()
    return api.analyse("GM0796", [MISDRIJVEN, TOTAAL, INWONERS], basisteam=["GM0796", "GM1948", "GM0797"]).indicatoren


@pytest.fixture(scope="module")
def demo_ind(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("demo_oordeel")
    demo.genereer(map_)
    uit = {}
    for code in ("GM9901", "GM9902"):
        uit[code] = api.analyse(code, [map_], basisteam=["GM9901", "GM9902", "GM9903", "GM9904"]).indicatoren
    return uit


def rij(gebied, jaar, categorie, waarde, *, bron="47018NED", eenheid="aantal", status="definitief", **extra):
    return {"gemeente_code": gebied, "gebied_code": gebied, "periode": jaar, "bron": bron, "categorie": categorie,
            "omschrijving": extra.pop("omschrijving", categorie), "waarde": float(waarde), "eenheid": eenheid,
            "status": status, "bronbestand": f"{bron}.csv", **extra}


def bereken(rijen, gemeente="GM9901", **kwargs):
    tabel = cijfers.normaliseer(pd.DataFrame(rijen))
    return indicatoren.bereken(tabel, koppeling.koppel(tabel), gemeente, **kwargs)


def inwoners(gebied, n=30_000, jaren=range(2012, 2025)):
    return [rij(gebied, j, "inwoners", n, bron="bevolking", eenheid="inwoners") for j in jaren]


# ----------------------------------------------------------------------------- the contradiction test


def tegenspraak(ind: indicatoren.Indicatoren) -> list[str]:
    """Every sentence whose direction or level disagrees with the judgement columns it came from."""
    fouten = []
    z = ind.zinnen
    thema = ind.oordeel.set_index("thema")
    for r in z.to_dict("records"):
        tekst = r["tekst"]
        # Direction: a direction phrase only with its signal, and a signal's phrase always in its sentence.
        for signaal, zinnen in duiding.RICHTING.items():
            if any(p in tekst for p in zinnen) and r["signaal"] != signaal:
                fouten.append(f"{r['thema']} {r['indicator']}: '{signaal}' in tekst, signaal {r['signaal']!r}")
        if r["onderdeel"] == "signaal" and r["signaal"] in duiding.RICHTING:
            if not any(p in tekst for p in duiding.RICHTING[r["signaal"]]):
                fouten.append(f"{r['thema']}: signaal {r['signaal']} niet in de tekst")
        if re.search(r"\b(steeg|daalde) van\b", tekst):
            fouten.append(f"{r['thema']}: eerste-tegen-laatste werkwoord: {tekst[:80]}")
        # Level: each benchmark named with a judgement word must match its column.
        for b, label in oordeel.BENCHMARKS:
            for woord, waarde in ((duiding.WOORD[oordeel.BOVEN], oordeel.BOVEN),
                                  (duiding.WOORD[oordeel.ONDER], oordeel.ONDER),
                                  (duiding.WOORD[oordeel.ROND], oordeel.ROND)):
                if re.search(rf"(?<![a-z]){re.escape(woord)} {re.escape(label)} \(", tekst):
                    if r[f"niveau_{b}"] != waarde:
                        fouten.append(f"{r['thema']} {r['indicator']}: '{woord} {label}', kolom "
                                      f"{r[f'niveau_{b}']!r}")
        # The columns a thema sentence carries are the thema's own judgement.
        if r["onderdeel"] in ("signaal", "niveau") and r["thema"] in thema.index:
            o = thema.loc[r["thema"]]
            for k in ("signaal", "niveau") + tuple(f"niveau_{b}" for b, _ in oordeel.BENCHMARKS):
                if r[k] != o[k]:
                    fouten.append(f"{r['thema']}: zin {k}={r[k]!r}, oordeel {o[k]!r}")
        if "(voorlopig)" in tekst and not r["voorlopig"] and r["onderdeel"] != "indicator":
            fouten.append(f"{r['thema']}: voorlopig in tekst, kolom niet")
    for r in ind.kerncijfers.to_dict("records"):
        for signaal, zinnen in duiding.RICHTING.items():
            if any(p in r["tekst"] for p in zinnen) and r["signaal"] != signaal:
                fouten.append(f"kerncijfer {r['indicator']}: '{signaal}' tegen {r['signaal']!r}")
    return fouten


def test_geen_zin_spreekt_zijn_oordeel_tegen_echte_gemeenten(haaksbergen, den_bosch):
    for ind in (haaksbergen, den_bosch):
        assert len(ind.zinnen) > 22
        assert tegenspraak(ind) == []


def test_geen_zin_spreekt_zijn_oordeel_tegen_demo(demo_ind):
    for ind in demo_ind.values():
        assert tegenspraak(ind) == []
        # the demo has rising themes: the test must see direction sentences to mean anything
    assert any((ind.oordeel["signaal"] == "stijgend").any() for ind in demo_ind.values())


def test_tegenspraak_wordt_gevonden(haaksbergen):
    """The checker itself: a sentence that says 'boven' where the column says 'onder' is caught."""
    z = haaksbergen.zinnen.copy()
    i = z.index[(z["onderdeel"] == "niveau") & (z["niveau_vergelijkbaar"] == "onder")][0]
    z.loc[i, "tekst"] = z.loc[i, "tekst"].replace("onder vergelijkbare gemeenten (", "boven vergelijkbare gemeenten (")
    from dataclasses import replace
    assert tegenspraak(replace(haaksbergen, zinnen=z))


def test_oordeelframes_voldoen_aan_hun_schema(haaksbergen):
    for frame, soort in ((haaksbergen.oordeel, "thema"), (haaksbergen.indicator_oordeel, "indicator"),
                         (haaksbergen.kerncijfers, "kerncijfers"), (haaksbergen.zinnen, "zinnen")):
        oordeel.valideer(frame, soort)
    kapot = haaksbergen.oordeel.assign(niveau="hoog")
    with pytest.raises(Exception) as fout:
        oordeel.valideer(kapot, "thema")
    assert "niveau" in str(fout.value)


def test_een_regel_voor_niveau_score_en_tekst(den_bosch):
    o = den_bosch.oordeel.set_index("thema")
    for t, r in o.iterrows():
        if r["niveau"] == oordeel.BOVEN:
            assert r["niveau_punten"] >= 1 if "niveau_punten" in r else True
            assert "boven" in r["redenen"]
        if r["niveau"] == oordeel.ROND:
            assert r["niveau_punten"] == 0
    assert (o["niveau"] == oordeel.BOVEN).any()


# ----------------------------------------------------------------------------- rule 1: total crime


def test_totaal_haaksbergen_2023_is_524_uit_47013ned(haaksbergen):
    k = haaksbergen.kerncijfers.set_index("indicator").loc["Geregistreerde misdrijven (totaal)"]
    assert k["laatste_aantal"] == 524 and k["laatste_jaar"] == 2023 and k["bron"] == "47013NED"
    assert "524 in 2023" in k["tekst"] and k["maat"] == "per 1.000 inwoners"
    assert k["niveau_nederland"] in (oordeel.BOVEN, oordeel.ONDER, oordeel.ROND)


def test_zonder_totaalregel_geen_totaal_uit_een_som(tmp_path):
    _echt()
    ind = api.analyse("GM0158", [MISDRIJVEN, INWONERS]).indicatoren
    k = ind.kerncijfers.set_index("indicator").loc["Geregistreerde misdrijven (totaal)"]
    assert k["signaal"] == "geen cijfers" and np.isnan(k["laatste_aantal"])


def test_geweld_onvolledig_heet_geen_geweld(haaksbergen):
    k = haaksbergen.kerncijfers.set_index("indicator").loc["Geweldsmisdrijven"]
    assert k["signaal"] == "geen cijfers" and "1.4.1" in k["tekst"]
    assert "Geweldsmisdrijven" not in set(haaksbergen.indicator_oordeel["indicator"])


def test_winkeldiefstal_uit_83651ned():
    rijen = ([rij("GM0363", j, "CRI1137", 3000 + 100 * i, bron="83651NED") for i, j in enumerate(range(2018, 2022))]
             + [rij("GM0363", j, "1.1.1", 10) for j in range(2018, 2022)] + inwoners("GM0363", 870_000))
    k = bereken(rijen, "GM0363").kerncijfers.set_index("indicator").loc["Winkeldiefstal"]
    assert k["bron"] == "83651NED" and k["laatste_aantal"] == 3300 and k["afgerond_op_5"]
    assert k["waarde"] == pytest.approx(3300 / 870)


# ----------------------------------------------------------------------------- rule 2: trends


def test_coronajaren_zijn_geen_stille_referentie(haaksbergen):
    s = haaksbergen.oordeel.set_index("thema").loc["1.3"]
    assert s["referentiejaren"] == "2018, 2019 en 2022" and s["coronajaren"] == "2020, 2021"
    assert "Coronajaren (2020, 2021)" in s["toelichting"]


def test_reeks_toont_de_vorm_zonder_tegengestelde_richting():
    # A doubling over the last two years after a high first year: never "-15%" as the headline.
    aantallen = [200, 120, 90, 95, 170]
    rijen = [rij("GM9901", 2015 + i, "1.1.1", a) for i, a in enumerate(aantallen)] + inwoners("GM9901")
    ind = bereken(rijen)
    tekst = ind.duiding.set_index("thema").loc["1.3", "tekst"]
    assert "2015: 200, 2016: 120, 2017: 90, 2018: 95, 2019: 170" in tekst
    assert ind.oordeel.set_index("thema").loc["1.3", "signaal"] == "stijgend"
    assert "Betekenisvolle stijging" in tekst and "daling" not in tekst.replace("stijging of daling", "")


# ----------------------------------------------------------------------------- rule 3: source per thema


def test_ouder_los_jaar_vervangt_nooit_een_reeks_en_is_geen_kop(haaksbergen):
    o = haaksbergen.oordeel.set_index("thema")
    assert o.loc["1.3", "bron"] == "47018NED" and o.loc["1.2", "bron"] == "47018NED"
    for t in ("1.1", "4.1", "4.2", "5.1", "5.3"):  # only 83648NED 2015 in the data
        assert o.loc[t, "signaal"] == "geen cijfers" and o.loc[t, "bron"] == ""
    z = haaksbergen.zinnen
    assert not z["tekst"].str.contains(r"gemiddeld – per jaar in ,", regex=False).any()
    apart = z[(z["indicator"] == "Registraties 83648NED")]
    assert len(apart) and apart["tekst"].str.contains("afgerond op 5").all()


def test_lokale_indicatoren_worden_niet_opgeteld():
    rijen = inwoners("GM9901")
    for i, j in enumerate(range(2019, 2024)):
        rijen.append(rij("GM9901", j, "verkeer/gewonden onder 18", 3, bron="lokaal", omschrijving="Verkeer: gewonden <18"))
        rijen.append(rij("GM9901", j, "verkeer/gewonden boven 65", 8, bron="lokaal", omschrijving="Verkeer: gewonden >65"))
    eigen = pd.DataFrame({"bron": ["lokaal", "lokaal"], "categorie": ["verkeer/gewonden onder 18",
                                                                       "verkeer/gewonden boven 65"],
                          "thema": ["4.1", "4.1"], "toelichting": ["", ""]})
    tabel = cijfers.normaliseer(pd.DataFrame(rijen))
    ind = indicatoren.bereken(tabel, koppeling.koppel(tabel, eigen), "GM9901")
    assert ind.oordeel.set_index("thema").loc["4.1", "signaal"] == "geen cijfers"
    lokaal = ind.indicator_oordeel[ind.indicator_oordeel["thema"] == "4.1"]
    assert sorted(lokaal["laatste_aantal"]) == [3.0, 8.0]  # never 11


# ----------------------------------------------------------------------------- rule 4: mapping review


def test_elke_code_heeft_een_reden_en_een_label():
    tabel = koppeling.koppeltabel()
    assert (tabel["toelichting"].str.len() > 5).all()
    k = tabel[tabel["bron"] == "47018NED"].set_index("categorie")
    assert k.loc["1.6.1", "thema"] != "4.2"  # bomaanslagen are no brandveiligheid
    assert "niet alleen bedrijventerreinen" in k.loc["2.5.1", "omschrijving"]
    assert "handboek" in k.loc["3.9.1", "toelichting"]


# ----------------------------------------------------------------------------- rule 5: police-initiated


def test_politie_initiatief_geen_dalende_streefwaarde(haaksbergen):
    _echt()
    ind = api.analyse("GM0158", [MISDRIJVEN, INWONERS], keuzes={"5.2": True}).indicatoren
    o = ind.oordeel.set_index("thema").loc["5.2"]
    assert o["politie_initiatief"]
    assert "handhaving" in o["toelichting"]
    e = ind.effectindicatoren[ind.effectindicatoren["thema"] == "5.2"]
    objectief = e[e["soort"] == "objectief"]
    assert len(objectief) and objectief["streefwaarde"].isna().all()
    assert not (objectief["streefwaarde"] < objectief["basiswaarde"]).any()
    flags = koppeling.koppeltabel().set_index(["bron", "categorie"])["politie_initiatief"]
    assert flags.loc[("47018NED", "3.1.1")] == "ja" and flags.loc[("47018NED", "3.1.3")] == "ja"


def test_stijging_bij_politie_initiatief_geeft_geen_punten():
    uit = prioriteiten.score(pd.DataFrame([{"thema": "5.2", "signaal": "stijgend", "politie_initiatief": True,
                                            "piek": False}])).set_index("thema")
    assert uit.loc["5.2", "trend_punten"] == 0 and "handhaving" in uit.loc["5.2", "redenen"]


# ----------------------------------------------------------------------------- rule 6: priority score


def test_eenmalige_daling_is_geen_piek():
    rijen = [rij("GM9901", 2015 + i, "2.2.1", a) for i, a in enumerate([160, 151, 76, 58, 87])] + inwoners("GM9901")
    s = bereken(rijen).oordeel.set_index("thema").loc["1.2"]
    assert not s["piek"] and s["piekjaren"] == ""


def test_echte_piek_wel():
    rijen = [rij("GM9901", 2014 + i, "2.2.1", a) for i, a in enumerate([60, 62, 150, 61, 63])] + inwoners("GM9901")
    s = bereken(rijen).oordeel.set_index("thema").loc["1.2"]
    assert s["piek"] and s["piekjaren"] == "2016"


def test_scoretabel_heeft_redenen_voor_elk_thema(haaksbergen):
    o = haaksbergen.oordeel
    assert len(o) == 22 and (o["redenen"].str.len() > 0).all()
    assert o.set_index("thema").loc["5.3", "score"] == 0  # no figures: no high-impact point
    daling = o[o["signaal"] == "dalend"]
    assert len(daling) and (daling["trend_punten"] == 0).all()


# ----------------------------------------------------------------------------- rule 7: effectindicatoren


def test_effectindicatoren_per_1000_zonder_dubbelen(den_bosch):
    _echt()
    ind = api.analyse("GM0796", [MISDRIJVEN, INWONERS], keuzes={"1.2": True, "1.3": True}).indicatoren
    e = ind.effectindicatoren
    objectief = e[(e["soort"] == "objectief") & e["basiswaarde"].notna()]
    assert objectief["eenheid"].str.startswith("per 1.000").all()
    for _, groep in objectief.groupby("thema"):
        assert not groep["basiswaarde"].duplicated().any()
    assert set(e.groupby("thema").size()) <= {2, 3}


# ----------------------------------------------------------------------------- rule 8: benchmarks


def test_benchmarks_die_de_analist_noemt():
    _echt()
    a = api.analyse("GM0158", [MISDRIJVEN, INWONERS], 2015, 2023, basisteam=TWENTE,
                    vergelijkbaar=["GM0141", "GM0164"])
    assert a.indicatoren.vergelijking["basisteam"] == TWENTE
    assert a.indicatoren.vergelijking["vergelijkbaar"] == ["GM0141", "GM0164"]
    tj = a.indicatoren.thema_jaar
    assert tj["basisteam_per_1000"].notna().any() and tj["periode"].min() == 2015


def test_basisteam_over_herindeling_zonder_sprong():
    _echt()
    # 's-Hertogenbosch absorbed part of Maasdonk in 2015; Meierijstad was formed in 2017.
    a = api.analyse("GM0796", [MISDRIJVEN, INWONERS], basisteam=["GM0796", "GM1948"])
    tj = a.indicatoren.thema_jaar.set_index(["thema", "periode"])["basisteam_per_1000"]
    reeks = tj.loc["1.3"].dropna()
    sprongen = (reeks / reeks.shift(1) - 1).abs().dropna()
    assert sprongen.max() < 0.3


# ----------------------------------------------------------------------------- rule 9: status


def test_voorlopig_in_oordeel_en_tekst():
    rijen = [rij("GM9901", 2019 + i, "2.6.9", a) for i, a in enumerate([30, 31, 29, 30, 32])] + inwoners("GM9901")
    ind = bereken(rijen)
    s = ind.oordeel.set_index("thema").loc["4.3"]
    assert s["voorlopig"] and s["status_laatste"] == "voorlopig"
    reeks = ind.zinnen[(ind.zinnen["thema"] == "4.3") & (ind.zinnen["onderdeel"] == "reeks")].iloc[0]
    assert "2023: 32 (voorlopig)" in reeks["tekst"] and reeks["voorlopig"]


def test_kerncijfers_definities_zijn_compleet():
    d = kerncijfers.definities()
    assert {"Geregistreerde misdrijven (totaal)", "Winkeldiefstal", "Geweldsmisdrijven", "Woninginbraak",
            "Vernielingen en beschadigingen", "Verwijzingen Halt"} <= set(d["indicator"])
    assert d[d["indicator"] == "Woninginbraak"]["noemer"].eq("woningen").all()


# ----------------------------------------------------------------------------- the report only reads


def _model(analyse):
    from ivpanalyse.rapport import model

    return model.Rapport(analyse, None, {"gemeente": analyse.gemeente})


@pytest.fixture(scope="module")
def modellen(tmp_path_factory):
    _echt()
    map_ = tmp_path_factory.mktemp("demo_model")
    demo.genereer(map_)
    demo_bt = ["GM9901", "GM9902", "GM9903", "GM9904"]
    analyses = [api.analyse("GM0158", [MISDRIJVEN, TOTAAL, INWONERS, TWENTE_2015], basisteam=TWENTE),
                api.analyse("GM0796", [MISDRIJVEN, TOTAAL, INWONERS], basisteam=["GM0796", "GM1948", "GM0797"]),
                api.analyse("GM9901", [map_], basisteam=demo_bt), api.analyse("GM9902", [map_], basisteam=demo_bt)]
    return [_model(a) for a in analyses]


def test_rapportmodel_spreekt_de_oordelen_niet_tegen(modellen):
    from ivpanalyse.rapport import weergave

    for r in modellen:
        assert tegenspraak(r.ind) == []
        o = r.ind.oordeel.set_index("thema")
        beeld = weergave.samenvatting_data(r)["beeld"]
        for trend in beeld["trends"]:
            soort = "stijgend" if "stijging" in trend["woorden"] else "dalend"
            for link in trend["themas"]:
                assert o.loc[link["label"].split()[0], "signaal"] == soort
        for link in beeld["hoog"]:
            assert o.loc[link["label"].split()[0], "niveau"] == oordeel.BOVEN
        assert "1.25" not in beeld["zin"] and "in de thema's van deze analyse" not in beeld["zin"]
        overzicht = weergave._overzicht(r)
        for rij in overzicht["rijen"]:
            code = rij["thema"]["label"].split()[0]
            assert rij["signaal"] == o.loc[code, "signaal"]
            assert rij["niveau"].split()[0] in (o.loc[code, "niveau"], "–")
        k = r.ind.kerncijfers.set_index("indicator")
        for rij in overzicht["kern"]:
            if rij["met"]:
                assert rij["signaal"] == k.loc[rij["indicator"], "signaal"]
                assert rij["niveau"].split()[0] == k.loc[rij["indicator"], "niveau"]
        # the concept text shown is the analysis' sentences, nothing the view wrote
        for t in ("1.3", "2.1"):
            assert r.duidingen[t] == " ".join(x for x in r.ind.zinnen.query("thema == @t")["tekst"] if x)


def test_haaksbergen_rapport_toont_524(modellen):
    from ivpanalyse.rapport import weergave

    r = modellen[0]
    assert "524 in 2023" in weergave.samenvatting_data(r)["beeld"]["zin"]
    html = weergave.overzicht(r)
    assert "Geregistreerde misdrijven (totaal)" in html and ">524<" in html


def test_scoretabel_met_redenen_voor_elk_thema_in_het_rapport(modellen):
    from ivpanalyse import taxonomie
    from ivpanalyse.rapport import weergave

    html = weergave.prioriteiten(modellen[1])
    assert html.count("<tr><th scope=\"row\"><a href=\"#thema-") >= len(taxonomie.themas())
    assert "Score van elk thema" in html and "high impact thema" in html


def test_basisteamlijn_in_grafiek_en_tabel(modellen):
    from ivpanalyse import taxonomie
    from ivpanalyse.rapport import weergave

    html = weergave.problematiek(modellen[0], taxonomie.thema("1.3"))
    assert "Basisteam" in html


def test_batch_geeft_zijn_basisteam_aan_elk_rapport(tmp_path):
    _echt()
    from ivpanalyse.batch import uitvoering as batch
    from ivpanalyse.batch.config import Basisteam, GemeenteInstelling

    data = (MISDRIJVEN, INWONERS)
    bt = Basisteam("Twente", tuple(GemeenteInstelling(c, None, data) for c in TWENTE[:3]))
    taken = batch.taken(bt, tmp_path / "uit")
    assert [t.parameters["basisteam"] for t in taken] == [TWENTE[:3]] * 3


def test_api_rapport_geeft_benchmarks_door(monkeypatch, tmp_path):
    _echt()
    from ivpanalyse.rapport import runner

    gezien = {}
    monkeypatch.setattr(runner, "voer_uit", lambda parameters, uitvoer, **kw: gezien.update(parameters) or uitvoer)
    api.rapport("GM0158", [MISDRIJVEN, INWONERS], tmp_path / "uit", 2015, 2023, basisteam="GM0158,GM0153",
                vergelijkbaar=["GM0141"])
    assert gezien["basisteam"] == ["GM0158", "GM0153"] and gezien["vergelijkbaar"] == ["GM0141"]
    assert gezien["jaar_van"] == 2015 and gezien["koppeling_eigen"] is None
    runner.controleer_parameters(dict(gezien))


def test_milieudelicten_zijn_handhaving_zonder_dalende_streefwaarde(demo_ind):
    """Environmental offences (47018NED 2.6.x, thema 4.3) are found by inspections: a rise can mean more
    handhaving, so no decreasing target is proposed (review of the demo: 4.3 '0,7 -> 0,5')."""
    flags = koppeling.koppeltabel().set_index(["bron", "categorie"])["politie_initiatief"]
    assert all(flags.loc[("47018NED", f"2.6.{n}")] == "ja" for n in (1, 2, 3, 4, 5, 7, 8, 9, 10))
    for code, ind in demo_ind.items():
        o = ind.oordeel.set_index("thema")
        if "4.3" not in o.index or not o.loc["4.3", "politie_initiatief"]:
            continue
        e = ind.effectindicatoren[(ind.effectindicatoren["thema"] == "4.3")
                                  & (ind.effectindicatoren["soort"] == "objectief")]
        assert not (e["streefwaarde"] < e["basiswaarde"]).any(), code
    assert any("4.3" in ind.oordeel["thema"].values and ind.oordeel.set_index("thema").loc["4.3", "politie_initiatief"]
               for ind in demo_ind.values())
