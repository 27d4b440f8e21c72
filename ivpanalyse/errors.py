"""One error hierarchy for ivpanalyse, with Dutch messages.

Every error carries *where* (bestand, regel or cel, kolom) and *what* (waarde, reden), builds its
message in ``__str__`` and survives pickling, so a parallel batch can carry it across processes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Fout:
    """One finding: a place in an input and what is wrong there."""

    reden: str
    bestand: str | None = None
    regel: int | str | None = None  # line number, or a cell such as "Blad1!C7"
    kolom: str | None = None
    waarde: object = None

    def tekst(self) -> str:
        plaats = []
        if self.bestand:
            plaats.append(f"bestand {self.bestand}")
        if self.regel is not None:
            label = "cel" if isinstance(self.regel, str) else "regel"
            plaats.append(f"{label} {self.regel}")
        if self.kolom:
            plaats.append(f"kolom '{self.kolom}'")
        if self.waarde is not None:
            plaats.append(f"waarde {self.waarde!r}")
        kop = ", ".join(plaats)
        return f"{kop}: {self.reden}" if kop else self.reden


class IvpFout(Exception):
    """Base class. ``fouten`` holds one or more :class:`Fout` findings."""

    soort = "Fout"

    def __init__(self, reden: str | None = None, *, bestand=None, regel=None, kolom=None,
                 waarde=None, fouten: list[Fout] | None = None):
        self.fouten: list[Fout] = list(fouten or [])
        if reden is not None:
            self.fouten.insert(0, Fout(reden, bestand, regel, kolom, waarde))
        super().__init__(reden)

    # Attributes of the first finding, for callers that want one place.
    def __getattr__(self, naam):
        if naam in {"reden", "bestand", "regel", "kolom", "waarde"} and self.__dict__.get("fouten"):
            return getattr(self.fouten[0], naam)
        raise AttributeError(naam)

    def __reduce__(self):
        return (_herstel, (type(self), self.fouten))

    def __str__(self) -> str:
        if not self.fouten:
            return self.soort
        if len(self.fouten) == 1:
            return f"{self.soort}: {self.fouten[0].tekst()}"
        maximaal = 20
        regels = [f"{self.soort}: {len(self.fouten)} problemen gevonden:"]
        regels += [f"  - {f.tekst()}" for f in self.fouten[:maximaal]]
        if len(self.fouten) > maximaal:
            regels.append(f"  ... en nog {len(self.fouten) - maximaal} andere")
        return "\n".join(regels)


def _herstel(cls, fouten):
    return cls(fouten=fouten)


class InleesFout(IvpFout):
    """A raw source file cannot be read or fails validation."""

    soort = "Inleesfout"


class TaxonomieFout(IvpFout):
    """Unknown veld, thema or aspect, or broken package data."""

    soort = "Taxonomiefout"


class KoppelFout(IvpFout):
    """Mapping of source categories onto thema's fails."""

    soort = "Koppelfout"


class IndicatorFout(IvpFout):
    """Indicators cannot be computed from the figures given."""

    soort = "Indicatorfout"


class InvoerFout(IvpFout):
    """The analyst's drieslag input (spreadsheet/YAML) is invalid."""

    soort = "Invoerfout"


class ConfigFout(IvpFout):
    """Invalid parameters or batch configuration."""

    soort = "Configuratiefout"


class RapportFout(IvpFout):
    """Executing or rendering a report failed."""

    soort = "Rapportfout"
