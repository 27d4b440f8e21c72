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
    assert not {"SoortMisdrijf_actueel.csv", "DataProperties.csv", "Overlast.csv"} & gevonden


# --- Real files of issue 12: what analysts download (known values in ../shared/data/README.md) ---

@pytest.fixture(scope="module")
def diefstallen_83651():
    return bronnen.lees(SHARED / "cbs-83651NED" / "83651NED_TypedDataSet_gemeenten_2018-2021.csv")


@pytest.mark.parametrize("gebied, categorie, aantal, per_1000", [
    ("GM0363", "CRI1122", 6745, 7.7),  # Amsterdam fietsdiefstal
    ("GM0363", "CRI1137", 3280, 3.8),  # Amsterdam winkeldiefstal
    ("GM0758", "CRI1137", 515, 2.8),  # Breda winkeldiefstal
    ("GM0158", "CRI1137", 10, None),  # Haaksbergen: per 1.000 '.' (geheim)
])
def test_83651ned_bekende_waarden(diefstallen_83651, gebied, categorie, aantal, per_1000):
    df = diefstallen_83651
    assert waarde(df, gebied_code=gebied, categorie=categorie, periode=2021, eenheid="aantal") == aantal
    rate = waarde(df, gebied_code=gebied, categorie=categorie, periode=2021, eenheid="per 1.000 inwoners")
    if per_1000 is None:
        rij = df[(df["gebied_code"] == gebied) & (df["categorie"] == categorie) & (df["periode"] == 2021)
                 & (df["eenheid"] == "per 1.000 inwoners")]
        assert pd.isna(rate) and rij["ontbreekt"].iat[0] == cijfers.ONBEKEND
    else:
        assert rate == per_1000


def test_83651ned_uitsplitsing_nooit_bij_het_totaal(diefstallen_83651):
    df = diefstallen_83651
    # The total over GebruikVanGeweld is the plain code; the splits are their own categories.
    assert {"CRI1137", "CRI1137|A048105", "CRI1137|A048106"} <= set(df["categorie"])
    assert not any(c.startswith("T001540") or "T001540" in c for c in df["categorie"].cat.categories)
    gekoppeld = koppeling.koppel(df[df["periode"] == 2021])
    dekking = gekoppeld.dekking.set_index("categorie")
    assert dekking.loc["CRI1137", "thema"] == "2.1"  # veilig winkelgebied (BBV-indicator)
    for deel in ("CRI1137|A048105", "CRI1137|A048106"):
        assert dekking.loc[deel, "thema"] == "" and "niet optellen" in dekking.loc[deel, "toelichting"]
    assert (gekoppeld.dekking["status"] != koppeling.ONBEKEND).all()
    # 460 gemeente codes over 2018-2021, including gemeenten that no longer exist (rows "" / ".").
    assert df["gebied_code"].nunique() == 460
    aantallen = df[(df["eenheid"] == "aantal") & df["waarde"].notna()]
    assert (aantallen["waarde"] % 5 == 0).all()


def test_83651ned_leeg_is_geen_nul(diefstallen_83651):
    df = diefstallen_83651
    abcoude = df[df["gebied_code"] == "GM0305"]  # dissolved in 2011: no figure, never 0
    assert len(abcoude) and abcoude["waarde"].isna().all() and abcoude["ontbreekt"].notna().all()


def test_47018ned_cbsodatar_buurten_breda():
    df = bronnen.lees(SHARED / "politie-47018NED-buurt" / "47018NED_totaal_buurten_breda_2023_cbsodataR.csv")
    for buurt, verwacht in {"BU07580006": 1096, "BU07580005": 592, "BU07580002": 539, "BU07581008": 1}.items():
        assert waarde(df, gebied_code=buurt, categorie="0.0.0") == verwacht
    assert len(df) == 56 and set(df["gemeente_code"]) == {"GM0758"} and set(df["periode"]) == {2023}
    assert set(df["omschrijving"]) == {"Totaal misdrijven"}  # from the label column
    namen = bronnen.namen([SHARED / "politie-47018NED-buurt"])
    assert namen["BU07580002"] == "Chassé" and namen["BU07580006"] == "City"


def test_47021ned_overlast_per_code():
    df = bronnen.lees(SHARED / "politie-47021NED" / "47021NED_overlast_nederland_2012-2023.csv")
    assert waarde(df, categorie="0.0.0", periode=2023) == 444177
    assert waarde(df, categorie="E33", periode=2012) == 44571
    assert waarde(df, categorie="E33", periode=2023) == 141724
    assert waarde(df, categorie="E35", periode=2020) == 137946
    assert set(df["gebied_code"]) == {"NL01"} and df["gemeente_code"].isna().all()  # benchmark rows
    assert set(df["bron"]) == {"47021NED"}


def test_47021ned_codelijst_volledig_gekoppeld():
    codes = pd.read_csv(SHARED / "politie-47021NED" / "Overlast.csv", dtype=str)
    tabel = koppeling.koppeltabel()
    incidenten = tabel[tabel["bron"] == "47021NED"].set_index("categorie")
    for code in codes["Key"].str.strip():
        assert code in incidenten.index, code
        rij = incidenten.loc[code]
        assert rij["thema"] or "totaalregel" in rij["toelichting"], code
    assert incidenten.loc["E33", "thema"] == "1.1" and incidenten.loc["E35", "thema"] == "3.1"


def test_83648ned_volledige_download_met_opgeheven_gemeenten(tmp_path):
    # A full StatLine download lists all 447 regions of the release, also gemeenten that no longer
    # existed (GM0305 Abcoude, dissolved 2011) with "" (cannot occur): read, never counted.
    bron = (SHARED / "cbs-83648NED" / "83648NED_UntypedDataSet_17052018_2015_twente.csv").read_text(encoding="utf-8-sig")
    regels = bron.splitlines()
    kop, eerste = regels[0], regels[1]
    velden = eerste.split(";")
    extra = []
    for code in ("GM0305", "GM0311", "GM0064", "NL01      ", "PV23      "):
        v = list(velden)
        v[0] = '"99999"'
        v[2] = f'"{code:<10}"' if not code.endswith(" ") else f'"{code}"'
        if code.startswith("GM"):
            v[4:] = ['""'] * (len(v) - 4)
        extra.append(";".join(v))
    pad = tmp_path / "83648NED_UntypedDataSet_volledig.csv"
    pad.write_text("\ufeff" + "\n".join([kop, *regels[1:], *extra]) + "\n", encoding="utf-8")
    df = bronnen.lees(pad)
    abcoude = df[df["gebied_code"] == "GM0305"]
    assert len(abcoude) and abcoude["waarde"].isna().all() and (abcoude["ontbreekt"] == cijfers.KAN_NIET).all()
    assert waarde(df, gebied_code="GM0158", categorie="0000000", eenheid="aantal") == 620
    assert not {"NL01", "PV23"} & set(df["gebied_code"])  # regions above gemeente level are skipped here


def test_generiek_veiligheidsmonitor_regio_als_benchmark(tmp_path):
    pad = tmp_path / "vm.csv"
    pad.write_text("gemeente;periode;bron;indicator;waarde;eenheid;ondergrens;bovengrens\n"
                   "Haaksbergen;2023;Veiligheidsmonitor;voelt zich wel eens onveilig;28,1;%;25,0;31,2\n"
                   "Nederland;2023;Veiligheidsmonitor;voelt zich wel eens onveilig;33,5;%;33,2;33,8\n"
                   "Oost-Nederland (RE);2023;Veiligheidsmonitor;voelt zich wel eens onveilig;30,2;%;29,6;30,8\n"
                   "Overijssel (PV);2023;Veiligheidsmonitor;voelt zich wel eens onveilig;29,0;%;28,1;29,9\n",
                   encoding="utf-8")
    df = bronnen.lees(pad)
    assert list(df["gebied_code"]) == ["GM0158", "NL01", "RE02", "PV23"]
    assert df["gemeente_code"].isna().tolist() == [False, True, True, True]
    assert set(df["eenheid"]) == {"procent"} and waarde(df, gebied_code="NL01") == 33.5


def test_release_date_of_47018ned_comes_from_its_tableinfos():
    """The real 47018NED extract is dated by the TableInfos beside it; 83648NED has none beside it."""
    from ivpanalyse.bronnen import statline

    gelezen = bronnen.lees_bronnen([SHARED / "politie-47018NED", SHARED / "cbs-83648NED"])
    publicatie = {b.pad.name[:8]: b.publicatie for b in gelezen.bestanden}
    assert publicatie["47018NED"] == "2024-08-15" and publicatie["83648NED"] is None
    assert statline.metadata(SHARED / "cbs-83648NED" / "83648NED_UntypedDataSet_17052018_2015_twente.csv")[
        "publicatiedatum"] is None
