"""Batch for a basisteam: every gemeente's report in its own process, an index and the stap 3a comparison.

- Isolation: each gemeente runs :func:`ivpanalyse.rapport.voer_uit` in a worker process (or on a
  Dask worker) with its own output folder ``<uitvoer>/<GMxxxx>/`` and working folder ``werk/``
  (the kernel's cwd and its log). One failure never stops the others.
- Skip unchanged: a content hash over the inputs (data files, drieslag file), parameters, notebook
  and package version is kept in ``batch-manifest.json``; an unchanged gemeente is not run again
  unless ``force``. That holds for a failure caused by the input too (an ``IvpFout`` in a cell:
  the same input fails the same way); a time-out, a dead kernel or a lost worker is tried again.
- Worker processes are started with *spawn* (as on Windows and macOS): a script that calls
  :func:`voer_uit` needs ``if __name__ == "__main__":``.
- No lost run: every file appears whole or not at all (:mod:`ivpanalyse.atomisch`); the manifest is
  updated after every finished gemeente, so an interrupted batch keeps its reports and a rerun
  completes the rest.

Layout of ``<uitvoer>``::

    index.html              every gemeente: status, key figures, link
    basisteam.html          the comparison (stap 3a)
    batch-manifest.json     hashes and results of the last runs
    GM9901/GM9901.html      the report (GM9901.ipynb: the executed notebook)
    GM9901/GM9901.mislukt.ipynb   after a failure: the executed notebook with the error
    GM9901/kerncijfers.json per thema: rate, trend, signal, proposed priority
    GM9901/werk/            notebook copy (kernel cwd) and kernel.log
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import re
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable

from .. import __version__
from ..atomisch import controleer_doel, schrijf_bytes, schrijf_tekst, sha256_bestand
from .config import Basisteam, Configuratie
from ..errors import ConfigFout, IvpFout, RapportFout

KLAAR = "klaar"
ONGEWIJZIGD = "ongewijzigd"
MISLUKT = "mislukt"
NIET_UITGEVOERD = "niet uitgevoerd"  # the batch was interrupted before this gemeente finished
MANIFEST = "batch-manifest.json"
KERNCIJFERS = "kerncijfers.json"
VERGELIJKING = "basisteam.html"
INDEX = "index.html"
MANIFEST_VERSIE = 1
DATA_SOORTEN = {".csv", ".xlsx", ".json"}  # what the readers take from a data folder
DRIESLAG_PARAMETER = "invoer"  # the notebook parameter that takes a gemeente's drieslag file


@dataclass(frozen=True)
class Taak:
    """Everything a worker needs for one gemeente (picklable; paths absolute)."""

    code: str
    naam: str
    parameters: dict[str, Any]
    map: Path
    notebook: Path
    timeout: int
    vingerafdruk: str
    log_apart: bool = True  # redirect the worker's stdout/stderr to werk/kernel.log
    warm: bool = True  # run in the worker's warm kernel (kernels.py); False: a fresh kernel per gemeente


@dataclass(frozen=True)
class Resultaat:
    """Outcome for one gemeente."""

    code: str
    naam: str
    status: str
    duur: float = 0.0
    reden: str | None = None
    rapport: Path | None = None  # the HTML report, when there is one from this input
    notebook: Path | None = None  # the executed notebook with the error, after a failure
    vingerafdruk: str | None = None
    tijdstip: str = field(default_factory=lambda: dt.datetime.now().isoformat(timespec="seconds"))
    blijvend: bool = False  # a failure caused by the input: the same input fails the same way
    uitgevoerd: bool = True  # False: taken over from an earlier run (unchanged input)
    eerder: dict[str, Any] | None = None  # not made now, but an intact report of an earlier run: its manifest entry

    @property
    def gelukt(self) -> bool:
        return self.status in (KLAAR, ONGEWIJZIGD)


@dataclass(frozen=True)
class Samenvatting:
    """Result of a batch: per gemeente, the index page and the basisteam report."""

    basisteam: str
    uitvoer: Path
    resultaten: tuple[Resultaat, ...]
    index: Path
    vergelijking: Path | None
    duur: float
    stappen: dict[str, float] = field(default_factory=dict)  # seconds per stage: landelijk, rapporten, pagina's

    @property
    def mislukt(self) -> list[Resultaat]:
        return [r for r in self.resultaten if not r.gelukt]

    @property
    def uitgevoerd(self) -> list[Resultaat]:
        """Gemeenten whose notebook ran in this batch (successfully or not)."""
        return [r for r in self.resultaten if r.uitgevoerd and r.status in (KLAAR, MISLUKT)]

    def tekst(self) -> str:
        """A Dutch summary for the terminal."""
        tel = {s: sum(r.status == s for r in self.resultaten) for s in (KLAAR, ONGEWIJZIGD, MISLUKT, NIET_UITGEVOERD)}
        delen = [f"{tel[KLAAR]} gemaakt", f"{tel[ONGEWIJZIGD]} ongewijzigd"]
        if tel[MISLUKT]:
            delen.append(f"{tel[MISLUKT]} mislukt")
        if tel[NIET_UITGEVOERD]:
            delen.append(f"{tel[NIET_UITGEVOERD]} niet uitgevoerd")
        regels = [f"{self.basisteam}: {len(self.resultaten)} gemeenten, {', '.join(delen)} "
                  f"in {_duur(self.duur)}."]
        for r in self.mislukt:
            herhaald = " (invoer ongewijzigd, niet opnieuw uitgevoerd)" if r.status == MISLUKT and not r.uitgevoerd else ""
            regels.append(f"  MISLUKT {r.code} {r.naam}{herhaald}: {r.reden or r.status}")
            if r.notebook:
                regels.append(f"          notebook met de fout: {r.notebook}")
        regels.append(f"Index: {self.index}")
        if self.vergelijking:
            regels.append(f"Vergelijking (stap 3a): {self.vergelijking}")
        return "\n".join(regels)


# --------------------------------------------------------------------------- content hashes


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Hasher:
    """File hashes, computed once per batch (gemeenten usually share their data folders)."""

    def __init__(self):
        self._cache: dict[tuple[str, int, int], str] = {}

    def bestand(self, pad: Path) -> str:
        st = pad.stat()
        sleutel = (str(pad), st.st_size, st.st_mtime_ns)
        if sleutel not in self._cache:
            self._cache[sleutel] = sha256_bestand(pad)
        return self._cache[sleutel]

    def pad(self, pad: Path) -> list[tuple[str, str]]:
        """(relative name, sha256) for a file, or for every file below a folder that a reader may use.

        In a folder only the formats :func:`ivpanalyse.bronnen.bestanden` reads count (data and the
        metadata beside it), no hidden or temp files: a config or drieslag YAML kept with the data
        does not make every gemeente run again.
        """
        pad = Path(pad)
        if pad.is_file():
            return [(pad.name, self.bestand(pad))]
        if not pad.is_dir():
            raise ConfigFout("bestand of map bestaat niet", bestand=str(pad))
        uit = []
        for f in sorted(pad.rglob("*")):
            relatief = f.relative_to(pad)
            if (f.is_file() and f.suffix.lower() in DATA_SOORTEN
                    and not any(d.startswith((".", "~$")) for d in relatief.parts)):
                uit.append((relatief.as_posix(), self.bestand(f)))
        return uit


def pakket_vingerafdruk() -> str:
    """The package version: a new release runs everything again.

    Deliberately not a hash of the source: in an editable (development) install use ``--force``
    after changing the code.
    """
    return __version__


def vingerafdruk(parameters: dict[str, Any], notebook: Path, pakket: str, hasher: _Hasher | None = None) -> str:
    """Content hash of one gemeente's run: parameters, the files they point at, notebook and package."""
    hasher = hasher or _Hasher()
    inhoud = {
        "parameters": parameters,
        "data": [hasher.pad(Path(p)) for p in parameters.get("data", [])],
        "drieslag": hasher.pad(Path(parameters[DRIESLAG_PARAMETER])) if parameters.get(DRIESLAG_PARAMETER) else None,
        "notebook": hasher.bestand(Path(notebook)),
        "pakket": pakket,
    }
    return _sha(json.dumps(inhoud, sort_keys=True, default=str).encode())


# --------------------------------------------------------------------------- manifest


def lees_manifest(uitvoer: Path) -> dict[str, Any]:
    """The manifest of earlier runs; an unreadable one counts as empty (everything runs again)."""
    try:
        data = json.loads((Path(uitvoer) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"versie": MANIFEST_VERSIE, "gemeenten": {}}
    if not isinstance(data, dict) or data.get("versie") != MANIFEST_VERSIE:
        return {"versie": MANIFEST_VERSIE, "gemeenten": {}}
    data.setdefault("gemeenten", {})
    return data


def _schrijf_manifest(uitvoer: Path, manifest: dict[str, Any]) -> None:
    schrijf_tekst(Path(uitvoer) / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))


def _manifest_regel(r: Resultaat, uitvoer: Path) -> dict[str, Any]:
    def rel(p):
        return Path(p).relative_to(uitvoer).as_posix() if p else None

    regel = {"naam": r.naam, "status": r.status, "duur": round(r.duur, 2), "reden": r.reden,
             "rapport": rel(r.rapport), "notebook": rel(r.notebook), "vingerafdruk": r.vingerafdruk,
             "tijdstip": r.tijdstip, "blijvend": r.blijvend}
    if r.gelukt and r.rapport:
        regel["sha256"] = _inhoud_hashes(r.rapport, Path(uitvoer) / r.code / KERNCIJFERS)
    if r.eerder:
        regel["eerder"] = r.eerder
    return regel


def _inhoud_hashes(rapport: Path, kern: Path) -> dict[str, str | None]:
    """SHA-256 of a report and its kerncijfers, to tell an intact report from a damaged one later."""
    return {"rapport": sha256_bestand(rapport) if rapport.is_file() else None,
            "kerncijfers": sha256_bestand(kern) if kern.is_file() else None}


def intact(uitvoer: Path, regel: dict[str, Any] | None, code: str) -> bool:
    """Are the report and kerncijfers of a manifest entry on disk exactly as that run wrote them?

    A report that was cut off, edited or replaced (or its kerncijfers) is damaged: it is made again and
    never linked from the index. Entries of older manifests without hashes are checked for a whole page.
    """
    if not regel or not regel.get("rapport"):
        return False
    rapport, kern = Path(uitvoer) / regel["rapport"], Path(uitvoer) / code / KERNCIJFERS
    if not rapport.is_file() or not kern.is_file():
        return False
    verwacht = regel.get("sha256")
    if isinstance(verwacht, dict):
        return _inhoud_hashes(rapport, kern) == verwacht
    try:
        json.loads(kern.read_text(encoding="utf-8"))
        with open(rapport, "rb") as f:
            f.seek(max(0, rapport.stat().st_size - 64))
            return f.read().rstrip().endswith(b"</html>")
    except (OSError, ValueError):
        return False


def _eerder_intact(uitvoer: Path, regel: dict[str, Any] | None, code: str) -> dict[str, Any] | None:
    """The earlier intact report a manifest entry points at (itself, or what it kept under ``eerder``)."""
    if not regel:
        return None
    if regel.get("status") in (KLAAR, ONGEWIJZIGD) and intact(uitvoer, regel, code):
        return {k: regel.get(k) for k in ("rapport", "tijdstip", "sha256", "vingerafdruk")}
    ouder = regel.get("eerder")
    return ouder if isinstance(ouder, dict) and intact(uitvoer, ouder, code) else None


# --------------------------------------------------------------------------- the plan


def _slug(naam: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-") or "basisteam"


def taken(bt: Basisteam, uitvoer: Path, *, notebook: Path | None = None, log_apart: bool = True,
          hasher: _Hasher | None = None, pakket: str | None = None) -> list[Taak]:
    """One task per gemeente, with validated parameters and content hash.

    Raises
    ------
    ConfigFout
        For every gemeente whose parameters the notebook does not accept (unknown name, wrong
        type), all at once and before any kernel starts.
    """
    from .. import register
    from ..config import notebook_path
    from ..rapport.runner import controleer_parameters

    notebook = Path(notebook or bt.notebook or notebook_path()).resolve()
    if not notebook.is_file():
        raise ConfigFout("notebook bestaat niet", bestand=str(notebook))
    hasher = hasher or _Hasher()
    pakket = pakket or pakket_vingerafdruk()
    uit, fouten = [], []
    for g in bt.gemeenten:
        parameters: dict[str, Any] = {"gemeente": g.code, "data": [str(p) for p in g.data], "basisteam": bt.codes,
                                      **bt.parameters}
        if g.drieslag is not None:
            parameters[DRIESLAG_PARAMETER] = str(g.drieslag)
        try:
            controleer_parameters(parameters)
            van, tot = parameters.get("jaar_van"), parameters.get("jaar_tot")
            if isinstance(van, int) and isinstance(tot, int) and van > tot:
                raise ConfigFout(f"jaar_van ligt na jaar_tot ({tot}): geen enkel jaar over", kolom="jaar_van",
                                 waarde=van)
        except ConfigFout as fout:
            fouten += [replace(f, reden=f"gemeente {g.code}: {f.reden}") for f in fout.fouten]
            continue
        naam = g.naam or register.naam(g.code)
        uit.append(Taak(g.code, naam, parameters, (uitvoer / g.code).resolve(), notebook, bt.timeout,
                        vingerafdruk(parameters, notebook, pakket, hasher), log_apart))
    if fouten:
        raise ConfigFout(fouten=fouten)
    return uit


def ongewijzigd(taak: Taak, manifest: dict[str, Any], uitvoer: Path) -> Resultaat | None:
    """The earlier result when the task's hash is unchanged since it last ran, else ``None`` (run it).

    Taken over: a success whose report and kerncijfers are intact, and a failure caused by the input
    (the same input fails the same way). A time-out, a dead kernel or a lost worker is tried again.
    """
    vorig = manifest.get("gemeenten", {}).get(taak.code)
    if not vorig or vorig.get("vingerafdruk") != taak.vingerafdruk:
        return None
    tijdstip = vorig.get("tijdstip") or ""
    if vorig.get("status") == MISLUKT and vorig.get("blijvend"):
        nb = uitvoer / vorig["notebook"] if vorig.get("notebook") else None
        return Resultaat(taak.code, taak.naam, MISLUKT, float(vorig.get("duur") or 0.0), reden=vorig.get("reden"),
                         notebook=nb if nb and nb.is_file() else None, vingerafdruk=taak.vingerafdruk,
                         tijdstip=tijdstip, blijvend=True, uitgevoerd=False)
    if vorig.get("status") not in (KLAAR, ONGEWIJZIGD):
        return None
    if not intact(uitvoer, vorig, taak.code):
        return None  # damaged or missing on disk: made again
    rapport = uitvoer / vorig["rapport"]
    return Resultaat(taak.code, taak.naam, ONGEWIJZIGD, float(vorig.get("duur") or 0.0), rapport=rapport,
                     vingerafdruk=taak.vingerafdruk, tijdstip=tijdstip, uitgevoerd=False)


# --------------------------------------------------------------------------- the worker


@contextlib.contextmanager
def _uitvoer_naar(pad: Path):
    """Send this process's stdout/stderr (inherited by the kernel) to ``pad``; restore afterwards."""
    for stroom in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stroom.flush()
    bewaard = [os.dup(1), os.dup(2)]
    try:
        with open(pad, "wb") as log:
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
            try:
                yield
            finally:
                for stroom in (sys.stdout, sys.stderr):
                    with contextlib.suppress(Exception):
                        stroom.flush()
                os.dup2(bewaard[0], 1)
                os.dup2(bewaard[1], 2)
    finally:
        for fd in bewaard:
            os.close(fd)


def _ruim_op(map_: Path) -> None:
    """Remove temp files a killed run left behind (``.<naam>.tmp.*``); finished files are untouched."""
    if map_.is_dir():
        for f in map_.glob(".*.tmp.*"):
            with contextlib.suppress(OSError):
                f.unlink()


def kerncijfers_van(taak: Taak) -> list[dict[str, Any]]:
    """Per thema the figures the comparison needs, as the report's notebook published them.

    They come from the same analysis as the report, with the werkgroep's priority choices
    (:data:`ivpanalyse.weergave.KERNCIJFERS_MIME`): nothing is computed twice.
    """
    import nbformat

    from ..errors import RapportFout
    from ..rapport.runner import lees_uitvoer
    from ..rapport.weergave import KERNCIJFERS_MIME

    pad = taak.map / f"{taak.code}.ipynb"
    kern = lees_uitvoer(nbformat.read(pad, as_version=4), KERNCIJFERS_MIME)
    if kern is None:
        raise RapportFout("het notebook publiceerde geen kerncijfers", bestand=str(pad))
    return kern


def voer_taak_uit(taak: Taak) -> Resultaat:
    """Run one gemeente: report, then its kerncijfers. Never raises: a failure is a :class:`Resultaat`.

    Runs in a worker process (or on a Dask worker); writes only inside ``taak.map``.
    """
    begin = time.perf_counter()
    from .. import invoer
    from ..rapport import runner as rapport
    from . import kernels

    werk = taak.map / "werk"
    werk.mkdir(parents=True, exist_ok=True)
    _ruim_op(taak.map)
    mislukt_nb = taak.map / f"{taak.code}.mislukt.ipynb"
    html = None

    def fout(reden: str, blijvend: bool) -> Resultaat:
        return Resultaat(taak.code, taak.naam, MISLUKT, time.perf_counter() - begin, reden=reden,
                         rapport=html, notebook=mislukt_nb if mislukt_nb.exists() else None,
                         vingerafdruk=taak.vingerafdruk, blijvend=blijvend)

    # A copy of the notebook in the working folder makes it the kernel's cwd (papermill runs there).
    nb = schrijf_bytes(werk / taak.notebook.name, taak.notebook.read_bytes())
    log = _uitvoer_naar(werk / "kernel.log") if taak.log_apart else contextlib.nullcontext()
    with log:
        try:
            # A mistake in the drieslag file fails fast, naming the cell, before a kernel starts.
            drieslag = taak.parameters.get(DRIESLAG_PARAMETER)
            if drieslag is not None:
                invoer.lees(drieslag, gemeente=taak.code)
            engine = None
            if taak.warm:
                kernel = kernels.van_werker(taak.notebook, log=taak.map.parent / "werk" / f"kernel-{os.getpid()}.log")
                engine = kernels.engine_opties(kernel)
            html = rapport.voer_uit(taak.parameters, taak.map, notebook=nb, timeout=taak.timeout, naam=taak.code,
                                    engine=engine)
        except RapportFout as exc:
            return fout(_reden(exc), exc.invoerfout)
        except IvpFout as exc:  # the drieslag file
            return fout(_reden(exc), True)
        except Exception as exc:  # noqa: BLE001 - whatever happens, the other gemeenten go on
            return fout(f"{type(exc).__name__}: {exc}", False)
        try:
            kern = kerncijfers_van(taak)
            schrijf_tekst(taak.map / KERNCIJFERS, json.dumps(kern, ensure_ascii=False))
        except Exception as exc:  # noqa: BLE001
            reden = _reden(exc) if isinstance(exc, IvpFout) else f"{type(exc).__name__}: {exc}"
            return fout(f"rapport gemaakt, maar kerncijfers voor de vergelijking mislukt: {reden}",
                        isinstance(exc, IvpFout))
    return Resultaat(taak.code, taak.naam, KLAAR, time.perf_counter() - begin, rapport=html,
                     vingerafdruk=taak.vingerafdruk)


def _reden(fout: IvpFout) -> str:
    """The cause in one line: a report error without its kind and notebook path (the index links to it)."""
    return fout.oorzaak if isinstance(fout, RapportFout) else " ".join(str(fout).split())


# --------------------------------------------------------------------------- progress


def _duur(seconden: float) -> str:
    from ..opmaak import getal

    if seconden < 60:
        return f"{getal(seconden, 1)} s"
    minuten, rest = divmod(round(seconden), 60)
    return f"{minuten} min {rest:02d} s"


class Voortgang:
    """One line per finished gemeente (for CI logs); with a bar as well when ``stroom`` is a terminal."""

    def __init__(self, totaal: int, *, stroom=None, aan: bool = True):
        self.stroom = stroom or sys.stderr
        self.aan = aan
        self.totaal = totaal
        self.n = 0
        self.balk = None
        if aan and totaal and getattr(self.stroom, "isatty", lambda: False)():
            from tqdm import tqdm

            self.balk = tqdm(total=totaal, file=self.stroom, unit="gemeente", dynamic_ncols=True, leave=False)

    def schrijf(self, tekst: str) -> None:
        if not self.aan:
            return
        if self.balk is not None:
            self.balk.write(tekst, file=self.stroom)
        else:
            print(tekst, file=self.stroom, flush=True)

    def klaar(self, r: Resultaat) -> None:
        self.n += 1
        breedte = len(str(self.totaal))
        kop = f"[{self.n:>{breedte}}/{self.totaal}] {r.code} {r.naam}"
        if r.status == KLAAR:
            self.schrijf(f"{kop}: klaar in {_duur(r.duur)}")
        elif r.status == ONGEWIJZIGD:
            self.schrijf(f"{kop}: ongewijzigd, overgeslagen")
        elif not r.uitgevoerd:
            self.schrijf(f"{kop}: MISLUKT (invoer ongewijzigd, niet opnieuw uitgevoerd): {(r.reden or '')[:300]}")
        else:
            reden = r.reden or r.status
            self.schrijf(f"{kop}: MISLUKT na {_duur(r.duur)}: {reden[:300]}")
        if self.balk is not None:
            self.balk.set_postfix_str(r.code, refresh=False)
            self.balk.update(1)

    def sluit(self) -> None:
        if self.balk is not None:
            self.balk.close()


# --------------------------------------------------------------------------- executors


def _werker_start(ouder: int) -> None:
    """Initializer of a worker process: it never outlives the batch.

    A daemon thread polls the parent: when the batch process is gone (even after ``kill -9``) the
    worker stops its kernels and exits. SIGTERM does the same at once; SIGINT (Ctrl-C in the terminal
    reaches the whole process group) is left to the batch process, which stops the workers in order.
    Kernels run in their own session (jupyter_client) and poll their worker in the same way
    (ipykernel's parent poller), so no kernel is left behind either.
    """
    import _thread
    import signal
    import threading

    from . import kernels

    def uiterlijk():
        time.sleep(3)
        os._exit(1)

    def stop():
        """Kill the kernels, unwind the main thread (temp files are removed), exit within 3 s regardless."""
        kernels.stop_alle()
        threading.Thread(target=uiterlijk, daemon=True).start()

    def bij_sigterm(*_):
        stop()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, bij_sigterm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def bewaak():
        while os.getppid() == ouder:
            time.sleep(0.25)
        stop()
        _thread.interrupt_main()

    threading.Thread(target=bewaak, name="ivp-ouder", daemon=True).start()


def _stop_werkers(pool: cf.ProcessPoolExecutor) -> None:
    """Stop the workers of an interrupted pool now (each stops its kernel), not after their task."""
    processen = list(getattr(pool, "_processes", {}).values())  # Python < 3.14 has no terminate_workers()
    for p in processen:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in processen:
        with contextlib.suppress(Exception):
            p.join(5)
            if p.is_alive():
                p.kill()


def _lokaal(taken_: list[Taak], jobs: int, melden: Callable[[Resultaat], None],
            functie: Callable = voer_taak_uit) -> None:
    """Run the tasks in a process pool. A worker that dies breaks the pool: the tasks it took down are
    retried one by one in fresh pools, so only the one that kills its process is marked failed."""
    context = multiprocessing.get_context("spawn")  # no fork of a threaded parent; same on Windows
    opnieuw: list[Taak] = []

    def nieuwe_pool(n: int) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_werker_start,
                                      initargs=(os.getpid(),))

    pool = nieuwe_pool(jobs)
    afgebroken = True
    try:
        futures = {pool.submit(functie, t): t for t in taken_}
        for fut in cf.as_completed(futures):
            taak = futures[fut]
            try:
                melden(fut.result())
            except cf.process.BrokenProcessPool:
                opnieuw.append(taak)
            except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be unpickled
                melden(_mislukt(taak, f"{type(exc).__name__}: {exc}"))
        afgebroken = False
    finally:
        if afgebroken:
            _stop_werkers(pool)
        pool.shutdown(wait=not afgebroken, cancel_futures=True)
    for taak in opnieuw:
        begin = time.perf_counter()
        pool = nieuwe_pool(1)
        afgebroken = True
        try:
            try:
                melden(pool.submit(functie, taak).result())
            except cf.process.BrokenProcessPool:
                melden(_mislukt(taak, "het werkproces stopte onverwacht (bijvoorbeeld geheugen vol of "
                                      "afgebroken door het systeem)", time.perf_counter() - begin))
            afgebroken = False
        finally:
            if afgebroken:
                _stop_werkers(pool)
            pool.shutdown(wait=not afgebroken, cancel_futures=True)


def verbind(adres: str):
    """A client of the Dask distributed scheduler at ``adres``; :class:`ConfigFout` when unreachable.

    The wait is ``distributed.comm.timeouts.connect`` of the Dask configuration (default 30 s).
    """
    try:
        from distributed import Client
    except ImportError as exc:  # Dask is an extra: pip install 'ivpanalyse[dask]'
        raise ConfigFout("Dask is niet geïnstalleerd", kolom="--dask", waarde=adres, code="dask-ontbreekt",
                         hint="installeer het met: pip install 'ivpanalyse[dask]'") from exc
    try:
        return Client(adres, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigFout(f"kan de Dask-scheduler niet bereiken ({exc})", kolom="--dask", waarde=adres) from exc


def _dask(taken_: list[Taak], client, melden: Callable[[Resultaat], None],
          functie: Callable = voer_taak_uit) -> None:
    """Submit the tasks to a Dask distributed scheduler; results come back as they finish."""
    from distributed import as_completed

    import uuid

    # A fresh key per run: a --force rerun must never get a result the scheduler still holds.
    futures = {client.submit(functie, t, key=f"ivpanalyse-{t.code}-{uuid.uuid4().hex[:12]}", pure=False): t
               for t in taken_}
    try:
        for fut in as_completed(futures, loop=client.loop):  # our client is not the default one
            taak = futures[fut]
            try:
                melden(fut.result())
            except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker after repeated worker deaths
                melden(_mislukt(taak, f"Dask-taak mislukt ({type(exc).__name__}: {exc})"))
    except BaseException:
        client.cancel(list(futures))
        raise


def _mislukt(taak: Taak, reden: str, duur: float = 0.0) -> Resultaat:
    nb = taak.map / f"{taak.code}.mislukt.ipynb"
    return Resultaat(taak.code, taak.naam, MISLUKT, duur, reden=reden, notebook=nb if nb.exists() else None,
                     vingerafdruk=taak.vingerafdruk)


# --------------------------------------------------------------------------- the national stage


def landelijke_stap(taken_: list[Taak], schrijf: Callable[[str], None] = lambda _: None) -> float:
    """Make the national stage (:mod:`ivpanalyse.analyse.landelijk`) of every data set the tasks use, once,
    before the workers start: each report then reads only its slice. Returns the seconds it took.

    A data set that cannot be read is left alone here: every gemeente on it then fails with the reader's
    own message, as without the stage.
    """
    from ..analyse import landelijk

    begin = time.perf_counter()
    gezien = set()
    for taak in taken_:
        p = taak.parameters
        sleutel = (tuple(p.get("data", [])), p.get("jaar_van"), p.get("jaar_tot"))
        if sleutel in gezien:
            continue
        gezien.add(sleutel)
        start = time.perf_counter()
        try:
            _, _, nieuw = landelijk.maak(list(sleutel[0]), sleutel[1], sleutel[2])
        except IvpFout:
            continue
        if nieuw:
            schrijf(f"landelijke stap (inlezen, koppelen, reeksen en benchmarks van alle gemeenten): "
                    f"{_duur(time.perf_counter() - start)}")
    return time.perf_counter() - begin


# --------------------------------------------------------------------------- the batch


def voer_uit(config: str | Path | Configuratie, basisteam: str | None = None, *, uitvoer: str | Path | None = None,
             jobs: int | None = None, force: bool = False, dask: str | None = None,
             voortgang: bool = True, stroom=None) -> Samenvatting:
    """Make every gemeente's report, the index and the basisteam comparison.

    Parameters
    ----------
    config
        The YAML configuration (see :mod:`ivpanalyse.basisteam`) or a loaded one.
    basisteam
        Name of the basisteam in the configuration; may be left out when it has only one.
    uitvoer
        Output folder; default the basisteam's ``uitvoer``, else ``reports/<naam>``.
    jobs
        Worker processes; default the number of cores.
    force
        Run every gemeente, also when nothing changed.
    dask
        Address of a Dask distributed scheduler (``tcp://host:8786``) instead of the local pool.
    voortgang, stroom
        Progress lines (and a bar on a terminal) on ``stroom`` (default stderr).

    Returns
    -------
    Samenvatting
        Check ``.mislukt``: a failed gemeente does not raise.

    Raises
    ------
    ConfigFout
        Invalid configuration or parameters, before any kernel starts.
    """
    from . import config as _basisteam
    from ..config import Paden

    begin = time.perf_counter()
    cfg = config if isinstance(config, Configuratie) else _basisteam.laad(config)
    if basisteam is None:
        if len(cfg.basisteams) != 1:
            raise ConfigFout(f"kies een basisteam met --basisteam; in de configuratie: {', '.join(cfg.namen)}",
                             bestand=str(cfg.bestand))
        bt = cfg.basisteams[0]
    else:
        bt = cfg.basisteam(basisteam)
    uitvoer = Path(uitvoer or bt.uitvoer or Paden().reports / _slug(bt.naam)).resolve()
    controleer_doel(uitvoer, map=True)  # never into data/raw/, before anything is made
    plan = taken(bt, uitvoer, log_apart=dask is None)
    with contextlib.ExitStack() as stapel:
        client = stapel.enter_context(verbind(dask)) if dask else None  # before anything is written
        resultaten, vergelijking_pad, index, stappen = _voer_plan_uit(
            bt, plan, uitvoer, jobs=jobs, force=force, client=client, voortgang=voortgang, stroom=stroom)
    return Samenvatting(bt.naam, uitvoer, resultaten, index, vergelijking_pad, time.perf_counter() - begin, stappen)


def _voer_plan_uit(bt: Basisteam, plan: list[Taak], uitvoer: Path, *, jobs: int | None, force: bool, client,
                   voortgang: bool, stroom) -> tuple[tuple[Resultaat, ...], Path, Path, dict[str, float]]:
    begin = time.perf_counter()
    uitvoer.mkdir(parents=True, exist_ok=True)
    manifest = lees_manifest(uitvoer)
    manifest["basisteam"] = bt.naam
    resultaten: dict[str, Resultaat] = {}
    meld = Voortgang(len(plan), stroom=stroom, aan=voortgang)
    vorige = dict(manifest["gemeenten"])  # before this run overwrites them: earlier intact reports
    stappen: dict[str, float] = {}

    def met_eerder(r: Resultaat) -> Resultaat:
        if r.gelukt or r.eerder is not None:
            return r
        return replace(r, eerder=_eerder_intact(uitvoer, vorige.get(r.code), r.code))

    def melden(r: Resultaat) -> None:
        r = met_eerder(r)
        resultaten[r.code] = r
        manifest["gemeenten"][r.code] = _manifest_regel(r, uitvoer)
        _schrijf_manifest(uitvoer, manifest)  # after every gemeente: an interrupted batch keeps what is done
        meld.klaar(r)

    te_doen = []
    for taak in plan:
        vorig = None if force else ongewijzigd(taak, manifest, uitvoer)
        if vorig is not None:
            melden(vorig)
        else:
            te_doen.append(taak)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(te_doen) or 1))
    if te_doen:
        waar = "de Dask-scheduler" if client else f"{jobs} {'proces' if jobs == 1 else 'processen'}"
        meld.schrijf(f"{bt.naam}: {len(te_doen)} van {len(plan)} gemeenten uitvoeren met {waar}")
        stappen["landelijk"] = landelijke_stap(te_doen, meld.schrijf)
    try:
        with _sigterm_als_onderbreking():
            if te_doen and client is not None:
                _dask(te_doen, client, melden)
            elif te_doen:
                _lokaal(te_doen, jobs, melden)
    except BaseException:
        # Interrupted: the finished reports stand; the index says what is missing, a rerun does the rest.
        for taak in plan:
            if taak.code not in resultaten:
                resultaten[taak.code] = met_eerder(Resultaat(
                    taak.code, taak.naam, NIET_UITGEVOERD, reden="batch afgebroken", vingerafdruk=taak.vingerafdruk,
                    uitgevoerd=False))
        with contextlib.suppress(Exception):
            schrijf_index(uitvoer, bt, [resultaten[t.code] for t in plan], None)
        raise
    finally:
        meld.sluit()
    lijst = tuple(resultaten[t.code] for t in plan)
    stappen["rapporten"] = time.perf_counter() - begin - stappen.get("landelijk", 0.0)
    begin_paginas = time.perf_counter()
    vergelijking_pad = schrijf_vergelijking(uitvoer, bt, lijst, manifest, force=force)
    index = schrijf_index(uitvoer, bt, list(lijst), vergelijking_pad)
    stappen["paginas"] = time.perf_counter() - begin_paginas
    manifest["stappen"] = {k: round(v, 2) for k, v in stappen.items()}
    _schrijf_manifest(uitvoer, manifest)
    return lijst, vergelijking_pad, index, stappen


@contextlib.contextmanager
def _sigterm_als_onderbreking():
    """SIGTERM (``kill``, a job scheduler) stops the batch as Ctrl-C does: workers and kernels are stopped,
    the index is written. Only in the main thread (elsewhere signals cannot be handled)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    vorig = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, vorig)


# --------------------------------------------------------------------------- pages


def lees_kerncijfers(resultaten: Iterable[Resultaat], uitvoer: Path):
    """The kerncijfers of the successful gemeenten as one frame (in the order given)."""
    import pandas as pd

    from ..analyse import vergelijking

    delen = []
    for r in resultaten:
        if not r.gelukt:
            continue
        pad = uitvoer / r.code / KERNCIJFERS
        try:
            rijen = json.loads(pad.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if rijen:
            delen.append(pd.DataFrame(rijen))
    if not delen:
        return vergelijking.leeg()
    kern = pd.concat(delen, ignore_index=True)
    for kolom in ("gemeente", "gemeentenaam", "thema", "signaal"):
        kern[kolom] = kern[kolom].astype("string").astype(object)
    for kolom in ("aantal", "inwoners", "per_1000", "verandering_vorig_jaar", "verandering_3jaar", "score"):
        kern[kolom] = pd.to_numeric(kern[kolom], errors="coerce")
    return kern


def schrijf_vergelijking(uitvoer: Path, bt: Basisteam, resultaten: tuple[Resultaat, ...],
                         manifest: dict[str, Any], *, force: bool = False) -> Path:
    """Write ``basisteam.html`` (stap 3a) unless its inputs are unchanged since the last run."""
    from ..rapport.runner import html_pagina
    from . import pagina

    pad = uitvoer / VERGELIJKING
    sleutel = _sha(json.dumps({
        "gemeenten": [(r.code, r.naam, r.vingerafdruk if r.gelukt else r.status, r.reden) for r in resultaten],
        "basisteam": [bt.naam, bt.soort, bt.drempel_bovenlokaal], "pakket": pakket_vingerafdruk(),
    }, sort_keys=True, default=str).encode())
    if not force and pad.is_file() and manifest.get("vergelijking") == sleutel:
        return pad
    kern = lees_kerncijfers(resultaten, uitvoer)
    namen = {r.code: r.naam for r in resultaten}
    if not kern.empty:  # the name the data use wins over the register's
        namen.update(kern.groupby("gemeente")["gemeentenaam"].first().to_dict())
    links = {namen[r.code]: f"{r.code}/{r.rapport.name}" for r in resultaten if r.gelukt and r.rapport}
    ontbrekend = {f"{r.code} {r.naam}": r.reden or r.status for r in resultaten if not r.gelukt}
    inhoud = pagina.rapport_html(kern, naam=bt.naam, soort=bt.soort, drempel=bt.drempel_bovenlokaal,
                                 ontbrekend=ontbrekend, links=links)
    titel = f"Vergelijking {bt.naam} (stap 3a)"
    schrijf_tekst(pad, html_pagina(inhoud, titel=titel, metadata={"basisteam": bt.naam}))
    manifest["vergelijking"] = sleutel
    return pad


def schrijf_index(uitvoer: Path, bt: Basisteam, resultaten: list[Resultaat], vergelijking_pad: Path | None) -> Path:
    """Write ``index.html``: every gemeente with status, key figures and link, and the basisteam report.

    Every intact report is linked: this run's, or for a gemeente that failed or was not run now, the
    intact report of an earlier run (labelled as such); a damaged one never.
    """
    import pandas as pd

    from ..analyse import vergelijking
    from ..rapport.runner import html_pagina
    from ..rapport.sjablonen import render

    uitvoer = Path(uitvoer)
    kern = lees_kerncijfers(resultaten, uitvoer)
    kerngetallen = vergelijking.kerngetallen(kern).set_index("gemeente") if not kern.empty else pd.DataFrame()

    def rel(p: Path | None) -> str | None:
        return Path(p).resolve().relative_to(uitvoer.resolve()).as_posix() if p else None

    rijen = []
    for r in resultaten:
        k = kerngetallen.loc[r.code] if r.code in kerngetallen.index and r.gelukt else None
        rij = {"code": r.code, "naam": k["gemeentenaam"] if k is not None else r.naam, "status": r.status,
               "gelukt": r.gelukt, "link": rel(r.rapport) if r.rapport else None,  # also when kerncijfers failed
               "reden": r.reden or "", "notebook": rel(r.notebook) if r.notebook else None,
               "herhaald": r.tijdstip.replace("T", " ") if not r.uitgevoerd and r.status == MISLUKT else None,
               "eerder": None, "cijfers": None, "duur": _duur(r.duur) if r.duur else "–",
               "label": r.status.upper() if not r.gelukt else "nieuw gemaakt" if r.status == KLAAR else "ongewijzigd"}
        if r.eerder and not rij["link"]:
            rij["eerder"] = {"link": r.eerder["rapport"],
                             "tijdstip": str(r.eerder.get("tijdstip") or "").replace("T", " ")}
        if k is not None:
            rij["cijfers"] = {"inwoners": k["inwoners"], "per_1000": k["misdrijven_per_1000"],
                              "stijgend": k["stijgend"],
                              "prioriteiten": "; ".join(vergelijking.thema_label(t) for t in k["prioriteiten"])}
        rijen.append(rij)
    mislukt = sum(not r.gelukt for r in resultaten)
    inhoud = render("batch_index.html.j2", naam=bt.naam, rijen=rijen, beschikbaar=len(resultaten) - mislukt,
                    mislukt=mislukt, bijgewerkt=f"{dt.datetime.now():%d-%m-%Y %H:%M}",
                    jaar=int(kerngetallen["laatste_jaar"].max()) if len(kerngetallen) else None,
                    vergelijking=rel(vergelijking_pad) if vergelijking_pad else None)
    return schrijf_tekst(uitvoer / INDEX, html_pagina(inhoud, titel=bt.naam, metadata={"basisteam": bt.naam}))
