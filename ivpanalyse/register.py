"""The gemeente register: every code of CBS regional tables since 2000, names, herindelingen, successors.

The register ships as ``ivpanalyse/data/gemeenten.csv`` (one row per code: ``code``, ``naam``,
``varianten``, ``eerste_jaar``, ``laatste_jaar``, ``opvolgers``, ``overgang``). It covers the
342 gemeenten of indeling 2024, every gemeente dissolved since 2012 with its successors, the codes
dissolved before 2012 that full StatLine downloads still list as empty (``""``, "cannot occur") rows
(:func:`historisch`; no successor recorded), the police's ``GM0000`` "Gemeente onbekend" and the
fictitious demo range ``GM9900``-``GM9999``.

Why it matters: Politie table 47018NED restates every year on today's boundaries, population
tables do not. A rate per 1.000 inwoners over a period needs population on the same boundaries:
:func:`herleid_bevolking` sums the predecessors of a full merger and marks years touched by a
split (Maasdonk 2015, Haaren 2021, ...) as not comparable instead of guessing.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache

import numpy as np
import pandas as pd

from .config import package_data
from .errors import InleesFout

SAMENVOEGING = "samenvoeging"
SPLITSING = "splitsing"
NAAMSWIJZIGING = "naamswijziging"
FICTIEF = re.compile(r"^GM99\d\d$")  # demo gemeenten; no real gemeente uses the GM99xx range

VERGELIJKBAAR = "vergelijkbaar"
HERLEID = "herleid"
NIET_VERGELIJKBAAR = "niet vergelijkbaar"
ONVOLLEDIG = "onvolledig"


@cache
def gemeenten() -> pd.DataFrame:
    """The register as a frame indexed by code (years as nullable integers)."""
    tabel = pd.read_csv(package_data("gemeenten.csv"), dtype=str, keep_default_na=False, comment="#")
    for kolom in ("eerste_jaar", "laatste_jaar"):
        tabel[kolom] = pd.to_numeric(tabel[kolom].replace("", None)).astype("Int64")
    return tabel.set_index("code", drop=False)


def bekend(code: str) -> bool:
    """True for a code in the register (any year) or in the fictitious ``GM99xx`` range."""
    return code in gemeenten().index or bool(FICTIEF.match(code))


def historisch(code: str) -> bool:
    """True for a code dissolved before 2012 (known only so full downloads can be read)."""
    tabel = gemeenten()
    if code not in tabel.index:
        return False
    laatste = tabel.at[code, "laatste_jaar"]
    return not pd.isna(laatste) and laatste < 2012


def naam(code: str) -> str:
    """The name of a gemeente code; :class:`InleesFout` for an unknown code."""
    code = str(code).strip()
    tabel = gemeenten()
    if code in tabel.index:
        return tabel.at[code, "naam"]
    if FICTIEF.match(code):
        return f"Demogemeente {code}"
    raise InleesFout("onbekende gemeentecode: staat niet in het gemeenteregister", kolom="gemeente_code",
                     waarde=code)


def bestaat(code: str, jaar: int) -> bool:
    """Did ``code`` exist as a gemeente on 1 January of ``jaar``? (Before 2012: not checked.)"""
    code = str(code).strip()
    bekend = _jaren().get(code)
    if bekend is None:
        return bool(FICTIEF.match(code))
    eerste, laatste = bekend
    return (pd.isna(eerste) or jaar >= eerste) and (pd.isna(laatste) or jaar <= laatste)


@cache
def _jaren() -> dict[str, tuple]:
    """Code -> (eerste_jaar, laatste_jaar) of :func:`gemeenten`, for lookups per code (``.at`` is slow)."""
    tabel = gemeenten()
    return dict(zip(tabel.index, zip(tabel["eerste_jaar"], tabel["laatste_jaar"])))


def huidig(code: str) -> bool:
    """Is ``code`` a gemeente of today's indeling (no successor)?"""
    tabel = gemeenten()
    if code in tabel.index:
        return pd.isna(tabel.at[code, "laatste_jaar"])
    return bool(FICTIEF.match(code))


def _sleutel(tekst: str) -> str:
    """Name key tolerant of case, diacritics and punctuation: "'s-Hertogenbosch" -> "s hertogenbosch"."""
    t = unicodedata.normalize("NFKD", str(tekst)).encode("ascii", "ignore").decode()
    t = re.sub(r"[^a-z0-9]+", " ", t.lower()).strip()
    return re.sub(r"\s+(gemeente|gem)$", "", t)


def _basis(tekst: str) -> str:
    """The key without a province suffix: "Hengelo (O.)" -> "hengelo"."""
    return _sleutel(re.sub(r"\(.*?\)", "", str(tekst)))


@cache
def _namenindex() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, str]]:
    exact: dict[str, list[str]] = {}
    basis: dict[str, list[str]] = {}
    weergave: dict[str, str] = {}
    for code, nm, varianten in zip(gemeenten()["code"], gemeenten()["naam"], gemeenten()["varianten"]):
        for n in [nm, *[v for v in varianten.split("|") if v]]:
            exact.setdefault(_sleutel(n), []).append(code)
            weergave.setdefault(_sleutel(n), n)
        basis.setdefault(_basis(nm), []).append(code)
    return ({k: sorted(set(v)) for k, v in exact.items()}, {k: sorted(set(v)) for k, v in basis.items()},
            weergave)


def code_voor_naam(naam_: str, *, jaar: int | None = None, bestand: str | None = None,
                   regel: int | str | None = None, kolom: str | None = None) -> str:
    """The gemeente code for a name as StatLine or an analyst writes it.

    Tolerant of case, diacritics and punctuation (``"Sudwest Fryslan"``, ``"Den Bosch"``,
    ``"Hengelo"`` for "Hengelo (O.)" when unique). With ``jaar`` only gemeenten that existed then
    count; without it today's gemeenten win over dissolved ones of the same name.

    Raises
    ------
    InleesFout
        For an unknown or ambiguous name; the message lists the closest names.
    """
    exact, basis, weergave = _namenindex()
    sleutel = _sleutel(naam_)
    kandidaten = exact.get(sleutel) or basis.get(_basis(naam_)) or []
    if jaar is None or jaar >= 2012:
        # "Geldrop" is not Geldrop-Mierlo: a name of a gemeente dissolved before 2012 only counts
        # for figures of those years.
        kandidaten = [c for c in kandidaten if not historisch(c)]
    if jaar is not None:
        kandidaten = [c for c in kandidaten if bestaat(c, jaar)]
    elif len(kandidaten) > 1:
        nu = [c for c in kandidaten if huidig(c)]
        kandidaten = nu or kandidaten
    if len(kandidaten) == 1:
        return kandidaten[0]
    if kandidaten:
        opties = ", ".join(f"{naam(c)} ({c})" for c in kandidaten)
        raise InleesFout(f"gemeentenaam is niet eenduidig; bedoelt u: {opties}?", bestand=bestand,
                         regel=regel, kolom=kolom, waarde=naam_)
    dichtbij = difflib.get_close_matches(sleutel, list(exact), n=4, cutoff=0.6)
    voorstel = ", ".join(f"{weergave[k]} ({'/'.join(exact[k])})" for k in dichtbij)
    reden = "onbekende gemeentenaam: staat niet in het gemeenteregister"
    reden += f"; dichtstbijzijnde namen: {voorstel}" if voorstel else ""
    raise InleesFout(reden, bestand=bestand, regel=regel, kolom=kolom, waarde=naam_)


@cache
def _eindcodes() -> dict[str, str | None]:
    """Old code -> today's code via full mergers and renamings; ``None`` after a split."""
    tabel = gemeenten()
    uit: dict[str, str | None] = {}
    for code in tabel.index:
        huidige, gezien = code, set()
        while True:
            if huidige in gezien:  # defensive: a cycle in the data would be a packaging bug
                huidige = None
                break
            gezien.add(huidige)
            rij = tabel.loc[huidige]
            if pd.isna(rij["laatste_jaar"]):
                break
            opvolgers = [o for o in rij["opvolgers"].split("|") if o]
            if rij["overgang"] == SPLITSING or len(opvolgers) != 1:
                huidige = None
                break
            huidige = opvolgers[0]
        uit[code] = huidige
    return uit


def opvolger_nu(code: str) -> str | None:
    """Today's gemeente that ``code`` became by full mergers; ``None`` when it was split."""
    if FICTIEF.match(code):
        return code
    return _eindcodes().get(code, code if code not in gemeenten().index else None)


@cache
def _splitsingen() -> list[tuple[str, int, frozenset[str]]]:
    """(split code, last year, today's gemeenten that received a part)."""
    tabel = gemeenten()
    uit = []
    for code, rij in tabel[tabel["overgang"] == SPLITSING].iterrows():
        ontvangers = frozenset(filter(None, (opvolger_nu(o) for o in rij["opvolgers"].split("|"))))
        uit.append((code, int(rij["laatste_jaar"]), ontvangers))
    return uit


def herleid_bevolking(bevolking: pd.DataFrame, jaren=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Restate population (inwoners, woningen) on today's gemeente boundaries.

    Parameters
    ----------
    bevolking
        Canonical figures table (gemeente-level rows; ``periode`` is the year) or a plain frame
        with ``gemeente_code``, ``jaar`` and ``inwoners`` (and optionally ``woningen``).
    jaren
        Years to keep; default all years in the data.

    Returns
    -------
    (DataFrame, DataFrame)
        The restated figures in the input's layout, one row per today's gemeente, year and
        category; and a quality table (``gemeente_code``, ``periode``, ``status``,
        ``toelichting``) with status ``vergelijkbaar`` (unchanged), ``herleid`` (sum of the
        predecessors of a full merger), ``niet vergelijkbaar`` (the gemeente received part of a
        split gemeente that year: the value is left empty rather than guessed) or ``onvolledig``
        (a predecessor's figure is missing).
    """
    plat = "periode" not in bevolking.columns
    if plat:
        waardekolommen = [k for k in ("inwoners", "woningen") if k in bevolking]
        lang = bevolking.melt(id_vars=["gemeente_code", "jaar"], value_vars=waardekolommen,
                              var_name="categorie", value_name="waarde").rename(columns={"jaar": "periode"})
    else:
        lang = bevolking[bevolking["gebied_code"].astype(str).str.startswith("GM")].astype(
            {"gemeente_code": str, "gebied_code": str, "categorie": str})
    lang = lang.copy()
    lang["periode"] = lang["periode"].astype(int)
    if jaren is not None:
        lang = lang[lang["periode"].isin(list(jaren))]
    lang["doel"] = lang["gemeente_code"].map(opvolger_nu)

    kwaliteit = []
    for code, laatste, ontvangers in _splitsingen():
        for g in ontvangers:
            for jaar in sorted(set(lang["periode"][lang["periode"] <= laatste])):
                kwaliteit.append((g, jaar, NIET_VERGELIJKBAAR,
                                  f"deel van {naam(code)} ({code}) kwam bij de splitsing van "
                                  f"{laatste + 1} bij deze gemeente; niet te herleiden"))
    niet = {(g, j) for g, j, *_ in kwaliteit}

    groepen = ["doel", "periode", "categorie"]
    houd = lang[lang["doel"].notna()]
    agg = houd.groupby(groepen, sort=True).agg(
        waarde=("waarde", lambda s: s.sum(min_count=len(s)) if s.notna().all() else np.nan),
        delen=("gemeente_code", lambda s: tuple(sorted(set(s)))),
        leeg=("waarde", lambda s: int(s.isna().sum()))).reset_index()
    rijen = []
    for doel, jaar, delen, leeg_ in zip(agg["doel"], agg["periode"], agg["delen"], agg["leeg"]):
        if (doel, jaar) in niet:
            continue
        if leeg_:
            status, uitleg = ONVOLLEDIG, "cijfer van een (voorganger-)gemeente ontbreekt"
        elif delen == (doel,):
            status, uitleg = VERGELIJKBAAR, ""
        else:
            status, uitleg = HERLEID, "som van " + ", ".join(f"{naam(c)} ({c})" for c in delen)
        rijen.append((doel, jaar, status, uitleg))
    kwaliteit = pd.DataFrame(kwaliteit + rijen, columns=["gemeente_code", "periode", "status", "toelichting"])
    kwaliteit = (kwaliteit[kwaliteit["periode"].isin(set(agg["periode"]))]
                 .drop_duplicates(["gemeente_code", "periode"]).sort_values(["gemeente_code", "periode"])
                 .reset_index(drop=True))
    kwaliteit = kwaliteit[kwaliteit["gemeente_code"].isin(set(agg["doel"]))].reset_index(drop=True)

    niet_masker = np.array([(d, j) in niet for d, j in zip(agg["doel"], agg["periode"])], dtype=bool)
    agg.loc[niet_masker, "waarde"] = np.nan
    if plat:
        uit = agg.pivot_table(index=["doel", "periode"], columns="categorie", values="waarde",
                              dropna=False).reset_index().rename(columns={"doel": "gemeente_code",
                                                                          "periode": "jaar"})
        uit.columns.name = None
        return uit, kwaliteit

    from . import cijfers

    eerste = houd.drop_duplicates(groepen).set_index(groepen)
    basis = eerste.loc[list(zip(agg["doel"], agg["periode"], agg["categorie"]))].reset_index()
    basis["waarde"] = agg["waarde"].to_numpy()
    basis["gemeente_code"] = basis["doel"]
    basis["gebied_code"] = basis["doel"]
    basis["ontbreekt"] = np.where(basis["waarde"].isna(), cijfers.ONBEKEND, None)
    delen_per_rij = agg["delen"].to_numpy()
    basis["bronbestand"] = basis["bronbestand"].astype(str)
    basis.loc[[len(d) > 1 for d in delen_per_rij], "bronbestand"] += " (herleid)"
    return cijfers.normaliseer(basis[cijfers.KOLOMMEN]), kwaliteit


# Regions above gemeente level, as CBS codes them: benchmark rows of the Veiligheidsmonitor and
# national figures. Landsdelen and politie-eenheden share names ("Oost-Nederland"), so a name is only
# recognised with its kind: "Oost-Nederland (RE)", "politie-eenheid Oost-Nederland", "Overijssel (PV)".
REGIO_S = {
    "NL01": ("Nederland", "land"),
    **{f"LD0{i}": (n, "landsdeel") for i, n in enumerate(
        ["Noord-Nederland", "Oost-Nederland", "West-Nederland", "Zuid-Nederland"], start=1)},
    **{f"PV{20 + i}": (n, "provincie") for i, n in enumerate(
        ["Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht", "Noord-Holland",
         "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg"])},
    **{f"RE{i:02d}": (n, "politie-eenheid") for i, n in enumerate(
        ["Noord-Nederland", "Oost-Nederland", "Midden-Nederland", "Noord-Holland", "Amsterdam", "Den Haag",
         "Rotterdam", "Zeeland-West-Brabant", "Oost-Brabant", "Limburg"], start=1)},
}
_SOORT_WOORDEN = {
    "politie-eenheid": ("re", "politie eenheid", "politie-eenheid", "eenheid", "regionale eenheid",
                        "regionale eenheid politie", "politie"),
    "provincie": ("pv", "provincie", "prov"),
    "landsdeel": ("ld", "landsdeel"),
}


def regio_naam(code: str) -> str:
    """The name of a region code (``NL01`` -> "Nederland", ``RE02`` -> "Oost-Nederland (politie-eenheid)")."""
    naam_, soort = REGIO_S[code]
    return naam_ if soort == "land" else f"{naam_} ({soort})"


def regio_code(tekst: str) -> str | None:
    """The CBS code of a region name or code, ``None`` when ``tekst`` is not a region.

    Accepts the code itself (``NL01``, ``RE02``, ``PV23``), "Nederland", and names with their kind:
    "Oost-Nederland (RE)", "Politie-eenheid Oost-Nederland", "Eenheid Oost-Nederland",
    "Overijssel (PV)", "Provincie Overijssel", "Zuid-Nederland (LD)". A bare "Limburg" or
    "Groningen" is not a region here (it is a gemeente, or ambiguous).
    """
    t = str(tekst).strip()
    if t.upper() in REGIO_S:
        return t.upper()
    if t.upper() == "NL00":
        return "NL01"
    if _sleutel(t) == "nederland":
        return "NL01"
    soort_van = {w: s for s, woorden in _SOORT_WOORDEN.items() for w in woorden}
    m = re.fullmatch(r"(.*?)\s*\(([^)]*)\)", t)
    kandidaten = []
    if m:
        kandidaten.append((m.group(1), m.group(2).strip(" .").lower()))
    m = re.fullmatch(r"(regionale eenheid politie|regionale eenheid|politie-eenheid|politie eenheid|eenheid|"
                     r"provincie|landsdeel)\s+(.*)", t, flags=re.IGNORECASE)
    if m:
        kandidaten.append((m.group(2), m.group(1).lower()))
    for naam_, woord in kandidaten:
        soort = soort_van.get(woord)
        if soort is None:
            continue
        for code, (n, s) in REGIO_S.items():
            if s == soort and _sleutel(n) == _sleutel(naam_):
                return code
    return None
