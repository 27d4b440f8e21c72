"""Draft Dutch problematiek text per thema from the indicator frames (no I/O).

Every sentence states only what the numbers support: a change is "betekenisvol" only when the
signal test says so, a level is "boven"/"onder" a benchmark only when the exact Poisson test
against the benchmark rate says so and the difference is at least 10%; small numbers, provisional
figures, series breaks and peaks are said in words. The analyst edits the text in the report input.

Example (Haaksbergen, woninginbraak): "Woninginbraak: 66 in 2014 en 32 in 2017 (-52%). Per 1.000
inwoners 1,3; ..."
"""

from __future__ import annotations

import math

import pandas as pd

from .. import taxonomie
from .statistiek import scipy_stats
from ..opmaak import getal, procent

ALPHA = 0.05
VERSCHIL = 0.10  # a level differs from a benchmark only when at least 10% apart (and significant)
GELIJK = 0.05  # a change below 5% is described as "ongeveer gelijk"
MAX_INDICATOREN = 4  # sub-indicators mentioned per thema

BENCHMARKS = (("basisteam", "het basisteam"), ("nederland", "Nederland"), ("vergelijkbaar", "vergelijkbare gemeenten"))
SOORT_TELLING = {"47018NED": "geregistreerde misdrijven", "47013NED": "geregistreerde misdrijven",
                 "47022NED": "geregistreerde misdrijven", "83648NED": "geregistreerde misdrijven (CBS)",
                 "incidenten": "politie-incidenten", "lokaal": "lokale registraties"}


def _leeg(waarde) -> bool:
    return waarde is None or (isinstance(waarde, float) and math.isnan(waarde)) or waarde is pd.NA


def _jaar(waarde) -> str:
    return "" if _leeg(waarde) else str(int(waarde))


def _p(p: float) -> str:
    if _leeg(p):
        return "p onbekend"
    return "p < 0,001" if p < 0.001 else f"p = {getal(p, 3)}"


def cijfer(waarde, maat: str = "aantal") -> str:
    """A figure in Dutch notation for its measure: counts whole, rates and scores with one decimal."""
    if _leeg(waarde):
        return "–"
    if maat == "procent":
        return f"{getal(waarde, 1)}%"
    if maat == "aantal":
        return getal(waarde, 0 if float(waarde).is_integer() else 1)
    return getal(waarde, 1)


def _werkwoord(verandering: float) -> str:
    if _leeg(verandering) or abs(verandering) < GELIJK:
        return "bleef ongeveer gelijk"
    return "steeg" if verandering > 0 else "daalde"


def vergelijk_niveau(aantal: float, noemer: float, eigen: float, benchmark: float) -> str:
    """``boven``, ``onder`` or ``rond`` the benchmark rate, by a two-sided exact Poisson test.

    The expected count is the benchmark rate times the gemeente's denominator; ``boven``/``onder``
    need p < :data:`ALPHA` and a difference of at least :data:`VERSCHIL`.
    """
    if any(_leeg(v) for v in (aantal, noemer, eigen, benchmark)) or benchmark <= 0:
        return ""
    verwacht = benchmark * noemer / 1000
    p = min(1.0, 2 * min(scipy_stats().poisson.cdf(aantal, verwacht), scipy_stats().poisson.sf(aantal - 1, verwacht)))
    verhouding = eigen / benchmark
    if p < ALPHA and verhouding >= 1 + VERSCHIL:
        return "boven"
    if p < ALPHA and verhouding <= 1 - VERSCHIL:
        return "onder"
    return "rond"


def _niveauzin(naam: str, rij: dict, maat: str, aantal_kolom: str = "aantal", noemer_kolom: str = "inwoners",
               waarde_kolom: str = "per_1000", suffix: str = "_per_1000") -> str:
    delen = []
    for kolom, label in BENCHMARKS:
        bm = rij.get(f"{kolom}{suffix}")
        if _leeg(bm):
            continue
        oordeel = vergelijk_niveau(rij.get(aantal_kolom), rij.get(noemer_kolom), rij.get(waarde_kolom), bm)
        woorden = {"boven": "boven", "onder": "onder", "rond": "ongeveer op het niveau van"}.get(oordeel)
        if woorden:
            delen.append(f"{woorden} {label} ({cijfer(bm, 'rate')})")
    if not delen:
        return ""
    opsomming = delen[0] if len(delen) == 1 else ", ".join(delen[:-1]) + " en " + delen[-1]
    return f"{maat[0].upper()}{maat[1:]} ({cijfer(rij.get(waarde_kolom), 'rate')}) ligt {naam} {opsomming}."


def signaal_tekst(r: dict) -> str:
    """The signal of one series in words (the ``toelichting`` of a signal row)."""
    signaal = r.get("signaal")
    maat = r.get("maat") or "aantal"
    maat = "aantal" if maat.startswith("per 1.000") else maat
    if signaal == "geen cijfers" or _leeg(r.get("laatste_jaar")):
        return "Geen cijfers in de ingelezen bronnen."
    jaar, laatste = _jaar(r["laatste_jaar"]), cijfer(r.get("laatste_aantal"), maat)
    ref, gem = r.get("referentiejaren") or "", cijfer(r.get("gemiddelde_3jaar"), maat)
    delen = []
    if signaal == "niet getoetst":
        if _leeg(r.get("vorig_aantal")):
            delen.append(f"Alleen een cijfer over {jaar} ({laatste}): nog geen vergelijking met eerdere jaren.")
        else:
            delen.append(f"{laatste} in {jaar} tegen {cijfer(r.get('vorig_aantal'), maat)} in "
                         f"{_jaar(r.get('vorig_jaar'))}; zonder betrouwbaarheidsmarges is niet te zeggen of dat "
                         "verschil meer is dan toeval.")
    elif signaal == "klein aantal":
        delen.append(f"Klein aantal: gemiddeld {gem} per jaar in {ref}, nu {laatste} in {jaar}. Bij zulke "
                     "aantallen kan een verandering toeval zijn; daarom geen uitspraak over stijging of daling.")
        if r.get("significant") is True:
            delen.append(f"De verandering is wel groter dan toeval doet verwachten ({_p(r.get('p_waarde'))}); "
                         "zoek het verhaal achter de cijfers.")
    elif not _leeg(r.get("p_waarde")):
        pct = procent(r.get("verandering_3jaar"))
        if signaal in ("stijgend", "dalend"):
            woord = "stijging" if signaal == "stijgend" else "daling"
            delen.append(f"Betekenisvolle {woord}: {laatste} in {jaar} tegen gemiddeld {gem} in {ref} "
                         f"({pct}, {_p(r.get('p_waarde'))}).")
        elif r.get("p_waarde") < ALPHA:
            delen.append(f"{laatste} in {jaar} tegen gemiddeld {gem} in {ref} ({pct}): meer dan toeval, maar "
                         "kleiner dan 10%; daarom 'stabiel'.")
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
    if r.get("piek") is True:
        delen.append(f"Piek in {r.get('piekjaren')}: vraag naar het verhaal achter de cijfers.")
    if r.get("status_laatste") == "voorlopig":
        delen.append(f"Het cijfer over {jaar} is voorlopig.")
    breuk = r.get("reeksbreuk_recent", r.get("reeksbreuk"))
    if breuk:
        delen.append(f"Let op, reeksbreuk in {breuk.replace(' | ', '; en in ')}.")
    return " ".join(delen)


def _per_jaar(df: pd.DataFrame) -> dict:
    """Rows of a small frame as {periode: row dict} (plain dicts: the text loop avoids pandas overhead)."""
    return {r["periode"]: r for r in df.to_dict("records")} if len(df) else {}


def _indicatorzin(naam: str, sig: dict, jaar: dict) -> str:
    maat = sig.get("maat") or ""
    rij = jaar.get(sig["laatste_jaar"], {})
    if maat.startswith("per 1.000"):
        eerste = jaar.get(sig.get("periode_van"))
        begin = ""
        if eerste is not None and sig.get("periode_van") != sig["laatste_jaar"]:
            begin = f"{cijfer(eerste['aantal'])} in {_jaar(sig['periode_van'])} en "
        zin = (f"{sig['indicator']}: {begin}{cijfer(sig['laatste_aantal'])} in {_jaar(sig['laatste_jaar'])}"
               + (f" ({procent(sig.get('verandering_periode'))})" if begin else "") + ".")
        niveau = _niveauzin(naam, rij, maat, noemer_kolom="noemer_waarde", waarde_kolom="waarde", suffix="")
        zin += " " + niveau if niveau else (f" {maat[0].upper()}{maat[1:]}: {cijfer(rij.get('waarde'), 'rate')}."
                                            if rij else "")
    else:
        zin = f"{sig['indicator']}: {cijfer(sig['laatste_aantal'], maat)} in {_jaar(sig['laatste_jaar'])}"
        bms = [f"{label} {cijfer(rij.get(k), maat)}" for k, label in BENCHMARKS if not _leeg(rij.get(k))]
        zin += f" ({'; '.join(bms)})." if bms else "."
    signaal = sig.get("signaal")
    if signaal in ("stijgend", "dalend", "klein aantal") or sig.get("piek") is True or sig.get("reeksbreuk_recent"):
        zin += " " + sig.get("toelichting", "")
    return zin.strip()


def _gewicht(sig: dict) -> tuple:
    """Which sub-indicators a text mentions first: changes, peaks, perception, woninginbraak, size."""
    return ((sig.get("signaal") in ("stijgend", "dalend")) * 4 + (sig.get("piek") is True) * 2
            + (sig.get("soort") == "subjectief") * 3 + ("woninginbraak" in str(sig.get("indicator")).lower()) * 3,
            0 if _leeg(sig.get("laatste_aantal")) else sig["laatste_aantal"])


def _thema_tekst(t, jaar: dict, sig: dict, ind_sigs: list[dict], reeksen: dict, naam: str) -> str:
    zinnen = []
    if sig.get("signaal") == "geen cijfers":
        bronnen = "; ".join(t.bronnen[:3]) or "andere bronnen"
        zinnen.append("Geen registratiecijfers voor dit thema in de ingelezen bronnen. De werkgroep vult de "
                      f"problematiek aan met andere informatie (bijvoorbeeld: {bronnen}).")
    else:
        soort = SOORT_TELLING.get(sig.get("bron"), f"registraties ({sig.get('bron')})")
        van, tot = sig.get("periode_van"), sig.get("laatste_jaar")
        voorlopig = ", voorlopig" if sig.get("status_laatste") == "voorlopig" else ""
        eerste = None if _leeg(van) else jaar.get(van)
        if eerste is not None and van != tot:
            verandering = sig.get("verandering_periode")
            zinnen.append(f"Het aantal {soort} in dit thema {_werkwoord(verandering)} van {cijfer(eerste['aantal'])} "
                          f"in {_jaar(van)} naar {cijfer(sig.get('laatste_aantal'))} in {_jaar(tot)}{voorlopig} "
                          f"({procent(verandering)}).")
        else:
            zinnen.append(f"In {_jaar(tot)}{voorlopig} telde dit thema {cijfer(sig.get('laatste_aantal'))} {soort}.")
        if tot in jaar:
            niveau = _niveauzin(naam, jaar[tot], "per 1.000 inwoners")
            if niveau:
                zinnen.append(niveau)
        zinnen.append(sig.get("toelichting", ""))
    totaal = {p: r.get("aantal") for p, r in jaar.items()}
    genoemd = 0
    for r in sorted(ind_sigs, key=_gewicht, reverse=True):
        reeks = reeksen.get((r["indicator"], r["bron"]), {})
        if r.get("bron") == sig.get("bron") and {p: v.get("aantal") for p, v in reeks.items()} == totaal:
            continue  # the indicator is the whole thema in these data: said already
        if genoemd == MAX_INDICATOREN:
            break
        zinnen.append(_indicatorzin(naam, r, reeks))
        genoemd += 1
    return " ".join(z for z in zinnen if z)


def thema_tekst(thema: str, jaar: pd.DataFrame, sig: dict, indicatoren_jaar: pd.DataFrame,
                indicatoren_sig: pd.DataFrame, naam: str) -> str:
    """The draft problematiek text of one thema (frames as in :class:`Indicatoren`)."""
    ind_sigs = indicatoren_sig[indicatoren_sig["thema"] == thema].to_dict("records") if len(indicatoren_sig) else []
    reeksen = ({k: _per_jaar(df) for k, df in indicatoren_jaar.groupby(["indicator", "bron"])}
               if len(indicatoren_jaar) else {})
    return _thema_tekst(taxonomie.thema(thema), _per_jaar(jaar), sig, ind_sigs, reeksen, naam)


def duiding(thema_jaar: pd.DataFrame, signalen: pd.DataFrame, indicator_jaar: pd.DataFrame,
            indicator_signalen: pd.DataFrame, *, naam: str) -> pd.DataFrame:
    """Draft problematiek text for every thema.

    Parameters
    ----------
    thema_jaar, signalen, indicator_jaar, indicator_signalen
        The frames of :class:`ivpanalyse.indicatoren.Indicatoren`.
    naam
        The gemeente's name, used in the sentences.

    Returns
    -------
    DataFrame
        ``thema, tekst``, one row per thema in :func:`ivpanalyse.taxonomie.themas` order.
    """
    per_jaar: dict = {}
    for r in (thema_jaar.to_dict("records") if len(thema_jaar) else []):
        per_jaar.setdefault(r["thema"], {})[r["periode"]] = r
    reeksen: dict = {}
    for r in (indicator_jaar.to_dict("records") if len(indicator_jaar) else []):
        reeksen.setdefault((r["indicator"], r["bron"]), {})[r["periode"]] = r
    ind_sigs: dict[str, list[dict]] = {}
    for r in (indicator_signalen.to_dict("records") if len(indicator_signalen) else []):
        ind_sigs.setdefault(r["thema"], []).append(r)
    rijen = []
    for sig in signalen.to_dict("records"):
        t = sig["thema"]
        rijen.append((t, _thema_tekst(taxonomie.thema(t), per_jaar.get(t, {}), sig, ind_sigs.get(t, []), reeksen,
                                      naam)))
    return pd.DataFrame(rijen, columns=["thema", "tekst"])


__all__ = ["cijfer", "duiding", "signaal_tekst", "thema_tekst", "vergelijk_niveau"]
