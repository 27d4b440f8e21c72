"""Bad input: every file in tests/bad gives exit code 2 and one Dutch message, no traceback, no output.

The corpus is small hand-made files in real layouts, each named after the trap it holds. The CLI runs
as a subprocess (``python -m ivpanalyse inlezen``); the runs happen in parallel once per module.
"""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ivpanalyse import bronnen
from ivpanalyse.errors import InleesFout

BAD = Path(__file__).parent / "bad"
ROOT = Path(__file__).resolve().parents[1]

# file -> fragments the message must contain (place: line or cell, column, value, reason)
VERWACHT = {
    "47018NED_afgebroken.csv": ["regel 5", "kolom 'WijkenEnBuurten'", "GM01", "afgebroken"],
    "47018NED_verkeerd_scheidingsteken.csv": ["regel 1", "kolom 'ID'", "waarde", "scheidingsteken"],
    "generiek_latin1.csv": ["regel 3", "kolom 'gemeente'", "Súdwest-Fryslân", "UTF-8"],
    "47018NED_excel_opgeslagen.csv": ["regel 2", "kolom 'WijkenEnBuurten'", "'GM158'", "Excel"],
    "leeg.csv": ["regel 1", "leeg"],
    "47018NED_alleen_kopregel.csv": ["regel 2", "alleen een kopregel"],
    "47018NED_tekst_in_getal.csv": ["regel 3", "kolom 'GeregistreerdeMisdrijven_1'", "'veel'", "geen getal"],
    "47018NED_negatief_aantal.csv": ["regel 3", "kolom 'GeregistreerdeMisdrijven_1'", "'-4'", "negatief"],
    "47018NED_gebroken_aantal.csv": ["regel 3", "kolom 'GeregistreerdeMisdrijven_1'", "'2.5'", "geheel getal"],
    "incidenten_dubbele_sleutel.csv": ["regel 2", "kolom 'aantal'", "'41'", "regel 3", "twee keer"],
    "47018NED_onbekende_gemeente.csv": ["regel 3", "kolom 'WijkenEnBuurten'", "GM0999", "gemeenteregister"],
    "47018NED_toekomstig_jaar.csv": ["regel 3", "kolom 'Perioden'", "'2099JJ00'", "toekomst"],
    "onbekende_indeling.csv": ["regel 1", "kolom 'datum'", "waarde", "onbekende indeling"],
    "generiek_onbekende_naam.csv": ["regel 2", "kolom 'gemeente'", "'Haaksberg'", "Haaksbergen (GM0158)"],
    "generiek_tekst_in_getal.xlsx": ["cel Blad1!F3", "kolom 'waarde'", "'ca. 20'", "geen getal"],
    # Partner templates (ivpanalyse sjabloon-bron; tests/test_partner.py makes these files).
    "partner_brandweer_kopregel_veranderd.xlsx": ["cel Cijfers!F1", "kolom 'waarde'", "'aantal'", "kopregel"],
    "partner_brandweer_percentage_boven_100.xlsx": ["cel Cijfers!F3", "kolom 'waarde'", "'120'", "bereik 0-100"],
    "partner_gir_niet_eindig.xlsx": ["cel Cijfers!F3", "kolom 'waarde'", "'1e999'", "geen getal"],
    "partner_halt_formule_zonder_waarde.xlsx": ["cel Cijfers!F3", "kolom 'waarde'", "'=F2-20'", "formule zonder"],
    "partner_halt_gebroken_aantal.xlsx": ["cel Cijfers!F3", "kolom 'waarde'", "'2.5'", "geen geheel getal"],
    "partner_meldingen_tekst_buiten_kolommen.xlsx": ["cel Cijfers!I2", "kolom 'I'", "'telling", "buiten de kolommen"],
    "partner_politie_incidenten_negatief_aantal.xlsx": ["cel Cijfers!F3", "kolom 'waarde'", "'-4'", "negatief"],
    "partner_veilig_thuis_onbekende_indicator.xlsx": ["cel Cijfers!E3", "kolom 'indicator'", "'Meldingen huis", "onbekende"],
    "partner_verkeersongevallen_dubbele_sleutel.xlsx": ["cel Cijfers!F2", "'3'", "cel Cijfers!F3", "twee keer"],
}


def test_corpus_compleet():
    assert {p.name for p in BAD.iterdir() if p.is_file()} == set(VERWACHT)


@pytest.fixture(scope="module")
def uitkomsten(tmp_path_factory):
    uit = tmp_path_factory.mktemp("uit")

    def draai(naam):
        doel = uit / f"{naam}.csv"
        r = subprocess.run([sys.executable, "-m", "ivpanalyse", "inlezen", str(BAD / naam), "-o", str(doel)],
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
        return naam, (r, doel)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(draai, sorted(VERWACHT)))


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_slecht_bestand_geeft_exitcode_2(naam, uitkomsten):
    r, doel = uitkomsten[naam]
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    assert r.stderr.startswith("Inleesfout:")
    assert naam in r.stderr
    for stuk in VERWACHT[naam]:
        assert stuk in r.stderr, (stuk, r.stderr)
    assert not doel.exists()


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_slecht_bestand_in_bibliotheek(naam):
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(BAD / naam)
    assert fout.value.fouten and all(f.bestand for f in fout.value.fouten)


def test_alle_fouten_van_een_bestand_verzameld(tmp_path):
    pad = tmp_path / "47018NED_veel_fouten.csv"
    pad.write_text('"ID";"SoortMisdrijf";"WijkenEnBuurten";"Perioden";"GeregistreerdeMisdrijven_1"\n'
                   '"0";"1.1.1 ";"GM0158    ";"2022JJ00";"veel"\n'
                   '"1";"1.1.1 ";"GM0999    ";"2022JJ00";"-1"\n'
                   '"2";"1.1.1 ";"GM0158    ";"2099JJ00";"3"\n', encoding="utf-8")
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(pad)
    redenen = " | ".join(f.tekst() for f in fout.value.fouten)
    assert len(fout.value.fouten) == 4, redenen
    assert "geen getal" in redenen and "negatief" in redenen and "toekomst" in redenen and "GM0999" in redenen
