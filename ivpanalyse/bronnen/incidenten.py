"""Police incidents (as delivered through the VNG-INP-model): a documented CSV/XLSX import layout.

Columns (header row, names case-insensitive; see ``docs/bronnen.md``)::

    gebied        GMxxxx, WKxxxxxx, BUxxxxxxxx or a gemeente name ("Haaksbergen")
    jaar          2023                       } one of the two is required; ``maand`` is 1-12 next
    maand         1-12, or 2023-01 / 202301  } to ``jaar``, or a full year-month on its own
    incidentcode  the police code, e.g. E33 (optional when omschrijving is given)
    omschrijving  the category label, e.g. "Overlast jeugd"
    aantal        number of incidents (whole, not negative; "." = onbekend/geheim)
    status        optional: definitief / voorlopig

Rows become bron ``incidenten``. The category key is the incidentcode when the mapping table
``data/koppeling/incidenten.csv`` knows it, otherwise the lower-cased omschrijving when that is
known (codes differ between police exports; labels are stable), otherwise the code as given (it then
shows up as "onbekend in koppeling" and is never silently dropped).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from .. import cijfers, register
from ..config import package_data
from ..errors import Fout, InleesFout
from . import gemeen, werkmap

BRON = "incidenten"
KENMERK = {"gebied", "incidentcode", "aantal"}
KENMERK_ALT = {"gebied", "omschrijving", "aantal"}


def _velden(kop: str) -> set[str]:
    eerste = kop.splitlines()[0] if kop else ""
    sep = max((";", ",", "\t"), key=eerste.count)
    return {v.strip().strip('"').lower() for v in eerste.split(sep)}


def herken(pad: Path, kop: str) -> bool:
    velden = _velden(kop)
    return (KENMERK <= velden or KENMERK_ALT <= velden) and bool({"jaar", "maand"} & velden)


@cache
def _bekende_sleutels() -> frozenset[str]:
    pad = package_data("koppeling", f"{BRON}.csv")
    tabel = pd.read_csv(pad, dtype=str, keep_default_na=False, comment="#")
    return frozenset(tabel["categorie"].str.strip())


def _normaal(tekst: str) -> str:
    return re.sub(r"\s+", " ", str(tekst).strip().lower())


def gebieden(tekst: pd.Series, tabel: werkmap.Tabel, kolom: str, bestand: str, fouten: list[Fout],
             jaren: pd.Series | None = None, regio: bool = False) -> pd.Series:
    """Resolve area codes or gemeente names to codes; problems go to ``fouten``.

    With ``regio`` a region above gemeente level (``NL01``, "Nederland", "Oost-Nederland (RE)" ...,
    see :func:`ivpanalyse.register.regio_code`) becomes its CBS region code.
    """
    uit = pd.Series("", index=tekst.index, dtype=object)
    regio_rij = np.zeros(len(tekst), dtype=bool)
    for i, waarde in enumerate(tekst):
        w = str(waarde).strip()
        code = register.regio_code(w) if regio and w else None
        if code:
            uit.iat[i] = code
            regio_rij[i] = True
        elif gemeen.GEBIED.match(w.upper()):
            uit.iat[i] = w.upper()
        elif w == "":
            fouten.append(Fout("gebied ontbreekt", bestand, tabel.plek(i, kolom), kolom, waarde))
        elif re.fullmatch(r"(GM|WK|BU)[0-9A-Z]+", w.upper()):
            uit.iat[i] = w.upper()  # wrong length: reported by the code check below
        else:
            try:
                uit.iat[i] = register.code_voor_naam(w, bestand=bestand, regel=tabel.plek(i, kolom), kolom=kolom)
            except InleesFout as exc:
                fouten += exc.fouten
    gevuld = (uit != "") & ~regio_rij
    if gevuld.any():
        gemeen.controleer_gebieden(uit[gevuld], bestand=bestand, kolom=kolom,
                                   regels=np.array(tabel.plekken(kolom), dtype=object)[gevuld.to_numpy()],
                                   fouten=fouten, ruw=tekst[gevuld])
    return uit


def perioden(tabel: werkmap.Tabel, bestand: str, fouten: list[Fout], jaarkolom: str = "jaar",
             maandkolom: str = "maand") -> tuple[pd.Series, pd.Series]:
    """Year and month (``<NA>`` for yearly figures) from ``jaar`` and/or ``maand`` columns."""
    data = tabel.data
    jaar = pd.Series(np.nan, index=data.index)
    maand = pd.Series(np.nan, index=data.index)
    if jaarkolom in data:
        jaar = pd.to_numeric(data[jaarkolom], errors="coerce")
        for i in np.flatnonzero((jaar.isna() | (jaar % 1 != 0)).to_numpy())[:gemeen.MAX_PER_SOORT]:
            fouten.append(Fout("geen jaartal", bestand, tabel.plek(i, jaarkolom), jaarkolom, data[jaarkolom].iat[i]))
    if maandkolom in data:
        tekst = data[maandkolom].astype(str).str.strip()
        delen = tekst.str.extract(r"^(?:(\d{4})(?:-|MM)?)?(\d{1,2})$")
        m = pd.to_numeric(delen[1], errors="coerce")
        jaar_uit_maand = pd.to_numeric(delen[0], errors="coerce")
        leeg = tekst.eq("")
        slecht = (~leeg & (m.isna() | (m < 1) | (m > 12))).to_numpy()
        if jaarkolom not in data:
            slecht |= (~leeg & jaar_uit_maand.isna()).to_numpy() | leeg.to_numpy()
        for i in np.flatnonzero(slecht)[:gemeen.MAX_PER_SOORT]:
            fouten.append(Fout("geen maand (verwacht 1-12, of 2023-01 zonder kolom jaar)", bestand,
                               tabel.plek(i, maandkolom), maandkolom, data[maandkolom].iat[i]))
        maand = m.where(~leeg)
        jaar = jaar.where(jaar.notna(), jaar_uit_maand)
    gemeen.controleer_jaren(jaar.where(jaar.notna(), 2000), bestand=bestand, kolom=jaarkolom if jaarkolom in data
                            else maandkolom, regels=np.array(tabel.plekken(jaarkolom if jaarkolom in data
                                                                            else maandkolom), dtype=object),
                            fouten=fouten)
    return jaar, maand


def statussen(tabel: werkmap.Tabel, bestand: str, fouten: list[Fout]) -> pd.Series:
    if "status" not in tabel.data:
        return pd.Series("onbekend", index=tabel.data.index)
    s = tabel.data["status"].str.strip().str.lower().replace("", "onbekend")
    for i in np.flatnonzero(~s.isin(cijfers.STATUSSEN).to_numpy())[:gemeen.MAX_PER_SOORT]:
        fouten.append(Fout("onbekende status (verwacht definitief, voorlopig of leeg)", bestand,
                           tabel.plek(i, "status"), "status", tabel.data["status"].iat[i]))
    return s


def _plek_tekst(plek) -> str:
    return f"cel {plek}" if isinstance(plek, str) else f"regel {plek}"


def dubbele(uit: pd.DataFrame, tabel: werkmap.Tabel, bestand: str, kolom: str) -> pd.DataFrame:
    """Same key twice in one file: identical rows merge, different values are an error."""
    sleutel = [k for k in cijfers.SLEUTEL if k in uit]
    dubbel = uit.duplicated(sleutel, keep=False)
    if not dubbel.any():
        return uit
    fouten = []
    for _, groep in uit[dubbel].groupby(sleutel, dropna=False, sort=False):
        if groep["waarde"].nunique(dropna=False) > 1:
            i, j = groep.index[0], groep.index[1]
            fouten.append(Fout(f"hetzelfde cijfer staat twee keer in het bestand met verschillende waarden "
                               f"(ook op {_plek_tekst(tabel.plek(j, kolom))}: {tabel.data[kolom].iat[j]})",
                               bestand, tabel.plek(i, kolom), kolom, tabel.data[kolom].iat[i]))
    gemeen.raise_als(fouten[:gemeen.MAX_PER_SOORT])
    return uit.drop_duplicates(sleutel)


def lees(pad: Path) -> pd.DataFrame:
    """Read a police incidents table (CSV or XLSX) into the canonical table."""
    pad = Path(pad)
    bestand = str(pad)
    tabel = werkmap.lees_tabel(pad, ("gebied", "aantal"), ("gebied", "jaar", "maand", "incidentcode", "omschrijving",
                                                        "aantal", "status", "opmerking", "toelichting"))
    data = tabel.data
    if "incidentcode" not in data and "omschrijving" not in data:
        raise InleesFout("kolom 'incidentcode' of 'omschrijving' ontbreekt", bestand=bestand, regel=1,
                         kolom="incidentcode")
    fouten: list[Fout] = []
    gebied = gebieden(data["gebied"], tabel, "gebied", bestand, fouten)
    jaar, maand = perioden(tabel, bestand, fouten)
    status = statussen(tabel, bestand, fouten)
    waarde, ontbreekt = gemeen.getallen(data["aantal"], bestand=bestand, kolom="aantal",
                                        regels=np.array(tabel.plekken("aantal"), dtype=object),
                                        eenheid="aantal", fouten=fouten)
    code = data["incidentcode"].str.strip().str.upper() if "incidentcode" in data else pd.Series("", index=data.index)
    oms = data["omschrijving"].str.strip() if "omschrijving" in data else pd.Series("", index=data.index)
    bekend = _bekende_sleutels()
    categorie = [c if c in bekend else _normaal(o) if _normaal(o) in bekend else (c or _normaal(o))
                 for c, o in zip(code, oms)]
    for i, c in enumerate(categorie):
        if not c:
            fouten.append(Fout("incidentcode en omschrijving zijn allebei leeg", bestand,
                               tabel.plek(i, "incidentcode" if "incidentcode" in data else "omschrijving"),
                               "incidentcode", ""))
    gemeen.raise_als(fouten)
    uit = pd.DataFrame({
        "gemeente_code": gemeen.gemeente_van(gebied), "gebied_code": gebied, "periode": jaar.astype(int),
        "maand": maand.astype("Int8"), "bron": BRON, "categorie": categorie,
        "omschrijving": [o or c for o, c in zip(oms, code)], "waarde": waarde, "eenheid": "aantal",
        "status": status, "ontbreekt": ontbreekt, "bronbestand": pad.name,
    })
    return cijfers.normaliseer(dubbele(uit, tabel, bestand, "aantal"))
