"""Benchmark: one gemeente's report against the floor of the same papermill + nbconvert path.

Run from the repository root::

    .venv/bin/python bench/bench_rapport.py              # 3 rounds, GM0158 on the national 47018NED data
    .venv/bin/python bench/bench_rapport.py --rondes 5 --gemeente GM0363
    .venv/bin/python bench/bench_rapport.py --demo       # demo gemeente GM9901 on the demo data

The report reads its slice of the national stage (:mod:`ivpanalyse.analyse.landelijk`), as every report
after the first on the same data does; the first report, which makes the stage, is timed apart
("rapport, eerste op deze data").

Every timed run goes through :func:`ivpanalyse.rapport.runner.voer_uit` with the same parameters: parameter
check, papermill with a fresh kernel, nbconvert, the page template and the atomic write. Only the
notebook differs:

* kale kernel: the parameters cell and ``import ivpanalyse``, which since this round loads nothing but
  the package's ``__init__`` (its modules are imported on first use);
* vloer: the parameters cell and the report notebook's own import statements (``from ivpanalyse import
  api``, ``from ivpanalyse.rapport import weergave``): a kernel with the package loaded. This is the
  floor the speed issue measured (2,6 s) as "a notebook that only imports the package", when
  ``import ivpanalyse`` still loaded pandas, scipy and matplotlib; the target ratio is against it;
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
from ivpanalyse.batch.kernels import imports_van
from ivpanalyse.config import notebook_path
from ivpanalyse.rapport import runner as rapport


def getal(waarde: float, decimalen: int = 1) -> str:
    return f"{waarde:,.{decimalen}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def vloer_notebook(doel: Path, importregel: str) -> Path:
    """The report notebook's parameters cell plus one import line."""
    nb = nbformat.read(notebook_path(), as_version=4)
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    nb.cells = parameters + [nbformat.v4.new_code_cell(importregel, id="vloer")]
    nbformat.write(nb, doel)
    return doel


CPU: dict[str, list[float]] = {}


def _cpu() -> float:
    """Processor time of this process and its ended children (the kernel is one, waited for at shutdown)."""
    import resource

    zelf, kinderen = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return zelf.ru_utime + zelf.ru_stime + kinderen.ru_utime + kinderen.ru_stime


def tijd(parameters: dict, uitvoer: Path, notebook: Path | None, naam: str) -> tuple[float, Path]:
    """Wall time of one run through the report path; its processor time (kernel included) goes to CPU."""
    begin, cpu = time.perf_counter(), _cpu()
    pad = rapport.voer_uit(dict(parameters), uitvoer, notebook=notebook, naam=naam)
    CPU.setdefault(naam, []).append(_cpu() - cpu)
    return time.perf_counter() - begin, pad


def onderdelen(gemeente: str, data: list[Path], drieslag: Path | None) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds of the report's own work in this process (imports already done)."""
    from ivpanalyse.rapport import weergave

    def nu():
        return time.perf_counter(), time.process_time()

    begin = nu()
    analyse = api.analyse(gemeente, data)
    na_analyse = nu()
    r = weergave.Rapport(analyse, api.drieslag(drieslag, gemeente), {"gemeente": gemeente, "data": [str(d) for d in data]})
    delen = [weergave.kop(r), weergave.inhoud(r), weergave.samenvatting(r), weergave.invulling(r)]
    na_overzicht = nu()
    delen += [weergave.veld(r, v) for v in range(1, 6)]
    na_velden = nu()
    delen += [weergave.stap3(r), weergave.bijlage(r)]
    eind = nu()

    def duur(*paren):
        return tuple(sum(b[i] - a[i] for a, b in paren) for i in (0, 1))

    return {"analyse (landelijke stap lezen, indicatoren)": duur((begin, na_analyse)),
            "velden (grafieken en tabellen)": duur((na_overzicht, na_velden)),
            "overige HTML (samenvatting, stap 3, bijlage)": duur((na_analyse, na_overzicht), (na_velden, eind))}


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondes", type=int, default=3)
    parser.add_argument("--gemeente", default=None)
    parser.add_argument("--demo", action="store_true", help="demodata in plaats van de landelijke data")
    args = parser.parse_args()
    wortel = Path(__file__).resolve().parents[1]
    nationaal = [wortel.parent / "shared" / "data" / "politie-47018NED",
                 wortel.parent / "shared" / "data" / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv"]
    demo_data = args.demo or not all(p.exists() for p in nationaal)

    with tempfile.TemporaryDirectory(prefix="bench-rapport-") as tmp:
        tmp = Path(tmp)
        os.environ["IVPANALYSE_CACHE"] = str(tmp / "cache")  # an empty national stage; kernels inherit it
        if demo_data:
            paden = demo.genereer(tmp / "data")
            data, gemeente, drieslag, bron = [tmp / "data"], args.gemeente or demo.DEMO_GEMEENTE, paden["drieslag"], "demodata"
        else:
            data, gemeente, drieslag, bron = nationaal, args.gemeente or "GM0158", None, "landelijke 47018NED-data"
        parameters = {"gemeente": gemeente, "data": [str(d) for d in data], "jaar_van": None, "jaar_tot": None,
                      "invoer": str(drieslag) if drieslag else None}
        varianten = {
            "kale kernel": vloer_notebook(tmp / "kaal.ipynb", "import ivpanalyse"),
            "vloer": vloer_notebook(tmp / "vloer.ipynb", imports_van(notebook_path())),
            "rapport": None,
        }
        tijd(parameters, tmp / "uit", varianten["vloer"], "opwarmen")  # first kernel start, cold caches
        eerste, _ = tijd(parameters, tmp / "uit", None, "eerste")  # makes the national stage
        tijden: dict[str, list[float]] = {k: [] for k in varianten}
        paden_uit: dict[str, Path] = {}
        for ronde in range(args.rondes):
            for naam, nb in varianten.items():
                t, pad = tijd(parameters, tmp / "uit", nb, naam.replace(" ", "_"))
                tijden[naam].append(t)
                paden_uit[naam] = pad
            print(f"ronde {ronde + 1}: " + ", ".join(f"{k} {getal(v[-1], 2)} s" for k, v in tijden.items()),
                  file=sys.stderr)

        mediaan = {k: statistics.median(v) for k, v in tijden.items()}
        html = paden_uit["rapport"]
        tekst = html.read_text(encoding="utf-8")
        print(f"Rapport {gemeente} ({bron}, {args.rondes} rondes, mediaan; papermill + nbconvert, zelfde pad)")
        for naam, t in mediaan.items():
            print(f"  {naam:<18} {getal(t, 2):>7} s   (min {getal(min(tijden[naam]), 2)}, "
                  f"max {getal(max(tijden[naam]), 2)})")
        print(f"  rapport, eerste op deze data (maakt de landelijke stap): {getal(eerste, 2)} s")
        cpu = {k: statistics.median(CPU[k.replace(" ", "_")]) for k in varianten}
        print("  processortijd (mediaan, kernel inbegrepen; minder gevoelig voor een drukke machine): "
              + ", ".join(f"{k} {getal(v, 2)} s" for k, v in cpu.items())
              + f"; verhouding rapport / vloer {getal(cpu['rapport'] / cpu['vloer'], 2)}, "
              f"rapport / kale kernel {getal(cpu['rapport'] / cpu['kale kernel'], 2)}")
        print(f"  verhouding rapport / vloer (kernel met het pakket geladen): "
              f"{getal(mediaan['rapport'] / mediaan['vloer'], 2)}   (doel <= 2,5; daarna 1,5)")
        print(f"  verhouding rapport / kale kernel:                          "
              f"{getal(mediaan['rapport'] / mediaan['kale kernel'], 2)}")
        print(f"  rapportbestand: {getal(html.stat().st_size / 1e6, 2)} MB ({getal(html.stat().st_size, 0)} bytes), "
              f"{tekst.count('<img')} grafieken, notebook {getal(html.with_suffix('.ipynb').stat().st_size / 1e6, 2)} MB")
        for keer in ("eerste keer in dit proces: ook pandera en scipy worden dan geladen", "tweede keer"):
            print(f"Eigen werk van het rapport in dit proces ({keer}; wand- en processortijd):")
            for naam, (wand, cpu) in onderdelen(gemeente, data, drieslag).items():
                print(f"  {naam:<46} {getal(wand, 2):>6} s  (cpu {getal(cpu, 2)} s)")


if __name__ == "__main__":
    main()
