"""The basisteam page (stap 3a): heatmap and HTML of the comparison frames of
:mod:`ivpanalyse.analyse.vergelijking`.
"""

from __future__ import annotations

import base64
import html
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import taxonomie
from ..analyse.vergelijking import BOVENLOKAAL, LOKAAL, _namen, basisteam_per_1000, matrix, prioriteiten, thema_label
from ..opmaak import getal, procent

if TYPE_CHECKING:
    import matplotlib.pyplot as plt

E = html.escape
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



# --------------------------------------------------------------------------- HTML


def figuur_html(fig: plt.Figure, alt: str) -> str:
    """A Figure as an embedded PNG with alt text (a dense heatmap is smaller as PNG); the figure is closed."""
    import matplotlib.pyplot as plt

    from ..rapport.grafieken import png

    data = base64.b64encode(png(fig)).decode("ascii")
    plt.close(fig)
    return (f'<figure class="grafiek"><img src="data:image/png;base64,{data}" alt="{E(alt)}">'
            f"<figcaption>{E(alt)}</figcaption></figure>")


def _cel(rij) -> str:
    if rij is None:
        return '<td class="getal">–</td>'
    signaal = str(rij.signaal) if isinstance(rij.signaal, str) else ""
    trend = procent(rij.verandering_3jaar) if not pd.isna(rij.verandering_3jaar) else "–"
    ster = " ★" if bool(rij.voorgesteld) else ""
    return (f'<td class="getal">{getal(rij.per_1000, 1)}<br><small>{trend}</small><br>'
            f'<small class="signaal">{E(_PIJL.get(signaal, signaal))}{ster}</small></td>')


def veld_tabel(kern: pd.DataFrame, veld: int) -> str:
    """Per thema of ``veld``: each gemeente's rate per 1.000, change over three years and signal."""
    deel = kern[kern["veld"] == veld]
    if deel.empty:
        return '<p class="geen-cijfers">Geen registratiecijfers voor de thema\'s van dit veld.</p>'
    namen = _namen(kern)
    basis = basisteam_per_1000(kern)
    kop = "".join(f"<th>{E(n)}</th>" for n in namen)
    rijen = []
    for thema in taxonomie.sorteer_codes(deel["thema"]):
        per_gemeente = {r.gemeentenaam: r for r in deel[deel["thema"] == thema].itertuples()}
        cellen = "".join(_cel(per_gemeente.get(n)) for n in namen)
        rijen.append(f"<tr><th>{E(thema_label(thema))}</th>{cellen}"
                     f'<td class="getal">{getal(basis.get(thema, np.nan), 1)}</td></tr>')
    return (f'<table class="vergelijking"><thead><tr><th>Thema</th>{kop}<th>Basisteam</th></tr></thead>'
            f"<tbody>{''.join(rijen)}</tbody></table>")


def prioriteiten_html(kern: pd.DataFrame, drempel: int) -> str:
    """The proposed priorities per gemeente and the stap 3a split, as HTML."""
    tabel = prioriteiten(kern, drempel)
    n = kern["gemeente"].nunique()
    uitleg = (f"<p>Een thema dat door minstens {drempel} van de {n} gemeenten als prioriteit wordt voorgesteld, "
              f"is een kandidaat voor een <strong>bovenlokale</strong> (gezamenlijke) prioriteit; de overige "
              f"voorgestelde thema's zijn <strong>lokaal-specifiek</strong>. Dit is een voorstel op basis van "
              f"de cijfers; de gemeenten bepalen de keuze samen in stap 3a, mede met het oog op de prioriteiten "
              f"op eenheidsniveau.</p>")
    if tabel.empty:
        return uitleg + "<p>Geen van de gemeenten heeft op grond van de cijfers een prioriteit voorgesteld.</p>"
    delen = [uitleg]
    for soort, kop in ((BOVENLOKAAL, "Kandidaten voor bovenlokale prioriteiten"),
                       (LOKAAL, "Lokaal-specifieke prioriteiten")):
        deel = tabel[tabel["soort"] == soort]
        delen.append(f"<h3>{E(kop)}</h3>")
        if deel.empty:
            delen.append("<p>Geen.</p>")
            continue
        rijen = "".join(f"<tr><th>{E(thema_label(r.thema))}</th><td class=\"getal\">{r.aantal} van {n}</td>"
                        f"<td>{E(', '.join(r.gemeenten))}</td></tr>" for r in deel.itertuples())
        delen.append(f'<table class="prioriteiten {"bovenlokaal" if soort == BOVENLOKAAL else "lokaal"}">'
                     f"<thead><tr><th>Thema</th><th>Gemeenten</th><th>Voorgesteld door</th></tr></thead>"
                     f"<tbody>{rijen}</tbody></table>")
    # Per gemeente, the list each one brings to the table.
    per_gemeente: dict[str, list[str]] = {naam: [] for naam in _namen(kern)}
    for r in tabel.itertuples():
        for naam in r.gemeenten:
            per_gemeente[naam].append(r.thema)
    rijen = "".join(f"<tr><th>{E(naam)}</th><td>{E('; '.join(thema_label(t) for t in taxonomie.sorteer_codes(codes)) or '–')}"
                    f"</td></tr>" for naam, codes in per_gemeente.items())
    delen.append("<h3>Voorgestelde prioriteiten per gemeente</h3>"
                 f'<table class="per-gemeente"><thead><tr><th>Gemeente</th><th>Thema\'s</th></tr></thead>'
                 f"<tbody>{rijen}</tbody></table>")
    return "".join(delen)


def rapport_html(kern: pd.DataFrame, *, naam: str, soort: str, drempel: int,
                 ontbrekend: dict[str, str] | None = None, links: dict[str, str] | None = None) -> str:
    """The basisteam report (stap 3a) as an HTML fragment for :func:`ivpanalyse.rapport.html_pagina`.

    Parameters
    ----------
    kern
        Kerncijfers of the gemeenten that succeeded (:func:`kerncijfers`, concatenated).
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
    jaar = "–".join(str(j) for j in (jaren[:1] + jaren[-1:] if len(jaren) > 1 else jaren)) or "–"
    gemeenten = ", ".join(f'<a href="{E(links[n])}">{E(n)}</a>' if n in links else E(n) for n in namen)
    delen = [f'<header class="titel"><p class="soort">Vergelijking · stap 3a Kernbeleid Veiligheid</p>'
             f"<h1>{E(naam)}</h1><p>{E(soort.capitalize())} met {len(namen)} gemeenten: {gemeenten or '–'}. "
             f"Laatste jaar: {E(jaar)}.</p></header>"]
    if ontbrekend:
        items = "".join(f"<li><strong>{E(k)}</strong>: {E(v)}</li>" for k, v in ontbrekend.items())
        delen.append(f'<div class="waarschuwing"><p>Niet in deze vergelijking (rapport mislukt):</p>'
                     f"<ul>{items}</ul></div>")
    delen.append("<p>Stap 2 en 3 zijn per gemeente met dezelfde methode gezet. Deze vergelijking is de "
                 "tussenstap 3a: welke prioriteiten kunnen bovenlokaal worden opgepakt en welke blijven "
                 "lokaal-specifiek.</p>")
    if kern.empty:
        delen.append("<p>Er zijn geen kerncijfers beschikbaar.</p>")
        return "".join(delen)
    delen.append('<section id="overzicht"><h2>Overzicht: thema\'s per gemeente</h2>'
                 "<p>Kleur: geregistreerde misdrijven per 1.000 inwoners ten opzichte van het basisteam als "
                 "geheel (100 = basisteam; rood hoger, blauw lager). In de cellen: het aantal per 1.000 "
                 "inwoners in het laatste jaar.</p>")
    delen.append(figuur_html(heatmap(kern), f"Geregistreerde misdrijven per 1.000 inwoners per thema en "
                                            f"gemeente, {naam}"))
    delen.append("</section>")
    delen.append('<section id="prioriteiten"><h2>Prioriteiten: bovenlokaal en lokaal-specifiek</h2>')
    delen.append(prioriteiten_html(kern, drempel))
    delen.append("</section>")
    delen.append('<section id="velden"><h2>Per veiligheidsveld</h2><p>Per gemeente: aantal per 1.000 '
                 "inwoners (laatste jaar), de verandering ten opzichte van het gemiddelde van de jaren ervoor en "
                 "het signaal; ★ = door de gemeente als prioriteit voorgesteld. Laatste kolom: het basisteam als "
                 "geheel.</p>")
    for veld in taxonomie.velden():
        delen.append(f"<h3>Veld {veld.code}: {E(veld.naam)}</h3>")
        delen.append(veld_tabel(kern, veld.code))
    delen.append("</section>")
    return "".join(delen)
