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

    tabel = api.inlezen(bestanden)
    if uit is None:
        tabel.to_csv(sys.stdout, index=False)
    else:
        api.schrijf_csv(tabel, uit)
        typer.echo(f"{len(tabel):,} cijfers geschreven naar {uit}".replace(",", "."), err=True)


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
):
    """Maak de veiligheidsanalyserapportage (HTML) voor één gemeente."""
    from . import api

    pad = api.rapport(gemeente=gemeente, data=data, uitvoer=uitvoer)
    typer.echo(f"Rapport: {pad.resolve()}")


def main() -> None:
    app()
