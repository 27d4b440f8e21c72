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


# --------------------------------------------------------------------------- Dutch throughout

import ast
import re

import click
from click.testing import CliRunner

from ivpanalyse import __version__, demo as _demo
from ivpanalyse.cli import VERTALING, app

OPDRACHTEN = sorted(app.commands)
CLICK_MODULES = ["core", "decorators", "exceptions", "formatting", "parser", "types"]


def _click_berichten() -> set[str]:
    """Every message id click passes to gettext in the modules that make help and usage errors."""
    uit = set()
    for naam in CLICK_MODULES:
        bron = (Path(click.__file__).parent / f"{naam}.py").read_text(encoding="utf-8")
        for knoop in ast.walk(ast.parse(bron)):
            if isinstance(knoop, ast.Call) and getattr(knoop.func, "id", None) in ("_", "ngettext"):
                uit |= {a.value for a in knoop.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return uit


def _engelse_zinsdelen() -> set[str]:
    """The literal parts of click's messages (between placeholders), plus its metavars and type names."""
    delen = {"[OPTIONS]", "COMMAND [ARGS]", "TEXT", "INTEGER", "PATH", "FILENAME", "BOOLEAN", "[default:",
             "[required]", "Usage:", "Options:", "Commands:", "Error:"}
    for bericht in _click_berichten():
        for deel in re.split(r"\{[^}]*\}|%\([^)]*\)s", bericht):
            deel = deel.strip(" .:()?!'\n\t")
            if len(deel.split()) >= 2:  # single words (e.g. 'file') also occur in Dutch text
                delen.add(deel)
    return delen


def test_every_click_message_has_a_dutch_text():
    assert _click_berichten() - set(VERTALING) == set()


@pytest.mark.parametrize("args", [
    ["--help"],
    *[[opdracht, "--help"] for opdracht in OPDRACHTEN],
    ["rapport", "--gemeent", "GM0158"],                       # typo in an option
    ["rapport", "--data", "x"],                                # missing option
    ["rapprt"],                                                # unknown command
    ["inlezen"],                                               # missing argument
    ["taxonomie", "extra"],                                    # extra argument
    ["rapport", "--gemeente", "GM0158", "--data", "x", "--van", "twintig"],  # not a number
    ["batch", "--config", "x.yaml", "-j", "0"],               # below the minimum
    ["rapport", "--gemeente"],                                 # option without its value
    ["taxonomie", "--json=ja"],                                # a flag with a value
])
def test_help_and_usage_errors_contain_no_english_phrases_of_click(args):
    resultaat = CliRunner().invoke(app, args, prog_name="ivpanalyse")
    assert resultaat.exit_code == (0 if "--help" in args else 2), resultaat.output
    engels = [deel for deel in _engelse_zinsdelen() if deel.lower() in resultaat.output.lower()]
    assert engels == [], resultaat.output
    assert "Traceback" not in resultaat.output
    if "--help" not in args:
        assert "Fout: " in resultaat.output


def test_usage_error_suggests_the_option_meant():
    resultaat = CliRunner().invoke(app, ["rapport", "--gemeent", "GM0158"], prog_name="ivpanalyse")
    fout = resultaat.output.splitlines()[-1].replace("'", "")  # click 8.1 quotes neither name
    assert fout.startswith("Fout: Onbekende optie") and "--gemeent" in fout and "Bedoelde u --gemeente?" in fout


def test_every_option_has_one_spelling_across_commands():
    namen: dict[str, set[tuple[str, ...]]] = {}
    for opdracht in app.commands.values():
        for p in opdracht.params:
            if isinstance(p, click.Option):
                namen.setdefault(p.name, set()).add(tuple(sorted(p.opts)))
                assert p.metavar or p.is_flag or p.count, f"{opdracht.name} {p.opts}: geen Nederlandse metavar"
    assert {n: s for n, s in namen.items() if len(s) > 1} == {}
    assert namen["uitvoer"] == {("--uitvoer", "-o")}


def test_versie():
    resultaat = ivpanalyse("--versie")
    assert resultaat.returncode == 0 and resultaat.stdout.strip() == f"ivpanalyse {__version__}"


@pytest.mark.parametrize("args, data", [
    (["--data", "a", "b", "c"], ("a", "b", "c")),
    (["--data", "a", "--data", "b"], ("a", "b")),
    (["--data", "a", "b", "-o", "uit.csv", "--data", "c"], ("a", "b", "c")),
    (["--data=a", "--gemeente", "GM0158"], ("a",)),
])
def test_data_takes_several_paths_after_one_flag(args, data):
    basis = ["--gemeente", "GM0158", "-o", "uit.csv"] if "--gemeente" not in args else ["-o", "uit.csv"]
    ctx = app.commands["indicatoren"].make_context("indicatoren", basis + args)
    assert ctx.params["data"] == tuple(Path(d) for d in data)
    assert ctx.params["gemeente"] == "GM0158"


def test_several_data_paths_reach_the_analysis(tmp_path):
    paden = _demo.genereer(tmp_path / "data" / "raw" / "demo")
    misdrijven, bevolking = str(paden["misdrijven"]), str(paden["bevolking"])
    uit = {}
    for naam, data in (("een vlag", ["--data", misdrijven, bevolking]),
                       ("twee vlaggen", ["--data", misdrijven, "--data", bevolking])):
        uit[naam] = tmp_path / f"{naam}.csv"
        resultaat = CliRunner().invoke(app, ["indicatoren", "--gemeente", "GM9901", *data, "-o", str(uit[naam])])
        assert resultaat.exit_code == 0, resultaat.output
    een, twee = (pd.read_csv(pad) for pad in uit.values())
    pd.testing.assert_frame_equal(een, twee)
    # Figures per 1.000 inwoners need the population file beside the offences.
    assert een["maat"].astype(str).str.contains("per 1.000").any()


# --------------------------------------------------------------------------- checked before a kernel starts


@pytest.fixture(scope="module")
def demodata(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("project") / "data" / "raw" / "demo"
    _demo.genereer(map_)
    return map_


@pytest.mark.parametrize("extra, deel", [
    (["--gemeente", "GM9999"], "geen cijfers voor deze gemeente in de opgegeven data; wel voor: GM9901"),
    (["--gemeente", "9901"], "gemeentecode moet de vorm GMxxxx hebben"),
    (["--gemeente", "GM9901", "--van", "2020", "--tot", "2018"], "het eerste jaar (2020) ligt na het laatste (2018)"),
    (["--gemeente", "GM9901", "--van", "2040"], "geen cijfers voor GM9901 in de periode 2040 t/m ..."),
    (["--gemeente", "GM9901", "--invoer", "{data}/weg.xlsx"], "bestaat niet"),
    (["--gemeente", "GM9901", "--invoer", "{data}/basisteam.yaml"], "Invoerfout"),
    (["--gemeente", "GM9901", "--data", "{data}/bevolking.csv"], "bedoelde u {data}/bevolking_demo.csv?"),
])
def test_mistakes_are_found_before_a_kernel_starts_and_nothing_is_left(demodata, tmp_path, extra, deel):
    uit = tmp_path / "uit"
    args = ["rapport", "--data", str(demodata), "-o", str(uit)] + [a.format(data=demodata) for a in extra]
    resultaat = ivpanalyse(*args)
    assert resultaat.returncode == 2, resultaat.stderr
    assert deel.format(data=demodata) in resultaat.stderr
    assert "Traceback" not in resultaat.stderr and "notebook" not in resultaat.stderr
    assert not uit.exists()  # no folder, no *.mislukt.ipynb


# --------------------------------------------------------------------------- logging


def test_library_logs_and_the_cli_configures_it(demodata, tmp_path):
    args = ["indicatoren", "--gemeente", "GM9999", "--data", demodata, "-o", tmp_path / "x.csv"]
    gewoon, uitgebreid, stil = ivpanalyse(*args), ivpanalyse("-v", *args), ivpanalyse("-q", *args)
    assert "info: data lezen om gemeente GM9999" in uitgebreid.stderr
    assert "info:" not in gewoon.stderr and "info:" not in stil.stderr
    assert all(r.returncode == 2 and "Indicatorfout" in r.stderr for r in (gewoon, uitgebreid, stil))


def test_een_programmafout_wordt_een_nederlandse_melding_zonder_traceback(monkeypatch):
    """A bug (not bad input) still reaches the user as one Dutch message, with exit code 3; -v logs the details."""
    from ivpanalyse import taxonomie as tax

    def kapot():
        raise TypeError("operation 'add' not supported for dtype 'str'")

    monkeypatch.setattr(tax, "als_tekst", kapot)
    resultaat = CliRunner().invoke(app, ["taxonomie"])
    assert resultaat.exit_code == 3
    assert "Interne fout in ivpanalyse (TypeError" in resultaat.output and "-v" in resultaat.output
    assert "Traceback" not in resultaat.output
