import pandas as pd

from ivpanalyse import api, config, demo

def test_processed_folder_is_found_for_project_data(tmp_path):
    assert config.processed_voor(tmp_path / "data" / "raw" / "demo" / "x.csv") == tmp_path / "data" / "processed"
    assert config.processed_voor(tmp_path / "elders" / "x.csv") is None


def test_inlezen_caches_project_data_and_rereads_a_changed_file(tmp_path):
    raw = tmp_path / "data" / "raw" / "demo"
    paden = demo.genereer(raw)
    eerste = api.inlezen([raw])
    cache = sorted((tmp_path / "data" / "processed").glob("*.parquet"))
    assert len(cache) >= 2  # one per raw data file
    tweede = api.inlezen([raw])
    pd.testing.assert_frame_equal(eerste, tweede)
    assert sorted((tmp_path / "data" / "processed").glob("*.parquet")) == cache  # nothing re-read

    bevolking = paden["bevolking"]
    tekst = bevolking.read_text(encoding="utf-8").replace("GM9901,Lindewaarde,2014,84000",
                                                           "GM9901,Lindewaarde,2014,84001")
    bevolking.write_text(tekst, encoding="utf-8")
    derde = api.inlezen([raw])
    waarde = derde[(derde["gebied_code"] == "GM9901") & (derde["periode"] == 2014)
                   & (derde["categorie"] == "inwoners")]["waarde"]
    assert waarde.tolist() == [84001.0]
    assert len(sorted((tmp_path / "data" / "processed").glob("*.parquet"))) == len(cache) + 1


def test_thema_column_of_generic_files_becomes_the_gemeente_mapping(tmp_path):
    demo.genereer(tmp_path)
    (tmp_path / "lokaal.csv").write_text(
        "gemeente;gebied;periode;bron;indicator;waarde;eenheid;thema\n"
        "GM9901;;2024;Meldingen openbare ruimte;Zwerfvuil;120;aantal;1.2\n"
        "GM9901;;2025;Meldingen openbare ruimte;Zwerfvuil;150;aantal;1.2\n", encoding="utf-8")
    a = api.analyse("GM9901", [tmp_path])
    dekking = a.gekoppeld.dekking
    rij = dekking[dekking["omschrijving"].astype(str).str.contains("Zwerfvuil")]
    assert rij["thema"].tolist() == ["1.2"]
    assert rij["toelichting"].astype(str).str.contains("lokaal.csv").all()
    assert (a.gekoppeld.cijfers["thema"] == "1.2").any()
