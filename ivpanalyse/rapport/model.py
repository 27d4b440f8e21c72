"""The report model: everything one veiligheidsanalyserapportage shows, as data (no markup).

:class:`Rapport` joins the analysis (its indicator frames), the werkgroep's drieslag input and the
run parameters; the helpers here turn them into plain values (status per drieslag part, the
priorities, the source files and data-quality notes). :mod:`ivpanalyse.rapport.weergave` hands
these values to the Jinja2 templates; nothing here writes HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .. import __version__, taxonomie
from ..analyse import indicatoren
from ..analyse.indicatoren import Indicatoren
from ..cijfers import is_gelijk
from .. import invoer as _invoer
from ..invoer import Drieslag
from ..opmaak import datum, getal
from .sjablonen import SIGNAAL_TEKEN  # noqa: F401  (re-exported: one set of symbols for every page)

if TYPE_CHECKING:
    from . import grafieken

METADATA_MIME = "application/vnd.ivpanalyse.metadata+json"
# Per thema the figures a basisteam comparison needs (read back by the batch from the notebook).
KERNCIJFERS_MIME = "application/vnd.ivpanalyse.kerncijfers+json"
NOG_IN_TE_VULLEN = "Nog in te vullen"
MAX_PRIORITEITEN = 4  # handbook, stap 3: "een maximum van drie a vier prioriteiten"
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
    "categorie_jaar": ["thema", "bron", "categorie", "periode", "aantal"],
}
BENCHMARK_LABELS = {"basisteam_per_1000": "Basisteam", "nederland_per_1000": "Nederland",
                    "vergelijkbaar_per_1000": "Vergelijkbare gemeenten"}
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
    """The analysis' indicator frames; without them, the yearly series only (graceful degradation).

    The report never runs the analysis itself: an analysis without indicator frames shows its
    series and nothing that needs a judgement.
    """
    ind = getattr(analyse, "indicatoren", None)
    if ind is not None:
        return ind
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
        # The analysis recomputes priorities and effect indicators for the choice; the view only shows them.
        self.ind = indicatoren.met_keuzes(basis, finaal) if self.keuzes else basis
        self.gemeente = self.analyse.gemeente
        self.naam = self.analyse.naam
        self.jaren = tuple(self.analyse.jaren)

    @cached_property
    def tekenaar(self) -> grafieken.Tekenaar:
        """One reused matplotlib Figure (Word export; the HTML report draws its charts from a template)."""
        from . import grafieken

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

    @cached_property
    def teksten(self) -> dict[str, dict[str, str]]:
        """Per thema the signal's explanation and the concept duiding, each sentence said once.

        The analysis writes one text per thema; a sentence several thema's share (e.g. that the last
        year is provisional) is kept where it first appears in the report (thema order, signal
        before duiding) and left out after that, so the report never says the same sentence twice.
        """
        gezegd: set[str] = set()

        def eenmaal(tekst: str) -> str:
            alineas = []
            for alinea in re.split(r"\n\s*\n", tekst.strip()):
                nieuw = []
                for zin in zinnen(alinea):
                    sleutel = _norm(zin).lower()
                    if sleutel not in gezegd:
                        gezegd.add(sleutel)
                        nieuw.append(zin)
                if nieuw:
                    alineas.append(" ".join(nieuw))
            return "\n\n".join(alineas)

        uit = {}
        for t in taxonomie.themas():
            s = self.signalen.get(t.code) or {}
            signaal = eenmaal(_tekst(s.get("toelichting")))
            uit[t.code] = {"signaal": signaal, "concept": eenmaal(self.duidingen.get(t.code, ""))}
        return uit

    def _onbewerkt(self, code: str, rij) -> bool:
        """A pre-filled suggestion left as it was: same ja/nee, no motivering of the werkgroep's own."""
        voorstel = self.voorstel.get(code)
        return (voorstel is not None and rij.prioriteit == voorstel[0]
                and _norm(rij.motivering) in ("", _norm(voorstel[1])))

    @cached_property
    def oordeel(self) -> dict[str, dict]:
        """The analysis' judgement per thema (:attr:`Indicatoren.oordeel`), by thema code."""
        o = getattr(self.ind, "oordeel", None)
        return {} if o is None or o.empty else {str(r["thema"]): r for r in o.to_dict("records")}

    def met_cijfers(self, code: str) -> bool:
        """Whether the analysis judged the thema on figures (its signal is not 'geen cijfers')."""
        s = self.oordeel.get(code) or self.signalen.get(code) or {}
        return _tekst(s.get("signaal")) not in ("", "geen cijfers")

    def reeks(self, thema: str) -> pd.DataFrame:
        """The thema's yearly rows, by year (split once for all thema's; do not change the frame)."""
        return self._reeksen.get(thema, self.thema_jaar.iloc[0:0])

    @cached_property
    def _reeksen(self) -> dict[str, pd.DataFrame]:
        return {str(t): df.sort_values("periode") for t, df in self.thema_jaar.groupby("thema", sort=False)}

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
            # A thema without figures has no concept from the figures (only a request for other sources).
            return "concept" if (rij.problematiek or (concept and self.met_cijfers(code))) else "open"
        if deel in ("aanpak", "extra"):
            if veld1:
                return "nvt"
            return "ingevuld" if getattr(rij, deel) else "open"
        if deel == "prioriteit":
            if is_aspect:
                return "nvt"
            if code in self.keuzes:
                return "ingevuld"
            # A proposal 'from the figures' exists only for a thema with figures.
            return "concept" if code in self.voorstel and self.met_cijfers(code) else "open"
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

    @cached_property
    def prioriteitenlijst(self) -> list[_invoer.Prioriteit]:
        """The list for stap 3: the werkgroep's combined priorities, then single thema's and strategische
        thema's (the werkgroep's choice, else the suggestion); a thema inside a combination counts once."""
        rijen = {c: replace(r, prioriteit=self.keuzes.get(c)) if r.soort == _invoer.THEMA else r
                 for c, r in self.drieslag.rijen.items()}
        return _invoer.prioriteitenlijst(replace(self.drieslag, rijen=rijen), self.voorstel)

    @cached_property
    def te_veel_prioriteiten(self) -> bool:
        """More than the handbook's three to four priorities (stap 3)."""
        return len(self.prioriteitenlijst) > MAX_PRIORITEITEN

    @cached_property
    def herziening(self) -> dict[str, list[dict]]:
        """Per code the werkgroep's text written on figures that moved since (see :func:`ivpanalyse.invoer.herziening`)."""
        uit: dict[str, list[dict]] = {}
        for h in _invoer.herziening(self.drieslag, self.ind):
            uit.setdefault(h["code"], []).append(h)
        return uit


# --------------------------------------------------------------------------- small helpers


def _tekst(waarde) -> str:
    if waarde is None or (not isinstance(waarde, str) and pd.isna(waarde)):
        return ""
    return str(waarde).strip()


def zinnen(tekst: str) -> list[str]:
    """The sentences of a text: split after . ! ? and white space, before a capital, digit or bracket."""
    return [z for z in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý(])", tekst.strip()) if z.strip()]


def _norm(tekst: str) -> str:
    return " ".join(tekst.split())


def _waar(waarde) -> bool:
    return False if _getal_of_leeg(waarde) else bool(waarde)


def _getal_of_leeg(waarde) -> bool:
    return waarde is None or waarde is pd.NA or (isinstance(waarde, float) and np.isnan(waarde))


def onderdelen(r: Rapport) -> list[tuple[str, str, str]]:
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


def naam_van(code: str) -> str:
    if code.startswith("S"):
        return _invoer.strategische_codes()[code].naam
    if code.startswith("A"):
        a = taxonomie.aspect(code)
        return f"aspect {a.handboeknummer} {a.naam}"
    return f"{code} {taxonomie.thema(code).kort}"


def eerste_zin(tekst: str) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", tekst.strip(), re.S)
    return (m.group(1) if m else tekst.strip()).replace("\n", " ")


NIET_IN_BESTAND = "niet in het bestand"


def _bestanden(r: Rapport) -> pd.DataFrame:
    """Per source file: table, release, periods, provisional years, figures, SHA-256.

    Hash and release come from what the analysis read (:class:`ivpanalyse.bronnen.Bronnen`): the
    report never opens a source file again.
    """
    c = r.analyse.cijfers
    kolommen = ["bestand", "tabel", "publicatie", "perioden", "voorlopig", "cijfers", "sha256"]
    if c is None or not len(c):
        return pd.DataFrame(columns=kolommen)
    # Grouped on the columns as they are (categories): turning the whole national table into text first
    # cost more than the rest of the appendix; only the per-file result is made text and sorted.
    c = c[["bronbestand", "bron", "periode", "status"]]
    sleutel = ["bronbestand", "bron"]

    def als_tekst(df: pd.DataFrame) -> pd.DataFrame:
        return df.astype({k: str for k in sleutel})

    per = als_tekst(c.groupby(sleutel, observed=True, dropna=False)["periode"].agg(["min", "max", "size"])
                    .reset_index())
    per = per.sort_values(sleutel).reset_index(drop=True)
    vl = als_tekst(c.loc[is_gelijk(c["status"], "voorlopig"), sleutel + ["periode"]].drop_duplicates())
    voorlopig = {k: ", ".join(str(p) for p in sorted(set(g))) for k, g in vl.groupby(sleutel)["periode"]}
    # "geen" only when every figure's status is known to be definitief; otherwise the file did not say.
    bekend = als_tekst(c[sleutel].assign(_bekend=~is_gelijk(c["status"], "onbekend"))
                       .groupby(sleutel, observed=True, dropna=False)["_bekend"].all().reset_index())
    bekend = {(b, t): w for b, t, w in zip(bekend["bronbestand"], bekend["bron"], bekend["_bekend"])}
    gelezen = getattr(r.analyse, "bronnen", None)
    herkomst = {b.pad.name: b for b in (gelezen.bestanden if gelezen is not None else ())}
    rijen = []
    for x in per.itertuples(index=False):
        naam = Path(x.bronbestand).name
        bestand = herkomst.get(naam)
        rijen.append({"bestand": naam, "tabel": x.bron,
                      "publicatie": datum(bestand.publicatie if bestand else None, leeg=NIET_IN_BESTAND),
                      "perioden": f"{x.min}–{x.max}" if x.min != x.max else str(x.min),
                      "voorlopig": voorlopig.get((x.bronbestand, x.bron),
                                                 "geen" if bekend.get((x.bronbestand, x.bron)) else NIET_IN_BESTAND),
                      "cijfers": int(x.size),
                      "sha256": bestand.sha256 if bestand else ""})
    return pd.DataFrame(rijen, columns=kolommen)


def _herindelingen(r: Rapport) -> list[str]:
    from .. import register

    van, tot = r.jaren
    try:
        tabel = register.gemeenten()
    except Exception:  # register unavailable: say nothing rather than fail
        return []
    uit = []
    opvolgend = tabel[[r.gemeente in str(v).split("|") for v in tabel["opvolgers"].fillna("")]]
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


def kwaliteit(r: Rapport) -> list[str]:
    notities = _herindelingen(r)
    kw = getattr(r.ind, "kwaliteit", None)
    if kw is not None and len(kw) and {"periode", "toelichting"} <= set(kw.columns):
        for x in kw.to_dict("records"):
            notities.append(f"Bevolking {x['periode']}: {_tekst(x['toelichting'])}")
    c = r.analyse.cijfers
    if c is not None and len(c):
        eigen = c[is_gelijk(c["gemeente_code"], r.gemeente)]
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


def parameters_tekst(r: Rapport) -> dict[str, str]:
    return {k: json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
            for k, v in r.parameters.items()}


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
        "open_onderdelen": str(sum(s != "ingevuld" for _, _, s in onderdelen(r))),
        "gemaakt": datetime.now().isoformat(timespec="seconds"),
    }
