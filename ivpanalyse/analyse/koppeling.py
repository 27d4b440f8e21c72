"""Mapping canonical rows onto the thema's of Kernbeleid Veiligheid.

A mapping table per source (``ivpanalyse/data/koppeling/<BRON>.csv``, columns ``categorie``,
``omschrijving``, ``thema``, ``toelichting``) assigns every category to exactly one thema or, with
an empty ``thema``, to "niet toegewezen" with a reason. A gemeente can add or override rows with a
file of its own in the same layout (plus a ``bron`` column), or with a table in memory.

Why one registration can never be counted twice in a thema total (by construction):

* each (bron, categorie) has exactly one row in the merged mapping, so one thema at most;
* total and subtotal rows of the shipped tables (``toelichting`` starts with ``totaalregel`` or
  ``subtotaal``) can never be given a thema, not even by a gemeente's own file;
* denominators (eenheid ``inwoners``/``woningen``) are never mapped;
* :mod:`ivpanalyse.indicatoren` sums a thema within one source only (its hoofdbron), yearly
  figures only, and only figures in eenheid ``aantal``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Union

import pandas as pd

from .. import taxonomie
from ..config import ZELFDE_CODELIJST, koppeltabel_pad, package_data
from ..errors import KoppelFout

KOLOMMEN = ["bron", "categorie", "omschrijving", "thema", "toelichting", "politie_initiatief"]
# Optional columns of a mapping file and their default.
OPTIONEEL = {"omschrijving": "", "politie_initiatief": ""}
# Sources whose rows are denominators or context, not registrations to map.
NOEMERS = {"bevolking"}
NOEMER_EENHEDEN = {"inwoners", "woningen"}
TOEGEWEZEN = "toegewezen"
NIET_TOEGEWEZEN = "niet toegewezen"
ONBEKEND = "onbekend in koppeling"
STANDAARD = "standaard"
# A shipped row whose reason starts with one of these is a (sub)total of other rows.
TOTAAL_PREFIXEN = ("totaalregel", "subtotaal")

Eigen = Union[str, Path, pd.DataFrame, None]


def _controleer(tabel: pd.DataFrame, bestand: str) -> pd.DataFrame:
    ontbrekend = [k for k in KOLOMMEN if k not in tabel and k not in OPTIONEEL]
    if ontbrekend:
        raise KoppelFout("kolom ontbreekt in koppeltabel", bestand=bestand, regel=1, kolom=ontbrekend[0])
    tabel = tabel.copy()
    for kolom, standaard in OPTIONEEL.items():
        if kolom not in tabel:
            tabel[kolom] = standaard
    tabel = tabel[KOLOMMEN].astype(object).fillna("").astype(str).apply(lambda s: s.str.strip())
    for i, vlag in enumerate(tabel["politie_initiatief"]):
        if vlag not in ("", "ja", "nee"):
            raise KoppelFout("politie_initiatief moet 'ja', 'nee' of leeg zijn", bestand=bestand, regel=i + 2,
                             kolom="politie_initiatief", waarde=vlag)
    codes = {t.code for t in taxonomie.themas()}
    for i, (thema, toelichting) in enumerate(zip(tabel["thema"], tabel["toelichting"])):
        if thema and thema not in codes:
            raise KoppelFout("onbekende themacode", bestand=bestand, regel=i + 2, kolom="thema", waarde=thema)
        if not thema and not toelichting:
            raise KoppelFout("niet toegewezen zonder reden: vul 'toelichting' in", bestand=bestand,
                             regel=i + 2, kolom="toelichting", waarde=tabel["categorie"].iat[i])
    dubbel = tabel.duplicated(["bron", "categorie"])
    if dubbel.any():
        i = int(dubbel.to_numpy().nonzero()[0][0])
        raise KoppelFout("categorie staat twee keer in de koppeltabel", bestand=bestand, regel=i + 2,
                         kolom="categorie", waarde=tabel["categorie"].iat[i])
    return tabel


def _lees_tabel(pad: Path, bron: str | None) -> pd.DataFrame:
    try:
        tabel = pd.read_csv(pad, dtype=str, keep_default_na=False, comment="#")
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise KoppelFout(f"koppeltabel kan niet gelezen worden ({exc})", bestand=str(pad)) from exc
    if bron is not None and "bron" not in tabel:
        tabel.insert(0, "bron", bron)
    return _controleer(tabel, str(pad))


@cache
def _standaard() -> pd.DataFrame:
    tabellen = [_lees_tabel(p, p.stem) for p in sorted(package_data("koppeling").glob("*.csv"))]
    tabellen += [_lees_tabel(koppeltabel_pad(alias), alias) for alias in ZELFDE_CODELIJST]
    return pd.concat(tabellen, ignore_index=True).assign(herkomst=STANDAARD)


def _eigen_tabellen(eigen) -> list[tuple[pd.DataFrame, str]]:
    if eigen is None:
        return []
    if isinstance(eigen, (str, Path)):
        return [(_lees_tabel(Path(eigen), None), Path(eigen).name)]
    if isinstance(eigen, pd.DataFrame):
        return [(_controleer(eigen, "eigen koppeltabel"), "eigen koppeltabel")]
    return [t for e in eigen for t in _eigen_tabellen(e)]


def koppeltabel(eigen: Eigen | Iterable[Eigen] = None) -> pd.DataFrame:
    """The mapping of all sources; rows of ``eigen`` override or extend the shipped tables.

    Parameters
    ----------
    eigen
        A gemeente's own mapping: a CSV file (columns ``bron, categorie, omschrijving, thema,
        toelichting``), a DataFrame in that layout, or a list of those (later ones win).

    Returns
    -------
    DataFrame
        ``bron, categorie, omschrijving, thema, toelichting, politie_initiatief`` (``ja`` for
        categories registered mainly on police initiative), ``herkomst`` (``standaard`` or the
        name of the own file), one row per (bron, categorie).

    Raises
    ------
    KoppelFout
        For an unreadable file, an unknown thema, a category listed twice, or an own row that
        gives a thema to a total or subtotal (that would count registrations twice).
    """
    tabel = _standaard()
    totalen = set(zip(tabel["bron"], tabel["categorie"])) & {
        (b, c) for b, c, t in zip(tabel["bron"], tabel["categorie"], tabel["toelichting"])
        if t.lower().startswith(TOTAAL_PREFIXEN)}
    for extra, herkomst in _eigen_tabellen(eigen):
        for i, (b, c, t) in enumerate(zip(extra["bron"], extra["categorie"], extra["thema"])):
            if t and (b, c) in totalen:
                raise KoppelFout("een totaal- of subtotaalregel kan geen thema krijgen: de delen zouden "
                                 "dan twee keer meetellen", bestand=herkomst, regel=i + 2, kolom="thema",
                                 waarde=f"{b} {c}")
        tabel = pd.concat([tabel, extra.assign(herkomst=herkomst)], ignore_index=True).drop_duplicates(
            ["bron", "categorie"], keep="last")
    return tabel.reset_index(drop=True)


@dataclass(frozen=True)
class Gekoppeld:
    """Result of :func:`koppel`: the mapped rows and the coverage of the mapping."""

    cijfers: pd.DataFrame  # canonical rows of mapped categories, plus column ``thema``
    dekking: pd.DataFrame  # per bron/categorie: thema, status, toelichting, herkomst, rijen


def _dekking(gevonden: pd.DataFrame, tabel: pd.DataFrame) -> pd.DataFrame:
    dekking = gevonden.merge(tabel, on=["bron", "categorie"], how="left")
    dekking["status"] = ONBEKEND
    dekking.loc[dekking["thema"].notna() & (dekking["thema"] != ""), "status"] = TOEGEWEZEN
    dekking.loc[dekking["thema"].eq(""), "status"] = NIET_TOEGEWEZEN
    dekking["omschrijving"] = dekking["omschrijving"].fillna(dekking["omschrijving_data"])
    dekking["toelichting"] = dekking["toelichting"].fillna(
        "nieuw in de data: nog niet in de koppeltabel; voeg een regel toe in een eigen koppelbestand")
    dekking["thema"] = dekking["thema"].fillna("")
    dekking["herkomst"] = dekking["herkomst"].fillna("")
    kolommen = ["bron", "categorie", "omschrijving", "thema", "status", "toelichting", "herkomst", "rijen"]
    return dekking[kolommen].sort_values(["bron", "categorie"]).reset_index(drop=True)


def dekking_codes(bron: str, categorieen: Iterable[str], omschrijvingen: Iterable[str] | None = None,
                  eigen: Eigen | Iterable[Eigen] = None) -> pd.DataFrame:
    """Coverage of a whole code list (e.g. a table's metadata), independent of the figures read.

    Parameters
    ----------
    bron
        Source table, e.g. ``"47018NED"``.
    categorieen
        The source's keys (padding is stripped).
    omschrijvingen
        Optional labels, in the same order.
    eigen
        Optional own mapping, as in :func:`koppeltabel`.

    Returns
    -------
    DataFrame
        As :attr:`Gekoppeld.dekking`, with ``rijen`` 0.
    """
    categorieen = [str(c).strip() for c in categorieen]
    labels = list(omschrijvingen) if omschrijvingen is not None else categorieen
    gevonden = pd.DataFrame({"bron": bron, "categorie": categorieen,
                             "omschrijving_data": [str(o).strip() for o in labels], "rijen": 0})
    return _dekking(gevonden.drop_duplicates(["bron", "categorie"]), koppeltabel(eigen))


def koppel(cijfers: pd.DataFrame, eigen: Eigen | Iterable[Eigen] = None) -> Gekoppeld:
    """Map canonical rows onto thema's.

    Parameters
    ----------
    cijfers
        Canonical figures table.
    eigen
        Optional own mapping of the gemeente that overrides or extends the shipped tables (a file,
        a DataFrame or a list of those; see :func:`koppeltabel`).

    Returns
    -------
    Gekoppeld
        ``cijfers``: rows whose category maps to a thema, with columns ``thema``,
        ``politie_initiatief`` (bool) and ``label`` (what the category counts, from the mapping);
        ``dekking``: one row per source category found in the data with ``status`` one of
        ``toegewezen``, ``niet toegewezen`` (with the reason) or ``onbekend in koppeling`` (new
        in the data; listed, never silently dropped), the ``herkomst`` of the mapping row and the
        number of ``rijen``.
    """
    tabel = koppeltabel(eigen)
    registraties = cijfers[~cijfers["bron"].isin(NOEMERS)]
    gevonden = (registraties.groupby(["bron", "categorie"], observed=True)
                .agg(omschrijving_data=("omschrijving", "first"), rijen=("waarde", "size"))
                .reset_index())
    gevonden = gevonden.astype({"bron": str, "categorie": str, "omschrijving_data": str})
    dekking = _dekking(gevonden, tabel)

    toegewezen = tabel[tabel["thema"] != ""][["bron", "categorie", "thema", "politie_initiatief", "omschrijving"]].rename(
        columns={"omschrijving": "label"})
    teller = registraties[~registraties["eenheid"].astype(str).isin(NOEMER_EENHEDEN)]
    gekoppeld = teller.astype({"bron": str, "categorie": str}).merge(
        toegewezen, on=["bron", "categorie"], how="inner", validate="many_to_one")
    # Registered when the police look (drugs, weapons, driving under influence): a rise can mean more
    # enforcement, so such series never get a decreasing target (docs/indicatoren.md).
    gekoppeld["politie_initiatief"] = gekoppeld["politie_initiatief"].eq("ja")
    # The mapping's label says what a category counts (e.g. 2.5.1 is not only bedrijventerreinen).
    gekoppeld["label"] = gekoppeld["label"].where(gekoppeld["label"] != "", gekoppeld["omschrijving"].astype(str))
    return Gekoppeld(gekoppeld, dekking)
