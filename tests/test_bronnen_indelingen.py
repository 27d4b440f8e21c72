"""Each supported layout, on small fixtures in real layouts named after the trap they exercise."""

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ivpanalyse import bronnen, cijfers
from ivpanalyse.analyse import koppeling
from ivpanalyse.bronnen import (cache, download, generiek, incidenten, kerncijfers, odata, statline,
                                statline_opgemaakt)
from ivpanalyse.errors import InleesFout

FIX = Path(__file__).parent / "fixtures"


def rij(df, **sleutel):
    m = np.ones(len(df), dtype=bool)
    for k, v in sleutel.items():
        kol = df[k]
        m &= (kol.isna() if v is None else (kol.astype(object) == v)).to_numpy(dtype=bool)
    assert m.sum() == 1, (sleutel, m.sum())
    return df[m].iloc[0]


@pytest.mark.parametrize("bestand, adapter", [
    ("47022NED_maand_en_jaar.csv", statline),
    ("47018NED_TypedDataSet_leeg_is_onbekend.csv", statline),
    ("47018NED_UntypedDataSet_wijk_buurt_opvulling.csv", statline),
    ("47013NED_opgemaakt_voorlopig_jaar.csv", statline_opgemaakt),
    ("incidenten_codes_en_omschrijvingen.csv", incidenten),
    ("incidenten_werkblad.xlsx", incidenten),
    ("generiek_vm_en_lokaal.csv", generiek),
    ("85984NED_kwb_woningvoorraad.csv", kerncijfers),
    ("bevolking_demogemeente.csv", bronnen.bevolking),
    ("cbsodata_47018NED/TypedDataSet.json", odata),
])
def test_indeling_herkend_op_inhoud(bestand, adapter, tmp_path):
    # recognition is by content: a neutral file name must give the same adapter
    neutraal = tmp_path / ("x" + Path(bestand).suffix)
    shutil.copy(FIX / bestand, neutraal)
    assert bronnen.herken(FIX / bestand) is adapter
    assert bronnen.herken(neutraal) is adapter


def test_maandcijfers_naast_jaarcijfers():
    df = bronnen.lees(FIX / "47022NED_maand_en_jaar.csv")
    assert rij(df, periode=2023, maand=None)["waarde"] == 30
    assert rij(df, periode=2023, maand=1)["waarde"] == 4
    februari = rij(df, periode=2023, maand=2)
    assert np.isnan(februari["waarde"]) and februari["ontbreekt"] == cijfers.ONBEKEND
    assert set(df["bron"]) == {"47022NED"}


def test_typed_leeg_is_onbekend():
    df = bronnen.lees(FIX / "47018NED_TypedDataSet_leeg_is_onbekend.csv")
    assert rij(df, gebied_code="WK015801")["ontbreekt"] == cijfers.ONBEKEND


def test_untyped_opvulling_punt_en_leeg():
    df = bronnen.lees(FIX / "47018NED_UntypedDataSet_wijk_buurt_opvulling.csv")
    assert set(df["gebied_code"]) == {"GM0158", "WK015801", "BU01580101", "BU01580102"}
    assert set(df["gemeente_code"]) == {"GM0158"}
    assert rij(df, gebied_code="BU01580101", categorie="1.1.2")["ontbreekt"] == cijfers.ONBEKEND
    assert rij(df, gebied_code="BU01580102", categorie="1.1.2")["ontbreekt"] == cijfers.KAN_NIET
    assert rij(df, gebied_code="BU01580101", categorie="1.1.1")["waarde"] == 3
    assert rij(df, gebied_code="GM0158", categorie="1.1.1")["omschrijving"] == "1.1.1 Diefstal/inbraak woning"


def test_opgemaakt_voorlopig_jaar_en_namen():
    df = bronnen.lees(FIX / "47013NED_opgemaakt_voorlopig_jaar.csv")
    assert rij(df, gebied_code="GM0164", periode=2022)["waarde"] == 80
    assert rij(df, gebied_code="GM0796", periode=2023)["status"] == "voorlopig"
    assert rij(df, gebied_code="GM0796", periode=2022)["status"] == "definitief"
    assert rij(df, gebied_code="GM1900", periode=2023)["ontbreekt"] == cijfers.ONBEKEND
    assert set(df["categorie"]) == {"1.1.1"}
    assert set(df["gemeente_code"]) == {"GM0164", "GM0796", "GM1900"}


def test_opgemaakt_dubbelzinnige_naam():
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(FIX / "47013NED_opgemaakt_dubbelzinnige_naam.csv")
    tekst = str(fout.value)
    assert "Bergen (NH.)" in tekst and "Bergen (L.)" in tekst and "regel 8" in tekst


def test_incidenten_codes_en_koppeling():
    df = bronnen.lees(FIX / "incidenten_codes_en_omschrijvingen.csv")
    assert set(df["bron"]) == {"incidenten"}
    assert rij(df, categorie="E33")["waarde"] == 41
    assert rij(df, categorie="overlast jeugd")["waarde"] == 63  # unknown code F21, known label
    assert rij(df, categorie="burenruzie")["maand"] == 3
    assert rij(df, categorie="X99")["gebied_code"] == "GM0158"  # name resolved
    gekoppeld = koppeling.koppel(df)
    themas = dict(zip(gekoppeld.cijfers["categorie"], gekoppeld.cijfers["thema"]))
    assert themas == {"E33": "1.1", "overlast jeugd": "3.1", "burenruzie": "1.1"}
    status = dict(zip(gekoppeld.dekking["categorie"], gekoppeld.dekking["status"]))
    assert status["X99"] == koppeling.ONBEKEND


def test_incidenten_xlsx():
    df = bronnen.lees(FIX / "incidenten_werkblad.xlsx")
    assert rij(df, categorie="E33")["waarde"] == 38
    assert rij(df, categorie="geluidsoverlast")["periode"] == 2022


def test_generiek_vm_en_lokaal():
    df = bronnen.lees(FIX / "generiek_vm_en_lokaal.csv")
    vm = rij(df, categorie="voelt zich wel eens onveilig")
    assert (vm["bron"], vm["waarde"], vm["ondergrens"], vm["bovengrens"]) == ("veiligheidsmonitor", 31.2, 28.9, 33.5)
    assert rij(df, categorie="schaalscore sociale overlast")["gebied_code"] == "WK015801"
    zwerfvuil = rij(df, categorie="meldingen openbare ruimte/zwerfvuil")
    assert (zwerfvuil["bron"], zwerfvuil["maand"]) == ("lokaal", 5)
    assert rij(df, categorie="halt/verwijzingen")["ontbreekt"] == cijfers.ONBEKEND
    eigen = generiek.eigen_koppeling(FIX / "generiek_vm_en_lokaal.csv")
    assert dict(zip(eigen["categorie"], eigen["thema"])) == {"meldingen openbare ruimte/zwerfvuil": "1.2",
                                                              "halt/verwijzingen": "3.2"}
    vm_dekking = koppeling.koppel(df).dekking
    vm_dekking = vm_dekking[vm_dekking["bron"] == "veiligheidsmonitor"]
    assert (vm_dekking["status"] == koppeling.TOEGEWEZEN).all()


def test_kwb_woningvoorraad():
    df = bronnen.lees(FIX / "85984NED_kwb_woningvoorraad.csv")
    assert rij(df, gebied_code="GM0158", categorie="woningen")["waarde"] == 10650
    assert rij(df, gebied_code="WK015801", categorie="inwoners")["periode"] == 2024
    assert rij(df, gebied_code="BU01580101", categorie="inwoners")["ontbreekt"] == cijfers.ONBEKEND
    assert rij(df, gebied_code="GM0158", categorie="woningen")["eenheid"] == "woningen"


def test_demogemeente_toegestaan():
    df = bronnen.lees(FIX / "bevolking_demogemeente.csv")
    assert rij(df, categorie="woningen")["gemeente_code"] == "GM9901"


def test_overlap_gelijk_samengevoegd_conflict_fout():
    df = bronnen.lees_alles([FIX / "bevolking_overlap_a.csv", FIX / "bevolking_overlap_b.csv"])
    assert sorted(df["periode"]) == [2022, 2023, 2024]
    with pytest.raises(InleesFout) as fout:
        bronnen.lees_alles([FIX / "bevolking_overlap_a.csv", FIX / "bevolking_conflict.csv"])
    assert "bevolking_overlap_a.csv" in str(fout.value) and "bevolking_conflict.csv" in str(fout.value)


def test_odata_map_van_cbsodata():
    df = bronnen.lees(FIX / "cbsodata_47018NED" / "TypedDataSet.json")
    assert set(df["bron"]) == {"47018NED"}
    assert rij(df, gebied_code="GM0158", categorie="1.1.1", periode=2023)["status"] == "voorlopig"
    assert rij(df, gebied_code="GM0158", categorie="1.1.1", periode=2022)["waarde"] == 24
    assert rij(df, gebied_code="WK015801")["ontbreekt"] == cijfers.ONBEKEND
    assert rij(df, categorie="0.0.0")["omschrijving"] == "Totaal misdrijven"
    assert odata.metadata(FIX / "cbsodata_47018NED" / "TypedDataSet.json")["publicatiedatum"].startswith("2024-03-28")
    # a folder yields only the data set, not the metadata JSON
    assert [p.name for p in bronnen.bestanden([FIX / "cbsodata_47018NED"])] == ["TypedDataSet.json"]


def test_odata_een_bestand_met_dict(tmp_path):
    inhoud = {n: json.loads((FIX / "cbsodata_47018NED" / f"{n}.json").read_text())
              for n in ("TableInfos", "Perioden", "SoortMisdrijf", "TypedDataSet")}
    pad = tmp_path / "download.json"
    pad.write_text(json.dumps(inhoud))
    df = bronnen.lees(pad)
    assert rij(df, gebied_code="GM0158", categorie="0.0.0")["waarde"] == 530


class OpgenomenCbs:
    """Stands in for the cbsodata module with recorded responses (no network)."""

    def __init__(self):
        self.aanroepen = []

    def get_meta(self, tabel, naam):
        return json.loads((FIX / "cbsodata_47018NED" / f"{naam}.json").read_text())

    def download_data(self, tabel, dir=None, typed=False, filters=None):  # noqa: A002 - cbsodata's name
        self.aanroepen.append((tabel, typed, filters))
        data = {}
        for bron in (FIX / "cbsodata_47018NED").glob("*.json"):
            data[bron.stem] = json.loads(bron.read_text())
            shutil.copy(bron, Path(dir) / bron.name)
        return data


class GeenNetwerk:
    def get_meta(self, tabel, naam):
        raise ConnectionError("Failed to establish a new connection")


def test_download_met_opgenomen_antwoorden(tmp_path):
    client = OpgenomenCbs()
    map_ = download.download("47018NED", ["GM0158"], tmp_path / "raw", client=client)
    assert map_.name == "47018NED_20240328"
    meta = json.loads((map_ / "bron.json").read_text())
    assert meta["tabel"] == "47018NED" and meta["publicatiedatum"].startswith("2024-03-28")
    assert "startswith(WijkenEnBuurten,'BU0158')" in client.aanroepen[0][2]
    df = bronnen.lees_alles([map_])
    assert rij(df, gebied_code="GM0158", categorie="1.1.1", periode=2022)["waarde"] == 24


def test_download_fouten(tmp_path):
    with pytest.raises(InleesFout, match="offline|online"):
        download.download("47018NED", ["GM0158"], tmp_path, client=GeenNetwerk())
    assert not any(tmp_path.iterdir())  # no partial folder left behind
    with pytest.raises(InleesFout, match="gemeentecode"):
        download.download("47018NED", ["GM0999"], tmp_path, client=GeenNetwerk())
    with pytest.raises(InleesFout, match="tabelnummer"):
        download.download("47018", ["GM0158"], tmp_path, client=GeenNetwerk())


def test_cache_op_inhoud(tmp_path, monkeypatch):
    ruw = tmp_path / "inwoners.csv"
    ruw.write_text("gemeente_code,jaar,inwoners\nGM0158,2023,24600\n")
    verwerkt = tmp_path / "processed"
    teller = {"n": 0}
    echt = bronnen.bevolking.lees

    def tellend(pad):
        teller["n"] += 1
        return echt(pad)

    monkeypatch.setattr(bronnen.bevolking, "lees", tellend)
    eerste = bronnen.lees(ruw, cache_map=verwerkt)
    tweede = bronnen.lees(ruw, cache_map=verwerkt)
    assert teller["n"] == 1
    pd.testing.assert_frame_equal(eerste, tweede)
    assert len(list(verwerkt.glob("*.parquet"))) == 1
    ruw.write_text("gemeente_code,jaar,inwoners\nGM0158,2023,24601\n")
    derde = bronnen.lees(ruw, cache_map=verwerkt)
    assert teller["n"] == 2 and derde["waarde"].iat[0] == 24601
    assert cache.sleutel(ruw) != cache.sleutel(FIX / "bevolking_overlap_a.csv")


def test_statline_tabelvorm_historische_namen_en_lege_rijen():
    # StatLine's CSV export in table form: labels per dimension, unit in the measure's header,
    # decimal comma, BOM, historic names, empty rows for a gemeente that no longer existed.
    from ivpanalyse import bronnen, cijfers

    df = bronnen.lees(FIX / "47013NED_statline_tabel_historische_namen.csv")
    rij = lambda g, j, e: df[(df["gebied_code"] == g) & (df["periode"] == j) & (df["eenheid"] == e)]  # noqa: E731
    assert rij("GM0888", 2022, "aantal")["waarde"].iat[0] == 635  # Beek (L.)
    assert rij("GM0518", 2023, "aantal")["waarde"].iat[0] == 37483  # 's-Gravenhage (gemeente)
    assert rij("GM0158", 2022, "per 1.000 inwoners")["waarde"].iat[0] == 22.3  # decimal comma
    assert rij("GM0158", 2023, "aantal")["status"].iat[0] == "voorlopig"  # 2023*
    abcoude = df[df["gebied_code"] == "GM0305"]
    assert len(abcoude) and abcoude["waarde"].isna().all() and (abcoude["ontbreekt"] == cijfers.KAN_NIET).all()
    assert set(df["categorie"]) == {"0.0.0"} and set(df["bron"]) == {"47013NED"}
    assert not {"NL01", "RE02"} & set(df["gebied_code"])  # Nederland and (RE) are skipped


def test_statline_tabelvorm_onbekende_soort(tmp_path):
    from ivpanalyse import bronnen
    from ivpanalyse.errors import InleesFout

    pad = tmp_path / "47018NED_tabel.csv"
    pad.write_text('\ufeff"Soort misdrijf";"Regio\'s";"Perioden";"Geregistreerde misdrijven (aantal)"\n'
                   '"Diefstal van kunst";"Haaksbergen";"2022";"5"\n', encoding="utf-8")
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(pad)
    assert fout.value.regel == 2 and fout.value.kolom == "Soort misdrijf" and "codelijst" in str(fout.value)
