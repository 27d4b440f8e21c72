"""Benchmark: the batch for the demo basisteam and the national batch of all gemeenten on real data.

Run from the repository root::

    .venv/bin/python bench/bench_batch.py                       # demo, then all gemeenten -j 2
    .venv/bin/python bench/bench_batch.py --alleen nationaal    # only the national batch
    .venv/bin/python bench/bench_batch.py --alleen nationaal --dask   # and beside it on a Dask LocalCluster
    .venv/bin/python bench/bench_batch.py --alleen nationaal --max 40 # a sample (quicker)

Every batch runs as ``python -m ivpanalyse batch`` in a child process; a sampler adds up the
resident memory of all processes below this script every 0,2 s (the batch, its worker processes and
kernels, and with ``--dask`` the cluster's workers), so "piek geheugen" is the peak of the whole process
tree, "grootste proces" the largest single one. The national batch starts with an empty cache for the
national stage (``IVPANALYSE_CACHE`` in a temp folder), so its time includes reading and preparing the
data once. Per stage (from the batch manifest): the national stage, the reports, the pages.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
POLITIE = SHARED / "politie-47018NED"
BEVOLKING = SHARED / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv"


def getal(waarde: float, decimalen: int = 1) -> str:
    return f"{waarde:,.{decimalen}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


class Geheugen(threading.Thread):
    """Samples the RSS of a process and its descendants; keeps the peaks (total and largest process)."""

    def __init__(self, pid: int | None = None):
        super().__init__(daemon=True)
        self.proces = psutil.Process(pid or os.getpid())
        self.piek_totaal = 0
        self.piek_proces = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                processen = [self.proces, *self.proces.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            rss = []
            for p in processen:
                try:
                    rss.append(p.memory_info().rss)
                except psutil.Error:
                    pass
            if rss:
                self.piek_totaal = max(self.piek_totaal, sum(rss))
                self.piek_proces = max(self.piek_proces, max(rss))
            time.sleep(0.2)


def batch(config: Path, uitvoer: Path, jobs: int, *, force: bool = False, dask: str | None = None,
          env: dict | None = None) -> dict:
    """Run one batch in a child process; wall time, peak memory, per-stage and per-gemeente times."""
    opdracht = [sys.executable, "-m", "ivpanalyse", "batch", "--config", str(config), "-o", str(uitvoer),
                "-j", str(jobs)] + (["--force"] if force else []) + (["--dask", dask] if dask else [])
    import resource

    meter = Geheugen()  # this script's whole process tree: the batch, its workers and kernels, a Dask cluster
    meter.start()
    voor = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = time.perf_counter()
    proces = subprocess.Popen(opdracht, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, **(env or {})})
    uit, fout = proces.communicate()
    wand = time.perf_counter() - begin
    na = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Processor time of the batch and every process below it that ended (workers, kernels): less noisy
    # than wall time on a shared machine. Not for Dask: the cluster's workers outlive the batch.
    cpu = None if dask else (na.ru_utime - voor.ru_utime) + (na.ru_stime - voor.ru_stime)
    meter.stop.set()
    meter.join()
    if proces.returncode not in (0, 1):
        raise SystemExit(f"batch mislukt ({proces.returncode}):\n{fout}")
    manifest = json.loads((uitvoer / "batch-manifest.json").read_text(encoding="utf-8"))
    duren = [m["duur"] for m in manifest["gemeenten"].values() if m["status"] == "klaar"]
    mislukt = [c for c, m in manifest["gemeenten"].items() if m["status"] == "mislukt"]
    return {"wand": wand, "n": len(manifest["gemeenten"]), "gedaan": len(duren), "mislukt": mislukt,
            "per_rapport": sum(duren) / len(duren) if duren else 0.0, "piek": meter.piek_totaal,
            "grootste": meter.piek_proces, "stappen": manifest.get("stappen", {}), "cpu": cpu,
            "uitvoer": uit.strip().splitlines()[0] if uit.strip() else ""}


def regel(label: str, r: dict, jobs: int) -> str:
    mb = 1024 * 1024
    stappen = ", ".join(f"{k} {getal(v)} s" for k, v in r["stappen"].items())
    return (f"{label:<34} -j {jobs}  {r['gedaan']:>3}/{r['n']:<3} uitgevoerd  wand {getal(r['wand'])} s  "
            f"per rapport {getal(r['per_rapport'], 2)} s  wand/gemeente {getal(r['wand'] / max(r['n'], 1), 2)} s  "
            f"piek geheugen {getal(r['piek'] / mb, 0)} MB (grootste proces {getal(r['grootste'] / mb, 0)} MB)"
            + (f"\n{'':<34} processortijd {getal(r['cpu'])} s = {getal(r['cpu'] / max(r['n'], 1), 2)} s per gemeente"
               f" (op {jobs} vrije kernen: {getal(r['cpu'] / jobs / 60, 1)} min)" if r.get("cpu") else "")
            + (f"\n{'':<34} stappen: {stappen}" if stappen else "")
            + (f"\n{'':<34} MISLUKT: {', '.join(r['mislukt'])}" if r["mislukt"] else ""))


def demo(map_: Path) -> None:
    from ivpanalyse import demo as _demo

    config = _demo.genereer(map_ / "data")["basisteam"]
    print(f"Demobasisteam: {len(_demo.GEMEENTEN)} gemeenten, {os.cpu_count()} kernen")
    for jobs in (1, 2):
        uit = map_ / f"uit-j{jobs}"
        r = batch(config, uit, jobs, env={"IVPANALYSE_CACHE": str(map_ / f"cache-demo-j{jobs}")})
        print(regel("demo, eerste run", r, jobs), flush=True)
    r = batch(config, map_ / "uit-j2", 2, env={"IVPANALYSE_CACHE": str(map_ / "cache-demo-j2")})
    print(regel("demo, tweede run (ongewijzigd)", r, 2), flush=True)


def nationaal(map_: Path, maximaal: int | None, jobs: int, dask: bool) -> None:
    from ivpanalyse import register

    if not (POLITIE.is_dir() and BEVOLKING.is_file()):
        print(f"Nationaal overgeslagen: {SHARED} ontbreekt (alleen in de ontwikkelomgeving).")
        return
    import pandas as pd

    bestand = next(POLITIE.glob("47018NED_UntypedDataSet_*.csv"))
    codes = pd.read_csv(bestand, sep=";", usecols=["WijkenEnBuurten"], dtype=str)["WijkenEnBuurten"].str.strip()
    alle = sorted(c for c in set(codes) if c != "GM0000" and register.huidig(c))
    gekozen = alle if not maximaal else alle[:: max(1, len(alle) // maximaal)][:maximaal]
    config = map_ / "nationaal.yaml"
    config.write_text(yaml.safe_dump({"versie": 1, "basisteams": [{
        "naam": "Nederland", "soort": "samenwerkingsverband",
        "gemeenten": gekozen, "data": [str(POLITIE), str(BEVOLKING)]}]}, allow_unicode=True), encoding="utf-8")
    print(f"Nationaal: {len(gekozen)} van {len(alle)} gemeenten in {bestand.name}, {os.cpu_count()} kernen")
    runs = [("lokaal", None)]
    if dask:
        runs.append(("dask", "LocalCluster"))
    for soort, _ in runs:
        cache = map_ / f"cache-{soort}"  # an empty national-stage cache: the stage is part of the time
        env = {"IVPANALYSE_CACHE": str(cache)}
        if soort == "lokaal":
            r = batch(config, map_ / "uit-nl", jobs, env=env)
        else:
            from distributed import LocalCluster

            with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                              memory_limit=0) as cluster:
                r = batch(config, map_ / "uit-nl-dask", jobs, dask=cluster.scheduler_address, env=env)
        print(regel(f"nationaal, {soort}", r, jobs), flush=True)
        if maximaal:
            schatting = r["wand"] / max(r["n"], 1) * len(alle)
            print(f"{'':<34} geschat voor alle {len(alle)} gemeenten: {getal(schatting / 60, 1)} min")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max", type=int, default=None, help="alleen een steekproef van zoveel gemeenten")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="processen (en Dask-workers)")
    parser.add_argument("--alleen", choices=["demo", "nationaal"])
    parser.add_argument("--dask", action="store_true", help="nationaal ook op een Dask LocalCluster")
    parser.add_argument("--map", type=Path, help="werkmap (standaard: een tijdelijke map)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ivp-bench-") as tmp:
        map_ = args.map or Path(tmp)
        map_.mkdir(parents=True, exist_ok=True)
        if args.alleen in (None, "demo"):
            demo(map_)
        if args.alleen in (None, "nationaal"):
            nationaal(map_, args.max, args.jobs, args.dask)


if __name__ == "__main__":
    main()
