"""Every real file in ../shared/data is read, with values known from the published tables."""

from pathlib import Path

import pandas as pd
import pytest

from ivpanalyse import bronnen, cijfers
from ivpanalyse.analyse import koppeling
from ivpanalyse.bronnen import kerncijfers

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data ontbreekt (echte data alleen in de "
                                                            "ontwikkelomgeving)")


def waarde(df, **sleutel):
    rij = df
    for k, v in sleutel.items():
        rij = rij[rij[k].astype(type(v)) == v] if k != "periode" else rij[rij[k] == v]
    assert len(rij) == 1, sleutel
    return rij["waarde"].iat[0]


@pytest.fixture(scope="module")
def misdrijven_47018():
    return bronnen.lees(SHARED / "politie-47018NED" / "47018NED_UntypedDataSet_gemeenten_2012-2023.csv")


def test_47018ned_haaksbergen_woninginbraak(misdrijven_47018):
    df = misdrijven_47018
    for jaar, verwacht in {2014: 66, 2015: 29, 2016: 35, 2017: 32}.items():
        assert waarde(df, gebied_code="GM0158", categorie="1.1.1", periode=jaar) == verwacht
    for jaar, verwacht in {2014: 17, 2015: 12, 2016: 21, 2017: 14}.items():
        assert waarde(df, gebied_code="GM0158", categorie="1.1.2", periode=jaar) == verwacht
    assert set(df["status"]) == {"definitief"}  # from Perioden.csv beside the data
    assert df["maand"].isna().all()
    assert "GM0000" in set(df["gebied_code"])  # Gemeente onbekend is kept, not an error
    assert df.loc[df["ontbreekt"].notna(), "waarde"].isna().all()
    assert df["categorie"].cat.categories.str.strip().equals(df["categorie"].cat.categories)


def test_83648ned_twente_7_cijferige_sleutels():
    df = bronnen.lees(SHARED / "cbs-83648NED" / "83648NED_UntypedDataSet_17052018_2015_twente.csv")
    assert waarde(df, gebied_code="GM0158", categorie="0000000", eenheid="aantal") == 620
    assert waarde(df, gebied_code="GM0158", categorie="0000000", eenheid="per 1.000 inwoners") == 25.5
    assert waarde(df, gebied_code="GM0153", categorie="0000000", eenheid="aantal") == 11120
    aantallen = df[(df["eenheid"] == "aantal") & df["waarde"].notna()]
    assert (aantallen["waarde"] % 5 == 0).all()  # rounded to 5 by CBS
    geheim = df[(df["eenheid"] == "per 1.000 inwoners") & (df["ontbreekt"] == cijfers.ONBEKEND)]
    assert len(geheim) > 0 and geheim["waarde"].isna().all()
    # titles come from the shipped mapping; every key is mapped or explicitly not assigned
    assert waarde(df, gebied_code="GM0158", categorie="1010100", eenheid="aantal") >= 0
    dekking = koppeling.koppel(df).dekking
    assert (dekking["status"] != koppeling.ONBEKEND).all(), dekking[dekking["status"] == koppeling.ONBEKEND]
    totaal = dekking.set_index("categorie").loc["0000000"]
    assert totaal["thema"] == "" and "totaalregel" in totaal["toelichting"]


def test_83648ned_koppeling_dekt_huidige_sleutels():
    actueel = pd.read_csv(SHARED / "cbs-83648NED" / "SoortMisdrijf_actueel.csv")
    tabel = koppeling.koppeltabel()
    bekend = set(tabel.loc[tabel["bron"] == "83648NED", "categorie"])
    assert set(actueel["Key"].str.strip()) <= bekend
    subtotalen = tabel[(tabel["bron"] == "83648NED") & tabel["toelichting"].str.startswith("subtotaal")]
    assert {"CRI1000", "CRI1100", "1000000", "1010000"} <= set(subtotalen["categorie"])


def test_47013ned_opgemaakt_namen_naar_codes():
    df = bronnen.lees(SHARED / "politie-47013NED" / "47013NED_totaal_misdrijven_2022-2023_statline.csv")
    assert waarde(df, gebied_code="GM0796", periode=2022) == 8815  # 's-Hertogenbosch
    assert waarde(df, gebied_code="GM0158", periode=2022) == 545  # Haaksbergen
    assert waarde(df, gebied_code="GM0164", periode=2023) == 3676  # Hengelo (O.)
    assert waarde(df, gebied_code="GM1900", periode=2022) == 2834  # Súdwest-Fryslân
    assert waarde(df, gebied_code="GM0518", periode=2022) == 37463  # 's-Gravenhage (gemeente)
    assert df["gemeente_code"].nunique() == 342  # Nederland, (RE), Buitenland... skipped
    assert set(df["categorie"]) == {"0.0.0"}


def test_70072ned_inwoners_en_woningen():
    df = bronnen.lees(SHARED / "cbs-bevolking" / "70072ned_UntypedDataSet_06062018_2015_twente.csv")
    assert waarde(df, gebied_code="GM0158", categorie="inwoners") == 24307
    assert waarde(df, gebied_code="GM0158", categorie="woningen") > 9000
    assert set(df["gebied_code"]) == {"GM0141", "GM0147", "GM1774", "GM0153", "GM0158", "GM0164", "GM1735",
                                      "GM0168", "GM0173"}  # NL01 and PV23 skipped
    assert set(df["bron"]) == {"70072ned"}


def test_bevolking_plat():
    df = bronnen.lees(SHARED / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv")
    assert waarde(df, gebied_code="GM0158", periode=2015) == 24320


def test_buurtbevolking_2024():
    # Amsterdam's buurt codes contain letters (BU0363AA01); read through the adapter.
    df = kerncijfers.lees(SHARED / "cbs-bevolking" / "Population85984_2024_buurten.csv")
    haaksbergen = df[df["gemeente_code"] == "GM0158"]
    assert haaksbergen["waarde"].sum() == 24335
    assert set(df["periode"]) == {2024}
    assert "BU0363AA01" in set(df["gebied_code"])


def test_buurtbevolking_2024_volledig_gevalideerd():
    df = bronnen.lees(SHARED / "cbs-bevolking" / "Population85984_2024_buurten.csv")
    assert len(df) == 14574


def test_map_met_alle_bestanden():
    gevonden = {p.name for p in bronnen.bestanden([SHARED])}
    assert "Perioden.csv" not in gevonden and "WijkenEnBuurten.csv" not in gevonden
    assert "47018NED_UntypedDataSet_gemeenten_2012-2023.csv" in gevonden
    # Metadata beside a data file (code lists, periods) is never taken as a data file of its own.
    assert not {"SoortMisdrijf_actueel.csv", "DataProperties.csv"} & gevonden
