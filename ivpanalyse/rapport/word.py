"""The veiligheidsanalyse as a Word document (.docx) for the college and the raad, with python-docx.

The same report model (:class:`~ivpanalyse.rapport.model.Rapport`) and the same data helpers as the
HTML report (:mod:`ivpanalyse.rapport.weergave`), so the document says what the page says: headings
per veld and thema (Word's own heading styles, so the navigation pane and a table of contents
work), the key figures as tables with Dutch numbers, the charts as PNG images with alt text, the
werkgroep's text apart from the machine's concept, and partner input. ``deel="samenvatting"`` writes
only the summary, as chapter 1 (uitgangssituatie) of the IVP.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from .. import taxonomie
from .. import invoer as _invoer
from ..atomisch import atomisch_pad
from . import grafieken, weergave
from .model import NOG_IN_TE_VULLEN, Rapport, _tekst
from .sjablonen import getal

DELEN = ("rapport", "samenvatting")
BREEDTE_CM = 15.5  # text width of A4 with Word's default margins
CONCEPT = "Conceptduiding uit de cijfers"


def schrijf(r: Rapport, doel: str | Path, *, deel: str = "rapport") -> Path:
    """Write the report (``deel="rapport"``) or its summary as IVP chapter 1 (``"samenvatting"``) to ``doel``.

    Returns
    -------
    Path
        ``doel``, written atomically.
    """
    if deel not in DELEN:
        raise ValueError(deel)
    w = _Woord(r)
    if deel == "samenvatting":
        w.samenvatting(hoofdstuk=True)
    else:
        w.titel()
        w.samenvatting(hoofdstuk=False)
        for v in taxonomie.velden():
            w.veld(v)
        w.strategisch()
        w.stap3()
        w.bijlage()
    doel = Path(doel)
    with atomisch_pad(doel) as tmp:
        w.doc.save(str(tmp))
    return doel


class _Woord:
    """Builds one document; each method adds a part."""

    def __init__(self, r: Rapport):
        from docx import Document
        from docx.shared import Pt

        self.r = r
        self.doc = Document()
        stijl = self.doc.styles["Normal"]
        stijl.font.name = "Calibri"
        stijl.font.size = Pt(10.5)
        _taal(stijl, "nl-NL")
        eigenschappen = self.doc.core_properties
        van, tot = r.jaren
        eigenschappen.title = f"Veiligheidsanalyse {r.naam} {van}–{tot}"
        eigenschappen.subject = "Stap 2 Kernbeleid Veiligheid"
        eigenschappen.language = "nl-NL"
        eigenschappen.author = "ivpanalyse"

    # ---- small pieces

    def kop(self, tekst: str, niveau: int):
        return self.doc.add_heading(tekst, level=niveau)

    def alinea(self, tekst: str = "", *, cursief: bool = False, vet: str = "", stijl: str | None = None):
        p = self.doc.add_paragraph(style=stijl)
        if vet:
            p.add_run(vet).bold = True
        if tekst:
            p.add_run(tekst).italic = cursief
        return p

    def tekst(self, tekst: str, *, cursief: bool = False) -> None:
        """Werkgroep or concept text: blank line = paragraph, lines starting '- ' = bullets."""
        for soort, regels in weergave.blokken(tekst):
            if soort == "ul":
                for regel in regels:
                    self.alinea(regel, cursief=cursief, stijl="List Bullet")
            else:
                self.alinea("\n".join(regels), cursief=cursief)

    def tabel(self, koppen: list[str], rijen: list[list[str]], *, getallen: set[int] = frozenset(),
              bijschrift: str | None = None, breedtes: list[float] | None = None) -> None:
        """A table with a header row; columns in ``getallen`` are right-aligned (Dutch numbers as text),
        ``breedtes`` in cm (Word keeps them; LibreOffice and Word otherwise squeeze the first column)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        if bijschrift:
            self.alinea(bijschrift, stijl="Caption")
        t = self.doc.add_table(rows=1, cols=len(koppen))
        t.style = "Light List Accent 1"
        for j, kop in enumerate(koppen):
            t.rows[0].cells[j].text = kop
        for rij in rijen:
            cellen = t.add_row().cells
            for j, waarde in enumerate(rij):
                cellen[j].text = waarde
                if j in getallen:
                    cellen[j].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if breedtes:
            t.autofit = False
            for kolom, breedte in zip(t.columns, breedtes):  # the grid: what LibreOffice reads
                kolom.width = Cm(breedte)
            for rij in t.rows:  # the cells: what Word reads
                for cel, breedte in zip(rij.cells, breedtes):
                    cel.width = Cm(breedte)
        self.alinea()

    def tabel_data(self, data: dict) -> None:
        """A table as built for the HTML report (:func:`ivpanalyse.rapport.weergave.tabel_data`)."""
        rijen, getallen = [], set()
        eerste = 1 if any(r["kop"] is not None for r in data["rijen"]) else 0
        for r in data["rijen"]:
            rijen.append(([r["kop"]] if eerste else []) + [c["tekst"] for c in r["cellen"]])
            getallen |= {j + eerste for j, c in enumerate(r["cellen"]) if c["getal"]}
        rest = (BREEDTE_CM - 3.0) / max(len(data["koppen"]) - 1, 1)
        self.tabel(list(data["koppen"]), rijen, getallen=getallen, bijschrift=data.get("bijschrift"),
                   breedtes=[3.0] + [rest] * (len(data["koppen"]) - 1))

    def figuur(self, fig, alt: str, bijschrift: str) -> None:
        from docx.shared import Cm

        self.doc.add_picture(io.BytesIO(grafieken.png(fig, dpi=150)), width=Cm(BREEDTE_CM))
        beeld = self.doc.inline_shapes[-1]
        beeld._inline.docPr.set("descr", alt)  # alt text for screen readers
        self.alinea(bijschrift, stijl="Caption")

    def bijdragen(self, code: str) -> None:
        lijst = weergave._bijdragen(self.r, code)
        if not lijst:
            return
        self.kop("Inbreng van partners", 4)
        for b in lijst:
            wanneer = ", ".join(x for x in (b["datum"], b["onderdeel"] if b["onderdeel"] != "algemeen" else "") if x)
            p = self.alinea(stijl="List Bullet")
            p.add_run(b["partner"]).bold = True
            p.add_run((f" ({wanneer})" if wanneer else "") + (f": {b['bijdrage']}" if b["bijdrage"] else ""))
            if b["opmerking"]:
                p.add_run(f" Open vraag/opmerking: {b['opmerking']}").italic = True

    def invulblok(self, titel: str, tekst: str) -> None:
        self.kop(titel, 4)
        if tekst:
            self.tekst(tekst)
        else:
            self.alinea(f"{NOG_IN_TE_VULLEN}.", cursief=True)

    # ---- parts

    def titel(self) -> None:
        r = self.r
        van, tot = r.jaren
        self.doc.add_heading(f"Veiligheidsanalyse {r.naam}", level=0)
        self.alinea(f"Stap 2 Kernbeleid Veiligheid · {r.gemeente} · periode {van}–{tot} · gemaakt "
                    f"{datetime.now():%d-%m-%Y}")
        if r.drieslag.bestand:
            self.alinea(f"Invulling van de werkgroep: {Path(r.drieslag.bestand).name} (ronde {r.drieslag.ronde}).")
        if not r.parameters.get("opmerkingen", True):
            self.alinea("Versie voor het college: zonder open vragen en opmerkingen van partners.", cursief=True)

    def samenvatting(self, *, hoofdstuk: bool) -> None:
        s = weergave.samenvatting_data(self.r)
        if hoofdstuk:
            self.kop("1 Uitgangssituatie", 1)
            self.alinea(f"Dit hoofdstuk vat de veiligheidsanalyse van {s['naam']} over {s['van']}–{s['tot']} samen "
                        "volgens de drieslag van Kernbeleid Veiligheid: problematiek, huidige aanpak en extra.")
        else:
            self.kop("Samenvatting: uitgangssituatie", 1)
        self.kop("Veiligheidsbeeld", 2)
        beeld = s["beeld"]
        if beeld is None:
            self.alinea("Er zijn geen registratiecijfers ingelezen; het beeld rust op de kwalitatieve informatie "
                        "van de werkgroep.")
        else:
            self.alinea(beeld["zin"])
            for t in beeld["trends"]:
                self.alinea(f"{t['woorden']} {_opsomming(t['themas'])}.")
            if beeld["hoog"]:
                meer = f" en nog {beeld['meer']} andere" if beeld["meer"] else ""
                self.alinea("Per 1.000 inwoners boven de vergelijking (de laatste drie jaar samen, getoetst): "
                            f"{_opsomming(beeld['hoog'])}{meer}.")
            self.kerncijfers_overzicht()
        if s["eigen"]:
            self.alinea(f"De werkgroep duidde de problematiek van {_opsomming(s['eigen'])}.")
        if s["herzien"]:
            self.alinea(f"de duiding van de werkgroep bij {_opsomming(s['herzien'])} is geschreven op oudere "
                        "cijfers.", vet="Te herzien: ")
        self.kop("Huidige aanpak", 2)
        self.alinea(s["aanpak_zin"])
        if s["knel"]:
            self.alinea(f"Knelpunten in de aanpak zijn genoemd bij {_opsomming(s['knel'])}.")
        self.kop("Voorgestelde prioriteiten", 2)
        if s["prioriteiten"]:
            for p in s["prioriteiten"]:
                leden = f" (combinatie van {_opsomming(p['leden'])})" if p["leden"] else ""
                reden = f": {p['reden']}" if p["reden"] else ""
                self.alinea(f"{p['thema']['label']}{leden}{reden} ({p['herkomst']})", stijl="List Bullet")
            if s["te_veel"]:
                self.alinea(f"{len(s['prioriteiten'])} prioriteiten voorgesteld; het handboek gaat uit van hooguit "
                            "drie à vier.", vet="Let op: ")
        else:
            self.alinea(f"{NOG_IN_TE_VULLEN}: nog geen prioriteiten voorgesteld.", cursief=True)
        self.alinea(f"Stand van de analyse: {s['open']} van de {s['onderdelen']} onderdelen staan nog open.")

    def kerncijfers_overzicht(self) -> None:
        """Per thema with figures: the latest year, per 1.000 inwoners against Nederland, the signal."""
        rijen = []
        for t in taxonomie.themas():
            reeks = self.r.reeks(t.code)
            met = reeks[reeks["aantal"].notna()]
            if met.empty:
                continue
            laatste = met.iloc[-1]
            sig = self.r.signalen.get(t.code) or {}
            rijen.append([f"{t.code} {t.kort}", str(int(laatste["periode"])), getal(laatste["aantal"]),
                          getal(laatste["per_1000"], 1), getal(laatste["nederland_per_1000"], 1),
                          _tekst(sig.get("signaal")) or "–"])
        if rijen:
            self.tabel(["Thema", "Jaar", "Aantal", "Per 1.000 inw.", "Nederland per 1.000", "Signaal"], rijen,
                       getallen={1, 2, 3, 4}, bijschrift="Kerncijfers per thema (laatste jaar)",
                       breedtes=[5.3, 1.4, 1.8, 2.2, 2.6, 2.2])

    def veld(self, v: taxonomie.Veld) -> None:
        self.kop(f"Veld {v.code}: {v.naam}", 1)
        if v.code == 1:
            self.alinea("Bij veld 1 wordt de problematiek per thema beschreven; huidige aanpak en extra worden "
                        "beantwoord per aspect van de aanpak.")
        for t in v.themas:
            self.thema(t)
        if v.code == 1:
            for a in taxonomie.aspecten():
                rij = self.r.drieslag.get(a.id)
                self.kop(f"Aspect {a.handboeknummer}: {a.naam}", 2)
                self.alinea(a.beschrijving, cursief=True)
                self.invulblok("Huidige aanpak", rij.aanpak)
                self.invulblok("Extra (mogelijke beleidsversterkingen)", rij.extra)
                self.bijdragen(a.id)

    def thema(self, t: taxonomie.Thema) -> None:
        r = self.r
        rij = r.drieslag.get(t.code)
        self.kop(f"{t.code} {t.naam}", 2)
        self.alinea(t.beschrijving, cursief=True)
        self.kop("Problematiek", 3)
        reeks = r.reeks(t.code)
        met = reeks[reeks["aantal"].notna()]
        if met.empty:
            self.alinea("Geen registratiecijfers voor dit thema in de ingelezen bronnen. Mogelijke bronnen: "
                        f"{'; '.join(t.bronnen) or 'zie het handboek'}.")
        else:
            per_1000 = bool(reeks["per_1000"].notna().any())
            sig = weergave._signaal(r, t.code)
            if sig:
                self.alinea(f" {sig['toelichting']}", vet=f"{sig['teken']} {sig['soort']}".strip() + ":")
                for o in sig["opmerkingen"]:
                    self.alinea(o, stijl="List Bullet")
            fig = r.tekenaar.thema_trend(met, naam=r.naam, titel=f"{t.code} {t.kort}", per_1000=per_1000)
            self.figuur(fig, weergave._alt(t, r, reeks, per_1000),
                        f"{t.kort}: {'per 1.000 inwoners' if per_1000 else 'aantal'} per jaar, {r.naam}.")
            self.tabel_data(weergave._kerncijfers(r, reeks, per_1000))
            laatste = met.iloc[-1]
            self.alinea(f"Bron: {_tekst(laatste.get('bron'))}; periode {int(met['periode'].min())}–"
                        f"{int(met['periode'].max())}.", cursief=True)
        status = r.status(t.code, "problematiek")
        concept = r.duidingen.get(t.code, "")
        herzien = weergave._herzien(r, t.code)
        if status == "ingevuld":
            self.kop("Duiding door de werkgroep", 4)
            self.tekst(rij.problematiek)
            for h in herzien:
                nu = f"; nu: {h['nu']}" if h["nu"] else ""
                self.alinea(f"{h['wat']} van de werkgroep is geschreven op de cijfers {h['geschreven_op']}{nu}.",
                            vet="Te herzien, geschreven op oudere cijfers: ")
                for wijziging in h["wijzigingen"]:
                    self.alinea(wijziging, stijl="List Bullet")
        if concept and (status != "ingevuld" or herzien):
            self.kop(f"Nieuwe {CONCEPT.lower()} (geen tekst van de werkgroep)" if status == "ingevuld" else CONCEPT, 4)
            self.tekst(concept, cursief=True)
        if status != "ingevuld":
            self.alinea(f"{NOG_IN_TE_VULLEN}: aanvullen met kwalitatieve informatie (gebiedsscan, partners, "
                        "meldingen).", vet="Duiding door de werkgroep: ", cursief=True)
        if t.veld != 1:
            self.invulblok("Huidige aanpak", rij.aanpak)
            self.invulblok("Extra (mogelijke beleidsversterkingen)", rij.extra)
        prio = weergave._prioriteit_blok(r, t)  # None: no proposal and no choice of the werkgroep yet
        if prio is None:
            self.alinea("geen voorstel uit de cijfers; keuze van de werkgroep: nog in te vullen.", vet="Prioriteit: ")
        else:
            self.alinea(prio["tekst"] + (f": {prio['reden']}" if prio["reden"] else ""), vet="Prioriteit: ")
        self.bijdragen(t.code)
        if rij.bronnen:
            self.alinea(f"Bronnen en partners: {rij.bronnen}", cursief=True)

    def strategisch(self) -> None:
        self.kop("Strategische thema's", 1)
        self.alinea("Het handboek behandelt drie actuele, overstijgende thema's die door de veiligheidsvelden heen "
                    "lopen; een IVP werkt ze uit in de strategische doelstelling en bij de thema's die ze raken.")
        for code, s in _invoer.strategische_codes().items():
            rij = self.r.drieslag.get(code)
            self.kop(s.naam, 2)
            self.alinea(s.beschrijving, cursief=True)
            themas = [f"{t.code} {t.kort}" for t in taxonomie.themas() if s.tag in t.strategisch]
            if themas:
                self.alinea(f"Raakt aan: {_lijst(themas)}.")
            if rij.problematiek or rij.aanpak or rij.extra:
                self.invulblok("Wat speelt er", rij.problematiek)
                self.invulblok("Huidige aanpak", rij.aanpak)
                self.invulblok("Extra (mogelijke beleidsversterkingen)", rij.extra)
            else:
                self.alinea(f"{NOG_IN_TE_VULLEN}: wat speelt er, de huidige aanpak en wat extra kan.", cursief=True)
            if rij.prioriteit is not None:
                oordeel = "voorgesteld als prioriteit" if rij.prioriteit else "geen prioriteit"
                self.alinea(f"{oordeel} (werkgroep).{' ' + rij.motivering if rij.motivering else ''}",
                            vet="Prioriteit: ")
            self.bijdragen(code)

    def stap3(self) -> None:
        p = weergave._prioriteiten(self.r)
        self.kop("Voorbereiding prioritering (stap 3)", 1)
        if p["te_veel"]:
            self.alinea(f"er zijn {p['aantal']} prioriteiten voorgesteld. Het handboek gaat uit van hooguit drie à "
                        "vier prioriteiten; kies bij de prioritering (stap 3).", vet="Let op: ")
        if p["rijen"]:
            rijen = [[str(x["nr"]), x["thema"]["label"] + (f" (combinatie van {_opsomming(x['leden'])})"
                                                           if x["leden"] else ""),
                      x["herkomst"], x["reden"] or "–"] for x in p["rijen"]]
            self.tabel(["Nr.", "Prioriteit", "Herkomst", "Motivering"], rijen, getallen={0},
                       bijschrift="Voorgestelde prioriteiten", breedtes=[1.0, 5.0, 3.0, 6.5])
        else:
            self.alinea("Nog geen prioriteiten voorgesteld.", cursief=True)
        if p["overig"]:
            self.alinea(f"Overige thema's (going concern): {_opsomming(p['overig'])}.")

    def bijlage(self) -> None:
        r = self.r
        self.kop("Bijlage: inbreng van partners en bronnen", 1)
        self.kop("Inbreng van partners", 2)
        opmerkingen = r.parameters.get("opmerkingen", True)
        rijen = []
        for b in r.drieslag.partners:
            rij = [weergave.naam_van(b.code), b.partner, f"{b.datum:%d-%m-%Y}" if b.datum else "–", b.onderdeel,
                   b.bijdrage or "–"]
            rijen.append(rij + ([b.opmerking or "–"] if opmerkingen else []))
        if rijen:
            koppen = ["Thema of aspect", "Partner", "Datum", "Onderdeel", "Bijdrage"]
            self.tabel(koppen + (["Open vraag of opmerking"] if opmerkingen else []), rijen)
        else:
            self.alinea("Geen inbreng van partners vastgelegd in het invulbestand.")
        if not opmerkingen:
            self.alinea("Versie voor het college: open vragen en opmerkingen van partners zijn weggelaten.")
        self.kop("Bronbestanden", 2)
        bestanden = r.bestanden
        self.tabel(["Bestand", "Tabel", "Perioden", "Voorlopig", "Cijfers"],
                   [[x.bestand, x.tabel, x.perioden, x.voorlopig, getal(x.cijfers)] for x in bestanden.itertuples()],
                   getallen={4})
        if r.drieslag.bestand:
            self.alinea(f"Invulling van de werkgroep: {Path(r.drieslag.bestand).name} (SHA-256 "
                        f"{(r.drieslag.sha256 or '')[:16]}).")


def _lijst(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _opsomming(links: list[dict]) -> str:
    """Links of the HTML report as Dutch prose: their labels and what follows them."""
    return _lijst([f"{i['label']}{i.get('na', '')}" for i in links]) if links else ""


def _taal(stijl, taal: str) -> None:
    """Set the proofing language of a style (Word's spelling check and hyphenation)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = stijl.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), taal)
