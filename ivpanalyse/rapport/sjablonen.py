"""The one Jinja2 environment for every HTML page: report sections, page wrapper, index, basisteam.

Templates live in ``ivpanalyse/rapport/templates`` (package data). Autoescaping is always on:
Python hands the templates data (text, numbers, lists, dicts), never markup, so every text from a
source file or the werkgroep is escaped exactly once. Dutch numbers come from filters:

- ``{{ x | getal }}``, ``{{ x | getal(1) }}``: ``1.234,5``; NaN/None/NA become ``–``;
- ``{{ x | procent }}``: ``+12%``;
- ``{{ code | anker }}``: ``2.1`` -> ``2-1`` (stable ids of sections);
- ``{{ soort | signaal }}``: ``↑ stijgend`` (:data:`SIGNAAL_TEKEN`, the one set of signal symbols).

Shared pieces (tables, figures, werkgroep text, status chips, lists of links) are macros in
``onderdelen.html.j2``; :func:`macro` calls one from Python.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup

from ..opmaak import getal as _getal
from ..opmaak import leeg as _leeg  # one definition of "no figure"
from ..opmaak import procent as _procent

__all__ = ["omgeving", "render", "macro", "getal", "procent", "anker", "signaal", "afbeelding", "stijl", "Markup",
           "SIGNAAL_TEKEN", "BEREIK"]

BEREIK = "ivp-rapport"  # class of the element the report's style is scoped to inside JupyterLab

# The one set of signal symbols of every page (report, index, basisteam), always beside the word.
SIGNAAL_TEKEN = {"stijgend": "↑", "dalend": "↓", "stabiel": "→"}


def getal(waarde, decimalen: int = 0, leeg: str = "–") -> str:
    """A number the Dutch way (``1.234,5``); None, NaN and NA become ``leeg``."""
    return leeg if _leeg(waarde) else _getal(float(waarde), decimalen)


def procent(fractie, decimalen: int = 0, teken: bool = True) -> str:
    """A fraction as a Dutch percentage (``-0.52`` -> ``-52%``); missing becomes ``–``."""
    return "–" if _leeg(fractie) else _procent(float(fractie), decimalen, teken=teken)


def anker(code: str) -> str:
    """Stable id part for a section, e.g. ``2.1`` -> ``2-1`` (``thema-2-1``)."""
    return str(code).replace(".", "-")


def signaal(soort) -> str:
    """A signal with its symbol: ``stijgend`` -> ``↑ stijgend``; other words (``klein aantal``) as they are."""
    soort = "" if _leeg(soort) else str(soort)
    teken = SIGNAAL_TEKEN.get(soort)
    return f"{teken} {soort}" if teken else soort


def afbeelding(data: bytes, mime: str) -> str:
    """An image as a ``data:`` URI, for an image source in a self-contained page."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@lru_cache(maxsize=None)
def stijl(bereik: str | None = None) -> str:
    """The report's stylesheet (``templates/rapport.css``); with ``bereik`` scoped to ``.<bereik>``.

    The page of a report uses it as it is. Inside JupyterLab the sections are shown in the
    notebook's own page, so every selector is prefixed with the class (twice, to outweigh Lab's
    ``.jp-RenderedHTMLCommon`` rules); ``:root``, ``html`` and ``body`` become the scope itself and
    print-only ``@page`` rules are left out: the sections look as in the report, Lab stays as it is.
    """
    from importlib.resources import files

    css = files("ivpanalyse.rapport").joinpath("templates", "rapport.css").read_text(encoding="utf-8")
    if bereik is None:
        return css
    import tinycss2  # comes with nbconvert (bleach[css])

    scope = f".{bereik}.{bereik}"

    def selector(tekst: str) -> str:
        tekst = tekst.strip()
        for hoofd in (":root", "html", "body"):
            if tekst == hoofd:
                return scope
        return f"{scope} {tekst}"

    def regels(knopen) -> str:
        uit = []
        for r in knopen:
            if r.type == "qualified-rule":
                prelude = tinycss2.serialize(r.prelude)
                uit.append(", ".join(selector(s) for s in prelude.split(",")) + " {"
                           + tinycss2.serialize(r.content) + "}")
            elif r.type == "at-rule" and r.lower_at_keyword == "media":
                binnen = regels(tinycss2.parse_rule_list(r.content, skip_comments=True, skip_whitespace=True))
                uit.append(f"@media{tinycss2.serialize(r.prelude)}{{\n{binnen}\n}}")
        return "\n".join(uit)

    # One page holds many outputs: no page padding around each of them.
    return (regels(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
            + f"\n{scope} {{ margin: 0; padding: 0 .5rem; }}\n")


@lru_cache(maxsize=None)
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja2's bytecode cache in its own per-user temp folder: every report kernel would otherwise
    compile the same templates again (a tenth of a second). Keyed by the template's source, so an
    edited template is compiled afresh; a folder that cannot be used means no cache, never an error.
    """

    class _Stil(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except OSError:
                pass

        def dump_bytecode(self, bucket):
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    try:
        return _Stil()
    except (OSError, RuntimeError):  # no usable temp folder
        return None


@lru_cache(maxsize=None)
def omgeving() -> jinja2.Environment:
    """The shared environment: package templates, autoescape, strict undefined, Dutch filters."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ivpanalyse.rapport", "templates"),
        bytecode_cache=bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(getal=getal, procent=procent, anker=anker, signaal=signaal)
    return env


def render(sjabloon: str, /, **context: Any) -> str:
    """Render the template ``sjabloon`` (e.g. ``"kop.html.j2"``) with ``context``."""
    return omgeving().get_template(sjabloon).render(**context)


def macro(naam: str, /, *args: Any, sjabloon: str = "onderdelen.html.j2") -> Markup:
    """Call the macro ``naam`` of a template (default ``onderdelen.html.j2``) from Python."""
    return getattr(omgeving().get_template(sjabloon).module, naam)(*args)
