"""The integral safety domain of the VNG method *Kernbeleid Veiligheid*.

Five veiligheidsvelden with 22 veiligheidsthema's (codes ``1.1`` .. ``5.5``), the six aspecten van
de aanpak of veld 1 (ids ``A1`` .. ``A6``; the handbook numbers them "aspect 1.1" .. "1.6") and the
three cross-cutting strategische thema's. The content lives in ``ivpanalyse/data/taxonomie.yaml``;
this module loads it once, validates it and offers lookups.

Examples
--------
>>> from ivpanalyse import taxonomie
>>> taxonomie.thema("5.3").kort
'Weerbare overheid'
>>> taxonomie.zoek_thema("Veilige Publieke Taak").code
'5.3'
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import yamlbestand
from .config import package_data
from .errors import TaxonomieFout

__all__ = [
    "Aspect",
    "Indicator",
    "StrategischThema",
    "Taxonomie",
    "Thema",
    "Veld",
    "als_dict",
    "als_tekst",
    "aspect",
    "aspecten",
    "laad",
    "sorteer_codes",
    "strategisch_thema",
    "strategische_themas",
    "thema",
    "themas",
    "veld",
    "velden",
    "zoek_thema",
]

BESTAND = "taxonomie.yaml"
SOORTEN = ("objectief", "subjectief")
AANTAL_ASPECTEN = 6
MAX_VOORBEELDEN = 8

_CODE = re.compile(r"^(\d+)\.(\d+)$")
_ASPECT_ID = re.compile(r"^A\d+$")


# --------------------------------------------------------------------------- data classes


@dataclass(frozen=True)
class Indicator:
    """A suggested effect indicator for a thema (handbook section g).

    Attributes
    ----------
    naam : str
        What is measured, e.g. ``"Rapportcijfer veiligheid van de buurt"``.
    soort : str
        ``"objectief"`` (registered or self-reported facts) or ``"subjectief"`` (perception).
    bron : str
        Where the figure comes from, e.g. ``"Veiligheidsmonitor"``.
    """

    naam: str
    soort: str
    bron: str


@dataclass(frozen=True)
class Thema:
    """One veiligheidsthema.

    Attributes
    ----------
    code : str
        ``"<veld>.<nummer>"``, e.g. ``"1.3"``.
    naam : str
        Official name in the handbook's overview table.
    kort : str
        Short name for charts and tables.
    namen : tuple of str
        Other names the handbook uses for this thema.
    veld : int
        Code of the veiligheidsveld the thema belongs to.
    beschrijving : str
        Short description (own words, not a quotation).
    bronnen : tuple of str
        Sources of effect information (handbook section f).
    indicatoren : tuple of Indicator
        Suggested effect indicators (handbook section g).
    raakvlakken : tuple of str
        Codes of related thema's (handbook section i), as listed for this thema.
    strategisch : tuple of str
        Tags of the strategische thema's this thema touches.
    high_impact : bool
        Whether the thema concerns high impact crime.
    """

    code: str
    naam: str
    kort: str
    namen: tuple[str, ...]
    veld: int
    beschrijving: str
    bronnen: tuple[str, ...]
    indicatoren: tuple[Indicator, ...]
    raakvlakken: tuple[str, ...]
    strategisch: tuple[str, ...]
    high_impact: bool

    @property
    def sorteersleutel(self) -> tuple[int, int]:
        """Numeric sort key, so that ``2.10`` follows ``2.9``."""
        return _code_sleutel(self.code)


@dataclass(frozen=True)
class Veld:
    """One veiligheidsveld with its thema's, ordered by code."""

    code: int
    naam: str
    themas: tuple[Thema, ...]


@dataclass(frozen=True)
class Aspect:
    """One of the six fixed aspecten van de aanpak of veiligheidsveld 1.

    Attributes
    ----------
    id : str
        ``"A1"`` .. ``"A6"``.
    handboeknummer : str
        The handbook's own number (``"1.1"`` .. ``"1.6"``); it clashes with thema codes, hence ``id``.
    naam, beschrijving : str
        Name and short description.
    voorbeelden : tuple of str
        Instruments and measures the handbook lists (at most eight).
    """

    id: str
    handboeknummer: str
    naam: str
    beschrijving: str
    voorbeelden: tuple[str, ...]


@dataclass(frozen=True)
class StrategischThema:
    """A cross-cutting strategic theme from part 1 of the handbook."""

    tag: str
    naam: str
    beschrijving: str


@dataclass(frozen=True)
class Taxonomie:
    """Everything in one validated taxonomy file."""

    bron: str
    velden: tuple[Veld, ...]
    aspecten: tuple[Aspect, ...]
    strategische_themas: tuple[StrategischThema, ...]

    @functools.cached_property
    def themas(self) -> tuple[Thema, ...]:
        """All thema's, ordered numerically by code (sorted once: a report looks thema's up thousands of times)."""
        return tuple(sorted((t for v in self.velden for t in v.themas), key=_code_sleutel_thema))

    @functools.cached_property
    def _per_code(self) -> dict[str, Thema]:
        return {t.code: t for t in self.themas}


# --------------------------------------------------------------------------- loading


def laad(pad: str | Path) -> Taxonomie:
    """Read and validate a taxonomy YAML file (not cached).

    Parameters
    ----------
    pad : str or Path
        The YAML file.

    Returns
    -------
    Taxonomie

    Raises
    ------
    TaxonomieFout
        If the file is missing, not valid YAML or fails validation (duplicate keys included); every
        finding names the file, line, key path and the offending value.
    """
    ruw, fouten = yamlbestand.lees(pad, TaxonomieFout, wat="taxonomiebestand")
    return _Lezer(str(pad), fouten).bouw(ruw)


@functools.cache
def _standaard() -> Taxonomie:
    """The package's own taxonomy, loaded once."""
    return laad(package_data(BESTAND))


_SLEUTELS_TOP = {"bron", "velden", "themas", "aspecten", "strategische_themas"}
_SLEUTELS_VELD = {"code", "naam"}
_SLEUTELS_THEMA = {"code", "veld", "naam", "kort", "namen", "beschrijving", "bronnen", "indicatoren",
                   "raakvlakken", "strategisch", "high_impact"}
_SLEUTELS_INDICATOR = {"naam", "soort", "bron"}
_SLEUTELS_ASPECT = {"id", "handboeknummer", "naam", "beschrijving", "voorbeelden"}
_SLEUTELS_STRATEGISCH = {"tag", "naam", "beschrijving"}


class _Lezer(yamlbestand.Lezer):
    """Turns the parsed YAML into a :class:`Taxonomie`, collecting every finding before raising."""

    def teksten(self, item: dict, sleutel: str, plek: str) -> tuple[str, ...]:
        lijst = self.lijst(item, sleutel, plek)
        uit = []
        for i, waarde in enumerate(lijst):
            if isinstance(waarde, str) and waarde.strip():
                uit.append(" ".join(waarde.split()))
            else:
                self.fout(f"elk element van '{sleutel}' moet een niet-lege tekst zijn", self.regel(lijst, i),
                          f"{_pad(plek, sleutel)}[{i}]", waarde, code=yamlbestand.VERKEERD_TYPE)
        return tuple(uit)

    def mappings(self, ruw: dict, sleutel: str, toegestaan: set[str]) -> list[tuple[int, dict]]:
        lijst = self.lijst(ruw, sleutel, "")
        uit = []
        for i in range(len(lijst)):
            item = self.map_(lijst, i, sleutel)
            if item is not None:
                self.sleutels(item, toegestaan, f"{sleutel}[{i}]")
                uit.append((i, item))
            elif lijst[i] is None:
                self.fout(f"leeg element in '{sleutel}'", self.regel(lijst, i), f"{sleutel}[{i}]")
        return uit

    # -- sections

    def bouw(self, ruw: Any) -> Taxonomie:
        if not isinstance(ruw, dict):
            self.fout("bovenste niveau moet een mapping zijn met 'velden', 'themas', 'aspecten' en "
                      "'strategische_themas'", getattr(ruw, "regel", 1), None, type(ruw).__name__,
                      code=yamlbestand.VERKEERD_TYPE)
            raise TaxonomieFout(fouten=self.fouten)
        self.sleutels(ruw, _SLEUTELS_TOP, "")
        for sleutel in ("velden", "themas", "aspecten", "strategische_themas"):
            if sleutel not in ruw:
                self.fout(f"sectie '{sleutel}' ontbreekt", 1, sleutel, code=yamlbestand.VERPLICHT)
        bron = self.tekst(ruw, "bron", "") or ""

        strategisch = self.strategische_themas(ruw)
        veldnamen = self.velden(ruw)
        themas = self.themas(ruw, veldnamen, {s.tag for s in strategisch})
        aspecten = self.aspecten(ruw)
        if self.fouten:
            raise TaxonomieFout(fouten=self.fouten)

        velden = tuple(
            Veld(code, naam, tuple(sorted((t for t in themas if t.veld == code),
                                          key=_code_sleutel_thema)))
            for code, naam in sorted(veldnamen.items())
        )
        return Taxonomie(bron, velden, aspecten, strategisch)

    def strategische_themas(self, ruw: dict) -> tuple[StrategischThema, ...]:
        uit: list[StrategischThema] = []
        gezien: set[str] = set()
        for i, item in self.mappings(ruw, "strategische_themas", _SLEUTELS_STRATEGISCH):
            plek = f"strategische_themas[{i}]"
            tag = self.tekst(item, "tag", plek, verplicht=True) or ""
            if tag in gezien:
                self.fout("dubbele tag van strategisch thema", self.regel(item, "tag"), f"{plek}.tag", tag,
                          code="dubbel")
            gezien.add(tag)
            uit.append(StrategischThema(tag, self.tekst(item, "naam", plek, verplicht=True) or "",
                                        self.tekst(item, "beschrijving", plek, verplicht=True) or ""))
        return tuple(uit)

    def velden(self, ruw: dict) -> dict[int, str]:
        uit: dict[int, str] = {}
        for i, item in self.mappings(ruw, "velden", _SLEUTELS_VELD):
            plek = f"velden[{i}]"
            code = item.get("code")
            if not isinstance(code, int) or isinstance(code, bool) or code < 1:
                self.fout("veldcode moet een positief geheel getal zijn", self.regel(item, "code"),
                          f"{plek}.code", code, code=yamlbestand.VERKEERD_TYPE)
                continue
            if code in uit:
                self.fout("dubbele veldcode", self.regel(item, "code"), f"{plek}.code", code, code="dubbel")
                continue
            uit[code] = self.tekst(item, "naam", plek, verplicht=True) or ""
        return uit

    def themas(self, ruw: dict, veldnamen: dict[int, str], tags: set[str]) -> list[Thema]:
        items = self.mappings(ruw, "themas", _SLEUTELS_THEMA)
        codes: list[str] = []
        for i, item in items:
            code, regel, plek = item.get("code"), self.regel(item, "code"), f"themas[{i}].code"
            if isinstance(code, float):
                # YAML reads an unquoted 1.1 as a number; 2.10 would silently become 2.1.
                self.fout("themacode moet tussen aanhalingstekens staan (als tekst)", regel, plek, code,
                          code=yamlbestand.VERKEERD_TYPE, hint=f"schrijf code: \"{code}\"")
            elif not isinstance(code, str) or not _CODE.match(code):
                self.fout("themacode moet de vorm '<veld>.<nummer>' hebben", regel, plek, code,
                          code=yamlbestand.VERKEERD_TYPE, hint="bijvoorbeeld code: \"2.1\"")
            elif code in codes:
                self.fout("dubbele themacode", regel, plek, code, code="dubbel")
            codes.append(code if isinstance(code, str) else repr(code))
        bekend = set(codes)

        uit: list[Thema] = []
        for (i, item), code in zip(items, codes):
            plek = f"themas[{i}]"
            veld = item.get("veld")
            m = _CODE.match(code)
            if isinstance(veld, bool) or veld not in veldnamen:
                self.fout(f"thema {code} hoort bij een onbekend veld", self.regel(item, "veld"), f"{plek}.veld",
                          veld, code="onbekend-veld", hint=f"geldig: {', '.join(map(str, sorted(veldnamen)))}")
            elif m and int(m.group(1)) != veld:
                self.fout(f"veld {veld} past niet bij de code van thema {code}", self.regel(item, "veld"),
                          f"{plek}.veld", veld, code="veld-past-niet", hint=f"veld: {m.group(1)}")

            raakvlakken: list[str] = []
            lijst = self.lijst(item, "raakvlakken", plek)
            for j, r in enumerate(lijst):
                waar = (self.regel(lijst, j), f"{plek}.raakvlakken[{j}]", r)
                if not isinstance(r, str):
                    self.fout("raakvlak moet een themacode tussen aanhalingstekens zijn", *waar,
                              code=yamlbestand.VERKEERD_TYPE)
                elif r == code:
                    self.fout(f"thema {code} noemt zichzelf als raakvlak", *waar, code="zelfverwijzing",
                              hint="verwijder het")
                elif r not in bekend:
                    bijna = difflib.get_close_matches(r, sorted(bekend), n=1)
                    self.fout(f"thema {code} verwijst naar een onbekend thema", *waar, code="onbekend-thema",
                              hint=f"bedoelde u '{bijna[0]}'?" if bijna else None)
                elif r in raakvlakken:
                    self.fout(f"raakvlak staat dubbel bij thema {code}", *waar, code="dubbel",
                              hint="verwijder het tweede")
                else:
                    raakvlakken.append(r)

            strategisch = self.teksten(item, "strategisch", plek)
            lijst = self.lijst(item, "strategisch", plek)
            for j, tag in enumerate(lijst):
                if isinstance(tag, str) and tag.strip() and " ".join(tag.split()) not in tags:
                    self.fout(f"thema {code} noemt een onbekend strategisch thema", self.regel(lijst, j),
                              f"{plek}.strategisch[{j}]", tag, code="onbekende-tag",
                              hint=f"geldig: {', '.join(sorted(tags))}")

            uit.append(Thema(
                code=code,
                naam=self.tekst(item, "naam", plek, verplicht=True) or "",
                kort=self.tekst(item, "kort", plek, verplicht=True) or "",
                namen=self.teksten(item, "namen", plek),
                veld=veld if isinstance(veld, int) else -1,
                beschrijving=self.tekst(item, "beschrijving", plek, verplicht=True) or "",
                bronnen=self.teksten(item, "bronnen", plek),
                indicatoren=self.indicatoren(item, plek),
                raakvlakken=tuple(sorted(raakvlakken, key=_code_sleutel)),
                strategisch=strategisch,
                high_impact=self.janee(item, "high_impact", plek),
            ))

        for code, naam in veldnamen.items():
            if not any(t.veld == code for t in uit):
                self.fout(f"veld {code} ({naam}) heeft geen thema's", self.regel(ruw, "velden"), "velden", code,
                          code="leeg-veld")
        self.unieke_namen(uit, {code: (item, i) for (i, item), code in zip(items, codes)})
        return uit

    def indicatoren(self, item: dict, plek: str) -> tuple[Indicator, ...]:
        uit = []
        lijst = self.lijst(item, "indicatoren", plek)
        for j in range(len(lijst)):
            waar = f"{plek}.indicatoren[{j}]"
            ind = self.map_(lijst, j, f"{plek}.indicatoren")
            if ind is None:
                if lijst[j] is None:
                    self.fout("indicator moet een mapping zijn met naam, soort en bron", self.regel(lijst, j), waar)
                continue
            self.sleutels(ind, _SLEUTELS_INDICATOR, waar)
            soort = ind.get("soort")
            if soort not in SOORTEN:
                self.fout(f"soort moet {' of '.join(SOORTEN)} zijn", self.regel(ind, "soort"), f"{waar}.soort",
                          soort, code="onbekende-soort")
            uit.append(Indicator(self.tekst(ind, "naam", waar, verplicht=True) or "", str(soort),
                                 self.tekst(ind, "bron", waar, verplicht=True) or ""))
        return tuple(uit)

    def unieke_namen(self, themas: list[Thema], items: dict[str, tuple[dict, int]]) -> None:
        # Every name, short name and variant must point at one thema, or lookups become ambiguous.
        eigenaar: dict[str, str] = {}
        for t in themas:
            for naam in {_normaliseer(n) for n in (t.naam, t.kort, *t.namen) if n}:
                ander = eigenaar.setdefault(naam, t.code)
                if ander != t.code:
                    item, i = items.get(t.code, (None, 0))
                    self.fout(f"naam hoort bij zowel thema {ander} als thema {t.code}", self.regel(item, "namen"),
                              f"themas[{i}].namen", naam, code="dubbele-naam")

    def aspecten(self, ruw: dict) -> tuple[Aspect, ...]:
        uit: list[Aspect] = []
        for i, item in self.mappings(ruw, "aspecten", _SLEUTELS_ASPECT):
            plek = f"aspecten[{i}]"
            id_ = item.get("id")
            if not isinstance(id_, str) or not _ASPECT_ID.match(id_):
                self.fout("aspect-id moet de vorm 'A<nummer>' hebben", self.regel(item, "id"), f"{plek}.id", id_,
                          code=yamlbestand.VERKEERD_TYPE, hint="bijvoorbeeld id: A1")
                id_ = str(id_)
            elif any(a.id == id_ for a in uit):
                self.fout("dubbel aspect-id", self.regel(item, "id"), f"{plek}.id", id_, code="dubbel")
            voorbeelden = self.teksten(item, "voorbeelden", plek)
            if len(voorbeelden) > MAX_VOORBEELDEN:
                self.fout(f"hoogstens {MAX_VOORBEELDEN} voorbeelden", self.regel(item, "voorbeelden"),
                          f"{plek}.voorbeelden", len(voorbeelden), code="te-veel")
            uit.append(Aspect(id_, self.tekst(item, "handboeknummer", plek, verplicht=True) or "",
                              self.tekst(item, "naam", plek, verplicht=True) or "",
                              self.tekst(item, "beschrijving", plek, verplicht=True) or "", voorbeelden))
        if len(uit) != AANTAL_ASPECTEN:
            self.fout(f"veld 1 moet precies {AANTAL_ASPECTEN} aspecten van de aanpak hebben",
                      self.regel(ruw, "aspecten"), "aspecten", len(uit), code="aantal-aspecten")
        return tuple(sorted(uit, key=lambda a: (len(a.id), a.id)))


# --------------------------------------------------------------------------- helpers


def _pad(plek: str, sleutel: str) -> str:
    """Field path for messages, e.g. ``themas[1.1].raakvlakken``."""
    return f"{plek}.{sleutel}" if plek else sleutel


def _code_sleutel(code: str) -> tuple[int, int]:
    m = _CODE.match(str(code))
    return (int(m.group(1)), int(m.group(2))) if m else (10**9, 10**9)


def sorteer_codes(codes) -> list[str]:
    """Distinct thema codes in numeric order (``2.10`` after ``2.9``); unknown forms last."""
    return sorted(set(map(str, codes)), key=_code_sleutel)


def _code_sleutel_thema(t: Thema) -> tuple[int, int]:
    return _code_sleutel(t.code)


_AANHALING = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _normaliseer(naam: str) -> str:
    """Lower case, straight quotes, single spaces, no spaces around slashes."""
    tekst = " ".join(str(naam).translate(_AANHALING).lower().split())
    return re.sub(r"\s*/\s*", "/", tekst)


@functools.cache
def _naamindex() -> dict[str, Thema]:
    index: dict[str, Thema] = {}
    for t in themas():
        for naam in (t.code, t.naam, t.kort, *t.namen):
            index[_normaliseer(naam)] = t
    return index


def _suggesties(waarde: str, kandidaten: dict[str, str], n: int = 3) -> list[str]:
    """Up to ``n`` labels from ``kandidaten`` (normalised key -> label) close to ``waarde``."""
    uit: list[str] = []
    for sleutel in difflib.get_close_matches(_normaliseer(waarde), list(kandidaten), n=n * 3, cutoff=0.5):
        if kandidaten[sleutel] not in uit:
            uit.append(kandidaten[sleutel])
    return uit[:n]


def _onbekend_thema(waarde: object, wat: str) -> TaxonomieFout:
    labels = {sleutel: f"{t.code} ({t.kort})" for sleutel, t in _naamindex().items()}
    voorstel = _suggesties(str(waarde), labels)
    if voorstel:
        hint = "Bedoelde u: " + ", ".join(voorstel) + "?"
    else:
        hint = "Geldige codes: " + ", ".join(t.code for t in themas()) + "."
    return TaxonomieFout(f"onbekend {wat}. {hint}", kolom="thema", waarde=waarde)


# --------------------------------------------------------------------------- public API


def velden() -> tuple[Veld, ...]:
    """All five veiligheidsvelden, ordered by code (1..5)."""
    return _standaard().velden


def veld(code: int) -> Veld:
    """The veiligheidsveld with ``code`` (an int, or a digit string such as ``"2"``).

    Raises
    ------
    TaxonomieFout
        If no veld has that code.
    """
    for v in velden():
        if str(v.code) == str(code).strip():
            return v
    geldig = ", ".join(f"{v.code} ({v.naam})" for v in velden())
    raise TaxonomieFout(f"onbekend veiligheidsveld. Geldige velden: {geldig}.", kolom="veld", waarde=code)


def themas() -> tuple[Thema, ...]:
    """All 22 veiligheidsthema's, ordered numerically by code (``1.1`` .. ``5.5``)."""
    return _standaard().themas


def thema(code: str) -> Thema:
    """The veiligheidsthema with exactly this ``code`` (e.g. ``"3.2"``).

    Raises
    ------
    TaxonomieFout
        If the code is unknown; the message names the value and the closest codes/names.
    """
    sleutel = str(code).strip()
    gevonden = _standaard()._per_code.get(sleutel)
    if gevonden is not None:
        return gevonden
    raise _onbekend_thema(code, "veiligheidsthema (code)")


def zoek_thema(naam_of_code: str | Thema) -> Thema:
    """Find a thema by code, official name, short name or any name variant (case-insensitive).

    Curly and straight quotes are treated alike, as are spaces around slashes.

    Raises
    ------
    TaxonomieFout
        If nothing matches; the message names the value and the closest candidates.
    """
    if isinstance(naam_of_code, Thema):
        return naam_of_code
    gevonden = _naamindex().get(_normaliseer(naam_of_code))
    if gevonden is None:
        raise _onbekend_thema(naam_of_code, "veiligheidsthema (naam of code)")
    return gevonden


def aspecten() -> tuple[Aspect, ...]:
    """The six aspecten van de aanpak of veld 1, ordered ``A1`` .. ``A6``."""
    return _standaard().aspecten


def aspect(id: str) -> Aspect:  # noqa: A002 - 'id' is the domain term
    """The aspect van de aanpak with this id (``"A1"`` .. ``"A6"``, case-insensitive).

    Raises
    ------
    TaxonomieFout
        If the id is unknown. A handbook number such as ``"1.3"`` gets a hint to the matching id.
    """
    sleutel = str(id).strip().upper()
    for a in aspecten():
        if a.id == sleutel:
            return a
    hint = ", ".join(f"{a.id} ({a.naam})" for a in aspecten())
    for a in aspecten():
        if a.handboeknummer == sleutel:
            hint = (f"handboeknummer {a.handboeknummer} is aspect {a.id} ({a.naam}); "
                    f"aspecten hebben eigen ids om botsing met themacodes te voorkomen")
    raise TaxonomieFout(f"onbekend aspect van de aanpak. Geldig: {hint}.", kolom="aspect", waarde=id)


def strategische_themas() -> tuple[StrategischThema, ...]:
    """The three cross-cutting strategische thema's from part 1 of the handbook."""
    return _standaard().strategische_themas


def strategisch_thema(tag: str) -> StrategischThema:
    """The strategisch thema with this tag (e.g. ``"zorg_en_veiligheid"``).

    Raises
    ------
    TaxonomieFout
        If the tag is unknown.
    """
    for s in strategische_themas():
        if s.tag == str(tag).strip().lower():
            return s
    geldig = ", ".join(s.tag for s in strategische_themas())
    raise TaxonomieFout(f"onbekend strategisch thema. Geldig: {geldig}.", kolom="strategisch", waarde=tag)


def _lijsten(obj: Any) -> Any:
    """Tuples to lists, recursively, for a clean JSON shape."""
    if isinstance(obj, dict):
        return {k: _lijsten(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_lijsten(v) for v in obj]
    return obj


def als_dict() -> dict[str, Any]:
    """The whole taxonomy as a new, JSON-serialisable dict.

    Returns
    -------
    dict
        Keys ``bron``, ``velden`` (each with nested ``themas``), ``aspecten`` and
        ``strategische_themas``.
    """
    tax = _standaard()
    return _lijsten({
        "bron": tax.bron,
        "velden": [asdict(v) for v in tax.velden],
        "aspecten": [asdict(a) for a in tax.aspecten],
        "strategische_themas": [asdict(s) for s in tax.strategische_themas],
    })


def als_tekst() -> str:
    """A readable Dutch plain-text overview of the taxonomy.

    Lists the velden with their thema's (code, short name, official name if different, raakvlakken),
    the six aspecten van de aanpak of veld 1 and the strategische thema's.
    """
    regels = [f"Integrale veiligheid volgens Kernbeleid Veiligheid: {len(velden())} veiligheidsvelden, "
              f"{len(themas())} veiligheidsthema's"]
    for v in velden():
        regels += ["", f"Veld {v.code}: {v.naam}"]
        for t in v.themas:
            kop = f"  {t.code}  {t.kort}"
            if t.naam != t.kort:
                kop += f" ({t.naam})"
            if t.high_impact:
                kop += " [high impact]"
            regels.append(kop)
            regels.append(f"        raakvlakken: {', '.join(t.raakvlakken) or '-'}")
            if t.strategisch:
                regels.append(f"        strategisch: {', '.join(t.strategisch)}")
        if v.code == 1:
            regels.append("  Aspecten van de aanpak (hele veld 1):")
            for a in aspecten():
                regels.append(f"    {a.id}  {a.naam} (handboek: aspect {a.handboeknummer})")
    regels += ["", "Strategische (overstijgende) thema's:"]
    for s in strategische_themas():
        betrokken = [t.code for t in themas() if s.tag in t.strategisch]
        regels.append(f"  {s.tag}: {s.naam}")
        regels.append(f"        thema's: {', '.join(betrokken) or '-'}")
    return "\n".join(regels)
