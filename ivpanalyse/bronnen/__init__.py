"""Source adapters: raw file -> canonical figures table. The only place raw files are read.

Each adapter module offers ``herken(pad, kop) -> bool`` (does this file have my layout? ``kop`` is
the decoded start of the file) and ``lees(pad) -> DataFrame`` (the canonical table of
:mod:`ivpanalyse.cijfers`). :func:`lees` picks the adapter by content, never by file name alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from .. import cijfers
from ..atomisch import sha256_bestand
from ..errors import Fout, InleesFout
from . import gemeen, werkmap
from . import (bevolking, cache, generiek, incidenten, kerncijfers, odata, overlast, partner, statline,
               statline_opgemaakt, statline_tabel)

# Order matters: the most specific layout first (partner templates carry a marker; kerncijfers before
# the generic StatLine reader, the plain population layout last).
ADAPTERS = [partner, kerncijfers, statline, odata, statline_opgemaakt, statline_tabel, overlast, incidenten,
            generiek, bevolking]
# Headers of metadata tables (cbsodataR / StatLine): code lists, topics, table information.
METADATA_KOPPEN = (("Key", "Title"), ("odata.type", "ID", "Position"), ("ID", "Title", "ShortTitle"))


def lees_kop(pad: Path, n: int = 8192) -> str:
    """The first ``n`` bytes of a file, decoded as UTF-8 (BOM removed).

    Raises :class:`InleesFout` for a missing, unreadable, empty, UTF-16, binary or non-UTF-8 file,
    a folder, a broken symlink or symlink loop.
    """
    pad = Path(pad)
    try:
        if pad.is_dir():
            raise InleesFout("dit is een map, geen bestand", bestand=str(pad))
        with pad.open("rb") as f:
            ruw = f.read(n)
    except InleesFout:
        raise
    except FileNotFoundError as exc:
        if pad.is_symlink():
            raise InleesFout("bestand is een verwijzing (symlink) die nergens heen wijst", bestand=str(pad)) from exc
        raise InleesFout("bestand bestaat niet", bestand=str(pad)) from exc
    except PermissionError as exc:
        raise InleesFout("bestand kan niet gelezen worden: geen leesrechten", bestand=str(pad)) from exc
    except OSError as exc:
        reden = ("verwijzing (symlink) in een kring" if exc.errno == 40
                 else exc.strerror or type(exc).__name__)
        raise InleesFout(f"bestand kan niet gelezen worden ({reden})", bestand=str(pad)) from exc
    if not ruw.strip():
        raise InleesFout("bestand is leeg", bestand=str(pad), regel=1)
    if ruw.startswith(b"PK\x03\x04"):
        return werkmap.kop(pad)
    try:
        return gemeen.decodeer(pad, ruw)
    except InleesFout as exc:
        fout = exc.fouten[0] if exc.fouten else None
        if len(ruw) == n and fout is not None and fout.regel is None:
            for k in (1, 2, 3):  # the sample ends inside a multi-byte character
                try:
                    return ruw[:-k].decode("utf-8-sig")
                except UnicodeDecodeError:
                    continue
        raise


def is_metadata(kop: str) -> bool:
    """Does this text start like a metadata table (code list, DataProperties, TableInfos)?"""
    eerste = kop.splitlines()[0] if kop else ""
    velden = tuple(v.strip().strip('"') for v in eerste.split(","))
    return any(velden[: len(k)] == k for k in METADATA_KOPPEN)


def herken(pad: Path):
    """The adapter module for a file, by content; :class:`InleesFout` when none fits."""
    kop = lees_kop(pad)
    if is_metadata(kop):
        raise InleesFout("dit is een metadatabestand van een CBS/Politie-tabel (codelijst, onderwerpen of "
                         "tabelinformatie), geen cijfers: geef het databestand op; de metadata wordt naast het "
                         "databestand gevonden", bestand=str(pad), regel=1)
    for adapter in ADAPTERS:
        if adapter.herken(Path(pad), kop):
            return adapter
    eerste = kop.splitlines()[0][:120] if kop.splitlines() else ""
    # A known layout with the wrong separator (e.g. saved with ',' or tabs) gets a precise message.
    for sep in (",", "\t", "|"):
        if sep in eerste and ";" not in eerste:
            anders = "\n".join(r.replace(sep, ";") for r in kop.splitlines()[:20])
            if any(a.herken(Path(pad), anders) for a in ADAPTERS if a is not bevolking):
                naam = {"\t": "tab", ",": "komma", "|": "verticale streep"}[sep]
                raise InleesFout(f"verkeerd scheidingsteken: kolommen gescheiden door {naam} ('{sep}'), "
                                 "verwacht ';' (StatLine) of zie docs/bronnen.md", bestand=str(pad), regel=1,
                                 kolom=eerste.split(sep)[0].strip('"'), waarde=eerste[:80])
    raise InleesFout("onbekende indeling: geen lezer herkent dit bestand (zie docs/bronnen.md)",
                     bestand=str(pad), regel=1, kolom=eerste.split(";")[0].split(",")[0].strip('"')[:40] or None,
                     waarde=eerste)


def lees(pad: str | Path, cache_map: str | Path | None = None, *, adapter=None) -> pd.DataFrame:
    """Read one raw file into the canonical table, choosing the adapter by content.

    With ``cache_map`` (normally ``data/processed``) the result is kept as Parquet keyed by the
    SHA-256 of the raw file (and the metadata files beside it): an unchanged file is not re-read.
    ``adapter`` skips the detection when the caller already knows it (:func:`herken`).
    """
    pad = Path(pad)
    if cache_map is not None:
        return cache.lees(pad, Path(cache_map), lambda p: _lees_vers(p, adapter))
    return _lees_vers(pad, adapter)


def _lees_vers(pad: Path, adapter=None) -> pd.DataFrame:
    adapter = adapter or herken(pad)
    try:
        tabel = adapter.lees(pad)
    except InleesFout:
        raise
    except RecursionError as exc:
        raise InleesFout("bestand is te diep genest (bijvoorbeeld JSON met duizenden niveaus): geen CBS-indeling",
                         bestand=str(pad)) from exc
    except MemoryError as exc:
        raise InleesFout("bestand is te groot om in het geheugen te lezen", bestand=str(pad)) from exc
    except Exception as exc:  # noqa: BLE001
        # Safety net: a layout quirk no check foresaw still names the file instead of a traceback.
        raise InleesFout(f"bestand kan niet gelezen worden als {adapter.__name__.rsplit('.', 1)[-1]}-indeling "
                         f"({type(exc).__name__}: {gemeen.kort(exc, 160)})", bestand=str(pad)) from exc
    return cijfers.valideer(tabel, bestand=str(pad))


@dataclass(frozen=True)
class Bronbestand:
    """Provenance of one source file: path, reader, content hash and release date (where known)."""

    pad: Path
    lezer: str
    sha256: str
    publicatie: str | None = None  # cbsodata ``Modified`` (YYYY-MM-DD); None when the layout does not tell


@dataclass(frozen=True)
class Bronnen:
    """Everything read from the sources of one run, once: figures, names, own mappings, provenance.

    The analysis, the report's appendix and the batch take what they need from here instead of
    opening the files again.
    """

    cijfers: pd.DataFrame  # the canonical table of all files (:func:`ivpanalyse.cijfers.samenvoegen`)
    namen: dict[str, str]  # gemeente/wijk code -> name, from the files that carry names
    eigen_koppelingen: tuple[pd.DataFrame, ...]  # the gemeente's own thema choices (generic layout)
    bestanden: tuple[Bronbestand, ...]  # one per data file, in reading order


def _publicatie(adapter, pad: Path) -> str | None:
    if not hasattr(adapter, "metadata"):
        return None
    try:
        datum = adapter.metadata(pad).get("publicatiedatum")
    except (InleesFout, OSError, ValueError, KeyError, TypeError):  # a courtesy: the figures do not need it
        return None
    return str(datum)[:10] if datum else None


def lees_bronnen(paden: Iterable[str | Path], cache_map: str | Path | None = None) -> Bronnen:
    """Read every source file once: the canonical table, names, own mappings and provenance.

    Folders are searched for data files (:func:`bestanden`); each file is recognised once, hashed
    once and read once (from the Parquet cache when ``cache_map`` is given and the file is
    unchanged). The same fact in two files is kept once; conflicting values raise
    :class:`InleesFout`; problems in several files are collected into one :class:`InleesFout`.
    """
    tabellen, fouten, namen_, eigen, herkomst = [], [], {}, [], []
    for p in bestanden(paden):
        try:
            adapter = herken(p)
            tabellen.append(lees(p, cache_map, adapter=adapter))
            if hasattr(adapter, "namen"):
                namen_.update(adapter.namen(p))
            if adapter is generiek:
                tabel = generiek.eigen_koppeling(p)
                if len(tabel):
                    eigen.append(tabel)
        except InleesFout as exc:
            fouten += exc.fouten
            continue
        herkomst.append(Bronbestand(Path(p), adapter.__name__.rsplit(".", 1)[-1], sha256_bestand(p),
                                    _publicatie(adapter, p)))
    if fouten:
        raise InleesFout(fouten=fouten)
    return Bronnen(cijfers.samenvoegen(tabellen), namen_, tuple(eigen), tuple(herkomst))


def lees_alles(paden: Iterable[str | Path], cache_map: str | Path | None = None) -> pd.DataFrame:
    """Read several files (folders are searched for data files) and merge them.

    The same fact in two files is kept once; conflicting values raise :class:`InleesFout`.
    Problems in several files are collected into one :class:`InleesFout`. To get names, own
    mappings and provenance from the same reading, use :func:`lees_bronnen`.
    """
    tabellen, fouten = [], []
    for p in bestanden(paden):
        try:
            tabellen.append(lees(p, cache_map))
        except InleesFout as exc:
            fouten += exc.fouten
    if fouten:
        raise InleesFout(fouten=fouten)
    return cijfers.samenvoegen(tabellen)


def namen(paden: Iterable[str | Path]) -> dict[str, str]:
    """Gemeente code -> name, collected from the files that carry names (see also :func:`lees_bronnen`)."""
    uit: dict[str, str] = {}
    for pad in bestanden(paden):
        adapter = herken(pad)
        if hasattr(adapter, "namen"):
            uit.update(adapter.namen(pad))
    return uit


def eigen_koppelingen(paden: Iterable[str | Path]) -> list[pd.DataFrame]:
    """The gemeente's own thema choices from the ``thema`` column of generic-layout files."""
    uit = []
    for pad in bestanden(paden):
        if herken(pad) is generiek:
            tabel = generiek.eigen_koppeling(pad)
            if len(tabel):
                uit.append(tabel)
    return uit


METADATA_NAMEN = {"DataProperties.csv", "Perioden.csv", "TableInfos.csv", "WijkenEnBuurten.csv",
                  "SoortMisdrijf.csv", "SoortMisdrijf_actueel.csv", "RegioS.csv"}


def _is_data_json(f: Path) -> bool:
    if f.stem in odata.DATA_SETS:
        return True
    with f.open("rb") as h:
        begin = h.read(4096)
    return begin.lstrip().startswith(b"{") and any(d.encode() in begin for d in odata.DATA_SETS)


def _is_metadata_csv(f: Path) -> bool:
    """A code list or other metadata table beside the data (recognised by its header)."""
    if f.suffix.lower() != ".csv":
        return False
    try:
        with f.open("rb") as h:
            begin = h.read(512)
    except OSError:
        return False  # reading it later gives the message
    return is_metadata(begin.decode("utf-8-sig", "replace"))


def bestanden(paden: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their data files (metadata tables beside them are skipped).

    A folder yields its ``*.csv`` and ``*.xlsx`` files and cbsodata data sets (``TypedDataSet.json``
    or a saved ``download_data`` dict); metadata files (``Perioden.csv``, ``TableInfos.json``...)
    are skipped.
    """
    paden = list(paden)
    uit: list[Path] = []
    for p in paden:
        p = Path(p)
        if p.is_dir():
            for f in p.rglob("*"):
                if f.is_symlink() and not f.exists() and f.suffix.lower() in (".csv", ".xlsx", ".json"):
                    raise InleesFout("bestand is een verwijzing (symlink) die nergens heen wijst of in een kring "
                                     "loopt", bestand=str(f))
            gevonden = [f for f in p.rglob("*") if f.is_file() and not f.name.startswith((".", "~$"))]
            uit += sorted(f for f in gevonden if (f.suffix.lower() in (".csv", ".xlsx")
                                                  and f.name not in METADATA_NAMEN and not _is_metadata_csv(f))
                          or (f.suffix.lower() == ".json" and _is_data_json(f)))
        else:
            uit.append(p)
    if not uit:
        raise InleesFout("geen databestanden gevonden", bestand=", ".join(map(str, paden)))
    return uit
