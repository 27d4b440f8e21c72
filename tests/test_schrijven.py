"""Raw data is never written: outputs that are inputs, outputs under data/raw/, and existing files
without --overschrijf are refused with one Dutch message (exit code 2 in the CLI), and nothing changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ivpanalyse import api, atomisch
from ivpanalyse.errors import UitvoerFout

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures"
BRON = FIX / "incidenten_codes_en_omschrijvingen.csv"


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "ivpanalyse", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def project(tmp_path):
    """A project with one raw source file in data/raw/."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    bron = raw / "incidenten.csv"
    bron.write_bytes(BRON.read_bytes())
    return tmp_path


def _inhoud(map_: Path) -> dict:
    return {p: p.read_bytes() for p in map_.rglob("*") if p.is_file()}


# ------------------------------------------------------------------------------- the guard itself


def test_output_under_data_raw_is_refused_everywhere(project):
    doel = project / "data" / "raw" / "sub" / "uit.csv"
    with pytest.raises(UitvoerFout) as fout:
        atomisch.schrijf_tekst(doel, "x")
    assert "ruwe data" in str(fout.value) and str(doel) in str(fout.value)
    assert not doel.exists() and not doel.parent.exists()
    # The demo generator and the download write raw data on purpose, and say so.
    atomisch.schrijf_tekst(doel, "x", ruw=True)
    assert doel.read_text() == "x"


def test_output_through_a_link_into_data_raw_is_refused(project, tmp_path_factory):
    elders = tmp_path_factory.mktemp("elders")
    (elders / "koppeling").symlink_to(project / "data" / "raw")
    with pytest.raises(UitvoerFout, match="ruwe data"):
        atomisch.controleer_doel(elders / "koppeling" / "uit.csv")


def test_output_that_is_an_input_is_refused(project, tmp_path):
    bron = project / "data" / "raw" / "incidenten.csv"
    kopie = tmp_path / "los.csv"
    kopie.write_bytes(bron.read_bytes())
    (tmp_path / "link.csv").symlink_to(kopie)
    os.link(kopie, tmp_path / "hard.csv")
    for doel in (kopie, tmp_path / "link.csv", tmp_path / "hard.csv", tmp_path / "." / "los.csv"):
        with pytest.raises(UitvoerFout, match="invoerbestanden") as fout:
            atomisch.controleer_doel(doel, invoer=[kopie])
        assert str(kopie) in str(fout.value)


def test_data_file_in_an_input_folder_is_refused_but_a_report_is_not(tmp_path):
    (tmp_path / "in").mkdir()
    with pytest.raises(UitvoerFout, match="invoermap"):
        atomisch.controleer_doel(tmp_path / "in" / "cijfers.csv", invoer=[tmp_path / "in"])
    assert atomisch.controleer_doel(tmp_path / "in" / "rapport.html", invoer=[tmp_path / "in"])


def test_existing_file_is_kept_without_overschrijf(tmp_path):
    doel = tmp_path / "drieslag.yaml"
    doel.write_text("werk van de werkgroep")
    with pytest.raises(UitvoerFout, match="--overschrijf"):
        atomisch.schrijf_tekst(doel, "nieuw", overschrijf=False)
    assert doel.read_text() == "werk van de werkgroep"
    assert [p.name for p in tmp_path.iterdir()] == ["drieslag.yaml"]  # no temp file left behind
    atomisch.schrijf_tekst(doel, "nieuw", overschrijf=True)
    assert doel.read_text() == "nieuw"


def test_file_that_appears_while_writing_is_not_replaced(tmp_path):
    doel = tmp_path / "uit.txt"
    with pytest.raises(UitvoerFout, match="bestaat al"):
        with atomisch.atomisch_pad(doel, overschrijf=False) as tmp:
            tmp.write_text("van ons")
            doel.write_text("van een ander")
    assert doel.read_text() == "van een ander"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_folder_names_the_path(tmp_path):
    alleen_lezen = tmp_path / "ro"
    alleen_lezen.mkdir()
    alleen_lezen.chmod(0o500)
    try:
        with pytest.raises(UitvoerFout, match="geen schrijfrechten") as fout:
            atomisch.schrijf_tekst(alleen_lezen / "uit.txt", "x")
        assert str(alleen_lezen / "uit.txt") in str(fout.value)
    finally:
        alleen_lezen.chmod(0o700)


def test_file_in_the_way_and_existing_folder_name_the_path(tmp_path):
    (tmp_path / "ro").mkdir()
    (tmp_path / "bestand").write_text("x")
    with pytest.raises(UitvoerFout, match="geen map"):
        atomisch.schrijf_tekst(tmp_path / "bestand" / "uit.txt", "x")
    with pytest.raises(UitvoerFout, match="bestaande map"):
        atomisch.schrijf_tekst(tmp_path / "ro", "x")


def test_link_loop_is_a_message(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(UitvoerFout, match="kringverwijzing"):
        atomisch.schrijf_tekst(tmp_path / "a" / "uit.txt", "x")


# ------------------------------------------------------------------------------- every command


def test_api_commands_refuse_raw_and_input_outputs_before_working(project):
    bron = project / "data" / "raw" / "incidenten.csv"
    voor = _inhoud(project / "data" / "raw")
    with pytest.raises(UitvoerFout, match="ruwe data"):
        api.inlezen([bron], uit=project / "data" / "raw" / "cijfers.csv")
    with pytest.raises(UitvoerFout, match="invoerbestanden"):
        api.inlezen([bron], uit=bron)
    with pytest.raises(UitvoerFout, match="invoerbestanden"):
        api.schrijf_indicatoren("GM0158", [bron], bron)
    with pytest.raises(UitvoerFout, match="ruwe data"):
        api.rapport("GM0158", [bron], project / "data" / "raw" / "rapporten")
    with pytest.raises(UitvoerFout, match="ruwe data"):
        api.sjabloon("GM0158", project / "data" / "raw" / "drieslag.xlsx")
    with pytest.raises(UitvoerFout, match="invoerbestanden"):
        api.sjabloon("GM0158", bron, data=[bron], overschrijf=True)
    assert _inhoud(project / "data" / "raw") == voor
    assert not (project / "data" / "raw" / "rapporten").exists()


def test_batch_output_under_data_raw_is_refused_before_anything_is_made(project):
    from ivpanalyse import demo
    from ivpanalyse.batch import uitvoering

    config = demo.genereer(project / "data" / "raw" / "demo")["basisteam"]
    voor = _inhoud(project / "data" / "raw")
    with pytest.raises(UitvoerFout, match="ruwe data"):
        uitvoering.voer_uit(config, demo.BASISTEAM, uitvoer=project / "data" / "raw" / "rapporten", voortgang=False)
    assert _inhoud(project / "data" / "raw") == voor
    assert not (project / "data" / "raw" / "rapporten").exists()


def test_sjabloon_keeps_an_existing_file_without_overschrijf(tmp_path):
    doel = api.sjabloon("GM0158", tmp_path / "drieslag.yaml")
    doel.write_text("ingevuld door de werkgroep", encoding="utf-8")
    with pytest.raises(UitvoerFout, match="--overschrijf"):
        api.sjabloon("GM0158", doel)
    assert doel.read_text(encoding="utf-8") == "ingevuld door de werkgroep"
    api.sjabloon("GM0158", doel, overschrijf=True)
    assert "ingevuld door de werkgroep" not in doel.read_text(encoding="utf-8")


@pytest.mark.parametrize("opdracht", [
    ["inlezen", "{bron}", "-o", "{bron}"],
    ["inlezen", "{bron}", "-o", "{raw}/cijfers.csv"],
    ["sjabloon", "--gemeente", "GM0158", "-o", "{raw}/drieslag.xlsx"],
    ["sjabloon", "--gemeente", "GM0158", "-o", "{bestaand}"],
    ["indicatoren", "--gemeente", "GM0158", "--data", "{bron}", "-o", "{raw}/uit.csv"],
    ["rapport", "--gemeente", "GM0158", "--data", "{bron}", "-o", "{raw}/rapporten"],
])
def test_cli_refuses_with_exit_code_2_and_changes_nothing(project, opdracht):
    raw = project / "data" / "raw"
    bestaand = project / "drieslag.xlsx"
    bestaand.write_bytes(b"PK werk van de werkgroep")
    voor = _inhoud(project)
    args = [a.format(bron=raw / "incidenten.csv", raw=raw, bestaand=bestaand) for a in opdracht]
    r = _cli(*args, cwd=project)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.startswith("Uitvoerfout:") and "Traceback" not in r.stderr
    assert _inhoud(project) == voor
