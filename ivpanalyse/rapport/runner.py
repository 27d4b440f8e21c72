"""Report production: papermill executes the notebook, nbconvert renders it, the page is written atomically.

A failed run leaves the executed notebook with the error beside the output
(``<GMxxxx>.mislukt.ipynb``) and raises :class:`RapportFout`; no partial HTML is ever written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import warnings
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomisch import atomisch_pad, schrijf_tekst
from ..config import notebook_path
from ..errors import ConfigFout, RapportFout
from .sjablonen import Markup, bytecode_cache, render

log = logging.getLogger(__name__)

GEMEENTE = re.compile(r"^GM\d{4}$")
VERWIJDEREN = "verwijderen"  # cell tag: exploration and notes for JupyterLab, neither run nor shown in a report
# The notebook's parameters and their types; anything else is refused before a kernel starts.
PARAMETERS: dict[str, tuple[type, ...]] = {
    "gemeente": (str,),
    "data": (list,),
    "jaar_van": (int, type(None)),
    "jaar_tot": (int, type(None)),
    "invoer": (str, type(None)),  # the werkgroep's drieslag file (xlsx/yaml), see invoer.py
    "opmerkingen": (bool,),  # False: the college version, without the partners' open questions and comments
    "basisteam": (list, type(None)),  # gemeente codes of the basisteam benchmark (a batch passes its own)
    "vergelijkbaar": (list, type(None)),  # the analyst's comparable gemeenten (None: computed)
    "koppeling_eigen": (str, type(None)),  # the gemeente's own mapping file
}


def controleer_parameters(parameters: dict[str, Any]) -> dict[str, Any]:
    """Validate notebook parameters: unknown names and wrong types are errors, codes stay strings."""
    for naam, waarde in parameters.items():
        if naam not in PARAMETERS:
            raise ConfigFout(f"onbekende parameter; toegestaan: {', '.join(PARAMETERS)}", kolom=naam,
                             waarde=waarde)
        if not isinstance(waarde, PARAMETERS[naam]) or (isinstance(waarde, bool) and bool not in PARAMETERS[naam]):
            verwacht = " of ".join(t.__name__ for t in PARAMETERS[naam])
            raise ConfigFout(f"verkeerd type: verwacht {verwacht}", kolom=naam, waarde=waarde)
    if not GEMEENTE.match(parameters.get("gemeente", "")):
        raise ConfigFout("gemeentecode moet de vorm GMxxxx hebben (als tekst)", kolom="gemeente",
                         waarde=parameters.get("gemeente"))
    return parameters


def html_pagina(inhoud: str, *, titel: str, metadata: dict[str, str] | None = None) -> str:
    """Wrap rendered report content in the self-contained page (inline CSS, no scripts)."""
    css = files("ivpanalyse.rapport").joinpath("templates", "rapport.css").read_text(encoding="utf-8")
    # The content was rendered by the templates (escaped there) or by nbconvert: it is markup.
    return render("rapport.html.j2", inhoud=Markup(inhoud), titel=titel, css=Markup(css), versie=__version__,
                  metadata=metadata or {},
                  inhoudsopgave='id="inhoud"' in inhoud)  # skip link only when it has a target


@lru_cache(maxsize=None)
def _exporter():
    """nbconvert's HTML exporter for reports (outputs only), made once per process (a batch worker makes many
    reports), its template compiled.

    Not prepared in a thread while the kernel runs: importing nbconvert beside papermill raced on
    pygments' lazily loaded lexers ("cannot import name 'PythonLexer'") with the lowest allowed versions.
    """
    from nbconvert import HTMLExporter

    from traitlets.config import Config

    config = Config()
    # Cells tagged "verwijderen" (notes for interactive use) stay out of the report.
    config.TagRemovePreprocessor.remove_cell_tags = (VERWIJDEREN,)
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(config=config, template_name="basic", exclude_input=True,
                            exclude_input_prompt=True, exclude_output_prompt=True, anchor_link_text="")
    # nbconvert's own templates are compiled in every process too: the same bytecode cache as ours.
    exporter.environment.bytecode_cache = bytecode_cache()
    exporter.template  # noqa: B018 - loads and compiles the template now
    return exporter


def notebook_naar_html(notebook) -> str:
    """Render an executed notebook's outputs (no code, no prompts) to an HTML fragment."""
    exporter = _exporter()
    kopie, delen = _met_plaatshouders(zonder_stderr(notebook))
    with warnings.catch_warnings():
        # Our metadata output has no visible form; nbconvert warns about that.
        warnings.filterwarnings("ignore", message=".*is not able to be represented.*")
        body, _ = exporter.from_notebook_node(kopie)
    for merk, html in delen.items():
        body = body.replace(merk, html, 1)
    return body


def _met_plaatshouders(notebook) -> tuple[Any, dict[str, str]]:
    """The notebook with every HTML output replaced by a unique comment, and comment -> the HTML.

    nbconvert's HTMLExporter parses and re-serialises its whole result with BeautifulSoup to add alt
    texts to images and tab stops to outputs: for a report that is a fifth of a second spent on markup
    our templates made (their images carry alt texts). nbconvert still lays out the cells, removes the
    tagged ones and picks each output's form; only the skeleton goes through BeautifulSoup, and the
    outputs are put back unchanged.
    """
    import copy
    import secrets

    from nbformat import NotebookNode

    sleutel = secrets.token_hex(8)  # no output can contain the marker by chance
    delen: dict[str, str] = {}
    for cel in notebook.cells:
        for i, output in enumerate(cel.get("outputs", [])):
            html = output.get("data", {}).get("text/html")
            if html is None:
                continue
            merk = f"<!--ivp-{sleutel}-{len(delen)}-->"
            delen[merk] = "".join(html) if isinstance(html, list) else html
            output = copy.copy(output)
            output["data"] = NotebookNode({**output["data"], "text/html": merk})
            cel["outputs"][i] = output
    return notebook, delen


def zonder_stderr(notebook):
    """A copy of the notebook without what cells wrote to stderr (warnings, library noise).

    A report shows only what the analysis displays; the stderr text is logged at info level
    (``ivpanalyse -v``) with the number of the cell that wrote it.
    """
    import copy

    # Shallow copies: the outputs themselves are shared, only the lists that drop stderr are new.
    kopie = copy.copy(notebook)
    kopie["cells"] = []
    for i, cel in enumerate(notebook.cells):
        cel = copy.copy(cel)
        if "outputs" in cel:
            uitvoer = []
            for output in cel["outputs"]:
                if output.get("output_type") == "stream" and output.get("name") == "stderr":
                    log.info("cel %d schreef naar stderr (niet in het rapport): %s", i,
                             str(output.get("text", "")).strip())
                else:
                    uitvoer.append(output)
            cel["outputs"] = uitvoer
        kopie["cells"].append(cel)
    return kopie


def lees_metadata(notebook) -> dict[str, Any]:
    """The report facts the notebook published under :data:`weergave.METADATA_MIME`."""
    from .weergave import METADATA_MIME

    return lees_uitvoer(notebook, METADATA_MIME) or {}


def lees_uitvoer(notebook, mime: str):
    """The last output of type ``mime`` an executed notebook published, or ``None``."""
    uit = None
    for cel in notebook.cells:
        for output in cel.get("outputs", []):
            uit = output.get("data", {}).get(mime, uit)
    return uit


ENGINE = "ivpanalyse"


def ivp_engine() -> str:
    """Register (once) and name the papermill engine that writes the executed notebook only when it ends.

    papermill's own engine writes the whole notebook before and after every cell (a fifth of a
    second per report on its own). This one is papermill's nbclient engine with one difference: the
    notebook is written once, when the run ends, however it ends; so a cell that times out or a
    kernel that dies still leaves the notebook up to that cell (``.mislukt.ipynb``). papermill's
    autosave of a cell that runs long (every 30 s) stays.
    """
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    if ENGINE in papermill_engines._engines:
        return ENGINE

    class _AlleenAanHetEind(NotebookExecutionManager):
        _einde = False

        def save(self, **kwargs):
            if self._einde:
                super().save(**kwargs)

        def autosave_cell(self):
            self._einde = True  # papermill's timed autosave of a long cell: a real save
            try:
                super().autosave_cell()
            finally:
                self._einde = False

        def notebook_complete(self, **kwargs):
            self._einde = True
            super().notebook_complete(**kwargs)

    class IvpEngine(NBClientEngine):
        """papermill's nbclient engine (the same ``execute_notebook`` steps), saving only at the end."""

        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                             autosave_cell_every=30, **kwargs):
            nb_man = _AlleenAanHetEind(nb, output_path=output_path, progress_bar=progress_bar,
                                       log_output=log_output, autosave_cell_every=autosave_cell_every)
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

    papermill_engines.register(ENGINE, IvpEngine)
    return ENGINE


@contextlib.contextmanager
def _kernelbeheer():
    """Engine options for papermill: a kernel whose own output goes to a log, not to our terminal.

    The kernel process writes diagnostics such as "[IPKernelApp] ERROR | KeyboardInterrupt" at
    shutdown to its stderr; they are logged at debug level (``ivpanalyse -vv``) instead of printed.
    On POSIX the kernel talks over IPC sockets in a private folder: the default TCP transport makes
    ipykernel warn that traffic is unencrypted; Unix sockets in a 0700 temp folder are private to
    the user and need no ports (Windows keeps TCP).
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    # ipykernel 6 imports debugpy while the kernel spec is looked up, in this process; under Python
    # 3.11 debugpy then prints a "frozen modules" warning. Its documented switch silences it (the
    # kernel inherits it); a value the user set stays.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    with tempfile.TemporaryDirectory(prefix="ivp-kernel-") as map_:
        logpad = Path(map_) / "kernel.log"

        class _StilleKernelManager(AsyncKernelManager):
            async def _async_launch_kernel(self, kernel_cmd, **kw):
                with logpad.open("ab") as uit:
                    kw["stdout"] = kw["stderr"] = uit  # the child keeps its own copy of the descriptor
                    return await super()._async_launch_kernel(kernel_cmd, **kw)

            if os.name == "posix":
                @default("transport")
                def _transport_default(self):
                    return "ipc"

                @default("ip")
                def _ip_default(self):
                    return os.path.join(map_, "kernel")

        try:
            yield {"kernel_manager_class": _StilleKernelManager}
        finally:
            if logpad.exists():
                for regel in logpad.read_text(encoding="utf-8", errors="replace").splitlines():
                    if regel.strip():
                        log.debug("kernel: %s", regel)


def voer_uit(parameters: dict[str, Any], uitvoer: Path, *, notebook: Path | None = None,
             timeout: int = 900, naam: str | None = None, engine: dict[str, Any] | None = None) -> Path:
    """Execute the report notebook with ``parameters`` and write ``<naam>.html`` into ``uitvoer``.

    Returns the path of the HTML report. ``engine``: papermill engine options (``engine_name`` and its
    arguments), e.g. a warm kernel of the batch (:mod:`ivpanalyse.batch.kernels`); default a fresh kernel.

    Raises
    ------
    ConfigFout
        Invalid parameters (checked before any kernel starts).
    RapportFout
        The notebook failed; the executed notebook with the error is kept as ``.mislukt.ipynb``.
    """
    import nbformat
    import papermill as pm

    controleer_parameters(parameters)
    notebook = Path(notebook or notebook_path())
    naam = naam or parameters["gemeente"]
    uitvoer = Path(uitvoer)
    uitvoer.mkdir(parents=True, exist_ok=True)
    mislukt = uitvoer / f"{naam}.mislukt.ipynb"
    with atomisch_pad(uitvoer / f"{naam}.ipynb") as tmp_nb:
        try:
            with (contextlib.nullcontext(engine) if engine else _kernelbeheer()) as engine_opties:
                # The cells tagged "verwijderen" (exploration in JupyterLab, never in the report) are not run.
                pm.execute_notebook(str(notebook), str(tmp_nb), parameters=parameters, progress_bar=False,
                                    cwd=str(notebook.parent), execution_timeout=timeout,
                                    report_mode=True, log_output=False, kernel_name="python3",
                                    skip_cells_with_tag=VERWIJDEREN, shutdown_kernel="immediate",
                                    **{"engine_name": ivp_engine(), **engine_opties})
        except pm.PapermillExecutionError as exc:
            tmp_nb.replace(mislukt)
            raise RapportFout(notebook=str(mislukt), cel=exc.exec_count, ename=exc.ename, evalue=exc.evalue,
                              bestand=str(notebook)) from None
        except Exception as exc:  # kernel died, timeout, ...
            if tmp_nb.exists() and tmp_nb.stat().st_size:
                tmp_nb.replace(mislukt)
            raise RapportFout(f"notebook kon niet worden uitgevoerd ({type(exc).__name__}: {exc})",
                              notebook=str(mislukt) if mislukt.exists() else None, ename=type(exc).__name__,
                              evalue=str(exc), bestand=str(notebook)) from None
        nb = nbformat.read(tmp_nb, as_version=4)
    if mislukt.exists():
        mislukt.unlink()
    meta = lees_metadata(nb)
    metadata = {k: str(v) for k, v in meta.items()}
    titel = meta.get("titel", f"Veiligheidsanalyse {naam}")
    pagina = html_pagina(notebook_naar_html(nb), titel=titel, metadata=metadata)
    return schrijf_tekst(uitvoer / f"{naam}.html", pagina)
