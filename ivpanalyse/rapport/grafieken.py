"""Charts from indicator frames. Returns matplotlib Figures and renders them; reads no files.

The HTML report draws its thema charts from an SVG template (:mod:`ivpanalyse.rapport.lijngrafiek`,
the same look at a fraction of the cost); these Figures serve the Word export, the analyst's own
charts in JupyterLab and the basisteam heatmap.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot state, nothing to close)
and rendered as SVG with text kept as text: crisp in print, small, and in the reader's sans-serif
font. Series differ by colour (a colour-blind-safe palette), line style *and* marker, so no
information depends on colour alone. Every chart has a title and axis labels with units.

A report draws some twenty charts of one size; :class:`Tekenaar` reuses one Figure for all of
them, which saves about a quarter of the drawing time.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..opmaak import getal

# seaborn's "colorblind" palette (Okabe-Ito based), as hex so that seaborn (and scipy) need not load.
PALET = ("#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161", "#fbafe4", "#949494",
         "#ece133", "#56b4e9")
# Benchmarks of a thema chart: (column, label, colour, line style, marker).
BENCHMARKS = (
    ("basisteam_per_1000", "basisteam", PALET[1], (0, (5, 2)), "s"),
    ("nederland_per_1000", "Nederland", PALET[2], (0, (1, 1.5)), "^"),
    ("vergelijkbaar_per_1000", "vergelijkbare gemeenten", PALET[4], (0, (6, 2, 1, 2)), "D"),
)
STIJLEN = ("-", (0, (5, 2)), (0, (1, 1.5)), (0, (6, 2, 1, 2)))
MARKERS = "os^D"
STIJL = {
    "font.size": 9, "axes.labelsize": 9, "legend.fontsize": 8, "xtick.labelsize": 8.5, "ytick.labelsize": 8.5,
    "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": "#5a6672",
    "xtick.color": "#333333", "ytick.color": "#333333", "axes.labelcolor": "#1d2733",
    "svg.fonttype": "none", "svg.hashsalt": "ivpanalyse",
}
TITELGROOTTE = 10.5
BREEDTE, HOOGTE = 6.4, 3.4  # inches; fits the report column


@dataclass(frozen=True)
class Reeks:
    """One line: years, values and how it looks."""

    x: np.ndarray
    y: np.ndarray
    label: str
    kleur: str
    stijl: object = "-"
    marker: str = "o"
    dik: bool = False
    voorlopig: np.ndarray | None = None  # bool per point: provisional figure


def _nieuw() -> tuple[Figure, object]:
    with matplotlib.rc_context(STIJL):
        fig = Figure(figsize=(BREEDTE, HOOGTE), dpi=100)
        ax = fig.add_subplot()
    return fig, ax


def _teken(fig: Figure, ax, reeksen: list[Reeks], *, titel: str, eenheid: str, decimalen: int) -> Figure:
    """Draw line series with title, labelled axes (unit on the y axis) and a legend below."""
    with matplotlib.rc_context(STIJL):
        voorlopig = False
        for r in reeksen:
            ax.plot(r.x, r.y, color=r.kleur, linestyle=r.stijl, marker=r.marker, markersize=5 if r.dik else 4,
                    linewidth=2.4 if r.dik else 1.5, label=r.label)
            if r.voorlopig is not None and r.voorlopig.any():
                # A provisional year: open marker, explained in the legend.
                ax.plot(r.x[r.voorlopig], r.y[r.voorlopig], linestyle="none", marker=r.marker, markersize=8,
                        markerfacecolor="white", markeredgecolor=r.kleur, markeredgewidth=1.6)
                voorlopig = True
        if voorlopig:
            ax.plot([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor="#333333",
                    label="voorlopig cijfer")
        # Title as figure text, fixed ticks and explicit limits: the same look without the layout
        # passes (title placement, autoscaling, tick locating) that dominate small charts.
        fig.text(0.01, 0.97, titel, fontsize=TITELGROOTTE, va="top", ha="left")
        ax.set_xlabel("Jaar")
        ax.set_ylabel(eenheid)
        jaren = sorted({int(j) for r in reeksen for j in r.x})
        if jaren:
            ax.set_xticks(jaren[::-1][:: 1 if len(jaren) <= 7 else 2][::-1])
            ax.set_xlim(jaren[0] - 0.4, jaren[-1] + 0.4)
        hoogste = max((float(np.nanmax(r.y)) for r in reeksen if len(r.y) and np.isfinite(r.y).any()), default=0.0)
        ax.set_ylim(0, hoogste * 1.1 if hoogste > 0 else 1)
        # Round tick steps (1, 2, 5) and enough decimals to tell the ticks apart.
        locator = MaxNLocator(nbins=4, steps=[1, 2, 5, 10], integer=decimalen == 0, min_n_ticks=3)
        ax.yaxis.set_major_locator(locator)
        ticks = locator.tick_values(*ax.get_ylim())
        stap = float(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
        dec = 0 if decimalen == 0 or stap >= 1 or stap <= 0 else max(1, math.ceil(-math.log10(stap) - 1e-9))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: getal(v, dec)))
        ax.grid(axis="y", alpha=0.3)
        n = len(ax.get_legend_handles_labels()[0])
        if n > 1:
            ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(-0.08, -0.25), ncol=3, handlelength=2.6,
                      columnspacing=1.5)
            fig.subplots_adjust(left=0.1, right=0.98, top=0.86, bottom=0.22 + 0.065 * math.ceil(n / 3))
        else:
            fig.subplots_adjust(left=0.1, right=0.98, top=0.86, bottom=0.17)
    return fig


def _thema_reeksen(df: pd.DataFrame, naam: str, per_1000: bool) -> tuple[list[Reeks], str, int]:
    df = df.sort_values("periode")
    x = df["periode"].to_numpy()
    kolom, eenheid = ("per_1000", "per 1.000 inwoners") if per_1000 else ("aantal", "aantal misdrijven")
    voorlopig = (df["status"].astype(str) == "voorlopig").to_numpy() if "status" in df else None
    reeksen = [Reeks(x, df[kolom].to_numpy(dtype=float), naam, PALET[0], dik=True, voorlopig=voorlopig)]
    if per_1000:
        for kol, label, kleur, stijl, marker in BENCHMARKS:
            if kol in df and df[kol].notna().any():
                reeksen.append(Reeks(x, df[kol].to_numpy(dtype=float), label, kleur, stijl, marker))
    return reeksen, eenheid, 1 if per_1000 else 0


def thema_trend(df: pd.DataFrame, *, naam: str, titel: str, per_1000: bool = True) -> Figure:
    """Yearly series of one thema for a gemeente with its benchmarks.

    Parameters
    ----------
    df
        Rows of :attr:`Indicatoren.thema_jaar` for one thema: ``periode``, ``aantal``,
        ``per_1000``, ``status`` and optionally the benchmark columns of :data:`BENCHMARKS`.
    naam
        The gemeente's name (legend label).
    titel
        Chart title.
    per_1000
        Plot ``per_1000`` with benchmarks; otherwise ``aantal`` (no benchmarks: they are rates).
    """
    reeksen, eenheid, decimalen = _thema_reeksen(df, naam, per_1000)
    return _teken(*_nieuw(), reeksen, titel=titel, eenheid=eenheid, decimalen=decimalen)


def trend(reeksen: dict[str, pd.DataFrame], *, kolom: str, titel: str, eenheid: str) -> Figure:
    """Line chart of ``kolom`` over ``periode`` for one or more series (label -> frame).

    A provisional year (``status == 'voorlopig'``) is drawn with an open marker.
    """
    lijnen = []
    for i, (label, df) in enumerate(reeksen.items()):
        df = df.sort_values("periode")
        voorlopig = (df["status"].astype(str) == "voorlopig").to_numpy() if "status" in df else None
        lijnen.append(Reeks(df["periode"].to_numpy(), df[kolom].to_numpy(dtype=float), label, PALET[i % len(PALET)],
                            STIJLEN[i % 4], MARKERS[i % 4], dik=i == 0, voorlopig=voorlopig))
    return _teken(*_nieuw(), lijnen, titel=titel, eenheid=eenheid, decimalen=0 if kolom == "aantal" else 1)


class Tekenaar:
    """Draws many charts of one size on one reused Figure; render each before drawing the next."""

    def __init__(self):
        self.fig, self.ax = _nieuw()

    def _leeg(self) -> None:
        for lijn in list(self.ax.lines):
            lijn.remove()
        if self.ax.get_legend() is not None:
            self.ax.get_legend().remove()
        for tekst in list(self.fig.texts):
            tekst.remove()

    def thema_trend(self, df: pd.DataFrame, *, naam: str, titel: str, per_1000: bool = True) -> Figure:
        """As :func:`thema_trend`, on the shared Figure (valid until the next call)."""
        self._leeg()
        reeksen, eenheid, decimalen = _thema_reeksen(df, naam, per_1000)
        return _teken(self.fig, self.ax, reeksen, titel=titel, eenheid=eenheid, decimalen=decimalen)


def svg(fig: Figure) -> bytes:
    """Render a Figure as SVG (text as text, no date, stable ids)."""
    buf = io.BytesIO()
    with matplotlib.rc_context(STIJL):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def png(fig: Figure, dpi: int = 100) -> bytes:
    """Render a Figure as PNG."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()
