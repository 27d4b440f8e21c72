"""The drieslag template (xlsx and YAML): writing, pre-filling, reading back and its validation."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest
from openpyxl import load_workbook
from click.testing import CliRunner

from ivpanalyse import invoer, taxonomie
from ivpanalyse.errors import InvoerFout
from ivpanalyse.analyse.indicatoren import Indicatoren

KOP = {veld: j for j, (veld, _) in enumerate(invoer.KOLOMMEN, start=1)}


def _indicatoren() -> Indicatoren:
    """Minimal indicator frames: a draft text for 2.1 and 1.3, 2.1 proposed as priority."""
    leeg = pd.DataFrame()
    return Indicatoren(
        thema_jaar=pd.DataFrame({"thema": ["2.1", "2.1"], "periode": [2023, 2024], "aantal": [10.0, 20.0],
                                 "bron": ["47018NED", "47018NED"]}),
        signalen=leeg,
        duiding=pd.DataFrame({"thema": ["2.1", "1.3"], "tekst": ["Winkeldiefstal verdubbelde.", "Inbraak daalt."]}),
        prioriteiten=pd.DataFrame({"veld": [2, 1], "thema": ["2.1", "1.3"], "score": [5, 1],
                                   "redenen": ["sterke stijging (+2)", "daling"], "voorgesteld": [True, False],
                                   "rang_in_veld": [1, 1]}),
        effectindicatoren=leeg, wijken=leeg, dekking=leeg, vergelijking={})


def _rijnummers(ws) -> dict[str, int]:
    return {ws.cell(i, 1).value: i for i in range(2, ws.max_row + 1)}


@pytest.fixture
def sjabloon(tmp_path):
    return invoer.schrijf_sjabloon(tmp_path / "drieslag.xlsx", "GM9901", naam="Lindewaarde")


def _vul(pad, waarden: dict[tuple[str, str], object], *, als_tekst: bool = True):
    wb = load_workbook(pad)
    ws = wb[invoer.BLAD]
    rij = _rijnummers(ws)
    for (code, veld), waarde in waarden.items():
        cel = ws.cell(rij[code], KOP[veld])
        cel.value = waarde
        if als_tekst and isinstance(waarde, str):
            cel.data_type = "s"
    wb.save(pad)
    return wb


# --------------------------------------------------------------------------- the template


def test_template_has_a_row_per_thema_and_aspect_and_the_columns_in_order(sjabloon):
    wb = load_workbook(sjabloon)
    assert wb.sheetnames == [invoer.TOELICHTING, invoer.BLAD, invoer.PARTNERS, invoer.COMBINATIES]
    assert wb[invoer.TOELICHTING][invoer.GEMEENTE_CEL].value == "GM9901"
    assert wb[invoer.TOELICHTING][invoer.RONDE_CEL].value == 1
    ws = wb[invoer.BLAD]
    assert [c.value for c in ws[1]] == [kop for _, kop in invoer.KOLOMMEN]
    codes = [ws.cell(i, 1).value for i in range(2, ws.max_row + 1)]
    themas = [t.code for t in taxonomie.themas()]
    assert sorted(c for c in codes if c[0].isdigit()) == sorted(themas)
    assert [c for c in codes if c.startswith("A")] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    assert codes[:10] == ["1.1", "1.2", "1.3", "1.4", "A1", "A2", "A3", "A4", "A5", "A6"]
    # The handbook's three cross-cutting strategische thema's close the sheet, with their own rows.
    assert codes[-3:] == ["S1", "S2", "S3"]
    namen = [ws.cell(i, KOP["naam"]).value for i in range(ws.max_row - 2, ws.max_row + 1)]
    assert ["Gedigitaliseerde" in namen[0], "Zorg en Veiligheid" in namen[1], "Informatiepositie" in namen[2]] == [True] * 3
    assert ws.column_dimensions[ws.cell(1, KOP["herkomst"]).column_letter].hidden
    assert [c.value for c in wb[invoer.PARTNERS][1]] == [k for _, k in invoer.PARTNERKOLOMMEN]
    assert [c.value for c in wb[invoer.COMBINATIES][1]] == [k for _, k in invoer.COMBINATIEKOLOMMEN]


@pytest.mark.parametrize("code, grijs, open_", [
    ("1.2", {"aanpak", "extra"}, {"problematiek", "prioriteit", "motivering", "bronnen"}),
    ("A3", {"problematiek", "prioriteit", "motivering"}, {"aanpak", "extra", "bronnen"}),
    ("4.1", set(), {"problematiek", "aanpak", "extra", "prioriteit", "motivering", "bronnen"}),
    ("S2", set(), {"problematiek", "aanpak", "extra", "prioriteit", "motivering", "bronnen"}),
])
def test_cells_that_do_not_apply_are_grey_and_locked(sjabloon, code, grijs, open_):
    ws = load_workbook(sjabloon)[invoer.BLAD]
    rij = _rijnummers(ws)[code]
    for veld in grijs | open_:
        cel = ws.cell(rij, KOP[veld])
        assert (cel.fill.fgColor.rgb == "00D9D9D9") == (veld in grijs), veld
        assert cel.protection.locked == (veld in grijs), veld
    assert ws.protection.sheet


def test_template_is_prefilled_with_draft_text_and_suggested_priorities(tmp_path):
    pad = invoer.schrijf_sjabloon(tmp_path / "d.xlsx", "GM9901", indicatoren=_indicatoren())
    ws = load_workbook(pad)[invoer.BLAD]
    rij = _rijnummers(ws)
    assert ws.cell(rij["2.1"], KOP["problematiek"]).value == "Winkeldiefstal verdubbelde."
    assert ws.cell(rij["2.1"], KOP["prioriteit"]).value == "ja"
    assert ws.cell(rij["2.1"], KOP["motivering"]).value == "sterke stijging (+2)"
    assert ws.cell(rij["2.1"], KOP["bronnen"]).value == "Cijfers: 47018NED"
    assert ws.cell(rij["1.3"], KOP["prioriteit"]).value == "nee"
    assert ws.cell(rij["1.3"], KOP["motivering"]).value is None  # reasons only for a proposed priority
    assert ws.cell(rij["4.4"], KOP["problematiek"]).value is None


@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_previous_input_is_carried_over_and_text_starting_with_is_stays_text(tmp_path, suffix):
    vorige = invoer.Drieslag(rijen={
        "2.1": invoer.Invulling("2.1", "thema", aanpak="=1+1 is geen formule", prioriteit=False),
        "A2": invoer.Invulling("A2", "aspect", extra="- schouw\n- verlichting"),
    })
    pad = invoer.schrijf_sjabloon(tmp_path / f"d{suffix}", "GM9901", indicatoren=_indicatoren(), vorige=vorige)
    terug = invoer.lees(pad)
    assert terug.ronde == 2
    assert terug.get("2.1").aanpak == "=1+1 is geen formule"
    assert terug.get("2.1").prioriteit is False  # the previous choice wins over the suggestion
    # The concept is in the file, but reads back as nobody's text: it is the machine's.
    assert "Winkeldiefstal verdubbelde." in pad.read_text(errors="ignore") or suffix == ".xlsx"
    assert terug.get("2.1").problematiek == ""
    assert terug.get("A2").extra == "- schouw\n- verlichting"
    if suffix == ".xlsx":
        ws = load_workbook(pad)[invoer.BLAD]
        assert ws.cell(_rijnummers(ws)["2.1"], KOP["aanpak"]).data_type == "s"
        assert ws.cell(_rijnummers(ws)["2.1"], KOP["problematiek"]).value == "Winkeldiefstal verdubbelde."


@pytest.mark.parametrize("doel, gemeente", [("d.txt", "GM9901"), ("d.xlsx", "9901"), ("d.yaml", "GM990")])
def test_wrong_file_type_or_gemeente_code_is_refused(tmp_path, doel, gemeente):
    with pytest.raises(InvoerFout):
        invoer.schrijf_sjabloon(tmp_path / doel, gemeente)
    assert not (tmp_path / doel).exists()


# --------------------------------------------------------------------------- reading back


def test_filled_xlsx_reads_back_literally(sjabloon, invulling):
    _vul(sjabloon, invulling)
    d = invoer.lees(sjabloon, gemeente="GM9901")
    assert d.gemeente == "GM9901" and len(d.sha256) == 64
    for (code, veld), tekst in invulling.items():
        waarde = getattr(d.get(code), veld)
        assert waarde == (True if tekst == "ja" else tekst), (code, veld)
    assert d.get("2.1").plek == f"{invoer.BLAD}!A{_rijnummers(load_workbook(sjabloon)[invoer.BLAD])['2.1']}"
    assert d.get("4.4").aanpak == "" and not d.leeg


@pytest.mark.parametrize("waarde, verwacht", [("ja", True), ("Nee", False), ("J", True), ("n", False),
                                              (True, True), (False, False), (None, None), ("  ", None)])
def test_prioriteit_values(sjabloon, waarde, verwacht):
    _vul(sjabloon, {("3.2", "prioriteit"): waarde})
    assert invoer.lees(sjabloon).get("3.2").prioriteit is verwacht


def _fout(pad) -> InvoerFout:
    with pytest.raises(InvoerFout) as info:
        invoer.lees(pad, gemeente="GM9901")
    return info.value


def test_missing_sheet_names_the_sheets_found(sjabloon):
    wb = load_workbook(sjabloon)
    wb[invoer.BLAD].title = "Blad1"
    wb.save(sjabloon)
    fout = _fout(sjabloon)
    assert fout.regel == "Drieslag!A1"
    assert "blad 'Drieslag' ontbreekt" in str(fout) and "Blad1" in str(fout)


def test_wrong_column_heading_names_cell_and_value(sjabloon):
    wb = load_workbook(sjabloon)
    wb[invoer.BLAD]["F1"] = "Aanpak"
    wb[invoer.BLAD]["K1"] = "Opmerkingen"
    wb.save(sjabloon)
    fout = _fout(sjabloon)
    assert [(f.regel, f.waarde) for f in fout.fouten] == [("Drieslag!F1", "Aanpak"), ("Drieslag!K1", "Opmerkingen")]
    assert "verwacht 'Huidige aanpak (beleid, maatregelen, knelpunten)'" in str(fout)


def test_merged_cells_are_refused(sjabloon):
    wb = load_workbook(sjabloon)
    wb[invoer.BLAD].merge_cells("F5:G5")
    wb.save(sjabloon)
    fout = _fout(sjabloon)
    assert fout.regel == "Drieslag!F5:G5" and "samengevoegde cellen" in str(fout)


def test_formula_is_refused_with_cell_and_formula(sjabloon):
    _vul(sjabloon, {("2.2", "aanpak"): "=HYPERLINK(\"http://x\",\"klik\")"}, als_tekst=False)
    fout = _fout(sjabloon)
    rij = _rijnummers(load_workbook(sjabloon)[invoer.BLAD])["2.2"]
    assert fout.regel == f"Drieslag!F{rij}"
    assert fout.waarde == '=HYPERLINK("http://x","klik")'
    assert "formule niet toegestaan" in str(fout) and "apostrof" in str(fout)


@pytest.mark.parametrize("vulling, kolom, deel", [
    ({("1.1", "aanpak"): "Buurtbemiddeling"}, "F", "aspecten A1 t/m A6"),
    ({("A4", "problematiek"): "Weinig animo"}, "E", "problematiek en prioriteit staan bij de thema's"),
    ({("5.3", "prioriteit"): "misschien"}, "H", "'ja' of 'nee'"),
])
def test_text_in_a_cell_that_does_not_apply_or_bad_priority(sjabloon, vulling, kolom, deel):
    _vul(sjabloon, vulling)
    [(code, _)] = vulling
    fout = _fout(sjabloon)
    assert fout.regel == f"Drieslag!{kolom}{_rijnummers(load_workbook(sjabloon)[invoer.BLAD])[code]}"
    assert deel in str(fout)


def test_unknown_and_double_codes_are_named_and_all_findings_collected(sjabloon):
    wb = load_workbook(sjabloon)
    ws = wb[invoer.BLAD]
    rij = _rijnummers(ws)
    ws.cell(rij["2.2"], 1).value = "2.9"
    ws.cell(rij["2.3"], 1).value = "2.1"
    ws.cell(rij["3.1"], 1).value = "1.3 "  # a stray space is forgiven, a double is not
    ws.cell(rij["3.2"], 1).value = "aspect 1.4"
    wb.save(sjabloon)
    fout = _fout(sjabloon)
    assert [(f.regel, f.waarde) for f in fout.fouten] == [
        (f"Drieslag!A{rij['2.2']}", "2.9"), (f"Drieslag!A{rij['2.3']}", "2.1"),
        (f"Drieslag!A{rij['3.1']}", "1.3"), (f"Drieslag!A{rij['3.2']}", "aspect 1.4")]
    tekst = str(fout)
    assert "4 problemen" in tekst and "twee keer" in tekst and "bedoelt u A4" in tekst


def test_other_gemeente_is_refused(tmp_path):
    pad = invoer.schrijf_sjabloon(tmp_path / "d.xlsx", "GM9902")
    fout = _fout(pad)
    assert fout.regel == "Toelichting!B3" and fout.waarde == "GM9902"


@pytest.mark.parametrize("inhoud, reden", [(b"geen zip", "geen leesbaar Excel-bestand"), (None, "bestaat niet")])
def test_unreadable_file(tmp_path, inhoud, reden):
    pad = tmp_path / "d.xlsx"
    if inhoud is not None:
        pad.write_bytes(inhoud)
    with pytest.raises(InvoerFout, match=reden):
        invoer.lees(pad)


def test_error_survives_pickling(sjabloon):
    _vul(sjabloon, {("5.3", "prioriteit"): "misschien"})
    fout = _fout(sjabloon)
    kopie = pickle.loads(pickle.dumps(fout))
    assert type(kopie) is InvoerFout and str(kopie) == str(fout)


# --------------------------------------------------------------------------- YAML


def test_yaml_template_round_trip_keeps_words_like_nee_and_no_as_text(tmp_path):
    pad = invoer.schrijf_sjabloon(tmp_path / "d.yaml", "GM9901", naam="Lindewaarde", indicatoren=_indicatoren())
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.startswith("# Veiligheidsanalyse") and "gemeente: GM9901" in tekst
    tekst = tekst.replace("'3.4':\n    naam: Veilig in en om de school\n    problematiek: ''",
                          "'3.4':\n    naam: Veilig in en om de school\n    problematiek: no")
    pad.write_text(tekst, encoding="utf-8")
    d = invoer.lees(pad, gemeente="GM9901")
    assert d.get("3.4").problematiek == "no"
    # Suggestions and concept text as the machine wrote them are not the werkgroep's.
    assert d.get("2.1").prioriteit is None and d.get("1.3").prioriteit is None
    assert d.get("2.1").problematiek == ""
    assert "problematiek: Winkeldiefstal verdubbelde." in tekst


@pytest.mark.parametrize("tekst, regel, deel", [
    ("gemeente: GM9901\nthemas:\n  '2.9':\n    aanpak: x\n", 3, "onbekende code"),
    ("gemeente: GM9901\nthemas:\n  A1:\n    aanpak: x\n", 3, "hoort onder 'aspecten'"),
    ("gemeente: GM9901\naspecten:\n  A1:\n    problematiek: x\n", 4, "horen alleen huidige aanpak"),
    ("gemeente: GM9901\nthemas:\n  '2.1':\n    aanpakk: x\n", 4, "onbekend veld"),
    ("gemeente: GM9901\nthema's: {}\n", 2, "onbekende sleutel"),
    ("gemeente: GM9901\nthemas:\n  '2.1':\n    aanpak: [a, b]\n", 4, "verwacht tekst"),
    ("gemeente: GM9901\nthemas:\n  '2.1': {aanpak: x\n", 4, "geen geldige YAML"),
])
def test_yaml_errors_name_the_line(tmp_path, tekst, regel, deel):
    pad = tmp_path / "d.yaml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(InvoerFout) as info:
        invoer.lees(pad)
    assert info.value.regel == regel
    assert deel in str(info.value)


def test_demo_input_is_valid_and_partly_filled(tmp_path):
    from ivpanalyse import demo

    d = invoer.lees(demo.genereer(tmp_path)["drieslag"], gemeente=demo.DEMO_GEMEENTE)
    assert d.get("2.1").aanpak and d.get("A1").extra and d.get("5.2").prioriteit is True
    assert not d.get("4.4").aanpak and not d.get("A3").aanpak


# --------------------------------------------------------------------------- command line


def test_cli_sjabloon_writes_the_template_and_rapport_refuses_a_bad_input(tmp_path):
    from ivpanalyse.cli import app

    runner = CliRunner()
    doel = tmp_path / "drieslag.xlsx"
    resultaat = runner.invoke(app, ["sjabloon", "--gemeente", "GM9901", "-o", str(doel)])
    assert resultaat.exit_code == 0, resultaat.output
    assert invoer.lees(doel, gemeente="GM9901").leeg

    _vul(doel, {("5.3", "prioriteit"): "misschien"})
    resultaat = runner.invoke(app, ["rapport", "--gemeente", "GM9901", "--data", str(tmp_path),
                                    "--invoer", str(doel), "-o", str(tmp_path / "uit")])
    assert resultaat.exit_code == 2
    assert "Invoerfout" in resultaat.output and "Drieslag!H" in resultaat.output and "misschien" in resultaat.output
    assert "Traceback" not in resultaat.output and not (tmp_path / "uit").exists()
