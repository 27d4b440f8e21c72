"""Mapping source categories onto thema's: coverage, own files, totals never mapped."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ivpanalyse import bronnen, cijfers
from ivpanalyse.analyse import koppeling
from ivpanalyse.errors import KoppelFout

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ECHT = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data ontbreekt (echte data alleen in de "
                                                      "ontwikkelomgeving)")
TWAALF = ["1.1.1", "1.1.2", "1.2.1", "1.2.2", "1.2.3", "1.4.2", "1.4.4", "1.4.5", "2.2.1", "2.5.1", "3.1.1", "3.1.3"]


def canoniek(rijen: list[dict]) -> pd.DataFrame:
    """A small canonical table; defaults fill what a test does not care about."""
    basis = {"gemeente_code": "GM9901", "gebied_code": "GM9901", "periode": 2020, "bron": "47018NED",
             "omschrijving": "x", "eenheid": "aantal", "status": "definitief", "bronbestand": "test.csv", "waarde": 1.0}
    return cijfers.normaliseer(pd.DataFrame([{**basis, **r} for r in rijen]))


@ECHT
def test_twaalf_codes_landen_voor_elke_gemeente_in_een_thema():
    tabel = bronnen.lees(SHARED / "politie-47018NED" / "47018NED_UntypedDataSet_gemeenten_2012-2023.csv")
    gekoppeld = koppeling.koppel(tabel)
    assert set(gekoppeld.dekking["categorie"]) == set(TWAALF)
    assert (gekoppeld.dekking["status"] == koppeling.TOEGEWEZEN).all()
    paren = gekoppeld.cijfers[["gebied_code", "categorie"]].astype(str).drop_duplicates()
    per_gemeente = paren.groupby("gebied_code")["categorie"].nunique()
    assert len(per_gemeente) == tabel["gebied_code"].nunique() >= 343
    assert (per_gemeente == 12).all()
    assert gekoppeld.cijfers["thema"].ne("").all()


@ECHT
def test_volledige_codelijst_47018ned_heeft_geen_onverklaarde_regels():
    lijst = pd.read_csv(SHARED / "politie-47018NED" / "SoortMisdrijf.csv", dtype=str)
    dekking = koppeling.dekking_codes("47018NED", lijst["Key"], lijst["Title"])
    assert len(dekking) == lijst["Key"].str.strip().nunique() > 50
    assert not (dekking["status"] == koppeling.ONBEKEND).any()
    niet = dekking[dekking["status"] == koppeling.NIET_TOEGEWEZEN]
    assert "0.0.0" in set(niet["categorie"])
    assert niet["toelichting"].str.len().gt(10).all()


def test_nieuwe_categorie_wordt_gemeld_en_niet_stil_weggelaten():
    tabel = canoniek([{"categorie": "1.1.1"}, {"categorie": "9.9.9", "omschrijving": "Nieuw delict"}])
    gekoppeld = koppeling.koppel(tabel)
    nieuw = gekoppeld.dekking.set_index("categorie").loc["9.9.9"]
    assert nieuw["status"] == koppeling.ONBEKEND
    assert nieuw["omschrijving"] == "Nieuw delict"
    assert "koppeltabel" in nieuw["toelichting"]
    assert set(gekoppeld.cijfers["categorie"]) == {"1.1.1"}


def test_eigen_koppelbestand_overschrijft_en_breidt_uit(tmp_path):
    eigen = tmp_path / "koppeling_haaksbergen.csv"
    eigen.write_text("bron,categorie,omschrijving,thema,toelichting\n"
                     "47018NED,2.1.1,Drugs/drankoverlast,3.3,bij ons vooral jongeren\n"
                     "lokaal,meldingen/zwerfvuil,Zwerfvuil,1.2,meldingen openbare ruimte\n", encoding="utf-8")
    tabel = canoniek([{"categorie": "2.1.1"}, {"categorie": "1.1.1"},
                      {"bron": "lokaal", "categorie": "meldingen/zwerfvuil"}])
    gekoppeld = koppeling.koppel(tabel, eigen)
    dekking = gekoppeld.dekking.set_index(["bron", "categorie"])
    assert dekking.loc[("47018NED", "2.1.1"), "thema"] == "3.3"
    assert dekking.loc[("47018NED", "2.1.1"), "herkomst"] == eigen.name
    assert dekking.loc[("lokaal", "meldingen/zwerfvuil"), "thema"] == "1.2"
    assert dekking.loc[("47018NED", "1.1.1"), "herkomst"] == koppeling.STANDAARD
    thema = dict(zip(gekoppeld.cijfers["categorie"], gekoppeld.cijfers["thema"]))
    assert thema == {"2.1.1": "3.3", "1.1.1": "1.3", "meldingen/zwerfvuil": "1.2"}


def test_eigen_koppeling_als_tabel_in_geheugen():
    eigen = pd.DataFrame({"bron": ["lokaal"], "categorie": ["halt/verwijzingen"], "thema": ["3.2"],
                          "toelichting": ["Halt-verwijzingen"]})
    gekoppeld = koppeling.koppel(canoniek([{"bron": "lokaal", "categorie": "halt/verwijzingen"}]), eigen)
    assert gekoppeld.cijfers["thema"].tolist() == ["3.2"]


@pytest.mark.parametrize("bron, categorie", [("47018NED", "0.0.0"), ("83648NED", "CRI1000"), ("83648NED", "1010000")])
def test_totaalregel_kan_geen_thema_krijgen(tmp_path, bron, categorie):
    eigen = tmp_path / "eigen.csv"
    eigen.write_text(f"bron,categorie,thema,toelichting\n{bron},{categorie},1.3,alles\n", encoding="utf-8")
    with pytest.raises(KoppelFout) as fout:
        koppeling.koppeltabel(eigen)
    assert fout.value.regel == 2
    assert fout.value.kolom == "thema"
    assert categorie in fout.value.waarde
    assert "twee keer" in str(fout.value)


@pytest.mark.parametrize("regels, reden, kolom", [
    ("47018NED,1.1.1,9.9,x", "onbekende themacode", "thema"),
    ("47018NED,1.1.1,,", "zonder reden", "toelichting"),
    ("47018NED,1.1.1,1.3,x\n47018NED,1.1.1,1.2,y", "twee keer", "categorie"),
])
def test_fout_in_eigen_koppelbestand_noemt_regel_en_kolom(tmp_path, regels, reden, kolom):
    eigen = tmp_path / "eigen.csv"
    eigen.write_text("bron,categorie,thema,toelichting\n" + regels + "\n", encoding="utf-8")
    with pytest.raises(KoppelFout) as fout:
        koppeling.koppeltabel(eigen)
    assert reden in str(fout.value)
    assert fout.value.kolom == kolom
    assert fout.value.bestand == str(eigen)
    assert isinstance(fout.value.regel, int) and fout.value.regel >= 2


def test_noemers_worden_nooit_aan_een_thema_gekoppeld(tmp_path):
    eigen = tmp_path / "eigen.csv"
    eigen.write_text("bron,categorie,thema,toelichting\nkwb,inwoners,1.1,fout bedoeld\n", encoding="utf-8")
    tabel = canoniek([{"bron": "kwb", "categorie": "inwoners", "eenheid": "inwoners", "waarde": 1000.0},
                      {"bron": "bevolking", "categorie": "inwoners", "eenheid": "inwoners", "waarde": 1000.0}])
    gekoppeld = koppeling.koppel(tabel, eigen)
    assert gekoppeld.cijfers.empty
    assert "bevolking" not in set(gekoppeld.dekking["bron"])


def test_elke_bron_categorie_heeft_hooguit_een_thema():
    tabel = koppeling.koppeltabel()
    assert not tabel.duplicated(["bron", "categorie"]).any()
    totalen = tabel[tabel["toelichting"].str.lower().str.startswith(koppeling.TOTAAL_PREFIXEN)]
    assert len(totalen) > 10
    assert (totalen["thema"] == "").all()
    assert np.isin(tabel["herkomst"], [koppeling.STANDAARD]).all()


@pytest.mark.parametrize("kopie", ["47013NED", "47022NED"])
def test_politietabellen_met_dezelfde_codes_koppelen_gelijk(kopie):
    tabel = koppeling.koppeltabel()
    origineel = tabel[tabel["bron"] == "47018NED"].set_index("categorie")["thema"]
    andere = tabel[tabel["bron"] == kopie].set_index("categorie")["thema"]
    assert andere.sort_index().equals(origineel.sort_index())


def test_one_label_per_category_the_table_and_the_indicator_text_agree():
    """3.1.3 counts weapon trade and possession: the mapping label and the indicator name say the same."""
    from ivpanalyse.config import package_data

    tabel = koppeling.koppeltabel()
    labels = set(tabel.loc[tabel["categorie"].astype(str) == "3.1.3", "omschrijving"])
    indicatoren = pd.read_csv(package_data("indicatoren.csv"), comment="#", dtype=str)
    naam = indicatoren.loc[indicatoren["categorieen"] == "3.1.3", "indicator"].item()
    assert labels == {f"3.1.3 {naam}"}
