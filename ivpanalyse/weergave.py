"""HTML fragments of the veiligheidsanalyserapportage, built from an :class:`~ivpanalyse.api.Analyse`.

The notebook only calls these functions and displays what they return, so the notebook stays thin
and the report is testable without a kernel. All text is escaped; figures are embedded PNGs with
alt text; nothing is loaded from the network.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib.pyplot as plt
import pandas as pd

from . import grafieken, indicatoren, taxonomie
from .opmaak import getal, procent

METADATA_MIME = "application/vnd.ivpanalyse.metadata+json"
NOG_IN_TE_VULLEN = "Nog in te vullen door de werkgroep."
E = html.escape


def toon(fragment: str) -> None:
    """Display an HTML fragment in the notebook."""
    from IPython.display import HTML, display

    display(HTML(fragment))


def toon_metadata(analyse) -> None:
    """Publish the report's facts (title, period, sources) for the page's metadata; not shown."""
    from IPython.display import display

    display({METADATA_MIME: metadata(analyse)}, raw=True)


def metadata(analyse) -> dict[str, str]:
    van, tot = analyse.jaren
    bestanden = sorted(set(analyse.cijfers["bronbestand"].astype(str)))
    return {"titel": f"Veiligheidsanalyse {analyse.naam} {van}–{tot}", "gemeente": analyse.gemeente,
            "gemeentenaam": analyse.naam, "periode": f"{van}-{tot}", "bronbestanden": ", ".join(bestanden)}


def anker(code: str) -> str:
    """Stable id for a section, e.g. ``thema-1-3``, ``veld-2``, ``aspect-A1``."""
    return code.replace(".", "-")


def figuur(fig: plt.Figure, alt: str) -> str:
    """A Figure as an embedded PNG with alt text; the figure is closed."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<figure class="grafiek"><img src="data:image/png;base64,{data}" alt="{E(alt)}">'
            f"<figcaption>{E(alt)}</figcaption></figure>")


def tabel(df: pd.DataFrame, *, decimalen: int = 0, klasse: str = "cijfers") -> str:
    """A DataFrame as an HTML table with Dutch number formatting and escaped text."""
    kop = "".join(f"<th>{E(str(k))}</th>" for k in [df.index.name or ""] + list(df.columns))
    rijen = []
    for index, rij in df.iterrows():
        cellen = "".join(
            f'<td class="getal">{getal(v, decimalen)}</td>' if isinstance(v, (int, float)) or pd.isna(v)
            else f"<td>{E(str(v))}</td>" for v in rij)
        rijen.append(f"<tr><th>{E(str(index))}</th>{cellen}</tr>")
    return f'<table class="{klasse}"><thead><tr>{kop}</tr></thead><tbody>{"".join(rijen)}</tbody></table>'


def _invulblok(titel: str, tekst: str | None) -> str:
    if tekst:
        return f'<div class="drieslag ingevuld"><h4>{E(titel)}</h4><p>{E(tekst)}</p></div>'
    return (f'<div class="drieslag open"><h4>{E(titel)}</h4>'
            f'<p class="nog-in-te-vullen">{NOG_IN_TE_VULLEN}</p></div>')


def kop(analyse) -> str:
    """Title block: gemeente, period, the drieslag in one sentence."""
    van, tot = analyse.jaren
    return (f'<header class="titel"><p class="soort">Veiligheidsanalyserapportage · stap 2 Kernbeleid '
            f'Veiligheid</p><h1>{E(analyse.naam)} ({E(analyse.gemeente)})</h1>'
            f'<p class="periode">Periode {van}–{tot}</p>'
            "<p>Per veiligheidsthema beantwoordt deze analyse de drieslag: <strong>problematiek?</strong> "
            "(cijfers en hun betekenis), <strong>huidige aanpak?</strong> (beleid, maatregelen, knelpunten) "
            "en <strong>extra?</strong> (mogelijke beleidsversterkingen). Bij veld 1 gaan aanpak en extra "
            "over de zes aspecten van de aanpak.</p></header>")


def _problematiek(analyse, thema) -> str:
    reeks = analyse.reeksen[(analyse.reeksen["gebied_code"] == analyse.gemeente)
                            & (analyse.reeksen["thema"] == thema.code)].sort_values("periode")
    delen = [f"<h4>Problematiek</h4>"]
    if reeks.empty or reeks["aantal"].isna().all():
        bronnen = "; ".join(thema.bronnen) or "zie het handboek"
        delen.append(f'<p class="geen-cijfers">Geen registratiecijfers voor dit thema in de ingelezen '
                     f"bronnen. Mogelijke bronnen: {E(bronnen)}.</p>")
        return '<div class="drieslag problematiek">' + "".join(delen) + "</div>"
    per_1000 = reeks["per_1000"].notna().any()
    kolom, eenheid = ("per_1000", "per 1.000 inwoners") if per_1000 else ("aantal", "aantal")
    eerste, laatste = reeks.iloc[0], reeks.iloc[-1]
    voorlopig = " (voorlopig)" if laatste["status"] == "voorlopig" else ""
    tekst = (f"Geregistreerde misdrijven in dit thema: {getal(eerste['aantal'])} in {eerste['periode']} "
             f"en {getal(laatste['aantal'])} in {laatste['periode']}{voorlopig} "
             f"({procent(indicatoren.verandering(reeks['aantal']))}).")
    if per_1000:
        tekst += f" Per 1.000 inwoners: {getal(laatste['per_1000'], 1)} in {laatste['periode']}."
    delen.append(f'<p class="duiding-concept">{E(tekst)}</p>')
    alt = (f"{thema.kort}: {eenheid} per jaar, {analyse.naam}, {eerste['periode']}–{laatste['periode']}")
    fig = grafieken.trend({analyse.naam: reeks}, kolom=kolom, titel=f"{thema.kort} – {analyse.naam}",
                          eenheid=eenheid)
    delen.append(figuur(fig, alt))
    cat = indicatoren.categorie_tabel(analyse.gekoppeld.cijfers, analyse.gemeente, thema.code)
    if not cat.empty:
        cat = cat[[c for c in cat.columns if c >= analyse.jaren[1] - 5]]
        delen.append(tabel(cat))
    delen.append(f'<p class="bron">Bron: {E(str(laatste["bron"]))} ({E(str(laatste["bronbestand"]))}), '
                 f"periode {eerste['periode']}–{laatste['periode']}.</p>")
    return '<div class="drieslag problematiek">' + "".join(delen) + "</div>"


def thema_sectie(analyse, thema) -> str:
    """One thema: problematiek, and for velden 2-5 also huidige aanpak and extra."""
    delen = [f'<section class="thema" id="thema-{anker(thema.code)}">'
             f"<h3>{E(thema.code)} {E(thema.naam)}</h3>",
             f'<p class="beschrijving">{E(thema.beschrijving)}</p>',
             _problematiek(analyse, thema)]
    if thema.veld != 1:
        delen.append(_invulblok("Huidige aanpak", None))
        delen.append(_invulblok("Extra (mogelijke beleidsversterkingen)", None))
    delen.append("</section>")
    return "".join(delen)


def aspect_sectie(aspect) -> str:
    """One of the six aspecten van de aanpak of veld 1."""
    return (f'<section class="aspect" id="aspect-{anker(aspect.id)}">'
            f"<h3>Aspect {E(aspect.handboeknummer)}: {E(aspect.naam)}</h3>"
            f'<p class="beschrijving">{E(aspect.beschrijving)}</p>'
            + _invulblok("Huidige aanpak", None)
            + _invulblok("Extra (mogelijke beleidsversterkingen)", None) + "</section>")


def veld(analyse, code: int) -> str:
    """A whole veiligheidsveld: its themes, and for veld 1 the six aspecten."""
    v = taxonomie.veld(code)
    delen = [f'<section class="veld" id="veld-{code}"><h2>Veld {code}: {E(v.naam)}</h2>']
    if code == 1:
        delen.append("<p>Bij veld 1 worden de vragen <em>huidige aanpak?</em> en <em>extra?</em> "
                     "beantwoord per aspect van de aanpak, niet per thema.</p>")
    delen += [thema_sectie(analyse, t) for t in v.themas]
    if code == 1:
        delen.append('<h3 class="tussenkop">Aspecten van de aanpak</h3>')
        delen += [aspect_sectie(a) for a in taxonomie.aspecten()]
    delen.append("</section>")
    return "".join(delen)


def overzicht(analyse) -> str:
    """Closing overview of the velden: per thema the latest figure, change and what is still open."""
    laatste_jaar = analyse.jaren[1]
    rijen = []
    for v in taxonomie.velden():
        for t in v.themas:
            reeks = analyse.reeksen[(analyse.reeksen["gebied_code"] == analyse.gemeente)
                                    & (analyse.reeksen["thema"] == t.code)].sort_values("periode")
            if reeks.empty:
                cijfer, verandering = "geen cijfers", "–"
            else:
                laatste = reeks.iloc[-1]
                cijfer = (getal(laatste["per_1000"], 1) + " per 1.000" if pd.notna(laatste["per_1000"])
                          else getal(laatste["aantal"]))
                verandering = procent(indicatoren.verandering(reeks["aantal"]))
            rijen.append(f'<tr><td>Veld {v.code}</td><td><a href="#thema-{anker(t.code)}">{E(t.code)} '
                         f"{E(t.kort)}</a></td><td class=\"getal\">{cijfer}</td>"
                         f'<td class="getal">{verandering}</td><td>open</td><td>open</td></tr>')
    return ('<section class="overzicht" id="overzicht"><h2>Overzicht van de velden</h2>'
            f"<p>Laatste jaar: {laatste_jaar}. Verandering: eerste jaar tegen laatste jaar van de reeks.</p>"
            '<table class="overzicht"><thead><tr><th>Veld</th><th>Thema</th><th>Laatste cijfer</th>'
            "<th>Verandering</th><th>Huidige aanpak</th><th>Extra</th></tr></thead><tbody>"
            + "".join(rijen) + "</tbody></table></section>")


def inhoud() -> str:
    """Table of contents with links to velden, themes and aspecten."""
    delen = ['<nav class="inhoud" id="inhoud"><h2>Inhoud</h2><ol>']
    for v in taxonomie.velden():
        delen.append(f'<li><a href="#veld-{v.code}">Veld {v.code}: {E(v.naam)}</a><ol>')
        delen += [f'<li><a href="#thema-{anker(t.code)}">{E(t.code)} {E(t.kort)}</a></li>' for t in v.themas]
        if v.code == 1:
            delen += [f'<li><a href="#aspect-{anker(a.id)}">Aspect {E(a.handboeknummer)}: {E(a.naam)}</a></li>'
                      for a in taxonomie.aspecten()]
        delen.append("</ol></li>")
    delen.append('<li><a href="#overzicht">Overzicht van de velden</a></li>'
                 '<li><a href="#bronnen">Bronnen en methoden</a></li></ol></nav>')
    return "".join(delen)


def bronnen(analyse) -> str:
    """Sources: every file with table, periods and status; mapping coverage summary."""
    per_bestand = (analyse.cijfers.astype({"bronbestand": str, "bron": str, "status": str})
                   .groupby(["bronbestand", "bron"])
                   .agg(van=("periode", "min"), tot=("periode", "max"),
                        voorlopig=("status", lambda s: ", ".join(sorted(set(
                            str(p) for p, st in zip(analyse.cijfers.loc[s.index, "periode"], s)
                            if st == "voorlopig"))) or "–"),
                        rijen=("waarde", "size"))
                   .reset_index())
    rijen = "".join(
        f"<tr><td>{E(r.bronbestand)}</td><td>{E(r.bron)}</td><td>{r.van}–{r.tot}</td>"
        f'<td>{E(r.voorlopig)}</td><td class="getal">{getal(r.rijen)}</td></tr>'
        for r in per_bestand.itertuples())
    dekking = analyse.gekoppeld.dekking.groupby(["bron", "status"]).size().unstack(fill_value=0)
    return ('<section class="bronnen" id="bronnen"><h2>Bronnen en methoden</h2>'
            '<table><thead><tr><th>Bestand</th><th>Tabel</th><th>Perioden</th><th>Voorlopig</th>'
            f"<th>Cijfers</th></tr></thead><tbody>{rijen}</tbody></table>"
            "<h3>Koppeling op thema's</h3>" + tabel(dekking) + "</section>")
