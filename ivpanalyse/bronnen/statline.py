"""CBS/Politie StatLine bulk CSV ("UntypedDataSet"/"TypedDataSet"), e.g. Politie table 47018NED.

Layout (see ``../shared/data/README.md``): UTF-8 with BOM, ``;``-separated, every field quoted,
numbers right-aligned with leading spaces, keys padded with trailing spaces (``"1.1.1 "``,
``"GM0158    "``), periods ``YYYYJJ00`` (year) or ``YYYYMMnn`` (month), ``"."`` unknown or secret,
``""`` cannot occur. Metadata tables written beside the data (``Perioden.csv`` with a ``Status``
column, ``SoortMisdrijf.csv`` with titles) are used when present.
"""

from __future__ import annotations

import csv
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
# Topic key (without the _N suffix) -> unit of the figure, for files without DataProperties.csv.
ONDERWERPEN = {
    "GeregistreerdeMisdrijven": "aantal",
    "TotaalGeregistreerdeMisdrijven": "aantal",
    "GeregistreerdeMisdrijvenPer1000Inw": "per 1.000 inwoners",
    "Aangiften": "aantal",
    "Internetaangiften": "aantal",
    "InternetAangiften": "aantal",
    "GeregistreerdeMisdrijvenRelatief": "procent",
    "TotaalGeregistreerdeDiefstallen": "aantal",
    "GeregistreerdeDiefstallenPer1000Inw": "per 1.000 inwoners",
    "RegistratiesOverlast": "aantal",
    "TotaalRegistratiesOverlast": "aantal",
}
# The documented fallback when no DataProperties.csv lies beside the data: the unit follows from the
# topic's name; a topic none of these rules recognises is refused rather than guessed.
ONDERWERP_REGELS = (
    (re.compile(r"Per1000Inw"), "per 1.000 inwoners"),
    (re.compile(r"Per1000Woningen"), "per 1.000 woningen"),
    (re.compile(r"(Relatief|Percentage|Procent)"), "procent"),
    (re.compile(r"^(Totaal|Aantal|Geregistreerde|Aangiften|Internetaangiften|Registraties|Verdachten)"), "aantal"),
)
# Units as DataProperties.csv writes them (lower case, spaces squeezed).
EENHEID_META = {"aantal": "aantal", "per 1 000 inwoners": "per 1.000 inwoners", "per 1000 inwoners":
                "per 1.000 inwoners", "per 1 000 woningen": "per 1.000 woningen", "%": "procent",
                "procent": "procent"}
# Descriptive topics that carry no figure.
KENMERKEN = ("Gemeentenaam", "SoortRegio", "Codering", "Indelingswijziging", "Meetniveau")
# Columns cbsodataR adds beside the codes: labels, dates and frequency of the period.
LABELKOLOM = re.compile(r"_(label|Date|freq)$")
# CBS writes the total of a dimension as a key T + 6 digits (T001540 "Totaal", T001161 ...): in a table with
# several dimensions the total value is left out of the categorie, so a split (A048105 "met geweld") is
# its own categorie and never added to its total.
TOTAAL = re.compile(r"^T\d{6}$")
# Tables recognised by their columns when the file name does not say.
HANDTEKENINGEN = {
    "47018NED": {"WijkenEnBuurten", "SoortMisdrijf", "GeregistreerdeMisdrijven_1"},
    "83648NED": {"RegioS", "SoortMisdrijf", "TotaalGeregistreerdeMisdrijven_1"},
    "83651NED": {"RegioS", "SoortDiefstal", "GebruikVanGeweld"},
}
# CBS's own tables round counts to multiples of 5: another count is a damaged figure.
AFGEROND_OP_5 = {"83648NED", "83651NED"}
TABEL_IN_NAAM = re.compile(r"(\d{5}(?:NED|ned))")
PERIODE = re.compile(r"^(\d{4})(JJ00|MM(\d{2}))$")
# Amsterdam (GM0363) uses letters in wijk/buurt codes since 2022: WK0363AA, BU0363AA01.
GEBIED = re.compile(r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")
ANDERE_REGIO = re.compile(r"^(NL|PV|LD|RE|CR|GG|JZ|RB|VR|PO|BT)\d")
SLEUTELTEKENS = re.compile(r"^[A-Za-z0-9._-]+$")


def _kopvelden(kop: str) -> tuple[str, list[str]]:
    eerste = kop.splitlines()[0] if kop else ""
    sep = ";" if eerste.count(";") >= eerste.count(",") else ","
    return sep, [v.strip() for v in next(csv.reader([eerste], delimiter=sep), [])]


def herken(pad: Path, kop: str) -> bool:
    """A StatLine bulk file (``"ID";...``) or cbsodataR output (a row-number column ``""``)."""
    sep, velden = _kopvelden(kop)
    if len(velden) <= 3 or PERIODE_KOLOM not in velden or not any(v in REGIO_KOLOMMEN for v in velden):
        return False
    return (velden[0] == "ID" and sep == ";") or velden[0] == ""


def onderwerp_eenheid(kolom: str) -> str | None:
    """Unit of a topic column by the documented fallback, ``None`` for a descriptive column.

    Raises ``KeyError`` for a topic no rule recognises.
    """
    basis = re.sub(r"_\d+$", "", kolom)
    if basis in ONDERWERPEN:
        return ONDERWERPEN[basis]
    if basis.startswith(KENMERKEN):
        return None
    for patroon, eenheid in ONDERWERP_REGELS:
        if patroon.search(basis):
            return eenheid
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


def _meta(pad: Path, naam: str) -> pd.DataFrame | None:
    """A cbsodataR/StatLine metadata table beside the data (comma-separated), or ``None``.

    Problems in it raise :class:`InleesFout` naming the metadata file, not the data file.
    """
    meta = pad.parent / naam
    if meta == pad or not (meta.is_file() or meta.is_symlink()):
        return None
    tabel = gemeen.lees_csv(meta, sep=",")
    tabel.columns = [str(k).strip() for k in tabel.columns]
    if "Key" not in tabel:
        raise InleesFout("metadatabestand zonder kolom 'Key'", bestand=str(meta), regel=1, kolom="Key")
    return tabel


def metadata(pad: Path) -> dict:
    """Table id and release date (``Modified``) from a ``TableInfos.csv`` beside the data, where known.

    The release date is only taken when the TableInfos' ``Identifier`` is the table named in the data
    file's name (or the name names none): metadata of another table never dates this file.
    """
    pad = Path(pad)
    gevonden = TABEL_IN_NAAM.search(pad.name)
    tabel = gevonden.group(1).upper() if gevonden else None
    meta = pad.parent / "TableInfos.csv"
    if meta == pad or not meta.is_file():
        return {"tabel": tabel, "publicatiedatum": None, "titel": None}
    infos = gemeen.lees_csv(meta, sep=",")
    infos.columns = [str(k).strip() for k in infos.columns]
    if not len(infos) or "Modified" not in infos:
        return {"tabel": tabel, "publicatiedatum": None, "titel": None}
    rij = infos.iloc[0]
    ident = str(rij.get("Identifier", "")).strip().upper()
    if tabel and ident and ident != tabel:
        return {"tabel": tabel, "publicatiedatum": None, "titel": None}
    datum = str(rij["Modified"]).strip()
    return {"tabel": tabel or ident or None, "publicatiedatum": datum or None,
            "titel": str(rij.get("Title", "")).strip() or None}


def _periode_status(pad: Path) -> dict[str, str] | None:
    """Period key -> status from a ``Perioden.csv`` beside the data, else ``None``."""
    tabel = _meta(pad, "Perioden.csv")
    if tabel is None:
        return None
    uit = {}
    for key, status, titel in zip(tabel["Key"], tabel.get("Status", pd.Series("", index=tabel.index)),
                                  tabel.get("Title", tabel["Key"])):
        s = status.strip().lower()
        voorlopig = "voorlopig" in s or titel.strip().endswith("*")
        uit[key.strip()] = "voorlopig" if voorlopig else ("definitief" if s == "definitief" else "onbekend")
    return uit


def _titels(pad: Path, dimensie: str) -> dict[str, str] | None:
    """Category key -> title from ``<Dimensie>.csv`` beside the data, else ``None``."""
    tabel = _meta(pad, f"{dimensie}.csv")
    if tabel is None:
        return None
    if "Title" not in tabel:
        raise InleesFout("metadatabestand zonder kolom 'Title'", bestand=str(pad.parent / f"{dimensie}.csv"),
                         regel=1, kolom="Title")
    return dict(zip(tabel["Key"].str.strip(), tabel["Title"].str.strip()))


def _eigenschappen(pad: Path) -> tuple[dict[str, tuple[str | None, int]], set[str], Path] | None:
    """Topic units and dimension keys from ``DataProperties.csv`` beside the data, else ``None``."""
    tabel = _meta(pad, "DataProperties.csv")
    if tabel is None:
        return None
    meta = pad.parent / "DataProperties.csv"
    ontbreekt = [k for k in ("Type", "Unit") if k not in tabel]
    if ontbreekt:
        raise InleesFout("DataProperties.csv zonder kolom 'Type' of 'Unit'", bestand=str(meta), regel=1,
                         kolom=ontbreekt[0])
    regels = tabel.attrs["regels"]
    onderwerpen: dict[str, tuple[str | None, int]] = {}
    dimensies: set[str] = set()
    for i, (key, soort, unit) in enumerate(zip(tabel["Key"].str.strip(), tabel["Type"].str.strip(),
                                               tabel["Unit"])):
        datatype = tabel["Datatype"].iat[i].strip() if "Datatype" in tabel else ""
        if soort == "Topic":
            if datatype == "String":
                onderwerpen[key] = (None, int(regels[i]))
                continue
            norm = re.sub(r"\s+", " ", unit.strip().lower())
            if norm not in EENHEID_META:
                raise InleesFout("onbekende eenheid in de metadata (verwacht 'aantal', 'per 1 000 inwoners' of '%')",
                                 bestand=str(meta), regel=int(regels[i]), kolom="Unit", waarde=gemeen.kort(unit))
            onderwerpen[key] = (EENHEID_META[norm], int(regels[i]))
        elif soort.endswith(("Dimension", "GeoDetail")) or soort == "GeoDimension":
            dimensies.add(key)
    return onderwerpen, dimensies, meta


def namen(pad: Path) -> dict[str, str]:
    """Area code -> name: wijk and buurt names from the region metadata beside the file
    (``WijkenEnBuurten.csv``) or a cbsodataR label column, gemeente names from ``Gemeentenaam_N``."""
    pad = Path(pad)
    sep, kop = _kopvelden(gemeen.decodeer(pad, gemeen.lees_bytes(pad)[:65536]).split("\n", 1)[0])
    regio = next((k for k in kop if k in REGIO_KOLOMMEN), None)
    naam = next((k for k in kop if k.startswith("Gemeentenaam")), None)
    uit = (_titels(pad, regio) or {}) if regio else {}
    if not regio:
        return uit
    tabel = gemeen.lees_csv(pad, sep=sep)
    code = tabel[regio].str.strip()
    if f"{regio}_label" in tabel:
        uit.update(zip(code, tabel[f"{regio}_label"].str.strip()))
    if naam:
        gm = code.str.startswith("GM") & (tabel[naam].str.strip() != "")
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
    """Read a StatLine bulk CSV (Untyped or Typed DataSet) or cbsodataR output into the canonical table.

    Yearly (``YYYYJJ00``) and monthly (``YYYYMMnn``) periods are kept apart through ``maand``.
    In a TypedDataSet ``.`` and empty are both written empty, so an empty figure there is
    "onbekend of geheim"; in an UntypedDataSet empty means "kan niet voorkomen". cbsodataR output
    (comma-separated, a row-number column ``""``, ``*_label`` columns) is read the same way; its
    labels give the titles when no metadata lies beside the file.

    Metadata beside the file (cbsodataR or the bulk download's own): ``DataProperties.csv`` gives the
    unit of every topic and the dimensions, ``Perioden.csv`` the periods and their status,
    ``<Dimensie>.csv`` the category keys and titles. Without it the documented fallback holds: units
    from the topic names (:data:`ONDERWERP_REGELS`), keys and titles from the shipped mapping table.

    Raises
    ------
    InleesFout
        For an unknown column or period format, a region code that is not GM/WK/BU or not in the
        gemeente register, a year in the future, text in a number column, a negative or
        fractional count, a key the metadata (or the shipped code list) does not know, or the same
        figure twice with different values; all problems of the file are collected.
    """
    pad = Path(pad)
    kop = gemeen.decodeer(pad, gemeen.lees_bytes(pad)[:65536].split(b"\n", 1)[0])
    sep, _ = _kopvelden(kop)
    ruw = gemeen.lees_csv(pad, sep=sep)
    regels = ruw.attrs.get("regels")
    labels = {k: ruw[k] for k in ruw.columns if LABELKOLOM.search(k)}
    ruw = ruw[[k for k in ruw.columns if k not in ("ID", "") and not LABELKOLOM.search(k)]]
    ruw.attrs["regels"] = regels
    titels = None
    if labels:
        dims = [k[: -len("_label")] for k in labels if k.endswith("_label") and k[: -len("_label")] not in
                (PERIODE_KOLOM, *REGIO_KOLOMMEN)]
        if len(dims) == 1:
            titels = dict(zip(ruw[dims[0]].str.strip(), labels[f"{dims[0]}_label"].str.strip()))
    return verwerk(ruw, pad, titels=titels, metadata=True, titels_zijn_codelijst=False)


def verwerk(ruw: pd.DataFrame, pad: Path, *, tabel: str | None = None, typed: bool | None = None,
            perioden: dict[str, str] | None = None, titels: dict[str, str] | None = None,
            metadata: bool = False, titels_zijn_codelijst: bool = True) -> pd.DataFrame:
    """Turn a StatLine data set held as text columns into the canonical table.

    Shared by the bulk CSV reader and :mod:`.odata` (cbsodata JSON). With ``metadata`` the CSV
    metadata files beside ``pad`` are used (``DataProperties.csv``, ``Perioden.csv``,
    ``<Dimensie>.csv``); ``perioden`` (period key -> status) and ``titels`` (category key -> title)
    are used when given and no metadata file says otherwise; ``titels_zijn_codelijst`` says whether
    ``titels`` is the table's code list (cbsodata metadata) or only the labels seen in the file
    (cbsodataR label columns), in which case the shipped code list still decides which keys exist.
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
    eigenschappen = _eigenschappen(pad) if metadata else None
    dimensies = [k for k in kolommen if k not in ("ID", regio, PERIODE_KOLOM) and not re.search(r"_\d+$", k)]
    onderwerpen = {}
    for k in kolommen:
        if not re.search(r"_\d+$", k):
            continue
        if eigenschappen is not None:
            eenheden, _, meta = eigenschappen
            if k not in eenheden:
                raise InleesFout(f"kolom staat niet in de metadata {meta.name} naast het bestand (metadata van een "
                                 "andere tabel?)", bestand=bestand, regel=1, kolom=k)
            eenheid = eenheden[k][0]
        else:
            try:
                eenheid = onderwerp_eenheid(k)
            except KeyError:
                raise InleesFout("onbekende kolom (onderwerp) in StatLine-bestand: eenheid onbekend; zet de "
                                 "metadata van de tabel (DataProperties.csv) naast het bestand", bestand=bestand,
                                 regel=1, kolom=k) from None
        if eenheid:
            onderwerpen[k] = eenheid
    if eigenschappen is not None:
        _, meta_dimensies, meta = eigenschappen
        for d in dimensies:
            if d not in meta_dimensies:
                raise InleesFout(f"onbekende kolom: geen dimensie volgens {meta.name} naast het bestand",
                                 bestand=bestand, regel=1, kolom=d)
    if not onderwerpen:
        raise InleesFout("geen kolom met cijfers gevonden", bestand=bestand, regel=1)
    if not dimensies and _titels_pakket(tabel):
        # Tables with a code list always have that dimension: without it every figure would be read
        # under one made-up key.
        raise InleesFout(f"de kolom met de soort (dimensie, bijv. SoortMisdrijf) ontbreekt; tabel {tabel} heeft die "
                         "altijd", bestand=bestand, regel=1, kolom=", ".join(kolommen[:6]))

    fouten: list[Fout] = []
    regelnr = ruw.attrs.get("regels")
    if regelnr is None or len(regelnr) != len(ruw):
        regelnr = np.arange(2, len(ruw) + 2)  # header is line 1
    regelnr = np.asarray(regelnr)

    # Dimension columns repeat a few values millions of times: work on the distinct values.
    gebied_cat = ruw[regio].astype("category")
    gebied_cat = gebied_cat.cat.rename_categories(gebied_cat.cat.categories.str.strip())
    andere = pd.Series(gebied_cat.cat.categories).str.match(ANDERE_REGIO.pattern)
    andere_regio = gebied_cat.isin(set(np.asarray(gebied_cat.cat.categories)[andere.to_numpy()]))
    regio_fouten: list[Fout] = []
    geldig = gemeen.controleer_gebieden(gebied_cat,
                                        bestand=bestand, kolom=regio, regels=regelnr,
                                        fouten=regio_fouten, ruw=ruw[regio])
    fouten += [f for f in regio_fouten if not ANDERE_REGIO.match(str(f.waarde).strip())]
    houd = geldig & ~np.asarray(andere_regio)

    periode_cat = ruw[PERIODE_KOLOM].astype("category")
    pcats = pd.Series(periode_cat.cat.categories.str.strip())
    pdelen = pcats.str.extract(PERIODE)
    codes = periode_cat.cat.codes.to_numpy()
    slecht_periode = pdelen[0].isna().to_numpy()[codes]
    for i in np.flatnonzero(slecht_periode)[:gemeen.MAX_PER_SOORT]:
        fouten.append(Fout("onbekende periode (verwacht JJJJJJ00 of JJJJMMnn)", bestand,
                           int(regelnr[i]), PERIODE_KOLOM, gemeen.kort(ruw[PERIODE_KOLOM].iat[i])))
    status_per_periode = (_periode_status(pad) if metadata else None)
    if status_per_periode is None:
        status_per_periode = perioden
    elif metadata:
        onbekend = ~pcats.isin(list(status_per_periode)).to_numpy()[codes] & ~slecht_periode
        for i in np.flatnonzero(onbekend)[:gemeen.MAX_PER_SOORT]:
            fouten.append(Fout("periode staat niet in Perioden.csv naast het bestand", bestand, int(regelnr[i]),
                               PERIODE_KOLOM, gemeen.kort(ruw[PERIODE_KOLOM].iat[i])))
    status_per_periode = status_per_periode or {}
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

    # Category dimensions: keys checked against the metadata code list (or the shipped one).
    code_titels: dict[str, dict[str, str]] = {}
    codelijst_gezien = False
    pakket = _titels_pakket(tabel)
    delen = []
    for d in dimensies:
        c = ruw[d].astype("category")
        c = c.cat.rename_categories(c.cat.categories.str.strip())
        delen.append(c)
        lijst = _titels(pad, d) if metadata else None
        bron_lijst = f"{d}.csv naast het bestand"
        if lijst is not None:
            codelijst_gezien = True
        elif titels and len(dimensies) == 1:
            lijst, bron_lijst = titels, None
            codelijst_gezien = titels_zijn_codelijst
        code_titels[d] = lijst or {}
        for waarde in c.cat.categories:
            if not SLEUTELTEKENS.match(waarde):
                i = int(np.flatnonzero((c == waarde).to_numpy())[0])
                fouten.append(Fout("ongeldige sleutel (verwacht een code zoals 1.1.1, CRI1137 of T001540)",
                                   bestand, int(regelnr[i]), d, gemeen.kort(ruw[d].iat[i])))
            elif lijst is not None and bron_lijst and waarde not in lijst:
                i = int(np.flatnonzero((c == waarde).to_numpy())[0])
                fouten.append(Fout(f"code staat niet in {bron_lijst}", bestand, int(regelnr[i]), d,
                                   gemeen.kort(ruw[d].iat[i])))
    if dimensies:
        if len(delen) == 1:
            categorie = delen[0]
        else:
            # The offence dimension (Soort...) first: "CRI1137", "CRI1137|A048105".
            volgorde = sorted(range(len(delen)), key=lambda j: not dimensies[j].startswith("Soort"))
            stukken = [np.where(pd.Series(delen[j].astype(str)).str.match(TOTAAL.pattern), "", delen[j].astype(str))
                       for j in volgorde]
            samen = pd.Series(["|".join(p for p in t if p) for t in zip(*stukken)], dtype=object)
            leeg = samen.eq("")
            if leeg.any():  # every dimension at its total: the first dimension's total key
                samen[leeg] = np.asarray(delen[volgorde[0]].astype(str))[leeg.to_numpy()]
            categorie = samen.astype("category")
        if not codelijst_gezien and pakket:
            # The documented fallback: without metadata the shipped mapping is the table's code list.
            for waarde in categorie.cat.categories:
                if waarde not in pakket and all(SLEUTELTEKENS.match(x) for x in waarde.split("|")):
                    i = int(np.flatnonzero((categorie == waarde).to_numpy())[0])
                    fouten.append(Fout(f"onbekende code voor tabel {tabel} (niet in de meegeleverde codelijst): zet "
                                       f"de metadata ({', '.join(d + '.csv' for d in dimensies)}) naast het bestand",
                                       bestand, int(regelnr[i]), dimensies[0] if len(dimensies) == 1 else
                                       ", ".join(dimensies), gemeen.kort(waarde)))
                    if len(fouten) > gemeen.MAX_PER_SOORT:
                        break
    else:
        categorie = pd.Series(pd.Categorical(["totaal"] * len(ruw)))

    typed = _is_typed(pad) if typed is None else typed
    delen_uit = []
    for kolom, eenheid in onderwerpen.items():
        waarde, ontbreekt = gemeen.getallen(
            ruw[kolom], bestand=bestand, kolom=kolom, regels=regelnr, eenheid=eenheid, fouten=fouten,
            ontbreekt_leeg=cijfers.ONBEKEND if typed else cijfers.KAN_NIET,
            gebied=np.asarray(gebied_cat.astype(object)))
        if eenheid == "aantal" and tabel in AFGEROND_OP_5:
            w = waarde.to_numpy()
            with np.errstate(invalid="ignore"):
                niet5 = np.flatnonzero(~np.isnan(w) & (w % 5 != 0))
            for i in niet5[:gemeen.MAX_PER_SOORT]:
                fouten.append(Fout(f"aantal is geen veelvoud van 5 (CBS rondt de aantallen van {tabel} af op 5): "
                                   "beschadigd bestand?", bestand, int(regelnr[i]), kolom, ruw[kolom].iat[i].strip()))
        delen_uit.append((waarde, eenheid, ontbreekt))
    gemeen.raise_als(fouten)

    if len(dimensies) == 1:
        titels = code_titels[dimensies[0]] or titels or pakket
    else:
        titels = pakket
        if any(code_titels.values()):
            titels = {**pakket}
            for cat in categorie.cat.categories:
                stukjes = cat.split("|")
                if cat not in titels:
                    titels[cat] = " | ".join(next((code_titels[d].get(s) for d in dimensies if s in code_titels[d]), s)
                                             for s in stukjes)
    titels = titels or {}
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
    uit = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    uit = _zonder_dubbele(uit, np.tile(regelnr[houd], len(frames)), bestand)
    return cijfers.normaliseer(uit)


def _zonder_dubbele(uit: pd.DataFrame, regels: np.ndarray, bestand: str) -> pd.DataFrame:
    """The same figure twice in one file: identical rows merge, different values are refused."""
    sleutel = ["gebied_code", "periode", "maand", "categorie", "eenheid"]
    dubbel = uit.duplicated(sleutel, keep=False).to_numpy()
    if not dubbel.any():
        return uit
    deel = uit[dubbel].assign(_regel=regels[dubbel])
    fouten = []
    for _, groep in deel.groupby(sleutel, dropna=False, sort=False, observed=True):
        w = groep["waarde"].to_numpy()
        o = groep["ontbreekt"].astype(object).to_numpy()
        if not (np.all((w == w[0]) | (np.isnan(w) & np.isnan(w[0]))) and all(x is o[0] or x == o[0] for x in o)):
            fouten.append(Fout(f"hetzelfde cijfer staat twee keer in het bestand met verschillende waarden "
                               f"(ook op regel {int(groep['_regel'].iat[1])})", bestand, int(groep["_regel"].iat[0]),
                               "waarde", f"{groep['gebied_code'].iat[0]} {groep['periode'].iat[0]} "
                               f"{groep['categorie'].iat[0]}"))
            if len(fouten) >= gemeen.MAX_PER_SOORT:
                break
    gemeen.raise_als(fouten)
    return uit[~uit.duplicated(sleutel).to_numpy()].reset_index(drop=True)
