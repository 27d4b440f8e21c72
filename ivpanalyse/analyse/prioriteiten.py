"""Plausible priorities per veld and effectindicatoren with streefwaarden (no I/O).

Stap 2 of Kernbeleid Veiligheid ends with plausible priorities per veiligheidsveld; stap 3 keeps
three to four. The score is a transparent sum of points with the reasons in words; the analyst's
own choice always wins. For the proposed priorities :func:`effectindicatoren` suggests two to
three indicators that mix objective and subjective sources, with a baseline and a target that
respects the recent trend and the comparable gemeenten (handbook part 1, "Effectindicatoren").

Score per thema (documented in ``docs/indicatoren.md``):

==============  ======================================================================
niveau          +2 when the mean rate of the last 3 years is >= 1,25x the benchmark,
                +1 when >= 1,10x, -1 when <= 0,80x, else 0 (benchmark: vergelijkbare
                gemeenten, else basisteam, else Nederland)
trend           +2 stijgend, -1 dalend, 0 otherwise (see the signal rule)
high impact     +1 for a high impact thema (taxonomy)
piek            +1 when a peak calls for "het verhaal achter de cijfers"
beleving        +1 when a subjective indicator of the thema worsened significantly
==============  ======================================================================

A thema is proposed when its score is at least :data:`DREMPEL`, it ranks first or second in its
veld and belongs to the :data:`MAX_VOORGESTELD` highest scores overall.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import taxonomie
from .duiding import cijfer
from ..opmaak import getal

DREMPEL = 3
MAX_PER_VELD = 2
MAX_VOORGESTELD = 4
STREEFJAREN = 4  # target year = base year + the usual term of an IVP
DALING_STANDAARD = 0.05  # default ambition when level and trend give no other cue
KLEIN_AANTAL = 10
SUBJECTIEF_THEMA = "1.4"  # subjectieve veiligheid: the usual subjective partner of a crime indicator


def _leeg(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _verslechterd(signaal: str, richting: str) -> bool:
    return (signaal == "stijgend" and richting == "lager is beter") or (
        signaal == "dalend" and richting == "hoger is beter")


def score(signalen: pd.DataFrame, indicator_signalen: pd.DataFrame | None = None, *,
          keuzes: dict[str, bool] | None = None) -> pd.DataFrame:
    """Score every thema and propose plausible priorities per veld.

    Parameters
    ----------
    signalen
        :attr:`Indicatoren.signalen` (one row per thema).
    indicator_signalen
        :attr:`Indicatoren.indicator_signalen`, for the subjective indicators.
    keuzes
        The analyst's choice per thema code: ``True`` makes it a priority, ``False`` excludes it,
        whatever the score.

    Returns
    -------
    DataFrame
        ``veld, thema, kort, score, niveau_punten, trend_punten, impact_punten, piek_punten,
        beleving_punten, redenen, keuze, voorgesteld, rang_in_veld``.
    """
    keuzes = dict(keuzes or {})
    codes = {t.code for t in taxonomie.themas()}
    onbekend = sorted(set(keuzes) - codes)
    if onbekend:
        from ..errors import IndicatorFout

        raise IndicatorFout("onbekende themacode in de keuzes van de analist", kolom="keuzes", waarde=onbekend[0])
    per_thema = signalen.set_index("thema").to_dict("index") if len(signalen) else {}
    beleving: dict[str, list[str]] = {}
    if indicator_signalen is not None and len(indicator_signalen) and "soort" in indicator_signalen:
        subj = indicator_signalen[indicator_signalen["soort"] == "subjectief"]
        for r in subj.to_dict("records"):
            if _verslechterd(r.get("signaal"), r.get("richting")):
                beleving.setdefault(r["thema"], []).append(r["indicator"])

    rijen = []
    for t in taxonomie.themas():
        s = per_thema.get(t.code, {})
        redenen, punten = [], dict(niveau=0, trend=0, impact=0, piek=0, beleving=0)
        signaal = s.get("signaal", "geen cijfers")
        verhouding = s.get("verhouding")
        if signaal == "geen cijfers":
            redenen.append("geen cijfers in de ingelezen bronnen: de werkgroep beoordeelt dit thema")
        if not _leeg(verhouding):
            label = s.get("benchmark") or "de benchmark"
            tekst = (f"gemiddeld {cijfer(s.get('niveau_3jaar'), 'rate')} per 1.000 inwoners tegen "
                     f"{cijfer(s.get('benchmark_3jaar'), 'rate')} bij {label} ({getal(verhouding, 2)}x)")
            if verhouding >= 1.25:
                punten["niveau"] = 2
                redenen.append(f"ruim boven {label}: {tekst} (+2)")
            elif verhouding >= 1.10:
                punten["niveau"] = 1
                redenen.append(f"boven {label}: {tekst} (+1)")
            elif verhouding <= 0.80:
                punten["niveau"] = -1
                redenen.append(f"duidelijk onder {label}: {tekst} (-1)")
            else:
                redenen.append(f"rond het niveau van {label}: {tekst} (0)")
        if signaal == "stijgend":
            punten["trend"] = 2
            redenen.append("betekenisvolle stijging in het laatste jaar (+2)")
        elif signaal == "dalend":
            punten["trend"] = -1
            redenen.append("betekenisvolle daling in het laatste jaar (-1)")
        elif signaal == "klein aantal":
            redenen.append("kleine aantallen: geen trenduitspraak (0)")
        if t.high_impact:
            punten["impact"] = 1
            redenen.append("high impact thema (+1)")
        if s.get("piek") is True:
            punten["piek"] = 1
            redenen.append(f"piek in {s.get('piekjaren')}: verhaal achter de cijfers nodig (+1)")
        if t.code in beleving:
            punten["beleving"] = 1
            redenen.append(f"beleving verslechterd: {', '.join(beleving[t.code])} (+1)")
        keuze = keuzes.get(t.code, pd.NA)
        if keuze is True:
            redenen.append("gekozen door de analist")
        elif keuze is False:
            redenen.append("door de analist niet gekozen")
        rijen.append({"veld": t.veld, "thema": t.code, "kort": t.kort, "score": sum(punten.values()),
                      **{f"{k}_punten": v for k, v in punten.items()}, "redenen": "; ".join(redenen),
                      "keuze": keuze})
    uit = pd.DataFrame(rijen)
    uit["_orde"] = range(len(uit))
    uit["rang_in_veld"] = (uit.sort_values(["score", "_orde"], ascending=[False, True])
                           .groupby("veld").cumcount() + 1).reindex(uit.index)
    kandidaat = (uit["score"] >= DREMPEL) & (uit["rang_in_veld"] <= MAX_PER_VELD)
    top = uit[kandidaat].sort_values(["score", "_orde"], ascending=[False, True]).head(MAX_VOORGESTELD).index
    uit["voorgesteld"] = uit.index.isin(top)
    uit.loc[uit["keuze"].map(lambda k: k is True), "voorgesteld"] = True
    uit.loc[uit["keuze"].map(lambda k: k is False), "voorgesteld"] = False
    return uit.drop(columns="_orde")[["veld", "thema", "kort", "score", "niveau_punten", "trend_punten",
                                      "impact_punten", "piek_punten", "beleving_punten", "redenen", "keuze",
                                      "voorgesteld", "rang_in_veld"]]


def streefwaarde(basis: float, signaal: str, gemiddelde: float, verhouding: float, *, richting: str = "lager is beter",
                 maat: str = "aantal", benchmark: str = "") -> tuple[float, str]:
    """A suggested target and the reason, respecting the trend and the comparable gemeenten.

    Rules, for a figure where lower is better (mirrored when higher is better):

    1. after a significant rise: back to the mean of the reference years;
    2. after a significant fall: hold the level (a further fall is not self-evident);
    3. small numbers: at most the mean of the reference years;
    4. above the benchmark (ratio >= 1,10): halfway to the benchmark;
    5. otherwise: 5% better than the baseline (rapportcijfer/schaalscore: 0,1 point).

    A target is never worse than the baseline (the baseline is the latest definitive year, which
    can lie before a rise in a provisional year).
    """
    if _leeg(basis):
        return np.nan, "nulmeting nodig: nog geen cijfer in de ingelezen bronnen"
    beter = -1 if richting == "lager is beter" else 1
    verslechterd = _verslechterd(signaal, richting)
    verbeterd = signaal in ("stijgend", "dalend") and not verslechterd
    if verslechterd and not _leeg(gemiddelde):
        return _begrensd(gemiddelde, "terug naar het gemiddelde van de jaren vóór de stijging", basis, richting)
    if verbeterd:
        return basis, "vasthouden: na een duidelijke verbetering is verdere verbetering niet vanzelfsprekend"
    if signaal == "klein aantal" and not _leeg(gemiddelde):
        return _begrensd(max(gemiddelde, 0.0), "klein aantal: hooguit het gemiddelde van de laatste jaren", basis,
                         richting)
    if not _leeg(verhouding) and ((beter < 0 and verhouding >= 1.10) or (beter > 0 and verhouding <= 0.90)):
        # The ratio may come from a later (provisional) year than the baseline: keep it bounded.
        return _begrensd(basis / verhouding + (basis - basis / verhouding) / 2,
                         f"halverwege naar het niveau van {benchmark}", basis, richting)
    if maat in ("rapportcijfer", "schaalscore"):
        return basis + beter * 0.1, "licht verbeteren (0,1 punt)"
    return basis * (1 + beter * DALING_STANDAARD), "licht verbeteren (5%)"


def _begrensd(doel: float, reden: str, basis: float, richting: str) -> tuple[float, str]:
    """A target is never worse than the baseline (e.g. the baseline year lies before a rise)."""
    if _leeg(doel) or _leeg(basis):
        return doel, reden
    slechter = doel > basis if richting == "lager is beter" else doel < basis
    return (basis, f"{reden}; begrensd op de basiswaarde") if slechter else (doel, reden)


def _afgerond(waarde: float, maat: str) -> float:
    if _leeg(waarde):
        return np.nan
    return float(round(waarde)) if maat == "aantal" else round(float(waarde), 1)


def _basis(jaar: pd.DataFrame, kolom: str) -> tuple[float, float, str]:
    """Baseline: the latest definitive year with a figure (else the latest), its value and a note."""
    rijen = jaar[jaar[kolom].notna()].sort_values("periode")
    if rijen.empty:
        return np.nan, np.nan, ""
    definitief = rijen[rijen["status"] != "voorlopig"]
    if len(definitief):
        r = definitief.iloc[-1]
        return float(r[kolom]), int(r["periode"]), ""
    r = rijen.iloc[-1]
    return float(r[kolom]), int(r["periode"]), " (voorlopig cijfer)"


def effectindicatoren(prioriteiten: pd.DataFrame, signalen: pd.DataFrame, thema_jaar: pd.DataFrame,
                      indicator_signalen: pd.DataFrame, indicator_jaar: pd.DataFrame) -> pd.DataFrame:
    """Two to three effect indicators per proposed priority, with baseline and suggested target.

    Per priority: the thema's registrations (objective), the named sub-indicator with the
    strongest cue (rising, peak, or highest against its benchmark; objective), and a subjective
    indicator: a Veiligheidsmonitor figure when read, else the taxonomy's suggestion with
    ``"nulmeting nodig"``; of the thema itself, else of a related thema (1.4 first). Baseline: the
    latest definitive year; target: :func:`streefwaarde`, target year = base year + 4.

    Returns
    -------
    DataFrame
        ``thema, indicator, soort, bron, bronbestand, eenheid, richting, basiswaarde, basisjaar,
        streefwaarde, streefjaar, toelichting``.
    """
    kolommen = ["thema", "indicator", "soort", "bron", "bronbestand", "eenheid", "richting", "basiswaarde",
                "basisjaar", "streefwaarde", "streefjaar", "toelichting"]
    rijen = []
    sig = signalen.set_index("thema").to_dict("index") if len(signalen) else {}
    gekozen = prioriteiten[prioriteiten["voorgesteld"]].sort_values("score", ascending=False)
    for p in gekozen.to_dict("records"):
        t = taxonomie.thema(p["thema"])
        s = sig.get(t.code, {})
        jaar = thema_jaar[thema_jaar["thema"] == t.code]
        if len(jaar):
            basis, basisjaar, noot = _basis(jaar, "aantal")
            doel, reden = streefwaarde(basis, s.get("signaal"), s.get("gemiddelde_3jaar"), s.get("verhouding"),
                                       benchmark=s.get("benchmark", ""))
            rijen.append({"thema": t.code, "indicator": f"Geregistreerde misdrijven {t.kort.lower()}"
                          if str(s.get("bron", "")).startswith("47") else f"Registraties {t.kort.lower()}",
                          "soort": "objectief", "bron": s.get("bron", ""),
                          "bronbestand": jaar["bronbestand"].iloc[-1], "eenheid": "aantal",
                          "richting": "lager is beter", "basiswaarde": basis, "basisjaar": basisjaar,
                          "streefwaarde": _afgerond(doel, "aantal"), "toelichting": reden + noot})
        isig = (indicator_signalen[indicator_signalen["thema"] == t.code] if len(indicator_signalen)
                else indicator_signalen)
        if len(isig):
            obj = isig[(isig["soort"] == "objectief") & isig["maat"].astype(str).str.startswith("per 1.000")
                       & ~isig["indicator"].str.startswith("Registraties ")]
            if len(obj):
                obj = obj.assign(_stijgend=(obj["signaal"] == "stijgend").astype(int),
                                 _piek=obj["piek"].fillna(False).astype(bool).astype(int),
                                 _groot=(obj["laatste_aantal"] >= KLEIN_AANTAL).astype(int),
                                 _v=obj["verhouding"].fillna(0), _n=obj["laatste_aantal"].fillna(0))
                r = obj.sort_values(["_groot", "_stijgend", "_piek", "_v", "_n"], ascending=False).iloc[0].to_dict()
                reeks = indicator_jaar[(indicator_jaar["indicator"] == r["indicator"])
                                       & (indicator_jaar["bron"] == r["bron"])]
                basis, basisjaar, noot = _basis(reeks, "aantal")
                doel, reden = streefwaarde(basis, r["signaal"], r.get("gemiddelde_3jaar"), r.get("verhouding"),
                                           benchmark=r.get("benchmark", ""))
                rijen.append({"thema": t.code, "indicator": r["indicator"], "soort": "objectief", "bron": r["bron"],
                              "bronbestand": reeks["bronbestand"].iloc[-1], "eenheid": "aantal",
                              "richting": "lager is beter", "basiswaarde": basis, "basisjaar": basisjaar,
                              "streefwaarde": _afgerond(doel, "aantal"), "toelichting": reden + noot})
        # Subjective partner: the thema's own, else of a related thema (1.4 subjectieve veiligheid first).
        verwant = [t.code] + sorted(t.raakvlakken,
                                    key=lambda c: (c != SUBJECTIEF_THEMA, taxonomie.thema(c).sorteersleutel))
        subj = (indicator_signalen[(indicator_signalen["soort"] == "subjectief")
                                   & indicator_signalen["thema"].isin(verwant)]
                if len(indicator_signalen) else indicator_signalen)
        if len(subj):
            subj = subj.assign(_orde=subj["thema"].map({c: i for i, c in enumerate(verwant)})).sort_values("_orde")
            r = subj.iloc[0].to_dict()
            reeks = indicator_jaar[(indicator_jaar["indicator"] == r["indicator"])
                                   & (indicator_jaar["bron"] == r["bron"])]
            basis, basisjaar, noot = _basis(reeks, "waarde")
            doel, reden = streefwaarde(basis, r["signaal"], np.nan, r.get("verhouding"), richting=r["richting"],
                                       maat=r["maat"], benchmark=r.get("benchmark", ""))
            if r["thema"] != t.code:
                noot += f" (indicator van thema {r['thema']})"
            rijen.append({"thema": t.code, "indicator": r["indicator"], "soort": "subjectief", "bron": r["bron"],
                          "bronbestand": reeks["bronbestand"].iloc[-1], "eenheid": r["maat"],
                          "richting": r["richting"], "basiswaarde": basis, "basisjaar": basisjaar,
                          "streefwaarde": _afgerond(doel, r["maat"]), "toelichting": reden + noot})
        else:
            voorstel = next(((c, i) for c in verwant for i in taxonomie.thema(c).indicatoren
                             if i.soort == "subjectief"), None)
            if voorstel is not None:
                c, i = voorstel
                rijen.append({"thema": t.code, "indicator": i.naam, "soort": "subjectief", "bron": i.bron,
                              "bronbestand": "", "eenheid": "", "richting": "", "basiswaarde": np.nan,
                              "basisjaar": np.nan, "streefwaarde": np.nan,
                              "toelichting": f"nulmeting nodig: nog geen cijfer uit {i.bron} ingelezen"
                              + (f" (indicator van thema {c})" if c != t.code else "")})
        eigen = [r for r in rijen if r["thema"] == t.code]
        if len(eigen) < 2:
            bestaand = {r["indicator"] for r in eigen}
            for voorstel in t.indicatoren:
                if voorstel.naam not in bestaand and len([r for r in rijen if r["thema"] == t.code]) < 2:
                    rijen.append({"thema": t.code, "indicator": voorstel.naam, "soort": voorstel.soort,
                                  "bron": voorstel.bron, "bronbestand": "", "eenheid": "", "richting": "",
                                  "basiswaarde": np.nan, "basisjaar": np.nan, "streefwaarde": np.nan,
                                  "toelichting": f"nulmeting nodig: nog geen cijfer uit {voorstel.bron} ingelezen"})
    uit = pd.DataFrame(rijen, columns=kolommen)
    uit["basisjaar"] = uit["basisjaar"].astype("Int64")
    uit["streefjaar"] = (uit["basisjaar"] + STREEFJAREN).astype("Int64")
    return uit[kolommen]
