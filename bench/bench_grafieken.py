"""Benchmark: the report's thema charts (draw + render as SVG), seconds per chart and SVG size.

Run from the repository root::

    .venv/bin/python bench/bench_grafieken.py            # demo gemeente GM9901, 5 rounds
    .venv/bin/python bench/bench_grafieken.py --rondes 9

Draws every thema chart of the demo report the way the report does (one
:class:`ivpanalyse.rapport.grafieken.Tekenaar`, then :func:`~ivpanalyse.rapport.grafieken.svg`),
and, for comparison, with a new Figure per chart (:func:`~ivpanalyse.rapport.grafieken.thema_trend`).
The first chart of a process (matplotlib's font cache, first layout) is timed apart. Prints the
median per chart over the rounds and the SVG sizes; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondes", type=int, default=5, help="rounds over all charts (median is reported)")
    args = parser.parse_args()

    from ivpanalyse import api, demo
    from ivpanalyse.rapport import grafieken, weergave

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        demo.genereer(data)
        r = weergave.Rapport(api.analyse("GM9901", [str(data)]))
        reeksen = []
        for t in weergave.taxonomie.themas():
            reeks = r.reeks(t.code)
            reeks = reeks[reeks["aantal"].notna()]
            if len(reeks):
                reeksen.append((f"{t.code} {t.kort}", reeks, bool(reeks["per_1000"].notna().any())))
    if not reeksen:
        print("geen thema's met cijfers")
        return 1

    t0 = time.perf_counter()
    tekenaar = grafieken.Tekenaar()
    titel, reeks, per_1000 = reeksen[0]
    grafieken.svg(tekenaar.thema_trend(reeks, naam=r.naam, titel=titel, per_1000=per_1000))
    eerste = time.perf_counter() - t0

    def ronde(hergebruik: bool) -> tuple[float, list[int]]:
        maten = []
        t0 = time.perf_counter()
        for titel, reeks, per_1000 in reeksen:
            fig = (tekenaar.thema_trend(reeks, naam=r.naam, titel=titel, per_1000=per_1000) if hergebruik
                   else grafieken.thema_trend(reeks, naam=r.naam, titel=titel, per_1000=per_1000))
            maten.append(len(grafieken.svg(fig)))
        return (time.perf_counter() - t0) / len(reeksen), maten

    hergebruikt = [ronde(True) for _ in range(args.rondes)]
    nieuw = [ronde(False) for _ in range(args.rondes)]
    maten = hergebruikt[0][1]
    print(f"{len(reeksen)} grafieken (demo GM9901), mediaan van {args.rondes} rondes")
    print(f"  eerste grafiek van het proces:     {eerste * 1000:7.1f} ms")
    print(f"  per grafiek, gedeelde figuur:      {statistics.median(t for t, _ in hergebruikt) * 1000:7.1f} ms")
    print(f"  per grafiek, nieuwe figuur:        {statistics.median(t for t, _ in nieuw) * 1000:7.1f} ms")
    print(f"  SVG per grafiek: mediaan {statistics.median(maten) / 1000:.1f} kB, grootste {max(maten) / 1000:.1f} kB, "
          f"samen {sum(maten) / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
