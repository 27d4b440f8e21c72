"""HTML fragments of the veiligheidsanalyserapportage (stap 2 of Kernbeleid Veiligheid).

The notebook builds one :class:`Rapport` (the analysis, its indicator frames, the analyst's
drieslag input and the run parameters) and displays what the functions here return, so the
notebook stays thin and the report is testable without a kernel.

Every text that comes from data or from the analyst is escaped; figures are embedded SVG images
with alt text; nothing is loaded from the network. An empty indicator frame or an empty input
never fails: the part shows "nog in te vullen" or says that the figures are absent.
"""

from __future__ import annotations

import base64
import html
import json
import platform
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import __version__, taxonomie
from . import grafieken
from ..atomisch import sha256_bestand
from ..analyse.indicatoren import Indicatoren
from ..invoer import Drieslag
from ..opmaak import getal, procent

METADATA_MIME = "application/vnd.ivpanalyse.metadata+json"
# Per thema the figures a basisteam comparison needs (read back by the batch from the notebook).
KERNCIJFERS_MIME = "application/vnd.ivpanalyse.kerncijfers+json"
NOG_IN_TE_VULLEN = "Nog in te vullen"
MAX_PRIORITEITEN = 4  # handbook, stap 3: "een maximum van drie a vier prioriteiten"
E = html.escape

# Columns of the indicator contract (indicatoren.Indicatoren); a missing frame or column is empty.
KOLOMMEN = {
    "thema_jaar": ["thema", "periode", "aantal", "inwoners", "per_1000", "status", "bron", "bronbestand",
                   "basisteam_per_1000", "nederland_per_1000", "vergelijkbaar_per_1000"],
    "signalen": ["thema", "laatste_jaar", "laatste_aantal", "vorig_aantal", "verandering_vorig_jaar",
                 "gemiddelde_3jaar", "verandering_3jaar", "p_waarde", "signaal", "reeksbreuk", "piek",
                 "status_laatste", "toelichting"],
    "duiding": ["thema", "tekst"],
    "prioriteiten": ["veld", "thema", "score", "redenen", "voorgesteld", "rang_in_veld"],
    "effectindicatoren": ["thema", "indicator", "soort", "bron", "basiswaarde", "basisjaar", "streefwaarde",
                          "toelichting"],
    "wijken": ["gebied_code", "wijknaam", "thema", "periode", "aantal", "inwoners", "per_1000", "rang",
               "publicatie"],
    "dekking": ["bron", "categorie", "omschrijving", "thema", "status", "toelichting", "rijen"],
}
BENCHMARK_LABELS = {"basisteam_per_1000": "Basisteam", "nederland_per_1000": "Nederland",
                    "vergelijkbaar_per_1000": "Vergelijkbare gemeenten"}
SIGNAAL_TEKEN = {"stijgend": "↑", "dalend": "↓", "stabiel": "→"}
# Status of a drieslag part: symbol, words (never colour alone).
STATUS = {
    "ingevuld": ("✓", "ingevuld", "ingevuld door de werkgroep"),
    "concept": ("◐", "concept", "conceptduiding uit de cijfers, nog niet bewerkt"),
    "open": ("○", "open", "nog in te vullen"),
    "nvt": ("", "n.v.t.", "niet van toepassing"),
}


def _frame(df: pd.DataFrame | None, soort: str) -> pd.DataFrame:
    """The frame with at least the contract's columns (missing ones as NA)."""
    df = pd.DataFrame(columns=KOLOMMEN[soort]) if df is None else df
    ontbrekend = [k for k in KOLOMMEN[soort] if k not in df.columns]
    if ontbrekend:
        df = df.assign(**{k: pd.NA for k in ontbrekend})
    return df


def indicatoren_van(analyse) -> Indicatoren:
    """The analysis' indicator frames; without them, the yearly series only (graceful degradation)."""
    ind = getattr(analyse, "indicatoren", None)
    if ind is not None:
        return ind
    from ..analyse import indicatoren
    from ..errors import IvpFout

    if hasattr(indicatoren, "bereken") and getattr(analyse, "gekoppeld", None) is not None:
        try:
            return indicatoren.bereken(analyse.cijfers, analyse.gekoppeld, analyse.gemeente,
                                       namen={analyse.gemeente: analyse.naam})
        except IvpFout:
            pass  # fall back to the series: the report still shows the figures
    reeksen = getattr(analyse, "reeksen", None)
    thema_jaar = pd.DataFrame(columns=KOLOMMEN["thema_jaar"])
    if reeksen is not None and len(reeksen):
        eigen = reeksen[reeksen["gebied_code"].astype(str) == analyse.gemeente]
        thema_jaar = _frame(eigen.drop(columns=["gebied_code", "gemeente_code"], errors="ignore"),
                            "thema_jaar")
    dekking = getattr(getattr(analyse, "gekoppeld", None), "dekking", None)
    leeg = {k: pd.DataFrame(columns=v) for k, v in KOLOMMEN.items()}
    return Indicatoren(thema_jaar=thema_jaar, signalen=leeg["signalen"], duiding=leeg["duiding"],
                       prioriteiten=leeg["prioriteiten"], effectindicatoren=leeg["effectindicatoren"],
                       wijken=leeg["wijken"], dekking=dekking if dekking is not None else leeg["dekking"],
                       vergelijking={})


def _met_keuzes(ind: Indicatoren, keuzes: dict[str, bool]) -> Indicatoren:
    """Priorities and effect indicators redone with the werkgroep's ja/nee per thema (stap 3)."""
    if not keuzes or ind.signalen is None or ind.signalen.empty:
        return ind
    try:
        from ..analyse import prioriteiten
        from ..errors import IvpFout

        prio = prioriteiten.score(ind.signalen, getattr(ind, "indicator_signalen", None), keuzes=keuzes)
        effect = prioriteiten.effectindicatoren(prio, ind.signalen, ind.thema_jaar,
                                                getattr(ind, "indicator_signalen", pd.DataFrame()),
                                                getattr(ind, "indicator_jaar", pd.DataFrame()))
    except (ImportError, AttributeError, KeyError, IvpFout):
        return ind  # the report then shows the choices without recomputed effect indicators
    return replace(ind, prioriteiten=prio, effectindicatoren=effect)


@dataclass
class Rapport:
    """Everything one report shows: analysis, indicator frames, drieslag input, run parameters."""

    analyse: Any
    drieslag: Drieslag = field(default_factory=Drieslag)
    parameters: dict = field(default_factory=dict)
    ind: Indicatoren | None = None

    def __post_init__(self):
        if self.drieslag is None:
            self.drieslag = Drieslag()
        basis = self.ind if self.ind is not None else indicatoren_van(self.analyse)
        # The suggestion from the figures, before any choice of the werkgroep.
        self.voorstel = {str(x["thema"]): (_waar(x["voorgesteld"]), _tekst(x["redenen"]))
                         for x in _frame(basis.prioriteiten, "prioriteiten").to_dict("records")}
        self.keuzes = {c: r.prioriteit for c, r in self.drieslag.rijen.items()
                       if r.soort == "thema" and r.prioriteit is not None and not self._onbewerkt(c, r)}
        # Effect indicators follow the final list: the werkgroep's choices, else the suggestion.
        finaal = {c: v[0] for c, v in self.voorstel.items()} | self.keuzes
        self.ind = _met_keuzes(basis, finaal) if self.keuzes else basis
        self.gemeente = self.analyse.gemeente
        self.naam = self.analyse.naam
        self.jaren = tuple(self.analyse.jaren)

    @cached_property
    def tekenaar(self) -> grafieken.Tekenaar:
        return grafieken.Tekenaar()

    @cached_property
    def eigen_gekoppeld(self) -> pd.DataFrame | None:
        """The gemeente's own mapped rows (one filter of the big table, not one per thema)."""
        rijen = getattr(getattr(self.analyse, "gekoppeld", None), "cijfers", None)
        if rijen is None:
            return None
        return rijen[rijen["gebied_code"].astype(str) == self.gemeente]

    @cached_property
    def thema_jaar(self) -> pd.DataFrame:
        return _frame(self.ind.thema_jaar, "thema_jaar").astype({"thema": str})

    def _per_thema(self, soort: str) -> dict[str, dict]:
        df = _frame(getattr(self.ind, soort), soort)
        return {str(r["thema"]): r for r in df.to_dict("records")}

    @cached_property
    def signalen(self) -> dict[str, dict]:
        return self._per_thema("signalen")

    @cached_property
    def duidingen(self) -> dict[str, str]:
        return {k: _tekst(r["tekst"]) for k, r in self._per_thema("duiding").items()}

    def _onbewerkt(self, code: str, rij) -> bool:
        """A pre-filled suggestion left as it was: same ja/nee, no motivering of the werkgroep's own."""
        voorstel = self.voorstel.get(code)
        return (voorstel is not None and rij.prioriteit == voorstel[0]
                and _norm(rij.motivering) in ("", _norm(voorstel[1])))

    def reeks(self, thema: str) -> pd.DataFrame:
        return self.thema_jaar[self.thema_jaar["thema"] == thema].sort_values("periode")

    # ---- drieslag status

    def status(self, code: str, deel: str) -> str:
        """``ingevuld``, ``concept``, ``open`` or ``nvt`` for a thema/aspect and a drieslag part."""
        rij = self.drieslag.get(code)
        is_aspect = code.startswith("A")
        veld1 = not is_aspect and code.startswith("1.")
        if deel == "problematiek":
            if is_aspect:
                return "nvt"
            concept = self.duidingen.get(code, "")
            if rij.problematiek and _norm(rij.problematiek) != _norm(concept):
                return "ingevuld"
            return "concept" if (rij.problematiek or concept) else "open"
        if deel in ("aanpak", "extra"):
            if veld1:
                return "nvt"
            return "ingevuld" if getattr(rij, deel) else "open"
        if deel == "prioriteit":
            if is_aspect:
                return "nvt"
            return "ingevuld" if code in self.keuzes else ("concept" if code in self.voorstel else "open")
        raise ValueError(deel)

    def prioriteit(self, code: str) -> tuple[bool, str, str]:
        """(proposed?, herkomst, reden): the werkgroep's choice, else the suggestion from the figures."""
        if code in self.keuzes:
            return self.keuzes[code], "werkgroep", self.drieslag.get(code).motivering
        ja, redenen = self.voorstel.get(code, (False, ""))
        return (True, "voorstel uit de cijfers", redenen) if ja else (False, "", "")

    @cached_property
    def bestanden(self) -> pd.DataFrame:
        return _bestanden(self)

    @cached_property
    def prioriteiten(self) -> list[tuple[taxonomie.Thema, str, str]]:
        """Proposed priorities in thema order: (thema, herkomst, reden)."""
        uit = []
        for t in taxonomie.themas():
            ja, herkomst, reden = self.prioriteit(t.code)
            if ja:
                uit.append((t, herkomst, reden))
        return uit


# --------------------------------------------------------------------------- small helpers


def _tekst(waarde) -> str:
    if waarde is None or (not isinstance(waarde, str) and pd.isna(waarde)):
        return ""
    return str(waarde).strip()


def _norm(tekst: str) -> str:
    return " ".join(tekst.split())


def _waar(waarde) -> bool:
    return False if _getal_of_leeg(waarde) else bool(waarde)


def _getal_of_leeg(waarde) -> bool:
    return waarde is None or waarde is pd.NA or (isinstance(waarde, float) and np.isnan(waarde))


def anker(code: str) -> str:
    """Stable id for a section, e.g. ``thema-1-3``, ``veld-2``, ``aspect-A1``."""
    return code.replace(".", "-")


def tekst_html(tekst: str) -> str:
    """The analyst's text as escaped HTML: blank line = paragraph, lines starting '- ' = a list."""
    delen = []
    for alinea in re.split(r"\n\s*\n", tekst.strip()):
        regels = [r.rstrip() for r in alinea.split("\n") if r.strip()]
        lijst, gewoon = [], []

        def sluit_gewoon():
            if gewoon:
                delen.append("<p>" + "<br>".join(E(r) for r in gewoon) + "</p>")
                gewoon.clear()

        def sluit_lijst():
            if lijst:
                delen.append("<ul>" + "".join(f"<li>{E(r)}</li>" for r in lijst) + "</ul>")
                lijst.clear()

        for r in regels:
            m = re.match(r"^\s*[-*•]\s+(.*)$", r)
            if m:
                sluit_gewoon()
                lijst.append(m.group(1))
            else:
                sluit_lijst()
                gewoon.append(r.strip())
        sluit_gewoon()
        sluit_lijst()
    return "".join(delen)


def toon(fragment: str) -> None:
    """Display an HTML fragment in the notebook."""
    from IPython.display import HTML, display

    display(HTML(fragment))


def toon_metadata(r: Rapport) -> None:
    """Publish the report's facts for the page's metadata and its kerncijfers (neither is shown).

    The kerncijfers (:func:`ivpanalyse.vergelijking.kerncijfers`, with the werkgroep's priority
    choices) let a batch compare gemeenten without running the analysis again. The empty
    ``text/html`` alternative keeps JupyterLab from announcing an unknown output type.
    """
    import json

    from IPython.display import display

    from ..analyse.vergelijking import kerncijfers

    kern = json.loads(kerncijfers(r.ind, r.gemeente, r.naam).to_json(orient="records", force_ascii=False))
    display({METADATA_MIME: metadata(r), KERNCIJFERS_MIME: kern, "text/html": ""}, raw=True)


def figuur(fig, alt: str, bijschrift: str | None = None) -> str:
    """A Figure as an embedded SVG image with alt text and a caption."""
    data = base64.b64encode(grafieken.svg(fig)).decode("ascii")
    breedte, hoogte = (round(v * 96) for v in fig.get_size_inches())
    return (f'<figure class="grafiek"><img src="data:image/svg+xml;base64,{data}" width="{breedte}" '
            f'height="{hoogte}" alt="{E(alt)}"><figcaption>{E(bijschrift or alt)}</figcaption></figure>')


def tabel(df: pd.DataFrame, *, decimalen: int = 0, klasse: str = "cijfers", bijschrift: str | None = None,
          index: bool = True) -> str:
    """A DataFrame as an HTML table with Dutch number formatting and escaped text."""
    koppen = ([df.index.name or ""] if index else []) + [str(k) for k in df.columns]
    kop = "".join(f'<th scope="col">{E(k)}</th>' for k in koppen)
    rijen = []
    for idx, rij in zip(df.index, df.itertuples(index=False)):
        cellen = "".join(_cel(v, decimalen) for v in rij)
        voor = f'<th scope="row">{E(str(idx))}</th>' if index else ""
        rijen.append(f"<tr>{voor}{cellen}</tr>")
    cap = f"<caption>{E(bijschrift)}</caption>" if bijschrift else ""
    return (f'<table class="{klasse}">{cap}<thead><tr>{kop}</tr></thead>'
            f'<tbody>{"".join(rijen)}</tbody></table>')


def _cel(v, decimalen: int) -> str:
    if isinstance(v, (bool, np.bool_)):
        return f"<td>{'ja' if v else 'nee'}</td>"
    if isinstance(v, (int, float, np.integer, np.floating)) or v is None or v is pd.NA:
        return f'<td class="getal">{getal(None if _getal_of_leeg(v) else float(v), decimalen)}</td>'
    return f"<td>{E(str(v))}</td>"


def _invulblok(titel: str, tekst: str, *, klasse: str = "", toelichting: str = "") -> str:
    extra = f'<p class="toelichting">{E(toelichting)}</p>' if toelichting else ""
    if tekst:
        return (f'<div class="drieslag ingevuld {klasse}"><h4>{E(titel)}</h4>{tekst_html(tekst)}'
                f"{extra}</div>")
    return (f'<div class="drieslag open {klasse}"><h4>{E(titel)}</h4>'
            f'<p class="nog-in-te-vullen">{NOG_IN_TE_VULLEN}.</p>{extra}</div>')


def _chip(status: str, label: str, titel: str = "") -> str:
    teken, _, uitleg = STATUS[status]
    uitleg = f"{titel}: {uitleg}" if titel else uitleg
    return f'<span class="chip {status}" title="{E(uitleg)}">{E(teken)} {E(label)}</span>'


def _statuscel(status: str) -> str:
    teken, kort, uitleg = STATUS[status]
    return f'<td class="status {status}" title="{E(uitleg)}">{E(teken)} {E(kort)}</td>'


# --------------------------------------------------------------------------- title and contents


def kop(r: Rapport) -> str:
    """Title block: gemeente, period, what the report is and the state of the input."""
    van, tot = r.jaren
    invoer = (f"Invulling van de werkgroep: {E(Path(r.drieslag.bestand).name)}."
              if r.drieslag.bestand else
              "Nog geen invulling van de werkgroep ingelezen: maak een invulbestand met "
              "<code>ivpanalyse sjabloon</code>.")
    return (f'<header class="titel" id="begin"><p class="soort">Veiligheidsanalyserapportage · stap 2 '
            f'Kernbeleid Veiligheid</p><h1>{E(r.naam)} <span class="code">({E(r.gemeente)})</span></h1>'
            f'<p class="periode">Periode {van}–{tot} · gemaakt {datetime.now():%d-%m-%Y}</p>'
            "<p>Per veiligheidsthema beantwoordt deze analyse de drieslag: <strong>problematiek?</strong> "
            "(cijfers en hun betekenis), <strong>huidige aanpak?</strong> (beleid, maatregelen, knelpunten) "
            "en <strong>extra?</strong> (mogelijke beleidsversterkingen). Bij veld 1 gaan aanpak en extra "
            "over de zes aspecten van de aanpak. De analyse mondt uit in plausibele prioriteiten per "
            f"veld, de voorbereiding van stap 3.</p><p class=\"invoer\">{invoer}</p></header>")


def inhoud(r: Rapport | None = None) -> str:
    """Table of contents with links to every section, thema and aspect."""
    delen = ['<nav class="inhoud" id="inhoud" aria-labelledby="inhoud-kop"><h2 id="inhoud-kop">Inhoud</h2><ol>',
             '<li><a href="#samenvatting">Samenvatting: uitgangssituatie</a></li>',
             '<li><a href="#invulling">Stand van de invulling</a></li>']
    for v in taxonomie.velden():
        delen.append(f'<li><a href="#veld-{v.code}">Veld {v.code}: {E(v.naam)}</a><ol>')
        delen += [f'<li><a href="#thema-{anker(t.code)}">{E(t.code)} {E(t.kort)}</a></li>' for t in v.themas]
        if v.code == 1:
            delen += [f'<li><a href="#aspect-{anker(a.id)}">Aspect {E(a.handboeknummer)}: {E(a.naam)}</a></li>'
                      for a in taxonomie.aspecten()]
        delen.append("</ol></li>")
    delen.append('<li><a href="#stap3">Voorbereiding prioritering (stap 3)</a><ol>'
                 '<li><a href="#schema">Schematisch overzicht</a></li>'
                 '<li><a href="#prioriteiten">Voorgestelde prioriteiten</a></li></ol></li>'
                 '<li><a href="#bronnen">Bijlage: bronnen en methoden</a></li></ol></nav>')
    return "".join(delen)


# --------------------------------------------------------------------------- one thema


def _laatste(reeks: pd.DataFrame) -> dict | None:
    met = reeks[reeks["aantal"].notna()]
    return None if met.empty else met.iloc[-1].to_dict()


def _kerncijfers(r: Rapport, reeks: pd.DataFrame, per_1000: bool) -> str:
    jaren = reeks[reeks["aantal"].notna()].tail(5)
    kolommen = {"aantal": "Aantal"}
    if per_1000:
        kolommen["per_1000"] = f"{r.naam} per 1.000 inw."
        kolommen.update({k: f"{v} per 1.000" for k, v in BENCHMARK_LABELS.items() if jaren[k].notna().any()})
    df = jaren.set_index("periode")[list(kolommen)].rename(columns=kolommen).astype(float)
    df.index = [f"{j}{' (voorlopig)' if s == 'voorlopig' else ''}" for j, s in zip(jaren["periode"], jaren["status"])]
    df.index.name = "Jaar"
    rijen = []
    for idx, rij in zip(df.index, df.itertuples(index=False)):
        cellen = "".join(f'<td class="getal">{getal(None if pd.isna(v) else v, 0 if i == 0 else 1)}</td>'
                         for i, v in enumerate(rij))
        rijen.append(f'<tr><th scope="row">{E(idx)}</th>{cellen}</tr>')
    kop = "".join(f'<th scope="col">{E(k)}</th>' for k in ["Jaar"] + list(df.columns))
    return (f'<table class="cijfers kerncijfers"><caption>Kerncijfers (laatste jaren)</caption>'
            f"<thead><tr>{kop}</tr></thead><tbody>{''.join(rijen)}</tbody></table>")


def _signaal(r: Rapport, code: str) -> str:
    s = r.signalen.get(code)
    if s is None:
        return ""
    soort = _tekst(s.get("signaal")) or "geen cijfers"
    delen = [f'<p class="signaal {E(soort.replace(" ", "-"))}"><span class="label">'
             f'{E(SIGNAAL_TEKEN.get(soort, ""))} {E(soort)}</span> {E(_tekst(s.get("toelichting")))}</p>']
    # Remarks the signal text does not already make.
    tekst = _tekst(s.get("toelichting")).lower()
    opmerkingen = []
    if _tekst(s.get("reeksbreuk")) and "reeksbreuk" not in tekst:
        opmerkingen.append(f"Reeksbreuk: {_tekst(s.get('reeksbreuk'))}")
    if _waar(s.get("piek")) and "piek" not in tekst:
        opmerkingen.append("Er is een piekjaar: een uitschieter ten opzichte van de andere jaren.")
    if _tekst(s.get("status_laatste")) == "voorlopig" and "voorlopig" not in tekst:
        opmerkingen.append("Het laatste jaar is voorlopig; het cijfer kan nog veranderen.")
    if opmerkingen:
        delen.append('<ul class="opmerkingen">' + "".join(f"<li>{E(o)}</li>" for o in opmerkingen) + "</ul>")
    return "".join(delen)


def _wijken(r: Rapport, code: str) -> str:
    w = _frame(r.ind.wijken, "wijken")
    w = w[w["thema"].astype(str) == code]
    if w.empty:
        return ""
    per_1000 = w["per_1000"].notna().any()
    w = w.sort_values(["rang", "wijknaam"], na_position="last").head(5)
    rijen = "".join(
        f'<tr><th scope="row">{E(_tekst(x["wijknaam"]) or _tekst(x["gebied_code"]))}</th>'
        f'<td class="getal">{E(_tekst(x["publicatie"]) or getal(x["aantal"]))}</td>'
        + (f'<td class="getal">{getal(None if _getal_of_leeg(x["per_1000"]) else float(x["per_1000"]), 1)}</td>'
           if per_1000 else "") + "</tr>"
        for x in w.to_dict("records"))
    jaar = _tekst(w["periode"].iloc[0])
    titel = ("Wijken met de meeste registraties per 1.000 inwoners" if per_1000
             else "Registraties per wijk")
    return (f'<table class="cijfers wijken"><caption>{titel} ({E(jaar)})</caption><thead><tr>'
            '<th scope="col">Wijk</th><th scope="col">Aantal</th>'
            + ('<th scope="col">Per 1.000 inw.</th>' if per_1000 else "")
            + f"</tr></thead><tbody>{rijen}</tbody></table>")


def _categorieen(r: Rapport, code: str) -> str:
    gekoppeld = r.eigen_gekoppeld
    if gekoppeld is None or not len(gekoppeld):
        return ""
    from ..analyse.indicatoren import categorie_tabel

    cat = categorie_tabel(gekoppeld[gekoppeld["thema"] == code], r.gemeente, code)
    if cat.empty:
        return ""
    if len(cat) < 2:  # one category: the key figures already show it
        return ""
    cat = cat[[c for c in cat.columns if c >= r.jaren[1] - 4]]
    cat.columns = [str(c) for c in cat.columns]
    html_ = tabel(cat, klasse="cijfers categorieen")
    titel = f"Uitsplitsing naar soort misdrijf ({len(cat)} categorieën, aantallen)"
    if len(cat) > 8:  # long breakdowns fold away on screen
        return f'<details class="categorieen"><summary>{E(titel)}</summary>{html_}</details>'
    return f'<div class="categorieen"><p class="tabeltitel">{E(titel)}</p>{html_}</div>'


def _alt(t: taxonomie.Thema, r: Rapport, reeks: pd.DataFrame, per_1000: bool) -> str:
    kolom, eenheid, dec = ("per_1000", "per 1.000 inwoners", 1) if per_1000 else ("aantal", "aantal", 0)
    met = reeks[reeks[kolom].notna()]
    eerste, laatste = met.iloc[0], met.iloc[-1]
    tekst = (f"Lijngrafiek {t.kort}, {eenheid}, {r.naam} {eerste['periode']}–{laatste['periode']}: "
             f"{getal(eerste[kolom], dec)} in {eerste['periode']} en {getal(laatste[kolom], dec)} in "
             f"{laatste['periode']}{' (voorlopig)' if laatste['status'] == 'voorlopig' else ''}.")
    if per_1000:
        vergelijk = [f"{label.lower()} {getal(laatste[k], 1)}" for k, label in BENCHMARK_LABELS.items()
                     if not _getal_of_leeg(laatste[k])]
        if vergelijk:
            tekst += f" Ter vergelijking in {laatste['periode']}: {', '.join(vergelijk)}."
    return tekst


def problematiek(r: Rapport, t: taxonomie.Thema) -> str:
    """The problematiek of a thema: figures, chart with benchmarks, signal in words, the duiding."""
    reeks = r.reeks(t.code)
    delen = ['<div class="drieslag problematiek"><h4>Problematiek</h4>']
    laatste = _laatste(reeks)
    if laatste is None:
        bronnen = "; ".join(t.bronnen) or "zie het handboek"
        delen.append(f'<p class="geen-cijfers">Geen registratiecijfers voor dit thema in de ingelezen bronnen. '
                     f"Mogelijke bronnen: {E(bronnen)}.</p>")
    else:
        per_1000 = bool(reeks["per_1000"].notna().any())
        delen.append(_signaal(r, t.code))
        delen.append('<div class="cijferblok">')
        delen.append(figuur(r.tekenaar.thema_trend(reeks[reeks["aantal"].notna()], naam=r.naam,
                                                   titel=f"{t.code} {t.kort}", per_1000=per_1000),
                            _alt(t, r, reeks, per_1000),
                            f"{t.kort}: {'per 1.000 inwoners' if per_1000 else 'aantal'} per jaar, {r.naam}"
                            + (" met vergelijking" if per_1000 and reeks[list(BENCHMARK_LABELS)].notna().any().any()
                               else "") + "."))
        delen.append(_kerncijfers(r, reeks, per_1000))
        delen.append("</div>")
        delen.append(_wijken(r, t.code))
        delen.append(_categorieen(r, t.code))
        bron = _tekst(laatste.get("bron"))
        bestand = _tekst(laatste.get("bronbestand"))
        delen.append(f'<p class="bron">Bron: {E(bron)}{f" ({E(bestand)})" if bestand else ""}; '
                     f"periode {reeks['periode'].min()}–{reeks['periode'].max()}. "
                     '<a href="#bronnen">Bronnen en methoden</a>.</p>')
    rij = r.drieslag.get(t.code)
    concept = r.duidingen.get(t.code, "")
    status = r.status(t.code, "problematiek")
    if status == "ingevuld":
        delen.append(f'<div class="duiding ingevuld"><h5>Duiding</h5>{tekst_html(rij.problematiek)}</div>')
    else:
        if concept:
            delen.append('<div class="duiding concept"><h5>Conceptduiding uit de cijfers</h5>'
                         f"{tekst_html(concept)}</div>")
        delen.append('<div class="duiding open"><h5>Duiding door de werkgroep</h5>'
                     f'<p class="nog-in-te-vullen">{NOG_IN_TE_VULLEN}: aanvullen met kwalitatieve informatie '
                     "(gebiedsscan, partners, meldingen).</p></div>")
    delen.append("</div>")
    return "".join(delen)


def _prioriteit_blok(r: Rapport, t: taxonomie.Thema) -> str:
    ja, herkomst, reden = r.prioriteit(t.code)
    if t.code in r.keuzes:
        oordeel = "voorgesteld als prioriteit" if ja else "geen prioriteit"
        return (f'<p class="prioriteit {"ja" if ja else "nee"}"><strong>Prioriteit:</strong> {oordeel} '
                f"(werkgroep).{' ' + E(reden) if reden else ''}</p>")
    if ja:
        return (f'<p class="prioriteit ja"><strong>Prioriteit:</strong> voorstel uit de cijfers: {E(reden)}. '
                '<span class="nog-in-te-vullen">Keuze van de werkgroep: nog in te vullen.</span></p>')
    tekst = ("geen prioriteit volgens de cijfers" if t.code in r.voorstel else "nog geen voorstel")
    return (f'<p class="prioriteit open"><strong>Prioriteit:</strong> {tekst}. <span class="nog-in-te-vullen">'
            "Keuze van de werkgroep: nog in te vullen.</span></p>")


def thema_sectie(r: Rapport, t: taxonomie.Thema) -> str:
    """One thema: problematiek, and for velden 2-5 also huidige aanpak and extra; its prioriteit."""
    rij = r.drieslag.get(t.code)
    raakvlakken = ", ".join(f'<a href="#thema-{anker(c)}">{E(c)} {E(taxonomie.thema(c).kort)}</a>'
                            for c in t.raakvlakken)
    delen = [f'<section class="thema" id="thema-{anker(t.code)}" aria-labelledby="kop-thema-{anker(t.code)}">'
             f'<h3 id="kop-thema-{anker(t.code)}">{E(t.code)} {E(t.naam)}</h3>',
             f'<p class="beschrijving">{E(t.beschrijving)}</p>',
             problematiek(r, t)]
    if t.veld != 1:
        delen.append(_invulblok("Huidige aanpak", rij.aanpak, klasse="aanpak",
                                toelichting="" if rij.aanpak else "Beleidskaders, maatregelen, projecten en "
                                "knelpunten."))
        delen.append(_invulblok("Extra (mogelijke beleidsversterkingen)", rij.extra, klasse="extra"))
    delen.append(_prioriteit_blok(r, t))
    if rij.bronnen:
        delen.append(f'<p class="bron">Bronnen en partners: {E(rij.bronnen)}</p>')
    if raakvlakken:
        delen.append(f'<p class="raakvlakken">Raakvlakken: {raakvlakken}</p>')
    delen.append("</section>")
    return "".join(delen)


def aspect_sectie(r: Rapport, aspect: taxonomie.Aspect) -> str:
    """One of the six aspecten van de aanpak of veld 1: huidige aanpak and extra."""
    rij = r.drieslag.get(aspect.id)
    voorbeelden = "; ".join(aspect.voorbeelden)
    delen = [f'<section class="aspect" id="aspect-{anker(aspect.id)}">'
             f"<h3>Aspect {E(aspect.handboeknummer)}: {E(aspect.naam)}</h3>"
             f'<p class="beschrijving">{E(aspect.beschrijving)}</p>',
             _invulblok("Huidige aanpak", rij.aanpak, klasse="aanpak",
                        toelichting="" if rij.aanpak else f"Voorbeelden uit het handboek: {voorbeelden}."),
             _invulblok("Extra (mogelijke beleidsversterkingen)", rij.extra, klasse="extra")]
    if rij.bronnen:
        delen.append(f'<p class="bron">Bronnen en partners: {E(rij.bronnen)}</p>')
    delen.append("</section>")
    return "".join(delen)


def _veld_prioriteiten(r: Rapport, v: taxonomie.Veld) -> str:
    gekozen = [(t, h, reden) for t, h, reden in r.prioriteiten if t.veld == v.code]
    if not gekozen:
        inhoud_ = "<p>Nog geen prioriteit voorgesteld in dit veld.</p>"
    else:
        inhoud_ = "<ul>" + "".join(
            f'<li><a href="#thema-{anker(t.code)}">{E(t.code)} {E(t.kort)}</a> ({E(h)}){": " + E(reden) if reden else ""}</li>'
            for t, h, reden in gekozen) + "</ul>"
    return (f'<aside class="veldprioriteiten" aria-label="Plausibele prioriteiten veld {v.code}">'
            f"<h3>Plausibele prioriteiten in veld {v.code}</h3>{inhoud_}</aside>")


def veld(r: Rapport, code: int) -> str:
    """A whole veiligheidsveld: its thema's, for veld 1 the six aspecten, and its plausible priorities."""
    v = taxonomie.veld(code)
    delen = [f'<section class="veld" id="veld-{code}"><h2>Veld {code}: {E(v.naam)}</h2>']
    if code == 1:
        delen.append("<p>Bij veld 1 wordt de problematiek per thema beschreven; de vragen <em>huidige "
                     "aanpak?</em> en <em>extra?</em> worden beantwoord per aspect van de aanpak, omdat de vier "
                     "thema's sterk met elkaar samenhangen.</p>")
    delen += [thema_sectie(r, t) for t in v.themas]
    if code == 1:
        delen.append('<h3 class="tussenkop" id="aspecten">Aspecten van de aanpak</h3>')
        delen += [aspect_sectie(r, a) for a in taxonomie.aspecten()]
    delen.append(_veld_prioriteiten(r, v))
    delen.append("</section>")
    return "".join(delen)


# --------------------------------------------------------------------------- overviews


def _onderdelen(r: Rapport) -> list[tuple[str, str, str]]:
    """(code, part, status) of every drieslag part that applies."""
    uit = []
    for v in taxonomie.velden():
        for t in v.themas:
            for deel in ("problematiek", "aanpak", "extra", "prioriteit"):
                s = r.status(t.code, deel)
                if s != "nvt":
                    uit.append((t.code, deel, s))
        if v.code == 1:
            for a in taxonomie.aspecten():
                uit += [(a.id, deel, r.status(a.id, deel)) for deel in ("aanpak", "extra")]
    return uit


def invulling(r: Rapport) -> str:
    """Completeness overview: per thema and aspect what is filled in, a draft, or still open."""
    onderdelen = _onderdelen(r)
    tellen = pd.Series([s for _, _, s in onderdelen]).value_counts()
    totaal = len(onderdelen)
    ingevuld = int(tellen.get("ingevuld", 0))
    kop_ = ("<tr><th scope=\"col\">Thema / aspect</th><th scope=\"col\">Problematiek</th>"
            "<th scope=\"col\">Huidige aanpak</th><th scope=\"col\">Extra</th><th scope=\"col\">Prioriteit</th></tr>")
    rijen = []
    for v in taxonomie.velden():
        rijen.append(f'<tr class="veldrij"><th colspan="5" scope="rowgroup">Veld {v.code}: {E(v.naam)}</th></tr>')
        items = [(t.code, f"thema-{anker(t.code)}", f"{t.code} {t.kort}") for t in v.themas]
        if v.code == 1:
            items += [(a.id, f"aspect-{anker(a.id)}", f"Aspect {a.handboeknummer}: {a.naam}")
                      for a in taxonomie.aspecten()]
        for code, doel, label in items:
            cellen = "".join(_statuscel(r.status(code, d)) for d in ("problematiek", "aanpak", "extra", "prioriteit"))
            rijen.append(f'<tr><th scope="row"><a href="#{doel}">{E(label)}</a></th>{cellen}</tr>')
    open_ = totaal - ingevuld
    samen = (f"<p><strong>{ingevuld} van de {totaal}</strong> onderdelen zijn door de werkgroep ingevuld; "
             f"<strong>{open_}</strong> staan nog open"
             + (f", waarvan {int(tellen.get('concept', 0))} met een conceptduiding uit de cijfers" if tellen.get("concept") else "")
             + ".</p>")
    legenda = ('<p class="legenda">' + " ".join(_chip(s, STATUS[s][2]) for s in ("ingevuld", "concept", "open"))
               + "</p>")
    return (f'<section class="invulling" id="invulling"><h2>Stand van de invulling</h2>{samen}{legenda}'
            f'<table class="invulling"><thead>{kop_}</thead><tbody>{"".join(rijen)}</tbody></table></section>')


def _schema_cel(r: Rapport, codes: list[tuple[str, str]], deel: str) -> str:
    chips, klaar, totaal = [], 0, 0
    for code, label in codes:
        s = r.status(code, deel)
        if s == "nvt":
            continue
        totaal += 1
        klaar += s == "ingevuld"
        teken = ""
        if deel == "problematiek":
            sig = r.signalen.get(code)
            teken = SIGNAAL_TEKEN.get(_tekst(sig.get("signaal")), "") if sig else ""
        chips.append(_chip(s, f"{label}{(' ' + teken) if teken else ''}", f"{label} {deel}"))
    if not totaal:
        return '<td class="nvt">n.v.t.</td>'
    return f'<td><span class="teller">{klaar}/{totaal} ingevuld</span><br>{" ".join(chips)}</td>'


def schema(r: Rapport) -> str:
    """The handbook's schematic overview: velden x problematiek / aanpak / extra, with priorities."""
    rijen = []
    for v in taxonomie.velden():
        themas = [(t.code, t.code) for t in v.themas]
        aanpak = themas + ([(a.id, a.id) for a in taxonomie.aspecten()] if v.code == 1 else [])
        prio = [t for t, _, _ in r.prioriteiten if t.veld == v.code]
        prio_html = "<br>".join(f'<a href="#thema-{anker(t.code)}">{E(t.code)} {E(t.kort)}</a>' for t in prio) or "–"
        rijen.append(f'<tr><th scope="row">vv {v.code}<br><span class="veldnaam">{E(v.naam)}</span></th>'
                     f"{_schema_cel(r, themas, 'problematiek')}{_schema_cel(r, aanpak, 'aanpak')}"
                     f"{_schema_cel(r, aanpak, 'extra')}<td>{prio_html}</td></tr>")
    return ('<section class="schema" id="schema"><h3>Schematisch overzicht</h3>'
            "<p>Per veiligheidsveld (vv) de drieslag: welke thema's (en bij veld 1 aspecten, A1–A6) zijn "
            "ingevuld. Bij de problematiek staat de richting van de cijfers (↑ stijgend, ↓ dalend, → stabiel).</p>"
            '<table class="schema"><thead><tr><th scope="col">Veld</th><th scope="col">Problematiek?</th>'
            '<th scope="col">Huidige aanpak?</th><th scope="col">Extra?</th><th scope="col">Prioriteiten</th>'
            f'</tr></thead><tbody>{"".join(rijen)}</tbody></table></section>')


def _effectindicatoren(r: Rapport, code: str) -> str:
    e = _frame(r.ind.effectindicatoren, "effectindicatoren")
    e = e[e["thema"].astype(str) == code]
    if e.empty:
        return ""
    items = []
    for x in e.to_dict("records"):
        dec = 0 if _tekst(x.get("eenheid")) in ("", "aantal") else 1
        delen = []
        for soort, waarde, jaar in (("basis", x["basiswaarde"], x["basisjaar"]),
                                    ("streefwaarde", x["streefwaarde"], x.get("streefjaar"))):
            if not _getal_of_leeg(waarde):
                delen.append(f"{soort} {getal(float(waarde), dec)}"
                             + (f" in {int(jaar)}" if not _getal_of_leeg(jaar) else ""))
        cijfers = f" ({'; '.join(delen)})" if delen else ""
        items.append(f"<li>{E(_tekst(x['indicator']))}{E(cijfers)}; bron: {E(_tekst(x['bron']))}</li>")
    return f'<ul class="effect">{"".join(items)}</ul>'


def prioriteiten(r: Rapport) -> str:
    """The list of proposed priorities with their reasons; a warning above four."""
    gekozen = r.prioriteiten
    delen = ['<section class="prioriteiten" id="prioriteiten"><h3>Voorgestelde prioriteiten</h3>']
    if len(gekozen) > MAX_PRIORITEITEN:
        delen.append(f'<p class="waarschuwing" role="note"><strong>Let op:</strong> er zijn {len(gekozen)} '
                     "prioriteiten voorgesteld. Het handboek gaat uit van hooguit drie à vier prioriteiten, om "
                     "het prioritaire karakter vast te houden; kies bij de prioritering (stap 3).</p>")
    if not gekozen:
        delen.append('<p class="nog-in-te-vullen">Nog geen prioriteiten voorgesteld.</p>')
    else:
        rijen = []
        for i, (t, herkomst, reden) in enumerate(gekozen, start=1):
            sig = r.signalen.get(t.code)
            signaal = _tekst(sig.get("toelichting")) if sig else ""
            rijen.append(f'<tr><td class="getal">{i}</td><th scope="row"><a href="#thema-{anker(t.code)}">'
                         f"{E(t.code)} {E(t.naam)}</a></th><td>{E(herkomst)}</td><td>{E(reden) or '–'}"
                         f"{_effectindicatoren(r, t.code)}</td><td>{E(signaal) or '–'}</td></tr>")
        delen.append('<table class="prioriteiten"><thead><tr><th scope="col">Nr.</th><th scope="col">Thema</th>'
                     '<th scope="col">Herkomst</th><th scope="col">Motivering en mogelijke effectindicatoren</th>'
                     f'<th scope="col">Cijfers</th></tr></thead><tbody>{"".join(rijen)}</tbody></table>')
    overig = [t for t in taxonomie.themas() if t not in {g[0] for g in gekozen}]
    delen.append("<h4>Overige strategische thema's (going concern)</h4><p>"
                 + ", ".join(f'<a href="#thema-{anker(t.code)}">{E(t.code)} {E(t.kort)}</a>' for t in overig)
                 + ".</p></section>")
    return "".join(delen)


def stap3(r: Rapport) -> str:
    """Stap-3 preparation: the schematic overview and the proposed priorities."""
    return ('<section class="stap3" id="stap3"><h2>Voorbereiding prioritering (stap 3)</h2>'
            "<p>De prioriteiten zijn het visitekaartje van het veiligheidsbeleid: thema's waarop wordt "
            "geïntensiveerd. De overige thema's blijven going concern. Hieronder de stand van de drieslag per "
            "veld en de voorgestelde prioriteiten met hun motivering.</p>"
            + schema(r) + prioriteiten(r) + "</section>")


# --------------------------------------------------------------------------- summary


def _lijst_themas(items: list[str]) -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def samenvatting(r: Rapport) -> str:
    """One page that can serve as chapter 1 (uitgangssituatie) of the IVP."""
    van, tot = r.jaren
    tj = r.thema_jaar
    delen = ['<section class="samenvatting" id="samenvatting"><h2>Samenvatting: uitgangssituatie</h2>',
             f"<p class=\"inleiding\">Deze samenvatting kan dienen als hoofdstuk 1 (uitgangssituatie) van het "
             f"integraal veiligheidsplan. Zij vat de veiligheidsanalyse van {E(r.naam)} over {van}–{tot} samen "
             "volgens de drieslag van Kernbeleid Veiligheid.</p>", "<h3>Veiligheidsbeeld</h3>"]
    met = tj[tj["aantal"].notna()]
    if met.empty:
        delen.append("<p>Er zijn geen registratiecijfers ingelezen; het beeld rust op de kwalitatieve "
                     "informatie van de werkgroep.</p>")
    else:
        jaar = int(met["periode"].max())
        laatste = met[met["periode"] == jaar]
        totaal = laatste["aantal"].sum()
        zin = (f"In {jaar}{' (voorlopige cijfers)' if (laatste['status'] == 'voorlopig').any() else ''} "
               f"registreerde de politie {getal(totaal)} misdrijven in de thema's van deze analyse")
        if laatste["per_1000"].notna().any():
            zin += f", {getal(laatste['per_1000'].sum(), 1)} per 1.000 inwoners"
            nl = laatste["nederland_per_1000"]
            if nl.notna().all() and len(nl):
                zin += f" (Nederland: {getal(nl.sum(), 1)})"
        delen.append(f"<p>{E(zin)}.</p>")
        for soort, woorden in (("stijgend", "Een stijgende lijn zien we bij"),
                               ("dalend", "Een dalende lijn zien we bij")):
            codes = [c for c, s in r.signalen.items() if _tekst(s.get("signaal")) == soort]
            if codes:
                items = [f'<a href="#thema-{anker(c)}">{E(c)} {E(taxonomie.thema(c).kort)}</a>' for c in sorted(
                    codes, key=lambda c: taxonomie.thema(c).sorteersleutel)]
                delen.append(f"<p>{woorden} {_lijst_themas(items)}.</p>")
        hoog = []  # (ratio, html): at least 25% above Nederland (else the basisteam)
        for row in laatste.to_dict("records"):
            for kol in ("nederland_per_1000", "basisteam_per_1000"):
                ref = row.get(kol)
                if not _getal_of_leeg(ref) and ref and not _getal_of_leeg(row["per_1000"]):
                    if row["per_1000"] >= 1.25 * ref:
                        hoog.append((row["per_1000"] / ref,
                                     f'<a href="#thema-{anker(row["thema"])}">{E(row["thema"])} '
                                     f'{E(taxonomie.thema(row["thema"]).kort)}</a> '
                                     f"({procent(row['per_1000'] / ref - 1)} t.o.v. "
                                     f"{'Nederland' if kol.startswith('nederland') else 'het basisteam'})"))
                    break
        if hoog:
            hoog.sort(key=lambda h: -h[0])
            meer = f" en nog {len(hoog) - 5} andere" if len(hoog) > 5 else ""
            delen.append(f"<p>Per 1.000 inwoners duidelijk hoger dan ter vergelijking ({jaar}): "
                         f"{_lijst_themas([h for _, h in hoog[:5]])}{meer}.</p>")
        zonder = [t for t in taxonomie.themas() if t.code not in set(met["thema"])]
        if zonder:
            delen.append(f"<p>Voor {len(zonder)} van de {len(taxonomie.themas())} thema's zijn geen "
                         "registratiecijfers ingelezen; daar rust het beeld op informatie van partners.</p>")
    eigen = [(t, r.drieslag.get(t.code).problematiek) for t in taxonomie.themas()
             if r.status(t.code, "problematiek") == "ingevuld"]
    if eigen:
        delen.append("<p>De werkgroep duidde de problematiek van "
                     + _lijst_themas([f'<a href="#thema-{anker(t.code)}">{E(t.code)} {E(t.kort)}</a>' for t, _ in eigen])
                     + ".</p>")
    delen.append("<h3>Huidige aanpak</h3>")
    onderdelen = _onderdelen(r)
    aanpak = [o for o in onderdelen if o[1] == "aanpak"]
    extra = [o for o in onderdelen if o[1] == "extra"]
    knel = [c for c in sorted({o[0] for o in aanpak})
            if re.search(r"knelpunt", r.drieslag.get(c).aanpak, re.IGNORECASE)]
    zin = (f"De huidige aanpak is beschreven voor {sum(s == 'ingevuld' for _, _, s in aanpak)} van de "
           f"{len(aanpak)} thema's en aspecten; mogelijke beleidsversterkingen voor "
           f"{sum(s == 'ingevuld' for _, _, s in extra)} van de {len(extra)}.")
    delen.append(f"<p>{E(zin)}</p>")
    if knel:
        namen = [f'<a href="#{"aspect-" + c if c.startswith("A") else "thema-" + anker(c)}">{E(_naam(c))}</a>'
                 for c in knel]
        delen.append(f"<p>Knelpunten in de aanpak zijn genoemd bij {_lijst_themas(namen)}.</p>")
    delen.append("<h3>Voorgestelde prioriteiten</h3>")
    if r.prioriteiten:
        delen.append("<ul>" + "".join(
            f'<li><a href="#thema-{anker(t.code)}">{E(t.code)} {E(t.naam)}</a>'
            f'{": " + E(_eerste_zin(reden)) if reden else ""} <span class="herkomst">({E(h)})</span></li>'
            for t, h, reden in r.prioriteiten) + "</ul>")
        if len(r.prioriteiten) > MAX_PRIORITEITEN:
            delen.append(f'<p class="waarschuwing" role="note">{len(r.prioriteiten)} prioriteiten voorgesteld; '
                         "het handboek gaat uit van hooguit drie à vier.</p>")
    else:
        delen.append('<p class="nog-in-te-vullen">Nog geen prioriteiten voorgesteld.</p>')
    open_ = sum(s != "ingevuld" for _, _, s in onderdelen)
    delen.append(f'<p class="stand">Stand van de analyse: {open_} van de {len(onderdelen)} onderdelen staan nog '
                 'open (zie <a href="#invulling">stand van de invulling</a>).</p></section>')
    return "".join(delen)


def _naam(code: str) -> str:
    if code.startswith("A"):
        a = taxonomie.aspect(code)
        return f"aspect {a.handboeknummer} {a.naam}"
    return f"{code} {taxonomie.thema(code).kort}"


def _eerste_zin(tekst: str) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", tekst.strip(), re.S)
    return (m.group(1) if m else tekst.strip()).replace("\n", " ")


# --------------------------------------------------------------------------- sources and methods


def _bestanden(r: Rapport) -> pd.DataFrame:
    """Per source file: table, release, periods, provisional years, figures, SHA-256."""
    c = r.analyse.cijfers
    kolommen = ["bestand", "tabel", "publicatie", "perioden", "voorlopig", "cijfers", "sha256"]
    if c is None or not len(c):
        return pd.DataFrame(columns=kolommen)
    c = c[["bronbestand", "bron", "periode", "status"]].astype({"bronbestand": str, "bron": str, "status": str})
    groepen = c.groupby(["bronbestand", "bron"], sort=True)
    per = groepen["periode"].agg(["min", "max", "size"]).reset_index()
    voorlopig = (c[c["status"] == "voorlopig"].groupby(["bronbestand", "bron"])["periode"]
                 .agg(lambda s: ", ".join(str(p) for p in sorted(set(s)))))
    paden = _invoerpaden(r)
    rijen = []
    for x in per.itertuples(index=False):
        pad = paden.get(Path(x.bronbestand).name)
        rijen.append({"bestand": Path(x.bronbestand).name, "tabel": x.bron, "publicatie": _publicatie(pad),
                      "perioden": f"{x.min}–{x.max}" if x.min != x.max else str(x.min),
                      "voorlopig": voorlopig.get((x.bronbestand, x.bron), "–"), "cijfers": int(x.size),
                      "sha256": sha256_bestand(pad) if pad else ""})
    return pd.DataFrame(rijen, columns=kolommen)


def _invoerpaden(r: Rapport) -> dict[str, Path]:
    try:
        from .. import bronnen
        paden = bronnen.bestanden(r.parameters.get("data") or [])
    except Exception:  # a report must not fail on its appendix; files were read before
        return {}
    return {Path(p).name: Path(p) for p in paden}


def _publicatie(pad: Path | None) -> str:
    """Release date of a source file when its adapter can tell (cbsodata ``Modified``)."""
    if pad is None:
        return "–"
    try:
        from .. import bronnen
        adapter = bronnen.herken(pad)
        meta = adapter.metadata(pad) if hasattr(adapter, "metadata") else {}
    except Exception:  # metadata is a courtesy; the figures were read without it
        return "–"
    datum = _tekst(meta.get("publicatiedatum"))
    return datum[:10] if datum else "–"


def _herindelingen(r: Rapport) -> list[str]:
    from .. import register

    van, tot = r.jaren
    try:
        tabel = register.gemeenten()
    except Exception:  # register unavailable: say nothing rather than fail
        return []
    uit = []
    opvolgend = tabel[tabel["opvolgers"].fillna("").str.split("|").apply(lambda l: r.gemeente in l)]
    for code, rij in opvolgend.iterrows():
        laatste = rij["laatste_jaar"]
        if pd.notna(laatste) and int(laatste) >= van - 1:
            uit.append(f"{code} {rij['naam']} is per 1 januari {int(laatste) + 1} opgegaan in {r.gemeente} "
                       f"({rij['overgang']}). Politiecijfers staan op de huidige grenzen; bevolkingscijfers "
                       "van eerdere jaren zijn herleid of als niet vergelijkbaar gemarkeerd.")
    if r.gemeente in tabel.index and pd.notna(tabel.at[r.gemeente, "eerste_jaar"]):
        eerste = int(tabel.at[r.gemeente, "eerste_jaar"])
        if eerste > van:
            uit.append(f"{r.gemeente} bestaat sinds {eerste}; jaren daarvoor gelden de voorgangers.")
    return uit


def _kwaliteit(r: Rapport) -> list[str]:
    notities = _herindelingen(r)
    kw = getattr(r.ind, "kwaliteit", None)
    if kw is not None and len(kw) and {"periode", "toelichting"} <= set(kw.columns):
        for x in kw.to_dict("records"):
            notities.append(f"Bevolking {x['periode']}: {_tekst(x['toelichting'])}")
    c = r.analyse.cijfers
    if c is not None and len(c):
        eigen = c[c["gemeente_code"].astype(str) == r.gemeente]
        ontbreekt = eigen["ontbreekt"].astype(str)[eigen["ontbreekt"].notna()].value_counts()
        for reden, n in ontbreekt.items():
            notities.append(f"{getal(n)} cijfers van {r.gemeente} (incl. wijken) ontbreken: {reden}. Ze tellen "
                            "niet als 0 mee.")
        voorlopig = sorted(set(eigen.loc[eigen["status"].astype(str) == "voorlopig", "periode"]))
        if voorlopig:
            notities.append(f"Voorlopige cijfers: {', '.join(str(j) for j in voorlopig)}. Ze kunnen nog wijzigen.")
    w = _frame(r.ind.wijken, "wijken")
    onderdrukt = w["publicatie"].astype(str).str.startswith("<").sum() if len(w) else 0
    if onderdrukt:
        notities.append(f"{getal(int(onderdrukt))} kleine aantallen op wijkniveau zijn afgeschermd "
                        "(getoond als '<5'), om herleidbaarheid tot personen te voorkomen.")
    for code, s in r.signalen.items():
        if _tekst(s.get("reeksbreuk")):
            notities.append(f"Reeksbreuk bij {code} {taxonomie.thema(code).kort}: {_tekst(s.get('reeksbreuk'))}")
    return notities


def _dekking(r: Rapport) -> str:
    d = _frame(r.ind.dekking, "dekking")
    if d.empty:
        return "<p>Geen koppelinformatie beschikbaar.</p>"
    d = d.astype({"bron": str, "status": str})
    overzicht = d.groupby(["bron", "status"]).size().unstack(fill_value=0)
    overzicht.index.name = "Tabel"
    onbekend = d[d["status"] == "onbekend in koppeling"]
    uit = tabel(overzicht, bijschrift="Broncategorieën per koppelstatus (aantal categorieën)")
    if len(onbekend):
        uit += ('<p class="waarschuwing">Categorieën die nieuw zijn in de data en nog niet gekoppeld: '
                + E(", ".join(f"{b} {c}" for b, c in zip(onbekend["bron"], onbekend["categorie"].astype(str))))
                + ". Ze tellen niet mee in een thema; voeg ze toe in een eigen koppelbestand.</p>")
    return uit


def _parameters(r: Rapport) -> dict[str, str]:
    return {k: json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
            for k, v in r.parameters.items()}


def bijlage(r: Rapport) -> str:
    """Appendix 'Bronnen en methoden': files, coverage, data quality, method, version and parameters."""
    bestanden = r.bestanden
    rijen = "".join(
        f"<tr><td>{E(x.bestand)}</td><td>{E(x.tabel)}</td><td>{E(x.publicatie)}</td><td>{E(x.perioden)}</td>"
        f'<td>{E(x.voorlopig)}</td><td class="getal">{getal(x.cijfers)}</td>'
        f'<td class="hash" title="{E(x.sha256)}">{E(x.sha256[:16])}</td></tr>'
        for x in bestanden.itertuples())
    delen = ['<section class="bronnen" id="bronnen"><h2>Bijlage: bronnen en methoden</h2>',
             "<h3>Bronbestanden</h3>",
             '<table class="bestanden"><thead><tr><th scope="col">Bestand</th><th scope="col">Tabel</th>'
             '<th scope="col">Publicatie</th><th scope="col">Perioden</th><th scope="col">Voorlopig</th>'
             f'<th scope="col">Cijfers</th><th scope="col">SHA-256 (begin)</th></tr></thead><tbody>{rijen}</tbody>'
             "</table>"]
    if r.drieslag.bestand:
        delen.append(f"<p>Invulling van de werkgroep: {E(Path(r.drieslag.bestand).name)} (SHA-256 "
                     f'<span class="hash">{E((r.drieslag.sha256 or "")[:16])}</span>).</p>')
    else:
        delen.append("<p>Geen invulbestand van de werkgroep ingelezen.</p>")
    delen.append("<h3>Koppeling op thema's</h3>" + _dekking(r))
    notities = _kwaliteit(r)
    delen.append("<h3>Datakwaliteit</h3>")
    delen.append("<ul>" + "".join(f"<li>{E(n)}</li>" for n in notities) + "</ul>" if notities
                 else "<p>Geen bijzonderheden gevonden (geen herindelingen, ontbrekende waarden of reeksbreuken).</p>")
    vergelijking = r.ind.vergelijking or {}
    methode = ["Aantallen zijn geregistreerde misdrijven per jaar; per 1.000 inwoners op basis van de "
               "bevolking op 1 januari. Categorieën van de bron tellen elk bij precies één thema "
               "(koppeltabel), zodat niets dubbel telt."]
    from ..analyse import indicatoren

    regels = indicatoren.regels() if hasattr(indicatoren, "regels") else {}
    methode += list(regels.values()) or [
        "Signalen (stijgend, dalend, stabiel) vergelijken het laatste jaar met de jaren ervoor; bij kleine "
        "aantallen wordt geen richting getoond."]
    if vergelijking.get("regel"):
        methode.append(f"Vergelijkbare gemeenten voor {r.naam}: {vergelijking['regel']}.")
    for soort, label in (("basisteam", "Basisteam"), ("vergelijkbaar", "Vergelijkbare gemeenten")):
        codes = vergelijking.get(soort) or []
        if codes:
            methode.append(f"{label}: {', '.join(str(c) for c in codes)}.")
    if isinstance(vergelijking.get("nederland"), int):
        methode.append(f"Nederland: de {vergelijking['nederland']} gemeenten met cijfers in de ingelezen data.")
    methode.append("Prioriteiten: een voorstel uit de cijfers (niveau, trend, impact, piek, beleving) tot de "
                   "werkgroep zelf ja of nee invult; de keuze van de werkgroep gaat voor.")
    delen.append("<h3>Methode</h3><ul>" + "".join(f"<li>{E(m)}</li>" for m in methode) + "</ul>")
    versies = {"ivpanalyse": __version__, "Python": platform.python_version(), "pandas": pd.__version__}
    param = _parameters(r)
    delen.append("<h3>Verantwoording</h3>"
                 '<table class="parameters"><tbody>'
                 + "".join(f'<tr><th scope="row">{E(k)}</th><td>{E(v)}</td></tr>' for k, v in versies.items())
                 + "".join(f'<tr><th scope="row">parameter {E(k)}</th><td>{E(v)}</td></tr>' for k, v in param.items())
                 + "</tbody></table></section>")
    return "".join(delen)


def metadata(r: Rapport) -> dict[str, str]:
    """The report's facts for the page's ``<meta>`` tags (values are text; lists as JSON)."""
    van, tot = r.jaren
    bestanden = r.bestanden
    return {
        "titel": f"Veiligheidsanalyse {r.naam} {van}–{tot}",
        "gemeente": r.gemeente,
        "gemeentenaam": r.naam,
        "periode": f"{van}-{tot}",
        "versie": __version__,
        "parameters": json.dumps(r.parameters, ensure_ascii=False, default=str),
        "bronbestanden": json.dumps(bestanden.to_dict("records"), ensure_ascii=False, default=str),
        "invoer": Path(r.drieslag.bestand).name if r.drieslag.bestand else "",
        "invoer_sha256": r.drieslag.sha256 or "",
        "prioriteiten": ", ".join(t.code for t, _, _ in r.prioriteiten),
        "open_onderdelen": str(sum(s != "ingevuld" for _, _, s in _onderdelen(r))),
        "gemaakt": datetime.now().isoformat(timespec="seconds"),
    }
