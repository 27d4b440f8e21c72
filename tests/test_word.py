"""The report as a Word document: opened with python-docx, headings per veld and thema, per thema with figures
one table and one chart, Dutch numbers, the summary as IVP chapter 1 and the college version."""

from __future__ import annotations

import re
from datetime import date

import pytest

docx = pytest.importorskip("docx")

from ivpanalyse import api, invoer, taxonomie  # noqa: E402
from ivpanalyse.opmaak import decimalen, getal  # noqa: E402
from ivpanalyse.rapport import model, weergave, word  # noqa: E402

VRAAG = "Kunnen we de cijfers per wijk krijgen?"


@pytest.fixture(scope="module")
def rapport(demo_data, tmp_path_factory):
    """The demo gemeente's report model, with werkgroep text, partner input and a combined priority."""
    pad = invoer.schrijf_yaml(
        tmp_path_factory.mktemp("word") / "drieslag.yaml", "GM9901", "Lindewaarde",
        {"1.3": {"problematiek": "Woninginbraak daalt.\n\n- Centrum blijft hoog"},
         "2.1": {"aanpak": "Keurmerk Veilig Ondernemen.", "prioriteit": "ja", "motivering": "Stijging sinds 2022."},
         "S1": {"problematiek": "Phishing bij ouderen neemt toe."}},
        partners=(invoer.Bijdrage("1.3", "Politie basisteam", date(2024, 3, 12), "problematiek",
                                  "Inbraken rond het station.", VRAAG),),
        combinaties=(invoer.Combinatie("Veilig uitgaan en evenementen", ("2.3", "2.4"), "Eén aanpak."),))
    a = api.analyse("GM9901", [demo_data])
    return a, pad


def _model(rapport, opmerkingen: bool = True) -> model.Rapport:
    a, pad = rapport
    return model.Rapport(a, api.drieslag(pad, "GM9901", opmerkingen=opmerkingen), {"opmerkingen": opmerkingen})


def _blokken(pad):
    """The body in order: ("kop", level, text), ("tabel", table) and ("beeld", alt text) items."""
    d = docx.Document(str(pad))
    uit = []
    tabellen = iter(d.tables)
    for el in d.element.body.iterchildren():
        if el.tag.endswith("}tbl"):
            uit.append(("tabel", next(tabellen)))
            continue
        if not el.tag.endswith("}p"):
            continue
        stijl = el.xpath("./w:pPr/w:pStyle/@w:val")
        tekst = "".join(el.xpath(".//w:t/text()"))
        if stijl and re.fullmatch(r"Heading(\d)|Title", stijl[0]):
            niveau = 0 if stijl[0] == "Title" else int(stijl[0][-1])
            uit.append(("kop", niveau, tekst))
        for alt in el.xpath(".//wp:docPr/@descr"):
            uit.append(("beeld", alt))
        if tekst and not stijl or (stijl and not stijl[0].startswith(("Heading", "Title"))):
            uit.append(("tekst", tekst))
    return d, uit


def _secties(uit, niveau: int) -> dict[str, list]:
    """Items under each heading of ``niveau`` up to the next heading of that level or higher."""
    secties, huidig = {}, None
    for item in uit:
        if item[0] == "kop" and item[1] <= niveau:
            huidig = item[2] if item[1] == niveau else None
            if huidig:
                secties[huidig] = []
            continue
        if huidig:
            secties[huidig].append(item)
    return secties


def test_docx_has_headings_per_veld_and_thema_and_one_table_and_chart_per_thema_with_figures(rapport, tmp_path):
    r = _model(rapport)
    pad = word.schrijf(r, tmp_path / "GM9901.docx")
    d, uit = _blokken(pad)
    koppen = [(i[1], i[2]) for i in uit if i[0] == "kop"]
    assert koppen[0] == (0, "Veiligheidsanalyse Lindewaarde")
    assert [k for n, k in koppen if n == 1 and k.startswith("Veld")] == [
        f"Veld {v.code}: {v.naam}" for v in taxonomie.velden()]
    themas = _secties(uit, 2)
    met_cijfers = [t for t in taxonomie.themas() if r.reeks(t.code)["aantal"].notna().any()]
    assert len(met_cijfers) >= 5  # the demo has figures for most thema's of velden 1-3
    for t in taxonomie.themas():
        sectie = themas[f"{t.code} {t.naam}"]
        beelden = [i for i in sectie if i[0] == "beeld"]
        tabellen = [i[1] for i in sectie if i[0] == "tabel"]
        if t in met_cijfers:
            assert len(beelden) == 1 and len(tabellen) == 1, t.code
            assert beelden[0][1].startswith(f"Lijngrafiek {t.kort}")
            # Dutch numbers: the last year's count and rate, as the report formats them.
            # A rate gets one decimal, more when the table holds rates below 0,1 (never "0,0").
            jaren = r.reeks(t.code).dropna(subset=["aantal"]).tail(5)
            laatste = jaren.iloc[-1]
            kolommen = [k for k in ["per_1000", *weergave.BENCHMARK_LABELS] if jaren[k].notna().any()]
            dec = decimalen(*jaren[kolommen].to_numpy().ravel(), onderscheid=False)
            assert dec == 1 or jaren[kolommen].min().min() < 0.1
            cellen = [c.text for c in tabellen[0].rows[-1].cells]
            assert cellen[1] == getal(laatste["aantal"]) and cellen[2] == getal(laatste["per_1000"], dec)
        else:
            assert not beelden and not tabellen, t.code
    # Every picture is a real image part, and thousands use a point, decimals a comma.
    assert len(d.inline_shapes) == len(met_cijfers)
    overzicht = next(i[1] for i in uit if i[0] == "tabel")
    assert [c.text for c in overzicht.rows[0].cells][:4] == ["Thema", "Jaar", "Aantal", "Per 1.000 inw."]
    getallen = [c.text for rij in overzicht.rows[1:] for c in rij.cells[2:5]]
    assert any(re.fullmatch(r"\d{1,3}(\.\d{3})+", g) for g in getallen)
    assert all(re.fullmatch(r"–|\d{1,3}(\.\d{3})*(,\d)?", g) for g in getallen), getallen
    # The werkgroep's text, the concept, strategische thema's, the combined priority, partner input.
    tekst = "\n".join(i[1] for i in uit if i[0] == "tekst")
    assert "Woninginbraak daalt." in tekst and "Centrum blijft hoog" in tekst
    assert "Phishing bij ouderen neemt toe." in tekst
    assert (2, "Zorg en Veiligheid") in koppen and (1, "Strategische thema's") in koppen
    assert "Veilig uitgaan en evenementen (combinatie van 2.3 Veilig uitgaan en 2.4 Veilige evenementen)" in tekst
    assert VRAAG in tekst


def test_docx_college_version_has_no_open_questions(rapport, tmp_path):
    pad = word.schrijf(_model(rapport, opmerkingen=False), tmp_path / "college.docx")
    _, uit = _blokken(pad)
    tekst = "\n".join(i[1] for i in uit if i[0] == "tekst")
    tabellen = "\n".join(c.text for i in uit if i[0] == "tabel" for rij in i[1].rows for c in rij.cells)
    assert VRAAG not in tekst + tabellen
    assert "Politie basisteam" in tekst + tabellen and "Versie voor het college" in tekst


def test_docx_summary_is_ivp_chapter_one(rapport, tmp_path):
    pad = word.schrijf(_model(rapport), tmp_path / "h1.docx", deel="samenvatting")
    _, uit = _blokken(pad)
    koppen = [(i[1], i[2]) for i in uit if i[0] == "kop"]
    assert koppen[0] == (1, "1 Uitgangssituatie")
    assert [k for _, k in koppen] == ["1 Uitgangssituatie", "Veiligheidsbeeld", "Huidige aanpak",
                                      "Voorgestelde prioriteiten"]
    assert sum(i[0] == "tabel" for i in uit) == 1


def test_api_rapport_writes_docx_and_refuses_an_unknown_format(demo_data, tmp_path):
    from ivpanalyse.errors import ConfigFout

    pad = api.rapport("GM9901", [demo_data], tmp_path / "uit", formaat="docx", deel="samenvatting")
    assert pad == tmp_path / "uit" / "GM9901_samenvatting.docx" and docx.Document(str(pad)).paragraphs
    with pytest.raises(ConfigFout, match="formaat"):
        api.rapport("GM9901", [demo_data], tmp_path / "uit", formaat="pdf")
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["GM9901_samenvatting.docx"]


def test_cli_rapport_writes_the_college_summary_as_docx(demo_data, tmp_path):
    from click.testing import CliRunner

    from ivpanalyse.cli import app

    resultaat = CliRunner().invoke(app, ["rapport", "--gemeente", "GM9901", "--data", str(demo_data), "-o",
                                         str(tmp_path), "--formaat", "docx", "--deel", "samenvatting",
                                         "--zonder-opmerkingen"], prog_name="ivpanalyse")
    assert resultaat.exit_code == 0, resultaat.output
    d = docx.Document(str(tmp_path / "GM9901_samenvatting.docx"))
    assert d.paragraphs[0].text == "1 Uitgangssituatie" and d.paragraphs[0].style.name == "Heading 1"
