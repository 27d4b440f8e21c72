"""The batch: isolation, no lost run, skip unchanged, index and comparison.

The acceptance tests run the real report notebook on the demo data (module fixture, about a minute
on two cores). The tests of failure modes (timeout, dying kernel, interruption, a dying worker,
Dask) use a small notebook that can be told through an environment variable to hang or die for one
gemeente; otherwise it publishes (empty) kerncijfers, as the report notebook does.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

# Kept light: worker processes of the pool test import this module.
from ivpanalyse.batch import uitvoering as batch
from ivpanalyse.batch.config import Basisteam, Configuratie, GemeenteInstelling
from ivpanalyse.errors import ConfigFout

WORTEL = Path(__file__).resolve().parents[1]


def ivpanalyse(*args, env=None, **kwargs):
    omgeving = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "ivpanalyse", *map(str, args)], capture_output=True, text=True,
                          env=omgeving, **kwargs)


def breek(bron: Path, doel: Path) -> Path:
    """A copy of the demo data with one corrupted line in the offence file (a count that is text)."""
    doel.mkdir(parents=True)
    for f in bron.iterdir():
        if f.is_file() and f.suffix == ".csv":
            (doel / f.name).write_bytes(f.read_bytes())
    pad = doel / "47018NED_UntypedDataSet_demo.csv"
    regels = pad.read_bytes().split(b"\r\n")
    velden = regels[5].split(b";")
    velden[4] = b'"        twaalf"'
    regels[5] = b";".join(velden)
    pad.write_bytes(b"\r\n".join(regels))
    return doel


def config(map_: Path, teams: dict[str, list[tuple[str, str]]], *, notebook: Path | None = None,
           extra: str = "", naam: str = "basisteam.yaml", timeout: int = 120) -> Path:
    """A configuration file: team name -> [(code, data folder relative to map_)]."""
    regels = ["versie: 1", "basisteams:"]
    for team, gemeenten in teams.items():
        regels += [f"  - naam: {team}", f"    timeout: {timeout}"]
        if notebook:
            regels.append(f"    notebook: {notebook}")
        regels += [f"    {r}" for r in extra.splitlines() if r]
        regels.append("    gemeenten:")
        for code, data in gemeenten:
            regels += [f"      - code: {code}", f"        data: [{data}]"]
    pad = map_ / naam
    pad.write_text("\n".join(regels) + "\n", encoding="utf-8")
    return pad


def klein_notebook(pad: Path) -> Path:
    """A fast report notebook that hangs or dies on request (env vars), else publishes kerncijfers."""
    def cel(bron, tags=()):
        return {"cell_type": "code", "execution_count": None, "metadata": {"tags": list(tags)}, "outputs": [],
                "source": textwrap.dedent(bron)}

    nb = {"nbformat": 4, "nbformat_minor": 4, "cells": [
        cel('gemeente = "GM9901"\ndata = []\njaar_van = None\njaar_tot = None\n', ["parameters"]),
        cel("""\
            import os, time
            # The kernel's pid (for tests that kill it) and whether the namespace was fresh.
            open(f"pid-{gemeente}.txt", "w").write(f"{os.getpid()} {'vers' if 'spoor' not in globals() else 'VUIL'}")
            spoor = gemeente
            if gemeente in os.environ.get("IVP_TEST_HANG", "").split(","):
                time.sleep(120)
            if os.environ.get("IVP_TEST_STERF") == gemeente:
                os._exit(1)
            if os.environ.get("IVP_TEST_INLEESFOUT") == gemeente:
                from ivpanalyse.errors import InleesFout
                raise InleesFout("kapot", bestand="test.csv", regel=3)
            print(gemeente, data)
            """),
        # Publishes (empty) kerncijfers as the report notebook does; the literal keeps it fast (no imports).
        cel("""\
            from IPython.display import display
            display({"application/vnd.ivpanalyse.kerncijfers+json": []}, raw=True)
            """)],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}}
    pad.write_text(json.dumps(nb), encoding="utf-8")
    return pad


@pytest.fixture(scope="module")
def demodata(tmp_path_factory):
    from ivpanalyse import demo

    map_ = tmp_path_factory.mktemp("demo")
    demo.genereer(map_ / "data")
    breek(map_ / "data", map_ / "kapot")
    return map_


# --------------------------------------------------------------------------- acceptance, real notebook


@pytest.fixture(scope="module")
def eerste_run(demodata, tmp_path_factory):
    """The real notebook, -j 2, through the command line: two good gemeenten and GM9903 with broken data."""
    map_ = tmp_path_factory.mktemp("echt")
    pad = config(map_, {"Basisteam Test": [("GM9901", demodata / "data"), ("GM9902", demodata / "data"),
                                           ("GM9903", demodata / "kapot")]})
    uit = map_ / "uit"
    begin = time.perf_counter()
    r = ivpanalyse("batch", "--config", pad, "--basisteam", "Basisteam Test", "-j", "2", "-o", uit)
    duur = time.perf_counter() - begin
    return {"map": map_, "config": pad, "uit": uit, "run": r, "duur": duur}


def test_batch_makes_every_report_an_index_and_the_comparison(eerste_run):
    r, uit = eerste_run["run"], eerste_run["uit"]
    for code in ("GM9901", "GM9902"):
        html = (uit / code / f"{code}.html").read_text(encoding="utf-8")
        assert html.rstrip().endswith("</html>")
        assert (uit / code / "werk" / "veiligheidsanalyse.ipynb").is_file()  # own working folder
        kern = json.loads((uit / code / "kerncijfers.json").read_text(encoding="utf-8"))
        assert {k["gemeente"] for k in kern} == {code}
    index = (uit / "index.html").read_text(encoding="utf-8")
    assert 'href="GM9901/GM9901.html"' in index and 'href="GM9902/GM9902.html"' in index
    assert "Lindewaarde" in index and 'href="basisteam.html"' in index
    vergelijking = (uit / "basisteam.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in vergelijking  # the heatmap
    assert "Lindewaarde" in vergelijking and "Brakelveen" in vergelijking
    # Progress: one line per finished gemeente with its time (stderr is not a terminal here).
    regels = [x for x in r.stderr.splitlines() if re.match(r"\[\d/3\] GM990[123] ", x)]
    assert len(regels) == 3, r.stderr
    tijd = r"(\d+,\d s|\d+ min \d\d s)"
    assert sum(bool(re.search(rf"klaar in {tijd}$", x)) for x in regels) == 2, r.stderr
    assert any(re.search(rf"GM9903 .*MISLUKT na {tijd}: ", x) for x in regels), r.stderr
    assert "2 gemaakt" in r.stdout


def test_one_broken_gemeente_does_not_stop_the_others(eerste_run):
    """Acceptance: GM9903's data are broken; the others' reports and the index are there, exit code 1."""
    r, uit = eerste_run["run"], eerste_run["uit"]
    assert r.returncode == 1, r.stdout + r.stderr
    assert "2 gemaakt, 0 ongewijzigd, 1 mislukt" in r.stdout
    for code in ("GM9901", "GM9902"):
        assert (uit / code / f"{code}.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not (uit / "GM9903" / "GM9903.html").exists()
    nb = json.loads((uit / "GM9903" / "GM9903.mislukt.ipynb").read_text(encoding="utf-8"))
    assert any(o.get("output_type") == "error" for c in nb["cells"] for o in c.get("outputs", []))
    # The summary and the index name the gemeente and the cause (file, value).
    assert "MISLUKT GM9903" in r.stdout and "47018NED_UntypedDataSet_demo.csv" in r.stdout
    index = (uit / "index.html").read_text(encoding="utf-8")
    rij = next(x for x in index.split("<tr") if "GM9903" in x)
    assert "MISLUKT" in rij and "47018NED_UntypedDataSet_demo.csv" in rij and "twaalf" in rij
    assert 'href="GM9903/GM9903.mislukt.ipynb"' in rij
    assert "1 mislukt" in index
    vergelijking = (uit / "basisteam.html").read_text(encoding="utf-8")
    assert "Niet in deze vergelijking" in vergelijking and "GM9903" in vergelijking


def test_second_identical_run_executes_nothing_and_is_much_faster(eerste_run):
    uit = eerste_run["uit"]
    voor = {p: p.stat().st_mtime_ns for p in uit.rglob("*") if p.is_file() and p.name != "index.html"
            and p.name != "batch-manifest.json"}
    samenvatting = batch.voer_uit(eerste_run["config"], "Basisteam Test", uitvoer=uit, jobs=2, voortgang=False)
    # The broken data fail the same way again: that failure is taken over, not re-run.
    assert [r.status for r in samenvatting.resultaten] == [batch.ONGEWIJZIGD, batch.ONGEWIJZIGD, batch.MISLUKT]
    assert samenvatting.uitgevoerd == []
    assert "twaalf" in samenvatting.mislukt[0].reden and samenvatting.mislukt[0].blijvend
    # Nothing was rewritten: reports, notebooks, kernel logs, kerncijfers and the comparison.
    assert {p: p.stat().st_mtime_ns for p in voor} == voor
    assert samenvatting.duur * 5 < eerste_run["duur"], (samenvatting.duur, eerste_run["duur"])
    index = (uit / "index.html").read_text(encoding="utf-8")
    assert "ongewijzigd" in index and "niet opnieuw uitgevoerd" in index


# --------------------------------------------------------------------------- validation before any kernel


def test_wrong_parameter_type_stops_before_any_kernel_starts(demodata, tmp_path):
    pad = config(tmp_path, {"T": [("GM9901", demodata / "data")]}, extra="rapport: {jaar_van: '2016'}")
    r = ivpanalyse("batch", "--config", pad, "-o", tmp_path / "uit")
    assert r.returncode == 2
    assert "Configuratiefout" in r.stderr and "jaar_van" in r.stderr and "verkeerd type" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "uit").exists()


def test_unknown_parameter_is_an_error_for_every_gemeente_at_once(demodata, tmp_path):
    data = (demodata / "data",)
    bt = Basisteam("T", (GemeenteInstelling("GM9901", None, data), GemeenteInstelling("GM9902", None, data)),
                   parameters={"kleur": "rood"})
    with pytest.raises(ConfigFout) as info:
        batch.voer_uit(Configuratie(tmp_path / "x.yaml", (bt,)), uitvoer=tmp_path / "uit", voortgang=False)
    assert [f.kolom for f in info.value.fouten] == ["kleur", "kleur"]
    assert "GM9901" in str(info.value) and "GM9902" in str(info.value)
    assert not (tmp_path / "uit").exists()


def test_drieslag_file_becomes_the_notebook_parameter_and_is_checked_strictly(demodata, tmp_path, monkeypatch):
    from ivpanalyse.rapport import runner as rapport

    drieslag = tmp_path / "drieslag.yaml"
    drieslag.write_text("gemeente: GM9901\n", encoding="utf-8")
    bt = Basisteam("T", (GemeenteInstelling("GM9901", None, (demodata / "data",), drieslag),))
    [taak] = batch.taken(bt, tmp_path / "uit")
    assert taak.parameters[batch.DRIESLAG_PARAMETER] == str(drieslag)
    # A notebook without that parameter: refused before any kernel starts.
    monkeypatch.delitem(rapport.PARAMETERS, batch.DRIESLAG_PARAMETER)
    with pytest.raises(ConfigFout, match="onbekende parameter"):
        batch.taken(bt, tmp_path / "uit")
    assert not (tmp_path / "uit").exists()


# --------------------------------------------------------------------------- hashes


def test_fingerprint_follows_data_parameters_and_notebook(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("1\n")
    nb = klein_notebook(tmp_path / "nb.ipynb")
    p = {"gemeente": "GM9901", "data": [str(data)], "jaar_van": None}
    basis = batch.vingerafdruk(p, nb, "v1")
    assert batch.vingerafdruk(dict(p), nb, "v1") == basis
    assert batch.vingerafdruk({**p, "jaar_van": 2016}, nb, "v1") != basis
    assert batch.vingerafdruk(p, nb, "v2") != basis
    (data / "a.csv").write_text("2\n")
    gewijzigd = batch.vingerafdruk(p, nb, "v1")
    assert gewijzigd != basis
    (data / ".a.csv.tmp.123").write_text("x")  # hidden temp files do not count,
    (data / "basisteam.yaml").write_text("x")  # nor a config kept beside the data
    assert batch.vingerafdruk(p, nb, "v1") == gewijzigd
    (data / "b.xlsx").write_bytes(b"PK")
    assert batch.vingerafdruk(p, nb, "v1") != gewijzigd
    gewijzigd = batch.vingerafdruk(p, nb, "v1")
    nb.write_text(nb.read_text().replace("120", "121"))
    assert batch.vingerafdruk(p, nb, "v1") != gewijzigd
    drieslag = tmp_path / "drieslag.yaml"
    drieslag.write_text("a: 1\n")
    met = {**p, batch.DRIESLAG_PARAMETER: str(drieslag)}
    voor = batch.vingerafdruk(met, nb, "v1")
    drieslag.write_text("a: 2\n")
    assert batch.vingerafdruk(met, nb, "v1") != voor


# --------------------------------------------------------------------------- failure modes, small notebook


def test_failures_are_isolated_and_only_input_errors_are_not_retried(demodata, tmp_path, monkeypatch):
    nb = klein_notebook(tmp_path / "klein.ipynb")
    data = demodata / "data"
    pad = config(tmp_path, {"T": [(c, data) for c in ("GM9901", "GM9902", "GM9903", "GM9904")]}, notebook=nb,
                 timeout=3)
    monkeypatch.setenv("IVP_TEST_HANG", "GM9901")
    monkeypatch.setenv("IVP_TEST_STERF", "GM9902")
    monkeypatch.setenv("IVP_TEST_INLEESFOUT", "GM9904")
    samenvatting = batch.voer_uit(pad, uitvoer=tmp_path / "uit", jobs=2, voortgang=False)
    per = {r.code: r for r in samenvatting.resultaten}
    assert per["GM9903"].status == batch.KLAAR
    assert per["GM9901"].status == batch.MISLUKT and "Timeout" in per["GM9901"].reden
    assert per["GM9902"].status == batch.MISLUKT and "DeadKernel" in per["GM9902"].reden
    assert per["GM9904"].status == batch.MISLUKT and "Inleesfout" in per["GM9904"].reden
    assert [per[c].blijvend for c in ("GM9901", "GM9902", "GM9904")] == [False, False, True]
    assert per["GM9901"].notebook and per["GM9901"].notebook.is_file()
    index = (tmp_path / "uit" / "index.html").read_text(encoding="utf-8")
    assert index.count("MISLUKT") == 3
    assert (tmp_path / "uit" / "GM9903" / "werk" / "kernel.log").is_file()  # the kernel's noise, per gemeente
    assert "3 mislukt" in samenvatting.tekst()
    # Unchanged input: the time-out and the dead kernel are tried again, the input error is not.
    opnieuw = batch.voer_uit(pad, uitvoer=tmp_path / "uit", jobs=2, voortgang=False)
    assert sorted(r.code for r in opnieuw.uitgevoerd) == ["GM9901", "GM9902"]
    assert {r.code: r.status for r in opnieuw.resultaten}["GM9904"] == batch.MISLUKT


def _sterf_voor_gm9902(taak):
    if taak.code == "GM9902":
        os._exit(3)
    return batch.Resultaat(taak.code, taak.naam, batch.KLAAR, 0.1)


def test_a_dying_worker_process_only_fails_its_own_gemeente(tmp_path):
    taken = [batch.Taak(c, c, {}, tmp_path / c, tmp_path / "nb.ipynb", 10, "x") for c in ("GM9901", "GM9902")]
    gemeld = []
    batch._lokaal(taken, 2, gemeld.append, functie=_sterf_voor_gm9902)
    per = {r.code: r for r in gemeld}
    assert per["GM9901"].status == batch.KLAAR
    assert per["GM9902"].status == batch.MISLUKT and "werkproces" in per["GM9902"].reden
    assert len(gemeld) == 2


def test_interrupted_batch_keeps_finished_reports_and_a_rerun_completes(demodata, tmp_path):
    nb = klein_notebook(tmp_path / "klein.ipynb")
    data = demodata / "data"
    pad = config(tmp_path, {"T": [("GM9901", data), ("GM9902", data)]}, notebook=nb)
    uit = tmp_path / "uit"
    proces = subprocess.Popen([sys.executable, "-m", "ivpanalyse", "batch", "--config", str(pad), "-j", "1",
                               "-o", str(uit)], env={**os.environ, "IVP_TEST_HANG": "GM9902"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    manifest = uit / batch.MANIFEST
    try:
        for _ in range(600):
            if manifest.exists() and "GM9901" in batch.lees_manifest(uit)["gemeenten"]:
                break
            if proces.poll() is not None:
                pytest.fail(proces.stderr.read())
            time.sleep(0.1)
        time.sleep(1.0)  # GM9902 is now hanging in its kernel
        os.killpg(proces.pid, signal.SIGINT)  # Ctrl-C in the terminal
        proces.wait(timeout=60)
    finally:
        if proces.poll() is None:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
    assert proces.returncode != 0
    rapport = uit / "GM9901" / "GM9901.html"
    assert rapport.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not (uit / "GM9902" / "GM9902.html").exists()
    assert not [p for p in uit.rglob(".*.tmp.*")]  # no half-written files left
    index = (uit / "index.html").read_text(encoding="utf-8")
    assert "GM9901/GM9901.html" in index and "NIET UITGEVOERD" in index
    # The rerun does the rest and leaves the finished report alone.
    voor = rapport.stat().st_mtime_ns
    samenvatting = batch.voer_uit(pad, uitvoer=uit, jobs=1, voortgang=False)
    assert {r.code: r.status for r in samenvatting.resultaten} == {"GM9901": batch.ONGEWIJZIGD,
                                                                   "GM9902": batch.KLAAR}
    assert rapport.stat().st_mtime_ns == voor


def test_dask_local_cluster_runs_the_same_batch_with_skip_and_force(demodata, tmp_path):
    distributed = pytest.importorskip("distributed")
    nb = klein_notebook(tmp_path / "klein.ipynb")
    pad = config(tmp_path, {"T": [("GM9901", demodata / "data")]}, notebook=nb)
    uit = tmp_path / "uit"
    rapport = uit / "GM9901" / "GM9901.html"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        def run(**kwargs):
            return batch.voer_uit(pad, uitvoer=uit, dask=c.scheduler_address, voortgang=False, **kwargs).resultaten

        assert [r.status for r in run()] == [batch.KLAAR]
        assert (uit / "GM9901" / "kerncijfers.json").is_file()
        assert "GM9901/GM9901.html" in (uit / "index.html").read_text(encoding="utf-8")
        voor = rapport.stat().st_mtime_ns
        assert [r.status for r in run()] == [batch.ONGEWIJZIGD]
        assert rapport.stat().st_mtime_ns == voor
        assert [r.status for r in run(force=True)] == [batch.KLAAR]  # --force runs it again
        assert rapport.stat().st_mtime_ns > voor


def test_unreachable_dask_scheduler_is_a_config_error(demodata, tmp_path):
    dask = pytest.importorskip("dask")
    nb = klein_notebook(tmp_path / "klein.ipynb")
    pad = config(tmp_path, {"T": [("GM9901", demodata / "data")]}, notebook=nb)
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        with pytest.raises(ConfigFout, match="Dask-scheduler"):
            batch.voer_uit(pad, uitvoer=tmp_path / "uit", dask="tcp://127.0.0.1:9", voortgang=False)
    assert not (tmp_path / "uit" / "GM9901").exists()


# --------------------------------------------------------------------------- warm kernels, stopping, damage


def _pid(uit: Path, code: str) -> tuple[int, str] | None:
    pad = uit / code / "werk" / f"pid-{code}.txt"
    try:
        pid, namespace = pad.read_text().split()
    except (OSError, ValueError):
        return None
    return int(pid), namespace


def _wacht(voorwaarde, seconden: float = 120.0):
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        uitkomst = voorwaarde()
        if uitkomst:
            return uitkomst
        time.sleep(0.1)
    pytest.fail("voorwaarde niet bereikt")


def test_warm_kernel_runs_the_next_gemeente_in_a_fresh_namespace_and_survives_a_killed_kernel(demodata, tmp_path,
                                                                                              monkeypatch):
    """One worker: GM9901's kernel is killed mid-run; the next gemeenten run, in one new warm kernel."""
    import threading

    nb = klein_notebook(tmp_path / "klein.ipynb")
    data = demodata / "data"
    pad = config(tmp_path, {"T": [(c, data) for c in ("GM9901", "GM9902", "GM9903")]}, notebook=nb)
    uit = tmp_path / "uit"
    monkeypatch.setenv("IVP_TEST_HANG", "GM9901")
    uitkomst = {}
    draad = threading.Thread(target=lambda: uitkomst.setdefault(
        "s", batch.voer_uit(pad, uitvoer=uit, jobs=1, voortgang=False)))
    draad.start()
    eerste, _ = _wacht(lambda: _pid(uit, "GM9901"))
    os.kill(eerste, signal.SIGKILL)  # the kernel dies mid-run
    draad.join(120)
    per = {r.code: r for r in uitkomst["s"].resultaten}
    assert per["GM9901"].status == batch.MISLUKT and "DeadKernel" in per["GM9901"].reden
    assert per["GM9902"].status == per["GM9903"].status == batch.KLAAR
    (tweede, ns2), (derde, ns3) = _pid(uit, "GM9902"), _pid(uit, "GM9903")
    assert tweede != eerste  # a fresh kernel after the dead one
    assert derde == tweede  # ... kept warm for the next gemeente
    assert ns2 == ns3 == "vers"  # in a cleared namespace (GM9902 left 'spoor' behind)


@pytest.mark.parametrize("sein", ["SIGTERM", "SIGINT", "SIGKILL"])
def test_stopping_the_batch_leaves_no_worker_or_kernel_behind(demodata, tmp_path, sein):
    psutil = pytest.importorskip("psutil")
    nb = klein_notebook(tmp_path / "klein.ipynb")
    data = demodata / "data"
    pad = config(tmp_path, {"T": [("GM9901", data), ("GM9902", data), ("GM9903", data)]}, notebook=nb)
    uit = tmp_path / "uit"
    proces = subprocess.Popen([sys.executable, "-m", "ivpanalyse", "batch", "--config", str(pad), "-j", "2",
                               "-o", str(uit)], env={**os.environ, "IVP_TEST_HANG": "GM9901,GM9902"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _wacht(lambda: _pid(uit, "GM9901") and _pid(uit, "GM9902"))
        boom = psutil.Process(proces.pid).children(recursive=True)
        kernels = {_pid(uit, "GM9901")[0], _pid(uit, "GM9902")[0]}
        assert kernels <= {p.pid for p in boom}  # workers and both kernels are the batch's descendants
        os.kill(proces.pid, getattr(signal, sein))  # the batch process only, not its group
        proces.wait(timeout=60)
        _, levend = psutil.wait_procs(boom, timeout=15)
        assert not levend, [(p.pid, p.cmdline()) for p in levend]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proces.pid, signal.SIGKILL)
        proces.communicate()
    if sein != "SIGKILL":  # a stopped batch writes its index; a killed one cannot
        index = (uit / "index.html").read_text(encoding="utf-8")
        assert "NIET UITGEVOERD" in index


def test_damaged_report_is_made_again_and_the_index_links_every_intact_report(demodata, tmp_path, monkeypatch):
    nb = klein_notebook(tmp_path / "klein.ipynb")
    data = demodata / "data"
    pad = config(tmp_path, {"T": [("GM9901", data), ("GM9902", data)]}, notebook=nb)
    uit = tmp_path / "uit"
    assert [r.status for r in batch.voer_uit(pad, uitvoer=uit, jobs=1, voortgang=False).resultaten] == \
        [batch.KLAAR, batch.KLAAR]
    rapport = uit / "GM9901" / "GM9901.html"
    heel = rapport.read_bytes()
    rapport.write_bytes(heel[: len(heel) // 2])  # cut off (a full disk, an editor)
    tweede = batch.voer_uit(pad, uitvoer=uit, jobs=1, voortgang=False)
    assert {r.code: r.status for r in tweede.resultaten} == {"GM9901": batch.KLAAR, "GM9902": batch.ONGEWIJZIGD}
    assert rapport.read_bytes().rstrip().endswith(b"</html>")
    # A new run that fails (changed parameters, broken kernel) still links the intact earlier report.
    pad.write_text(pad.read_text().replace("timeout: 120", "timeout: 120\n    rapport: {jaar_van: 2018}"))
    monkeypatch.setenv("IVP_TEST_STERF", "GM9902")
    derde = batch.voer_uit(pad, uitvoer=uit, jobs=1, voortgang=False)
    per = {r.code: r for r in derde.resultaten}
    assert per["GM9902"].status == batch.MISLUKT and per["GM9902"].eerder
    index = (uit / "index.html").read_text(encoding="utf-8")
    rij = next(x for x in index.split("<tr") if "GM9902" in x)
    assert 'href="GM9902/GM9902.html"' in rij and "eerdere run" in rij
    # ... but never a damaged one.
    (uit / "GM9902" / "GM9902.html").write_text("kapot", encoding="utf-8")
    batch.voer_uit(pad, uitvoer=uit, jobs=1, voortgang=False)
    index = (uit / "index.html").read_text(encoding="utf-8")
    rij = next(x for x in index.split("<tr") if "GM9902" in x)
    assert "GM9902.html" not in rij


@pytest.mark.parametrize("waar", ["standaard", "basisteam"])
def test_jaar_van_after_jaar_tot_is_refused_before_anything_starts(demodata, tmp_path, waar):
    pad = tmp_path / "basisteam.yaml"
    opties = "  rapport: {jaar_van: 2022, jaar_tot: 2018}\n"
    pad.write_text("versie: 1\n" + ("standaard:\n" + opties if waar == "standaard" else "") +
                   f"basisteams:\n  - naam: T\n    data: [{demodata / 'data'}]\n" +
                   ("  " + opties if waar == "basisteam" else "") + "    gemeenten: [GM9901]\n", encoding="utf-8")
    r = ivpanalyse("batch", "--config", pad, "-o", tmp_path / "uit")
    assert r.returncode == 2, r.stderr
    assert "jaar_van ligt na jaar_tot" in r.stderr and "2022" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "uit").exists()
    bt = Basisteam("T", (GemeenteInstelling("GM9901", None, (demodata / "data",)),),
                   parameters={"jaar_van": 2022, "jaar_tot": 2018})
    with pytest.raises(ConfigFout, match="jaar_van ligt na jaar_tot"):
        batch.taken(bt, tmp_path / "uit")


# --------------------------------------------------------------------------- progress


class _Terminal:
    def __init__(self):
        self.tekst = []

    def write(self, s):
        self.tekst.append(s)

    def flush(self):
        pass

    def isatty(self):
        return True


def test_progress_shows_a_bar_on_a_terminal_and_plain_lines_otherwise(tmp_path):
    import io

    r = batch.Resultaat("GM9901", "Lindewaarde", batch.KLAAR, 12.34)
    log = io.StringIO()
    v = batch.Voortgang(2, stroom=log)
    v.klaar(r)
    v.klaar(batch.Resultaat("GM9902", "Brakelveen", batch.MISLUKT, 3.0, reden="Inleesfout: kapot"))
    v.sluit()
    assert log.getvalue().splitlines() == ["[1/2] GM9901 Lindewaarde: klaar in 12,3 s",
                                           "[2/2] GM9902 Brakelveen: MISLUKT na 3,0 s: Inleesfout: kapot"]
    terminal = _Terminal()
    v = batch.Voortgang(2, stroom=terminal)
    v.klaar(r)
    v.sluit()
    uitvoer = "".join(terminal.tekst)
    assert "[1/2] GM9901 Lindewaarde: klaar in 12,3 s" in uitvoer and "1/2" in uitvoer and "gemeente" in uitvoer


def test_small_notebook_uses_the_real_kerncijfers_mime():
    from ivpanalyse.rapport.weergave import KERNCIJFERS_MIME

    assert KERNCIJFERS_MIME == "application/vnd.ivpanalyse.kerncijfers+json"
