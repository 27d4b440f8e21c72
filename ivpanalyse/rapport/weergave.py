"""The sections of the veiligheidsanalyserapportage (stap 2 of Kernbeleid Veiligheid).

The notebook builds one :class:`~ivpanalyse.rapport.model.Rapport` (the analysis, its indicator
frames, the analyst's drieslag input and the run parameters) and displays what the functions here
return, so the notebook stays thin and the report is testable without a kernel.

Each function gathers plain values from the model and renders a Jinja2 template of
``rapport/templates`` (see :mod:`ivpanalyse.rapport.sjablonen`): autoescaping escapes every text
from data or from the analyst; figures are embedded SVG images with alt text; nothing is loaded
from the network. An empty indicator frame or an empty input never fails: the part shows "nog in
te vullen" or says that the figures are absent.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from .. import invoer as _invoer
from .. import taxonomie
from . import lijngrafiek
from .model import (BENCHMARK_LABELS, KERNCIJFERS_MIME, MAX_PRIORITEITEN, METADATA_MIME,  # noqa: F401
                    NOG_IN_TE_VULLEN, SIGNAAL_TEKEN, STATUS, Rapport, _frame, _getal_of_leeg, _tekst, _waar,
                    eerste_zin, indicatoren_van, kwaliteit, metadata, naam_van, onderdelen, parameters_tekst)
from ..analyse import oordeel
from ..opmaak import decimalen
from .sjablonen import BEREIK, Markup, afbeelding, anker, getal, macro, procent, render, stijl

__all__ = ["Rapport", "indicatoren_van", "metadata", "toon", "toon_stijl", "toon_metadata", "cijfers_per_thema",
           "signalen_per_thema", "kop", "inhoud", "samenvatting",
           "invulling", "overzicht", "veld", "thema_sectie", "aspect_sectie", "problematiek", "schema",
           "prioriteiten", "strategisch",
           "stap3", "bijlage", "tabel", "figuur", "tekst_html", "anker", "METADATA_MIME", "KERNCIJFERS_MIME"]


# --------------------------------------------------------------------------- display in the notebook


def toon(fragment: str) -> None:
    """Display a section of the report in the notebook, inside the element :func:`toon_stijl` styles."""
    from IPython.display import HTML, display

    display(HTML(render("sectie.html.j2", bereik=BEREIK, inhoud=Markup(fragment))))


def toon_stijl() -> None:
    """Give the notebook the report's style (JupyterLab), scoped to the report's sections.

    The HTML report has the style in its page; in JupyterLab this output (of a cell tagged
    ``verwijderen``, left out of the report) makes the sections look the same without touching Lab.
    """
    from IPython.display import HTML, display

    display(HTML(render("stijl.html.j2", css=Markup(stijl(BEREIK)))))


def cijfers_per_thema(r: Rapport) -> pd.DataFrame:
    """The gemeente's yearly figures per thema as a DataFrame for one's own tables and charts.

    One row per thema and year: ``veld``, ``thema``, ``thema_naam``, ``periode``, ``aantal``,
    ``per_1000``, the benchmarks per 1.000 inwoners, ``status`` and ``bron``; e.g.
    ``cijfers_per_thema(r).pivot(index="periode", columns="thema_naam", values="per_1000").plot()``.
    """
    tj = r.thema_jaar
    namen = {t.code: (t.veld, t.kort) for t in taxonomie.themas()}
    uit = tj.assign(veld=tj["thema"].map(lambda c: namen[c][0]), thema_naam=tj["thema"].map(lambda c: namen[c][1]))
    kolommen = ["veld", "thema", "thema_naam", "periode", "aantal", "per_1000", *BENCHMARK_LABELS, "status", "bron"]
    volgorde = uit["thema"].map({t.code: i for i, t in enumerate(taxonomie.themas())})
    return uit.assign(_volgorde=volgorde).sort_values(["_volgorde", "periode"])[kolommen].reset_index(drop=True)


def signalen_per_thema(r: Rapport) -> pd.DataFrame:
    """The analysis' signal per thema (direction, explanation) with the thema's name, as a DataFrame."""
    rijen = [{"veld": t.veld, "thema": t.code, "thema_naam": t.kort,
              "signaal": _tekst((r.signalen.get(t.code) or {}).get("signaal")),
              "toelichting": _tekst((r.signalen.get(t.code) or {}).get("toelichting"))}
             for t in taxonomie.themas() if t.code in r.signalen]
    return pd.DataFrame(rijen, columns=["veld", "thema", "thema_naam", "signaal", "toelichting"])


def toon_metadata(r: Rapport) -> None:
    """Publish the report's facts for the page's metadata and its kerncijfers (neither is shown).

    The kerncijfers (:func:`ivpanalyse.analyse.vergelijking.kerncijfers`, with the werkgroep's
    priority choices) let a batch compare gemeenten without running the analysis again. The empty
    ``text/html`` alternative keeps JupyterLab from announcing an unknown output type.
    """
    import json

    from IPython.display import display

    from ..analyse.vergelijking import kerncijfers

    kern = json.loads(kerncijfers(r.ind, r.gemeente, r.naam).to_json(orient="records", force_ascii=False))
    display({METADATA_MIME: metadata(r), KERNCIJFERS_MIME: kern, "text/html": ""}, raw=True)


# --------------------------------------------------------------------------- shared pieces (data for macros)


def blokken(tekst: str) -> list[tuple[str, list[str]]]:
    """The analyst's text as blocks: blank line = paragraph (``p``), lines starting '- ' = a list (``ul``)."""
    uit: list[tuple[str, list[str]]] = []
    for alinea in re.split(r"\n\s*\n", tekst.strip()):
        vorige = None
        for regel in (r.rstrip() for r in alinea.split("\n") if r.strip()):
            m = re.match(r"^\s*[-*•]\s+(.*)$", regel)
            soort, inhoud_ = ("ul", m.group(1)) if m else ("p", regel.strip())
            if soort == vorige:
                uit[-1][1].append(inhoud_)
            else:
                uit.append((soort, [inhoud_]))
                vorige = soort
    return uit


def tekst_html(tekst: str) -> str:
    """The analyst's text as escaped HTML: blank line = paragraph, lines starting '- ' = a list."""
    return str(macro("tekst", blokken(tekst)))


def figuur_data(fig, alt: str, bijschrift: str | None = None) -> dict:
    """A Figure as the data of an embedded SVG image: source, size in CSS pixels, alt text, caption."""
    from . import grafieken  # matplotlib: only for Figures made elsewhere (the report's charts are templates)

    breedte, hoogte = (round(v * 96) for v in fig.get_size_inches())
    return {"src": afbeelding(grafieken.svg(fig), "image/svg+xml"), "breedte": breedte, "hoogte": hoogte,
            "alt": alt, "bijschrift": bijschrift or alt}


def figuur(fig, alt: str, bijschrift: str | None = None) -> str:
    """A Figure as an embedded SVG image with alt text and a caption."""
    return str(macro("figuur", figuur_data(fig, alt, bijschrift)))


def _cel(v, decimalen: int) -> dict:
    if isinstance(v, (bool, np.bool_)):
        return {"tekst": "ja" if v else "nee", "getal": False}
    if isinstance(v, (int, float, np.integer, np.floating)) or v is None or v is pd.NA:
        return {"tekst": getal(v, decimalen), "getal": True}
    return {"tekst": str(v), "getal": False}


def tabel_data(df: pd.DataFrame, *, decimalen: int | Sequence[int] = 0, klasse: str = "cijfers",
               bijschrift: str | None = None, index: bool = True) -> dict:
    """A DataFrame as table data for the ``tabel`` macro: headers, rows of cells (Dutch numbers)."""
    per_kolom = [decimalen] * len(df.columns) if isinstance(decimalen, int) else list(decimalen)
    rijen = [{"kop": str(idx) if index else None,
              "cellen": [_cel(v, d) for v, d in zip(rij, per_kolom)]}
             for idx, rij in zip(df.index, df.itertuples(index=False))]
    koppen = ([df.index.name or ""] if index else []) + [str(k) for k in df.columns]
    return {"klasse": klasse, "bijschrift": bijschrift, "koppen": koppen, "rijen": rijen}


def tabel(df: pd.DataFrame, *, decimalen: int = 0, klasse: str = "cijfers", bijschrift: str | None = None,
          index: bool = True) -> str:
    """A DataFrame as an HTML table with Dutch number formatting and escaped text."""
    return str(macro("tabel", tabel_data(df, decimalen=decimalen, klasse=klasse, bijschrift=bijschrift,
                                         index=index)))


def _status(status: str, label: str = "", titel: str = "") -> dict:
    """A drieslag status as data: class, symbol, short word, explanation (never colour alone)."""
    teken, kort, uitleg = STATUS[status]
    return {"status": status, "teken": teken, "kort": kort, "label": label,
            "uitleg": f"{titel}: {uitleg}" if titel else uitleg}


def _thema_link(code: str, *, lang: bool = False, na: str = "") -> dict:
    t = taxonomie.thema(code)
    return {"doel": f"thema-{anker(code)}", "label": f"{t.code} {t.naam if lang else t.kort}", "na": na}


def _link(code: str) -> dict:
    """Link to a thema or an aspect, labelled with its code and short name."""
    doel = f"aspect-{code}" if code.startswith("A") else f"thema-{anker(code)}"
    return {"doel": doel, "label": naam_van(code), "na": ""}


def _invulblok(titel: str, tekst: str, *, klasse: str = "", toelichting: str = "") -> dict:
    return {"titel": titel, "blokken": blokken(tekst) if tekst else None, "klasse": klasse,
            "toelichting": toelichting}


# --------------------------------------------------------------------------- title and contents


def kop(r: Rapport) -> str:
    """Title block: gemeente, period, what the report is and the state of the input."""
    van, tot = r.jaren
    return render("kop.html.j2", naam=r.naam, gemeente=r.gemeente, van=van, tot=tot,
                  datum=f"{datetime.now():%d-%m-%Y}",
                  invoer=Path(r.drieslag.bestand).name if r.drieslag.bestand else None,
                  ronde=r.drieslag.ronde, college=not r.parameters.get("opmerkingen", True))


def _overzicht(r: Rapport) -> dict:
    tj = r.thema_jaar
    met = tj[tj["aantal"].notna()].sort_values("periode")
    laatste = met.groupby("thema", sort=False).tail(1)
    laatste = laatste.assign(_sleutel=laatste["thema"].map(lambda c: taxonomie.thema(c).sorteersleutel))
    laatste = laatste.sort_values("_sleutel")
    jaar = int(met["periode"].max()) if len(met) else None
    benchmarks = {k: v for k, v in BENCHMARK_LABELS.items() if laatste[k].notna().any()}
    rijen = []
    for x in laatste.to_dict("records"):
        s = r.oordeel.get(x["thema"]) or r.signalen.get(x["thema"]) or {}
        eerder = f" ({x['periode']})" if int(x["periode"]) != jaar else ""
        bm = _tekst(s.get("niveau_benchmark"))
        rijen.append({"thema": _thema_link(x["thema"], na=eerder), "aantal": x["aantal"], "per_1000": x["per_1000"],
                      "benchmarks": [x[k] for k in benchmarks], "signaal": _tekst(s.get("signaal")),
                      "decimalen": decimalen(x["per_1000"], *[x[k] for k in benchmarks], onderscheid=False),
                      "niveau": f"{_tekst(s.get('niveau'))} {BENCHMARK_KORT.get(bm, bm)}" if bm else "–"})
    voorlopig = bool((laatste["status"].astype(str) == "voorlopig").any())
    return {"jaar": jaar, "voorlopig": voorlopig, "naam": r.naam, "benchmarks": list(benchmarks.values()),
            "rijen": rijen, "per_1000": bool(laatste["per_1000"].notna().any()), "kern": _kerncijfers_blok(r),
            "legenda": BENCHMARK_LEGENDA,
            "prioriteiten": [{"thema": _prioriteit_link(p, lang=False), "herkomst": p.herkomst}
                             for p in r.prioriteitenlijst]}


def overzicht(r: Rapport) -> str:
    """The first screen: key figures of the last year per thema and the proposed priorities."""
    return render("overzicht.html.j2", o=_overzicht(r))


def inhoud(r: Rapport | None = None) -> str:
    """Table of contents with links to every section, thema and aspect."""
    velden = [{"code": v.code, "naam": v.naam, "themas": [_thema_link(t.code) for t in v.themas],
               "aspecten": [{"doel": f"aspect-{anker(a.id)}", "label": f"Aspect {a.handboeknummer}: {a.naam}",
                             "na": ""} for a in taxonomie.aspecten()] if v.code == 1 else []}
              for v in taxonomie.velden()]
    strategisch_ = [{"doel": f"strategisch-{code}", "label": s.naam, "na": ""}
                    for code, s in _invoer.strategische_codes().items()]
    return render("inhoud.html.j2", velden=velden, strategisch=strategisch_)


# --------------------------------------------------------------------------- one thema


def _laatste(reeks: pd.DataFrame) -> dict | None:
    met = reeks[reeks["aantal"].notna()]
    return None if met.empty else met.iloc[-1].to_dict()


def _kerncijfers(r: Rapport, reeks: pd.DataFrame, per_1000: bool) -> dict:
    jaren = reeks[reeks["aantal"].notna()].tail(5)
    kolommen = {"aantal": "Aantal"}
    if per_1000:
        kolommen["per_1000"] = f"{r.naam} per 1.000"
        kolommen.update({k: f"{v} per 1.000" for k, v in BENCHMARK_LABELS.items() if jaren[k].notna().any()})
    df = jaren.set_index("periode")[list(kolommen)].rename(columns=kolommen).astype(float)
    df.index = [f"{j}{' (voorlopig)' if s == 'voorlopig' else ''}" for j, s in zip(jaren["periode"], jaren["status"])]
    df.index.name = "Jaar"
    d = decimalen(*df.iloc[:, 1:].to_numpy().ravel(), onderscheid=False)  # a small rate is never "0,0"
    return tabel_data(df, decimalen=[0] + [d] * (len(df.columns) - 1), klasse="cijfers kerncijfers",
                      bijschrift="Kerncijfers (laatste jaren)")


def _signaal(r: Rapport, code: str) -> dict | None:
    s = r.signalen.get(code)
    if s is None:
        return None
    soort = _tekst(s.get("signaal")) or "geen cijfers"
    volledig = _tekst(s.get("toelichting")).lower()
    # Remarks the analysis' text does not already make (a provisional year shows in table and chart).
    opmerkingen = []
    if _tekst(s.get("reeksbreuk")) and "reeksbreuk" not in volledig:
        opmerkingen.append(f"Reeksbreuk: {_tekst(s.get('reeksbreuk'))}")
    if _waar(s.get("piek")) and "piek" not in volledig:
        opmerkingen.append("Piekjaar in de reeks.")
    # The analysis' remarks on the series (a population not comparable after a herindeling, a small
    # definition change): beside the figures they qualify, not only in the appendix.
    for opmerking in _tekst(s.get("opmerking")).split(" | "):
        if opmerking and opmerking.lower() not in volledig:
            opmerkingen.append(f"{opmerking[0].upper()}{opmerking[1:]}.")
    return {"soort": soort, "klasse": soort.replace(" ", "-"), "teken": SIGNAAL_TEKEN.get(soort, ""),
            "toelichting": r.teksten[code]["signaal"],
            "opmerkingen": opmerkingen}


def _wijken(r: Rapport, code: str) -> dict | None:
    w = _frame(r.ind.wijken, "wijken")
    w = w[w["thema"].astype(str) == code]
    if w.empty:
        return None
    per_1000 = bool(w["per_1000"].notna().any())
    w = w.sort_values(["rang", "wijknaam"], na_position="last").head(5)
    rijen = []
    for x in w.to_dict("records"):
        cellen = [{"tekst": _tekst(x["publicatie"]) or getal(x["aantal"]), "getal": True}]
        if per_1000:
            cellen.append({"tekst": getal(x["per_1000"], 1), "getal": True})
        rijen.append({"kop": _tekst(x["wijknaam"]) or _tekst(x["gebied_code"]), "cellen": cellen})
    titel = ("Wijken met de meeste registraties per 1.000 inwoners" if per_1000
             else "Registraties per wijk")
    return {"klasse": "cijfers wijken", "bijschrift": f"{titel} ({_tekst(w['periode'].iloc[0])})",
            "koppen": ["Wijk", "Aantal"] + (["Per 1.000 inw."] if per_1000 else []), "rijen": rijen}


def _categorieen(r: Rapport, code: str) -> dict | None:
    from ..analyse.indicatoren import categorie_tabel

    cat = categorie_tabel(_frame(getattr(r.ind, "categorie_jaar", None), "categorie_jaar"), code)
    if len(cat) < 2:  # none, or one category: the key figures already show it
        return None
    cat = cat[[c for c in cat.columns if c >= r.jaren[1] - 4]]
    cat.columns = [str(c) for c in cat.columns]
    return {"titel": f"{taxonomie.thema(code).kort} naar soort misdrijf ({len(cat)} categorieën, aantallen)",
            "tabel": tabel_data(cat, klasse="cijfers categorieen"),
            "inklappen": len(cat) > 8}  # long breakdowns fold away on screen


def _alt(t: taxonomie.Thema, r: Rapport, reeks: pd.DataFrame, per_1000: bool) -> str:
    kolom, eenheid, dec = ("per_1000", "per 1.000 inwoners", 1) if per_1000 else ("aantal", "aantal", 0)
    met = reeks[reeks[kolom].notna()]
    eerste, laatste = met.iloc[0], met.iloc[-1]
    tekst = (f"Lijngrafiek {t.kort}, {eenheid}, {r.naam} {eerste['periode']}–{laatste['periode']}: "
             f"{getal(eerste[kolom], dec)} in {eerste['periode']} en {getal(laatste[kolom], dec)} in "
             f"{laatste['periode']}{' (voorlopig)' if laatste['status'] == 'voorlopig' else ''}.")
    if per_1000:
        d = decimalen(laatste[kolom], *[laatste[k] for k in BENCHMARK_LABELS], onderscheid=False)
        vergelijk = [f"{label.lower()} {getal(laatste[k], d)}" for k, label in BENCHMARK_LABELS.items()
                     if not _getal_of_leeg(laatste[k])]
        if vergelijk:
            tekst += f" Ter vergelijking in {laatste['periode']}: {', '.join(vergelijk)}."
    return tekst


def _verzamelen(t: taxonomie.Thema) -> list[dict]:
    """What to gather for a thema without figures, and from whom: its handbook indicators by source."""
    per_bron: dict[str, list[str]] = {}
    for i in t.indicatoren:
        per_bron.setdefault(i.bron, []).append(i.naam)
    if not per_bron:
        per_bron = {b: [] for b in t.bronnen}
    return [{"bron": b, "wat": wat} for b, wat in per_bron.items()]


def _indicatorcijfers(r: Rapport, code: str) -> dict | None:
    """A thema without a thema series but with indicator figures (e.g. only a partner template, GIR for
    5.3): those figures per indicator and year, with the signal the analysis gave each."""
    jaar = getattr(r.ind, "indicator_jaar", None)
    if jaar is None or not len(jaar) or "indicator" not in jaar:
        return None
    rijen = jaar[(jaar["thema"].astype(str) == code) & jaar["aantal"].notna()]
    if rijen.empty:
        return None
    rijen = rijen[rijen["periode"] >= int(rijen["periode"].max()) - 4]
    tabel = rijen.pivot_table(index="indicator", columns="periode", values="aantal", aggfunc="first")
    tabel.columns = [str(c) for c in tabel.columns]
    voorlopig = sorted({str(j) for j in rijen.loc[rijen["status"].astype(str) == "voorlopig", "periode"]})
    tabel = tabel.rename(columns={j: f"{j} (voorlopig)" for j in voorlopig})
    sig = getattr(r.ind, "indicator_signalen", None)
    if sig is not None and len(sig) and {"indicator", "signaal"} <= set(sig.columns):
        sig = sig[sig["thema"].astype(str) == code].drop_duplicates("indicator").set_index("indicator")["signaal"]
        tabel["Signaal"] = [_tekst(sig.get(i)) or "–" for i in tabel.index]
    tabel.index.name = "Indicator"
    bron = ", ".join(sorted(set(rijen["bronbestand"].astype(str)))) if "bronbestand" in rijen else ""
    return tabel_data(tabel, klasse="cijfers indicatoren",
                      bijschrift=f"Cijfers per indicator (aantallen{'; bron: ' + bron if bron else ''})")


def _problematiek(r: Rapport, t: taxonomie.Thema) -> dict:
    reeks = r.reeks(t.code)
    laatste = _laatste(reeks)
    p: dict = {"cijfers": None, "verzamelen": _verzamelen(t),
               "indicatoren": _indicatorcijfers(r, t.code) if laatste is None else None}
    if laatste is not None:
        per_1000 = bool(reeks["per_1000"].notna().any())
        vergelijking = per_1000 and reeks[list(BENCHMARK_LABELS)].notna().any().any()
        bijschrift = (f"{t.kort}: {'per 1.000 inwoners' if per_1000 else 'aantal'} per jaar, {r.naam}"
                      + (" met vergelijking" if vergelijking else "") + ".")
        grafiek = lijngrafiek.figuur(reeks[reeks["aantal"].notna()], naam=r.naam, titel=f"{t.code} {t.kort}",
                                     per_1000=per_1000, alt=_alt(t, r, reeks, per_1000), bijschrift=bijschrift)
        kerncijfers = _kerncijfers(r, reeks, per_1000)
        bron = _tekst(laatste.get("bron"))
        # What the figures count, where the eye goes (review: 2.2's "not only bedrijventerreinen" stood
        # only in the text): the category labels themselves when one or two, else how many.
        telt = _tekst((r.signalen.get(t.code) or {}).get("telt"))
        cat = _frame(getattr(r.ind, "categorie_jaar", None), "categorie_jaar")
        n = cat.loc[(cat["thema"] == t.code) & cat["aantal"].notna(), "categorie"].nunique()
        wat = f"; telt: {telt}" if telt and n <= 2 else (f"; som van {n} categorieën" if n > 2 else "")
        kerncijfers["bijschrift"] = f"Kerncijfers {t.kort} (bron: {bron}{wat})"
        p["cijfers"] = {
            "signaal": _signaal(r, t.code),
            "figuur": grafiek,
            "kerncijfers": kerncijfers,
            "wijken": _wijken(r, t.code),
            "categorieen": _categorieen(r, t.code),
        }
    status = r.status(t.code, "problematiek")
    concept = r.teksten[t.code]["concept"]
    herzien = _herzien(r, t.code)
    p["duiding"] = {"ingevuld": blokken(r.drieslag.get(t.code).problematiek) if status == "ingevuld" else None,
                    # The new concept stays in view beside werkgroep text written on older figures; without
                    # figures the concept only says so, and what to gather says it better.
                    "concept": blokken(concept) if concept and ((status != "ingevuld" and (
                        laatste is not None or p["indicatoren"] is not None)) or herzien) else None,
                    "herzien": herzien}
    return p


def _herzien(r: Rapport, code: str) -> list[dict]:
    """The werkgroep's text of ``code`` written on figures that moved since: what, on which figures, what changed."""
    woorden = {"problematiek": "De duiding", "prioriteit": "De prioriteitskeuze", "motivering": "De motivering"}
    return [{"wat": woorden[h["veld"]], "geschreven_op": h["geschreven_op"].tekst() if h["geschreven_op"] else "",
             "nu": h["nu"].tekst() if h["nu"] else "", "wijzigingen": list(h["wijzigingen"])}
            for h in r.herziening.get(code, [])]


def _bijdragen(r: Rapport, code: str) -> list[dict]:
    """The partners' input for a thema, aspect or strategisch thema (open questions only when kept)."""
    return [{"partner": b.partner, "datum": f"{b.datum:%d-%m-%Y}" if b.datum else "", "onderdeel": b.onderdeel,
             "bijdrage": b.bijdrage, "opmerking": b.opmerking} for b in r.drieslag.bijdragen(code)]


def problematiek(r: Rapport, t: taxonomie.Thema) -> str:
    """The problematiek of a thema: figures, chart with benchmarks, signal in words, the duiding."""
    return render("problematiek.html.j2", p=_problematiek(r, t), NOG_IN_TE_VULLEN=NOG_IN_TE_VULLEN)


def _prioriteit_blok(r: Rapport, t: taxonomie.Thema) -> dict | None:
    """A proposed priority, or the werkgroep's no with its reason; otherwise the chip says it."""
    ja, herkomst, reden = r.prioriteit(t.code)
    if ja:
        return {"klasse": "ja", "tekst": f"voorgesteld ({herkomst})", "reden": "", "stap3": True}
    if t.code in r.keuzes:
        return {"klasse": "nee", "tekst": "geen prioriteit (werkgroep)", "reden": reden, "stap3": False}
    return None


# What is still to do per drieslag part, by status: a chip says what is open, and only a part the
# werkgroep filled in states a choice (a proposal from the figures is never shown as the werkgroep's).
TE_DOEN = {"problematiek": ("duiding", "duiding: concept te beoordelen", "duiding te schrijven"),
           "aanpak": ("huidige aanpak", "huidige aanpak", "huidige aanpak te beschrijven"),
           "extra": ("extra", "extra", "extra te beschrijven"),
           "prioriteit": ("prioriteit: {keuze}", "prioriteit te kiezen (voorstel uit de cijfers: {keuze})",
                          "prioriteit te kiezen")}


def _stand(r: Rapport, code: str) -> list[dict]:
    """The werkgroep's parts of a thema or aspect as chips: ✓ ingevuld, ◐ concept, ○ open.

    The label says what is still to do; ``prioriteit: ja/nee`` only when the werkgroep chose it.
    """
    namen = {"problematiek": "duiding", "aanpak": "huidige aanpak", "extra": "extra", "prioriteit": "prioriteit"}
    uit = []
    for deel, naam in namen.items():
        s = r.status(code, deel)
        if s == "nvt":
            continue
        ingevuld, concept, open_ = TE_DOEN[deel]
        label = {"ingevuld": ingevuld, "concept": concept, "open": open_}[s]
        if "{keuze}" in label:
            label = label.format(keuze="ja" if r.prioriteit(code)[0] else "nee")
        chip = _status(s, label, naam)
        if deel == "prioriteit" and s == "concept":
            chip["uitleg"] = "prioriteit: voorstel uit de cijfers; de werkgroep kiest nog"
        uit.append(chip)
    return uit


def _thema(r: Rapport, t: taxonomie.Thema) -> dict:
    rij = r.drieslag.get(t.code)
    p = _problematiek(r, t)
    uit = {"anker": anker(t.code), "code": t.code, "naam": t.naam, "beschrijving": t.beschrijving,
           "compact": p["cijfers"] is None, "problematiek": p, "aanpak": None, "extra": None,
           "prioriteit": _prioriteit_blok(r, t), "stand": _stand(r, t.code), "bronnen": rij.bronnen,
           "bijdragen": _bijdragen(r, t.code),
           "raakvlakken": [_thema_link(c) for c in t.raakvlakken]}
    if t.veld != 1:  # only what the werkgroep wrote; open parts are in the chips
        uit["aanpak"] = _invulblok("Huidige aanpak", rij.aanpak, klasse="aanpak") if rij.aanpak else None
        uit["extra"] = _invulblok("Extra (mogelijke beleidsversterkingen)", rij.extra, klasse="extra") if rij.extra else None
    return uit


def thema_sectie(r: Rapport, t: taxonomie.Thema) -> str:
    """One thema: problematiek, and for velden 2-5 also huidige aanpak and extra; its prioriteit."""
    return render("thema.html.j2", t=_thema(r, t), NOG_IN_TE_VULLEN=NOG_IN_TE_VULLEN)


def _aspect(r: Rapport, aspect: taxonomie.Aspect) -> dict:
    rij = r.drieslag.get(aspect.id)
    return {"anker": anker(aspect.id), "handboeknummer": aspect.handboeknummer, "naam": aspect.naam,
            "beschrijving": aspect.beschrijving, "bronnen": rij.bronnen, "stand": _stand(r, aspect.id),
            "bijdragen": _bijdragen(r, aspect.id),
            "voorbeelden": "; ".join(aspect.voorbeelden) if not rij.aanpak else "",
            "aanpak": _invulblok("Huidige aanpak", rij.aanpak, klasse="aanpak") if rij.aanpak else None,
            "extra": _invulblok("Extra (mogelijke beleidsversterkingen)", rij.extra, klasse="extra") if rij.extra else None}


def aspect_sectie(r: Rapport, aspect: taxonomie.Aspect) -> str:
    """One of the six aspecten van de aanpak of veld 1: huidige aanpak and extra."""
    return render("aspect.html.j2", a=_aspect(r, aspect), NOG_IN_TE_VULLEN=NOG_IN_TE_VULLEN)


def veld(r: Rapport, code: int) -> str:
    """A whole veiligheidsveld: its thema's, for veld 1 the six aspecten, and its plausible priorities."""
    v = taxonomie.veld(code)
    gekozen = [_thema_link(t.code, na=f" ({h})") for t, h, _ in r.prioriteiten if t.veld == v.code]
    return render("veld.html.j2", code=code, naam=v.naam, themas=[_thema(r, t) for t in v.themas],
                  aspecten=[_aspect(r, a) for a in taxonomie.aspecten()] if code == 1 else [],
                  prioriteiten=gekozen, NOG_IN_TE_VULLEN=NOG_IN_TE_VULLEN)


# --------------------------------------------------------------------------- overviews


def invulling(r: Rapport) -> str:
    """Completeness overview: per thema and aspect what is filled in, a draft, or still open."""
    delen = onderdelen(r)
    tellen = pd.Series([s for _, _, s in delen], dtype=object).value_counts()
    velden = []
    for v in taxonomie.velden():
        items = [(t.code, f"thema-{anker(t.code)}", f"{t.code} {t.kort}") for t in v.themas]
        if v.code == 1:
            items += [(a.id, f"aspect-{anker(a.id)}", f"Aspect {a.handboeknummer}: {a.naam}")
                      for a in taxonomie.aspecten()]
        velden.append({"code": v.code, "naam": v.naam, "rijen": [
            {"doel": doel, "label": label,
             "statussen": [_status(r.status(c, d)) for d in ("problematiek", "aanpak", "extra", "prioriteit")]}
            for c, doel, label in items]})
    ingevuld = int(tellen.get("ingevuld", 0))
    return render("invulling.html.j2", ingevuld=ingevuld, totaal=len(delen), open=len(delen) - ingevuld,
                  concept=int(tellen.get("concept", 0)), velden=velden,
                  legenda=[_status(s, STATUS[s][2]) for s in ("ingevuld", "concept", "open")])


def _schema_cel(r: Rapport, codes: list[str], deel: str) -> dict | None:
    chips, klaar = [], 0
    for code in codes:
        s = r.status(code, deel)
        if s == "nvt":
            continue
        klaar += s == "ingevuld"
        teken = ""
        if deel == "problematiek":
            sig = r.signalen.get(code)
            teken = SIGNAAL_TEKEN.get(_tekst(sig.get("signaal")), "") if sig else ""
        chips.append(_status(s, f"{code}{(' ' + teken) if teken else ''}", f"{code} {deel}"))
    return {"klaar": klaar, "totaal": len(chips), "chips": chips} if chips else None


def _schema(r: Rapport) -> list[dict]:
    rijen = []
    for v in taxonomie.velden():
        themas = [t.code for t in v.themas]
        aanpak = themas + ([a.id for a in taxonomie.aspecten()] if v.code == 1 else [])
        rijen.append({"code": v.code, "naam": v.naam,
                      "cellen": [_schema_cel(r, themas, "problematiek"), _schema_cel(r, aanpak, "aanpak"),
                                 _schema_cel(r, aanpak, "extra")],
                      "prioriteiten": [_thema_link(t.code) for t, _, _ in r.prioriteiten if t.veld == v.code]})
    return rijen


def schema(r: Rapport) -> str:
    """The handbook's schematic overview: velden x problematiek / aanpak / extra, with priorities."""
    return render("schema.html.j2", rijen=_schema(r))


def _effectindicatoren(r: Rapport, code: str) -> list[str]:
    e = _frame(r.ind.effectindicatoren, "effectindicatoren")
    uit = []
    for x in e[e["thema"].astype(str) == code].to_dict("records"):
        dec = 0 if _tekst(x.get("eenheid")) in ("", "aantal") else 1
        delen = []
        # A target equal to the baseline (as shown) is a direction to hold, not a number to reach.
        vasthouden = (not _getal_of_leeg(x["basiswaarde"]) and not _getal_of_leeg(x["streefwaarde"])
                      and getal(x["basiswaarde"], dec) == getal(x["streefwaarde"], dec))
        hoger_beter = _tekst(x.get("richting")) == "hoger is beter"
        for soort, waarde, jaar in (("basis", x["basiswaarde"], x["basisjaar"]),
                                    ("streefwaarde", x["streefwaarde"], x.get("streefjaar"))):
            if _getal_of_leeg(waarde):
                continue
            in_jaar = f" in {int(jaar)}" if not _getal_of_leeg(jaar) else ""
            if soort == "streefwaarde" and vasthouden:
                tot = f" tot {int(jaar)}" if not _getal_of_leeg(jaar) else ""
                delen.append(f"streven: niet laten {'dalen' if hoger_beter else 'stijgen'}{tot}")
            else:
                delen.append(f"{soort} {getal(waarde, dec)}{in_jaar}")
        cijfers = f" ({'; '.join(delen)})" if delen else ""
        uit.append(f"{_tekst(x['indicator'])}{cijfers}; bron: {_tekst(x['bron'])}")
    return uit


def _prioriteit_link(p: _invoer.Prioriteit, *, lang: bool = True) -> dict:
    """A link to a priority: its thema, its strategisch thema, or (a combination) its first thema."""
    code = p.codes[0]
    if len(p.codes) == 1 and not code.startswith("S"):
        return _thema_link(code, lang=lang)
    return {"doel": f"strategisch-{code}" if code.startswith("S") else f"thema-{anker(code)}",
            "label": p.naam, "na": ""}


def _leden(p: _invoer.Prioriteit) -> list[dict]:
    """The thema's a combined priority consists of (empty for a single thema)."""
    if len(p.codes) < 2:
        return []
    return [{"doel": f"strategisch-{c}", "label": naam_van(c), "na": ""} if c.startswith("S") else _thema_link(c)
            for c in p.codes]


def _prioriteiten(r: Rapport) -> dict:
    gekozen = r.prioriteitenlijst
    rijen = []
    for i, p in enumerate(gekozen, start=1):
        signalen = [_tekst(r.signalen[c].get("signaal")) for c in p.codes if c in r.signalen]
        rijen.append({"nr": i, "thema": _prioriteit_link(p), "leden": _leden(p), "herkomst": p.herkomst,
                      "reden": p.reden, "effect": [e for c in p.codes for e in _effectindicatoren(r, c)],
                      "signalen": [s for s in signalen if s]})
    gekozen_codes = {c for p in gekozen for c in p.codes}
    scores = []
    for t in taxonomie.themas():
        x = r.oordeel.get(t.code)
        if x is None:
            continue
        ja, herkomst, _ = r.prioriteit(t.code)
        scores.append({"thema": _thema_link(t.code), "score": int(x.get("score") or 0),
                       "punten": [int(x.get(f"{k}_punten") or 0) for k in PUNTEN],
                       "redenen": _tekst(x.get("redenen")), "voorgesteld": ja, "herkomst": herkomst})
    return {"aantal": len(gekozen), "te_veel": r.te_veel_prioriteiten, "rijen": rijen, "scores": scores,
            "punten": list(PUNTEN.values()),
            "overig": [_thema_link(t.code) for t in taxonomie.themas() if t.code not in gekozen_codes]}


def prioriteiten(r: Rapport) -> str:
    """The list of proposed priorities with their reasons; a warning above four."""
    return render("prioriteiten.html.j2", p=_prioriteiten(r))


def stap3(r: Rapport) -> str:
    """Stap-3 preparation: the schematic overview and the proposed priorities."""
    return render("stap3.html.j2", rijen=_schema(r), p=_prioriteiten(r))


# --------------------------------------------------------------------------- summary


# Short names of the benchmarks in narrow columns (the legend under the table spells them out).
BENCHMARK_KORT = {"vergelijkbaar": "VG", "basisteam": "BT", "nederland": "NL"}
BENCHMARK_LEGENDA = "VG = vergelijkbare gemeenten, BT = basisteam, NL = Nederland"
# The parts of the priority score (prioriteiten.score), in the order of the score table.
PUNTEN = {"niveau": "Niveau", "trend": "Trend", "impact": "Impact", "piek": "Piek", "beleving": "Beleving"}


def _kerncijfers_blok(r: Rapport) -> list[dict]:
    """The kerncijfers as the analysis judged them (:attr:`Indicatoren.kerncijfers`): rows to show."""
    k = getattr(r.ind, "kerncijfers", None)
    if k is None or k.empty:
        return []
    uit = []
    for x in k.to_dict("records"):
        met = _tekst(x.get("signaal")) not in ("", "geen cijfers")
        bm = _tekst(x.get("niveau_benchmark"))
        uit.append({"indicator": x["indicator"], "bbv": bool(x.get("bbv")), "met": met,
                    "jaar": "" if not met else f"{int(x['laatste_jaar'])}" + (" (voorlopig)" if x.get("voorlopig")
                                                                              else ""),
                    "aantal": getal(x.get("laatste_aantal")) if met else "–",
                    "waarde": (f"{getal(x.get('waarde'), 1)} {x.get('maat')}" if met and not _getal_of_leeg(
                        x.get("waarde")) else "–"),
                    "signaal": _tekst(x.get("signaal")), "teken": SIGNAAL_TEKEN.get(_tekst(x.get("signaal")), ""),
                    "niveau": (f"{_tekst(x.get('niveau'))} {BENCHMARK_KORT.get(bm, bm)}" if met and bm else "–"),
                    "bron": _tekst(x.get("bron")) + (" (afgerond op 5)" if x.get("afgerond_op_5") else ""),
                    "tekst": _tekst(x.get("tekst"))})
    return uit


def _veiligheidsbeeld(r: Rapport) -> dict | None:
    """The summary's picture, read from the analysis' judgement columns (no rule of its own).

    The total is the kerncijfer of a source's total row; a sum of the thema's is never called the
    total. Rising and falling thema's read ``oordeel.signaal``; "boven" reads ``oordeel.niveau``
    against the main benchmark (vergelijkbare gemeenten first: a centrumgemeente is compared with
    gemeenten like it, not only with Nederland).
    """
    tj = r.thema_jaar
    met = tj[tj["aantal"].notna()]
    kern = _kerncijfers_blok(r)
    if met.empty and not any(k["met"] for k in kern):
        return None
    totaal = next((k for k in kern if k["indicator"].startswith("Geregistreerde misdrijven")), None)
    if totaal is not None and totaal["met"]:
        zin = totaal["tekst"]
    else:
        zin = ("Geen totaal van de geregistreerde criminaliteit ingelezen (totaalregel 0.0.0 van 47018NED of "
               "47013NED, of het totaal van 83648NED). De optelling van de thema's hieronder is geen totaal: "
               "lees 47013NED in voor het totaal.")
    o = r.oordeel
    trends = []
    for soort, woorden in (("stijgend", "Een betekenisvolle stijging zien we bij"),
                           ("dalend", "Een betekenisvolle daling zien we bij")):
        codes = [c for c, x in o.items() if _tekst(x.get("signaal")) == soort]
        if codes:
            trends.append({"woorden": woorden, "themas": [
                _thema_link(c) for c in sorted(codes, key=lambda c: taxonomie.thema(c).sorteersleutel)]})
    hoog = []
    for c, x in o.items():
        if _tekst(x.get("niveau")) == "boven":
            bm = _tekst(x.get("niveau_benchmark"))
            d = decimalen(x.get("niveau_eigen"), x.get("niveau_referentie"))
            hoog.append((x.get("verhouding") or 0, _thema_link(c, na=(
                f" ({getal(x.get('niveau_eigen'), d)} tegen {getal(x.get('niveau_referentie'), d)} bij "
                f"{oordeel.LABEL.get(bm, bm)}, {_tekst(x.get('niveaujaren'))})"))))
    hoog.sort(key=lambda h: -h[0])
    jaar = int(met["periode"].max()) if len(met) else None
    zonder = [t for t in taxonomie.themas() if not r.met_cijfers(t.code)]
    # Every thema above its comparison is named: "en nog 2 andere" leaves the reader guessing.
    return {"zin": zin, "trends": trends, "jaar": jaar, "hoog": [h for _, h in hoog], "meer": 0,
            "zonder": len(zonder), "themas": len(taxonomie.themas())}


def samenvatting(r: Rapport) -> str:
    """One page that can serve as chapter 1 (uitgangssituatie) of the IVP."""
    return render("samenvatting.html.j2", **samenvatting_data(r))


def _van(aantal: int, totaal: int) -> str:
    """``3 van de 24``; none is ``geen van de 24`` (never ``0 van de``)."""
    return f"{'geen' if aantal == 0 else getal(aantal)} van de {getal(totaal)}"


def samenvatting_data(r: Rapport) -> dict:
    """The summary's content as data (sentences, lists of links), for the HTML page and the Word document."""
    van, tot = r.jaren
    eigen = [_thema_link(t.code) for t in taxonomie.themas() if r.status(t.code, "problematiek") == "ingevuld"]
    delen = onderdelen(r)
    aanpak = [o for o in delen if o[1] == "aanpak"]
    extra = [o for o in delen if o[1] == "extra"]
    knel = [c for c in sorted({o[0] for o in aanpak})
            if re.search(r"knelpunt", r.drieslag.get(c).aanpak, re.IGNORECASE)]
    beschreven, versterkt = (sum(s == "ingevuld" for _, _, s in d) for d in (aanpak, extra))
    aanpak_zin = (f"De huidige aanpak is beschreven voor {_van(beschreven, len(aanpak))} thema's en aspecten; "
                  f"mogelijke beleidsversterkingen voor {_van(versterkt, len(extra))}.")
    # The HTML summary names the priorities (their motivation is in stap 3); the Word chapter lists reasons.
    prio = [{"thema": _prioriteit_link(p, lang=False), "leden": _leden(p),
             "reden": eerste_zin(p.reden) if p.reden else "", "herkomst": p.herkomst} for p in r.prioriteitenlijst]
    herzien = [_thema_link(c) for c in taxonomie_codes(r.herziening)]
    return dict(naam=r.naam, van=van, tot=tot, beeld=_veiligheidsbeeld(r), eigen=eigen, herzien=herzien,
                aanpak_zin=aanpak_zin, knel=[_link(c) for c in knel], prioriteiten=prio,
                te_veel=r.te_veel_prioriteiten, open=sum(s != "ingevuld" for _, _, s in delen),
                onderdelen=len(delen))


def taxonomie_codes(codes) -> list[str]:
    """The thema codes among ``codes``, in thema order."""
    return [t.code for t in taxonomie.themas() if t.code in codes]


# --------------------------------------------------------------------------- strategische thema's


def _strategisch(r: Rapport, code: str, s: taxonomie.StrategischThema) -> dict:
    rij = r.drieslag.get(code)
    ja = rij.prioriteit
    prioriteit = ("voorgesteld als prioriteit (werkgroep)" if ja else "geen prioriteit (werkgroep)"
                  if ja is False else None)
    return {"code": code, "naam": s.naam, "beschrijving": s.beschrijving,
            "themas": [_thema_link(t.code) for t in taxonomie.themas() if s.tag in t.strategisch],
            # Only what the werkgroep wrote; open parts are chips, not empty boxes.
            "delen": [_invulblok(titel, tekst, klasse=klasse) for titel, tekst, klasse in (
                ("Wat speelt er", rij.problematiek, "problematiek"), ("Huidige aanpak", rij.aanpak, "aanpak"),
                ("Extra (mogelijke beleidsversterkingen)", rij.extra, "extra")) if tekst],
            "stand": [_status("ingevuld" if tekst else "open", label if tekst else f"{label} te beschrijven", label)
                      for label, tekst in (("wat speelt er", rij.problematiek), ("huidige aanpak", rij.aanpak),
                                           ("extra", rij.extra))]
            + [_status("ingevuld" if ja is not None else "open",
                       "prioriteit te kiezen" if ja is None else f"prioriteit: {'ja' if ja else 'nee'}",
                       "prioriteit")],
            "prioriteit": prioriteit, "motivering": rij.motivering, "bronnen": rij.bronnen,
            "bijdragen": _bijdragen(r, code)}


def strategisch(r: Rapport) -> str:
    """The handbook's cross-cutting strategische thema's (part 1): what the werkgroep wrote, per theme."""
    return render("strategisch.html.j2", items=[_strategisch(r, c, s) for c, s in _invoer.strategische_codes().items()],
                  NOG_IN_TE_VULLEN=NOG_IN_TE_VULLEN)


# --------------------------------------------------------------------------- sources and methods


def _dekking(r: Rapport) -> dict | None:
    d = _frame(r.ind.dekking, "dekking")
    if d.empty:
        return None
    d = d.astype({"bron": str, "status": str})
    overzicht = d.groupby(["bron", "status"]).size().unstack(fill_value=0)
    overzicht.index.name = "Tabel"
    onbekend = d[d["status"] == "onbekend in koppeling"]
    return {"tabel": tabel_data(overzicht, bijschrift="Broncategorieën per koppelstatus (aantal categorieën)"),
            "onbekend": ", ".join(f"{b} {c}" for b, c in zip(onbekend["bron"], onbekend["categorie"].astype(str)))}


def _methode(r: Rapport) -> list[str]:
    vergelijking = r.ind.vergelijking or {}
    bevolking = vergelijking.get("bevolking") or "de ingelezen bevolking"
    methode = [f"Aantallen zijn geregistreerde misdrijven per jaar; per 1.000 inwoners op basis van {bevolking}. "
               "Categorieën van de bron tellen elk bij precies één thema (koppeltabel), zodat niets dubbel telt.",
               "Niveau: de laatste drie jaar samen tegen wat het cijfer van de vergelijking op de eigen bevolking zou "
               "geven; 'boven' of 'onder' alleen bij een exacte Poisson-toets p < 0,05 én minstens 10% verschil, "
               "anders 'ongeveer op het niveau van'. Eén regel voor tekst, samenvatting en prioriteitsscore; "
               "cijfers per 1.000 krijgen één decimaal, meer waar dat nodig is om ze naast elkaar te onderscheiden; "
               "eerst vergeleken met vergelijkbare gemeenten, dan het basisteam, dan Nederland.",
               "Coronajaren (2020 en 2021) tellen niet mee als referentiejaar van een signaal; ze staan wel in de "
               "reeks, gemarkeerd."]
    from ..analyse import indicatoren

    regels = indicatoren.regels() if hasattr(indicatoren, "regels") else {}
    methode += list(regels.values()) or [
        "Signalen (stijgend, dalend, stabiel) vergelijken het laatste jaar met de jaren ervoor; bij kleine "
        "aantallen wordt geen richting getoond."]
    if vergelijking.get("regel"):
        methode.append(f"Vergelijkbare gemeenten voor {r.naam}: {vergelijking['regel']}.")
    for soort, label in (("basisteam", "Basisteam"), ("vergelijkbaar", "Vergelijkbare gemeenten")):
        codes = vergelijking.get(soort) or []
        namen = vergelijking.get("namen") or {}
        if codes:
            methode.append(f"{label}: {', '.join(f'{namen.get(c, c)} ({c})' if namen.get(c, c) != c else str(c) for c in codes)}.")
    if isinstance(vergelijking.get("nederland"), int):
        methode.append(f"Nederland: de {vergelijking['nederland']} gemeenten met cijfers in de ingelezen data.")
    methode += list(vergelijking.get("nederland_ontbreekt") or [])
    methode.append("Prioriteiten: een voorstel uit de cijfers (niveau, trend, impact, piek, beleving) tot de "
                   "werkgroep zelf ja of nee invult; de keuze van de werkgroep gaat voor.")
    return methode


def bijlage(r: Rapport) -> str:
    """Appendix 'Bronnen en methoden': files, coverage, data quality, method, version and parameters."""
    import platform

    from .. import __version__

    versies = {"ivpanalyse": __version__, "Python": platform.python_version(), "pandas": pd.__version__}
    verantwoording = list(versies.items()) + [(f"parameter {k}", v) for k, v in parameters_tekst(r).items()]
    invoer = ({"naam": Path(r.drieslag.bestand).name, "sha256": (r.drieslag.sha256 or "")[:16]}
              if r.drieslag.bestand else None)
    partners = [dict(b, code=code, label=naam_van(code))
                for code in dict.fromkeys(x.code for x in r.drieslag.partners) for b in _bijdragen(r, code)]
    return render("bijlage.html.j2", bestanden=r.bestanden.to_dict("records"), invoer=invoer, dekking=_dekking(r),
                  notities=kwaliteit(r), methode=_methode(r), verantwoording=verantwoording, partners=partners,
                  opmerkingen=r.parameters.get("opmerkingen", True))
