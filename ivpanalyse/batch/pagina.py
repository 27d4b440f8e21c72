"""The basisteam page (stap 3a): heatmap and HTML of the comparison frames of
:mod:`ivpanalyse.analyse.vergelijking`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import taxonomie
from ..analyse.vergelijking import BOVENLOKAAL, LOKAAL, _namen, basisteam_per_1000, matrix, prioriteiten, thema_label
from ..opmaak import getal

if TYPE_CHECKING:
    import matplotlib.pyplot as plt

HEATMAP_MAXIMAAL = 40  # more gemeenten (a regional or national batch): the tables only, no unreadable heatmap
_PIJL = {"stijgend": "▲ stijgend", "dalend": "▼ dalend", "stabiel": "■ stabiel"}


def heatmap(kern: pd.DataFrame, *, titel: str = "") -> plt.Figure:
    """Seaborn heatmap of thema's (grouped by veld) x gemeenten.

    Colour: the gemeente's rate against the basisteam's pooled rate (100 = basisteam), so that
    thema's of very different size share one scale; the cells show the rate per 1.000 inwoners.
    """
    import matplotlib

    matplotlib.use("Agg")  # no screen needed; imported here so the index page needs no plotting library
    import matplotlib.pyplot as plt
    import seaborn as sns

    per, index = matrix(kern)
    hoogte = max(2.5, 0.38 * len(per) + 1.4)
    fig, ax = plt.subplots(figsize=(max(6.4, 1.3 * len(per.columns) + 3.5), hoogte), dpi=100)
    if per.empty:
        ax.text(0.5, 0.5, "Geen cijfers", ha="center", va="center")
        ax.set_axis_off()
        return fig
    labels = per.map(lambda v: getal(v, 1))
    geklemd = index.clip(lower=25, upper=175)
    sns.heatmap(geklemd.astype(float), ax=ax, cmap="vlag", center=100, vmin=25, vmax=175, annot=labels.values,
                fmt="", linewidths=0.5, linecolor="white", annot_kws={"fontsize": 8},
                cbar_kws={"label": "index (basisteam = 100)", "shrink": 0.8})
    ax.set_yticklabels([thema_label(t) for t in per.index], rotation=0, fontsize=8)
    ax.set_xticklabels(per.columns, rotation=30, ha="right", fontsize=9)
    ax.set_xlabel("")
    ax.set_ylabel("")
    velden = [str(t).split(".")[0] for t in per.index]
    for i in range(1, len(velden)):
        if velden[i] != velden[i - 1]:
            ax.axhline(i, color="#1d2733", linewidth=1.2)
    if titel:
        ax.set_title(titel, fontsize=11, loc="left")
    fig.tight_layout()
    return fig



# --------------------------------------------------------------------------- data for the templates


def figuur(fig: plt.Figure, alt: str) -> dict:
    """A Figure as data for the ``figuur`` macro: an embedded PNG (a dense heatmap is smaller as PNG)."""
    import matplotlib.pyplot as plt

    from ..rapport.grafieken import png
    from ..rapport.sjablonen import afbeelding

    data = png(fig)
    plt.close(fig)
    return {"src": afbeelding(data, "image/png"), "breedte": None, "hoogte": None, "alt": alt, "bijschrift": alt}


def _cel(rij) -> dict | None:
    if rij is None:
        return None
    signaal = str(rij.signaal) if isinstance(rij.signaal, str) else ""
    return {"per_1000": rij.per_1000, "trend": rij.verandering_3jaar, "signaal": _PIJL.get(signaal, signaal),
            "voorgesteld": bool(rij.voorgesteld)}


def veld_rijen(kern: pd.DataFrame, veld: int) -> list[dict]:
    """Per thema of ``veld``: each gemeente's rate per 1.000, change over three years and signal."""
    deel = kern[kern["veld"] == veld]
    if deel.empty:
        return []
    namen = _namen(kern)
    basis = basisteam_per_1000(kern)
    rijen = []
    for thema in taxonomie.sorteer_codes(deel["thema"]):
        per_gemeente = {r.gemeentenaam: r for r in deel[deel["thema"] == thema].itertuples()}
        rijen.append({"thema": thema_label(thema), "cellen": [_cel(per_gemeente.get(n)) for n in namen],
                      "basisteam": basis.get(thema, np.nan)})
    return rijen


def prioriteiten_gegevens(kern: pd.DataFrame, drempel: int) -> dict:
    """The proposed priorities and the stap 3a split (bovenlokaal / lokaal-specifiek)."""
    tabel = prioriteiten(kern, drempel)
    groepen = []
    for soort, kop, klasse in ((BOVENLOKAAL, "Kandidaten voor bovenlokale prioriteiten", "bovenlokaal"),
                               (LOKAAL, "Lokaal-specifieke prioriteiten", "lokaal")):
        deel = tabel[tabel["soort"] == soort]
        groepen.append({"kop": kop, "klasse": klasse, "rijen": [
            {"thema": thema_label(r.thema), "aantal": r.aantal, "gemeenten": list(r.gemeenten)}
            for r in deel.itertuples()]})
    per_gemeente: dict[str, list[str]] = {naam: [] for naam in _namen(kern)}
    for r in tabel.itertuples():
        for naam in r.gemeenten:
            per_gemeente[naam].append(r.thema)
    return {"voorgesteld": not tabel.empty, "groepen": groepen,
            "per_gemeente": [(naam, [thema_label(t) for t in taxonomie.sorteer_codes(codes)])
                             for naam, codes in per_gemeente.items()]}


def basisteam_gegevens(kern: pd.DataFrame, *, naam: str, soort: str, drempel: int,
                       ontbrekend: dict[str, str] | None = None, links: dict[str, str] | None = None) -> dict:
    """Everything ``batch_basisteam.html.j2`` shows (stap 3a), as plain data.

    Parameters
    ----------
    kern
        Kerncijfers of the gemeenten that succeeded, concatenated.
    naam, soort
        The basisteam's name and kind (``basisteam``, ``samenwerkingsverband``...).
    drempel
        Gemeenten that must propose a thema for a candidate bovenlokale priority.
    ontbrekend
        Gemeente label -> reason, for gemeenten whose report failed (listed, never silently left out).
    links
        Gemeente name -> relative link to its report.
    """
    links = links or {}
    namen = _namen(kern) if not kern.empty else []
    jaren = sorted(set(kern["laatste_jaar"].dropna().astype(int))) if not kern.empty else []
    gegevens = {
        "naam": naam, "soort": soort, "drempel": drempel,
        "gemeenten": [{"naam": n, "link": links.get(n)} for n in namen],
        "jaar": "–".join(str(j) for j in (jaren[:1] + jaren[-1:] if len(jaren) > 1 else jaren)) or "–",
        "ontbrekend": list((ontbrekend or {}).items()),
        "heatmap": None, "prioriteiten": None, "velden": [],
    }
    if kern.empty:
        return gegevens
    if len(namen) <= HEATMAP_MAXIMAAL:
        gegevens["heatmap"] = figuur(heatmap(kern), f"Geregistreerde misdrijven per 1.000 inwoners per thema en "
                                                    f"gemeente, {naam}")
    gegevens["prioriteiten"] = prioriteiten_gegevens(kern, drempel)
    gegevens["velden"] = [{"code": v.code, "naam": v.naam, "rijen": veld_rijen(kern, v.code)}
                          for v in taxonomie.velden()]
    return gegevens


def rapport_html(kern: pd.DataFrame, **kwargs) -> str:
    """The basisteam report (stap 3a) as an HTML fragment for :func:`ivpanalyse.rapport.runner.html_pagina`;
    arguments as :func:`basisteam_gegevens`."""
    from ..rapport.sjablonen import render

    return render("batch_basisteam.html.j2", **basisteam_gegevens(kern, **kwargs))
