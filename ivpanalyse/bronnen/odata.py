"""CBS OData JSON as the ``cbsodata`` package writes and returns it.

Two forms are read:

* a folder written by ``cbsodata.download_data(tabel, dir=...)``: ``TypedDataSet.json`` (or
  ``UntypedDataSet.json``) with one record per row, beside ``TableInfos.json``, ``Perioden.json``
  (with ``Status``) and one JSON file per dimension (``SoortMisdrijf.json``: ``Key``/``Title``);
  pass the data file (or the folder) to :func:`ivpanalyse.bronnen.lees`;
* one JSON file holding the dict that ``download_data`` returns (``{"TableInfos": [...],
  "TypedDataSet": [...], "Perioden": [...], ...}``), e.g. saved by ``ivpanalyse download``.

Keys keep their codes (``GM0158``, ``1.1.1``): unlike ``cbsodata.get_data`` nothing is replaced by
titles. In a TypedDataSet a missing figure is ``null`` for both ``.`` and empty, so it is read as
"onbekend of geheim".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from ..errors import InleesFout
from . import gemeen, statline

DATA_SETS = ("TypedDataSet", "UntypedDataSet")


def herken(pad: Path, kop: str) -> bool:
    begin = kop.lstrip()[:4000]
    if not begin.startswith(("[", "{")):
        return False
    return ('"Perioden"' in begin and '"ID"' in begin) or any(f'"{d}"' in begin for d in DATA_SETS)


def _laad(pad: Path):
    tekst = gemeen.decodeer(pad, gemeen.lees_bytes(pad))
    try:
        return json.loads(tekst)
    except json.JSONDecodeError as exc:
        raise InleesFout(f"geen geldige JSON ({exc.msg}); bestand afgebroken?", bestand=str(pad),
                         regel=exc.lineno, waarde=f"kolom {exc.colno}") from exc
    except RecursionError as exc:
        raise InleesFout("JSON is te diep genest: geen cbsodata-bestand", bestand=str(pad), regel=1,
                         waarde=gemeen.kort(tekst[:200], 40)) from exc


def _tekst(v) -> str:
    """A JSON value as the bulk CSV writes it: null -> "", 24.0 (a count next to a null) -> "24"."""
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _naast(pad: Path, naam: str):
    kandidaat = pad.parent / f"{naam}.json"
    return _laad(kandidaat) if kandidaat.is_file() else None


def _status(perioden) -> dict[str, str]:
    uit = {}
    for rij in perioden or []:
        s = str(rij.get("Status", "")).strip().lower()
        titel = str(rij.get("Title", "")).strip()
        key = str(rij.get("Key", "")).strip()
        uit[key] = ("voorlopig" if "voorlopig" in s or titel.endswith("*")
                    else "definitief" if s == "definitief" else "onbekend")
    return uit


def _tabel_id(pad: Path, infos) -> str | None:
    if infos:
        ident = (infos[0] if isinstance(infos, list) else infos).get("Identifier")
        if ident:
            return str(ident).upper()
    gevonden = statline.TABEL_IN_NAAM.search(str(pad))
    return gevonden.group(1).upper() if gevonden else None


def metadata(pad: Path) -> dict:
    """Table id and release date (``Modified``) of a cbsodata download, where known."""
    pad = Path(pad)
    inhoud = _laad(pad)
    infos = inhoud.get("TableInfos") if isinstance(inhoud, dict) else _naast(pad, "TableInfos")
    info = (infos[0] if isinstance(infos, list) and infos else infos) or {}
    return {"tabel": _tabel_id(pad, infos), "publicatiedatum": info.get("Modified"),
            "titel": info.get("Title")}


def lees(pad: Path) -> pd.DataFrame:
    """Read a cbsodata JSON download into the canonical table."""
    pad = Path(pad)
    inhoud = _laad(pad)
    if isinstance(inhoud, dict):
        soort = next((d for d in DATA_SETS if d in inhoud), None)
        if soort is None:
            raise InleesFout("JSON bevat geen TypedDataSet of UntypedDataSet", bestand=str(pad), regel=1)
        records = inhoud[soort]
        meta = lambda naam: inhoud.get(naam)  # noqa: E731
    else:
        records = inhoud
        soort = "UntypedDataSet" if "untyped" in pad.name.lower() else "TypedDataSet"
        meta = lambda naam: _naast(pad, naam)  # noqa: E731
    if not isinstance(records, list) or not records or not isinstance(records[0], dict):
        raise InleesFout("JSON bevat geen records (lijst van rijen)", bestand=str(pad), regel=1)
    ruw = pd.DataFrame.from_records(records)
    # Text columns as the bulk CSV would have them; null -> "" (missing).
    ruw = pd.DataFrame({k: [_tekst(v) for v in ruw[k]] for k in ruw.columns})
    tabel = _tabel_id(pad, meta("TableInfos"))
    dimensies = [k for k in ruw.columns if k not in ("ID", "Perioden") and k not in statline.REGIO_KOLOMMEN
                 and not re.search(r"_\d+$", k)]
    titels = None
    if len(dimensies) == 1:
        rijen = meta(dimensies[0]) or []
        titels = {str(r.get("Key", "")).strip(): str(r.get("Title", "")).strip() for r in rijen} or None
    perioden = _status(meta("Perioden")) if meta("Perioden") else None
    return statline.verwerk(ruw, pad, tabel=tabel, typed=(soort == "TypedDataSet"), perioden=perioden,
                            titels=titels)
