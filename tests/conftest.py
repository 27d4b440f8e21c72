"""Shared fixtures. The demo report is executed once per session and reused by every report test."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# The national stage (ivpanalyse.analyse.landelijk) of test runs goes to a temp folder, not ~/.cache;
# subprocesses (CLI, batch workers, kernels) inherit it.
os.environ.setdefault("IVPANALYSE_CACHE", tempfile.mkdtemp(prefix="ivp-test-cache-"))

# Text the werkgroep "typed" into the template: markup and a spreadsheet formula must come out literally.
SCRIPT = "<script>alert(1)</script>"
HYPERLINK = '=HYPERLINK("https://voorbeeld.invalid/x","klik hier")'
INVULLING = {
    ("2.1", "aanpak"): f"Keurmerk Veilig Ondernemen. {SCRIPT} Knelpunt: weinig aangiftes & <b>niet vet</b>.",
    ("2.1", "extra"): HYPERLINK,  # stored as text, as Excel does after a leading apostrophe
    ("2.1", "prioriteit"): "ja",
    ("2.1", "motivering"): "Stijging sinds 2022; ondernemers melden <i>meer</i> agressie.",
    ("1.3", "problematiek"): "Woninginbraak daalt.\n\n- Centrum blijft hoog\n- Stationskwartier stijgt",
    ("A1", "aanpak"): "Wijkveiligheidsplannen voor twee wijken.",
}


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory) -> Path:
    """The demo's raw files (and its basisteam config and drieslag YAML) in a temp folder."""
    from ivpanalyse import demo

    map_ = tmp_path_factory.mktemp("demodata")
    demo.genereer(map_)
    return map_


@pytest.fixture(scope="session")
def invoer_xlsx(tmp_path_factory) -> Path:
    """A drieslag template for GM9901 filled with :data:`INVULLING` (via openpyxl, as Excel saves it)."""
    from openpyxl import load_workbook

    from ivpanalyse import api, invoer

    pad = api.sjabloon("GM9901", tmp_path_factory.mktemp("invoer") / "drieslag.xlsx")
    wb = load_workbook(pad)
    ws = wb[invoer.BLAD]
    kolom = {veld: j for j, (veld, _) in enumerate(invoer.KOLOMMEN, start=1)}
    rij = {ws.cell(i, 1).value: i for i in range(2, ws.max_row + 1)}
    for (code, veld), tekst in INVULLING.items():
        cel = ws.cell(rij[code], kolom[veld])
        cel.value = tekst
        cel.data_type = "s"
    wb.save(pad)
    return pad


@pytest.fixture(scope="session")
def demo_rapport(demo_data, invoer_xlsx, tmp_path_factory) -> Path:
    """The HTML report of demo gemeente GM9901 with the filled template: executed once per session."""
    from ivpanalyse import api

    return api.rapport("GM9901", [demo_data], tmp_path_factory.mktemp("rapport"), invoer=invoer_xlsx)


@pytest.fixture(scope="session")
def demo_html(demo_rapport) -> str:
    return demo_rapport.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def invulling() -> dict:
    """(code, veld) -> the text filled into :func:`invoer_xlsx`."""
    return dict(INVULLING)
