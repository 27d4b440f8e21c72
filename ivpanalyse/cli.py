"""Command-line tool ``ivpanalyse`` with Dutch sub-commands.

Each command gathers its arguments, makes one library call and maps an :class:`IvpFout` to its
Dutch message on stderr with exit code 2. Nothing imports this module.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .errors import IvpFout
from .opmaak import getal

app = typer.Typer(
    help="Veiligheidsanalyse (stap 2 van Kernbeleid Veiligheid) voor het integraal veiligheidsplan.",
    no_args_is_help=False, invoke_without_command=True, add_completion=False,
    pretty_exceptions_enable=False,
)


def _meld_fouten(functie):
    """Run a command; an IvpFout becomes one Dutch message and exit code 2, never a traceback."""

    @functools.wraps(functie)
    def omhulsel(*args, **kwargs):
        try:
            return functie(*args, **kwargs)
        except IvpFout as fout:
            typer.echo(str(fout), err=True)
            raise typer.Exit(2)
        except KeyboardInterrupt:
            typer.echo("Afgebroken.", err=True)
            raise typer.Exit(130)

    return omhulsel


@app.callback()
def hoofd(ctx: typer.Context):
    """Zonder sub-commando: de demo (rapporten voor de fictieve demogemeenten)."""
    if ctx.invoked_subcommand is None:
        demo(uitvoer=Path("reports") / "demo", data=Path("data") / "raw" / "demo")


@app.command()
@_meld_fouten
def demo(
    uitvoer: Path = typer.Option(Path("reports") / "demo", "-o", "--uitvoer", help="Map voor de rapporten."),
    data: Path = typer.Option(Path("data") / "raw" / "demo", "--data", help="Map voor de demodata."),
):
    """Maak de demodata en een rapport per demogemeente, met een index."""
    from . import api

    index = api.demo(uitvoer=uitvoer, data=data)
    typer.echo(f"Rapporten klaar. Open: {index.resolve()}")


@app.command()
@_meld_fouten
def inlezen(
    bestanden: List[Path] = typer.Argument(..., help="Bronbestanden of mappen."),
    uit: Optional[Path] = typer.Option(None, "-o", "--uit", help="CSV met de canonieke cijfertabel."),
):
    """Lees bronbestanden in en schrijf de canonieke cijfertabel (CSV)."""
    from . import api

    tabel = api.inlezen(bestanden, uit=uit)
    if uit is None:
        tabel.to_csv(sys.stdout, index=False)
    else:
        typer.echo(f"{getal(len(tabel))} cijfers geschreven naar {uit}", err=True)


@app.command()
@_meld_fouten
def download(
    tabel: str = typer.Argument(..., help="CBS-tabelnummer, bijv. 47018NED."),
    gemeente: List[str] = typer.Option(..., "--gemeente", help="Gemeentecode (GMxxxx); meerdere keren mag."),
    doel: Path = typer.Option(Path("data") / "raw", "--doel", help="Map voor de ruwe download."),
):
    """Download een CBS-tabel (met cbsodata) naar data/raw/, met tabelnummer en publicatiedatum."""
    from .bronnen import download as _download

    map_ = _download.download(tabel, gemeente, doel)
    typer.echo(f"Gedownload naar {map_}")


@app.command()
@_meld_fouten
def taxonomie(als_json: bool = typer.Option(False, "--json", help="Uitvoer als JSON.")):
    """Toon de veiligheidsvelden, thema's en aspecten van Kernbeleid Veiligheid."""
    from . import taxonomie as tax

    if als_json:
        typer.echo(json.dumps(tax.als_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(tax.als_tekst())


@app.command()
@_meld_fouten
def rapport(
    gemeente: str = typer.Option(..., "--gemeente", help="Gemeentecode, bijv. GM0158."),
    data: List[Path] = typer.Option(..., "--data", help="Bronbestanden of mappen (meerdere keren)."),
    uitvoer: Path = typer.Option(Path("reports"), "-o", "--uitvoer", help="Map voor het rapport."),
    invoer: Optional[Path] = typer.Option(None, "--invoer", help="Ingevulde drieslag van de werkgroep "
                                          "(.xlsx of .yaml uit 'ivpanalyse sjabloon')."),
):
    """Maak de veiligheidsanalyserapportage (HTML) voor één gemeente."""
    from . import api

    pad = api.rapport(gemeente=gemeente, data=data, uitvoer=uitvoer, invoer=invoer)
    typer.echo(f"Rapport: {pad.resolve()}")


@app.command()
@_meld_fouten
def sjabloon(
    gemeente: str = typer.Option(..., "--gemeente", help="Gemeentecode, bijv. GM0158."),
    uitvoer: Optional[Path] = typer.Option(None, "-o", "--uitvoer",
                                           help="Invulbestand: .xlsx (Excel) of .yaml; standaard drieslag_<code>.xlsx."),
    data: Optional[List[Path]] = typer.Option(None, "--data", help="Brondata: vult de conceptduiding en de "
                                              "voorgestelde prioriteiten vooraf in (meerdere keren)."),
    vorige: Optional[Path] = typer.Option(None, "--vorige", help="Eerder ingevuld bestand: teksten worden "
                                          "overgenomen."),
    overschrijf: bool = typer.Option(False, "--overschrijf", help="Een bestaand bestand vervangen."),
):
    """Schrijf het invulsjabloon voor de drieslag (problematiek, aanpak, extra, prioriteit)."""
    from . import api

    doel = uitvoer or Path(f"drieslag_{gemeente}.xlsx")
    pad = api.sjabloon(gemeente, doel, data=data or None, vorige=vorige, overschrijf=overschrijf)
    typer.echo(f"Sjabloon: {pad.resolve()}")
    if not data:
        typer.echo("Zonder --data is het sjabloon niet vooraf ingevuld.", err=True)


@app.command("sjabloon-bron")
@_meld_fouten
def sjabloon_bron(
    soort: str = typer.Argument(..., help="brandweer, verkeersongevallen, halt, meldingen-openbare-ruimte, "
                                "politie-incidenten, gir of veilig-thuis."),
    uitvoer: Optional[Path] = typer.Option(None, "-o", "--uitvoer", help="Invulbestand (.xlsx); standaard "
                                           "sjabloon_<soort>.xlsx."),
    gemeente: Optional[str] = typer.Option(None, "--gemeente", help="Standaardgemeente (GMxxxx) voor regels zonder "
                                           "gemeente."),
    overschrijf: bool = typer.Option(False, "--overschrijf", help="Een bestaand bestand vervangen."),
):
    """Schrijf een invulsjabloon (Excel) voor cijfers van een partner, met toelichting, controles en thema's."""
    from . import api

    doel = uitvoer or Path(f"sjabloon_{soort.strip().lower().replace(' ', '-')}.xlsx")
    pad = api.sjabloon_bron(soort, doel, gemeente=gemeente, overschrijf=overschrijf)
    typer.echo(f"Sjabloon: {pad.resolve()}")


@app.command()
@_meld_fouten
def indicatoren(
    gemeente: str = typer.Option(..., "--gemeente", help="Gemeentecode, bijv. GM0158."),
    data: List[Path] = typer.Option(..., "--data", help="Bronbestanden of mappen (meerdere keren)."),
    uit: Path = typer.Option(..., "-o", "--uit", help="CSV met alle cijfers, met bronbestand, tabel en periode."),
    basisteam: Optional[str] = typer.Option(
        None, "--basisteam", help="Gemeentecodes van het basisteam, gescheiden door komma's; met --config de naam."),
    config: Optional[Path] = typer.Option(None, "--config", help="YAML met basisteams (docs/batch.md)."),
    vergelijkbaar: Optional[str] = typer.Option(
        None, "--vergelijkbaar", help="Eigen vergelijkingsgemeenten (codes, komma's); standaard berekend."),
    koppeling: Optional[Path] = typer.Option(None, "--koppeling", help="Eigen koppelbestand van de gemeente."),
    dekking: Optional[Path] = typer.Option(None, "--dekking", help="CSV met de dekking van de koppeling "
                                           "(standaard naast --uit)."),
    jaar_van: Optional[int] = typer.Option(None, "--van", help="Eerste jaar."),
    jaar_tot: Optional[int] = typer.Option(None, "--tot", help="Laatste jaar."),
):
    """Indicatoren per thema: cijfers per 1.000, benchmarks, signalen, prioriteiten, wijken (CSV)."""
    from . import api

    a = api.schrijf_indicatoren(gemeente, data, uit, basisteam=basisteam, config=config, vergelijkbaar=vergelijkbaar,
                                koppeling_eigen=koppeling, dekking=dekking, jaar_van=jaar_van, jaar_tot=jaar_tot)
    telling = a.indicatoren.dekking["status"].value_counts()
    typer.echo(f"Indicatoren geschreven naar {uit}. Koppeling: {telling.get('toegewezen', 0)} categorieën "
               f"toegewezen, {telling.get('niet toegewezen', 0)} bewust niet, "
               f"{telling.get('onbekend in koppeling', 0)} onbekend (zie de dekkingstabel).", err=True)


@app.command()
@_meld_fouten
def batch(
    config: Path = typer.Option(..., "--config", help="YAML met basisteams en hun gemeenten (docs/batch.md)."),
    basisteam: Optional[str] = typer.Option(None, "--basisteam", help="Naam van het basisteam in de configuratie."),
    jobs: Optional[int] = typer.Option(None, "-j", "--jobs", min=1,
                                       help="Processen naast elkaar (standaard: aantal kernen)."),
    force: bool = typer.Option(False, "--force", help="Alles opnieuw maken, ook wat niet veranderd is."),
    uitvoer: Optional[Path] = typer.Option(None, "-o", "--uitvoer", help="Map voor rapporten en index."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Adres van een Dask-scheduler, bijv. tcp://host:8786."),
):
    """Rapporten voor alle gemeenten van een basisteam, met index en vergelijking (stap 3a).

    Exitcode 0: alles gelukt; 1: minstens één gemeente mislukt (de rest is wel gemaakt);
    2: fout in configuratie of parameters (er is niets gestart).
    """
    from . import api

    samenvatting = api.batch(config, basisteam, uitvoer=uitvoer, jobs=jobs, force=force, dask=dask)
    typer.echo(samenvatting.tekst())
    if samenvatting.mislukt:
        raise typer.Exit(1)


def main() -> None:
    app()
