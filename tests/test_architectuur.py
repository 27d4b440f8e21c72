"""The package's layers: imports run one way (shared -> bronnen -> analyse -> rapport -> batch -> api -> cli)
and no module imports itself back through another (docs/architectuur.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PAKKET = Path(__file__).resolve().parent.parent / "ivpanalyse"
LAGEN = ["gedeeld", "bronnen", "analyse", "rapport", "batch", "api", "cli"]


def _module(pad: Path) -> str:
    delen = list(pad.relative_to(PAKKET.parent).with_suffix("").parts)
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


def _laag(module: str) -> str:
    delen = module.split(".")
    if len(delen) > 1 and delen[1] in ("bronnen", "analyse", "rapport", "batch"):
        return delen[1]
    if module in ("ivpanalyse.api", "ivpanalyse.demo"):
        return "api"
    if module in ("ivpanalyse.cli", "ivpanalyse.__main__"):
        return "cli"
    return "gedeeld"


def _imports(pad: Path, module: str, alle: set[str]) -> set[str]:
    """Every ivpanalyse module that ``pad`` imports, at module level or inside a function."""
    pakket = module if pad.name == "__init__.py" else module.rsplit(".", 1)[0]
    uit = set()
    for knoop in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
        if isinstance(knoop, ast.ImportFrom):
            if knoop.level:
                basis = pakket.split(".")[: len(pakket.split(".")) - (knoop.level - 1)]
                doel = ".".join(basis + ([knoop.module] if knoop.module else []))
            else:
                doel = knoop.module or ""
            if not doel.startswith("ivpanalyse"):
                continue
            for naam in knoop.names:
                kandidaat = f"{doel}.{naam.name}"
                uit.add(kandidaat if kandidaat in alle else doel)
        elif isinstance(knoop, ast.Import):
            uit.update(n.name for n in knoop.names if n.name.startswith("ivpanalyse"))
    uit.discard(module)
    return {m for m in uit if m in alle}


@pytest.fixture(scope="module")
def graaf() -> dict[str, set[str]]:
    paden = {_module(p): p for p in PAKKET.rglob("*.py")}
    return {m: _imports(p, m, set(paden)) for m, p in paden.items()}


def test_imports_volgen_de_lagen(graaf):
    fout = [f"{m} ({_laag(m)}) -> {d} ({_laag(d)})" for m, doelen in graaf.items() for d in doelen
            if LAGEN.index(_laag(d)) > LAGEN.index(_laag(m))]
    assert not fout, "imports tegen de richting van de lagen in:\n" + "\n".join(sorted(fout))


def test_geen_importcirkel(graaf):
    # A package __init__ that only re-exports would form trivial cycles with its own modules;
    # those count too: a cycle is a cycle.
    bezig, klaar, cirkels = set(), set(), []

    def bezoek(m, pad):
        bezig.add(m)
        for d in sorted(graaf[m]):
            if d in bezig:
                cirkels.append(pad[pad.index(d):] + [d] if d in pad else pad + [d])
            elif d not in klaar:
                bezoek(d, pad + [d])
        bezig.discard(m)
        klaar.add(m)

    for m in sorted(graaf):
        if m not in klaar:
            bezoek(m, [m])
    assert not cirkels, "importcirkels:\n" + "\n".join(" -> ".join(c) for c in cirkels)
