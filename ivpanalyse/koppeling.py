"""Mapping canonical rows onto the thema's of Kernbeleid Veiligheid.

A mapping table per source (``ivpanalyse/data/koppeling/<BRON>.csv``, columns ``categorie``,
``omschrijving``, ``thema``, ``toelichting``) assigns every category to exactly one thema or, with
an empty ``thema``, to "niet toegewezen" with a reason. A gemeente can add or override rows with a
file of its own in the same layout (plus a ``bron`` column). Because each (bron, categorie) has one
row, a registration cannot be counted twice in a thema total.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from . import taxonomie
from .config import package_data
from .errors import KoppelFout

KOLOMMEN = ["bron", "categorie", "omschrijving", "thema", "toelichting"]
# Sources whose rows are denominators or context, not registrations to map.
NOEMERS = {"bevolking"}
TOEGEWEZEN = "toegewezen"
NIET_TOEGEWEZEN = "niet toegewezen"
ONBEKEND = "onbekend in koppeling"


def _lees_tabel(pad: Path, bron: str | None) -> pd.DataFrame:
    try:
        tabel = pd.read_csv(pad, dtype=str, keep_default_na=False, comment="#")
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise KoppelFout(f"koppeltabel kan niet gelezen worden ({exc})", bestand=str(pad)) from exc
    if bron is not None and "bron" not in tabel:
        tabel.insert(0, "bron", bron)
    ontbrekend = [k for k in KOLOMMEN if k not in tabel and k != "omschrijving"]
    if ontbrekend:
        raise KoppelFout("kolom ontbreekt in koppeltabel", bestand=str(pad), regel=1, kolom=ontbrekend[0])
    if "omschrijving" not in tabel:
        tabel["omschrijving"] = ""
    tabel = tabel[KOLOMMEN].apply(lambda s: s.str.strip())
    codes = {t.code for t in taxonomie.themas()}
    for i, (thema, toelichting) in enumerate(zip(tabel["thema"], tabel["toelichting"])):
        if thema and thema not in codes:
            raise KoppelFout("onbekende themacode", bestand=str(pad), regel=i + 2, kolom="thema", waarde=thema)
        if not thema and not toelichting:
            raise KoppelFout("niet toegewezen zonder reden: vul 'toelichting' in", bestand=str(pad),
                             regel=i + 2, kolom="toelichting", waarde=tabel["categorie"].iat[i])
    dubbel = tabel.duplicated(["bron", "categorie"])
    if dubbel.any():
        i = int(dubbel.to_numpy().nonzero()[0][0])
        raise KoppelFout("categorie staat twee keer in de koppeltabel", bestand=str(pad), regel=i + 2,
                         kolom="categorie", waarde=tabel["categorie"].iat[i])
    return tabel


@cache
def _standaard() -> pd.DataFrame:
    tabellen = [_lees_tabel(p, p.stem) for p in sorted(package_data("koppeling").glob("*.csv"))]
    return pd.concat(tabellen, ignore_index=True)


def koppeltabel(eigen: str | Path | None = None) -> pd.DataFrame:
    """The mapping of all sources; rows of ``eigen`` (a gemeente's own file) override or extend."""
    tabel = _standaard()
    if eigen is not None:
        extra = _lees_tabel(Path(eigen), None)
        tabel = pd.concat([tabel, extra], ignore_index=True).drop_duplicates(
            ["bron", "categorie"], keep="last")
    return tabel.reset_index(drop=True)


@dataclass(frozen=True)
class Gekoppeld:
    """Result of :func:`koppel`: the mapped rows and the coverage of the mapping."""

    cijfers: pd.DataFrame  # canonical rows of mapped categories, plus column ``thema``
    dekking: pd.DataFrame  # per bron/categorie: thema, status, toelichting, rijen


def koppel(cijfers: pd.DataFrame, eigen: str | Path | None = None) -> Gekoppeld:
    """Map canonical rows onto thema's.

    Parameters
    ----------
    cijfers
        Canonical figures table.
    eigen
        Optional mapping file of the gemeente that overrides or extends the shipped tables.

    Returns
    -------
    Gekoppeld
        ``cijfers``: rows whose category maps to a thema, with a ``thema`` column;
        ``dekking``: one row per source category found in the data with ``status`` one of
        ``toegewezen``, ``niet toegewezen`` (with the reason) or ``onbekend in koppeling`` (new
        in the data; listed, never silently dropped).
    """
    tabel = koppeltabel(eigen)
    registraties = cijfers[~cijfers["bron"].isin(NOEMERS)]
    gevonden = (registraties.groupby(["bron", "categorie"], observed=True)
                .agg(omschrijving_data=("omschrijving", "first"), rijen=("waarde", "size"))
                .reset_index())
    gevonden = gevonden.astype({"bron": str, "categorie": str, "omschrijving_data": str})
    dekking = gevonden.merge(tabel, on=["bron", "categorie"], how="left")
    dekking["status"] = ONBEKEND
    dekking.loc[dekking["thema"].notna() & (dekking["thema"] != ""), "status"] = TOEGEWEZEN
    dekking.loc[dekking["thema"].eq(""), "status"] = NIET_TOEGEWEZEN
    dekking["omschrijving"] = dekking["omschrijving"].fillna(dekking["omschrijving_data"])
    dekking["toelichting"] = dekking["toelichting"].fillna(
        "nieuw in de data: nog niet in de koppeltabel; voeg een regel toe in een eigen koppelbestand")
    dekking["thema"] = dekking["thema"].fillna("")
    dekking = dekking[["bron", "categorie", "omschrijving", "thema", "status", "toelichting", "rijen"]]

    toegewezen = tabel[tabel["thema"] != ""][["bron", "categorie", "thema"]]
    gekoppeld = registraties.astype({"bron": str, "categorie": str}).merge(
        toegewezen, on=["bron", "categorie"], how="inner", validate="many_to_one")
    return Gekoppeld(gekoppeld, dekking.sort_values(["bron", "categorie"]).reset_index(drop=True))
