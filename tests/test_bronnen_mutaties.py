"""Damaged real files are refused or read to exactly the same figures: never to different ones.

Property-based (hypothesis): each real file of ``../shared/data`` (or a real slice of a large one, with
its real metadata beside it) is mutated the way downloads and spreadsheets damage files: cut at any
byte, one character changed, a line duplicated or dropped, a column duplicated or dropped. The reader
must then either refuse the file with one Dutch :class:`InleesFout` naming it, or return figures that
all appear, with the same value and the same reason for a missing value, in the undamaged file.

"The same figures" allows fewer: a dropped data line or column, or a file cut exactly at a line end,
loses figures, and nothing in a file without a row count can tell. What may never happen is a
different value, a new key or a missing value read as a number.

One kind of change is left out on purpose: one that turns a number into another number. A digit
replaced by another digit (``6745`` -> ``6746``, ``GM0158`` -> ``GM0153``, ``2021`` -> ``2011``), a
digit by white space or white space by a digit (``"    4120"`` -> ``"     120"``, ``"       3.8"`` ->
``"      93.8"``: StatLine right-aligns numbers with spaces; ``27518\r\n`` -> ``275189\n``), or a
decimal point by a digit (``4.8`` -> ``498``). That makes another valid file with other figures; no
reader can know. CBS's rounding to 5 (83648NED, 83651NED) and the metadata's code and period lists
catch some of those, but not all, so they are not part of the property.

Runs derandomized with a fixed number of examples (a few hundred in all) and no deadline, so CI is
stable and quick.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivpanalyse import bronnen, cijfers
from ivpanalyse.errors import InleesFout

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data ontbreekt (echte data alleen in de "
                                                            "ontwikkelomgeving)")

# name in the temp folder -> (real file, number of data lines to keep (None = all), metadata files beside it)
ECHT = {
    "83648NED_UntypedDataSet_17052018_2015_twente.csv": ("cbs-83648NED/83648NED_UntypedDataSet_17052018_2015_twente.csv",
                                                         None, ()),
    "47013NED_totaal_misdrijven_2022-2023_statline.csv": ("politie-47013NED/47013NED_totaal_misdrijven_2022-2023_"
                                                          "statline.csv", None, ()),
    "47018NED_totaal_buurten_breda_2023_cbsodataR.csv": ("politie-47018NED-buurt/47018NED_totaal_buurten_breda_2023_"
                                                         "cbsodataR.csv", None, ()),
    "47021NED_overlast_nederland_2012-2023.csv": ("politie-47021NED/47021NED_overlast_nederland_2012-2023.csv", None,
                                                  ("Overlast.csv",)),
    "83651NED_TypedDataSet_gemeenten_2018-2021.csv": ("cbs-83651NED/83651NED_TypedDataSet_gemeenten_2018-2021.csv",
                                                      240, ()),
    "47018NED_UntypedDataSet_gemeenten_2012-2023.csv": ("politie-47018NED/47018NED_UntypedDataSet_gemeenten_2012-"
                                                        "2023.csv", 240,
                                                        ("Perioden.csv", "SoortMisdrijf.csv", "DataProperties.csv")),
    "inwoners_gemeenten_2012-2023.csv": ("cbs-bevolking/inwoners_gemeenten_2012-2023.csv", 240, ()),
}
# Characters a damaged download or a careless edit puts in place of another (never digit for digit).
VREEMD = ['"', ";", ",", "\n", "\r", " ", ".", "-", "x", "é", "*", "\t", "\x00", "9"]
VOORBEELDEN = dict(deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def bronmap(tmp_path_factory) -> Path:
    """Each real file (or a real slice: its first lines) in its own folder, with its real metadata."""
    basis = tmp_path_factory.mktemp("echt")
    for naam, (bron, regels, meta) in ECHT.items():
        map_ = basis / Path(naam).stem
        map_.mkdir()
        inhoud = (SHARED / bron).read_bytes()
        if regels is not None:
            inhoud = b"".join(inhoud.splitlines(keepends=True)[: regels + 1])
        (map_ / naam).write_bytes(inhoud)
        for m in meta:
            shutil.copy(SHARED / Path(bron).parent / m, map_ / m)
    return basis


def _pad(bronmap: Path, naam: str) -> Path:
    return bronmap / Path(naam).stem / naam


def cijfers_van(tabel) -> dict:
    """Key -> (waarde, ontbreekt) of a canonical table."""
    sleutel = [tabel[k].astype(object).where(tabel[k].notna(), None) for k in cijfers.SLEUTEL]
    waarden = tabel["waarde"].to_numpy()
    ontbreekt = tabel["ontbreekt"].astype(object).where(tabel["ontbreekt"].notna(), None)
    return {k: (None if np.isnan(w) else float(w), o) for k, w, o in zip(zip(*sleutel), waarden, ontbreekt)}


@pytest.fixture(scope="module")
def origineel(bronmap) -> dict:
    return {naam: cijfers_van(bronnen.lees(_pad(bronmap, naam))) for naam in ECHT}


def beoordeel(bronmap: Path, naam: str, inhoud: bytes, origineel: dict, tmp_path: Path) -> str:
    """Read the damaged file beside the real metadata: refused, or a subset of the same figures."""
    map_ = tmp_path / "m"
    if map_.exists():
        shutil.rmtree(map_)
    shutil.copytree(bronmap / Path(naam).stem, map_)
    pad = map_ / naam
    pad.write_bytes(inhoud)
    try:
        tabel = bronnen.lees_alles([pad])
    except InleesFout as fout:
        assert fout.fouten, "een weigering zonder bevinding"
        tekst = str(fout)
        assert tekst.startswith("Inleesfout") and (naam in tekst or "Overlast.csv" in tekst), tekst
        assert len(tekst) < 12000  # at most 20 findings, long values shortened
        return "geweigerd"
    gelezen = cijfers_van(tabel)
    verwacht = origineel[naam]
    anders = {k: (v, verwacht.get(k, "ontbreekt in het origineel")) for k, v in gelezen.items() if verwacht.get(k) != v}
    assert not anders, f"andere cijfers dan in het onbeschadigde bestand: {list(anders.items())[:5]}"
    return "gelijk"


NAMEN = sorted(ECHT)


def _regels(inhoud: bytes) -> list[bytes]:
    return inhoud.splitlines(keepends=True)


@pytest.mark.parametrize("naam", NAMEN)
@settings(max_examples=12, **VOORBEELDEN)
@given(data=st.data())
def test_afgebroken_op_elke_byte(bronmap, origineel, tmp_path, naam, data):
    inhoud = _pad(bronmap, naam).read_bytes()
    knip = data.draw(st.integers(min_value=0, max_value=len(inhoud) - 1), label="knip")
    beoordeel(bronmap, naam, inhoud[:knip], origineel, tmp_path)


@pytest.mark.parametrize("naam", NAMEN)
@settings(max_examples=14, **VOORBEELDEN)
@given(data=st.data())
def test_een_teken_veranderd(bronmap, origineel, tmp_path, naam, data):
    inhoud = _pad(bronmap, naam).read_bytes()
    tekst = inhoud.decode("utf-8")
    i = data.draw(st.integers(min_value=0, max_value=len(tekst) - 1), label="plek")
    oud = tekst[i]
    nieuw = data.draw(st.sampled_from([t for t in VREEMD if t != oud
                                       and not (oud.isdigit() and (t.isdigit() or t.isspace()))
                                       and not (t.isdigit() and (oud.isspace() or oud in ".,"))]), label="teken")
    beoordeel(bronmap, naam, (tekst[:i] + nieuw + tekst[i + 1:]).encode("utf-8"), origineel, tmp_path)


@pytest.mark.parametrize("naam", NAMEN)
@settings(max_examples=8, **VOORBEELDEN)
@given(data=st.data())
def test_regel_dubbel_of_weg(bronmap, origineel, tmp_path, naam, data):
    regels = _regels(_pad(bronmap, naam).read_bytes())
    i = data.draw(st.integers(min_value=0, max_value=len(regels) - 1), label="regel")
    if data.draw(st.booleans(), label="dubbel"):
        regels = regels[: i + 1] + [regels[i]] + regels[i + 1:]
    else:
        regels = regels[:i] + regels[i + 1:]
    beoordeel(bronmap, naam, b"".join(regels), origineel, tmp_path)


def _scheidingsteken(kopregel: str) -> str:
    return max((";", ","), key=kopregel.count)


@pytest.mark.parametrize("naam", NAMEN)
@settings(max_examples=6, **VOORBEELDEN)
@given(data=st.data())
def test_kolom_dubbel_of_weg(bronmap, origineel, tmp_path, naam, data):
    tekst = _pad(bronmap, naam).read_text(encoding="utf-8-sig")
    sep = _scheidingsteken(tekst.splitlines()[0] if ";" in tekst.splitlines()[0] or "," in tekst.splitlines()[0]
                           else tekst.splitlines()[3])
    rijen = list(csv.reader(io.StringIO(tekst, newline=""), delimiter=sep))
    breedte = max(len(r) for r in rijen)
    j = data.draw(st.integers(min_value=0, max_value=breedte - 1), label="kolom")
    dubbel = data.draw(st.booleans(), label="dubbel")
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=sep, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    for r in rijen:
        if j < len(r):
            r = r[: j + 1] + [r[j]] + r[j + 1:] if dubbel else r[:j] + r[j + 1:]
        schrijver.writerow(r)
    beoordeel(bronmap, naam, ("\ufeff" + uit.getvalue()).encode("utf-8"), origineel, tmp_path)


def test_onbeschadigd_leest_hetzelfde(bronmap, origineel, tmp_path):
    # The harness itself: an unchanged copy reads to exactly the same figures.
    for naam in NAMEN:
        assert beoordeel(bronmap, naam, _pad(bronmap, naam).read_bytes(), origineel, tmp_path) == "gelijk"


@pytest.mark.parametrize("naam, knip", [("83651NED_TypedDataSet_gemeenten_2018-2021.csv", 500),
                                        ("47018NED_totaal_buurten_breda_2023_cbsodataR.csv", 1234)])
def test_beschadigd_bestand_in_de_cli_exitcode_2(bronmap, tmp_path, naam, knip):
    map_ = tmp_path / "m"
    shutil.copytree(bronmap / Path(naam).stem, map_)
    pad = map_ / naam
    pad.write_bytes(pad.read_bytes()[:knip])
    doel = tmp_path / "uit.csv"
    r = subprocess.run([sys.executable, "-m", "ivpanalyse", "inlezen", str(pad), "-o", str(doel)],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 2 and r.stderr.startswith("Inleesfout:") and "Traceback" not in r.stderr
    assert naam in r.stderr and not doel.exists()
