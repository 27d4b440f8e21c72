"""Bad input: every file in tests/bad gives exit code 2 and one Dutch message, no traceback, no output.

The corpus is small hand-made files in real layouts, each named after the trap it holds (a folder holds
a data file with the metadata beside it that is wrong). Categories (issue 12): cut-off files, numbers
that cannot mean what their unit says, structural damage, unreadable text (UTF-16, binary, Latin-1,
broken or cut-off workbooks, deeply nested JSON), metadata problems (named by the metadata file), long
values shortened. The CLI runs as a subprocess (``python -m ivpanalyse inlezen``); the runs happen in
parallel once per module.
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
    # cut off: no final line break, an unclosed quote, a missing footer, a line break inside a row
    "83651NED_TypedDataSet_afgebroken_in_getal.csv": ["regel 3", "kolom 'TotaalGeregistreerdeDiefstallen_1'",
                                                      "2021JJ00;1'", "afgebroken"],
    "47018NED_cbsodataR_open_aanhalingsteken.csv": ["regel 4", "kolom 'WijkenEnBuurten'", "BU0758", "afgebroken"],
    "47013NED_opgemaakt_zonder_voetregel.csv": ["regel 9", "kolom 'Regio's'", "Hengelo (O.)", "voetregel"],
    "83651NED_TypedDataSet_regeleinde_in_rij.csv": ["regel 3", "kolom 'Perioden'", "GM0158;2021'", "5 velden"],
    # numbers checked for meaning
    "generiek_procent_boven_100.csv": ["regel 3", "kolom 'waarde'", "'128,1'", "0-100"],
    "generiek_rapportcijfer_0.csv": ["regel 2", "kolom 'waarde'", "'0'", "1-10"],
    "generiek_buiten_betrouwbaarheidsinterval.csv": ["regel 2", "kolom 'waarde'", "'28,1'", "betrouwbaarheidsinterval"],
    "bevolking_nul_inwoners.csv": ["regel 3", "kolom 'inwoners'", "'0'", "is 0"],
    "bevolking_onwaarschijnlijk_veel_inwoners.csv": ["regel 2", "kolom 'inwoners'", "'24400000'", "onwaarschijnlijk"],
    "83648NED_UntypedDataSet_negatief_per_1000.csv": ["regel 3", "kolom 'GeregistreerdeMisdrijvenPer1000Inw_3'",
                                                      "'-32.5'", "negatief"],
    "83648NED_UntypedDataSet_per_1000_te_hoog.csv": ["regel 2", "kolom 'GeregistreerdeMisdrijvenPer1000Inw_3'",
                                                     "'5700.0'", "boven 1.000"],
    "83651NED_TypedDataSet_niet_afgerond_op_5.csv": ["regel 3", "kolom 'TotaalGeregistreerdeDiefstallen_1'", "'12'",
                                                     "veelvoud van 5"],
    "47018NED_oneindig.csv": ["regel 3", "kolom 'GeregistreerdeMisdrijven_1'", "'inf'", "geen getal"],
    "47018NED_exponent.csv": ["regel 2", "kolom 'GeregistreerdeMisdrijven_1'", "'1e5'", "geen getal"],
    "47018NED_punt_aan_het_eind.csv": ["regel 2", "kolom 'GeregistreerdeMisdrijven_1'", "'674.'", "geen getal"],
    # structural damage
    "47018NED_dubbele_kolomnaam.csv": ["regel 1", "kolom 'GeregistreerdeMisdrijven_1'", "twee keer"],
    "47018NED_onbekende_extra_kolom.csv": ["regel 2", "kolom 'Opmerking'", "'zie noot 3'", "ongeldige sleutel"],
    "47018NED_onbekend_onderwerp.csv": ["regel 1", "kolom 'GemiddeldeSchade_2'", "DataProperties.csv"],
    "generiek_onbekende_kolom.csv": ["regel 1", "kolom 'notitie'", "onbekende kolom"],
    "47018NED_zelfde_sleutel_andere_waarde.csv": ["regel 2", "regel 4", "'GM0158 2022 1.1.1'", "verschillende waarden"],
    "47021NED_overlast_nederland_dubbel.csv": ["regel 2", "regel 3", "kolom 'incident_count'", "'44571'",
                                               "verschillende waarden"],
    "83651NED_TypedDataSet_onbekende_code.csv": ["regel 3", "SoortDiefstal", "'CRI9999'", "onbekende code"],
    "47018NED_onbekende_code.csv": ["regel 2", "kolom 'SoortMisdrijf'", "'9.9.9'", "onbekende code"],
    "47018NED_onbekende_periode.csv": ["regel 2", "kolom 'Perioden'", "'2022XX00'", "onbekende periode"],
    "47021NED_overlast_nederland_onbekende_omschrijving.csv": ["regel 3", "kolom 'incident_type_code'",
                                                               "'Overlast door buren'", "codelijst"],
    "generiek_onbekende_regio.csv": ["regel 2", "kolom 'gemeente'", "'Twente (RE)'", "onbekende"],
    "47013NED_opgemaakt_onbekende_eenheid.csv": ["regel 6", "kolom 'kolom 2'", "'x 1 000'", "onbekende eenheid"],
    "generiek_formule_zonder_waarde.xlsx": ["cel Blad1!E3", "'=E2+3'", "formule zonder opgeslagen waarde"],
    "generiek_tekst_buiten_kolommen.xlsx": ["cel Blad1!H2", "'let op: 2022 ontbreekt, zie mail'", "buiten de kolommen"],
    # no traceback: unreadable text and files
    "generiek_utf16.csv": ["regel 1", "gemeente;periode", "UTF-16"],
    "binair_bestand.csv": ["regel 1", "ID;SoortMisdrijf", "binaire tekens"],
    "generiek_kapot_werkblad.xlsx": ["cel Sheet!A1", "beschadigd"],
    "generiek_afgebroken.xlsx": ["kan niet geopend worden", "afgebroken"],
    "cbsodata_diep_genest.json": ["regel 1", "TableInfos", "te diep genest"],
    # long values are shortened
    "47018NED_lange_waarde.csv": ["regel 2", "kolom 'GeregistreerdeMisdrijven_1'", "…", "geen getal"],
    "47018NED_lange_regel_te_veel_velden.csv": ["regel 2", "…", "(120 tekens)", "6 velden"],
    # metadata problems name the metadata file
    "metadata_afgebroken": ["metadata_afgebroken/DataProperties.csv", "regel 5", "kolom 'Title'", "afgebroken"],
    "metadata_andere_tabel": ["83651NED_TypedDataSet.csv", "regel 1", "kolom 'TotaalGeregistreerdeDiefstallen_1'",
                              "DataProperties.csv"],
    "metadata_onbekende_eenheid": ["metadata_onbekende_eenheid/DataProperties.csv", "regel 5", "kolom 'Unit'",
                                   "'x 1 000'", "onbekende eenheid"],
    "metadata_code_ontbreekt": ["47018NED_UntypedDataSet.csv", "regel 3", "kolom 'SoortMisdrijf'", "'1.4.7 '",
                                "SoortMisdrijf.csv"],
    "metadata_periode_ontbreekt": ["47018NED_UntypedDataSet.csv", "regel 3", "kolom 'Perioden'", "'2011JJ00'",
                                   "Perioden.csv"],
}


def test_corpus_compleet():
    assert {p.name for p in BAD.iterdir()} == set(VERWACHT)
    assert len(VERWACHT) >= 40


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
    assert r.stderr.count("Inleesfout") == 1  # one message
    assert naam in r.stderr
    assert len(r.stderr) < 1200  # long values are shortened
    for stuk in VERWACHT[naam]:
        assert stuk in r.stderr, (stuk, r.stderr)
    assert not doel.exists()


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_slecht_bestand_in_bibliotheek(naam):
    with pytest.raises(InleesFout) as fout:
        bronnen.lees_alles([BAD / naam])
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


def test_symlink_in_een_kring(tmp_path):
    lus = tmp_path / "lus.csv"
    lus.symlink_to(lus)
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(lus)
    assert "lus.csv" in str(fout.value) and "symlink" in str(fout.value)
    map_ = tmp_path / "map"
    map_.mkdir()
    (map_ / "kring.csv").symlink_to(map_ / "kring.csv")
    with pytest.raises(InleesFout, match="kring.csv"):
        bronnen.lees_alles([map_])


def test_map_als_bestand_en_onbestaand_bestand(tmp_path):
    (tmp_path / "x.csv").mkdir()
    with pytest.raises(InleesFout, match="map"):
        bronnen.lees(tmp_path / "x.csv")
    with pytest.raises(InleesFout, match="bestaat niet"):
        bronnen.lees(tmp_path / "weg.csv")


@pytest.mark.skipif(not hasattr(__import__("os"), "geteuid") or __import__("os").geteuid() == 0,
                    reason="als root is elk bestand leesbaar")
def test_onleesbaar_bestand(tmp_path):
    pad = tmp_path / "47018NED_geheim.csv"
    pad.write_text("x\n")
    pad.chmod(0)
    with pytest.raises(InleesFout, match="leesrechten"):
        bronnen.lees(pad)


def test_regelnummers_zijn_die_van_het_bestand(tmp_path):
    # A blank line and a quoted line break shift the lines: the message names the file's own line.
    pad = tmp_path / "generiek.csv"
    pad.write_text('gemeente;periode;bron;indicator;waarde;eenheid\n\n'
                   'GM0158;2023;"Halt\nlokaal";verwijzingen;12;aantal\n'
                   'GM0158;2022;Halt;verwijzingen;veel;aantal\n', encoding="utf-8")
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(pad)
    assert fout.value.regel == 5 and fout.value.waarde == "veel"


def test_alleen_cr_als_regeleinde_leest_dezelfde_cijfers(tmp_path):
    lf = (BAD.parent / "fixtures" / "47018NED_UntypedDataSet_wijk_buurt_opvulling.csv").read_bytes()
    cr = tmp_path / "47018NED_UntypedDataSet_cr.csv"
    cr.write_bytes(lf.replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    gewoon = tmp_path / "47018NED_UntypedDataSet_lf.csv"
    gewoon.write_bytes(lf)
    a, b = bronnen.lees(gewoon), bronnen.lees(cr)
    assert a.drop(columns="bronbestand").equals(b.drop(columns="bronbestand"))


def test_schemafout_in_het_nederlands():
    import pandas as pd

    from ivpanalyse import cijfers
    tabel = cijfers.normaliseer(pd.DataFrame([dict(
        gemeente_code="GM0158", gebied_code="XX12", periode=2020, maand=pd.NA, bron="x", categorie="1",
        omschrijving="", waarde=1.0, eenheid="aantal", status="definitief", ontbreekt=pd.NA, bronbestand="a.csv")]))
    with pytest.raises(InleesFout) as fout:
        cijfers.valideer(tabel, bestand="a.csv")
    tekst = str(fout.value)
    assert "ongeldige gebiedscode" in tekst and "str_matches" not in tekst


def test_cijfer_dat_niets_kan_betekenen_komt_niet_door_de_wacht():
    # Whatever reader produced it, valideer applies the same rules once more.
    import pandas as pd

    from ivpanalyse import cijfers
    tabel = cijfers.normaliseer(pd.DataFrame([dict(
        gemeente_code="GM0158", gebied_code="GM0158", periode=2020, maand=pd.NA, bron="lokaal", categorie="x",
        omschrijving="", waarde=140.0, eenheid="procent", status="definitief", ontbreekt=pd.NA,
        bronbestand="a.csv")]))
    with pytest.raises(InleesFout, match="0-100"):
        cijfers.valideer(tabel)


def test_regeleinde_binnen_een_getal_tussen_aanhalingstekens(tmp_path):
    # "605" damaged into "60<line break>" inside its quotes is not the number 60.
    pad = tmp_path / "47018NED_UntypedDataSet.csv"
    pad.write_text('"ID";"SoortMisdrijf";"WijkenEnBuurten";"Perioden";"GeregistreerdeMisdrijven_1"\n'
                   '"0";"1.1.1 ";"GM0158    ";"2022JJ00";"60\n"\n', encoding="utf-8")
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(pad)
    assert fout.value.regel == 2 and "geen getal" in str(fout.value)
