"""Draft Dutch problematiek text per thema from the judgement frames (no I/O).

Every sentence states only what a judgement column says (:mod:`ivpanalyse.analyse.oordeel`): a
change is "betekenisvol" only when the ``signaal`` column says so, a level is "boven"/"onder" a
benchmark only when its ``niveau_<benchmark>`` column says so; the series itself is given as its
numbers (the shape it has, corona and provisional years marked), never as a first-against-last
change that could point the other way. :func:`zinnen` returns every sentence with the judgement
columns it came from, so a test can check that no sentence contradicts them. The analyst edits
the text in the report input.

Example (Haaksbergen, 1.3): "Geregistreerde misdrijven in dit thema (...; bron 47018NED): 2019: 163,
2020: 147 (coronajaar), ... Betekenisvolle daling: 91 in 2023 tegen gemiddeld 151 in 2018, 2019 en
2022 ..."
"""

from __future__ import annotations

import math

import pandas as pd

from .. import taxonomie
from ..opmaak import decimalen, getal, procent
from . import oordeel

ALPHA = 0.05
MAX_INDICATOREN = 4  # sub-indicators mentioned per thema
REEKSJAREN = 6  # years of a series written out in the text (the trend window and a reference year)

SOORT_TELLING = {"47018NED": "Geregistreerde misdrijven", "47013NED": "Geregistreerde misdrijven",
                 "47022NED": "Geregistreerde misdrijven", "83648NED": "Geregistreerde misdrijven (CBS)",
                 "incidenten": "Politie-incidenten", "lokaal": "Lokale registraties"}
WOORD = {oordeel.BOVEN: "boven", oordeel.ONDER: "onder", oordeel.ROND: "ongeveer op het niveau van"}
# The phrases that state a direction; a sentence may only use the one its signaal column allows.
RICHTING = {"stijgend": ("Betekenisvolle stijging", "Langjarige stijging", "duidelijk hoger"),
            "dalend": ("Betekenisvolle daling", "Langjarige daling", "duidelijk lager")}
ZIN_KOLOMMEN = ["thema", "onderdeel", "indicator", "tekst", "signaal", "niveau", "niveau_benchmark",
                "niveau_basisteam", "niveau_nederland", "niveau_vergelijkbaar", "voorlopig", "politie_initiatief"]


def _leeg(waarde) -> bool:
    return waarde is None or (isinstance(waarde, float) and math.isnan(waarde)) or waarde is pd.NA


def _jaar(waarde) -> str:
    return "" if _leeg(waarde) else str(int(waarde))


def _p(p: float) -> str:
    if _leeg(p):
        return "p onbekend"
    return "p < 0,001" if p < 0.001 else f"p = {getal(p, 3)}"


def cijfer(waarde, maat: str = "aantal", decimalen_: int = 1) -> str:
    """A figure in Dutch notation for its measure: counts whole, rates and scores with one decimal
    (``decimalen_`` for rates shown beside others, see :func:`ivpanalyse.opmaak.decimalen`)."""
    if _leeg(waarde):
        return "–"
    if maat == "procent":
        return f"{getal(waarde, 1)}%"
    if maat == "aantal":
        return getal(waarde, 0 if float(waarde).is_integer() else 1)
    return getal(waarde, decimalen_)


def _gemiddelde(waarde, maat: str) -> str:
    """A mean of counts: whole from 10 up (a decimal on 3.187 suggests a precision counts do not have)."""
    if maat == "aantal" and not _leeg(waarde) and abs(float(waarde)) >= 10:
        return getal(round(float(waarde)), 0)
    return cijfer(waarde, maat)


def _opsomming(delen: list[str]) -> str:
    return delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]


def signaal_tekst(r: dict) -> str:
    """The signal of one series in words (the ``toelichting`` of a signal row)."""
    signaal = r.get("signaal")
    maat = r.get("maat") or "aantal"
    maat = "aantal" if maat.startswith("per 1.000") else maat
    if signaal == "geen cijfers" or _leeg(r.get("laatste_jaar")):
        return "Geen cijfers in de ingelezen bronnen."
    jaar, laatste = _jaar(r["laatste_jaar"]), cijfer(r.get("laatste_aantal"), maat)
    if r.get("kruiscontrole") is True:
        van = _jaar(r.get("segment_van") or r.get("periode_van"))
        periode = jaar if not van or van == jaar else f"{van}-{jaar}"
        hoofd = r.get("hoofdbron") or ""
        if hoofd and hoofd != r.get("bron"):
            zin = (f"Ter controle, uit een andere bron met een eigen indeling ({r.get('bron')}, {periode}): geen "
                   f"eigen uitspraak over trend of niveau; die komen uit {hoofd}.")
        else:
            zin = (f"Alleen ter controle ({r.get('bron')}, {periode}): te oud voor een uitspraak over trend of niveau "
                   "nu.")
        return zin + (" De bron rondt aantallen af op 5." if r.get("afgerond_op_5") is True else "")
    ref, gem = r.get("referentiejaren") or "", _gemiddelde(r.get("gemiddelde_3jaar"), maat)
    delen = []
    if signaal == "niet getoetst" and int(r["laatste_jaar"]) in oordeel.CORONAJAREN and ref:
        pct = procent(r.get("verandering_3jaar"), 0)
        delen.append(f"{laatste} in {jaar} tegen gemiddeld {gem} in {ref} (verandering per inwoner {pct}). Het laatste "
                     f"jaar met cijfers, {jaar}, is een coronajaar (lockdowns): een verandering daarin is geen "
                     "betekenisvolle trend; daarom geen uitspraak over stijging of daling.")
    elif signaal == "niet getoetst":
        if _leeg(r.get("vorig_aantal")):
            delen.append(f"Alleen een cijfer over {jaar} ({laatste}): nog geen vergelijking met eerdere jaren.")
        else:
            delen.append(f"{laatste} in {jaar} tegen {cijfer(r.get('vorig_aantal'), maat)} in "
                         f"{_jaar(r.get('vorig_jaar'))}; zonder betrouwbaarheidsmarges is niet te zeggen of dat "
                         "verschil meer is dan toeval.")
    elif signaal == "klein aantal" and not ref:
        delen.append(f"Klein aantal: {laatste} in {jaar}, zonder eerder vergelijkbaar jaar. Bij zulke aantallen "
                     "kan een verschil toeval zijn; daarom geen uitspraak over stijging of daling.")
    elif signaal == "klein aantal":
        delen.append(f"Klein aantal: gemiddeld {gem} per jaar in {ref}, nu {laatste} in {jaar}. Bij zulke "
                     "aantallen kan een verandering toeval zijn; daarom geen uitspraak over stijging of daling.")
        if r.get("significant") is True:
            delen.append(f"De verandering is wel groter dan toeval doet verwachten ({_p(r.get('p_waarde'))}); "
                         "zoek het verhaal achter de cijfers.")
    elif (signaal in ("stijgend", "dalend") and r.get("significant") is not True
          and r.get("langjarig") == signaal):
        woord = "stijging" if signaal == "stijgend" else "daling"
        delen.append(f"Langjarige {woord}: gemiddeld {_gemiddelde(r.get('gemiddelde_begin'), maat)} per jaar in "
                     f"{r.get('langjarig_van')} tegen {laatste} in {jaar} en gemiddeld {gem} in {ref} (verandering "
                     f"per inwoner {procent(r.get('verandering_langjarig'), 0)}, {_p(r.get('p_langjarig'))}). "
                     f"Het laatste jaar alleen wijkt niet betekenisvol af van {ref}.")
    elif not _leeg(r.get("p_waarde")):
        # The change is judged per inwoner (exposure), so the percentage says so.
        pct = "verandering per inwoner " + procent(r.get("verandering_3jaar"), 0 if abs(r.get("verandering_3jaar") or 0) >= 0.2
                                       else 1)
        if signaal in ("stijgend", "dalend"):
            woord = "stijging" if signaal == "stijgend" else "daling"
            delen.append(f"Betekenisvolle {woord}: {laatste} in {jaar} tegen gemiddeld {gem} in {ref} "
                         f"({pct}, {_p(r.get('p_waarde'))}).")
        elif r.get("p_waarde") < ALPHA:
            delen.append(f"{laatste} in {jaar} tegen gemiddeld {gem} in {ref} ({pct}): meer dan toeval, maar "
                         "minder dan de drempel van 10%; daarom 'stabiel'.")
        else:
            delen.append(f"Geen betekenisvolle verandering: {laatste} in {jaar} tegen gemiddeld {gem} in {ref} "
                         f"({pct}); dat valt binnen wat toeval kan geven.")
    else:
        vorig = cijfer(r.get("vorig_aantal"), maat)
        if signaal in ("stijgend", "dalend"):
            woord = "hoger" if signaal == "stijgend" else "lager"
            delen.append(f"{laatste} in {jaar} tegen {vorig} in {_jaar(r.get('vorig_jaar'))}: duidelijk {woord} "
                         "(de betrouwbaarheidsmarges overlappen niet).")
        else:
            delen.append(f"{laatste} in {jaar} tegen {vorig} in {_jaar(r.get('vorig_jaar'))}: geen duidelijk "
                         "verschil (de betrouwbaarheidsmarges overlappen).")
    if r.get("coronajaren") and ref:
        delen.append(f"Coronajaren ({r.get('coronajaren')}) tellen niet mee als referentie: de lockdowns maakten "
                     "die jaren uitzonderlijk.")
    if r.get("politie_initiatief") is True:
        delen.append("Deze misdrijven worden vooral geregistreerd als de politie zelf controleert: meer registraties "
                     "kunnen meer handhaving betekenen, minder registraties minder handhaving.")
    if r.get("afgerond_op_5") is True:
        delen.append("De bron rondt aantallen af op 5.")
    if r.get("piek") is True:
        delen.append(f"Piek in {r.get('piekjaren')}: vraag naar het verhaal achter de cijfers.")
    if r.get("status_laatste") == "voorlopig":
        delen.append(f"Het cijfer over {jaar} ({laatste}) is voorlopig en kan nog veranderen.")
    breuk = r.get("reeksbreuk_recent", r.get("reeksbreuk"))
    if breuk:
        delen.append(f"Let op, reeksbreuk in {breuk.replace(' | ', '; en in ')}.")
    return " ".join(delen)


def reeks_tekst(jaren: dict, kolom: str = "aantal", maat: str = "aantal", van=None, tot=None) -> str:
    """``"2019: 495, 2020: 445 (coronajaar), ... 2023: 509 (voorlopig)"``: the series as it is."""
    periodes = sorted(p for p, r in jaren.items() if not _leeg(r.get(kolom)) and (van is None or p >= van)
                      and (tot is None or p <= tot))[-REEKSJAREN:]
    delen = []
    for p in periodes:
        r = jaren[p]
        noten = (["coronajaar"] if int(p) in oordeel.CORONAJAREN else []) + (
            ["voorlopig"] if r.get("status") == "voorlopig" else [])
        delen.append(f"{int(p)}: {cijfer(r.get(kolom), maat)}" + (f" ({', '.join(noten)})" if noten else ""))
    return ", ".join(delen)


def niveau_tekst(naam: str, rij: dict, maat: str) -> str:
    """The level against every benchmark with a judgement, in the words of its ``niveau_<b>`` column.

    The rates get as many decimals as it takes to show them apart (:func:`ivpanalyse.opmaak.decimalen`):
    "boven Nederland" is never followed by two equal-looking figures or by "0,0".
    """
    genoemd = [(b, label, rij.get(f"niveau_{b}") or "") for b, label in oordeel.BENCHMARKS]
    genoemd = [(b, label, o) for b, label, o in genoemd if o]
    if not genoemd:
        return ""
    per = maat.startswith("per ")
    # Own rate against each benchmark (not the benchmarks among themselves: "2,10 ... (1,45) ... (1,42)").
    d = max(decimalen(*([rij.get("niveau_eigen")] if per else []), rij.get(f"benchmark_{b}")) for b, _, _ in genoemd)
    delen = [f"{WOORD[o]} {label} ({cijfer(rij.get(f'benchmark_{b}'), 'rate', d)})" for b, label, o in genoemd]
    jaren = rij.get("niveaujaren") or ""
    eigen = cijfer(rij.get("niveau_eigen"), "rate", d) if per else cijfer(rij.get("niveau_eigen"), maat)
    waar = f"{jaren}{' samen' if '-' in jaren else ''}"
    return f"{maat[0].upper()}{maat[1:]} ({waar}: {eigen}) ligt {naam} {_opsomming(delen)}."


def _zin(thema: str, onderdeel: str, tekst: str, r: dict | None = None, indicator: str = "") -> dict:
    r = r or {}
    return {"thema": thema, "onderdeel": onderdeel, "indicator": indicator, "tekst": tekst,
            "signaal": str(r.get("signaal") or ""), "niveau": str(r.get("niveau") or ""),
            "niveau_benchmark": str(r.get("niveau_benchmark") or ""),
            **{f"niveau_{b}": str(r.get(f"niveau_{b}") or "") for b, _ in oordeel.BENCHMARKS},
            "voorlopig": bool(r.get("voorlopig") is True), "politie_initiatief": bool(r.get("politie_initiatief") is True)}


def _gewicht(sig: dict) -> tuple:
    """Which sub-indicators a text mentions first: changes, peaks, perception, level, woninginbraak, size."""
    return ((sig.get("signaal") in ("stijgend", "dalend")) * 4 + (sig.get("piek") is True) * 2
            + (sig.get("soort") == "subjectief") * 3 + (sig.get("niveau") == oordeel.BOVEN) * 2
            + ("woninginbraak" in str(sig.get("indicator")).lower()) * 3,
            0 if _leeg(sig.get("laatste_aantal")) else sig["laatste_aantal"])


def _thema_zinnen(t, jaar: dict, sig: dict, ind_sigs: list[dict], reeksen: dict, naam: str) -> list[dict]:
    uit = []
    if sig.get("signaal") == "geen cijfers" and ind_sigs:
        # Only indicator figures (e.g. a partner template): no thema total, but never "no figures".
        uit.append(_zin(t.code, "geen cijfers", "Voor dit thema zijn alleen cijfers per indicator ingelezen, geen "
                        "totaal van het thema; de werkgroep weegt ze met andere informatie.", sig))
    elif sig.get("signaal") == "geen cijfers":
        bronnen = "; ".join(t.bronnen[:3]) or "andere bronnen"
        uit.append(_zin(t.code, "geen cijfers", "Geen recente registratiecijfers voor dit thema in de ingelezen "
                        f"bronnen. De werkgroep vult de problematiek aan met andere informatie (bijvoorbeeld: "
                        f"{bronnen}).", sig))
    else:
        soort = SOORT_TELLING.get(sig.get("bron"), f"Registraties ({sig.get('bron')})")
        telt = sig.get("telt") or ""
        bron = f"bron {sig.get('bron')}" + (", afgerond op 5" if sig.get("afgerond_op_5") is True else "")
        reeks = reeks_tekst(jaar, van=sig.get("segment_van"), tot=sig.get("laatste_jaar"))
        uit.append(_zin(t.code, "reeks", f"{soort} in dit thema ({telt + '; ' if telt else ''}{bron}): {reeks}.",
                        {"voorlopig": sig.get("voorlopig")}))
        uit.append(_zin(t.code, "signaal", sig.get("toelichting", ""), sig))
        niveau = niveau_tekst(naam, sig, "per 1.000 inwoners")
        if niveau:
            uit.append(_zin(t.code, "niveau", niveau, sig))
    totaal = {p: r.get("aantal") for p, r in jaar.items()}
    genoemd = 0
    actueel = {(r["indicator"], r.get("bron")) for r in ind_sigs if r.get("kruiscontrole") is not True}
    for r in sorted(ind_sigs, key=_gewicht, reverse=True):
        if r.get("kruiscontrole") is True and (r["indicator"], r.get("bron")) in actueel:
            continue  # an old measure of an indicator the text gives with its current series
        reeks = reeksen.get((r["thema"], r["indicator"], r["bron"]), {})
        if r.get("bron") == sig.get("bron") and {p: v.get("aantal") for p, v in reeks.items()} == totaal:
            continue  # the indicator is the whole thema in these data: said already
        if genoemd == MAX_INDICATOREN:
            break
        uit.append(_zin(t.code, "indicator", _indicatorzin(naam, r, reeks), r, indicator=r["indicator"]))
        genoemd += 1
    return uit


def _indicatorzin(naam: str, sig: dict, jaar: dict) -> str:
    maat = sig.get("maat") or ""
    telling = maat.startswith("per ")
    zin = f"{sig['indicator']} ({'aantal' if telling else maat}"
    zin += f"; bron {sig.get('bron')}" + (", afgerond op 5" if sig.get("afgerond_op_5") is True else "") + "): "
    zin += reeks_tekst(jaar, "aantal" if telling else "waarde", "aantal" if telling else maat,
                       van=sig.get("segment_van")) + "."
    niveau = niveau_tekst(naam, sig, maat if telling else maat)
    if niveau:
        zin += " " + niveau
    if (sig.get("signaal") in ("stijgend", "dalend", "klein aantal") or sig.get("piek") is True
            or sig.get("reeksbreuk_recent") or sig.get("politie_initiatief") is True
            or sig.get("kruiscontrole") is True):
        zin += " " + sig.get("toelichting", "")
    return zin.strip()


def kerncijfer_tekst(naam: str, r: dict) -> str:
    """The sentence of one kerncijfer (a row of :func:`ivpanalyse.analyse.kerncijfers.bereken`)."""
    if r.get("signaal") == "geen cijfers":
        return f"{r['indicator']}: {r.get('toelichting')}."
    jaar = _jaar(r.get("laatste_jaar"))
    voorlopig = " (voorlopig)" if r.get("voorlopig") is True else ""
    bron = f"bron {r.get('bron')}" + (", afgerond op 5" if r.get("afgerond_op_5") is True else "")
    zin = f"{r['indicator']}: {cijfer(r.get('laatste_aantal'))} in {jaar}{voorlopig} ({bron})"
    if not _leeg(r.get("waarde")):
        zin += f", {cijfer(r.get('waarde'), 'rate')} {r.get('maat')}"
    zin += "."
    if "niet ingelezen" in str(r.get("toelichting")):
        zin += " " + str(r.get("toelichting")).split("; ")[-1][0].upper() + str(r.get("toelichting")).split("; ")[-1][1:] + "."
    niveau = niveau_tekst(naam, r, r.get("maat") or "aantal") if str(r.get("maat", "")).startswith("per ") else ""
    delen = [zin, niveau, signaal_tekst(r)]
    return " ".join(d for d in delen if d)


def _records(df: pd.DataFrame, kolommen: list[str]) -> list[dict]:
    """``df``'s rows as dicts, with only those of ``kolommen`` it has."""
    return df[[k for k in kolommen if k in df.columns]].to_dict("records") if len(df) else []


def zinnen(thema_jaar: pd.DataFrame, signalen: pd.DataFrame, indicator_jaar: pd.DataFrame,
           indicator_signalen: pd.DataFrame, *, naam: str) -> pd.DataFrame:
    """Every draft sentence with the judgement columns it came from (``oordeel.schemas()["zinnen"]``).

    Returns
    -------
    DataFrame
        :data:`ZIN_KOLOMMEN`: per thema in taxonomy order the series (``reeks``), the signal,
        the level against each benchmark (``niveau``) and up to :data:`MAX_INDICATOREN`
        indicators, or one ``geen cijfers`` sentence.
    """
    # The series sentences read only these columns of the yearly rows (to_dict of all is slow).
    per_jaar: dict = {}
    for r in _records(thema_jaar, ["thema", "periode", "aantal", "status"]):
        per_jaar.setdefault(r["thema"], {})[r["periode"]] = r
    reeksen: dict = {}
    for r in _records(indicator_jaar, ["thema", "indicator", "bron", "periode", "aantal", "waarde", "status"]):
        reeksen.setdefault((r["thema"], r["indicator"], r["bron"]), {})[r["periode"]] = r
    ind_sigs: dict[str, list[dict]] = {}
    for r in (indicator_signalen.to_dict("records") if len(indicator_signalen) else []):
        ind_sigs.setdefault(r["thema"], []).append(r)
    rijen = []
    for sig in signalen.to_dict("records"):
        t = sig["thema"]
        rijen += _thema_zinnen(taxonomie.thema(t), per_jaar.get(t, {}), sig, ind_sigs.get(t, []), reeksen, naam)
    return pd.DataFrame(rijen, columns=ZIN_KOLOMMEN)


def duiding(thema_jaar: pd.DataFrame, signalen: pd.DataFrame, indicator_jaar: pd.DataFrame,
            indicator_signalen: pd.DataFrame, *, naam: str, zinnen_frame: pd.DataFrame | None = None
            ) -> pd.DataFrame:
    """Draft problematiek text for every thema: its :func:`zinnen` joined.

    Returns
    -------
    DataFrame
        ``thema, tekst``, one row per thema in :func:`ivpanalyse.taxonomie.themas` order.
    """
    z = zinnen_frame if zinnen_frame is not None else zinnen(thema_jaar, signalen, indicator_jaar,
                                                              indicator_signalen, naam=naam)
    teksten = z.groupby("thema", sort=False)["tekst"].agg(lambda s: " ".join(x for x in s if x))
    return pd.DataFrame({"thema": signalen["thema"], "tekst": signalen["thema"].map(teksten).fillna("")})


def thema_tekst(thema: str, jaar: pd.DataFrame, sig: dict, indicatoren_jaar: pd.DataFrame,
                indicatoren_sig: pd.DataFrame, naam: str) -> str:
    """The draft problematiek text of one thema (frames as in :class:`Indicatoren`)."""
    z = zinnen(jaar, pd.DataFrame([sig]), indicatoren_jaar, indicatoren_sig[indicatoren_sig["thema"] == thema]
               if len(indicatoren_sig) else indicatoren_sig, naam=naam)
    return " ".join(x for x in z["tekst"] if x)


__all__ = ["cijfer", "duiding", "niveau_tekst", "reeks_tekst", "signaal_tekst", "thema_tekst", "zinnen"]
