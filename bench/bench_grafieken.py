"""Benchmark: the report's thema charts (draw + render as SVG), seconds per chart and SVG size.

Run from the repository root::

    .venv/bin/python bench/bench_grafieken.py            # demo gemeente GM9901, 5 rounds
    .venv/bin/python bench/bench_grafieken.py --rondes 9

Draws every thema chart of the demo report the way the report does (the SVG template of
:mod:`ivpanalyse.rapport.lijngrafiek`) and, for comparison, the way it did before: matplotlib on one
reused Figure (:class:`ivpanalyse.rapport.grafieken.Tekenaar`, then
:func:`~ivpanalyse.rapport.grafieken.svg`) and with a new Figure per chart. The first chart of a
process (imports, matplotlib's font cache, the template's compilation) is timed apart. Prints the
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
    from ivpanalyse.rapport import weergave

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

    titel, reeks, per_1000 = reeksen[0]
    t0 = time.perf_counter()
    from ivpanalyse.rapport import lijngrafiek

    lijngrafiek.svg(reeks, naam=r.naam, titel=titel, per_1000=per_1000)
    eerste_sjabloon = time.perf_counter() - t0
    t0 = time.perf_counter()
    from ivpanalyse.rapport import grafieken

    tekenaar = grafieken.Tekenaar()
    grafieken.svg(tekenaar.thema_trend(reeks, naam=r.naam, titel=titel, per_1000=per_1000))
    eerste_mpl = time.perf_counter() - t0

    tekenen = {
        "sjabloon (rapport)": lambda t, d, p: lijngrafiek.svg(d, naam=r.naam, titel=t, per_1000=p),
        "matplotlib, gedeelde figuur (oud)": lambda t, d, p: grafieken.svg(
            tekenaar.thema_trend(d, naam=r.naam, titel=t, per_1000=p)),
        "matplotlib, nieuwe figuur": lambda t, d, p: grafieken.svg(
            grafieken.thema_trend(d, naam=r.naam, titel=t, per_1000=p)),
    }

    def ronde(teken) -> tuple[float, list[int]]:
        t0 = time.perf_counter()
        maten = [len(teken(titel, reeks, per_1000)) for titel, reeks, per_1000 in reeksen]
        return (time.perf_counter() - t0) / len(reeksen), maten

    print(f"{len(reeksen)} grafieken (demo GM9901), mediaan van {args.rondes} rondes")
    print(f"  eerste grafiek van het proces: sjabloon {eerste_sjabloon * 1000:.0f} ms, "
          f"matplotlib {eerste_mpl * 1000:.0f} ms (met import)")
    basis = None
    for naam, teken in tekenen.items():
        uitkomsten = [ronde(teken) for _ in range(args.rondes)]
        per = statistics.median(t for t, _ in uitkomsten)
        maten = uitkomsten[0][1]
        basis = basis or per
        print(f"  {naam:36s} {per * 1000:7.2f} ms per grafiek ({per / basis:5.1f}x), SVG mediaan "
              f"{statistics.median(maten) / 1000:.1f} kB, grootste {max(maten) / 1000:.1f} kB, samen {sum(maten) / 1000:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
