"""Charts from indicator frames. Returns matplotlib Figures; reads no files."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # no screen needed; the notebook embeds PNGs itself

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from .opmaak import getal

PALET = sns.color_palette("colorblind")


def _nl_as(ax, decimalen: int = 1) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: getal(v, decimalen)))


def trend(reeksen: dict[str, pd.DataFrame], *, kolom: str, titel: str, eenheid: str) -> plt.Figure:
    """Line chart of ``kolom`` over ``periode`` for one or more series (label -> frame).

    A provisional year (``status == 'voorlopig'``) is drawn with an open marker.
    """
    fig, ax = plt.subplots(figsize=(6.4, 3.0), dpi=100)
    for i, (label, df) in enumerate(reeksen.items()):
        df = df.sort_values("periode")
        kleur = PALET[i % len(PALET)]
        ax.plot(df["periode"], df[kolom], marker="o", color=kleur, label=label,
                linewidth=2.2 if i == 0 else 1.4, linestyle="-" if i == 0 else "--")
        voorlopig = df[df["status"].astype(str) == "voorlopig"] if "status" in df else df.iloc[0:0]
        if len(voorlopig):
            ax.plot(voorlopig["periode"], voorlopig[kolom], marker="o", linestyle="none",
                    markerfacecolor="white", markeredgecolor=kleur, markersize=8)
    ax.set_title(titel, fontsize=11, loc="left")
    ax.set_xlabel("Jaar")
    ax.set_ylabel(eenheid)
    ax.set_ylim(bottom=0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _nl_as(ax, 1 if kolom != "aantal" else 0)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    if len(reeksen) > 1:
        ax.legend(fontsize=8, frameon=False, loc="best")
    fig.tight_layout()
    return fig
