"""Atomic writes (a file appears whole or not at all: temp file in the same folder + os.replace) and content hashes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Iterator


def _umask() -> int:
    huidig = os.umask(0)
    os.umask(huidig)
    return huidig


_UMASK = _umask()


@contextlib.contextmanager
def atomisch_pad(doel: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``doel``; on success it replaces ``doel``, on error it is removed."""
    doel = Path(doel)
    doel.parent.mkdir(parents=True, exist_ok=True)
    # Keep the real suffix last: tools such as papermill check it.
    fd, tmp = tempfile.mkstemp(dir=doel.parent, prefix=f".{doel.stem}.tmp.", suffix=doel.suffix)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_UMASK)
    tmp_pad = Path(tmp)
    try:
        yield tmp_pad
        os.replace(tmp_pad, doel)
    finally:
        if tmp_pad.exists():
            tmp_pad.unlink()


def schrijf_tekst(doel: str | Path, tekst: str, *, bom: bool = False, newline: str | None = None) -> Path:
    """Write text (UTF-8, optionally with BOM) atomically."""
    with atomisch_pad(doel) as tmp:
        with open(tmp, "w", encoding="utf-8-sig" if bom else "utf-8", newline=newline) as f:
            f.write(tekst)
    return Path(doel)


def schrijf_bytes(doel: str | Path, data: bytes) -> Path:
    with atomisch_pad(doel) as tmp:
        tmp.write_bytes(data)
    return Path(doel)


def schrijf_csv(df, doel: str | Path) -> Path:
    """Write a DataFrame as UTF-8 CSV atomically."""
    with atomisch_pad(doel) as tmp:
        df.to_csv(tmp, index=False)
    return Path(doel)


def sha256_bestand(pad: str | Path, h=None) -> str:
    """SHA-256 of a file's content, read in blocks; with ``h`` the bytes are fed into that hash."""
    h = h if h is not None else hashlib.sha256()
    with open(pad, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()
