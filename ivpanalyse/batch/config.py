"""Batch configuration: basisteams (or any samenwerkingsverband) and their gemeenten, from YAML.

Handbook part 1, "Een IVP met meerdere gemeenten": stap 2 and 3 run per gemeente with the same
method, then stap 3a sets bovenlokale and lokaal-specifieke priorities. This file says which
gemeenten belong together, where their data and drieslag input are, and the report options.

The format (paths relative to the YAML file; see ``docs/batch.md``)::

    versie: 1
    standaard:                    # optional defaults for every basisteam
      data: [data/raw]            # folders or files with source data
      rapport: {jaar_van: 2016}   # notebook parameters, checked strictly
      timeout: 900                # seconds per notebook cell
    basisteams:
      - naam: Basisteam Twente-West
        soort: basisteam          # or e.g. "samenwerkingsverband", shown in the reports
        uitvoer: reports/twente-west
        bovenlokaal_minimaal: 3   # gemeenten that must share a priority; default: a majority
        gemeenten:
          - GM0158
          - code: GM0164
            naam: Hengelo
            data: [data/hengelo]  # replaces the default data for this gemeente
            drieslag: drieslag/hengelo.yaml

Every problem is collected and raised as one :class:`ConfigFout` naming the file, line, key path
and value.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import yamlbestand
from ..errors import ConfigFout

VERSIE = 1
GEMEENTE = re.compile(r"^GM\d{4}$")
# Notebook parameters that come from the list of gemeenten, with the key that sets them there.
PER_GEMEENTE = {"gemeente": "code", "data": "data", "invoer": "drieslag"}
STANDAARD_TIMEOUT = 900

_SLEUTELS_TOP = {"versie", "standaard", "basisteams"}
_SLEUTELS_STANDAARD = {"data", "rapport", "timeout", "notebook"}
_SLEUTELS_BASISTEAM = {"naam", "soort", "uitvoer", "bovenlokaal_minimaal", "gemeenten", "data", "rapport",
                       "timeout", "notebook"}
_SLEUTELS_GEMEENTE = {"code", "naam", "data", "drieslag"}
_TYPENAMEN = {type(None): "leeg", int: "geheel getal", str: "tekst", list: "lijst"}


@dataclass(frozen=True)
class GemeenteInstelling:
    """One gemeente in a basisteam: code (always text), optional name, its data and drieslag file."""

    code: str
    naam: str | None
    data: tuple[Path, ...]
    drieslag: Path | None = None


@dataclass(frozen=True)
class Basisteam:
    """A basisteam or other samenwerkingsverband with its gemeenten and report options.

    ``parameters`` are the notebook parameters shared by every gemeente (e.g. ``jaar_van``);
    ``timeout`` is in seconds per notebook cell; ``notebook`` is ``None`` for the packaged one.
    """

    naam: str
    gemeenten: tuple[GemeenteInstelling, ...]
    soort: str = "basisteam"
    uitvoer: Path | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    timeout: int = STANDAARD_TIMEOUT
    notebook: Path | None = None
    bovenlokaal_minimaal: int | None = None

    @property
    def codes(self) -> list[str]:
        return [g.code for g in self.gemeenten]

    @property
    def drempel_bovenlokaal(self) -> int:
        """Gemeenten that must propose a thema for it to be a candidate bovenlokale priority.

        Handbook part 1: the local choices "zullen onderling de nodige overlap hebben"; we call a
        priority shared when most gemeenten (a strict majority) propose it, unless configured.
        """
        return self.bovenlokaal_minimaal or len(self.gemeenten) // 2 + 1

    def gemeente(self, code: str) -> GemeenteInstelling:
        for g in self.gemeenten:
            if g.code == code:
                return g
        raise ConfigFout(f"gemeente hoort niet bij {self.naam}", kolom="gemeente", waarde=code)


@dataclass(frozen=True)
class Configuratie:
    """A validated batch configuration file."""

    bestand: Path
    basisteams: tuple[Basisteam, ...]

    @property
    def namen(self) -> list[str]:
        return [b.naam for b in self.basisteams]

    def basisteam(self, naam: str) -> Basisteam:
        """The basisteam called ``naam`` (case-insensitive); :class:`ConfigFout` listing the names otherwise."""
        for b in self.basisteams:
            if b.naam.casefold() == str(naam).casefold():
                return b
        bijna = difflib.get_close_matches(str(naam), self.namen, n=3, cutoff=0.4)
        hint = f"bedoelde u: {', '.join(bijna)}?" if bijna else f"bekend: {', '.join(self.namen)}"
        raise ConfigFout(f"onbekend basisteam in de configuratie; {hint}", bestand=str(self.bestand),
                         kolom="basisteams", waarde=naam)


# --------------------------------------------------------------------------- validation


class _Lezer(yamlbestand.Lezer):
    """Walks the YAML tree, collecting every problem as a :class:`Fout`."""

    def __init__(self, bestand: Path, fouten=()):
        super().__init__(bestand, fouten)
        self.map = bestand.parent

    def pad_(self, waarde, pad: str, regel, *, map_mag: bool = True) -> Path | None:
        if not isinstance(waarde, str) or not waarde.strip():
            self.fout("verwacht een pad (tekst)", regel, pad, waarde, code=yamlbestand.VERKEERD_TYPE)
            return None
        p = (self.map / waarde.strip()).resolve()
        if not p.exists():
            bijna = difflib.get_close_matches(p.name, [q.name for q in p.parent.iterdir()], n=1) \
                if p.parent.is_dir() else []
            self.fout(f"bestand of map bestaat niet ({p})", regel, pad, waarde, code="pad-ontbreekt",
                      hint=f"bedoelde u '{bijna[0]}'?" if bijna else f"paden zijn relatief ten opzichte van {self.map}")
            return None
        if p.is_dir() and not map_mag:
            self.fout(f"verwacht een bestand, dit is een map ({p})", regel, pad, waarde, code="map-geen-bestand")
            return None
        return p

    def paden(self, m, sleutel: str, pad: str) -> tuple[Path, ...] | None:
        if sleutel not in m:
            return None
        waarde = m[sleutel]
        regel = self.regel(m, sleutel)
        if isinstance(waarde, str):
            waarde = [waarde]
        if not isinstance(waarde, list) or not waarde:
            self.fout("verwacht een lijst met mappen of bestanden", regel, _pad(pad, sleutel), waarde)
            return None
        uit = [self.pad_(w, f"{_pad(pad, sleutel)}[{i}]", self.regel(waarde, i) or regel)
               for i, w in enumerate(waarde)]
        return tuple(p for p in uit if p is not None)

    def rapport(self, m, pad: str) -> dict[str, Any]:
        """Notebook parameters, checked against the notebook's declared parameters and types."""
        from ..rapport.runner import PARAMETERS

        opties = self.map_(m, "rapport", pad)
        if opties is None:
            return {}
        uit = {}
        for naam, waarde in opties.items():
            plek = _pad(pad, f"rapport.{naam}")
            regel = self.regel(opties, naam)
            if naam in PER_GEMEENTE:
                self.fout(f"'{naam}' hoort bij elke gemeente apart, niet bij de rapportopties", regel, plek, waarde,
                          code="per-gemeente", hint=f"zet het als '{PER_GEMEENTE[naam]}' bij de gemeente")
            elif naam not in PARAMETERS:
                toegestaan = [p for p in PARAMETERS if p not in PER_GEMEENTE]
                bijna = difflib.get_close_matches(str(naam), toegestaan, n=1)
                self.fout("onbekende notebookparameter", regel, plek, waarde, code=yamlbestand.ONBEKENDE_SLEUTEL,
                          hint=f"bedoelde u '{bijna[0]}'?" if bijna else f"toegestaan: {', '.join(toegestaan)}")
            elif not isinstance(waarde, PARAMETERS[naam]) or isinstance(waarde, bool):
                verwacht = " of ".join(_TYPENAMEN.get(t, t.__name__) for t in PARAMETERS[naam])
                self.fout(f"verkeerd type: verwacht {verwacht}", regel, plek, waarde, code=yamlbestand.VERKEERD_TYPE,
                          hint="zet een getal niet tussen aanhalingstekens" if int in PARAMETERS[naam] else None)
            else:
                uit[naam] = waarde
        return uit

    def opties(self, m, pad: str, standaard: dict) -> dict:
        """data, rapport, timeout and notebook, falling back on ``standaard``."""
        uit = dict(standaard)
        data = self.paden(m, "data", pad)
        if data is not None:
            uit["data"] = data
        if "rapport" in m:
            uit["parameters"] = {**standaard.get("parameters", {}), **self.rapport(m, pad)}
        timeout = self.geheel(m, "timeout", pad, minimaal=1)
        if timeout is not None:
            uit["timeout"] = timeout
        if m.get("notebook") is not None:
            nb = self.pad_(m["notebook"], _pad(pad, "notebook"), self.regel(m, "notebook"), map_mag=False)
            if nb is not None:
                uit["notebook"] = nb
        return uit

    def gemeente(self, item, pad: str, regel, data: tuple[Path, ...] | None) -> GemeenteInstelling | None:
        from .. import register

        if isinstance(item, dict):
            self.sleutels(item, _SLEUTELS_GEMEENTE, pad)
            code = item.get("code")
            regel = self.regel(item, "code")
            plek = _pad(pad, "code")
        else:
            code, plek = item, pad
        if not isinstance(code, str):
            self.fout("gemeentecode ontbreekt of is geen tekst", regel, plek, code, code=yamlbestand.VERKEERD_TYPE,
                      hint="schrijf bijv. GM0158")
            return None
        code = code.strip()
        if not GEMEENTE.match(code):
            self.fout("gemeentecode moet de vorm GMxxxx hebben", regel, plek, code, code="geen-gemeentecode",
                      hint="bijv. GM0158")
            return None
        if not register.bekend(code):
            self.fout("onbekende gemeente: code staat niet in het gemeenteregister", regel, plek, code,
                      code="onbekende-gemeente", hint="gebruik de CBS-gemeentecode van een huidige gemeente")
            return None
        if not register.huidig(code):
            nu = register.opvolger_nu(code)
            hint = f"gebruik {nu} ({register.naam(nu)})" if nu else "gesplitst over meerdere gemeenten"
            self.fout("gemeente bestaat niet meer", regel, plek, code, code="opgeheven-gemeente", hint=hint)
            return None
        naam = drieslag = None
        eigen_data = None
        if isinstance(item, dict):
            naam = self.tekst(item, "naam", pad)
            eigen_data = self.paden(item, "data", pad)
            if item.get("drieslag") is not None:
                drieslag = self.pad_(item["drieslag"], _pad(pad, "drieslag"), self.regel(item, "drieslag"),
                                     map_mag=False)
        data = eigen_data if eigen_data is not None else data
        if not data:
            self.fout("geen data", regel, _pad(pad, "data"), code, code="geen-data",
                      hint="geef 'data' op bij de gemeente, het basisteam of onder 'standaard'")
            return None
        return GemeenteInstelling(code, naam, tuple(data), drieslag)

    def basisteam(self, m, pad: str, standaard: dict) -> Basisteam | None:
        self.sleutels(m, _SLEUTELS_BASISTEAM, pad)
        naam = self.tekst(m, "naam", pad, verplicht=True)
        soort = self.tekst(m, "soort", pad) or "basisteam"
        opties = self.opties(m, pad, standaard)
        uitvoer = None
        if m.get("uitvoer") is not None:
            if isinstance(m["uitvoer"], str) and m["uitvoer"].strip():
                uitvoer = (self.map / m["uitvoer"].strip()).resolve()
            else:
                self.verwacht("een pad (tekst)", m, "uitvoer", pad, m["uitvoer"])
        lijst = m.get("gemeenten")
        if not isinstance(lijst, list) or not lijst:
            self.fout("verwacht een lijst met minstens één gemeente", self.regel(m, "gemeenten"),
                      _pad(pad, "gemeenten"), lijst, code=yamlbestand.VERPLICHT, hint="gemeenten: [GM0158, GM0164]")
            return None
        gemeenten, gezien = [], {}
        for i, item in enumerate(lijst):
            plek = _pad(pad, f"gemeenten[{i}]")
            g = self.gemeente(item, plek, self.regel(lijst, i), opties.get("data"))
            if g is None:
                continue
            if g.code in gezien:
                self.fout(f"dubbele gemeente (ook op regel {gezien[g.code]})", self.regel(lijst, i), plek, g.code,
                          code="dubbel", hint="verwijder de tweede")
                continue
            gezien[g.code] = self.regel(lijst, i)
            gemeenten.append(g)
        parameters = opties.get("parameters", {})
        van, tot = parameters.get("jaar_van"), parameters.get("jaar_tot")
        if isinstance(van, int) and isinstance(tot, int) and van > tot:
            plek = _pad(pad, "rapport.jaar_van") if "rapport" in m else "standaard.rapport.jaar_van"
            self.fout(f"jaar_van ligt na jaar_tot ({tot}): geen enkel jaar over", self.regel(m, "rapport"), plek, van,
                      code="jaren-omgekeerd", hint=f"kies jaar_van hoogstens {tot}")
        minimaal = self.geheel(m, "bovenlokaal_minimaal", pad, minimaal=1)
        if minimaal is not None and minimaal > len(lijst):
            self.fout(f"groter dan het aantal gemeenten ({len(lijst)})", self.regel(m, "bovenlokaal_minimaal"),
                      _pad(pad, "bovenlokaal_minimaal"), minimaal, code="te-groot", hint=f"hoogstens {len(lijst)}")
        if naam is None:
            return None
        return Basisteam(naam=naam, gemeenten=tuple(gemeenten), soort=soort, uitvoer=uitvoer,
                         parameters=dict(opties.get("parameters", {})),
                         timeout=opties.get("timeout", STANDAARD_TIMEOUT), notebook=opties.get("notebook"),
                         bovenlokaal_minimaal=minimaal)


def _pad(plek: str, sleutel: str) -> str:
    return f"{plek}.{sleutel}" if plek else sleutel


def laad(pad: str | Path) -> Configuratie:
    """Read and validate a batch configuration file.

    Parameters
    ----------
    pad
        The YAML file. Paths inside it are relative to its folder.

    Returns
    -------
    Configuratie

    Raises
    ------
    ConfigFout
        Every problem at once: missing file, YAML syntax, unknown keys, unknown or duplicate
        gemeenten, missing data or drieslag files, unknown notebook parameters or wrong types.
    """
    pad = Path(pad).resolve()
    ruw, fouten = yamlbestand.lees(pad, ConfigFout, wat="configuratiebestand")
    lezer = _Lezer(pad, fouten)
    if not isinstance(ruw, dict):
        lezer.fout("verwacht een mapping met 'basisteams'", getattr(ruw, "regel", 1), None, None,
                   code=yamlbestand.VERKEERD_TYPE, hint="zie het voorbeeld in docs/batch.md")
        raise ConfigFout(fouten=lezer.fouten)
    lezer.sleutels(ruw, _SLEUTELS_TOP, "")
    versie = ruw.get("versie", VERSIE)
    if versie != VERSIE:
        lezer.fout("onbekende versie", lezer.regel(ruw, "versie"), "versie", versie, code="onbekende-versie",
                   hint=f"deze ivpanalyse leest versie {VERSIE}")
    standaard_ruw = lezer.map_(ruw, "standaard", "")
    standaard = {}
    if standaard_ruw is not None:
        lezer.sleutels(standaard_ruw, _SLEUTELS_STANDAARD, "standaard")
        standaard = lezer.opties(standaard_ruw, "standaard", {})
    lijst = ruw.get("basisteams")
    basisteams: list[Basisteam] = []
    if not isinstance(lijst, list) or not lijst:
        lezer.fout("verwacht een lijst met minstens één basisteam", lezer.regel(ruw, "basisteams"), "basisteams",
                   lijst, code=yamlbestand.VERPLICHT, hint="zie het voorbeeld in docs/batch.md")
    else:
        namen: dict[str, int | None] = {}
        for i, item in enumerate(lijst):
            plek = f"basisteams[{i}]"
            m = lezer.map_(lijst, i, "basisteams")
            if m is None:
                if item is None:
                    lezer.fout("leeg basisteam", lezer.regel(lijst, i), plek, code=yamlbestand.VERPLICHT)
                continue
            b = lezer.basisteam(m, plek, standaard)
            if b is None:
                continue
            if b.naam.casefold() in namen:
                lezer.fout(f"dubbele naam (ook op regel {namen[b.naam.casefold()]})", lezer.regel(m, "naam"),
                           f"{plek}.naam", b.naam, code="dubbel", hint="geef elk basisteam een eigen naam")
                continue
            namen[b.naam.casefold()] = lezer.regel(m, "naam")
            basisteams.append(b)
    if lezer.fouten:
        raise ConfigFout(fouten=lezer.fouten)
    return Configuratie(pad, tuple(basisteams))


def voorbeeld(naam: str, gemeenten: list[tuple[str, str]], *, data: str = ".", soort: str = "basisteam",
              drieslag: dict[str, str] | None = None) -> str:
    """A documented configuration file for one basisteam (the demo ships one).

    ``gemeenten`` are (code, name) pairs; ``drieslag`` maps a code to its drieslag file (relative path).
    """
    drieslag = drieslag or {}
    regels = [
        "# Batchconfiguratie van ivpanalyse (zie docs/batch.md).",
        "# Paden zijn relatief ten opzichte van dit bestand.",
        f"versie: {VERSIE}",
        "standaard:                 # geldt voor elk basisteam hieronder, tenzij daar anders opgegeven",
        f"  data: [{_yaml(data)}]               # mappen of bestanden met brondata",
        f"  timeout: {STANDAARD_TIMEOUT}              # seconden per notebookcel",
        "basisteams:",
        f"  - naam: {_yaml(naam)}",
        f"    soort: {_yaml(soort)}",
        "    rapport:               # notebookparameters; een onbekende naam of verkeerd type is een fout",
        "      jaar_van: null",
        "      jaar_tot: null",
        "    # bovenlokaal_minimaal: 3   # gemeenten die een prioriteit delen; standaard een meerderheid",
        "    gemeenten:",
    ]
    for code, gm_naam in gemeenten:
        regels += [f"      - code: {code}", f"        naam: {_yaml(gm_naam)}"]
        if code in drieslag:
            regels.append(f"        drieslag: {_yaml(drieslag[code])}   # ingevulde drieslag van de werkgroep")
    return "\n".join(regels) + "\n"


def _yaml(tekst: str) -> str:
    """A scalar as YAML (quoted only when needed)."""
    return yaml.safe_dump(tekst, allow_unicode=True, default_style=None).removesuffix("\n...\n").strip()
