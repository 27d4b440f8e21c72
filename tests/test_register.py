"""Gemeente register: names, existence per year, herindelingen and restating population."""

from pathlib import Path

import pandas as pd
import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture
def shared_data():
    if not SHARED.is_dir():
        pytest.skip("../shared/data ontbreekt (echte CBS-/Politiedata alleen in de ontwikkelomgeving)")
    return SHARED

from ivpanalyse import register
from ivpanalyse.errors import InleesFout


@pytest.mark.parametrize("naam, code", [
    ("Hengelo (O.)", "GM0164"),
    ("hengelo", "GM0164"),
    ("'s-Hertogenbosch", "GM0796"),
    ("s Hertogenbosch", "GM0796"),
    ("Den Bosch", "GM0796"),
    ("Súdwest-Fryslân", "GM1900"),
    ("Sudwest Fryslan", "GM1900"),
    ("'s-Gravenhage (gemeente)", "GM0518"),
    ("Utrecht (gemeente)", "GM0344"),
    ("Bergen (NH.)", "GM0373"),
    ("HAAKSBERGEN", "GM0158"),
    ("Lindewaarde", "GM9901"),
])
def test_code_voor_naam(naam, code):
    assert register.code_voor_naam(naam) == code


def test_dubbelzinnige_naam_noemt_de_kandidaten():
    with pytest.raises(InleesFout) as fout:
        register.code_voor_naam("Bergen", bestand="x.csv", regel=4, kolom="Regio's")
    tekst = str(fout.value)
    assert "niet eenduidig" in tekst and "GM0373" in tekst and "GM0893" in tekst and "regel 4" in tekst


def test_onbekende_naam_noemt_dichtstbijzijnde():
    with pytest.raises(InleesFout, match="Haaksbergen"):
        register.code_voor_naam("Haaksberg")


def test_naam_en_bestaat():
    assert register.naam("GM0158") == "Haaksbergen"
    assert register.naam("GM1671") == "Maasdonk"
    assert register.bestaat("GM1671", 2014) and not register.bestaat("GM1671", 2015)
    assert not register.bestaat("GM1948", 2016) and register.bestaat("GM1948", 2017)
    assert register.bestaat("GM0788", 2020) and not register.bestaat("GM0788", 2021)
    assert register.bestaat("GM9903", 2030)  # fictitious demo range
    assert not register.bekend("GM0999")
    with pytest.raises(InleesFout):
        register.naam("GM0999")


def test_opvolgers():
    assert register.opvolger_nu("GM0844") == "GM1948"  # Schijndel -> Meierijstad
    assert register.opvolger_nu("GM0265") == "GM1945"  # Millingen -> Groesbeek -> Berg en Dal
    assert register.opvolger_nu("GM1671") is None  # Maasdonk: split


def test_register_dekt_alle_codes_per_jaar(shared_data):
    """Every code in CBS population 2012-2023 exists in the register in exactly those years."""
    bev = pd.read_csv(shared_data / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv", dtype={"jaar": int})
    for jaar, groep in bev.groupby("jaar"):
        for code in groep["gemeente_code"]:
            assert register.bestaat(code, jaar), (code, jaar)
    huidig = register.gemeenten()
    huidig = huidig[huidig["laatste_jaar"].isna() & ~huidig["code"].isin(["GM0000"])
                    & ~huidig["code"].str.startswith("GM99")]
    assert len(huidig) == 342
    assert set(huidig["code"]) == set(bev.loc[bev["jaar"] == 2023, "gemeente_code"])


def test_herleid_bevolking_plat():
    bev = pd.DataFrame({
        "gemeente_code": ["GM0844", "GM0846", "GM0860", "GM1948", "GM0796", "GM1671", "GM0796", "GM0158"],
        "jaar": [2016, 2016, 2016, 2017, 2014, 2014, 2015, 2016],
        "inwoners": [23000, 18000, 38000, 80000, 145000, 11000, 151000, 24000],
    })
    uit, kwaliteit = register.herleid_bevolking(bev)
    w = uit.set_index(["gemeente_code", "jaar"])["inwoners"]
    assert w[("GM1948", 2016)] == 79000
    assert w[("GM1948", 2017)] == 80000
    assert pd.isna(w[("GM0796", 2014)])  # received part of Maasdonk in 2015
    assert w[("GM0796", 2015)] == 151000
    k = kwaliteit.set_index(["gemeente_code", "periode"])["status"]
    assert k[("GM1948", 2016)] == register.HERLEID
    assert k[("GM0796", 2014)] == register.NIET_VERGELIJKBAAR
    assert k[("GM0158", 2016)] == register.VERGELIJKBAAR
    assert "GM1671" not in set(uit["gemeente_code"])


def test_herleid_bevolking_canoniek(shared_data):
    from ivpanalyse import bronnen

    bev = bronnen.lees(shared_data / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv")
    uit, kwaliteit = register.herleid_bevolking(bev, jaren=range(2014, 2024))
    meierijstad = uit[(uit["gemeente_code"] == "GM1948") & (uit["categorie"] == "inwoners")]
    assert len(meierijstad) == 10 and meierijstad["waarde"].notna().all()
    niet = kwaliteit[kwaliteit["status"] == register.NIET_VERGELIJKBAAR]
    assert {("GM0796", 2014), ("GM0828", 2014), ("GM0855", 2020), ("GM0865", 2014)} <= set(
        zip(niet["gemeente_code"], niet["periode"]))
    assert uit["periode"].min() == 2014
    assert not any("Haaren" in t for t in kwaliteit.loc[kwaliteit["status"] == register.HERLEID, "toelichting"])
