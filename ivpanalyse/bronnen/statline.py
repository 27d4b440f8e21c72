"""CBS/Politie StatLine bulk CSV ("UntypedDataSet"/"TypedDataSet"), e.g. Politie table 47018NED.

Layout (see ``../shared/data/README.md``): UTF-8 with BOM, ``;``-separated, every field quoted,
numbers right-aligned with leading spaces, keys padded with trailing spaces (``"1.1.1 "``,
``"GM0158    "``), periods ``YYYYJJ00`` (year) or ``YYYYMMnn`` (month), ``"."`` unknown or secret,
``""`` cannot occur. Metadata tables written beside the data (``Perioden.csv`` with a ``Status``
column, ``SoortMisdrijf.csv`` with titles) are used when present.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import cijfers
from ..config import koppeltabel_pad
from ..errors import Fout, InleesFout
from . import gemeen

# Dimension columns: region, period, and the category dimensions we know.
REGIO_KOLOMMEN = ("WijkenEnBuurten", "RegioS", "Gemeenten", "Regio")
PERIODE_KOLOM = "Perioden"
# Topic key (without the _N suffix) -> unit of the figure.
ONDERWERPEN = {
    "GeregistreerdeMisdrijven": "aantal",
    "TotaalGeregistreerdeMisdrijven": "aantal",
    "GeregistreerdeMisdrijvenPer1000Inw": "per 1.000 inwoners",
    "Aangiften": "aantal",
    "Internetaangiften": "aantal",
    "InternetAangiften": "aantal",
    "GeregistreerdeMisdrijvenRelatief": "procent",
}
# Descriptive topics that carry no figure.
KENMERKEN = ("Gemeentenaam", "SoortRegio", "Codering", "Indelingswijziging", "Meetniveau")
# Tables recognised by their columns when the file name does not say.
HANDTEKENINGEN = {
    "47018NED": {"WijkenEnBuurten", "SoortMisdrijf", "GeregistreerdeMisdrijven_1"},
    "83648NED": {"RegioS", "SoortMisdrijf", "TotaalGeregistreerdeMisdrijven_1"},
}
TABEL_IN_NAAM = re.compile(r"(\d{5}(?:NED|ned))")
PERIODE = re.compile(r"^(\d{4})(JJ00|MM(\d{2}))$")
# Amsterdam (GM0363) uses letters in wijk/buurt codes since 2022: WK0363AA, BU0363AA01.
GEBIED = re.compile(r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")


def herken(pad: Path, kop: str) -> bool:
    eerste = kop.splitlines()[0] if kop else ""
    velden = [v.strip().strip('"') for v in eerste.split(";")]
    return len(velden) > 3 and velden[0] == "ID" and PERIODE_KOLOM in velden and any(
        v in REGIO_KOLOMMEN for v in velden)


def onderwerp_eenheid(kolom: str) -> str | None:
    """Unit of a topic column, ``None`` for a descriptive column; unknown topics are an error."""
    basis = re.sub(r"_\d+$", "", kolom)
    if basis in ONDERWERPEN:
        return ONDERWERPEN[basis]
    if basis.startswith(KENMERKEN):
        return None
    raise KeyError(kolom)


def tabel_id(pad: Path, kolommen: list[str]) -> str:
    gevonden = TABEL_IN_NAAM.search(pad.name)
    if gevonden:
        return gevonden.group(1).upper()
    for tabel, handtekening in HANDTEKENINGEN.items():
        if handtekening <= set(kolommen):
            return tabel
    raise InleesFout("tabelnummer onbekend: zet het CBS-tabelnummer (bijv. 47018NED) in de bestandsnaam",
                     bestand=str(pad), regel=1)


def _periode_status(pad: Path) -> dict[str, str]:
    """Period key -> status from a ``Perioden.csv`` beside the data, else empty."""
    meta = pad.parent / "Perioden.csv"
    if not meta.is_file():
        return {}
    tabel = pd.read_csv(meta, dtype=str, keep_default_na=False)
    if "Status" not in tabel:
        return {}
    uit = {}
    for key, status, titel in zip(tabel["Key"], tabel["Status"], tabel.get("Title", tabel["Key"])):
        s = status.strip().lower()
        voorlopig = "voorlopig" in s or titel.strip().endswith("*")
        uit[key.strip()] = "voorlopig" if voorlopig else ("definitief" if s == "definitief" else "onbekend")
    return uit


def _titels(pad: Path, dimensie: str) -> dict[str, str]:
    """Category key -> title from ``<Dimensie>.csv`` beside the data, else empty."""
    meta = pad.parent / f"{dimensie}.csv"
    if not meta.is_file():
        return {}
    tabel = pd.read_csv(meta, dtype=str, keep_default_na=False)
    if not {"Key", "Title"} <= set(tabel.columns):
        return {}
    return dict(zip(tabel["Key"].str.strip(), tabel["Title"].str.strip()))


def namen(pad: Path) -> dict[str, str]:
    """Area code -> name: wijk and buurt names from the region metadata beside the file
    (``WijkenEnBuurten.csv``), gemeente names from a ``Gemeentenaam_N`` column."""
    pad = Path(pad)
    kop = pd.read_csv(pad, sep=";", nrows=0, encoding="utf-8-sig").columns
    regio = next((k for k in kop if k in REGIO_KOLOMMEN), None)
    naam = next((k for k in kop if k.startswith("Gemeentenaam")), None)
    uit = _titels(pad, regio) if regio else {}
    if not regio or not naam:
        return uit
    tabel = pd.read_csv(pad, sep=";", usecols=[regio, naam], dtype=str, keep_default_na=False,
                        encoding="utf-8-sig").drop_duplicates()
    code = tabel[regio].str.strip()
    gm = code.str.startswith("GM")
    uit.update(zip(code[gm], tabel[naam][gm].str.strip()))
    return uit


def _titels_pakket(tabel: str) -> dict[str, str]:
    """Category titles from the mapping table shipped for ``tabel`` (when metadata is absent)."""
    pad = koppeltabel_pad(tabel)
    if not pad.is_file():
        return {}
    meta = pd.read_csv(pad, dtype=str, keep_default_na=False, comment="#")
    return dict(zip(meta["categorie"], meta["omschrijving"]))


def _is_typed(pad: Path) -> bool:
    """A TypedDataSet download: numbers unpadded and both ``.`` and empty written as empty."""
    naam = pad.name.lower()
    return "typeddataset" in naam and "untypeddataset" not in naam


def lees(pad: Path) -> pd.DataFrame:
    """Read a StatLine bulk CSV (Untyped or Typed DataSet) into the canonical table.

    Yearly (``YYYYJJ00``) and monthly (``YYYYMMnn``) periods are kept apart through ``maand``.
    In a TypedDataSet ``.`` and empty are both written empty, so an empty figure there is
    "onbekend of geheim"; in an UntypedDataSet empty means "kan niet voorkomen".

    Raises
    ------
    InleesFout
        For an unknown column or period format, a region code that is not GM/WK/BU or not in the
        gemeente register, a year in the future, text in a number column, or a negative or
        fractional count; all problems of the file are collected.
    """
    pad = Path(pad)
    kop = gemeen.lees_csv(pad, sep=";", nrows=0).columns
    # The row number column "ID" is never used: not reading it saves memory on large files.
    ruw = gemeen.lees_csv(pad, sep=";", usecols=[k for k in kop if k != "ID"] or None)
    return verwerk(ruw, pad)


def verwerk(ruw: pd.DataFrame, pad: Path, *, tabel: str | None = None, typed: bool | None = None,
            perioden: dict[str, str] | None = None, titels: dict[str, str] | None = None) -> pd.DataFrame:
    """Turn a StatLine data set held as text columns into the canonical table.

    Shared by the bulk CSV reader and :mod:`.odata` (cbsodata JSON). ``perioden`` (period key ->
    status) and ``titels`` (category key -> title) default to the metadata CSV files beside ``pad``.
    """
    bestand = str(pad)
    if ruw.empty:
        raise InleesFout("bestand bevat alleen een kopregel, geen cijfers", bestand=bestand, regel=2)
    kolommen = list(ruw.columns)
    regio = next((k for k in kolommen if k in REGIO_KOLOMMEN), None)
    if regio is None or PERIODE_KOLOM not in kolommen:
        raise InleesFout("geen regio- of periodekolom gevonden (verwacht bijv. 'WijkenEnBuurten' en 'Perioden')",
                         bestand=bestand, regel=1, kolom=", ".join(kolommen[:6]))
    tabel = tabel or tabel_id(pad, kolommen)
    dimensies = [k for k in kolommen if k not in ("ID", regio, PERIODE_KOLOM) and not re.search(r"_\d+$", k)]
    onderwerpen = {}
    for k in kolommen:
        if re.search(r"_\d+$", k):
            try:
                eenheid = onderwerp_eenheid(k)
            except KeyError:
                raise InleesFout("onbekende kolom (onderwerp) in StatLine-bestand", bestand=bestand,
                                 regel=1, kolom=k) from None
            if eenheid:
                onderwerpen[k] = eenheid
    if not onderwerpen:
        raise InleesFout("geen kolom met cijfers gevonden", bestand=bestand, regel=1)

    fouten: list[Fout] = []
    regelnr = np.arange(2, len(ruw) + 2)  # header is line 1

    # Dimension columns repeat a few values millions of times: work on the distinct values.
    gebied_cat = ruw[regio].astype("category")
    gebied_cat = gebied_cat.cat.rename_categories(gebied_cat.cat.categories.str.strip())
    andere = pd.Series(gebied_cat.cat.categories).str.match(r"^(NL|PV|LD|RE|CR|GG|JZ|RB|VR|PO|BT)\d")
    andere_regio = gebied_cat.isin(set(np.asarray(gebied_cat.cat.categories)[andere.to_numpy()]))
    regio_fouten: list[Fout] = []
    geldig = gemeen.controleer_gebieden(gebied_cat,
                                        bestand=bestand, kolom=regio, regels=regelnr,
                                        fouten=regio_fouten, ruw=ruw[regio])
    fouten += [f for f in regio_fouten
               if not re.match(r"^(NL|PV|LD|RE|CR|GG|JZ|RB|VR|PO|BT)\d", str(f.waarde).strip())]
    houd = geldig & ~np.asarray(andere_regio)

    periode_cat = ruw[PERIODE_KOLOM].astype("category")
    pcats = pd.Series(periode_cat.cat.categories.str.strip())
    pdelen = pcats.str.extract(PERIODE)
    codes = periode_cat.cat.codes.to_numpy()
    slecht_periode = pdelen[0].isna().to_numpy()[codes]
    for i in np.flatnonzero(slecht_periode)[:gemeen.MAX_PER_SOORT]:
        fouten.append(Fout("onbekende periode (verwacht JJJJJJ00 of JJJJMMnn)", bestand,
                           int(regelnr[i]), PERIODE_KOLOM, ruw[PERIODE_KOLOM].iat[i]))
    jaar_per_cat = pd.to_numeric(pdelen[0], errors="coerce").to_numpy()
    maand_per_cat = pd.to_numeric(pdelen[2], errors="coerce").to_numpy()
    jaar = jaar_per_cat[codes]
    maand = maand_per_cat[codes]
    with np.errstate(invalid="ignore"):
        slecht_maand = (maand < 1) | (maand > 12)
    for i in np.flatnonzero(slecht_maand)[:gemeen.MAX_PER_SOORT]:
        fouten.append(Fout("onbekende maand (verwacht 01-12)", bestand, int(regelnr[i]), PERIODE_KOLOM,
                           ruw[PERIODE_KOLOM].iat[i]))
    toekomst = np.flatnonzero(np.nan_to_num(jaar_per_cat) > gemeen.huidig_jaar())
    if len(toekomst):
        rij = np.flatnonzero(np.isin(codes, toekomst))
        gemeen.controleer_jaren(pd.Series(jaar[rij]), bestand=bestand, kolom=PERIODE_KOLOM,
                                regels=regelnr[rij], fouten=fouten,
                                toon=ruw[PERIODE_KOLOM].iloc[rij].reset_index(drop=True))

    if dimensies:
        delen = []
        for d in dimensies:
            c = ruw[d].astype("category")
            delen.append(c.cat.rename_categories(c.cat.categories.str.strip()))
        if len(delen) == 1:
            categorie = delen[0]
        else:
            categorie = pd.Series(delen[0].astype(str)).str.cat([x.astype(str) for x in delen[1:]], sep="|")
            categorie = categorie.astype("category")
    else:
        categorie = pd.Series(pd.Categorical(["totaal"] * len(ruw)))

    typed = _is_typed(pad) if typed is None else typed
    delen_uit = []
    for kolom, eenheid in onderwerpen.items():
        waarde, ontbreekt = gemeen.getallen(
            ruw[kolom], bestand=bestand, kolom=kolom, regels=regelnr, eenheid=eenheid, fouten=fouten,
            ontbreekt_leeg=cijfers.ONBEKEND if typed else cijfers.KAN_NIET)
        delen_uit.append((waarde, eenheid, ontbreekt))
    gemeen.raise_als(fouten)

    status_per_periode = _periode_status(pad) if perioden is None else perioden
    if titels is None:
        titels = _titels(pad, dimensies[0]) if len(dimensies) == 1 else {}
    if not titels and dimensies and dimensies[0] == "SoortMisdrijf":
        titels = _titels_pakket(tabel)
    gebied_k = pd.Series(gebied_cat[houd]).reset_index(drop=True)
    gcats = pd.Series(gebied_k.cat.categories)
    gem_cats = np.where(gcats.str.startswith("GM"), gcats, "GM" + gcats.str.slice(2, 6))
    gemeente = pd.Categorical(gem_cats[gebied_k.cat.codes.to_numpy()])
    cat_k = pd.Series(categorie[houd]).reset_index(drop=True).astype("category")
    status_cats = np.array([status_per_periode.get(k, "onbekend") for k in pcats], dtype=object)
    basis = pd.DataFrame({
        "gemeente_code": gemeente,
        "gebied_code": gebied_k,
        "periode": jaar[houd].astype("int16"),
        "maand": pd.array(maand[houd], dtype="Int8") if not np.isnan(maand[houd]).all()
        else pd.array([pd.NA] * int(houd.sum()), dtype="Int8"),
        "bron": pd.Categorical.from_codes(np.zeros(int(houd.sum()), dtype="int8"), [tabel]),
        "categorie": cat_k,
        "status": pd.Categorical(status_cats[codes[houd]]),
        "bronbestand": pd.Categorical.from_codes(np.zeros(int(houd.sum()), dtype="int8"), [pad.name]),
    })
    oms = np.array([titels.get(c, c) for c in cat_k.cat.categories] or [""], dtype=object)
    basis["omschrijving"] = pd.Categorical(oms[cat_k.cat.codes.to_numpy()])
    frames = []
    for waarde, eenheid, ontbreekt in delen_uit:
        deel = basis.copy()
        deel["waarde"] = waarde.to_numpy()[houd]
        deel["eenheid"] = pd.Categorical.from_codes(np.zeros(len(deel), dtype="int8"), [eenheid])
        deel["ontbreekt"] = pd.Categorical(ontbreekt.to_numpy()[houd],
                                           categories=[cijfers.ONBEKEND, cijfers.KAN_NIET])
        frames.append(deel)
    return cijfers.normaliseer(pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0])
