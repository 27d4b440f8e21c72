"""Every write passes here: atomic writes (a file appears whole or not at all: temp file in the same
folder + ``os.replace``), the guard that raw data is never written, and content hashes.

The guard (:func:`controleer_doel`, also applied by :func:`atomisch_pad` itself):

* nothing is written inside a project's ``data/raw/`` (raw data is never edited, only read;
  cookiecutter-data-science), except by the two jobs whose purpose is raw data (the demo generator
  and the download), which say so with ``ruw=True``;
* an output is never one of the command's inputs (also not through a symbolic or hard link), and a
  ``.csv``/``.xlsx`` output never lands in an input folder, where the next run would read it as data;
* with ``overschrijf=False`` an existing file is never replaced (the final step is a hard link,
  which fails when the name exists, so a file that appears meanwhile is not lost either);
* a folder that cannot be made or written (read-only, a file in the way) is one
  :class:`~ivpanalyse.errors.UitvoerFout` naming the path, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from .errors import UitvoerFout

# Outputs with these suffixes would be read as data if they landed in an input folder.
DATA_SUFFIXEN = (".csv", ".xlsx")


def _umask() -> int:
    huidig = os.umask(0)
    os.umask(huidig)
    return huidig


_UMASK = _umask()


def _echt(pad: Path) -> Path:
    """``pad`` with symbolic links resolved; a link loop is an :class:`UitvoerFout`."""
    try:
        return Path(pad).resolve()
    except (OSError, RuntimeError) as exc:  # Python < 3.13 raises RuntimeError for a link loop
        raise UitvoerFout("pad kan niet gevolgd worden (kringverwijzing van symbolische koppelingen?)",
                          bestand=str(pad)) from exc


def ruwe_map(pad: str | Path) -> Path | None:
    """The project's ``data/raw`` folder that ``pad`` lies in (links resolved), else ``None``."""
    echt = _echt(Path(pad))
    for ouder in [echt, *echt.parents]:
        if ouder.name == "raw" and ouder.parent.name == "data":
            return ouder
    return None


def _zelfde(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def controleer_doel(doel: str | Path, *, invoer: Iterable[str | Path] = (), overschrijf: bool = True,
                    ruw: bool = False, map: bool = False) -> Path:
    """Check that ``doel`` may be written; return it unchanged.

    Parameters
    ----------
    doel
        The output file (or folder, with ``map=True``).
    invoer
        The command's input files and folders: ``doel`` may not be one of them, and a data file
        (``.csv``/``.xlsx``) may not be written into an input folder.
    overschrijf
        ``False``: an existing ``doel`` is refused (the CLI's ``--overschrijf`` sets it).
    ruw
        ``True`` only for jobs that produce raw data on purpose (demo data, downloads).
    map
        ``doel`` is an output folder: only the raw-data rule and a file in its place are checked.

    Raises
    ------
    UitvoerFout
        Naming ``doel`` and the input or folder it collides with.
    """
    doel = Path(doel)
    echt = _echt(doel)
    for p in invoer:
        p = Path(p)
        bron = _echt(p)
        if bron == echt or _zelfde(p, doel):
            raise UitvoerFout("uitvoer is een van de invoerbestanden: dat zou de invoer overschrijven; kies een "
                              "andere naam", bestand=str(doel), waarde=str(p))
        if bron.is_dir() and echt.suffix.lower() in DATA_SUFFIXEN and bron in echt.parents:
            raise UitvoerFout("uitvoer ligt in een invoermap: de volgende keer zou het als invoer gelezen "
                              "worden; kies een andere map", bestand=str(doel), waarde=str(p))
    if not ruw:
        raw = ruwe_map(doel)
        if raw is not None:
            raise UitvoerFout(f"uitvoer ligt in de map met ruwe data ({raw}): ruwe data wordt nooit "
                              "overschreven of aangevuld; kies een andere plek, bijvoorbeeld data/processed/ "
                              "of reports/", bestand=str(doel))
    if map:
        if doel.exists() and not doel.is_dir():
            raise UitvoerFout("uitvoermap is een bestand", bestand=str(doel))
        return doel
    if doel.is_dir():
        raise UitvoerFout("uitvoer is een bestaande map; geef een bestandsnaam", bestand=str(doel))
    if not overschrijf and (doel.exists() or doel.is_symlink()):
        raise UitvoerFout("bestand bestaat al; kies een andere naam of gebruik --overschrijf",
                          bestand=str(doel))
    return doel


def _uitvoerfout(exc: OSError, doel: Path) -> UitvoerFout:
    redenen = {errno.EACCES: "geen schrijfrechten", errno.EPERM: "geen schrijfrechten",
               errno.EROFS: "alleen-lezen bestandssysteem", errno.ENOTDIR: "een deel van het pad is een bestand, "
               "geen map", errno.EISDIR: "uitvoer is een bestaande map", errno.ENOSPC: "schijf is vol",
               errno.ELOOP: "kringverwijzing van symbolische koppelingen", errno.ENAMETOOLONG: "pad is te lang"}
    reden = redenen.get(exc.errno, f"{type(exc).__name__}: {exc.strerror or exc}")
    # mkdir reports a file in the way as "exists": name the file.
    in_de_weg = next((p for p in doel.parents if p.exists() and not p.is_dir()), None)
    if in_de_weg is not None:
        return UitvoerFout("kan niet schrijven (een deel van het pad is een bestand, geen map)", bestand=str(doel),
                           waarde=str(in_de_weg))
    return UitvoerFout(f"kan niet schrijven ({reden})", bestand=str(doel))


@contextlib.contextmanager
def atomisch_pad(doel: str | Path, *, overschrijf: bool = True, ruw: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``doel``; on success it replaces ``doel``, on error it is removed.

    The raw-data rule of :func:`controleer_doel` is applied here, so no writer can forget it;
    with ``overschrijf=False`` an existing ``doel`` is kept and :class:`UitvoerFout` raised.
    """
    doel = Path(doel)
    controleer_doel(doel, overschrijf=overschrijf, ruw=ruw)
    try:
        doel.parent.mkdir(parents=True, exist_ok=True)
        # Keep the real suffix last: tools such as papermill check it.
        fd, tmp = tempfile.mkstemp(dir=doel.parent, prefix=f".{doel.stem}.tmp.", suffix=doel.suffix)
        os.close(fd)
        os.chmod(tmp, 0o666 & ~_UMASK)
    except OSError as exc:
        raise _uitvoerfout(exc, doel) from exc
    tmp_pad = Path(tmp)
    try:
        yield tmp_pad
        try:
            if overschrijf:
                os.replace(tmp_pad, doel)
            else:
                _zonder_vervangen(tmp_pad, doel)
        except FileExistsError as exc:
            raise UitvoerFout("bestand bestaat al; kies een andere naam of gebruik --overschrijf",
                              bestand=str(doel)) from exc
        except OSError as exc:
            raise _uitvoerfout(exc, doel) from exc
    finally:
        if tmp_pad.exists():
            tmp_pad.unlink()


def _zonder_vervangen(tmp: Path, doel: Path) -> None:
    try:
        os.link(tmp, doel)  # fails with FileExistsError when doel exists: never replaces it
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        if doel.exists():  # a file system without hard links: check, then replace
            raise FileExistsError(errno.EEXIST, "bestaat al", str(doel)) from exc
        os.replace(tmp, doel)


def schrijf_tekst(doel: str | Path, tekst: str, *, bom: bool = False, newline: str | None = None,
                  overschrijf: bool = True, ruw: bool = False) -> Path:
    """Write text (UTF-8, optionally with BOM) atomically (see :func:`atomisch_pad`)."""
    with atomisch_pad(doel, overschrijf=overschrijf, ruw=ruw) as tmp:
        with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline=newline) as f:
            f.write(tekst)
    return Path(doel)


def schrijf_bytes(doel: str | Path, data: bytes, *, overschrijf: bool = True, ruw: bool = False) -> Path:
    """Write bytes atomically (see :func:`atomisch_pad`)."""
    with atomisch_pad(doel, overschrijf=overschrijf, ruw=ruw) as tmp:
        tmp.write_bytes(data)
    return Path(doel)


def schrijf_csv(df, doel: str | Path, *, invoer: Iterable[str | Path] = (), overschrijf: bool = True) -> Path:
    """Write a DataFrame as UTF-8 CSV atomically; ``doel`` may not be one of ``invoer``."""
    controleer_doel(doel, invoer=invoer, overschrijf=overschrijf)
    with atomisch_pad(doel, overschrijf=overschrijf) as tmp:
        df.to_csv(tmp, index=False)
    return Path(doel)


def sha256_bestand(pad: str | Path, h=None) -> str:
    """SHA-256 of a file's content, read in blocks; with ``h`` the bytes are fed into that hash."""
    h = h if h is not None else hashlib.sha256()
    with open(pad, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()
