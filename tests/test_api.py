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


# --------------------------------------------------------------------------- a small public API

import ast
import importlib

import nbformat

import ivpanalyse
from ivpanalyse.config import notebook_path


def test_package_and_api_declare_their_public_names():
    assert {"__version__", "api", "IvpFout", "RapportFout"} <= set(ivpanalyse.__all__)
    for naam in ivpanalyse.__all__:
        assert getattr(ivpanalyse, naam) is not None
    for naam in api.__all__:
        assert callable(getattr(api, naam)), naam
    assert not [n for n in api.__all__ if n.startswith("_")]


def _gebruikte_namen(bron: str) -> list[tuple[str, str]]:
    """(module, name) for every ivpanalyse name the code uses: imported names and module attributes."""
    boom = ast.parse(bron)
    modules: dict[str, str] = {}  # local name -> ivpanalyse module
    uit = []
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.ImportFrom) and (knoop.module or "").startswith("ivpanalyse"):
            for alias in knoop.names:
                volledig = f"{knoop.module}.{alias.name}"
                try:
                    importlib.import_module(volledig)
                    modules[alias.asname or alias.name] = volledig
                except ImportError:
                    uit.append((knoop.module, alias.name))
        elif isinstance(knoop, ast.Import):
            for alias in knoop.names:
                if alias.name.startswith("ivpanalyse"):
                    modules[alias.asname or alias.name] = alias.name
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Attribute) and isinstance(knoop.value, ast.Name) and knoop.value.id in modules:
            uit.append((modules[knoop.value.id], knoop.attr))
    return uit


def test_notebook_calls_only_public_names():
    nb = nbformat.read(notebook_path(), as_version=4)
    bron = "\n".join(c.source for c in nb.cells if c.cell_type == "code" and not c.source.lstrip().startswith("%"))
    gebruikt = _gebruikte_namen(bron)
    assert ("ivpanalyse.api", "analyse") in gebruikt
    niet_publiek = [(m, n) for m, n in gebruikt if n not in getattr(importlib.import_module(m), "__all__", ())]
    assert niet_publiek == []


def test_public_name_check_catches_a_private_call():
    assert _gebruikte_namen("from ivpanalyse import api\napi._bevat(1, 2)\n") == [("ivpanalyse.api", "_bevat")]


def test_every_public_function_of_api_is_in_all():
    eigen = {naam for naam, obj in vars(api).items()
             if not naam.startswith("_") and getattr(obj, "__module__", None) == "ivpanalyse.api"
             and callable(obj)}
    assert eigen == set(api.__all__)


def test_a_period_check_before_the_kernel_makes_the_stage_the_report_reads(demo_data, tmp_path, monkeypatch):
    """controleer_vooraf with --van/--tot reads the data once, into the national stage; the kernel then
    only reads its slice (before, the parent read everything and the kernel read it all again)."""
    from ivpanalyse.analyse import landelijk

    monkeypatch.setenv("IVPANALYSE_CACHE", str(tmp_path / "cache"))
    data = [demo_data]
    sleutel = landelijk.sleutel(data, 2016, None)
    assert not (landelijk.map_voor(data) / sleutel).exists()
    api.controleer_vooraf("GM9901", data, 2016, None)
    assert (landelijk.map_voor(data) / sleutel / landelijk.KLAAR).is_file()
    gelezen = []
    monkeypatch.setattr(landelijk, "bereken", lambda *a, **k: gelezen.append(a) or None)
    stage = landelijk.voor("GM9901", data, 2016, None)  # what the kernel's api.analyse does
    assert gelezen == [] and int(stage.cijfers["periode"].min()) >= 2016
