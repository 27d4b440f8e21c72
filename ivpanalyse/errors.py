"""One error hierarchy for ivpanalyse, with Dutch messages.

Every error carries *where* (bestand, regel or cel, kolom) and *what* (waarde, reden, a reason code
and where useful a hint), builds its message in ``__str__`` and survives pickling with all its
attributes, so a parallel batch can carry it across processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "ConfigFout",
    "Fout",
    "IndicatorFout",
    "InleesFout",
    "InvoerFout",
    "IvpFout",
    "KoppelFout",
    "RapportFout",
    "TaxonomieFout",
    "UitvoerFout",
]


@dataclass
class Fout:
    """One finding: a place in an input and what is wrong there.

    Attributes
    ----------
    reden : str
        What is wrong, in Dutch.
    bestand : str, optional
        The file.
    regel : int or str, optional
        A line number, or a cell such as ``"Blad1!C7"``.
    kolom : str, optional
        A column, or in a YAML file the key path (``basisteams[0].gemeenten[1].code``).
    waarde : object, optional
        The offending value.
    code : str, optional
        A stable reason code for programs (``"dubbele-sleutel"``, ``"onbekende-sleutel"``, ...);
        the message is for people and may change.
    hint : str, optional
        What to do about it (``"bedoelde u 'naam'?"``); shown after the reason.
    """

    reden: str
    bestand: str | None = None
    regel: int | str | None = None
    kolom: str | None = None
    waarde: object = None
    code: str | None = None
    hint: str | None = None

    def tekst(self) -> str:
        """The finding as one Dutch line: place, value, reason and hint."""
        plaats = []
        if self.bestand:
            plaats.append(f"bestand {self.bestand}")
        if self.regel is not None:
            label = "cel" if isinstance(self.regel, str) else "regel"
            plaats.append(f"{label} {self.regel}")
        if self.kolom:
            plaats.append(f"kolom '{self.kolom}'")
        if self.waarde is not None:
            waarde = repr(self.waarde)
            if len(waarde) > 120:  # a long value (a whole line, a YAML bomb) is shortened, never printed whole
                waarde = f"{waarde[:100]}… ({len(str(self.waarde))} tekens)"
            plaats.append(f"waarde {waarde}")
        kop = ", ".join(plaats)
        reden = f"{self.reden}; {self.hint}" if self.hint else self.reden
        return f"{kop}: {reden}" if kop else reden


class IvpFout(Exception):
    """Base class. ``fouten`` holds one or more :class:`Fout` findings.

    The attributes of the first finding (``reden``, ``bestand``, ``regel``, ``kolom``, ``waarde``,
    ``code``, ``hint``) are readable on the error itself.
    """

    soort = "Fout"

    def __init__(self, reden: str | None = None, *, bestand=None, regel=None, kolom=None,
                 waarde=None, code: str | None = None, hint: str | None = None,
                 fouten: list[Fout] | None = None):
        self.fouten: list[Fout] = list(fouten or [])
        if reden is not None:
            self.fouten.insert(0, Fout(reden, bestand, regel, kolom, waarde, code, hint))
        super().__init__(reden)

    # Attributes of the first finding, for callers that want one place.
    def __getattr__(self, naam):
        if naam in {"reden", "bestand", "regel", "kolom", "waarde", "code", "hint"} and self.__dict__.get("fouten"):
            return getattr(self.fouten[0], naam)
        raise AttributeError(naam)

    def __reduce__(self):
        # Rebuild from the findings, then restore every other attribute (subclasses add some).
        return (_herstel, (type(self), self.fouten), dict(self.__dict__))

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
    fout = cls.__new__(cls)
    IvpFout.__init__(fout, fouten=fouten)
    return fout


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


class UitvoerFout(IvpFout):
    """An output cannot or may not be written (raw data, an input, an existing file, no access)."""

    soort = "Uitvoerfout"


class RapportFout(IvpFout):
    """Executing or rendering a report failed.

    When a notebook cell failed, the error says where and why as attributes (after papermill's
    ``PapermillExecutionError``), and the message is built from them.

    Attributes
    ----------
    notebook : str or None
        The executed notebook with the error beside the output (``<GMxxxx>.mislukt.ipynb``).
    cel : int or None
        Execution count of the failing cell.
    ename, evalue : str or None
        Name and value of the exception raised in the cell (e.g. ``"InleesFout"`` and its message).
    """

    soort = "Rapportfout"

    def __init__(self, reden: str | None = None, *, notebook: str | None = None, cel: int | None = None,
                 ename: str | None = None, evalue: str | None = None, **plaats: Any):
        self.notebook = str(notebook) if notebook is not None else None
        self.cel = cel
        self.ename = ename
        self.evalue = evalue
        if reden is None and ename is not None:
            reden = self._uit_cel()
        super().__init__(reden, **plaats)

    @property
    def oorzaak(self) -> str:
        """The cause in one line, without the kind of error and the path of the failed notebook."""
        tekst = self.fouten[0].reden if len(self.fouten) == 1 else IvpFout.__str__(self)
        return " ".join(tekst.split())

    def _uit_cel(self) -> str:
        # An IvpFout's message already names its kind; other exceptions need their name.
        wat = self.evalue if self.ename.endswith("Fout") else f"{self.ename}: {self.evalue}"
        waar = f"notebook mislukt in cel {self.cel}" if self.cel is not None else "notebook mislukt"
        return f"{waar}: {wat}"

    @property
    def invoerfout(self) -> bool:
        """Did the cell stop on an :class:`IvpFout` (bad data or input)?

        Such a failure is *blijvend*: it comes back with the same input, so a batch need not run an
        unchanged gemeente again. Anything else (a bug, a time-out, a dead kernel) may pass on a new try.
        """
        namen, nieuw = set(), [IvpFout]
        while nieuw:
            soort = nieuw.pop()
            namen.add(soort.__name__)
            nieuw += soort.__subclasses__()
        return self.ename in namen

    def __str__(self) -> str:
        tekst = super().__str__()
        if self.notebook:
            tekst += f". Het uitgevoerde notebook met de fout staat in {self.notebook}"
        return tekst
