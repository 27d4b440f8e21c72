"""Stap 3a for a basisteam: the gemeenten side by side, shared and local priorities.

Handbook part 1, "Een IVP met meerdere gemeenten": stap 2 and 3 run per gemeente with the same
method; "in een tussenstap (Stap 3a) ... kan een passende set bovenlokale (gezamenlijke) en
lokaal-specifieke prioriteiten en overige thema's worden bepaald". This module only proposes: the
werkgroep decides.

Pure functions: frames in, frames out; no I/O (the page is :mod:`ivpanalyse.batch.pagina`). The input is the *kerncijfers*
frame, one row per gemeente and thema (see :data:`KOLOMMEN`), built per gemeente from the
:class:`~ivpanalyse.indicatoren.Indicatoren` contract by :func:`kerncijfers`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import taxonomie

KOLOMMEN = ["gemeente", "gemeentenaam", "veld", "thema", "laatste_jaar", "aantal", "inwoners", "per_1000",
            "verandering_vorig_jaar", "verandering_3jaar", "signaal", "voorgesteld", "score"]
BOVENLOKAAL = "bovenlokaal (kandidaat)"
LOKAAL = "lokaal-specifiek"


def leeg() -> pd.DataFrame:
    """An empty kerncijfers frame with the right columns."""
    return pd.DataFrame({k: pd.Series(dtype=object) for k in KOLOMMEN})


def kerncijfers(ind, gemeente: str, naam: str) -> pd.DataFrame:
    """One row per thema for one gemeente, from its :class:`~ivpanalyse.indicatoren.Indicatoren`.

    The latest year's count and rate come from ``thema_jaar`` at the signal's ``laatste_jaar``;
    ``voorgesteld`` and ``score`` from ``prioriteiten``.
    """
    signalen = ind.signalen.copy()
    if signalen.empty:
        return leeg()
    jaar = ind.thema_jaar[["thema", "periode", "aantal", "inwoners", "per_1000"]].rename(
        columns={"periode": "laatste_jaar"})
    uit = signalen[["thema", "laatste_jaar", "verandering_vorig_jaar", "verandering_3jaar", "signaal"]].merge(
        jaar, on=["thema", "laatste_jaar"], how="left")
    prio = ind.prioriteiten[["thema", "voorgesteld", "score"]] if not ind.prioriteiten.empty else \
        pd.DataFrame(columns=["thema", "voorgesteld", "score"])
    uit = uit.merge(prio, on="thema", how="left")
    uit["voorgesteld"] = uit["voorgesteld"].fillna(False).astype(bool)
    uit["veld"] = [int(str(t).split(".")[0]) for t in uit["thema"]]
    uit["gemeente"], uit["gemeentenaam"] = str(gemeente), str(naam)
    return uit[KOLOMMEN].reset_index(drop=True)


def thema_label(code: str) -> str:
    """``"2.1 Veilig winkelgebied"``: code and short name."""
    try:
        return f"{code} {taxonomie.thema(code).kort}"
    except Exception:  # a thema outside the packaged taxonomy still gets a row
        return str(code)


def _namen(kern: pd.DataFrame) -> list[str]:
    """Column labels per gemeente in the order of the frame (name, or the code when unnamed)."""
    return list(dict.fromkeys(kern["gemeentenaam"].astype(str)))


def basisteam_per_1000(kern: pd.DataFrame) -> pd.Series:
    """Per thema: the pooled rate of the basisteam (sum of counts / sum of inhabitants x 1.000)."""
    geldig = kern.dropna(subset=["aantal", "inwoners"])
    som = geldig.groupby("thema")[["aantal", "inwoners"]].sum()
    return som["aantal"] / som["inwoners"] * 1000


def matrix(kern: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rates (thema x gemeente) and their index against the basisteam (basisteam = 100)."""
    if kern.empty:
        return pd.DataFrame(), pd.DataFrame()
    per = kern.pivot_table(index="thema", columns="gemeentenaam", values="per_1000", aggfunc="first",
                           dropna=False)
    per = per.reindex(index=taxonomie.sorteer_codes(per.index), columns=_namen(kern))
    per = per.dropna(how="all")
    index = per.div(basisteam_per_1000(kern).reindex(per.index), axis=0) * 100
    return per, index


def prioriteiten(kern: pd.DataFrame, drempel: int) -> pd.DataFrame:
    """Per thema proposed by at least one gemeente: who proposes it and the stap 3a class.

    Returns
    -------
    DataFrame
        ``thema, veld, gemeenten`` (names, in frame order), ``aantal``, ``soort``
        (:data:`BOVENLOKAAL` when ``aantal >= drempel``, else :data:`LOKAAL`), sorted by
        ``aantal`` descending, then thema code.
    """
    kolommen = ["thema", "veld", "gemeenten", "aantal", "soort"]
    voorgesteld = kern[kern["voorgesteld"].fillna(False).astype(bool)]
    if voorgesteld.empty:
        return pd.DataFrame(columns=kolommen)
    volgorde = {n: i for i, n in enumerate(_namen(kern))}
    rijen = []
    for thema, groep in voorgesteld.groupby("thema", sort=False):
        namen = sorted(set(groep["gemeentenaam"].astype(str)), key=volgorde.get)
        rijen.append((str(thema), int(str(thema).split(".")[0]), namen, len(namen),
                      BOVENLOKAAL if len(namen) >= drempel else LOKAAL))
    uit = pd.DataFrame(rijen, columns=kolommen)
    uit["_volg"] = uit["thema"].map({t: i for i, t in enumerate(taxonomie.sorteer_codes(uit["thema"]))})
    return uit.sort_values(["aantal", "_volg"], ascending=[False, True]).drop(columns="_volg").reset_index(drop=True)


def kerngetallen(kern: pd.DataFrame) -> pd.DataFrame:
    """Key figures per gemeente for the index page.

    ``gemeente, gemeentenaam, laatste_jaar, inwoners, misdrijven_per_1000`` (registered offences
    mapped onto a thema, per 1.000 inwoners), ``stijgend`` (thema's with a rising signal),
    ``prioriteiten`` (proposed thema codes).
    """
    kolommen = ["gemeente", "gemeentenaam", "laatste_jaar", "inwoners", "misdrijven_per_1000", "stijgend",
                "prioriteiten"]
    rijen = []
    for code, groep in kern.groupby("gemeente", sort=False):
        jaar = groep["laatste_jaar"].max()
        in_jaar = groep[groep["laatste_jaar"] == jaar]
        inwoners = in_jaar["inwoners"].dropna().max() if in_jaar["inwoners"].notna().any() else np.nan
        aantal = in_jaar["aantal"].sum(min_count=1)
        rijen.append((code, groep["gemeentenaam"].iloc[0], jaar, inwoners,
                      aantal / inwoners * 1000 if inwoners and not pd.isna(inwoners) else np.nan,
                      int((groep["signaal"] == "stijgend").sum()),
                      taxonomie.sorteer_codes(groep.loc[groep["voorgesteld"].fillna(False).astype(bool), "thema"])))
    return pd.DataFrame(rijen, columns=kolommen)
