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
