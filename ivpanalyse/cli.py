"""Command-line tool ``ivpanalyse`` with Dutch sub-commands (click).

Each command gathers its arguments, makes one library call and maps an :class:`IvpFout` to its
Dutch message on stderr with exit code 2. Help, usage errors, defaults and type names are Dutch:
click's own messages go through ``gettext``, and :data:`VERTALING` gives each a Dutch text. The
library logs (``logging``); this module configures it (``-v``, ``-q``). Nothing imports this module.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import IvpFout

# --------------------------------------------------------------------------- click in Dutch

#: click's message ids (all versions from 8.1) and their Dutch text; placeholders stay the same.
VERTALING: dict[str, str] = {
    # core
    "Aborted!": "Afgebroken.",
    "Missing command.": "Geen opdracht gegeven.",
    "Options": "Opties",
    "Positional arguments": "Argumenten",
    "Commands": "Opdrachten",
    "deprecated": "verouderd",
    "required": "verplicht",
    "(dynamic)": "(berekend)",
    "env var: {var}": "omgevingsvariabele: {var}",
    "default: {default}": "standaard: {default}",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Value must be an iterable.": "De waarde moet een reeks zijn.",
    "Takes {nargs} values but 1 was given.": "Vraagt {nargs} waarden, maar er is er 1 gegeven.",
    "Takes {nargs} values but {len} were given.": "Vraagt {nargs} waarden, maar er zijn er {len} gegeven.",
    "(Deprecated) {text}": "(verouderd) {text}",
    "DeprecationWarning: The command {name!r} is deprecated.": "Let op: de opdracht {name!r} is verouderd.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Let op: de opdracht {name!r} is verouderd.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Let op: {param_type} {name!r} is verouderd.{extra_message}",
    "Could not determine name for option with declarations {decls!r}":
        "Kan geen naam bepalen voor de optie met declaraties {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you "
    "mean to pass '--{name}'?": "Geen opties gedefinieerd maar wel een naam ({name}). Bedoelde u een argument, "
    "of '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Een argument heeft precies één declaratie, gekregen {length}: {decls}.",
    "Name '{name}' defined twice": "Naam '{name}' twee keer gedefinieerd",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "Ja/nee-optie {decl!r} kan niet dezelfde vlag gebruiken voor ja en nee.",
    # decorators
    "Do you want to continue?": "Wilt u doorgaan?",
    "Confirm the action without prompting.": "Bevestig zonder te vragen.",
    "%(prog)s, version %(version)s": "%(prog)s %(version)s",
    "Show the version and exit.": "Toon de versie en stop.",
    "Show this message and exit.": "Toon deze hulp en stop.",
    # exceptions
    "Did you mean {possibility}?": "Bedoelde u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelde u een van: {possibilities}?)",
    "(Possible options: {possibilities})": "(Mogelijke opties: {possibilities})",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende parameter",
    "Missing parameter: {param_name}": "Ontbrekende parameter: {param_name}",
    "Missing {param_type}": "Ontbrekend: {param_type}",
    "unknown error": "onbekende fout",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Could not open file {filename!r}: {message}": "Kan bestand {filename!r} niet openen: {message}",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "No such option: {name}": "Onbekende optie: {name}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    # formatting
    "Usage:": "Gebruik:",
    # parser
    "Invalid start character for option ({option})": "Ongeldig beginteken voor een optie ({option})",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Option {name!r} requires an argument.": "Optie {name!r} vraagt een waarde.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} vraagt {nargs} waarden.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} vraagt {nargs} waarden.",
    # types
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "File": "Bestand",
    "Directory": "Map",
    "Path": "Pad",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "Choice({choices})": "Keuze({choices})",
    "{value!r} is not {choice}.": "{value!r} kan niet; kies {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} kan niet; kies uit {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} past niet bij de vorm {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} past niet bij de vormen {formats}.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{value!r} is not a valid boolean.": "{value!r} is geen ja/nee-waarde.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} is geen ja/nee-waarde. Herkend: {states}",
    "{len_type} values are required, but {len_value} was given.":
        "Er zijn {len_type} waarden nodig, maar er is er {len_value} gegeven.",
    "{len_type} values are required, but {len_value} were given.":
        "Er zijn {len_type} waarden nodig, maar er zijn er {len_value} gegeven.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig getal.",
    "{value!r} is not a valid UUID.": "{value!r} is geen geldige UUID.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} '{filename}' is a directory.": "{name} '{filename}' is een map.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} is niet uitvoerbaar.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    # termui, utils, editing, Windows, shell completion (not used here, translated for completeness)
    "Press any key to continue...": "Druk op een toets om door te gaan...",
    "Repeat for confirmation": "Herhaal ter bevestiging",
    "Error: The two entered values do not match.": "Fout: de twee ingevoerde waarden verschillen.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "Error: The value you entered was invalid.": "Fout: de ingevoerde waarde is ongeldig.",
    "Error: {e.message}": "Fout: {e.message}",
    "Unknown color {colour!r}": "Onbekende kleur {colour!r}",
    "Unknown standard stream '{name}'": "Onbekende standaardstroom '{name}'",
    "{editor}: Editing failed": "{editor}: bewerken mislukt",
    "{editor}: Editing failed: {e}": "{editor}: bewerken mislukt: {e}",
    "Windows error: {error}": "Windows-fout: {error}",
    "Couldn't detect Bash version, shell completion is not supported.":
        "Bash-versie onbekend; aanvullen in de shell wordt niet ondersteund.",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Aanvullen in de shell vraagt Bash 4.4 of nieuwer.",
}


def _gettext(bericht: str) -> str:
    return VERTALING.get(bericht, bericht)


def _ngettext(enkelvoud: str, meervoud: str, n: int) -> str:
    return _gettext(enkelvoud if n == 1 else meervoud)


def _nederlands() -> None:
    """Give click's modules the Dutch texts (they look up ``_``/``ngettext`` at call time)."""
    import importlib

    for naam in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils",
                 "_termui_impl", "shell_completion"):
        try:
            module = importlib.import_module(f"click.{naam}")
        except ImportError:  # pragma: no cover - a module of another click version
            continue
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext


_nederlands()

#: Options that take several values after one flag (``--data A B``) as well as repeated.
MEERDERE = {"--data"}


class _Opdracht(click.Command):
    """A command with Dutch usage line and options that take several values (:data:`MEERDERE`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx, args):
        # '--data A B C' becomes '--data A --data B --data C': click options take one value each.
        eigen = {o for p in self.params if getattr(p, "multiple", False) for o in p.opts} & MEERDERE
        uit, actief = [], None
        for i, arg in enumerate(args):
            if arg == "--":
                uit += args[i:]
                break
            if arg.startswith("-"):
                actief = arg if arg in eigen else None
                uit.append(arg)
            elif actief and uit and uit[-1] != actief:
                uit += [actief, arg]
            else:
                uit.append(arg)
        return super().parse_args(ctx, uit)


class _Groep(click.Group):
    command_class = _Opdracht

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "[OPDRACHT] [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)


class _Geheel(click.ParamType):
    """A whole number with a Dutch type name and message."""

    name = "geheel getal"

    def __init__(self, minimaal: int | None = None):
        self.minimaal = minimaal

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            getal = value
        else:
            try:
                getal = int(str(value).strip())
            except ValueError:
                self.fail(f"{value!r} is geen geheel getal", param, ctx)
        if self.minimaal is not None and getal < self.minimaal:
            self.fail(f"{getal} is kleiner dan {self.minimaal}", param, ctx)
        return getal


PAD = click.Path(path_type=Path)
JAAR = _Geheel()


def _optie(*namen, **kwargs):
    """``click.option`` with a Dutch metavar and the default shown in Dutch words."""
    kwargs.setdefault("show_default", "default" in kwargs and kwargs["default"] not in (None, False, ()))
    return click.option(*namen, **kwargs)


def _meld_fouten(functie):
    """Run a command; an IvpFout becomes one Dutch message and exit code 2, a bug exit code 3; never a traceback."""

    @functools.wraps(functie)
    def omhulsel(*args, **kwargs):
        try:
            return functie(*args, **kwargs)
        except IvpFout as fout:
            click.echo(str(fout), err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("Afgebroken.", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as fout:  # noqa: BLE001 - a bug must still reach the user as one Dutch message
            logging.getLogger("ivpanalyse").debug("interne fout", exc_info=True)
            tekst = str(fout)
            tekst = tekst if len(tekst) <= 200 else tekst[:200] + " ..."
            click.echo(f"Interne fout in ivpanalyse ({type(fout).__name__}: {tekst}). Dit is een fout in het "
                       "programma, niet in uw invoer. Draai de opdracht opnieuw met -v "
                       "voor de details en meld ze.", err=True)
            sys.exit(3)

    return omhulsel


# --------------------------------------------------------------------------- logging


class _Opmaak(logging.Formatter):
    NIVEAUS = {"DEBUG": "debug", "INFO": "info", "WARNING": "waarschuwing", "ERROR": "fout", "CRITICAL": "fout"}

    def format(self, record):
        return f"{self.NIVEAUS.get(record.levelname, record.levelname.lower())}: {record.getMessage()}"


def _logboek(uitgebreid: int, stil: bool) -> None:
    """The library logs under ``ivpanalyse``; show its warnings, with ``-v`` also info, ``-vv`` debug.

    Python warnings of other libraries are shown only with ``-v``; ``-q`` shows errors only.
    """
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Opmaak())
    wortel = logging.getLogger()
    wortel.handlers[:] = [handler]
    wortel.setLevel(logging.ERROR if stil else logging.WARNING)
    niveau = logging.ERROR if stil else {0: logging.WARNING, 1: logging.INFO}.get(uitgebreid, logging.DEBUG)
    logging.getLogger("ivpanalyse").setLevel(niveau)
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").setLevel(logging.WARNING if uitgebreid and not stil else logging.ERROR)


# --------------------------------------------------------------------------- commands


@click.group(cls=_Groep, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--versie", prog_name="ivpanalyse", message="%(prog)s %(version)s",
                      help="Toon de versie en stop.")
@click.option("-v", "--uitgebreid", count=True, help="Meer meldingen (-vv: ook details voor ontwikkelaars).")
@click.option("-q", "--stil", is_flag=True, help="Alleen fouten melden.")
@click.pass_context
def app(ctx: click.Context, uitgebreid: int, stil: bool):
    """Veiligheidsanalyse (stap 2 van Kernbeleid Veiligheid) voor het integraal veiligheidsplan.

    Zonder opdracht: de demo (rapporten voor de fictieve demogemeenten).
    """
    _logboek(uitgebreid, stil)
    ctx.obj = {"stil": stil}
    if ctx.invoked_subcommand is None:
        ctx.invoke(demo, uitvoer=Path("reports") / "demo", data=Path("data") / "raw" / "demo")


def _melding(tekst: str) -> None:
    """A progress message on stderr, left out with ``-q``."""
    ctx = click.get_current_context(silent=True)
    if not (ctx and (ctx.find_root().obj or {}).get("stil")):
        click.echo(tekst, err=True)


@app.command()
@_optie("-o", "--uitvoer", type=PAD, metavar="MAP", default=Path("reports") / "demo", help="Map voor de rapporten.")
@_optie("--data", type=PAD, metavar="MAP", default=Path("data") / "raw" / "demo", help="Map voor de demodata.")
@_meld_fouten
def demo(uitvoer: Path, data: Path):
    """Maak de demodata en een rapport per demogemeente, met een index."""
    from . import api

    index = api.demo(uitvoer=uitvoer, data=data, voortgang=not _stil())
    click.echo(f"Rapporten klaar. Open: {index.resolve()}")


def _stil() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and (ctx.find_root().obj or {}).get("stil"))


@app.command()
@click.argument("bestanden", nargs=-1, required=True, type=PAD, metavar="BESTAND...")
@_optie("-o", "--uitvoer", type=PAD, metavar="CSV", help="CSV met de canonieke cijfertabel (standaard: "
        "naar het scherm).")
@_meld_fouten
def inlezen(bestanden: tuple[Path, ...], uitvoer: Path | None):
    """Lees bronbestanden of mappen in en schrijf de canonieke cijfertabel (CSV)."""
    from . import api
    from .opmaak import getal

    tabel = api.inlezen(bestanden, uit=uitvoer)
    if uitvoer is None:
        tabel.to_csv(sys.stdout, index=False)
    else:
        _melding(f"{getal(len(tabel))} cijfers geschreven naar {uitvoer}")


@app.command()
@click.argument("tabel", metavar="TABEL")
@_optie("--gemeente", multiple=True, required=True, metavar="GMxxxx",
        help="Gemeentecode; meerdere keren mag.")
@_optie("-o", "--uitvoer", type=PAD, metavar="MAP", default=Path("data") / "raw", help="Map voor de ruwe download.")
@_meld_fouten
def download(tabel: str, gemeente: tuple[str, ...], uitvoer: Path):
    """Download een CBS-tabel naar een map, met tabelnummer en publicatiedatum.

    TABEL is het tabelnummer van CBS of de politie, bijvoorbeeld 47018NED.
    """
    from .bronnen import download as _download

    map_ = _download.download(tabel, list(gemeente), uitvoer)
    click.echo(f"Gedownload naar {map_}")


@app.command()
@_optie("--json", "als_json", is_flag=True, help="Uitvoer als JSON.")
@_meld_fouten
def taxonomie(als_json: bool):
    """Toon de veiligheidsvelden, thema's en aspecten van Kernbeleid Veiligheid."""
    from . import taxonomie as tax

    if als_json:
        click.echo(json.dumps(tax.als_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(tax.als_tekst())


_GEMEENTE = _optie("--gemeente", required=True, metavar="GMxxxx", help="Gemeentecode, bijv. GM0158.")
_VAN = _optie("--van", "jaar_van", type=JAAR, metavar="JAAR", help="Eerste jaar (standaard: het eerste in de data).")
_TOT = _optie("--tot", "jaar_tot", type=JAAR, metavar="JAAR", help="Laatste jaar (standaard: het laatste in de data).")
_BASISTEAM = _optie("--basisteam", metavar="CODES", help="Gemeentecodes van het basisteam, gescheiden door "
                    "komma's (bij indicatoren met --config: de naam van het basisteam).")
_VERGELIJKBAAR = _optie("--vergelijkbaar", metavar="CODES", help="Eigen vergelijkingsgemeenten (codes, komma's; "
                        "standaard berekend).")
_OVERSCHRIJF = _optie("--overschrijf", is_flag=True, help="Een bestaand bestand vervangen.")
_KOPPELING = _optie("--koppeling", type=PAD, metavar="CSV", help="Eigen koppelbestand van de gemeente.")


def _data(verplicht: bool, hulp: str):
    return _optie("--data", type=PAD, multiple=True, required=verplicht, metavar="PAD...", help=hulp)


@app.command()
@_GEMEENTE
@_data(True, "Bronbestanden of mappen: meerdere na één --data, of --data herhalen.")
@_optie("-o", "--uitvoer", type=PAD, metavar="MAP", default=Path("reports"), help="Map voor het rapport.")
@_optie("--invoer", type=PAD, metavar="BESTAND", help="Ingevulde drieslag van de werkgroep (.xlsx of .yaml uit "
        "'ivpanalyse sjabloon').")
@_VAN
@_TOT
@_optie("--formaat", type=click.Choice(["html", "docx"]), default="html", metavar="html|docx",
        help="HTML-rapport of Word-document.")
@_optie("--deel", type=click.Choice(["rapport", "samenvatting"]), default="rapport", metavar="rapport|samenvatting",
        help="Met --formaat docx: het hele rapport of alleen de samenvatting (hoofdstuk 1 van het IVP).")
@_optie("--zonder-opmerkingen", is_flag=True, help="Versie voor het college: zonder de open vragen en "
        "opmerkingen van partners.")
@_BASISTEAM
@_VERGELIJKBAAR
@_KOPPELING
@_meld_fouten
def rapport(gemeente: str, data: tuple[Path, ...], uitvoer: Path, invoer: Path | None, jaar_van: int | None,
            jaar_tot: int | None, formaat: str, deel: str, zonder_opmerkingen: bool, basisteam: str | None,
            vergelijkbaar: str | None, koppeling: Path | None):
    """Maak de veiligheidsanalyserapportage (HTML of Word) voor één gemeente.

    Gemeente, paden, periode en drieslag worden gecontroleerd voordat het notebook start.
    """
    from . import api

    # The benchmarks the analyst names go to the API only when given.
    benchmarks = {k: v for k, v in {"basisteam": basisteam, "vergelijkbaar": vergelijkbaar,
                                    "koppeling_eigen": koppeling}.items() if v is not None}
    pad = api.rapport(gemeente=gemeente, data=list(data), uitvoer=uitvoer, invoer=invoer, jaar_van=jaar_van,
                      jaar_tot=jaar_tot, formaat=formaat, deel=deel, opmerkingen=not zonder_opmerkingen,
                      **benchmarks)
    click.echo(f"Rapport: {pad.resolve()}")


@app.command()
@_GEMEENTE
@_optie("-o", "--uitvoer", type=PAD, metavar="BESTAND", help="Invulbestand: .xlsx (Excel) of .yaml "
        "(standaard: drieslag_<code>.xlsx).")
@_data(False, "Brondata: vult de conceptduiding en de voorgestelde prioriteiten vooraf in.")
@_optie("--vorige", type=PAD, metavar="BESTAND", help="Invulbestand van de vorige ronde: alleen tekst van de "
        "werkgroep gaat mee (met de cijfers waarop zij geschreven is); concepten worden opnieuw gemaakt.")
@_VAN
@_TOT
@_OVERSCHRIJF
@_meld_fouten
def sjabloon(gemeente: str, uitvoer: Path | None, data: tuple[Path, ...], vorige: Path | None,
             jaar_van: int | None, jaar_tot: int | None, overschrijf: bool):
    """Schrijf het invulsjabloon voor de drieslag (problematiek, aanpak, extra, prioriteit)."""
    from . import api

    doel = uitvoer or Path(f"drieslag_{gemeente}.xlsx")
    pad = api.sjabloon(gemeente, doel, data=list(data) or None, vorige=vorige, jaar_van=jaar_van,
                       jaar_tot=jaar_tot, overschrijf=overschrijf)
    click.echo(f"Sjabloon: {pad.resolve()}")
    if not data:
        _melding("Zonder --data is het sjabloon niet vooraf ingevuld.")


@app.command("sjabloon-bron")
@click.argument("soort", metavar="SOORT")
@_optie("-o", "--uitvoer", type=PAD, metavar="BESTAND", help="Invulbestand (.xlsx; standaard "
        "sjabloon_<soort>.xlsx).")
@_optie("--gemeente", metavar="GMxxxx", help="Standaardgemeente voor regels zonder gemeente.")
@_OVERSCHRIJF
@_meld_fouten
def sjabloon_bron(soort: str, uitvoer: Path | None, gemeente: str | None, overschrijf: bool):
    """Schrijf een invulsjabloon (Excel) voor cijfers van een partner.

    SOORT is brandweer, verkeersongevallen, halt, meldingen-openbare-ruimte, politie-incidenten, gir
    of veilig-thuis. Het sjabloon heeft een toelichting, controles en de thema's van elke indicator.
    """
    from . import api

    doel = uitvoer or Path(f"sjabloon_{soort.strip().lower().replace(' ', '-')}.xlsx")
    pad = api.sjabloon_bron(soort, doel, gemeente=gemeente, overschrijf=overschrijf)
    click.echo(f"Sjabloon: {pad.resolve()}")


@app.command()
@_GEMEENTE
@_data(True, "Bronbestanden of mappen: meerdere na één --data, of --data herhalen.")
@_optie("-o", "--uitvoer", type=PAD, required=True, metavar="CSV", help="CSV met alle cijfers, met bronbestand, "
        "tabel en periode.")
@_BASISTEAM
@_optie("--config", type=PAD, metavar="YAML", help="Batchconfiguratie met basisteams (docs/batch.md).")
@_VERGELIJKBAAR
@_KOPPELING
@_optie("--dekking", type=PAD, metavar="CSV", help="CSV met de dekking van de koppeling (standaard naast "
        "--uitvoer).")
@_VAN
@_TOT
@_meld_fouten
def indicatoren(gemeente: str, data: tuple[Path, ...], uitvoer: Path, basisteam: str | None, config: Path | None,
                vergelijkbaar: str | None, koppeling: Path | None, dekking: Path | None, jaar_van: int | None,
                jaar_tot: int | None):
    """Indicatoren per thema: cijfers per 1.000, benchmarks, signalen, prioriteiten, wijken (CSV)."""
    from . import api

    a = api.schrijf_indicatoren(gemeente, list(data), uitvoer, basisteam=basisteam, config=config,
                                vergelijkbaar=vergelijkbaar, koppeling_eigen=koppeling, dekking=dekking,
                                jaar_van=jaar_van, jaar_tot=jaar_tot)
    telling = a.indicatoren.dekking["status"].value_counts()
    _melding(f"Indicatoren geschreven naar {uitvoer}. Koppeling: {telling.get('toegewezen', 0)} categorieën "
             f"toegewezen, {telling.get('niet toegewezen', 0)} bewust niet, "
             f"{telling.get('onbekend in koppeling', 0)} onbekend (zie de dekkingstabel).")


@app.command()
@_optie("--config", type=PAD, required=True, metavar="YAML", help="Batchconfiguratie met basisteams en hun "
        "gemeenten (docs/batch.md).")
@_optie("--basisteam", metavar="NAAM", help="Naam van het basisteam in de configuratie (standaard: het enige).")
@_optie("-j", "--processen", type=_Geheel(minimaal=1), metavar="N", help="Processen naast elkaar (standaard: "
        "het aantal kernen).")
@_optie("--force", is_flag=True, help="Alles opnieuw maken, ook wat niet veranderd is.")
@_optie("-o", "--uitvoer", type=PAD, metavar="MAP", help="Map voor rapporten en index (standaard: uit de "
        "configuratie).")
@_optie("--dask", metavar="ADRES", help="Adres van een Dask-scheduler, bijv. tcp://host:8786 (vraagt "
        "'ivpanalyse[dask]').")
@_meld_fouten
def batch(config: Path, basisteam: str | None, processen: int | None, force: bool, uitvoer: Path | None,
          dask: str | None):
    """Rapporten voor alle gemeenten van een basisteam, met index en vergelijking (stap 3a).

    Exitcode 0: alles gelukt; 1: minstens één gemeente mislukt (de rest is wel gemaakt);
    2: fout in configuratie of parameters (er is niets gestart).
    """
    from . import api

    samenvatting = api.batch(config, basisteam, uitvoer=uitvoer, jobs=processen, force=force, dask=dask,
                             voortgang=not _stil())
    click.echo(samenvatting.tekst())
    if samenvatting.mislukt:
        sys.exit(1)


def main() -> None:
    """Entry point of the ``ivpanalyse`` script."""
    app(prog_name="ivpanalyse")
