"""Plausible priorities per veld and effectindicatoren with streefwaarden (no I/O).

Stap 2 of Kernbeleid Veiligheid ends with plausible priorities per veiligheidsveld; stap 3 keeps
three to four. The score is a transparent sum of points with the reasons in words; the analyst's
own choice always wins. For the proposed priorities :func:`effectindicatoren` suggests two to
three indicators that mix objective and subjective sources, with a baseline and a target that
respects the recent trend and the comparable gemeenten (handbook part 1, "Effectindicatoren").

Score per thema (documented in ``docs/indicatoren.md``):

==============  ======================================================================
niveau          against the main benchmark by the one level rule of
                :mod:`ivpanalyse.analyse.oordeel` (pooled last 3 years, exact Poisson test
                and at least 10% apart): +2 ruim boven (>= 1,25x), +1 boven, -1 onder, 0 rond
trend           +2 stijgend (0 for registrations on police initiative: a rise can mean more
                enforcement); a fall scores 0 (handbook: hold on to what works)
high impact     +1 for a high impact thema with figures
piek            +1 when a peak (a year above both neighbours) calls for the story behind it
beleving        +1 when a subjective indicator of the thema worsened significantly
==============  ======================================================================

Every thema gets its reasons, also without figures (the report shows the whole table).

A thema is proposed when its score is at least :data:`DREMPEL`, it ranks first or second in its
veld and belongs to the :data:`MAX_VOORGESTELD` highest scores overall.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .. import taxonomie
from . import oordeel
from .duiding import cijfer
from ..opmaak import getal

DREMPEL = 3
MAX_PER_VELD = 2
MAX_VOORGESTELD = 4
STREEFJAREN = 4  # target year = base year + the usual term of an IVP
DALING_STANDAARD = 0.05  # default ambition when level and trend give no other cue
KLEIN_AANTAL = 10
SUBJECTIEF_THEMA = "1.4"  # subjectieve veiligheid: the usual subjective partner of a crime indicator


def _jaar(v) -> str:
    return "" if _leeg(v) else str(int(v))


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
        met_cijfers = signaal != "geen cijfers"
        initiatief = s.get("politie_initiatief") is True
        if not met_cijfers:
            redenen.append("geen recente registratiecijfers in de ingelezen bronnen: de werkgroep beoordeelt dit "
                           "thema")
        niveau, bm = s.get("niveau") or "", s.get("niveau_benchmark") or ""
        if niveau and met_cijfers:
            label = oordeel.LABEL.get(bm, bm)
            tekst = (f"{s.get('niveaujaren')} gemiddeld {cijfer(s.get('niveau_eigen'), 'rate')} per 1.000 inwoners "
                     f"tegen {cijfer(s.get('niveau_referentie'), 'rate')} bij {label}")
            if niveau == oordeel.BOVEN and s.get("verhouding", 0) >= oordeel.RUIM:
                punten["niveau"] = 2
                redenen.append(f"ruim boven {label}: {tekst}")
            elif niveau == oordeel.BOVEN:
                punten["niveau"] = 1
                redenen.append(f"boven {label}: {tekst}")
            elif niveau == oordeel.ONDER:
                punten["niveau"] = -1
                redenen.append(f"onder {label}: {tekst}")
            else:
                redenen.append(f"rond het niveau van {label}: {tekst}")
        if signaal == "stijgend" and initiatief:
            redenen.append("betekenisvolle stijging, maar deze misdrijven worden vooral geregistreerd als de politie "
                           "controleert: meer registraties kunnen meer handhaving betekenen")
        elif signaal == "stijgend":
            punten["trend"] = 2
            redenen.append(f"betekenisvolle stijging in {s.get('laatste_jaar_tekst') or _jaar(s.get('laatste_jaar'))} "
                           f"tegen {s.get('referentiejaren')}")
        elif signaal == "dalend":
            redenen.append("betekenisvolle daling: vasthouden wat werkt, geen reden om te prioriteren (handboek: "
                           "een daling is een reden om de aanpak vast te houden)")
        elif signaal == "klein aantal":
            redenen.append("kleine aantallen: geen trenduitspraak")
        elif signaal == "stabiel":
            redenen.append("geen betekenisvolle verandering in het laatste jaar")
        elif signaal == "niet getoetst":
            redenen.append("geen eerder vergelijkbaar jaar: geen trenduitspraak")
        if s.get("coronajaren"):
            redenen.append(f"coronajaren {s.get('coronajaren')} niet als referentie gebruikt")
        if t.high_impact and met_cijfers:
            punten["impact"] = 1
            redenen.append("high impact thema")
        elif t.high_impact:
            redenen.append("high impact thema; zonder cijfers beoordeelt de werkgroep het")
        if s.get("piek") is True:
            punten["piek"] = 1
            redenen.append(f"piek in {s.get('piekjaren')}: verhaal achter de cijfers nodig")
        if t.code in beleving:
            punten["beleving"] = 1
            redenen.append(f"beleving verslechterd: {', '.join(beleving[t.code])}")
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
                 maat: str = "aantal", benchmark: str = "", niveau: str = "",
                 politie_initiatief: bool = False) -> tuple[float, str]:
    """A suggested target and the reason, respecting the trend and the comparable gemeenten.

    Rules, for a figure where lower is better (mirrored when higher is better):

    0. registrations on police initiative (drugs, weapons, driving under influence): no target
       at all, never a decreasing one (more registrations can mean more enforcement);
    1. after a significant rise: back to the mean of the reference years;
    2. after a significant fall: hold the level (a further fall is not self-evident);
    3. small numbers: at most the mean of the reference years;
    4. judged above the main benchmark (``niveau``, the one level rule): halfway to it;
    5. otherwise: 5% better than the baseline (rapportcijfer/schaalscore: 0,1 point).

    A target is never worse than the baseline (the baseline is the latest definitive year, which
    can lie before a rise in a provisional year).
    """
    if _leeg(basis):
        return np.nan, "nulmeting nodig: nog geen cijfer in de ingelezen bronnen"
    if politie_initiatief:
        return np.nan, ("geen streefwaarde: deze misdrijven worden vooral geregistreerd als de politie controleert; "
                        "een daling kan minder handhaving betekenen. Volg de reeks naast de inzet")
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
    slechter = oordeel.BOVEN if beter < 0 else oordeel.ONDER
    if niveau == slechter and not _leeg(verhouding) and verhouding > 0:
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


def _basis(jaar: pd.DataFrame, kolom: str, noemer: str | None = None) -> tuple[float, float, str, float]:
    """Baseline: the latest definitive year with a figure (else the latest, marked provisional).

    Returns (value, year, note, denominator of that year or NaN).
    """
    rijen = jaar[jaar[kolom].notna()].sort_values("periode")
    if rijen.empty:
        return np.nan, np.nan, "", np.nan
    definitief = rijen[rijen["status"] != "voorlopig"]
    noot = ""
    r = definitief.iloc[-1] if len(definitief) else rijen.iloc[-1]
    if not len(definitief):
        noot = f" (basisjaar {int(r['periode'])} is voorlopig)"
    elif int(r["periode"]) < int(rijen["periode"].max()):
        noot = f" (basisjaar {int(r['periode'])}: het laatste definitieve jaar; {int(rijen['periode'].max())} is voorlopig)"
    n = float(r[noemer]) if noemer and noemer in r and not _leeg(r[noemer]) else np.nan
    return float(r[kolom]), int(r["periode"]), noot, n


def _per_1000(doel: float, noemer: float) -> float:
    return np.nan if _leeg(doel) or _leeg(noemer) or noemer <= 0 else doel / noemer * 1000


def _rij(thema, indicator, soort, bron, bestand, eenheid, richting, basis, basisjaar, doel, reden) -> dict:
    return {"thema": thema, "indicator": indicator, "soort": soort, "bron": bron, "bronbestand": bestand,
            "eenheid": eenheid, "richting": richting, "basiswaarde": basis, "basisjaar": basisjaar,
            "streefwaarde": doel, "toelichting": reden}


def effectindicatoren(prioriteiten: pd.DataFrame, signalen: pd.DataFrame, thema_jaar: pd.DataFrame,
                      indicator_signalen: pd.DataFrame, indicator_jaar: pd.DataFrame) -> pd.DataFrame:
    """Two to three effect indicators per proposed priority, with baseline and suggested target.

    Per priority (handbook part 1, "Effectindicatoren"; as the real IVPs do, per 1.000 inwoners
    or woningen): the thema's registrations per 1.000 inwoners (objective); the named
    sub-indicator with the strongest cue (objective): a significant worsening first, then a
    peak, then judged above its benchmark, then the ratio to the benchmark, then the relative
    change against the reference years, never one whose
    yearly counts equal the thema's (a duplicate) and small numbers only when nothing else is
    there; and a subjective indicator: a Veiligheidsmonitor figure when read, else the taxonomy's
    suggestion with ``"nulmeting nodig"``; of the thema itself, else of a related thema (1.4
    first). Baseline: the latest definitive year; target: :func:`streefwaarde` on the counts,
    expressed per 1.000 with the baseline year's denominator; target year = base year + 4.

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
        thema_aantallen = None
        if len(jaar) and jaar["aantal"].notna().any():
            thema_aantallen = dict(zip(jaar["periode"], jaar["aantal"]))
            basis, basisjaar, noot, noemer = _basis(jaar, "aantal", "inwoners")
            doel, reden = streefwaarde(basis, s.get("signaal"), s.get("gemiddelde_3jaar"), s.get("verhouding"),
                                       benchmark=s.get("benchmark", ""), niveau=s.get("niveau", ""),
                                       politie_initiatief=s.get("politie_initiatief") is True)
            per = not _leeg(noemer)
            soort_telling = ("Geregistreerde misdrijven" if str(s.get("bron", "")).startswith("47")
                             else "Registraties")
            rijen.append(_rij(t.code, f"{soort_telling} {t.kort.lower()}" + (" per 1.000 inwoners" if per else ""),
                              "objectief", s.get("bron", ""), jaar["bronbestand"].iloc[-1],
                              "per 1.000 inwoners" if per else "aantal", "lager is beter",
                              _per_1000(basis, noemer) if per else basis, basisjaar,
                              _afgerond(_per_1000(doel, noemer), "rate") if per else _afgerond(doel, "aantal"),
                              reden + noot))
        isig = (indicator_signalen[indicator_signalen["thema"] == t.code] if len(indicator_signalen)
                else indicator_signalen)
        if len(isig):
            obj = isig[(isig["soort"] == "objectief") & isig["maat"].astype(str).str.startswith("per 1.000")
                       & ~isig["indicator"].str.startswith("Registraties ")]
            if thema_aantallen is not None and len(obj):
                dubbel = []
                for r in obj.to_dict("records"):
                    reeks = indicator_jaar[(indicator_jaar["indicator"] == r["indicator"])
                                           & (indicator_jaar["bron"] == r["bron"])
                                           & (indicator_jaar["thema"] == r["thema"])]
                    dubbel.append(dict(zip(reeks["periode"], reeks["aantal"])) == thema_aantallen)
                obj = obj[~np.array(dubbel, dtype=bool)]
            if len(obj):
                obj = obj.assign(_groot=(obj["signaal"] != "klein aantal").astype(int),
                                 _stijgend=(obj["signaal"] == "stijgend").astype(int),
                                 _piek=obj["piek"].fillna(False).astype(bool).astype(int),
                                 _boven=(obj["niveau"] == oordeel.BOVEN).astype(int),
                                 _v=obj["verhouding"].astype(float).fillna(0),
                                 _rel=obj["verandering_3jaar"].astype(float).fillna(0),
                                 _n=obj["laatste_aantal"].astype(float).fillna(0))
                r = obj.sort_values(["_groot", "_stijgend", "_piek", "_boven", "_v", "_rel", "_n"],
                                    ascending=False).iloc[0].to_dict()
                reeks = indicator_jaar[(indicator_jaar["indicator"] == r["indicator"])
                                       & (indicator_jaar["bron"] == r["bron"])
                                           & (indicator_jaar["thema"] == r["thema"])]
                basis, basisjaar, noot, noemer = _basis(reeks, "aantal", "noemer_waarde")
                doel, reden = streefwaarde(basis, r["signaal"], r.get("gemiddelde_3jaar"), r.get("verhouding"),
                                           benchmark=r.get("benchmark", ""), niveau=r.get("niveau", ""),
                                           politie_initiatief=r.get("politie_initiatief") is True)
                per = not _leeg(noemer)
                rijen.append(_rij(t.code, f"{r['indicator']} {r['maat']}" if per else r["indicator"], "objectief",
                                  r["bron"], reeks["bronbestand"].iloc[-1], r["maat"] if per else "aantal",
                                  "lager is beter", _per_1000(basis, noemer) if per else basis, basisjaar,
                                  _afgerond(_per_1000(doel, noemer), "rate") if per else _afgerond(doel, "aantal"),
                                  reden + noot))
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
                                   & (indicator_jaar["bron"] == r["bron"])
                                           & (indicator_jaar["thema"] == r["thema"])]
            basis, basisjaar, noot, _ = _basis(reeks, "waarde")
            doel, reden = streefwaarde(basis, r["signaal"], np.nan, r.get("verhouding"), richting=r["richting"],
                                       maat=r["maat"], benchmark=r.get("benchmark", ""), niveau=r.get("niveau", ""))
            if r["thema"] != t.code:
                noot += f" (indicator van thema {r['thema']})"
            rijen.append(_rij(t.code, r["indicator"], "subjectief", r["bron"], reeks["bronbestand"].iloc[-1],
                              r["maat"], r["richting"], basis, basisjaar, _afgerond(doel, r["maat"]), reden + noot))
        else:
            voorstel = next(((c, i) for c in verwant for i in taxonomie.thema(c).indicatoren
                             if i.soort == "subjectief"), None)
            if voorstel is not None:
                c, i = voorstel
                rijen.append(_rij(t.code, i.naam, "subjectief", i.bron, "", "", "", np.nan, np.nan, np.nan,
                                  f"nulmeting nodig: nog geen cijfer uit {i.bron} ingelezen"
                                  + (f" (indicator van thema {c})" if c != t.code else "")))
        eigen = [r for r in rijen if r["thema"] == t.code]
        if len(eigen) < 2:
            bestaand = {r["indicator"] for r in eigen}
            for voorstel in t.indicatoren:
                if voorstel.naam not in bestaand and len([r for r in rijen if r["thema"] == t.code]) < 2:
                    rijen.append(_rij(t.code, voorstel.naam, voorstel.soort, voorstel.bron, "", "", "", np.nan,
                                      np.nan, np.nan, f"nulmeting nodig: nog geen cijfer uit {voorstel.bron} ingelezen"))
    uit = pd.DataFrame(rijen, columns=kolommen)
    uit["basisjaar"] = uit["basisjaar"].astype("Int64")
    uit["streefjaar"] = (uit["basisjaar"] + STREEFJAREN).astype("Int64")
    return uit[kolommen]
