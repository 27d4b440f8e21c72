"""Benchmark: one gemeente's report against the floor of the same papermill + nbconvert path.

Run from the repository root::

    .venv/bin/python bench/bench_rapport.py              # 3 rounds on demo gemeente GM9901
    .venv/bin/python bench/bench_rapport.py --rondes 5

Every timed run goes through :func:`ivpanalyse.rapport.runner.voer_uit` with the same parameters: parameter
check, papermill with a fresh kernel, nbconvert, the page template and the atomic write. Only the
notebook differs:

* vloer: the parameters cell and ``import ivpanalyse`` (a notebook that only imports the package);
* vloer + imports: also imports what the report notebook imports (``api``, ``weergave``: pandas,
  scipy, matplotlib, ...), to show how much of the report is start-up;
* rapport: the real report notebook, with the demo's drieslag input.

Rounds alternate the three so that machine load hits them alike; the medians are compared. The
script also prints, in this process, where the report's own work goes (analysis, HTML and charts).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from ivpanalyse import api, demo
from ivpanalyse.rapport import runner as rapport
from ivpanalyse.config import notebook_path


def getal(waarde: float, decimalen: int = 1) -> str:
    return f"{waarde:,.{decimalen}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def vloer_notebook(doel: Path, importregel: str) -> Path:
    """The report notebook's parameters cell plus one import line."""
    nb = nbformat.read(notebook_path(), as_version=4)
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    nb.cells = parameters + [nbformat.v4.new_code_cell(importregel, id="vloer")]
    nbformat.write(nb, doel)
    return doel


def tijd(parameters: dict, uitvoer: Path, notebook: Path | None, naam: str) -> tuple[float, Path]:
    begin = time.perf_counter()
    pad = rapport.voer_uit(dict(parameters), uitvoer, notebook=notebook, naam=naam)
    return time.perf_counter() - begin, pad


def onderdelen(gemeente: str, data: Path, drieslag: Path) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds of the report's own work in this process (imports already done)."""
    from ivpanalyse.rapport import weergave

    def nu():
        return time.perf_counter(), time.process_time()

    begin = nu()
    analyse = api.analyse(gemeente, [data])
    na_analyse = nu()
    r = weergave.Rapport(analyse, api.drieslag(drieslag, gemeente), {"gemeente": gemeente, "data": [str(data)]})
    delen = [weergave.kop(r), weergave.inhoud(r), weergave.samenvatting(r), weergave.invulling(r)]
    na_overzicht = nu()
    delen += [weergave.veld(r, v) for v in range(1, 6)]
    na_velden = nu()
    delen += [weergave.stap3(r), weergave.bijlage(r)]
    eind = nu()

    def duur(*paren):
        return tuple(sum(b[i] - a[i] for a, b in paren) for i in (0, 1))

    return {"analyse (inlezen, koppelen, indicatoren)": duur((begin, na_analyse)),
            "velden (grafieken en tabellen)": duur((na_overzicht, na_velden)),
            "overige HTML (samenvatting, stap 3, bijlage)": duur((na_analyse, na_overzicht), (na_velden, eind))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondes", type=int, default=3)
    parser.add_argument("--gemeente", default=demo.DEMO_GEMEENTE)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-rapport-") as tmp:
        tmp = Path(tmp)
        paden = demo.genereer(tmp / "data")
        drieslag = paden["drieslag"]
        parameters = {"gemeente": args.gemeente, "data": [str(tmp / "data")], "jaar_van": None, "jaar_tot": None,
                      "invoer": str(drieslag)}
        varianten = {
            "vloer": vloer_notebook(tmp / "vloer.ipynb", "import ivpanalyse"),
            "vloer + imports": vloer_notebook(tmp / "vloer_imports.ipynb", "from ivpanalyse import api, weergave"),
            "rapport": None,
        }
        tijd(parameters, tmp / "uit", varianten["vloer"], "opwarmen")  # first kernel start, cold caches
        tijden: dict[str, list[float]] = {k: [] for k in varianten}
        paden_uit: dict[str, Path] = {}
        for ronde in range(args.rondes):
            for naam, nb in varianten.items():
                t, pad = tijd(parameters, tmp / "uit", nb, naam.replace(" + ", "_"))
                tijden[naam].append(t)
                paden_uit[naam] = pad
            print(f"ronde {ronde + 1}: " + ", ".join(f"{k} {getal(v[-1], 2)} s" for k, v in tijden.items()),
                  file=sys.stderr)

        mediaan = {k: statistics.median(v) for k, v in tijden.items()}
        html = paden_uit["rapport"]
        tekst = html.read_text(encoding="utf-8")
        print(f"Rapport {args.gemeente} (demodata, {args.rondes} rondes, mediaan; papermill + nbconvert, zelfde pad)")
        for naam, t in mediaan.items():
            print(f"  {naam:<18} {getal(t, 2):>7} s   (min {getal(min(tijden[naam]), 2)}, "
                  f"max {getal(max(tijden[naam]), 2)})")
        print(f"  verhouding rapport / vloer:            {getal(mediaan['rapport'] / mediaan['vloer'], 2)}")
        print(f"  verhouding rapport / vloer + imports:  {getal(mediaan['rapport'] / mediaan['vloer + imports'], 2)}")
        print(f"  rapportbestand: {getal(html.stat().st_size / 1e6, 2)} MB ({getal(html.stat().st_size, 0)} bytes), "
              f"{tekst.count('<img')} grafieken, notebook {getal(html.with_suffix('.ipynb').stat().st_size / 1e6, 2)} MB")
        print("Eigen werk van het rapport in dit proces (imports al gedaan; wand- en processortijd):")
        for naam, (wand, cpu) in onderdelen(args.gemeente, tmp / "data", drieslag).items():
            print(f"  {naam:<46} {getal(wand, 2):>6} s  (cpu {getal(cpu, 2)} s)")


if __name__ == "__main__":
    main()
