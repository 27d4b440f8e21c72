"""The one YAML loader: line marks, duplicate keys (in all three of the project's YAML files), Dutch syntax errors."""

import pickle

import pytest

from ivpanalyse import invoer, taxonomie, yamlbestand
from ivpanalyse.batch import config as basisteam
from ivpanalyse.config import package_data
from ivpanalyse.errors import ConfigFout, InvoerFout, TaxonomieFout


def test_maps_and_lists_remember_their_lines(tmp_path):
    pad = tmp_path / "a.yaml"
    pad.write_text("a: 1\nb:\n  - x\n  - c: 2\n    d: [3, 4]\n", encoding="utf-8")
    data, fouten = yamlbestand.lees(pad, ConfigFout)
    assert fouten == []
    assert data == {"a": 1, "b": ["x", {"c": 2, "d": [3, 4]}]}
    assert data.regels == {"a": 1, "b": 2} and data["b"].regels == [3, 4]
    assert data["b"][1].regels == {"c": 4, "d": 5}


def test_text_mode_keeps_every_scalar_as_written(tmp_path):
    pad = tmp_path / "a.yaml"
    pad.write_text("\ufeffa: no\nb: 2.10\nc: 2024-01-01\nd: ~\ne:\n", encoding="utf-8")
    data, _ = yamlbestand.lees(pad, InvoerFout, tekst=True)
    assert data == {"a": "no", "b": "2.10", "c": "2024-01-01", "d": None, "e": None}


@pytest.mark.parametrize("tekst, regel, deel", [
    ("a: [1, 2\nb: 3\n", 2, "verwacht ',' of ']'"),
    ("a:\n\t- b\n", 2, "tab"),
    ("a: b: c\n", 1, "een ':' op een plek waar dat niet mag"),
    ("a: 'tekst\n", 2, "houdt onverwacht op"),
])
def test_syntax_errors_are_dutch_with_line_and_hint(tmp_path, tekst, regel, deel):
    pad = tmp_path / "a.yaml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(ConfigFout) as info:
        yamlbestand.lees(pad, ConfigFout)
    assert (info.value.regel, info.value.code) == (regel, "geen-yaml")
    assert deel in str(info.value) and "geen geldige YAML" in str(info.value) and info.value.hint


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(InvoerFout, match="bestaat niet") as info:
        yamlbestand.lees(tmp_path / "weg.yaml", InvoerFout)
    assert info.value.code == "bestand-ontbreekt"
    pad = tmp_path / "latin1.yaml"
    pad.write_bytes("naam: Sûdwest\n".encode("latin-1"))
    with pytest.raises(InvoerFout, match="geen UTF-8"):
        yamlbestand.lees(pad, InvoerFout)


def _taxonomie(tmp_path):
    tekst = package_data("taxonomie.yaml").read_text(encoding="utf-8")
    oud = '  - code: 1\n    naam: "Veilige woon- en leefomgeving"\n'
    assert oud in tekst
    pad = tmp_path / "taxonomie.yaml"
    pad.write_text(tekst.replace(oud, oud + '    naam: "Woonomgeving"\n'), encoding="utf-8")
    regel = tekst.splitlines().index('    naam: "Veilige woon- en leefomgeving"') + 2
    return pad, lambda: taxonomie.laad(pad), TaxonomieFout, regel, "velden[0].naam"


def _config(tmp_path):
    (tmp_path / "data").mkdir()
    pad = tmp_path / "b.yaml"
    pad.write_text("basisteams:\n  - naam: A\n    data: [data]\n    gemeenten: [GM0158]\n    naam: B\n",
                   encoding="utf-8")
    return pad, lambda: basisteam.laad(pad), ConfigFout, 5, "basisteams[0].naam"


def _drieslag(tmp_path):
    pad = tmp_path / "d.yaml"
    pad.write_text("gemeente: GM0158\nthemas:\n  '2.1':\n    aanpak: eerste\n    aanpak: tweede\n", encoding="utf-8")
    return pad, lambda: invoer.lees(pad), InvoerFout, 5, "themas['2.1'].aanpak"


@pytest.mark.parametrize("maak", [_taxonomie, _config, _drieslag], ids=["taxonomie", "batch", "drieslag"])
def test_duplicate_keys_are_an_error_in_all_three_files(tmp_path, maak):
    pad, laad, soort, regel, sleutelpad = maak(tmp_path)
    with pytest.raises(soort) as info:
        laad()
    fout = next(f for f in info.value.fouten if f.code == "dubbele-sleutel")
    assert (fout.bestand, fout.regel, fout.kolom) == (str(pad.resolve()) if soort is ConfigFout else str(pad),
                                                     regel, sleutelpad)
    assert "eerder op regel" in fout.reden and fout.hint
    assert str(pickle.loads(pickle.dumps(info.value))) == str(info.value)
