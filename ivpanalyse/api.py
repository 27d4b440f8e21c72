"""Python API for notebooks and the command line: one call per job."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from . import bronnen
from .analyse import indicatoren, koppeling
from .atomisch import controleer_doel, schrijf_csv
from .cijfers import is_gelijk
from .config import Paden, processed_voor
from .errors import ConfigFout, Fout, IndicatorFout

__all__ = [
    "Analyse",
    "analyse",
    "basisteam_codes",
    "batch",
    "controleer_vooraf",
    "demo",
    "drieslag",
    "inlezen",
    "rapport",
    "schrijf_indicatoren",
    "sjabloon",
    "sjabloon_bron",
    "word",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Analyse:
    """Everything the report of one gemeente needs."""

    gemeente: str
    naam: str
    jaren: tuple[int, int]
    cijfers: pd.DataFrame  # canonical table, all gemeenten read
    gekoppeld: koppeling.Gekoppeld
    reeksen: pd.DataFrame  # indicatoren.thema_reeksen of this gemeente's slice (own, wijken, benchmarks)
    indicatoren: indicatoren.Indicatoren | None = None  # indicatoren.bereken for this gemeente
    bronnen: bronnen.Bronnen | None = None  # what was read, once: names, own mappings, provenance


def inlezen(paden: Iterable[str | Path], cache: bool = True, *, uit: str | Path | None = None,
            overschrijf: bool = True) -> pd.DataFrame:
    """Read source files (or folders) into one canonical table; with ``uit`` also write it as CSV.

    Files under a project's ``data/raw/`` are cached as Parquet in its ``data/processed/``, keyed by
    their content; with ``cache=False`` (or for data elsewhere) everything is read afresh. ``uit`` is
    checked before anything is read (:func:`ivpanalyse.atomisch.controleer_doel`: not an input, not in
    ``data/raw/``, not an existing file unless ``overschrijf``).
    """
    paden = list(paden)
    if uit is not None:
        controleer_doel(uit, invoer=paden, overschrijf=overschrijf)
    cache_map = processed_voor(paden[0]) if cache and paden else None
    tabel = bronnen.lees_alles(paden, cache_map)
    if uit is not None:
        schrijf_csv(tabel, uit, invoer=paden, overschrijf=overschrijf)
    return tabel


def analyse(gemeente: str, data: Sequence[str | Path], jaar_van: int | None = None,
            jaar_tot: int | None = None, *, basisteam: list[str] | None = None,
            vergelijkbaar: list[str] | None = None, keuzes: dict[str, bool] | None = None,
            koppeling_eigen: str | Path | None = None) -> Analyse:
    """Read, map and compute the indicators for one gemeente.

    ``basisteam`` and ``vergelijkbaar`` are gemeente codes of the benchmarks (default: no
    basisteam, the computed vergelijkbare gemeenten), ``keuzes`` the analyst's priority choice
    per thema, ``koppeling_eigen`` the gemeente's own mapping file (see
    :func:`ivpanalyse.koppeling.koppeltabel`); see :func:`ivpanalyse.indicatoren.bereken`.

    Raises
    ------
    IndicatorFout
        When the data hold no figures for ``gemeente`` or the period.
    """
    from .analyse import landelijk

    # What every report on these data shares (sources read and mapped, series of all gebieden, the
    # Nederland benchmark) comes from the national stage: computed once, then read as this gemeente's slice.
    stage = landelijk.voor(gemeente, list(data), jaar_van, jaar_tot, basisteam=basisteam or (),
                           vergelijkbaar=vergelijkbaar, koppeling_eigen=koppeling_eigen)
    cijfers, gekoppeld, voorwerk, gelezen = stage.cijfers, stage.gekoppeld, stage.voorwerk, stage.bronnen
    eigen = cijfers[is_gelijk(cijfers["gemeente_code"], gemeente)]
    reeksen = voorwerk.thema.drop(columns="noemer_waarde")
    # The report period is that of the registrations: a denominator file (a 2024 buurt population)
    # never stretches it.
    registraties = eigen[~eigen["eenheid"].astype(str).isin(indicatoren.NOEMERS) & eigen["waarde"].notna()]
    periodes = (registraties if len(registraties) else eigen)["periode"]
    jaren = (int(periodes.min()), int(periodes.max()))
    namen = gelezen.namen
    naam = namen.get(gemeente, gemeente)
    ind = indicatoren.bereken(cijfers, gekoppeld, gemeente, basisteam=basisteam, vergelijkbaar=vergelijkbaar,
                              keuzes=keuzes, namen=namen, voorwerk=voorwerk)
    return Analyse(gemeente, naam, jaren, cijfers, gekoppeld, reeksen, ind, gelezen)


def basisteam_codes(basisteam: str | Sequence[str] | None, config: str | Path | None = None) -> list[str] | None:
    """Gemeente codes of a basisteam: comma-separated codes, a list, or a name in a ``config`` YAML.

    Raises
    ------
    ConfigFout
        For a code that is not ``GMxxxx`` or an unknown basisteam name.
    """
    import re

    from .errors import ConfigFout

    if basisteam is None:
        return None
    if config is not None:
        from .batch import config as _basisteam

        return list(_basisteam.laad(config).basisteam(str(basisteam)).codes)
    codes = [c.strip() for c in (basisteam.split(",") if isinstance(basisteam, str) else basisteam) if c.strip()]
    for code in codes:
        if not re.fullmatch(r"GM\d{4}", code):
            raise ConfigFout("geen gemeentecode (verwacht GMxxxx, gescheiden door komma's; of gebruik --config "
                             "met de naam van het basisteam)", kolom="basisteam", waarde=code)
    return codes


def schrijf_indicatoren(gemeente: str, data: Sequence[str | Path], uit: str | Path, *,
                        basisteam: str | Sequence[str] | None = None, config: str | Path | None = None,
                        vergelijkbaar: str | Sequence[str] | None = None, koppeling_eigen: str | Path | None = None,
                        dekking: str | Path | None = None, jaar_van: int | None = None,
                        jaar_tot: int | None = None) -> Analyse:
    """Compute the indicators of one gemeente and write them as CSV (atomically).

    ``uit`` gets every figure with its source file, table and period
    (:func:`ivpanalyse.indicatoren.als_tabel`); ``dekking`` (default: ``<uit>.dekking.csv``) the
    coverage of the mapping: what was mapped to which thema, what deliberately not and why, and
    what is new in the data.
    """
    ind_basisteam = basisteam_codes(basisteam, config)
    ind_vergelijkbaar = basisteam_codes(vergelijkbaar) if vergelijkbaar is not None else None
    uit = Path(uit)
    dekking = Path(dekking) if dekking else uit.with_suffix(".dekking.csv")
    for doel in (uit, dekking):
        controleer_doel(doel, invoer=list(data) + ([koppeling_eigen] if koppeling_eigen else []))
    controleer_vooraf(gemeente, data, jaar_van, jaar_tot, koppeling_eigen=koppeling_eigen)
    a = analyse(gemeente, data, jaar_van, jaar_tot, basisteam=ind_basisteam, vergelijkbaar=ind_vergelijkbaar,
                koppeling_eigen=koppeling_eigen)
    schrijf_csv(indicatoren.als_tabel(a.indicatoren, gemeente), uit)
    schrijf_csv(a.indicatoren.dekking, dekking)
    return a


def controleer_vooraf(gemeente: str, data: Sequence[str | Path], jaar_van: int | None = None,
                     jaar_tot: int | None = None, invoer: str | Path | None = None, *,
                     koppeling_eigen: str | Path | None = None) -> None:
    """Check what can be checked before a kernel starts, in about a second; raise on the first problem.

    The data paths exist and hold data files, the period is in order, the gemeente occurs in the
    data (a quick search of the files for its code; only when that finds nothing, or a period is
    given, are the data read to be sure: into the national stage the report then reads,
    :mod:`ivpanalyse.analyse.landelijk`, so nothing is read twice) and the drieslag file ``invoer`` is
    valid. ``koppeling_eigen``: the gemeente's own mapping file, part of that stage's key.

    Raises
    ------
    ConfigFout
        A path that does not exist or a period with ``jaar_van`` after ``jaar_tot``.
    IndicatorFout
        No figures for the gemeente (in the period) in the data.
    InvoerFout
        A mistake in the drieslag file, naming its cell or line.
    """
    import difflib
    import re

    if not re.fullmatch(r"GM\d{4}", str(gemeente)):
        raise ConfigFout("gemeentecode moet de vorm GMxxxx hebben", kolom="gemeente", waarde=gemeente,
                         code="geen-gemeentecode", hint="bijv. GM0158")
    for naam, jaar in (("jaar_van", jaar_van), ("jaar_tot", jaar_tot)):
        if jaar is not None and not 1900 <= jaar <= 2100:
            raise ConfigFout("geen jaartal", kolom=naam, waarde=jaar, code="geen-jaar", hint="bijv. 2016")
    if jaar_van is not None and jaar_tot is not None and jaar_van > jaar_tot:
        raise ConfigFout(f"het eerste jaar ({jaar_van}) ligt na het laatste ({jaar_tot})", kolom="jaar_van",
                         waarde=jaar_van, code="periode-omgekeerd", hint="wissel --van en --tot om")
    data = [Path(p) for p in data]
    if not data:
        raise ConfigFout("geen data opgegeven", kolom="data", code="geen-data",
                         hint="geef een of meer mappen of bestanden met brondata")
    for pad in data:
        if not pad.exists():
            ouder = pad.parent if pad.parent.is_dir() else None
            bijna = difflib.get_close_matches(pad.name, [q.name for q in ouder.iterdir()], n=1) if ouder else []
            raise ConfigFout("map of bestand bestaat niet", kolom="data", waarde=str(pad),
                             code="pad-ontbreekt", hint=f"bedoelde u {ouder / bijna[0]}?" if bijna else None)
    if invoer is not None:
        drieslag(invoer, gemeente)
    bestanden = bronnen.bestanden(data)
    # Fast path: the code is written in the files of every layout we read as text.
    code = gemeente.encode()
    gevonden = any(_bevat(f, code) for f in bestanden if f.suffix.lower() in (".csv", ".json"))
    if not gevonden or jaar_van is not None or jaar_tot is not None:
        log.info("data lezen om gemeente %s en de periode te controleren", gemeente)
        from .analyse import landelijk

        try:
            # The national stage the report will read (computed and stored now, so the kernel only
            # reads its slice): the data are read once, not here and again in the kernel.
            landelijk.voor(gemeente, data, jaar_van, jaar_tot, koppeling_eigen=koppeling_eigen)
            return
        except IndicatorFout:
            pass  # no figures: read the data as they are, to say why (not in the data, or not in the period)
        cijfers = inlezen(data)
        eigen = cijfers[is_gelijk(cijfers["gemeente_code"], gemeente)]
        if eigen.empty:
            bekend = sorted(set(cijfers["gemeente_code"].dropna().astype(str)))
            raise IndicatorFout("geen cijfers voor deze gemeente in de opgegeven data", kolom="gemeente",
                                waarde=gemeente, code="gemeente-niet-in-data",
                                hint=f"wel voor: {', '.join(bekend[:8])}{' ...' if len(bekend) > 8 else ''}")
        jaren = eigen["periode"]
        in_periode = jaren.between(jaar_van if jaar_van is not None else -10**6,
                                   jaar_tot if jaar_tot is not None else 10**6)
        if not in_periode.any():
            periode = f"{jaar_van if jaar_van is not None else '...'} t/m {jaar_tot if jaar_tot is not None else '...'}"
            raise IndicatorFout(f"geen cijfers voor {gemeente} in de periode {periode}",
                                kolom="jaar_van" if jaar_van is not None else "jaar_tot",
                                waarde=jaar_van if jaar_van is not None else jaar_tot, code="periode-zonder-cijfers",
                                hint=f"de data lopen van {int(jaren.min())} tot en met {int(jaren.max())}")


def _bevat(pad: Path, tekst: bytes) -> bool:
    """Does the file contain ``tekst``? Memory-mapped, so a file of gigabytes costs no memory."""
    import mmap

    with pad.open("rb") as f:
        if pad.stat().st_size == 0:
            return False
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            return m.find(tekst) != -1


def _benchmark_parameters(basisteam, vergelijkbaar, koppeling_eigen) -> dict:
    """The benchmark parameters as the notebook takes them: code lists (validated) and a resolved path."""
    codes = {"basisteam": basisteam_codes(basisteam) if basisteam is not None else None,
             "vergelijkbaar": basisteam_codes(vergelijkbaar) if vergelijkbaar is not None else None}
    return {**codes, "koppeling_eigen": str(Path(koppeling_eigen).resolve()) if koppeling_eigen else None}


def rapport(gemeente: str, data: Sequence[str | Path], uitvoer: str | Path = "reports",
            jaar_van: int | None = None, jaar_tot: int | None = None,
            invoer: str | Path | None = None, *, opmerkingen: bool = True, formaat: str = "html",
            deel: str = "rapport", basisteam: str | Sequence[str] | None = None,
            vergelijkbaar: str | Sequence[str] | None = None, koppeling_eigen: str | Path | None = None) -> Path:
    """Produce the report of one gemeente in ``uitvoer``; returns its path.

    ``basisteam`` and ``vergelijkbaar`` are the benchmarks the analyst names (gemeente codes, a
    list or comma-separated; see :func:`analyse`): the charts and tables then show the basisteam
    line and the comparable gemeenten are those named. ``koppeling_eigen`` is the gemeente's own
    mapping file. ``jaar_van``/``jaar_tot`` limit the period.

    ``invoer`` is the werkgroep's filled-in drieslag file (see :func:`sjabloon`); it is validated
    before the notebook starts, so a mistake in it is an :class:`InvoerFout` naming the cell.
    ``opmerkingen=False`` leaves the partners' open questions and comments out (the version for the
    college). ``formaat`` is ``"html"`` (the notebook report) or ``"docx"`` (Word, see :func:`word`;
    ``deel="samenvatting"`` writes only the summary, as chapter 1 of the IVP).
    """
    from .errors import ConfigFout
    from .rapport import runner as _rapport

    if formaat not in ("html", "docx"):
        raise ConfigFout("onbekend formaat; kies html of docx", kolom="formaat", waarde=formaat)
    controleer_doel(uitvoer, map=True)
    controleer_vooraf(gemeente, data, jaar_van, jaar_tot, invoer, koppeling_eigen=koppeling_eigen)
    if formaat == "docx":
        achtervoegsel = "" if deel == "rapport" else f"_{deel}"
        doel = Path(uitvoer) / f"{gemeente}{achtervoegsel}.docx"
        return word(gemeente, data, doel, jaar_van, jaar_tot, invoer, opmerkingen=opmerkingen, deel=deel,
                    basisteam=basisteam, vergelijkbaar=vergelijkbaar, koppeling_eigen=koppeling_eigen)
    parameters = {"gemeente": gemeente, "data": [str(Path(p).resolve()) for p in data],
                  "jaar_van": jaar_van, "jaar_tot": jaar_tot,
                  "invoer": str(Path(invoer).resolve()) if invoer is not None else None,
                  "opmerkingen": opmerkingen, **_benchmark_parameters(basisteam, vergelijkbaar, koppeling_eigen)}
    log.info("rapport %s: notebook starten (%s)", gemeente, ", ".join(parameters["data"]))
    pad = _rapport.voer_uit(parameters, Path(uitvoer))
    log.info("rapport %s geschreven: %s", gemeente, pad)
    return pad


def word(gemeente: str, data: Sequence[str | Path], doel: str | Path, jaar_van: int | None = None,
         jaar_tot: int | None = None, invoer: str | Path | None = None, *, opmerkingen: bool = True,
         deel: str = "rapport", basisteam: str | Sequence[str] | None = None,
         vergelijkbaar: str | Sequence[str] | None = None, koppeling_eigen: str | Path | None = None) -> Path:
    """Write the report of one gemeente as a Word document (.docx) for the college and raad.

    The same report model as the HTML report, in process (no notebook): headings per veld and
    thema, tables with Dutch numbers, the charts as images. ``deel="samenvatting"`` writes only the
    summary, as chapter 1 (uitgangssituatie) of the IVP. Returns ``doel``, written atomically.
    """
    from .errors import ConfigFout
    from .rapport import model as _model
    from .rapport import word as _word

    if deel not in _word.DELEN:
        raise ConfigFout(f"onbekend deel; kies {' of '.join(_word.DELEN)}", kolom="deel", waarde=deel)
    controleer_doel(doel, invoer=list(data) + ([invoer] if invoer is not None else []))
    ingevuld = drieslag(invoer, gemeente, opmerkingen=opmerkingen)
    bench = _benchmark_parameters(basisteam, vergelijkbaar, koppeling_eigen)
    a = analyse(gemeente, data, jaar_van, jaar_tot, **bench)
    parameters = {"gemeente": gemeente, "data": [str(Path(p).resolve()) for p in data], "jaar_van": jaar_van,
                  "jaar_tot": jaar_tot, "invoer": str(Path(invoer).resolve()) if invoer is not None else None,
                  "opmerkingen": opmerkingen, **bench}
    r = _model.Rapport(a, ingevuld, parameters)
    return _word.schrijf(r, doel, deel=deel)


def drieslag(invoer: str | Path | None, gemeente: str | None = None, *, opmerkingen: bool = True):
    """The werkgroep's drieslag input (:class:`ivpanalyse.invoer.Drieslag`); empty when ``invoer`` is None.

    With ``opmerkingen=False`` the partners' open questions and comments are left out (the version
    for the college).
    """
    from . import invoer as _invoer

    d = _invoer.Drieslag() if invoer is None else _invoer.lees(invoer, gemeente=gemeente)
    return d if opmerkingen else d.zonder_opmerkingen()


def sjabloon(gemeente: str, doel: str | Path, data: Sequence[str | Path] | None = None,
             jaar_van: int | None = None, jaar_tot: int | None = None,
             vorige: str | Path | None = None, overschrijf: bool = False) -> Path:
    """Write the drieslag template (``.xlsx`` or ``.yaml``) for one gemeente; returns its path.

    With ``data`` the template is pre-filled with the draft problematiek and the suggested
    priorities; with ``vorige`` (an earlier filled-in file) its texts are carried over. An existing
    ``doel`` (a werkgroep's work, perhaps) is only replaced with ``overschrijf=True``; ``doel`` is
    never one of the inputs nor inside ``data/raw/`` (:class:`~ivpanalyse.errors.UitvoerFout`).
    """
    from . import invoer as _invoer

    controleer_doel(doel, invoer=list(data or []) + ([vorige] if vorige is not None else []),
                    overschrijf=overschrijf)
    naam, ind = None, None
    if data:
        controleer_vooraf(gemeente, data, jaar_van, jaar_tot)
        a = analyse(gemeente, data, jaar_van, jaar_tot)
        from .rapport.weergave import indicatoren_van

        naam, ind = a.naam, indicatoren_van(a)
    eerder = drieslag(vorige, gemeente) if vorige is not None else None
    return _invoer.schrijf_sjabloon(doel, gemeente, naam=naam, indicatoren=ind, vorige=eerder,
                                    overschrijf=overschrijf)


def sjabloon_bron(soort: str, doel: str | Path, *, gemeente: str | None = None,
                  overschrijf: bool = False) -> Path:
    """Write the fillable template (``.xlsx``) for a partner's figures; returns its path.

    ``soort`` is one of :data:`ivpanalyse.bronnen.partner.SOORTEN` (brandweer, verkeersongevallen,
    halt, meldingen-openbare-ruimte, politie-incidenten, gir, veilig-thuis). The filled file is read
    like any source (``inlezen``, ``--data``); see ``docs/bronnen.md``. ``gemeente`` (``GMxxxx``) is
    the default for rows without one. An existing ``doel`` is only replaced with ``overschrijf=True``.
    """
    from .bronnen import partner

    controleer_doel(doel, overschrijf=overschrijf)
    return partner.schrijf_sjabloon(soort, doel, gemeente=gemeente, overschrijf=overschrijf)


def batch(config: str | Path, basisteam: str | None = None, *, uitvoer: str | Path | None = None,
          jobs: int | None = None, force: bool = False, dask: str | None = None, voortgang: bool = True):
    """Reports for every gemeente of a basisteam, the index and the comparison (stap 3a).

    A failed gemeente does not raise: check ``.mislukt`` of the returned
    :class:`ivpanalyse.batch.Samenvatting`. See :func:`ivpanalyse.batch.voer_uit`.
    """
    from .batch import uitvoering as _batch

    if uitvoer is not None:
        controleer_doel(uitvoer, map=True)
    return _batch.voer_uit(config, basisteam, uitvoer=uitvoer, jobs=jobs, force=force, dask=dask,
                           voortgang=voortgang)


def demo(uitvoer: str | Path | None = None, data: str | Path | None = None, *, jobs: int | None = None,
         voortgang: bool = True) -> Path:
    """Write the demo data and run the batch on the demo basisteam; returns the index page.

    Raises
    ------
    RapportFout
        When a demo gemeente failed (its reason is in the message and on the index page).
    """
    from . import demo as _demo
    from .errors import RapportFout

    paden = Paden()
    data = Path(data or paden.demo)
    uitvoer = Path(uitvoer or paden.reports / "demo")
    controleer_doel(uitvoer, map=True)
    config = _demo.genereer(data)["basisteam"]
    samenvatting = batch(config, _demo.BASISTEAM, uitvoer=uitvoer, jobs=jobs, voortgang=voortgang)
    if samenvatting.mislukt:
        fouten = [Fout(f"{r.code} {r.naam}: {r.reden}", bestand=str(r.notebook) if r.notebook else None)
                  for r in samenvatting.mislukt]
        raise RapportFout(fouten=fouten + [Fout(f"oorzaken ook op de indexpagina {samenvatting.index}")])
    return samenvatting.index
