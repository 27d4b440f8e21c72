"""Politie table 47021NED "Registraties overlast" as a long table written by others.

Layout (real sample: ``../shared/data/politie-47021NED/47021NED_overlast_nederland_2012-2023.csv``)::

    incident_type_code,year,incident_count
    Totaal registraties overlast,2012,279325
    Overlast door verward persoon,2012,44571

The key is the police incident code (``E33``) or, as in the sample, its *label*; both are read by
code: the label is looked up in the table's code list (``Overlast.csv`` beside the file, as cbsodataR
writes it, else the list below, taken from that file). An optional ``regio`` column gives the area
(gemeente code or name, or a region such as ``Nederland``); without it the file name must say
``nederland`` and the figures are national (``NL01``, a benchmark row). The writer of the sample wrote
a missing figure as ``0``: a ``0`` in this layout is therefore read as "onbekend of geheim", never as
zero. Rows become bron ``47021NED``, mapped with ``data/koppeling/incidenten.csv`` (same codes).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .. import cijfers, register
from ..errors import Fout, InleesFout
from . import gemeen

BRON = "47021NED"
SLEUTEL, JAAR, AANTAL = "incident_type_code", "year", "incident_count"
REGIO = ("regio", "region", "gebied")
# The code list of 47021NED (Overlast.csv, cbsodataR metadata), for files without it beside them.
CODES = {
    "0.0.0": "Totaal registraties overlast",
    "E33": "Overlast door verward persoon",
    "E35": "Melding overlast jeugd",
    "E38": "Overlast ivm alcohol/ drugs",
    "E41": "Overlast zwervers",
    "F010": "Openbare dronkenschap",
    "M061": "Geluidshinder horeca",
    "M062": "Geluidshinder evenement",
    "M22": "Geluidshinder overig",
}


def herken(pad: Path, kop: str) -> bool:
    eerste = kop.splitlines()[0] if kop else ""
    velden = {v.strip().strip('"').lower() for v in eerste.split(",")}
    return {SLEUTEL, JAAR, AANTAL} <= velden


def _sleutel(tekst: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(tekst).lower()).strip()


def codelijst(pad: Path) -> tuple[dict[str, str], str]:
    """Code -> title of 47021NED: from ``Overlast.csv`` beside ``pad`` when present, else :data:`CODES`.

    Problems in ``Overlast.csv`` name that file.
    """
    meta = Path(pad).parent / "Overlast.csv"
    if not meta.is_file():
        return dict(CODES), "de codelijst van 47021NED"
    tabel = gemeen.lees_csv(meta, sep=",")
    if not {"Key", "Title"} <= set(tabel.columns):
        raise InleesFout("codelijst zonder kolommen 'Key' en 'Title'", bestand=str(meta), regel=1,
                         kolom="Key")
    return dict(zip(tabel["Key"].str.strip(), tabel["Title"].str.strip())), meta.name


def lees(pad: Path) -> pd.DataFrame:
    """Read a long 47021NED table (code or label, year, count) into the canonical table."""
    pad = Path(pad)
    bestand = str(pad)
    ruw = gemeen.lees_csv(pad, sep=",")
    ruw.columns = [k.strip().lower() for k in ruw.columns]
    if ruw.empty:
        raise InleesFout("bestand bevat alleen een kopregel, geen cijfers", bestand=bestand, regel=2)
    onbekend = [k for k in ruw.columns if k not in (SLEUTEL, JAAR, AANTAL, *REGIO)]
    if onbekend:
        raise InleesFout("onbekende kolom (verwacht incident_type_code, year, incident_count en eventueel regio)",
                         bestand=bestand, regel=ruw.attrs["kopregel"], kolom=onbekend[0])
    regels = ruw.attrs["regels"]
    fouten: list[Fout] = []
    codes, herkomst = codelijst(pad)
    op_titel = {_sleutel(t): c for c, t in codes.items()}
    categorie = []
    for i, tekst in enumerate(ruw[SLEUTEL]):
        t = tekst.strip()
        code = t.upper() if t.upper() in codes else op_titel.get(_sleutel(t))
        if code is None:
            fouten.append(Fout(f"onbekende incidentcode of omschrijving: staat niet in {herkomst}", bestand,
                               int(regels[i]), SLEUTEL, gemeen.kort(t)))
            code = ""
        categorie.append(code)
    regio_kolom = next((k for k in REGIO if k in ruw), None)
    if regio_kolom is None:
        if "nederland" not in pad.name.lower():
            raise InleesFout("geen kolom 'regio': zet 'nederland' in de bestandsnaam als de cijfers landelijk zijn, "
                             "of voeg een kolom regio toe", bestand=bestand, regel=ruw.attrs["kopregel"],
                             kolom=SLEUTEL)
        gebied = np.full(len(ruw), "NL01", dtype=object)
    else:
        gebied = np.empty(len(ruw), dtype=object)
        for i, tekst in enumerate(ruw[regio_kolom]):
            t = tekst.strip()
            code = register.regio_code(t) or (t.upper() if re.fullmatch(r"GM\d{4}", t.upper()) else None)
            if code is None:
                try:
                    code = register.code_voor_naam(t, bestand=bestand, regel=int(regels[i]), kolom=regio_kolom)
                except InleesFout as exc:
                    fouten += exc.fouten
                    code = ""
            elif code.startswith("GM") and not register.bekend(code):
                fouten.append(Fout("onbekende gemeentecode: staat niet in het gemeenteregister", bestand,
                                   int(regels[i]), regio_kolom, t))
            gebied[i] = code
    jaar = pd.to_numeric(ruw[JAAR].str.strip().where(ruw[JAAR].str.strip().str.fullmatch(r"\d{4}")),
                         errors="coerce")
    for i in np.flatnonzero(jaar.isna().to_numpy())[:gemeen.MAX_PER_SOORT]:
        fouten.append(Fout("geen jaartal (verwacht bijv. 2023)", bestand, int(regels[i]), JAAR,
                           gemeen.kort(ruw[JAAR].iat[i])))
    gemeen.controleer_jaren(jaar.fillna(2000), bestand=bestand, kolom=JAAR, regels=regels, fouten=fouten)
    tekst = ruw[AANTAL].str.strip()
    # NA was written as 0 in this layout: a 0 is unknown, not zero.
    waarde, ontbreekt = gemeen.getallen(tekst.where(tekst != "0", "."), bestand=bestand, kolom=AANTAL,
                                        regels=regels, eenheid="aantal", fouten=fouten, gebied=gebied)
    gemeen.raise_als(fouten)
    gemeente = np.where(pd.Series(gebied).str.startswith("GM"), gebied, None)
    uit = pd.DataFrame({
        "gemeente_code": gemeente, "gebied_code": gebied, "periode": jaar.astype(int), "maand": pd.NA,
        "bron": BRON, "categorie": categorie, "omschrijving": [codes.get(c, c) for c in categorie],
        "waarde": waarde.to_numpy(), "eenheid": "aantal", "status": "onbekend", "ontbreekt": ontbreekt.to_numpy(),
        "bronbestand": pad.name,
    })
    sleutel = ["gebied_code", "periode", "categorie"]
    dubbel = uit.duplicated(sleutel, keep=False).to_numpy()
    for _, groep in uit[dubbel].groupby(sleutel, sort=False):
        if groep["waarde"].nunique(dropna=False) > 1:
            i, j = groep.index[0], groep.index[1]
            raise InleesFout(f"hetzelfde cijfer staat twee keer in het bestand met verschillende waarden (ook op "
                             f"regel {int(regels[j])})", bestand=bestand, regel=int(regels[i]), kolom=AANTAL,
                             waarde=ruw[AANTAL].iat[i].strip())
    return cijfers.normaliseer(uit.drop_duplicates(sleutel))
