"""Benchmark: reading the national 47018NED file and a synthetic buurt-level file (>= 10 million rows).

Run from the repository root::

    .venv/bin/python bench/bench_inlezen.py            # both measurements
    .venv/bin/python bench/bench_inlezen.py --rijen 2000000   # smaller synthetic file

Each read runs in a fresh child process, so the reported peak memory (maximum resident set size,
``resource.getrusage``) belongs to that read alone: parsing, checks, the canonical table and its
schema validation (``ivpanalyse.bronnen.lees``). The synthetic file has the real bulk layout
(quoted fields, padded keys, right-aligned numbers, ``.`` for secret figures) with real buurt codes
from ``../shared/data/politie-47018NED/WijkenEnBuurten.csv`` when present.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
NATIONAAL = SHARED / "politie-47018NED" / "47018NED_UntypedDataSet_gemeenten_2012-2023.csv"
# The real offence codes of 47018NED (the shipped code list): a code outside it is refused without metadata.
CODES = pd.read_csv(ROOT / "ivpanalyse" / "data" / "koppeling" / "47018NED.csv", dtype=str, comment="#")["categorie"].tolist()


def buurten() -> list[str]:
    lijst = SHARED / "politie-47018NED" / "WijkenEnBuurten.csv"
    if lijst.is_file():
        keys = pd.read_csv(lijst, usecols=["Key"], dtype=str)["Key"].str.strip()
        return sorted(k for k in keys if k.startswith("BU") and k[2:].isdigit())
    return [f"BU0158{w:02d}{b:02d}" for w in range(100) for b in range(100)]


def maak_synthetisch(doel: Path, rijen: int) -> Path:
    """Write a 47018NED-layout buurt file of at least ``rijen`` rows (12 years x 60 codes x buurten)."""
    bu = buurten()
    jaren = list(range(2012, 2024))
    nodig = -(-rijen // (len(jaren) * len(CODES)))
    if nodig > len(bu):  # more buurten than the country has: add fictitious ones (GM99xx), never a duplicate
        bu = bu + [f"BU99{g:02d}{w:02d}{b:02d}" for g in range(100) for w in range(100) for b in range(100)][
            :nodig - len(bu)]
    bu = bu[:nodig]
    rng = np.random.default_rng(1)
    pad = doel / "47018NED_UntypedDataSet_synthetisch_buurten.csv"
    with pad.open("w", encoding="utf-8-sig", newline="") as f:
        f.write('"ID";"SoortMisdrijf";"WijkenEnBuurten";"Perioden";"GeregistreerdeMisdrijven_1"\n')
        start = 0
        for jaar in jaren:
            code = np.repeat(np.array([f"{c:<6}" for c in CODES]), len(bu))
            gebied = np.tile(np.array([f"{b:<10}" for b in bu]), len(CODES))
            waarde = rng.poisson(3, len(code)).astype(str)
            waarde = np.char.rjust(np.where(rng.random(len(code)) < 0.02, ".", waarde), 12)
            blok = pd.DataFrame({"ID": np.arange(start, start + len(code)), "S": code, "W": gebied,
                                 "P": f"{jaar}JJ00", "G": waarde})
            start += len(code)
            blok.to_csv(f, sep=";", header=False, index=False, quoting=csv.QUOTE_ALL, lineterminator="\n")
    return pad


def meet(pad: Path) -> dict:
    """Read ``pad`` in a child process; return seconds, rows and peak RSS in MiB."""
    code = ("import json,resource,sys,time\n"
            "t=time.perf_counter()\n"
            "from ivpanalyse import bronnen\n"
            f"df=bronnen.lees({str(pad)!r})\n"
            "s=time.perf_counter()-t\n"
            "print(json.dumps({'seconden':round(s,1),'rijen':len(df),"
            "'geheugen_tabel_mib':round(df.memory_usage(deep=True).sum()/2**20),"
            "'piek_mib':round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)}))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if r.returncode:
        raise SystemExit(r.stderr)
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rijen", type=int, default=10_000_000)
    args = parser.parse_args()
    if NATIONAAL.is_file():
        m = meet(NATIONAAL)
        print(f"47018NED landelijk ({NATIONAAL.stat().st_size / 2**20:.1f} MiB): {m['rijen']:,} rijen in "
              f"{m['seconden']} s, piekgeheugen {m['piek_mib']} MiB, tabel {m['geheugen_tabel_mib']} MiB")
    else:
        print(f"overgeslagen: {NATIONAAL} ontbreekt")
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        pad = maak_synthetisch(Path(tmp), args.rijen)
        print(f"synthetisch bestand gemaakt in {time.perf_counter() - t:.0f} s "
              f"({pad.stat().st_size / 2**20:.0f} MiB)")
        m = meet(pad)
        print(f"synthetisch buurtniveau: {m['rijen']:,} rijen in {m['seconden']} s, "
              f"piekgeheugen {m['piek_mib']} MiB, tabel {m['geheugen_tabel_mib']} MiB")
    print(f"(Python {sys.version.split()[0]}, pandas {pd.__version__}, maxrss via resource.getrusage)")


if __name__ == "__main__":
    main()
