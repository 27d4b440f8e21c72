import pickle
import textwrap

import pytest

from ivpanalyse import demo
from ivpanalyse.batch import config as basisteam
from ivpanalyse.errors import ConfigFout


@pytest.fixture
def map_(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "misdrijven.csv").write_text("x\n", encoding="utf-8")
    (tmp_path / "drieslag").mkdir()
    (tmp_path / "drieslag" / "hengelo.yaml").write_text("gemeente: GM0164\n", encoding="utf-8")
    return tmp_path


def schrijf(map_, tekst):
    pad = map_ / "basisteams.yaml"
    pad.write_text(textwrap.dedent(tekst), encoding="utf-8")
    return pad


GOED = """\
    versie: 1
    standaard:
      data: [data]
      rapport: {jaar_van: 2016}
    basisteams:
      - naam: Basisteam Twente-West
        bovenlokaal_minimaal: 2
        uitvoer: uit/twente
        gemeenten:
          - GM0158
          - code: GM0164
            naam: Hengelo
            drieslag: drieslag/hengelo.yaml
      - naam: Samenwerking Noord
        soort: samenwerkingsverband
        timeout: 60
        rapport: {jaar_tot: 2022}
        gemeenten: [GM0014]
"""


def test_valid_file_gives_dataclasses_with_paths_relative_to_the_file(map_):
    cfg = basisteam.laad(schrijf(map_, GOED))
    bt = cfg.basisteam("basisteam twente-west")  # case-insensitive
    assert bt.codes == ["GM0158", "GM0164"]
    assert all(isinstance(c, str) for c in bt.codes)
    assert bt.gemeenten[0].data == ((map_ / "data").resolve(),)
    assert bt.gemeente("GM0164").drieslag == (map_ / "drieslag" / "hengelo.yaml").resolve()
    assert bt.gemeente("GM0164").naam == "Hengelo"
    assert bt.uitvoer == (map_ / "uit" / "twente").resolve()
    assert bt.parameters == {"jaar_van": 2016}
    assert bt.drempel_bovenlokaal == 2
    noord = cfg.basisteam("Samenwerking Noord")
    assert noord.soort == "samenwerkingsverband" and noord.timeout == 60
    assert noord.parameters == {"jaar_van": 2016, "jaar_tot": 2022}  # merged with the defaults
    assert noord.drempel_bovenlokaal == 1


@pytest.mark.parametrize("aantal, drempel", [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3)])
def test_default_threshold_is_a_strict_majority(aantal, drempel):
    bt = basisteam.Basisteam("x", tuple(basisteam.GemeenteInstelling(f"GM000{i}", None, ()) for i in range(aantal)))
    assert bt.drempel_bovenlokaal == drempel


@pytest.mark.parametrize("oud, nieuw, sleutelpad, waarde, reden", [
    ("- GM0158", "- GM9999X", "basisteams[0].gemeenten[0]", "GM9999X", "vorm GMxxxx"),
    ("- GM0158", "- GM1234", "basisteams[0].gemeenten[0]", "GM1234", "onbekende gemeente"),
    ("- GM0158", "- GM1671", "basisteams[0].gemeenten[0]", "GM1671", "bestaat niet meer"),  # Maasdonk, split 2015
    ("- code: GM0164", "- code: GM0158", "basisteams[0].gemeenten[1]", "GM0158", "dubbele gemeente"),
    ("drieslag/hengelo.yaml", "drieslag/weg.yaml", "basisteams[0].gemeenten[1].drieslag", "drieslag/weg.yaml",
     "bestaat niet"),
    ("data: [data]", "data: [geen-map]", "standaard.data[0]", "geen-map", "bestaat niet"),
    ("{jaar_van: 2016}", "{jaar_van: '2016'}", "standaard.rapport.jaar_van", "2016", "verkeerd type"),
    ("{jaar_van: 2016}", "{kleur: rood}", "standaard.rapport.kleur", "rood", "onbekende notebookparameter"),
    ("bovenlokaal_minimaal: 2", "bovenlokaal_minimaal: 7", "basisteams[0].bovenlokaal_minimaal", 7, "groter dan"),
    ("bovenlokaal_minimaal: 2", "bovenlkaal: 2", "basisteams[0].bovenlkaal", "bovenlkaal",
     "bedoelde u 'bovenlokaal_minimaal'"),
])
def test_invalid_entries_name_file_line_key_path_and_value(map_, oud, nieuw, sleutelpad, waarde, reden):
    tekst = GOED.replace(oud, nieuw, 1)
    pad = schrijf(map_, tekst)
    with pytest.raises(ConfigFout) as info:
        basisteam.laad(pad)
    fout = next(f for f in info.value.fouten if reden in f.tekst())
    assert fout.bestand == str(pad.resolve())
    assert fout.kolom == sleutelpad
    assert fout.waarde == waarde
    assert str(waarde) in textwrap.dedent(tekst).splitlines()[fout.regel - 1]
    # One Dutch message naming every place; it survives a trip to another process.
    assert reden in str(info.value) and f"regel {fout.regel}" in str(info.value)
    assert str(pickle.loads(pickle.dumps(info.value))) == str(info.value)


def test_all_problems_are_reported_at_once(map_):
    tekst = GOED.replace("- GM0158", "- GM1234").replace("naam: Samenwerking Noord", "naam: Basisteam Twente-West")
    with pytest.raises(ConfigFout) as info:
        basisteam.laad(schrijf(map_, tekst))
    redenen = [f.reden for f in info.value.fouten]
    assert any("onbekende gemeente" in r for r in redenen)
    assert any("dubbele naam" in r for r in redenen)


def test_duplicate_yaml_key_is_an_error_not_an_overwrite(map_):
    tekst = GOED.replace("        uitvoer: uit/twente\n", "        uitvoer: uit/twente\n        uitvoer: uit/ander\n")
    with pytest.raises(ConfigFout, match="dubbele sleutel") as info:
        basisteam.laad(schrijf(map_, tekst))
    fout = info.value.fouten[0]
    assert (fout.regel, fout.kolom, fout.code) == (9, "basisteams[0].uitvoer", "dubbele-sleutel")
    assert "eerder op regel 8" in fout.reden and fout.hint


def test_every_finding_has_a_reason_code_and_unknown_keys_a_suggestion(map_):
    tekst = GOED.replace("- GM0158", "- GM1234").replace("soort: samenwerkingsverband", "sort: x")
    with pytest.raises(ConfigFout) as info:
        basisteam.laad(schrijf(map_, tekst))
    assert all(f.code for f in info.value.fouten)
    onbekend = next(f for f in info.value.fouten if f.code == "onbekende-sleutel")
    assert onbekend.kolom == "basisteams[1].sort" and onbekend.hint == "bedoelde u 'soort'?"


def test_gemeente_code_must_be_text(map_):
    with pytest.raises(ConfigFout, match="geen tekst") as info:
        basisteam.laad(schrijf(map_, GOED.replace("- GM0158", "- 158")))
    assert info.value.fouten[0].waarde == 158


@pytest.mark.parametrize("tekst, reden", [
    ("basisteams: [", "geen geldige YAML"),
    ("- a\n- b\n", "verwacht een mapping"),
    ("basisteams: []\n", "minstens één basisteam"),
    ("versie: 2\nbasisteams: [{naam: x, gemeenten: [GM0158], data: data}]\n", "onbekende versie"),
    ("basisteams: [{naam: x, gemeenten: [GM0158]}]\n", "geen data"),
])
def test_broken_files(map_, tekst, reden):
    with pytest.raises(ConfigFout, match=reden):
        basisteam.laad(schrijf(map_, tekst))


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigFout, match="bestaat niet"):
        basisteam.laad(tmp_path / "weg.yaml")


def test_unknown_basisteam_suggests_the_closest_name(map_):
    cfg = basisteam.laad(schrijf(map_, GOED))
    with pytest.raises(ConfigFout, match="Basisteam Twente-West"):
        cfg.basisteam("Twente West")


def test_demo_ships_a_valid_config_for_all_demo_gemeenten(tmp_path):
    paden = demo.genereer(tmp_path)
    cfg = basisteam.laad(paden["basisteam"])
    bt = cfg.basisteam(demo.BASISTEAM)
    assert bt.codes == [g.code for g in demo.GEMEENTEN]
    assert [g.naam for g in bt.gemeenten] == [g.naam for g in demo.GEMEENTEN]
    assert all(g.data == (tmp_path.resolve(),) for g in bt.gemeenten)
    assert "#" in paden["basisteam"].read_text(encoding="utf-8")  # documented in place
