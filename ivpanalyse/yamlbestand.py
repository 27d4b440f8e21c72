"""One YAML loader for the project's own files: taxonomie, batch configuration and drieslag input.

:func:`lees` parses a file into :class:`Map` and :class:`Lijst` (a dict and a list that remember the
line of every key and element); a key that occurs twice in one mapping is a finding, never a silent
overwrite. :class:`Lezer` is the base of the three validators: small typed getters that record a
:class:`~ivpanalyse.errors.Fout` with file, line, key path, value, a reason code and a hint, so every
problem in a file is reported at once; the validators then build their dataclasses.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, Iterable

import yaml

from .errors import Fout, IvpFout

__all__ = ["Lezer", "Lijst", "Map", "lees", "pad"]

# The C parser is ~10x faster when libyaml is available; the constructors below are Python either way.
_Basis = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Reason codes of the findings this module makes.
ONTBREEKT = "bestand-ontbreekt"
GEEN_UTF8 = "geen-utf8"
GEEN_YAML = "geen-yaml"
DUBBELE_SLEUTEL = "dubbele-sleutel"
ONBEKENDE_SLEUTEL = "onbekende-sleutel"
VERPLICHT = "verplicht"
VERKEERD_TYPE = "verkeerd-type"


class Map(dict):
    """A YAML mapping: ``regel`` is its first line, ``regels`` the line of each key."""

    regel: int | None = None
    regels: dict


class Lijst(list):
    """A YAML sequence: ``regel`` is its first line, ``regels`` the line of each element."""

    regel: int | None = None
    regels: list


class _Lader(_Basis):
    """Safe loader building :class:`Map`/:class:`Lijst` and collecting duplicate keys."""

    def __init__(self, stream, bestand: str, tekst: bool):
        super().__init__(stream)
        self.bestand = bestand
        self.alleen_tekst = tekst
        self.fouten: list[Fout] = []
        self.stapel: list[str | int] = []  # key path of the node being built

    def plek(self, sleutel: str | int) -> str:
        uit = ""
        for deel in [*self.stapel, sleutel]:
            uit = pad(uit, deel)
        return uit

    def construct_object(self, node, deep=False):
        # With ``tekst`` every scalar stays the text as written ('nee', 'no', '2024-01-01', '1.10'):
        # no YAML 1.1 guessing; only null (empty, ~, null) becomes None.
        if self.alleen_tekst and isinstance(node, yaml.ScalarNode):
            return None if node.tag == "tag:yaml.org,2002:null" else str(node.value)
        return super().construct_object(node, deep=deep)


def _mapping(lader: _Lader, node) -> Map:
    if not lader.alleen_tekst:
        lader.flatten_mapping(node)  # merge keys (<<)
    uit = Map()
    uit.regel, uit.regels = node.start_mark.line + 1, {}
    for knode, vnode in node.value:
        sleutel = lader.construct_object(knode, deep=True)
        regel = knode.start_mark.line + 1
        try:
            hash(sleutel)
        except TypeError:
            lader.fouten.append(Fout("een sleutel moet een enkele waarde zijn, geen lijst of mapping",
                                     lader.bestand, regel, None, None, VERKEERD_TYPE,
                                     "schrijf 'sleutel: waarde'"))
            continue
        if sleutel in uit:
            lader.fouten.append(Fout(f"dubbele sleutel (eerder op regel {uit.regels[sleutel]})", lader.bestand,
                                     regel, lader.plek(str(sleutel)), sleutel, DUBBELE_SLEUTEL,
                                     "voeg de twee samen of verwijder er één; de tweede telt niet"))
            continue
        lader.stapel.append(str(sleutel))
        uit[sleutel] = lader.construct_object(vnode, deep=True)
        lader.stapel.pop()
        uit.regels[sleutel] = regel
    return uit


def _lijst(lader: _Lader, node) -> Lijst:
    uit = Lijst()
    for i, n in enumerate(node.value):
        lader.stapel.append(i)
        uit.append(lader.construct_object(n, deep=True))
        lader.stapel.pop()
    uit.regel, uit.regels = node.start_mark.line + 1, [n.start_mark.line + 1 for n in node.value]
    return uit


_Lader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Lader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _lijst)

# PyYAML's most frequent syntax problems in Dutch; anything else is quoted as PyYAML says it.
_SYNTAX = [
    ("could not find expected ':'", "verwacht ':' na een sleutel",
     "staat er een regel zonder 'sleutel: waarde', of mist een aanhalingsteken?"),
    ("mapping values are not allowed", "een ':' op een plek waar dat niet mag",
     "zet tekst met ': ' erin tussen aanhalingstekens, of controleer het inspringen"),
    ("cannot start any token", "een teken dat hier niet mag (vaak een tab)",
     "spring in met spaties, niet met tabs"),
    ("found unexpected end of stream", "het bestand houdt onverwacht op",
     "ontbreekt een sluitend haakje of aanhalingsteken?"),
    ("did not find expected key", "hier had een sleutel moeten staan", "controleer het inspringen"),
    ("did not find expected '-' indicator", "hier had een lijstelement ('- ...') moeten staan",
     "controleer het inspringen"),
    ("did not find expected ',' or ']'", "verwacht ',' of ']' in een lijst tussen [ ]",
     "ontbreekt een sluitend ']'?"),
    ("did not find expected ',' or '}'", "verwacht ',' of '}' in een mapping tussen { }",
     "ontbreekt een sluitend '}'?"),
    ("found undefined alias", "verwijzing (*naam) naar een onbekend anker", "definieer eerst &naam"),
    ("expected <block end>", "het inspringen klopt niet", "lijn de sleutels van één niveau precies uit"),
]


def _syntaxfout(exc: yaml.YAMLError, bestand: str) -> Fout:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    probleem = str(getattr(exc, "problem", None) or exc)
    reden, hint = f"geen geldige YAML ({probleem})", "controleer de regel en de regel erboven"
    for engels, nl, tip in _SYNTAX:
        if engels in probleem:
            reden, hint = f"geen geldige YAML: {nl}", tip
            break
    return Fout(reden, bestand, mark.line + 1 if mark else None, None, None, GEEN_YAML, hint)


def lees(bestand: str | Path, fout: type[IvpFout], *, tekst: bool = False, wat: str = "bestand",
         inhoud: bytes | None = None) -> tuple[Any, list[Fout]]:
    """Parse a YAML file into :class:`Map`/:class:`Lijst` with line numbers.

    Parameters
    ----------
    bestand : str or Path
        The file (UTF-8, a byte-order mark is allowed).
    fout : type of IvpFout
        The error raised when the file cannot be parsed at all.
    tekst : bool
        Keep every scalar as the text written (``None`` for null), for files of free text.
    wat : str
        What the file is, for the message when it is missing (``"configuratiebestand"``).
    inhoud : bytes, optional
        The file's bytes when the caller has read them already (e.g. to hash exactly what was parsed).

    Returns
    -------
    data, fouten
        The parsed document (``None`` for an empty file) and the findings made while parsing
        (duplicate keys), for the validator to report together with its own.

    Raises
    ------
    IvpFout
        Of class ``fout``: the file is missing, not UTF-8 or not valid YAML (with its line).
    """
    naam = str(bestand)
    try:
        inhoud = (Path(bestand).read_bytes() if inhoud is None else inhoud).decode("utf-8-sig")
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise fout(f"{wat} bestaat niet", bestand=naam, code=ONTBREEKT,
                   hint="controleer het pad") from None
    except UnicodeDecodeError as exc:
        raise fout(f"{wat} is geen UTF-8-tekst (byte {exc.start})", bestand=naam, code=GEEN_UTF8,
                   hint="sla het op als UTF-8") from None
    lader = _Lader(inhoud, naam, tekst)  # type: ignore[arg-type]
    try:
        data = lader.get_single_data()
    except yaml.YAMLError as exc:
        raise fout(fouten=[_syntaxfout(exc, naam)]) from exc
    finally:
        lader.dispose()
    return data, lader.fouten


def pad(plek: str, sleutel: str | int) -> str:
    """Key path for messages: ``pad("themas[2]", "naam")`` is ``themas[2].naam``, an int indexes."""
    if isinstance(sleutel, int):
        return f"{plek}[{sleutel}]"
    if not re.fullmatch(r"[^\W\d][\w-]*", str(sleutel)):  # a code such as 2.1 reads as one key
        return f"{plek}['{sleutel}']"
    return f"{plek}.{sleutel}" if plek else str(sleutel)


def _naam_type(waarde: Any) -> str:
    if waarde is None:
        return "leeg"
    return {str: "tekst", int: "geheel getal", float: "getal", bool: "ja/nee (true/false)",
            Map: "mapping", Lijst: "lijst", dict: "mapping", list: "lijst"}.get(type(waarde), type(waarde).__name__)


class Lezer:
    """Base of a validator: typed getters that record findings instead of raising.

    Every getter takes the parent (:class:`Map` or :class:`Lijst`), the key and the key path of the
    parent, so a finding names file, line, key path and value. Subclasses read their sections and
    raise ``Fout(fouten=self.fouten)`` at the end when there are any.
    """

    def __init__(self, bestand: str | Path, fouten: Iterable[Fout] = ()):
        self.bestand = str(bestand)
        self.fouten: list[Fout] = list(fouten)

    @staticmethod
    def regel(ouder: Any, sleutel: Any = None) -> int | None:
        """Line of ``ouder[sleutel]`` (or of ``ouder`` itself)."""
        if isinstance(ouder, Map) and sleutel in ouder.regels:
            return ouder.regels[sleutel]
        if isinstance(ouder, Lijst) and isinstance(sleutel, int) and 0 <= sleutel < len(ouder.regels):
            return ouder.regels[sleutel]
        return getattr(ouder, "regel", None)

    def fout(self, reden: str, regel: int | None, kolom: str | None, waarde: Any = None, *,
             code: str | None = None, hint: str | None = None) -> None:
        """Record one finding."""
        self.fouten.append(Fout(reden, self.bestand, regel, kolom, waarde, code, hint))

    def sleutels(self, m: Map, toegestaan: Iterable[str], plek: str) -> None:
        """Every key of ``m`` must be one of ``toegestaan``; a typo gets the closest key as hint."""
        toegestaan = sorted(toegestaan)
        for k in m:
            if k not in toegestaan:
                bijna = difflib.get_close_matches(str(k), toegestaan, n=1)
                hint = f"bedoelde u '{bijna[0]}'?" if bijna else f"toegestaan: {', '.join(toegestaan)}"
                self.fout("onbekende sleutel", self.regel(m, k), pad(plek, str(k)), k,
                          code=ONBEKENDE_SLEUTEL, hint=hint)

    def verwacht(self, wat: str, ouder: Any, sleutel: Any, plek: str, waarde: Any, hint: str | None = None):
        """Record a value of the wrong type: ``verwacht <wat>, gevonden <type>``."""
        self.fout(f"verwacht {wat}, gevonden: {_naam_type(waarde)}", self.regel(ouder, sleutel),
                  pad(plek, sleutel) if sleutel is not None else plek, waarde, code=VERKEERD_TYPE, hint=hint)

    def ontbreekt(self, m: Any, sleutel: str, plek: str, hint: str | None = None) -> None:
        self.fout(f"'{sleutel}' ontbreekt", self.regel(m), pad(plek, sleutel), None, code=VERPLICHT, hint=hint)

    def map_(self, ouder: Any, sleutel: Any, plek: str, *, verplicht: bool = False) -> Map | None:
        """``ouder[sleutel]`` as a mapping, ``None`` when absent or wrong."""
        waarde = _haal(ouder, sleutel)
        if waarde is None:
            if verplicht:
                self.ontbreekt(ouder, sleutel, plek)
            return None
        if not isinstance(waarde, dict):
            self.verwacht("een mapping (sleutel: waarde)", ouder, sleutel, plek, waarde)
            return None
        return waarde

    def lijst(self, ouder: Any, sleutel: Any, plek: str, *, verplicht: bool = False) -> Lijst:
        """``ouder[sleutel]`` as a list; empty when absent or wrong."""
        waarde = _haal(ouder, sleutel)
        if waarde is None:
            if verplicht:
                self.ontbreekt(ouder, sleutel, plek)
            return Lijst()
        if not isinstance(waarde, list):
            self.verwacht("een lijst", ouder, sleutel, plek, waarde, "schrijf elk element op een regel met '- '")
            return Lijst()
        return waarde

    def tekst(self, ouder: Any, sleutel: Any, plek: str, *, verplicht: bool = False) -> str | None:
        """``ouder[sleutel]`` as non-empty text with single spaces; ``None`` when absent or wrong."""
        waarde = _haal(ouder, sleutel)
        if waarde is None:
            if verplicht:
                self.ontbreekt(ouder, sleutel, plek)
            return None
        if not isinstance(waarde, str) or not waarde.strip():
            self.verwacht("een niet-lege tekst", ouder, sleutel, plek, waarde,
                          "zet een getal of ja/nee tussen aanhalingstekens als het tekst is")
            return None
        return " ".join(waarde.split())

    def geheel(self, ouder: Any, sleutel: Any, plek: str, *, minimaal: int | None = None) -> int | None:
        """``ouder[sleutel]`` as an int (at least ``minimaal``); ``None`` when absent or wrong."""
        waarde = _haal(ouder, sleutel)
        if waarde is None:
            return None
        if not isinstance(waarde, int) or isinstance(waarde, bool) or (minimaal is not None and waarde < minimaal):
            wat = "een geheel getal" + (f" van minstens {minimaal}" if minimaal is not None else "")
            self.fout(f"verwacht {wat}", self.regel(ouder, sleutel), pad(plek, sleutel), waarde, code=VERKEERD_TYPE)
            return None
        return waarde

    def janee(self, ouder: Any, sleutel: Any, plek: str, standaard: bool = False) -> bool:
        """``ouder[sleutel]`` as a bool (``true``/``false``)."""
        waarde = _haal(ouder, sleutel)
        if waarde is None:
            return standaard
        if not isinstance(waarde, bool):
            self.verwacht("true of false", ouder, sleutel, plek, waarde)
            return standaard
        return waarde


def _haal(ouder: Any, sleutel: Any) -> Any:
    if isinstance(ouder, dict):
        return ouder.get(sleutel)
    if isinstance(ouder, list) and isinstance(sleutel, int) and 0 <= sleutel < len(ouder):
        return ouder[sleutel]
    return None
