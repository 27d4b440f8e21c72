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
from ..config import package_data
from ..errors import Fout, InleesFout

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
GEBIED = re.compile(r"^(GM\d{4}|WK\d{6}|BU\d{8})$")


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
    """Gemeente code -> name from a ``Gemeentenaam_N`` column, where the file has one."""
    pad = Path(pad)
    kop = pd.read_csv(pad, sep=";", nrows=0, encoding="utf-8-sig").columns
    regio = next((k for k in kop if k in REGIO_KOLOMMEN), None)
    naam = next((k for k in kop if k.startswith("Gemeentenaam")), None)
    if not regio or not naam:
        return {}
    tabel = pd.read_csv(pad, sep=";", usecols=[regio, naam], dtype=str, keep_default_na=False,
                        encoding="utf-8-sig").drop_duplicates()
    code = tabel[regio].str.strip()
    gm = code.str.startswith("GM")
    return dict(zip(code[gm], tabel[naam][gm].str.strip()))


def _titels_pakket(tabel: str) -> dict[str, str]:
    """Category titles from the mapping table shipped for ``tabel`` (when metadata is absent)."""
    pad = package_data("koppeling", f"{tabel}.csv")
    if not pad.is_file():
        return {}
    meta = pd.read_csv(pad, dtype=str, keep_default_na=False, comment="#")
    return dict(zip(meta["categorie"], meta["omschrijving"]))


def lees(pad: Path) -> pd.DataFrame:
    """Read a StatLine bulk CSV into the canonical table.

    Raises
    ------
    InleesFout
        For an unknown column or period format, a region code that is not GM/WK/BU, text in a
        number column, or a negative or fractional count; all problems of the file are collected.
    """
    pad = Path(pad)
    try:
        ruw = pd.read_csv(pad, sep=";", dtype=str, keep_default_na=False, na_filter=False,
                          encoding="utf-8-sig", engine="c")
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InleesFout(f"bestand kan niet als StatLine-CSV gelezen worden ({exc})",
                         bestand=str(pad)) from exc
    if ruw.empty:
        raise InleesFout("bestand bevat alleen een kopregel, geen cijfers", bestand=str(pad), regel=2)
    kolommen = list(ruw.columns)
    regio = next(k for k in kolommen if k in REGIO_KOLOMMEN)
    tabel = tabel_id(pad, kolommen)
    dimensies = [k for k in kolommen if k not in ("ID", regio, PERIODE_KOLOM) and not re.search(r"_\d+$", k)]
    onderwerpen = {}
    for k in kolommen:
        if re.search(r"_\d+$", k):
            try:
                eenheid = onderwerp_eenheid(k)
            except KeyError:
                raise InleesFout("onbekende kolom (onderwerp) in StatLine-bestand", bestand=str(pad),
                                 regel=1, kolom=k) from None
            if eenheid:
                onderwerpen[k] = eenheid
    if not onderwerpen:
        raise InleesFout("geen kolom met cijfers gevonden", bestand=str(pad), regel=1)

    fouten: list[Fout] = []
    regelnr = pd.RangeIndex(2, len(ruw) + 2)  # header is line 1

    gebied = ruw[regio].str.strip()
    geldig_gebied = gebied.str.match(GEBIED.pattern)
    andere_regio = gebied.str.match(r"^(NL|PV|LD|RE|CR|GG|JZ|RB|VR|PO|BT)\d")
    for i in np.flatnonzero(~geldig_gebied & ~andere_regio)[:20]:
        fouten.append(Fout("onbekende regiocode (verwacht GMxxxx, WKxxxxxx of BUxxxxxxxx)",
                           str(pad), int(regelnr[i]), regio, ruw[regio].iat[i]))

    periode = ruw[PERIODE_KOLOM].str.strip()
    delen = periode.str.extract(PERIODE)
    for i in np.flatnonzero(delen[0].isna())[:20]:
        fouten.append(Fout("onbekende periode (verwacht JJJJJJ00 of JJJJMMnn)", str(pad),
                           int(regelnr[i]), PERIODE_KOLOM, ruw[PERIODE_KOLOM].iat[i]))

    categorie = (ruw[dimensies].apply(lambda s: s.str.strip()).agg("|".join, axis=1)
                 if len(dimensies) > 1 else ruw[dimensies[0]].str.strip() if dimensies
                 else pd.Series("totaal", index=ruw.index))

    delen_uit = []
    for kolom, eenheid in onderwerpen.items():
        tekst = ruw[kolom].str.strip()
        waarde = pd.to_numeric(tekst.where(~tekst.isin([".", ""])), errors="coerce")
        tekstfout = waarde.isna() & ~tekst.isin([".", ""])
        for i in np.flatnonzero(tekstfout)[:20]:
            fouten.append(Fout("geen getal", str(pad), int(regelnr[i]), kolom, ruw[kolom].iat[i]))
        if eenheid == "aantal":
            negatief = waarde < 0
            for i in np.flatnonzero(negatief)[:20]:
                fouten.append(Fout("negatief aantal", str(pad), int(regelnr[i]), kolom, ruw[kolom].iat[i]))
            gebroken = (waarde % 1 != 0) & waarde.notna()
            for i in np.flatnonzero(gebroken)[:20]:
                fouten.append(Fout("aantal is geen geheel getal", str(pad), int(regelnr[i]), kolom,
                                   ruw[kolom].iat[i]))
        ontbreekt = pd.Series(pd.NA, index=ruw.index, dtype="object")
        ontbreekt[tekst == "."] = cijfers.ONBEKEND
        ontbreekt[tekst == ""] = cijfers.KAN_NIET
        delen_uit.append((waarde, eenheid, ontbreekt))
    if fouten:
        raise InleesFout(fouten=fouten)

    houd = geldig_gebied.to_numpy()
    status_per_periode = _periode_status(pad)
    titels = _titels(pad, dimensies[0]) if len(dimensies) == 1 else {}
    if not titels and dimensies and dimensies[0] == "SoortMisdrijf":
        titels = _titels_pakket(tabel)
    gebied_k = gebied[houd]
    gemeente = np.where(gebied_k.str.startswith("GM"), gebied_k,
                        "GM" + gebied_k.str.slice(2, 6))
    basis = pd.DataFrame({
        "gemeente_code": gemeente,
        "gebied_code": gebied_k.to_numpy(),
        "periode": delen[0][houd].astype(int).to_numpy(),
        "maand": pd.to_numeric(delen[2][houd], errors="coerce").astype("Int8").to_numpy(),
        "bron": tabel,
        "categorie": categorie[houd].to_numpy(),
        "status": periode[houd].map(status_per_periode).fillna("onbekend").to_numpy(),
        "bronbestand": pad.name,
    })
    basis["omschrijving"] = basis["categorie"].map(titels).fillna(basis["categorie"])
    frames = []
    for waarde, eenheid, ontbreekt in delen_uit:
        deel = basis.copy()
        deel["waarde"] = waarde[houd].to_numpy()
        deel["eenheid"] = eenheid
        deel["ontbreekt"] = ontbreekt[houd].to_numpy()
        frames.append(deel)
    return cijfers.normaliseer(pd.concat(frames, ignore_index=True))
