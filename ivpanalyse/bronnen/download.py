"""Download a CBS table with ``cbsodata`` into ``data/raw/``, with its metadata.

``download(tabel, gemeenten)`` writes ``data/raw/<TABEL>_<publicatiedatum>/`` holding exactly what
cbsodata downloaded (``TypedDataSet.json``, ``TableInfos.json``, ``Perioden.json``, dimension
tables) plus ``bron.json`` (table id, release date, gemeenten, download time). The folder is read by
:mod:`.odata`. Only rows of the requested gemeenten (and their wijken/buurten) are fetched. The client is
a parameter so tests can pass recorded responses; nothing here runs at import time.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import shutil
import tempfile
from pathlib import Path

from ..errors import InleesFout

REGIO_DIMENSIES = ("WijkenEnBuurten", "RegioS", "Gemeenten", "Regio")


def _filter(dimensie: str, gemeenten: list[str]) -> str:
    delen = []
    for gm in gemeenten:
        nummer = gm[2:]
        delen.append(f"startswith({dimensie},'GM{nummer}')")
        if dimensie == "WijkenEnBuurten":
            delen += [f"startswith({dimensie},'WK{nummer}')", f"startswith({dimensie},'BU{nummer}')"]
    return " or ".join(delen)


def download(tabel: str, gemeenten: list[str], doel: str | Path = Path("data") / "raw", *,
             client=None, typed: bool = True) -> Path:
    """Fetch ``tabel`` for ``gemeenten`` (GM codes) and store data plus metadata; return the folder.

    Raises
    ------
    InleesFout
        For an invalid table id or gemeente code, or when the download fails (offline, unknown
        table); no partial folder is left behind.
    """
    from .. import register

    tabel = tabel.strip()
    if not re.fullmatch(r"\d{5}[A-Za-z]{3}", tabel):
        raise InleesFout("ongeldig tabelnummer (verwacht bijv. 47018NED)", kolom="TABEL", waarde=tabel)
    for gm in gemeenten:
        if not re.fullmatch(r"GM\d{4}", gm) or not register.bekend(gm):
            raise InleesFout("onbekende gemeentecode (verwacht GMxxxx uit het gemeenteregister)",
                             kolom="--gemeente", waarde=gm)
    if client is None:
        import cbsodata as client  # noqa: PLC0415 - only needed online
    doel = Path(doel)
    doel.mkdir(parents=True, exist_ok=True)
    werk = Path(tempfile.mkdtemp(prefix=f".{tabel}_", dir=doel))
    try:
        try:
            eigenschappen = client.get_meta(tabel, "DataProperties")
            dimensie = next((p["Key"] for p in eigenschappen
                             if p.get("Type") == "GeoDimension" or p.get("Key") in REGIO_DIMENSIES), None)
            filters = _filter(dimensie, gemeenten) if dimensie and gemeenten else None
            data = client.download_data(tabel, dir=str(werk), typed=typed, filters=filters)
        except InleesFout:
            raise
        except Exception as exc:  # requests.ConnectionError, HTTPError, ...  # noqa: BLE001
            raise InleesFout(f"download van CBS-tabel mislukt ({type(exc).__name__}: {exc}); bent u online?",
                             kolom="TABEL", waarde=tabel) from exc
        infos = data.get("TableInfos") or [{}]
        info = infos[0] if isinstance(infos, list) else infos
        publicatie = str(info.get("Modified") or "onbekend")
        meta = {"tabel": tabel.upper(), "titel": info.get("Title"), "publicatiedatum": publicatie,
                "gemeenten": gemeenten, "regiodimensie": dimensie, "filter": filters,
                "typed": typed, "gedownload": _dt.datetime.now().isoformat(timespec="seconds")}
        (werk / "bron.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")
        map_naam = f"{tabel.upper()}_{re.sub(r'[^0-9]', '', publicatie)[:8] or 'onbekend'}"
        eind = doel / map_naam
        if eind.exists():
            shutil.rmtree(eind)
        werk.rename(eind)
        return eind
    finally:
        if werk.exists():
            shutil.rmtree(werk, ignore_errors=True)
