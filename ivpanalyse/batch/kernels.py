"""Warm kernels: a batch worker keeps one started kernel, imports done, for gemeente after gemeente.

Starting a kernel and importing pandas, scipy, matplotlib and ivpanalyse costs about two seconds of
processor time, more than the report of one gemeente itself once the national stage is shared
(:mod:`ivpanalyse.analyse.landelijk`). A worker therefore starts one kernel, runs the imports of the
report notebook in it, and executes every next gemeente in that kernel in a **fresh namespace**.

How it plugs into papermill and nbclient (their documented engine interfaces):

- papermill hands a notebook to an *engine* (``papermill.engines``; :class:`WarmeEngine` is registered
  as ``ivpanalyse-warm``). papermill still injects the parameters, records every cell and marks the
  failing cell, exactly as with its own ``nbclient`` engine; only the kernel differs.
- nbclient's ``NotebookClient`` accepts a kernel manager (``km``) it does not own: it then neither starts
  nor shuts down the kernel, and with a kernel client already set (``kc``) it reuses that client too.

Before each gemeente the kernel's user namespace is cleared (IPython ``%reset -f``), open figures are
closed and the working folder is set; imported modules stay loaded, which is the point.

Isolation stays:

- a cell that raises leaves a sound kernel: the next gemeente starts in a cleared namespace;
- a kernel that dies (killed, out of memory, ``os._exit``) or a cell that times out (the kernel may still
  be busy) is shut down and replaced by a fresh kernel before the next gemeente; the failing gemeente
  is reported as before (``DeadKernelError``, ``CellTimeoutError``);
- a kernel is replaced after :data:`MAXIMAAL` gemeenten as well, so that memory cannot creep up;
- kernels run in their own session and poll their worker (ipykernel's parent poller): a worker that
  disappears takes its kernel with it; :func:`stop_alle` kills them at once (worker SIGTERM).

The alternative, starting the next kernel while the current one runs, keeps one kernel per gemeente
but still pays the start-up in processor time: on a machine with as many workers as cores it gains
nothing. Reuse costs one ``%reset`` (milliseconds).
"""

from __future__ import annotations

import ast
import contextlib
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import IO, Any

WARM = "ivpanalyse-warm"
MAXIMAAL = 60  # gemeenten per kernel before it is replaced by a fresh one
_ALLE: list["WarmeKernel"] = []  # this process's kernels, for stop_alle

_LEEG = """\
get_ipython().run_line_magic("reset", "-f")
import os as _os, sys as _sys
_os.chdir({cwd!r})
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
del _os, _sys
"""


def imports_van(notebook: Path) -> str:
    """The top-level import statements of a notebook's code cells (what a warm kernel can do up front).

    Cells tagged ``parameters`` are skipped; a cell that is no valid Python is skipped.
    """
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    regels: list[str] = []
    for cel in nb.cells:
        if cel.cell_type != "code" or "parameters" in cel.metadata.get("tags", []):
            continue
        try:
            boom = ast.parse(cel.source)
        except SyntaxError:
            continue
        regels += [ast.get_source_segment(cel.source, n) for n in boom.body
                   if isinstance(n, (ast.Import, ast.ImportFrom))]
    return "\n".join(r for r in regels if r)


class WarmeKernel:
    """One kernel kept warm for many notebooks.

    Parameters
    ----------
    opwarmen
        Code run once after each start (e.g. :func:`imports_van` of the report notebook); an error in it
        is ignored: the notebook itself will then fail with its own message.
    log
        File for the kernel process's own stdout/stderr (its cell output goes into the notebook).
    """

    def __init__(self, opwarmen: str = "", *, log: Path | None = None):
        self.opwarmen = opwarmen
        self.log = Path(log) if log else None
        self.km = None
        self.kc = None
        self.runs = 0
        self.starts = 0
        self._map: str | None = None
        self._logbestand: IO[bytes] | None = None
        _ALLE.append(self)

    @property
    def pid(self) -> int | None:
        """The kernel's process id (its process group too), or ``None`` when not running."""
        proces = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(proces, "pid", None)

    def _start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self._map = tempfile.mkdtemp(prefix="ivp-kernel-")
        opties: dict[str, Any] = {}
        if os.name == "posix":  # IPC sockets in a private folder: no ports, no "unencrypted" warning
            opties = {"transport": "ipc", "ip": os.path.join(self._map, "kernel")}
        self.km = AsyncKernelManager(kernel_name="python3", **opties)
        if self.log is not None:
            self.log.parent.mkdir(parents=True, exist_ok=True)
            self._logbestand = open(self.log, "ab")
        uitvoer = {"stdout": self._logbestand, "stderr": self._logbestand} if self._logbestand else {}
        run_sync(self.km.start_kernel)(cwd=self._map, **uitvoer)
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=60)
        self.runs = 0
        self.starts += 1
        if self.opwarmen:
            self.voer_code_uit(self.opwarmen, fouten_negeren=True)

    def voer_code_uit(self, code: str, *, timeout: float = 60, fouten_negeren: bool = False) -> None:
        """Run ``code`` in the kernel (no output kept); raise ``RuntimeError`` when it fails."""
        from jupyter_core.utils import run_sync

        antwoord = run_sync(self.kc.execute_interactive)(code, silent=False, store_history=False,
                                                         timeout=timeout, output_hook=lambda _: None)
        if antwoord["content"].get("status") != "ok" and not fouten_negeren:
            inhoud = antwoord["content"]
            raise RuntimeError(f"{inhoud.get('ename')}: {inhoud.get('evalue')}")

    def gereed(self, cwd: Path) -> None:
        """Before a notebook: a running kernel (fresh after a failure or :data:`MAXIMAAL` runs), its
        namespace cleared and its working folder ``cwd``."""
        if self.km is not None and (self.runs >= MAXIMAAL or not self._leeft()):
            self.stop()
        if self.km is None:
            self._start()
        try:
            self.voer_code_uit(_LEEG.format(cwd=str(cwd)), timeout=30)
        except Exception:  # noqa: BLE001 - a kernel that cannot even reset is replaced
            self.stop()
            self._start()
            self.voer_code_uit(_LEEG.format(cwd=str(cwd)), timeout=30)
        self.runs += 1

    def _leeft(self) -> bool:
        from jupyter_core.utils import run_sync

        try:
            return bool(run_sync(self.km.is_alive)())
        except Exception:  # noqa: BLE001
            return False

    def stop(self) -> None:
        """Shut the kernel down now (kill it); the next :meth:`gereed` starts a fresh one."""
        from jupyter_core.utils import run_sync

        if self.kc is not None:
            with contextlib.suppress(Exception):
                self.kc.stop_channels()
        if self.km is not None:
            pid = self.pid
            with contextlib.suppress(Exception):
                run_sync(self.km.shutdown_kernel)(now=True)
            if pid:
                _kill_groep(pid)
        if self._logbestand is not None:
            with contextlib.suppress(Exception):
                self._logbestand.close()
        if self._map:
            shutil.rmtree(self._map, ignore_errors=True)
        self.km = self.kc = self._logbestand = self._map = None


def _kill_groep(pid: int) -> None:
    """SIGKILL to a kernel's process group (jupyter_client starts each kernel in its own session)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGKILL)


def stop_alle() -> None:
    """Kill every kernel of this process at once (from a signal handler or before exit)."""
    for k in list(_ALLE):
        pid = k.pid
        if pid:
            _kill_groep(pid)


def _registreer() -> None:
    """Register :class:`WarmeEngine` with papermill (idempotent)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    from ..rapport.runner import ivp_engine

    if WARM in papermill_engines._engines:
        return

    class WarmeEngine(papermill_engines.get_engine(ivp_engine())):
        """The report's engine (papermill's nbclient engine, saving at the end) on a :class:`WarmeKernel`
        passed as ``kernel=``."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None, kernel=None,
                                     **kwargs):
            kwargs = remove_args(["input_path", "timeout", "startup_timeout", "cwd"], **kwargs)
            kernel.gereed(Path.cwd())  # papermill runs the engine inside the notebook's cwd
            final = merge_kwargs(kwargs, timeout=execution_timeout, startup_timeout=start_timeout,
                                 kernel_name=kernel_name, log=logger, log_output=log_output,
                                 stdout_file=stdout_file, stderr_file=stderr_file)
            client = PapermillNotebookClient(nb_man, km=kernel.km, **final)
            client.kc = kernel.kc  # reuse the warm client: nbclient then neither starts nor stops anything
            try:
                return client.execute()
            except BaseException:
                kernel.stop()  # dead, timed out (maybe still busy) or interrupted: never reused
                raise

    papermill_engines.register(WARM, WarmeEngine)


def engine_opties(kernel: WarmeKernel) -> dict[str, Any]:
    """The papermill options that run a notebook on ``kernel`` (for :func:`ivpanalyse.rapport.runner.voer_uit`)."""
    _registreer()
    return {"engine_name": WARM, "kernel": kernel}


# --------------------------------------------------------------------------- one kernel per worker process

_WERKER: dict[str, WarmeKernel] = {}


def van_werker(notebook: Path, log: Path | None = None) -> WarmeKernel:
    """This worker process's warm kernel for ``notebook`` (started on first use, stopped at exit)."""
    import threading

    sleutel = f"{threading.get_ident()}:{Path(notebook).resolve()}"  # a Dask worker may run threads side by side
    kernel = _WERKER.get(sleutel)
    if kernel is None:
        if not _WERKER:
            import atexit

            atexit.register(_stop_werker)
        kernel = _WERKER[sleutel] = WarmeKernel(imports_van(notebook), log=log)
    return kernel


def _stop_werker() -> None:
    for k in _WERKER.values():
        k.stop()
    _WERKER.clear()


__all__ = ["WARM", "MAXIMAAL", "WarmeKernel", "engine_opties", "imports_van", "stop_alle", "van_werker"]
