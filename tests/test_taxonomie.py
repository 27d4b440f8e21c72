"""Tests for ivpanalyse.taxonomie: content of the shipped YAML, lookups and validation."""

from __future__ import annotations

import copy
import json
import pickle

import pytest
import yaml

from ivpanalyse import taxonomie
from ivpanalyse.config import package_data
from ivpanalyse.errors import TaxonomieFout

CODES = [
    "1.1", "1.2", "1.3", "1.4",
    "2.1", "2.2", "2.3", "2.4", "2.5",
    "3.1", "3.2", "3.3", "3.4",
    "4.1", "4.2", "4.3", "4.4",
    "5.1", "5.2", "5.3", "5.4", "5.5",
]
VELDNAMEN = {
    1: "Veilige woon- en leefomgeving",
    2: "Bedrijvigheid en veiligheid",
    3: "Jeugd en veiligheid",
    4: "Fysieke veiligheid",
    5: "Integriteit en veiligheid",
}


@pytest.fixture
def ruwe_data() -> dict:
    """The shipped YAML as plain data, to mutate into broken variants."""
    with open(package_data("taxonomie.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def schrijf(tmp_path, data) -> str:
    pad = tmp_path / "taxonomie.yaml"
    pad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(pad)


def thema_in(data: dict, code: str) -> dict:
    return next(t for t in data["themas"] if t["code"] == code)


# --------------------------------------------------------------------------- content


def test_vijf_velden_met_namen_in_volgorde():
    assert [(v.code, v.naam) for v in taxonomie.velden()] == list(VELDNAMEN.items())
    assert taxonomie.veld(3).naam == "Jeugd en veiligheid"
    assert taxonomie.veld("4").code == 4


def test_precies_22_themas_met_de_juiste_codes():
    codes = [t.code for t in taxonomie.themas()]
    assert len(codes) == 22
    assert codes == CODES
    assert [len(v.themas) for v in taxonomie.velden()] == [4, 5, 4, 4, 5]


def test_veld_van_thema_klopt_met_codeprefix():
    for v in taxonomie.velden():
        for t in v.themas:
            assert t.veld == v.code == int(t.code.split(".")[0])


@pytest.mark.parametrize("code, naam, kort", [
    ("1.3", "Objectieve veiligheid/veelvoorkomende en 'high impact'-criminaliteit", "Objectieve veiligheid"),
    ("3.2", "Jeugdcriminaliteit/individuele probleemjongeren", "Jeugdcriminaliteit"),
    ("4.3", "Externe veiligheid/Omgevingsveiligheid", "Externe veiligheid"),
    ("5.3", "Weerbare overheid/weerbaar bestuur", "Weerbare overheid"),
    ("5.5", "Ambtelijke en bestuurlijke integriteit", "Integriteit"),
])
def test_officiele_en_korte_namen(code, naam, kort):
    t = taxonomie.thema(code)
    assert (t.naam, t.kort) == (naam, kort)


def test_alle_themas_zijn_ingevuld():
    for t in taxonomie.themas():
        assert t.naam and t.kort and t.beschrijving, t.code
        assert len(t.kort) <= 30, t.code
        assert t.raakvlakken, t.code
        assert isinstance(t.high_impact, bool)
        for ind in t.indicatoren:
            assert ind.naam and ind.bron, t.code
            assert ind.soort in {"objectief", "subjectief"}
    # Only 5.5 lacks sources in the handbook; most thema's do list indicators.
    assert [t.code for t in taxonomie.themas() if not t.bronnen] == ["5.5"]
    assert sum(1 for t in taxonomie.themas() if t.indicatoren) >= 20


def test_subjectieve_veiligheid_heeft_alleen_subjectieve_indicatoren():
    soorten = {i.soort for i in taxonomie.thema("1.4").indicatoren}
    assert soorten == {"subjectief"}
    assert "Veiligheidsmonitor" in taxonomie.thema("1.4").bronnen


def test_high_impact():
    assert taxonomie.thema("1.3").high_impact
    assert not taxonomie.thema("4.1").high_impact


def test_elk_raakvlak_verwijst_naar_bestaand_ander_thema():
    for t in taxonomie.themas():
        for r in t.raakvlakken:
            assert r != t.code
            assert taxonomie.thema(r).code == r
        assert list(t.raakvlakken) == sorted(t.raakvlakken, key=lambda c: tuple(map(int, c.split("."))))
    # Spot checks against the handbook (section i).
    assert "5.3" in taxonomie.thema("1.1").raakvlakken
    assert taxonomie.thema("4.4").raakvlakken == ("2.1", "2.2", "2.3", "2.4", "2.5", "4.2", "4.3")


def test_zes_aspecten_met_eigen_ids():
    aspecten = taxonomie.aspecten()
    assert [a.id for a in aspecten] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    assert [a.handboeknummer for a in aspecten] == ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"]
    assert aspecten[0].naam == "Infrastructuur"
    assert aspecten[5].naam == "Aanpak van specifieke criminaliteitsfenomenen"
    for a in aspecten:
        assert a.naam and a.beschrijving
        assert 1 <= len(a.voorbeelden) <= 8
    assert taxonomie.aspect("a4") is aspecten[3]


def test_aspect_met_handboeknummer_geeft_hint():
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.aspect("1.3")
    assert "A3" in str(exc.value) and "'1.3'" in str(exc.value)


def test_drie_strategische_themas():
    tags = [s.tag for s in taxonomie.strategische_themas()]
    assert tags == ["gedigitaliseerde_criminaliteit", "zorg_en_veiligheid", "informatiemanagement"]
    assert taxonomie.strategisch_thema("zorg_en_veiligheid").naam == "Zorg en Veiligheid"
    for s in taxonomie.strategische_themas():
        assert s.naam and s.beschrijving
    for t in taxonomie.themas():
        assert set(t.strategisch) <= set(tags)
    assert "gedigitaliseerde_criminaliteit" in taxonomie.thema("5.4").strategisch


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize("invoer, code", [
    ("Veilige Publieke Taak", "5.3"),
    ("veilige publieke taak", "5.3"),
    ("  Weerbare overheid / weerbaar bestuur ", "5.3"),
    ("5.3", "5.3"),
    ("Objectieve veiligheid/veelvoorkomende en high impact crime", "1.3"),
    ("Objectieve veiligheid/veel voorkomende en ‘high impact’-criminaliteit", "1.3"),
    ("Jeugdcriminaliteit, individuele probleemjongeren", "3.2"),
    ("Omgevingsveiligheid", "4.3"),
    ("Informatie-veiligheid", "5.4"),
    ("Ondermijning", "5.2"),
])
def test_zoek_thema_op_naam_variant_of_code(invoer, code):
    assert taxonomie.zoek_thema(invoer).code == code


def test_zoek_thema_accepteert_thema():
    t = taxonomie.thema("2.3")
    assert taxonomie.zoek_thema(t) is t


def test_onbekende_code_geeft_nederlandse_melding_met_waarde_en_suggestie():
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.thema("2.6")
    melding = str(exc.value)
    assert melding.startswith("Taxonomiefout")
    assert "'2.6'" in melding
    assert "onbekend veiligheidsthema" in melding
    assert "Bedoelde u" in melding and "2.5" in melding
    assert exc.value.waarde == "2.6"


def test_thema_zoekt_niet_op_naam_maar_zoek_thema_geeft_suggestie():
    with pytest.raises(TaxonomieFout):
        taxonomie.thema("Jeugdoverlast")
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.zoek_thema("Jeugdoverlst")
    assert "'Jeugdoverlst'" in str(exc.value) and "3.1 (Jeugdoverlast)" in str(exc.value)


def test_onbekend_veld():
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.veld(6)
    assert "onbekend veiligheidsveld" in str(exc.value) and "6" in str(exc.value)


def test_fout_overleeft_pickle():
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.thema("9.9")
    kopie = pickle.loads(pickle.dumps(exc.value))
    assert str(kopie) == str(exc.value)


# --------------------------------------------------------------------------- output


def test_als_dict_is_json_serialiseerbaar_en_compleet():
    data = json.loads(json.dumps(taxonomie.als_dict(), ensure_ascii=False))
    assert [v["code"] for v in data["velden"]] == [1, 2, 3, 4, 5]
    codes = [t["code"] for v in data["velden"] for t in v["themas"]]
    assert codes == CODES
    eerste = data["velden"][0]["themas"][0]
    assert set(eerste) >= {"naam", "kort", "namen", "bronnen", "indicatoren", "raakvlakken",
                           "strategisch", "high_impact", "beschrijving", "veld"}
    assert len(data["aspecten"]) == 6 and len(data["strategische_themas"]) == 3
    # A fresh dict each call: mutating it does not touch the cache.
    data2 = taxonomie.als_dict()
    data2["velden"].clear()
    assert len(taxonomie.als_dict()["velden"]) == 5


def test_als_tekst():
    tekst = taxonomie.als_tekst()
    assert "Veld 1: Veilige woon- en leefomgeving" in tekst
    assert "5.3  Weerbare overheid" in tekst
    assert "A6  Aanpak van specifieke criminaliteitsfenomenen" in tekst
    assert "raakvlakken:" in tekst
    assert "Zorg en Veiligheid" in tekst
    assert tekst.index("Veld 1") < tekst.index("A1") < tekst.index("Veld 2")


# --------------------------------------------------------------------------- loading and validation


def test_laad_pakketbestand_gelijk_aan_cache():
    assert taxonomie.laad(package_data("taxonomie.yaml")) == taxonomie._standaard()


def test_laad_herschreven_bestand(tmp_path, ruwe_data):
    tax = taxonomie.laad(schrijf(tmp_path, ruwe_data))
    assert [t.code for t in tax.themas] == CODES


def test_numerieke_volgorde(tmp_path, ruwe_data):
    extra = copy.deepcopy(thema_in(ruwe_data, "2.5"))
    extra.update(code="2.10", naam="Testthema", kort="Testthema", namen=[])
    ruwe_data["themas"].insert(0, extra)
    tax = taxonomie.laad(schrijf(tmp_path, ruwe_data))
    codes = [t.code for t in tax.themas]
    assert codes.index("2.10") == codes.index("2.5") + 1
    assert [t.code for t in tax.velden[1].themas][-1] == "2.10"


def _dangling(d):
    thema_in(d, "1.1")["raakvlakken"].append("9.9")
    return "9.9"


def _dubbel(d):
    thema_in(d, "2.2")["code"] = "2.1"
    return "2.1"


def _veld_mismatch(d):
    thema_in(d, "3.4")["veld"] = 4
    return "4"


def _onbekende_tag(d):
    thema_in(d, "5.4")["strategisch"] = ["cyberweerbaarheid"]
    return "cyberweerbaarheid"


def _vijf_aspecten(d):
    del d["aspecten"][-1]
    return "5"


def _verkeerde_soort(d):
    thema_in(d, "1.4")["indicatoren"][0]["soort"] = "gevoel"
    return "gevoel"


def _code_als_getal(d):
    thema_in(d, "1.2")["code"] = 1.2
    return "1.2"


def _zelfverwijzing(d):
    thema_in(d, "4.2")["raakvlakken"].append("4.2")
    return "4.2"


def _dubbele_naam(d):
    thema_in(d, "4.1")["namen"] = ["Brandveiligheid"]
    return "brandveiligheid"


@pytest.mark.parametrize("breek", [
    _dangling, _dubbel, _veld_mismatch, _onbekende_tag, _vijf_aspecten, _verkeerde_soort,
    _code_als_getal, _zelfverwijzing, _dubbele_naam,
], ids=lambda f: f.__name__.lstrip("_"))
def test_kapotte_yaml_geeft_taxonomiefout(tmp_path, ruwe_data, breek):
    waarde = breek(ruwe_data)
    pad = schrijf(tmp_path, ruwe_data)
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.laad(pad)
    melding = str(exc.value)
    assert melding.startswith("Taxonomiefout")
    assert pad in melding
    assert waarde in melding


def test_meerdere_fouten_tegelijk(tmp_path, ruwe_data):
    _dangling(ruwe_data)
    _dubbel(ruwe_data)
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.laad(schrijf(tmp_path, ruwe_data))
    assert len(exc.value.fouten) >= 2
    assert "problemen gevonden" in str(exc.value)


def test_ongeldige_yaml(tmp_path):
    pad = tmp_path / "kapot.yaml"
    pad.write_text("themas: [\n  - code: '1.1'\n", encoding="utf-8")
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.laad(pad)
    assert "geen geldige YAML" in str(exc.value) and str(pad) in str(exc.value)


def test_ontbrekend_bestand(tmp_path):
    pad = tmp_path / "bestaat_niet.yaml"
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.laad(pad)
    assert "bestaat niet" in str(exc.value) and str(pad) in str(exc.value)
    assert exc.value.code == "bestand-ontbreekt"


def test_geen_mapping(tmp_path):
    pad = tmp_path / "lijst.yaml"
    pad.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(TaxonomieFout, match="mapping"):
        taxonomie.laad(pad)


def test_elke_bevinding_noemt_regel_sleutelpad_en_waarde(tmp_path, ruwe_data):
    _dangling(ruwe_data)
    pad = schrijf(tmp_path, ruwe_data)
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.laad(pad)
    fout = exc.value.fouten[0]
    index = [t["code"] for t in ruwe_data["themas"]].index("1.1")
    assert (fout.bestand, fout.kolom, fout.waarde, fout.code) == (
        pad, f"themas[{index}].raakvlakken[{len(thema_in(ruwe_data, '1.1')['raakvlakken']) - 1}]", "9.9",
        "onbekend-thema")
    assert "9.9" in open(pad, encoding="utf-8").read().splitlines()[fout.regel - 1]


@pytest.mark.parametrize("oud, nieuw, reden, sleutelpad", [
    ('    kort: "Sociale kwaliteit"\n', '    kort: "Sociale kwaliteit"\n    kort: "Sociaal"\n',
     "dubbele sleutel", "themas[0].kort"),
    ('    kort: "Sociale kwaliteit"\n', '    kortt: "Sociale kwaliteit"\n', "onbekende sleutel", "themas[0].kortt"),
])
def test_dubbele_en_onbekende_sleutels_zijn_fouten(tmp_path, oud, nieuw, reden, sleutelpad):
    tekst = package_data("taxonomie.yaml").read_text(encoding="utf-8")
    assert oud in tekst
    pad = tmp_path / "taxonomie.yaml"
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")
    with pytest.raises(TaxonomieFout) as exc:
        taxonomie.laad(pad)
    fout = next(f for f in exc.value.fouten if reden in f.reden)
    assert fout.kolom == sleutelpad and fout.hint
    assert sleutelpad.rsplit(".", 1)[1] in pad.read_text(encoding="utf-8").splitlines()[fout.regel - 1]
