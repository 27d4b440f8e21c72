import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
POLITIE = SHARED / "politie-47018NED" / "47018NED_UntypedDataSet_gemeenten_2012-2023.csv"


def ivpanalyse(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ivpanalyse", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


@pytest.mark.skipif(not POLITIE.exists(), reason="../shared/data ontbreekt (alleen in de ontwikkelomgeving)")
def test_inlezen_gives_haaksbergen_woninginbraak(tmp_path):
    uit = tmp_path / "cijfers.csv"
    resultaat = ivpanalyse("inlezen", POLITIE, "-o", uit)
    assert resultaat.returncode == 0, resultaat.stderr
    tabel = pd.read_csv(uit, dtype={"gemeente_code": str, "categorie": str})
    rijen = tabel[(tabel["gebied_code"] == "GM0158") & (tabel["categorie"] == "1.1.1")
                  & tabel["periode"].between(2014, 2017)].sort_values("periode")
    assert rijen["waarde"].tolist() == [66, 29, 35, 32]
    assert set(rijen["bronbestand"]) == {POLITIE.name}


def test_taxonomie_json_lists_all_themes():
    resultaat = ivpanalyse("taxonomie", "--json")
    assert resultaat.returncode == 0, resultaat.stderr
    data = json.loads(resultaat.stdout)
    codes = [t["code"] for v in data["velden"] for t in v["themas"]]
    assert len(codes) == 22 and codes[0] == "1.1" and codes[-1] == "5.5"


def test_bad_input_gives_dutch_message_and_exit_2_without_traceback(tmp_path):
    slecht = tmp_path / "onbekend.csv"
    slecht.write_text("a;b;c\n1;2;3\n", encoding="utf-8")
    uit = tmp_path / "uit.csv"
    resultaat = ivpanalyse("inlezen", slecht, "-o", uit)
    assert resultaat.returncode == 2
    assert "Traceback" not in resultaat.stderr
    assert "onbekend.csv" in resultaat.stderr and "onbekende indeling" in resultaat.stderr
    assert not uit.exists()
