"""The national stage: what every gemeente's report shares, computed once per data set and kept as Parquet.

Every report of a batch reads the same sources, maps them onto the thema's, builds the series of all
gebieden and the Nederland benchmark (:func:`ivpanalyse.analyse.indicatoren.voorbereiden`): about 1,5 s
of the 2 s a report's analysis takes on the national 47018NED data, and the same for all 342 gemeenten.
This module does that work once and stores it; a report then reads its **slice**: the series of its own
gemeente (and wijken) and of the gemeenten it is compared with (basisteam, vergelijkbare gemeenten),
plus the small national frames (denominators for choosing comparable gemeenten, the Nederland series).

- **Key** (like :mod:`ivpanalyse.bronnen.cache`): SHA-256 over :data:`VERSIE`, the package version, the
  cache key of every source file (its content, the metadata beside it, the mapping tables and the
  readers' code), the files' paths, the years and the gemeente's own mapping file, and the code of the
  analysis itself (``analyse/``, taxonomie, register, package data). Anything that changes a figure
  changes the key; a stale stage is never read.
- **Where**: ``$IVPANALYSE_CACHE/landelijk``; else ``data/processed/landelijk`` of the project the data
  lie in; else the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``) ``/ivpanalyse/landelijk``.
  One folder per key, published whole (written beside it, then renamed): never a half stage.
  Deleting it is always safe. **Cleaning up**: reading a stage marks it as used; when a new stage is
  stored, stages unused for :data:`BEWAAR_DAGEN` days, and all but the :data:`BEWAAR_AANTAL` most
  recently used, are removed, as are temp folders a killed process left behind.
- A single report uses the same path: the first report on a data set makes the stage, the next one
  (another gemeente, or the same one again) only reads its slice. The batch makes the stage before its
  workers start (:func:`maak`), so they never race for it.
- The canonical table itself is kept whole (the report's appendix counts the figures per file); the
  per-gebied frames (series, mapped rows, series breaks) are read with a row filter.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import pandas as pd

from .. import __version__, bronnen
from ..bronnen import cache
from ..cijfers import is_gelijk
from ..config import processed_voor
from ..errors import IndicatorFout
from . import indicatoren, koppeling

VERSIE = "1"
KLAAR = "klaar.json"  # written last: a folder without it is not a stage
# Voorwerk frames with one row per gebied (and year): read with a row filter. Every other frame
# (denominators, the Nederland series, ...) is national and read whole.
PER_GEBIED = ("thema", "indicator", "rijen", "breuk_thema", "breuk_indicator")
BEWAAR_DAGEN = 30  # a stage not used for this long is removed when a new one is stored
BEWAAR_AANTAL = 8  # at most this many stages per folder (the most recently used ones)


@dataclass(frozen=True)
class Landelijk:
    """The shared stage (whole after :func:`bereken`, or one gemeente's slice after :func:`lees`)."""

    sleutel: str
    cijfers: pd.DataFrame  # the canonical table within the years (whole)
    gekoppeld: koppeling.Gekoppeld  # mapped rows (sliced) and the coverage of the mapping (whole)
    voorwerk: indicatoren.Voorwerk
    bronnen: bronnen.Bronnen  # names, own mappings, provenance; its ``cijfers`` is :attr:`cijfers`
    gemeenten: frozenset[str] = frozenset()  # the gebieden a slice holds (empty: everything)


# --------------------------------------------------------------------------- key and place


@functools.cache
def _code_hash() -> str:
    """SHA-256 of the code and reference data the stage depends on beyond the readers."""
    from ..atomisch import sha256_bestand

    pakket = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    bestanden = sorted(pakket.joinpath("analyse").glob("*.py")) + sorted(pakket.joinpath("data").rglob("*.*"))
    bestanden += [pakket / n for n in ("taxonomie.py", "register.py", "cijfers.py")]
    for f in bestanden:
        if f.is_file():
            h.update(f.relative_to(pakket).as_posix().encode())
            sha256_bestand(f, h)
    return h.hexdigest()


def sleutel(data: Sequence[str | Path], jaar_van: int | None = None, jaar_tot: int | None = None, *,
            koppeling_eigen: str | Path | None = None) -> str:
    """The stage's key: sources (content, paths), years, own mapping, package and analysis code."""
    from ..atomisch import sha256_bestand

    h = hashlib.sha256(f"ivpanalyse-landelijk-{VERSIE}-{__version__}-{_code_hash()}".encode())
    for p in bronnen.bestanden(data):
        h.update(str(Path(p).resolve()).encode())
        h.update(cache.sleutel(Path(p)).encode())
    h.update(json.dumps([jaar_van, jaar_tot]).encode())
    if koppeling_eigen is not None:
        h.update(sha256_bestand(Path(koppeling_eigen)).encode())
    return h.hexdigest()


def map_voor(data: Sequence[str | Path]) -> Path:
    """Where the stages of ``data`` are kept (see the module docstring)."""
    if os.environ.get("IVPANALYSE_CACHE"):
        return Path(os.environ["IVPANALYSE_CACHE"]) / "landelijk"
    project = processed_voor(data[0]) if data else None
    if project is not None:
        return project / "landelijk"
    basis = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(basis) / "ivpanalyse" / "landelijk"


# --------------------------------------------------------------------------- computing


def bereken(data: Sequence[str | Path], jaar_van: int | None = None, jaar_tot: int | None = None, *,
            koppeling_eigen: str | Path | None = None, sleutel_: str = "") -> Landelijk:
    """Read, map and prepare everything the reports on ``data`` share (no file is written)."""
    data = list(data)
    gelezen = bronnen.lees_bronnen(data, processed_voor(data[0]) if data else None)
    cijfers = gelezen.cijfers
    if jaar_van is not None:
        cijfers = cijfers[cijfers["periode"] >= jaar_van]
    if jaar_tot is not None:
        cijfers = cijfers[cijfers["periode"] <= jaar_tot]
    eigen = list(gelezen.eigen_koppelingen) + ([koppeling_eigen] if koppeling_eigen else [])
    gekoppeld = koppeling.koppel(cijfers, eigen or None)
    voorwerk = indicatoren.voorbereiden(cijfers, gekoppeld)
    return Landelijk(sleutel_, cijfers, gekoppeld, voorwerk, dataclasses.replace(gelezen, cijfers=cijfers))


# --------------------------------------------------------------------------- storing


def _json(waarde: Any) -> Any:
    if isinstance(waarde, (tuple, list, frozenset, set)):
        return [_json(w) for w in waarde]
    if isinstance(waarde, dict):
        if not all(isinstance(k, str) for k in waarde):  # JSON would turn them into text: not the same dict
            raise TypeError("niet op te slaan: een dict met sleutels die geen tekst zijn")
        return {k: _json(v) for k, v in waarde.items()}
    if isinstance(waarde, Path):
        return str(waarde)
    if hasattr(waarde, "item"):  # numpy scalar
        return waarde.item()
    if waarde is None or isinstance(waarde, (str, int, float, bool)):
        return waarde
    raise TypeError(f"niet op te slaan: {type(waarde).__name__}")


def bewaar(stage: Landelijk, map_: Path) -> Path:
    """Write ``stage`` as ``map_/<sleutel>/`` (Parquet frames, JSON for the rest), published whole.

    Returns the stage folder. When another process published the same key first, its folder stays.
    """
    map_ = Path(map_)
    map_.mkdir(parents=True, exist_ok=True)
    doel = map_ / stage.sleutel
    tijdelijk = Path(tempfile.mkdtemp(prefix=f".{stage.sleutel[:12]}.tmp.", dir=map_))
    try:
        frames: dict[str, str] = {}
        overig: dict[str, Any] = {}

        def frame(naam: str, df: pd.DataFrame) -> None:
            df.to_parquet(tijdelijk / f"{naam}.parquet")
            frames[naam] = f"{naam}.parquet"

        frame("cijfers", stage.cijfers)
        frame("gekoppeld.cijfers", stage.gekoppeld.cijfers)
        frame("gekoppeld.dekking", stage.gekoppeld.dekking)
        for veld in dataclasses.fields(stage.voorwerk):
            waarde = getattr(stage.voorwerk, veld.name)
            if veld.name.startswith("plek_"):
                continue  # row positions: rebuilt for the slice that is read
            if isinstance(waarde, pd.DataFrame):
                frame(f"voorwerk.{veld.name}", waarde)
            else:
                overig[f"voorwerk.{veld.name}"] = _json(waarde)
        for i, df in enumerate(stage.bronnen.eigen_koppelingen):
            frame(f"eigen.{i}", df)
        overig["bronnen.namen"] = _json(stage.bronnen.namen)
        overig["bronnen.eigen"] = len(stage.bronnen.eigen_koppelingen)
        overig["bronnen.bestanden"] = [_json(dataclasses.asdict(b)) for b in stage.bronnen.bestanden]
        (tijdelijk / KLAAR).write_text(json.dumps({"versie": VERSIE, "sleutel": stage.sleutel, "frames": frames,
                                                    "overig": overig}, ensure_ascii=False), encoding="utf-8")
        try:
            os.rename(tijdelijk, doel)
        except OSError:  # published meanwhile by another process (same key, same content)
            if not (doel / KLAAR).is_file():
                raise
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)
    return doel


def _lees_frame(pad: Path, filters=None) -> pd.DataFrame:
    # pyarrow directly: the same frame as pandas.read_parquet (its pandas metadata restores the types),
    # at a third of the cost for the small filtered reads of a report.
    import pyarrow.parquet as pq

    return pq.read_table(pad, filters=filters).to_pandas()


def _plekken(vw: indicatoren.Voorwerk) -> dict[str, dict]:
    """Row positions per gebied, as :func:`indicatoren.voorbereiden` builds them, for the frames read."""
    thema = vw.thema
    wijkrijen = thema[~thema["gebied_code"].astype(str).str.startswith("GM")]
    return {
        "plek_rijen": vw.rijen.groupby("gebied_code", sort=False, observed=True).indices,
        "plek_thema": thema.groupby("gebied_code", sort=False, observed=True).indices,
        "plek_indicator": vw.indicator.groupby("gebied_code", sort=False, observed=True).indices,
        "plek_wijk": {g: wijkrijen.index[idx].to_numpy()
                      for g, idx in wijkrijen.groupby("gemeente_code", sort=False, observed=True).indices.items()},
    }


def lees(map_: Path, sleutel_: str, gemeente: str | None = None, *, basisteam: Iterable[str] = (),
         vergelijkbaar: Iterable[str] | None = None, k: int | None = None) -> Landelijk | None:
    """The stored stage ``sleutel_``, whole or (with ``gemeente``) that gemeente's slice; ``None`` when absent.

    The slice holds the per-gebied rows of ``gemeente`` and its wijken, of ``basisteam`` and of the
    comparison set (``vergelijkbaar``, or the computed :func:`indicatoren.vergelijkbare_gemeenten`).
    A damaged stage is removed (and made again by the caller).
    """
    doel = Path(map_) / sleutel_
    try:
        inhoud = json.loads((doel / KLAAR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    try:
        stage = _lees(doel, inhoud, sleutel_, gemeente, basisteam, vergelijkbaar, k)
        _gebruikt(doel)
        return stage
    except Exception:  # noqa: BLE001 - a damaged or incompatible stage is simply made again
        shutil.rmtree(doel, ignore_errors=True)
        return None


def _lees(doel: Path, inhoud: dict, sleutel_: str, gemeente: str | None, basisteam: Iterable[str],
          vergelijkbaar: Iterable[str] | None, k: int | None) -> Landelijk:
    frames, overig = inhoud["frames"], inhoud["overig"]
    velden = {f.name: f for f in dataclasses.fields(indicatoren.Voorwerk)}
    waarden: dict[str, Any] = {}
    for naam, f in velden.items():
        sleutel_naam = f"voorwerk.{naam}"
        if sleutel_naam in overig:
            w = overig[sleutel_naam]
            waarden[naam] = tuple(w) if isinstance(w, list) and "tuple" in str(f.type) else w
        elif sleutel_naam in frames and naam not in PER_GEBIED:
            waarden[naam] = _lees_frame(doel / frames[sleutel_naam])
    codes: set[str] = set()
    filters = None
    if gemeente is not None:
        if vergelijkbaar is None:
            opties = {"k": k} if k is not None else {}
            vergelijkbaar, _ = indicatoren.vergelijkbare_gemeenten(
                waarden["noemers"], gemeente, kandidaten=list(waarden["gemeenten"]),
                stedelijkheid=waarden.get("stedelijkheid") or {}, **opties)
        codes = {gemeente, *basisteam, *vergelijkbaar}
        # Own gemeente with its wijken and buurten, and the gemeenten it is compared with.
        filters = [[("gemeente_code", "==", gemeente)], [("gebied_code", "in", sorted(codes))]]
    for naam in PER_GEBIED:
        if f"voorwerk.{naam}" in frames:
            df = _lees_frame(doel / frames[f"voorwerk.{naam}"],
                             filters if filters and naam in ("thema", "indicator", "rijen") else None)
            if filters and naam.startswith("breuk_") and len(df):
                df = df[df["gebied_code"].astype(str).isin(codes)]
            waarden[naam] = df.reset_index(drop=True)
    for naam in ("plek_rijen", "plek_thema", "plek_indicator", "plek_wijk"):
        waarden.setdefault(naam, {})
    vw = indicatoren.Voorwerk(**{n: w for n, w in waarden.items() if n in velden})
    vw = dataclasses.replace(vw, **{n: w for n, w in _plekken(vw).items() if n in velden})
    cijfers = _lees_frame(doel / frames["cijfers"])
    gekoppeld = koppeling.Gekoppeld(_lees_frame(doel / frames["gekoppeld.cijfers"], filters),
                                    _lees_frame(doel / frames["gekoppeld.dekking"]))
    eigen = tuple(_lees_frame(doel / frames[f"eigen.{i}"]) for i in range(overig["bronnen.eigen"]))
    bestanden = tuple(bronnen.Bronbestand(**{**b, "pad": Path(b["pad"])}) for b in overig["bronnen.bestanden"])
    gelezen = bronnen.Bronnen(cijfers, dict(overig["bronnen.namen"]), eigen, bestanden)
    return Landelijk(sleutel_, cijfers, gekoppeld, vw, gelezen, frozenset(codes))


# --------------------------------------------------------------------------- the entry point


def maak(data: Sequence[str | Path], jaar_van: int | None = None, jaar_tot: int | None = None, *,
         koppeling_eigen: str | Path | None = None, map_: Path | None = None) -> tuple[str, Path, bool]:
    """Make sure the stage of ``data`` exists; returns (key, folder, made now). For the batch, before its workers."""
    data = list(data)
    s = sleutel(data, jaar_van, jaar_tot, koppeling_eigen=koppeling_eigen)
    map_ = Path(map_) if map_ is not None else map_voor(data)
    if (map_ / s / KLAAR).is_file():
        _gebruikt(map_ / s)
        return s, map_ / s, False
    stage = bereken(data, jaar_van, jaar_tot, koppeling_eigen=koppeling_eigen, sleutel_=s)
    _bewaar_als_het_kan(stage, map_)
    return s, map_ / s, True


def _bewaar_als_het_kan(stage: Landelijk, map_: Path) -> None:
    """Store the stage; when that is impossible (a read-only place, a field Parquet or JSON cannot hold
    exactly) the reports simply compute it themselves: slower, never different."""
    with contextlib.suppress(Exception):
        bewaar(stage, map_)
        ruim_op(map_, behalve=stage.sleutel)


def _gebruikt(doel: Path) -> None:
    """Mark a stage as used now (the time of its :data:`KLAAR` file), for :func:`ruim_op`."""
    with contextlib.suppress(OSError):
        os.utime(doel / KLAAR)


def ruim_op(map_: Path, *, behalve: str | None = None, nu: float | None = None) -> list[Path]:
    """Remove old stages from ``map_``; returns what was removed.

    A stage goes when it was last used more than :data:`BEWAAR_DAGEN` days ago or when
    :data:`BEWAAR_AANTAL` stages were used more recently (``behalve``, the one just stored, counts and
    stays); a temp folder of an unfinished store goes after a day. Anything else in the folder is left.
    """
    nu = time.time() if nu is None else nu
    weg: list[Path] = []
    stages: list[tuple[float, Path]] = []
    for d in Path(map_).iterdir():
        try:
            if not d.is_dir() or d.name == behalve:
                continue
            if d.name.startswith(".") and ".tmp." in d.name:
                if nu - d.stat().st_mtime > 86400:
                    weg.append(d)
            elif (d / KLAAR).is_file():
                stages.append(((d / KLAAR).stat().st_mtime, d))
        except OSError:
            continue
    stages.sort(key=lambda x: x[0], reverse=True)
    ruimte = BEWAAR_AANTAL - (1 if behalve else 0)
    weg += [d for i, (t, d) in enumerate(stages) if i >= ruimte or nu - t > BEWAAR_DAGEN * 86400]
    for d in weg:
        shutil.rmtree(d, ignore_errors=True)
    return weg


def voor(gemeente: str, data: Sequence[str | Path], jaar_van: int | None = None, jaar_tot: int | None = None, *,
         basisteam: Iterable[str] = (), vergelijkbaar: Iterable[str] | None = None,
         koppeling_eigen: str | Path | None = None, map_: Path | None = None) -> Landelijk:
    """``gemeente``'s slice of the national stage of ``data``: read when stored, else computed and stored.

    Raises
    ------
    IndicatorFout
        When the data hold no figures for ``gemeente`` (in the years asked).
    InleesFout
        Unreadable sources (only when the stage has to be computed).
    """
    data = list(data)
    s = sleutel(data, jaar_van, jaar_tot, koppeling_eigen=koppeling_eigen)
    map_ = Path(map_) if map_ is not None else map_voor(data)
    stage = lees(map_, s, gemeente, basisteam=basisteam, vergelijkbaar=vergelijkbaar)
    if stage is None:
        heel = bereken(data, jaar_van, jaar_tot, koppeling_eigen=koppeling_eigen, sleutel_=s)
        _controleer(heel.cijfers, gemeente)
        _bewaar_als_het_kan(heel, map_)
        return heel
    _controleer(stage.cijfers, gemeente)
    return stage


def _controleer(cijfers: pd.DataFrame, gemeente: str) -> None:
    if not is_gelijk(cijfers["gemeente_code"], gemeente).any():
        bekend = sorted(set(cijfers["gemeente_code"].dropna().astype(str)))
        raise IndicatorFout("geen cijfers voor deze gemeente in de opgegeven data "
                            f"(wel voor: {', '.join(bekend[:8])}{' ...' if len(bekend) > 8 else ''})",
                            kolom="gemeente", waarde=gemeente)


__all__ = ["BEWAAR_AANTAL", "BEWAAR_DAGEN", "Landelijk", "VERSIE", "bereken", "bewaar", "lees", "maak", "map_voor",
           "ruim_op", "sleutel", "voor"]
