"""Benchmark: the batch for the demo basisteam (-j 1 and -j 2) and a national batch on real data.

Run from the repository root::

    .venv/bin/python bench/bench_batch.py                 # demo -j 1, -j 2, rerun; national --max 4
    .venv/bin/python bench/bench_batch.py --max 8 -j 2    # more gemeenten in the national sample
    .venv/bin/python bench/bench_batch.py --alleen demo   # or: --alleen nationaal

Every batch runs as ``python -m ivpanalyse batch`` in a child process; a sampler adds up the
resident memory of that process and all its descendants (worker processes, kernels) every 0,2 s,
so "piek geheugen" is the peak of the whole process tree, "grootste proces" the largest single one.
A batch over all 342 current gemeenten takes long: the national run takes ``--max`` gemeenten spread
over the list and extrapolates the wall time to all of them (reports per worker run one after another).
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

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.proces = psutil.Process(pid)
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


def batch(config: Path, uitvoer: Path, jobs: int, *, force: bool = False) -> dict:
    """Run one batch in a child process; wall time, peak memory and the per-gemeente times."""
    opdracht = [sys.executable, "-m", "ivpanalyse", "batch", "--config", str(config), "-o", str(uitvoer),
                "-j", str(jobs)] + (["--force"] if force else [])
    begin = time.perf_counter()
    proces = subprocess.Popen(opdracht, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    meter = Geheugen(proces.pid)
    meter.start()
    uit, fout = proces.communicate()
    wand = time.perf_counter() - begin
    meter.stop.set()
    meter.join()
    if proces.returncode not in (0, 1):
        raise SystemExit(f"batch mislukt ({proces.returncode}):\n{fout}")
    manifest = json.loads((uitvoer / "batch-manifest.json").read_text(encoding="utf-8"))["gemeenten"]
    duren = [m["duur"] for m in manifest.values() if m["status"] == "klaar"]
    return {"wand": wand, "n": len(manifest), "gedaan": len(duren), "mislukt": proces.returncode == 1,
            "per_rapport": sum(duren) / len(duren) if duren else 0.0, "piek": meter.piek_totaal,
            "grootste": meter.piek_proces, "uitvoer": uit.strip().splitlines()[0] if uit.strip() else ""}


def regel(label: str, r: dict, jobs: int) -> str:
    mb = 1024 * 1024
    return (f"{label:<34} -j {jobs}  {r['gedaan']:>3}/{r['n']:<3} uitgevoerd  wand {getal(r['wand'])} s  "
            f"per rapport {getal(r['per_rapport'])} s  wand/gemeente {getal(r['wand'] / max(r['n'], 1))} s  "
            f"piek geheugen {getal(r['piek'] / mb, 0)} MB (grootste proces {getal(r['grootste'] / mb, 0)} MB)")


def demo(map_: Path) -> None:
    from ivpanalyse import demo as _demo

    config = _demo.genereer(map_ / "data")["basisteam"]
    print(f"Demobasisteam: {len(_demo.GEMEENTEN)} gemeenten, {os.cpu_count()} kernen")
    for jobs in (1, 2):
        uit = map_ / f"uit-j{jobs}"
        r = batch(config, uit, jobs)
        print(regel("demo, eerste run", r, jobs), flush=True)
    r = batch(config, map_ / "uit-j2", 2)
    print(regel("demo, tweede run (ongewijzigd)", r, 2), flush=True)


def nationaal(map_: Path, maximaal: int, jobs: int) -> None:
    from ivpanalyse import register

    if not (POLITIE.is_dir() and BEVOLKING.is_file()):
        print(f"Nationaal overgeslagen: {SHARED} ontbreekt (alleen in de ontwikkelomgeving).")
        return
    import pandas as pd

    bestand = next(POLITIE.glob("47018NED_UntypedDataSet_*.csv"))
    codes = pd.read_csv(bestand, sep=";", usecols=["WijkenEnBuurten"], dtype=str)["WijkenEnBuurten"].str.strip()
    alle = sorted(c for c in set(codes) if c != "GM0000" and register.huidig(c))
    stap = max(1, len(alle) // maximaal)
    gekozen = alle[::stap][:maximaal]
    config = map_ / "nationaal.yaml"
    config.write_text(yaml.safe_dump({"versie": 1, "basisteams": [{
        "naam": "Nederland (steekproef)", "soort": "samenwerkingsverband",
        "gemeenten": gekozen, "data": [str(POLITIE), str(BEVOLKING)]}]}, allow_unicode=True), encoding="utf-8")
    print(f"Nationaal: {len(alle)} gemeenten in {bestand.name}; steekproef van {len(gekozen)}: {', '.join(gekozen)}")
    r = batch(config, map_ / "uit-nl", jobs)
    print(regel("nationaal, steekproef", r, jobs), flush=True)
    schatting = r["wand"] / max(r["n"], 1) * len(alle)
    print(f"Geschat voor alle {len(alle)} gemeenten met -j {jobs}: {getal(schatting / 60, 0)} min "
          f"({getal(schatting / 3600, 1)} uur); per rapport {getal(r['per_rapport'])} s per proces.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max", type=int, default=4, help="gemeenten in de nationale steekproef")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="processen voor de nationale run")
    parser.add_argument("--alleen", choices=["demo", "nationaal"])
    parser.add_argument("--map", type=Path, help="werkmap (standaard: een tijdelijke map)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ivp-bench-") as tmp:
        map_ = args.map or Path(tmp)
        if args.alleen in (None, "demo"):
            demo(map_)
        if args.alleen in (None, "nationaal"):
            nationaal(map_, args.max, args.jobs)


if __name__ == "__main__":
    main()
