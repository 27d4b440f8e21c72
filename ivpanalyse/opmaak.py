"""Dutch number formatting: ``1.234,5`` (thousands with a point, decimals with a comma)."""

from __future__ import annotations

import math


def getal(waarde, decimalen: int = 0, *, leeg: str = "–") -> str:
    """Format a number the Dutch way; NaN/None becomes ``leeg``."""
    if waarde is None or (isinstance(waarde, float) and math.isnan(waarde)):
        return leeg
    tekst = f"{waarde:,.{decimalen}f}"
    return tekst.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def procent(fractie, decimalen: int = 0, *, teken: bool = True) -> str:
    """A fraction as a Dutch percentage, e.g. -0.52 -> ``-52%``."""
    if fractie is None or (isinstance(fractie, float) and math.isnan(fractie)):
        return "–"
    plus = "+" if teken and fractie > 0 else ""
    return f"{plus}{getal(fractie * 100, decimalen)}%"


MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")


def datum(iso, *, leeg: str = "–") -> str:
    """An ISO date (``2024-08-15`` or ``2024-08-15T02:00:00``) the Dutch way: ``15 augustus 2024``.

    Text that is not an ISO date is returned unchanged; None/empty becomes ``leeg``.
    """
    if iso is None or not str(iso).strip():
        return leeg
    tekst = str(iso).strip()
    try:
        jaar, maand, dag = (int(x) for x in tekst[:10].split("-"))
        return f"{dag} {MAANDEN[maand - 1]} {jaar}"
    except (ValueError, IndexError):
        return tekst


def decimalen(*waarden, minimaal: int = 1, maximaal: int = 3, onderscheid: bool = True) -> int:
    """Decimals for rates shown side by side (per 1.000 inwoners beside its benchmarks).

    One decimal as a rule; more where one decimal would hide what the figures say: a rate below
    0,1 is never written "0,0" (0,04 needs two), and two rates that differ are never written the same
    ("0,14 tegen 0,11", not "0,1 tegen 0,1" beside the word "boven"; ``onderscheid=False`` for a
    column of a table, where only the first rule applies). At most ``maximaal``.
    """
    getallen = [float(w) for w in waarden if not leeg(w)]
    d = minimaal
    klein = [abs(w) for w in getallen if w != 0]
    if klein:
        d = max(d, min(maximaal, -math.floor(math.log10(min(klein)))))
    verschillend = len({round(w, 12) for w in getallen})
    while onderscheid and d < maximaal and len({round(w, d) for w in getallen}) < verschillend:
        d += 1
    return d


def leeg(waarde) -> bool:
    """None, NaN (float or numpy) or pandas' NA: no figure."""
    if waarde is None:
        return True
    try:
        return bool(waarde != waarde)  # NaN (float, numpy) is not equal to itself
    except (TypeError, ValueError):  # pd.NA refuses a truth value
        return True
