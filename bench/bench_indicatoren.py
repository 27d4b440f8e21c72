"""Benchmark: indicators for every gemeente in ../shared/data (seconds, peak memory).

Run from the repository root::

    .venv/bin/python bench/bench_indicatoren.py              # all gemeenten
    .venv/bin/python bench/bench_indicatoren.py --max 40     # a sample spread over the list

Stages, timed separately: reading the raw files (bronnen), mapping onto thema's (koppeling), the
shared work for all gebieden (indicatoren.voorbereiden: denominators restated on today's
boundaries, series of all gebieden, national benchmark, series breaks), the thema signals of all
gemeenten at once (indicatoren.signalen_alle) and then :func:`ivpanalyse.analyse.indicatoren.bereken` per
gemeente (everything: signals, text, priorities, effectindicatoren, wijken) (basisteam = the gemeente and its 4 nearest
neighbours in code order, the computed vergelijkbare gemeenten). Peak memory: the peak resident
size of the process (ru_maxrss); with ``--tracemalloc`` also the peak of Python allocations (numpy
included, Arrow string buffers not), which slows every stage down several times, so the seconds
of such a run are not comparable. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
BESTANDEN = [SHARED / "politie-47018NED" / "47018NED_UntypedDataSet_gemeenten_2012-2023.csv",
             SHARED / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv",
             SHARED / "cbs-83648NED" / "83648NED_UntypedDataSet_17052018_2015_twente.csv"]


def getal(waarde: float, decimalen: int = 1) -> str:
    return f"{waarde:,.{decimalen}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=None, help="at most this many gemeenten (spread over the list)")
    parser.add_argument("--tracemalloc", action="store_true", help="also measure Python allocations (slow)")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} ontbreekt: benchmark overgeslagen")
        return 0

    from ivpanalyse import bronnen
    from ivpanalyse.analyse import indicatoren
    from ivpanalyse.analyse import koppeling

    if args.tracemalloc:
        tracemalloc.start()
    t0 = time.perf_counter()
    cijfers = bronnen.lees_alles([p for p in BESTANDEN if p.exists()])
    t_lezen = time.perf_counter() - t0
    t0 = time.perf_counter()
    gekoppeld = koppeling.koppel(cijfers)
    t_koppel = time.perf_counter() - t0
    t0 = time.perf_counter()
    voorwerk = indicatoren.voorbereiden(cijfers, gekoppeld)
    t_voorwerk = time.perf_counter() - t0
    piek_voor = tracemalloc.get_traced_memory()[1] if args.tracemalloc else 0

    t0 = time.perf_counter()
    alle_signalen = indicatoren.signalen_alle(voorwerk)
    t_alle = time.perf_counter() - t0

    gemeenten = list(voorwerk.gemeenten)
    if args.max and args.max < len(gemeenten):
        stap = len(gemeenten) / args.max
        gemeenten = [gemeenten[int(i * stap)] for i in range(args.max)]
    alle = list(voorwerk.gemeenten)
    duur = []
    signalen = {}
    t_start = time.perf_counter()
    for i, gm in enumerate(gemeenten):
        j = alle.index(gm)
        basisteam = alle[max(0, j - 2): j + 3]
        t0 = time.perf_counter()
        ind = indicatoren.bereken(cijfers, gekoppeld, gm, basisteam=basisteam, voorwerk=voorwerk)
        duur.append(time.perf_counter() - t0)
        for s in ind.signalen["signaal"]:
            signalen[s] = signalen.get(s, 0) + 1
        if (i + 1) % 50 == 0:
            print(f"  {i + 1} gemeenten ...", file=sys.stderr)
    t_bereken = time.perf_counter() - t_start
    piek = tracemalloc.get_traced_memory()[1] if args.tracemalloc else 0
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

    print(f"Data: {getal(len(cijfers), 0)} cijfers, {len(alle)} gemeenten, {getal(len(gekoppeld.cijfers), 0)} "
          "gekoppelde rijen")
    print(f"Inlezen (bronnen):                 {getal(t_lezen, 2)} s")
    print(f"Koppelen (koppeling.koppel):       {getal(t_koppel, 2)} s")
    print(f"Voorwerk alle gebieden:            {getal(t_voorwerk, 2)} s")
    print(f"Signalen alle gemeenten (vectorieel): {getal(t_alle, 2)} s ({len(alle_signalen)} reeksen)")
    print(f"bereken, {len(gemeenten)} gemeenten:".ljust(35) + f"{getal(t_bereken, 1)} s totaal")
    print(f"bereken per gemeente:              mediaan {getal(statistics.median(duur), 3)} s, "
          f"p95 {getal(sorted(duur)[int(0.95 * (len(duur) - 1))], 3)} s, max {getal(max(duur), 3)} s")
    if args.tracemalloc:
        print(f"Piek Python-geheugen (tracemalloc): {getal(piek_voor / 2**20, 0)} MiB na voorwerk, "
              f"{getal(piek / 2**20, 0)} MiB totaal")
    print(f"Piek procesgeheugen (ru_maxrss):    {getal(rss, 0)} MiB")
    print("Signalen over alle thema's: " + ", ".join(f"{k} {v}" for k, v in sorted(signalen.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
