"""Veiligheidsmonitor indicators and local registrations: one documented generic layout.

Columns (CSV with ``;`` or ``,``, or XLSX; header names case-insensitive; see ``docs/bronnen.md``)::

    gemeente     GMxxxx or a gemeente name                                    (required)
    gebied       WK/BU code for figures below gemeente level; empty = gemeente (optional)
    periode      2023, or 2023-01 for a month                                 (required)
    bron         "Veiligheidsmonitor", "Meldingen openbare ruimte", "Brandweer", "Halt", ...
    indicator    the source's own name of the figure
    waarde       the figure ("." = onbekend/geheim, empty = kan niet voorkomen)
    eenheid      aantal, procent, rapportcijfer, schaalscore, per 1.000 inwoners, ...
    thema        optional thema code (1.1 ... 5.5) chosen by the gemeente
    ondergrens, bovengrens   optional confidence bounds (Veiligheidsmonitor)
    status       optional: definitief / voorlopig

The ``gemeente`` column also takes a region above gemeente level: ``Nederland``/``NL01``, a
politie-eenheid (``RE01``-``RE10``, "Oost-Nederland (RE)", "Politie-eenheid Oost-Nederland"), a
province (``PV20``-``PV31``, "Overijssel (PV)") or landsdeel (``LD01``-``LD04``). Such rows are
benchmark rows: ``gebied_code`` is the CBS region code, ``gemeente_code`` is empty.

Convention for the canonical ``bron`` and ``categorie`` (the mapping onto thema's keys on them):

* rows whose bron is the Veiligheidsmonitor become bron ``veiligheidsmonitor`` with the indicator
  (lower case) as categorie; ``data/koppeling/veiligheidsmonitor.csv`` maps the standard VM
  indicators;
* every other row becomes bron ``lokaal`` with categorie ``"<bron>/<indicator>"`` (lower case).
  Rows that carry a ``thema`` give the gemeente's own mapping: :func:`eigen_koppeling` returns it
  as a mapping table for :func:`ivpanalyse.koppeling.koppel` (``eigen=``).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import cijfers
from ..errors import Fout, InleesFout
from . import gemeen, werkmap
from .incidenten import dubbele, gebieden, statussen

VERPLICHT = ("gemeente", "periode", "bron", "indicator", "waarde", "eenheid")
OPTIONEEL = ("gebied", "thema", "ondergrens", "bovengrens", "status", "opmerking", "toelichting")
VM = "veiligheidsmonitor"
LOKAAL = "lokaal"
EENHEID_ALIAS = {"%": "procent", "percentage": "procent", "cijfer": "rapportcijfer",
                 "per 1000 inwoners": "per 1.000 inwoners", "per 1 000 inwoners": "per 1.000 inwoners",
                 "per 1000 woningen": "per 1.000 woningen", "per 1 000 woningen": "per 1.000 woningen"}


def herken(pad: Path, kop: str) -> bool:
    eerste = kop.splitlines()[0] if kop else ""
    sep = max((";", ",", "\t"), key=eerste.count)
    velden = {v.strip().strip('"').lower() for v in eerste.split(sep)}
    return set(VERPLICHT) <= velden


def _normaal(tekst) -> str:
    return re.sub(r"\s+", " ", str(tekst).strip().lower())


def _is_vm(bron: str) -> bool:
    b = _normaal(bron)
    return b in ("vm", VM) or b.startswith(VM)


def lees(pad: Path) -> pd.DataFrame:
    """Read Veiligheidsmonitor / local registration figures into the canonical table."""
    pad = Path(pad)
    bestand = str(pad)
    tabel = werkmap.lees_tabel(pad, VERPLICHT, VERPLICHT + OPTIONEEL)
    data = tabel.data
    fouten: list[Fout] = []
    gemeente = gebieden(data["gemeente"], tabel, "gemeente", bestand, fouten, regio=True)
    regio = gemeente.str.match(cijfers.REGIO_PATROON).to_numpy()
    for i in np.flatnonzero((gemeente != "") & ~gemeente.str.startswith("GM") & ~regio)[:gemeen.MAX_PER_SOORT]:
        fouten.append(Fout("verwacht een gemeentecode (GMxxxx), gemeentenaam of regio (Nederland, NL01, "
                           "'Oost-Nederland (RE)', 'Overijssel (PV)')", bestand,
                           tabel.plek(i, "gemeente"), "gemeente", data["gemeente"].iat[i]))
    if "gebied" in data:
        gevuld = data["gebied"].str.strip() != ""
        gebied = gemeente.copy()
        if gevuld.any():
            sub = werkmap.Tabel(data[gevuld].reset_index(drop=True),
                                [r for r, g in zip(tabel.regels, gevuld) if g], tabel.blad, tabel.letters)
            codes = gebieden(sub.data["gebied"], sub, "gebied", bestand, fouten)
            gebied[gevuld.to_numpy()] = codes.to_numpy()
            eigen_gm = gemeen.gemeente_van(pd.Series(codes.to_numpy()))
            for k, (g, c) in enumerate(zip(gemeente[gevuld], eigen_gm)):
                if codes.iat[k] and g and re.match(cijfers.REGIO_PATROON, g):
                    fouten.append(Fout(f"een wijk of buurt hoort bij een gemeente, niet bij regio {g}", bestand,
                                       sub.plek(k, "gebied"), "gebied", sub.data["gebied"].iat[k]))
                elif codes.iat[k] and g and g != c:
                    fouten.append(Fout(f"gebied hoort niet bij gemeente {g}", bestand, sub.plek(k, "gebied"),
                                       "gebied", sub.data["gebied"].iat[k]))
    else:
        gebied = gemeente
    jaar, maand = _perioden(tabel, bestand, fouten)
    status = statussen(tabel, bestand, fouten)

    eenheid = data["eenheid"].map(lambda e: EENHEID_ALIAS.get(_normaal(e), _normaal(e)))
    for i in np.flatnonzero(~eenheid.isin(cijfers.EENHEDEN).to_numpy())[:gemeen.MAX_PER_SOORT]:
        fouten.append(Fout(f"onbekende eenheid (kies uit: {', '.join(cijfers.EENHEDEN)})", bestand,
                           tabel.plek(i, "eenheid"), "eenheid", data["eenheid"].iat[i]))
    plekken = np.array(tabel.plekken("waarde"), dtype=object)
    waarde = pd.Series(np.nan, index=data.index)
    ontbreekt = pd.Series(pd.NA, index=data.index, dtype=object)
    for e in eenheid.unique():
        rij = (eenheid == e).to_numpy()
        w, o = gemeen.getallen(data["waarde"][rij], bestand=bestand, kolom="waarde", regels=plekken[rij],
                               eenheid=e if e in cijfers.EENHEDEN else "", fouten=fouten, decimaal_komma=True,
                               gebied=np.asarray(gebied, dtype=object)[rij])
        waarde[rij], ontbreekt[rij] = w.to_numpy(), o.to_numpy()
    grenzen = {}
    for kolom in ("ondergrens", "bovengrens"):
        if kolom in data:
            g, _ = gemeen.getallen(data[kolom], bestand=bestand, kolom=kolom,
                                   regels=np.array(tabel.plekken(kolom), dtype=object), eenheid="",
                                   fouten=fouten, decimaal_komma=True)
            grenzen[kolom] = g
        else:
            grenzen[kolom] = pd.Series(np.nan, index=data.index)
    buiten = (grenzen["ondergrens"] > waarde) | (grenzen["bovengrens"] < waarde)
    for i in np.flatnonzero(buiten.to_numpy())[:gemeen.MAX_PER_SOORT]:
        fouten.append(Fout("waarde ligt buiten het betrouwbaarheidsinterval (ondergrens/bovengrens)", bestand,
                           tabel.plek(i, "waarde"), "waarde", data["waarde"].iat[i]))
    for i in np.flatnonzero(((data["bron"].str.strip() == "") | (data["indicator"].str.strip() == "")).to_numpy()):
        kolom = "bron" if data["bron"].iat[i].strip() == "" else "indicator"
        fouten.append(Fout("lege bron of indicator", bestand, tabel.plek(i, kolom), kolom, ""))
        if len(fouten) > 200:
            break
    _thema_fouten(tabel, bestand, fouten)
    gemeen.raise_als(fouten)

    vm = data["bron"].map(_is_vm)
    bron = np.where(vm, VM, LOKAAL)
    categorie = np.where(vm, data["indicator"].map(_normaal),
                         data["bron"].map(_normaal) + "/" + data["indicator"].map(_normaal))
    uit = pd.DataFrame({
        "gemeente_code": gemeente.where(~regio, None), "gebied_code": gebied, "periode": jaar.astype(int),
        "maand": maand.astype("Int8"), "bron": bron, "categorie": categorie,
        "omschrijving": np.where(vm, data["indicator"], data["bron"].str.strip() + ": " + data["indicator"]),
        "waarde": waarde.astype(float), "eenheid": eenheid, "status": status,
        "ontbreekt": ontbreekt, "ondergrens": grenzen["ondergrens"].to_numpy(),
        "bovengrens": grenzen["bovengrens"].to_numpy(), "bronbestand": pad.name,
    })
    return cijfers.normaliseer(dubbele(uit, tabel, bestand, "waarde"))


def _perioden(tabel: werkmap.Tabel, bestand: str, fouten: list[Fout]) -> tuple[pd.Series, pd.Series]:
    """``2023`` (year) or ``2023-01`` / ``202301`` / ``2023MM01`` (month)."""
    tekst = tabel.data["periode"].astype(str).str.strip()
    delen = tekst.str.extract(r"^(\d{4})(?:(?:-|MM)?(\d{1,2}))?$")
    jaar = pd.to_numeric(delen[0], errors="coerce")
    maand = pd.to_numeric(delen[1], errors="coerce")
    slecht = (jaar.isna() | (maand < 1) | (maand > 12)).to_numpy()
    for i in np.flatnonzero(slecht)[:gemeen.MAX_PER_SOORT]:
        fouten.append(Fout("onbekende periode (verwacht 2023 of 2023-01)", bestand, tabel.plek(i, "periode"),
                           "periode", tekst.iat[i]))
    gemeen.controleer_jaren(jaar.where(~pd.Series(slecht, index=jaar.index), 2000), bestand=bestand,
                            kolom="periode", regels=np.array(tabel.plekken("periode"), dtype=object), fouten=fouten)
    return jaar, maand


def _thema_fouten(tabel: werkmap.Tabel, bestand: str, fouten: list[Fout]) -> None:
    if "thema" not in tabel.data:
        return
    from .. import taxonomie

    codes = {t.code for t in taxonomie.themas()}
    for i, t in enumerate(tabel.data["thema"]):
        if t.strip() and t.strip() not in codes:
            fouten.append(Fout("onbekende themacode (verwacht 1.1 ... 5.5)", bestand, tabel.plek(i, "thema"),
                               "thema", t))


def eigen_koppeling(pad: str | Path) -> pd.DataFrame:
    """The gemeente's own mapping from the ``thema`` column of a generic-layout file.

    Returns a table with ``bron``, ``categorie``, ``omschrijving``, ``thema``, ``toelichting`` (rows
    without a thema are left out), ready to save as an own mapping file for
    :func:`ivpanalyse.koppeling.koppeltabel`. One categorie with two thema's is an error.
    """
    pad = Path(pad)
    tabel = werkmap.lees_tabel(pad, VERPLICHT)
    data = tabel.data
    if "thema" not in data:
        return pd.DataFrame(columns=["bron", "categorie", "omschrijving", "thema", "toelichting"])
    fouten: list[Fout] = []
    _thema_fouten(tabel, str(pad), fouten)
    gemeen.raise_als(fouten)
    vm = data["bron"].map(_is_vm)
    uit = pd.DataFrame({
        "bron": np.where(vm, VM, LOKAAL),
        "categorie": np.where(vm, data["indicator"].map(_normaal),
                              data["bron"].map(_normaal) + "/" + data["indicator"].map(_normaal)),
        "omschrijving": data["indicator"].str.strip(), "thema": data["thema"].str.strip(),
        "toelichting": f"thema opgegeven in {pad.name}",
    })
    uit = uit[uit["thema"] != ""].drop_duplicates()
    dubbel = uit.duplicated(["bron", "categorie"], keep=False)
    if dubbel.any():
        cat = uit.loc[dubbel, "categorie"].iat[0]
        raise InleesFout("dezelfde indicator heeft twee verschillende thema's", bestand=str(pad), kolom="thema",
                         waarde=cat)
    return uit.reset_index(drop=True)
