"""The report's thema charts as SVG from a template: the same chart as :func:`grafieken.thema_trend`
at a fraction of its cost.

matplotlib lays out every text and legend box again for each of a report's charts (about 0,1 s
per chart, a third of it the legend); these charts all share one simple form (years on x, up to
four lines, Dutch ticks, a legend below), so the layout is computed here once per chart in a few
arithmetic steps and ``templates/lijngrafiek.svg.j2`` draws it. Python hands the template
coordinates and labels, never markup; text stays text (crisp in print, the reader's font).
Series differ by colour, line style *and* marker; a provisional year has an open marker that the
legend explains. No matplotlib is imported: the report's kernel does not need it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .sjablonen import afbeelding, getal, render

# The same palette, styles and markers as :mod:`ivpanalyse.rapport.grafieken` (colour-blind safe).
PALET = ("#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161", "#fbafe4", "#949494",
         "#ece133", "#56b4e9")
# Benchmarks of a thema chart: (column, label, colour, dash pattern in line widths, marker).
BENCHMARKS = (
    ("basisteam_per_1000", "basisteam", PALET[1], (5, 2), "vierkant"),
    ("nederland_per_1000", "Nederland", PALET[2], (1, 1.5), "driehoek"),
    ("vergelijkbaar_per_1000", "vergelijkbare gemeenten", PALET[4], (6, 2, 1, 2), "ruit"),
)
BREEDTE, HOOGTE = 640, 290  # CSS pixels; the report column and half an A4 page in print
LINKS, RECHTS, BOVEN = 58, 14, 36
AS_ONDER = 38  # x tick labels and the axis label "Jaar"
LEGENDA_REGEL = 18


@dataclass(frozen=True)
class _Lijn:
    label: str
    kleur: str
    y: np.ndarray
    streep: tuple = ()
    marker: str = "rondje"
    dik: bool = False


def _stap(hoogste: float, geheel: bool) -> float:
    """A round tick step (1, 2, 5 x 10^k) giving three to six ticks from 0 to ``hoogste``."""
    ruw = hoogste / 5
    macht = 10 ** math.floor(math.log10(ruw))
    stap = next(m * macht for m in (1, 2, 5, 10) if m * macht >= ruw)
    return max(stap, 1.0) if geheel else stap


def _punten(x: np.ndarray, y: np.ndarray, sx, sy) -> list[list[tuple[float, float]]]:
    """Runs of consecutive known values as screen points (a gap breaks the line)."""
    stukken, huidig = [], []
    for xi, yi in zip(x, y):
        if np.isfinite(yi):
            huidig.append((round(sx(xi), 1), round(sy(yi), 1)))
        elif huidig:
            stukken.append(huidig)
            huidig = []
    if huidig:
        stukken.append(huidig)
    return stukken


def model(df: pd.DataFrame, *, naam: str, titel: str, per_1000: bool = True) -> dict:
    """The chart as data for the template: size, axes, ticks, lines with points, legend.

    Parameters are those of :func:`grafieken.thema_trend`: rows of one thema (``periode``,
    ``aantal``, ``per_1000``, ``status``, the benchmark columns), the gemeente's name, the title,
    and whether to plot the rate with its benchmarks or the count.
    """
    df = df.sort_values("periode")
    x = df["periode"].to_numpy(dtype=float)
    kolom, eenheid = ("per_1000", "per 1.000 inwoners") if per_1000 else ("aantal", "aantal misdrijven")
    decimalen = 1 if per_1000 else 0
    lijnen = [_Lijn(naam, PALET[0], df[kolom].to_numpy(dtype=float), dik=True)]
    if per_1000:
        lijnen += [_Lijn(label, kleur, df[k].to_numpy(dtype=float), streep, marker)
                   for k, label, kleur, streep, marker in BENCHMARKS if k in df and df[k].notna().any()]
    voorlopig = (df["status"].astype(str) == "voorlopig").to_numpy() if "status" in df else np.zeros(len(df), bool)
    voorlopig = voorlopig & np.isfinite(lijnen[0].y)

    legenda = [{"label": l.label, "kleur": l.kleur, "streep": l.streep, "marker": l.marker, "dik": l.dik}
               for l in lijnen]
    if voorlopig.any():
        legenda.append({"label": "voorlopig cijfer", "kleur": "#333333", "streep": None, "marker": "open",
                        "dik": False})
    regels = math.ceil(len(legenda) / 3) if len(legenda) > 1 else 0
    onder = AS_ONDER + (regels * LEGENDA_REGEL + 8 if regels else 0)
    hoogte = HOOGTE + (regels - 1) * LEGENDA_REGEL if regels > 1 else HOOGTE
    plot_onder = hoogte - onder

    jaren = sorted({int(j) for j in x})
    van, tot = (jaren[0] - 0.4, jaren[-1] + 0.4) if jaren else (0.0, 1.0)
    hoogste = max((float(np.nanmax(l.y)) for l in lijnen if np.isfinite(l.y).any()), default=0.0)
    ytop = hoogste * 1.1 if hoogste > 0 else 1.0
    stap = _stap(ytop, decimalen == 0)
    ytop = max(ytop, 2 * stap)  # at least three ticks (0, one step, two steps)
    dec = 0 if decimalen == 0 or stap >= 1 else max(1, math.ceil(-math.log10(stap) - 1e-9))

    def sx(v: float) -> float:
        return LINKS + (v - van) / (tot - van) * (BREEDTE - LINKS - RECHTS)

    def sy(v: float) -> float:
        return plot_onder - v / ytop * (plot_onder - BOVEN)

    yticks = [{"y": round(sy(i * stap), 1), "label": getal(i * stap, dec)}
              for i in range(int(ytop / stap + 1e-9) + 1)]
    toon = jaren[::-1][:: 1 if len(jaren) <= 7 else 2][::-1]
    xticks = [{"x": round(sx(j), 1), "label": str(j)} for j in toon]

    def streep(l: _Lijn) -> str:
        breedte = 2.4 if l.dik else 1.5
        return " ".join(f"{s * breedte:g}" for s in l.streep)

    series = [{"kleur": l.kleur, "breedte": 2.4 if l.dik else 1.5, "streep": streep(l), "marker": l.marker,
               "maat": 5 if l.dik else 4, "stukken": _punten(x, l.y, sx, sy)} for l in lijnen]
    open_punten = [(round(sx(xi), 1), round(sy(yi), 1)) for xi, yi, v in zip(x, lijnen[0].y, voorlopig) if v]
    kolombreedte = (BREEDTE - 20) / 3
    for i, item in enumerate(legenda):
        item["x"] = round(10 + (i % 3) * kolombreedte, 1)
        item["y"] = round(plot_onder + AS_ONDER + 4 + (i // 3) * LEGENDA_REGEL, 1)
        item["streep"] = streep(lijnen[i]) if i < len(lijnen) else None
    return {"breedte": BREEDTE, "hoogte": hoogte, "titel": titel, "eenheid": eenheid,
            "links": LINKS, "rechts": BREEDTE - RECHTS, "boven": BOVEN, "onder": plot_onder,
            "yticks": yticks, "xticks": xticks, "series": series, "voorlopig": open_punten,
            "hoofdkleur": PALET[0], "legenda": legenda if len(legenda) > 1 else []}


def svg(df: pd.DataFrame, *, naam: str, titel: str, per_1000: bool = True) -> bytes:
    """The thema chart as an SVG document (UTF-8): see :func:`model` for the parameters."""
    return render("lijngrafiek.svg.j2", g=model(df, naam=naam, titel=titel, per_1000=per_1000)).encode("utf-8")


def figuur(df: pd.DataFrame, *, naam: str, titel: str, per_1000: bool, alt: str, bijschrift: str) -> dict:
    """The chart as the data of an embedded image (``figuur`` macro): source, size, alt text, caption."""
    g = model(df, naam=naam, titel=titel, per_1000=per_1000)
    data = render("lijngrafiek.svg.j2", g=g).encode("utf-8")
    return {"src": afbeelding(data, "image/svg+xml"), "breedte": g["breedte"], "hoogte": g["hoogte"],
            "alt": alt, "bijschrift": bijschrift}
