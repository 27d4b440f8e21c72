import pickle

import pytest

from ivpanalyse import errors
from ivpanalyse.errors import ConfigFout, Fout, InleesFout, IvpFout, RapportFout


def _alle_klassen(basis=IvpFout):
    uit = [basis]
    for sub in basis.__subclasses__():
        uit += _alle_klassen(sub)
    return uit


def test_message_names_file_line_column_and_value():
    fout = InleesFout("geen getal", bestand="cijfers.csv", regel=7, kolom="aantal", waarde="twaalf")
    assert str(fout) == "Inleesfout: bestand cijfers.csv, regel 7, kolom 'aantal', waarde 'twaalf': geen getal"


def test_hint_follows_the_reason_and_code_is_an_attribute():
    fout = ConfigFout("onbekende sleutel", bestand="b.yaml", regel=3, kolom="basisteams[0].sort", waarde="sort",
                      code="onbekende-sleutel", hint="bedoelde u 'soort'?")
    assert str(fout).endswith(": onbekende sleutel; bedoelde u 'soort'?")
    assert (fout.code, fout.hint, fout.kolom) == ("onbekende-sleutel", "bedoelde u 'soort'?", "basisteams[0].sort")


def test_cell_is_named_as_cell():
    fout = ConfigFout("formule niet toegestaan", bestand="drieslag.xlsx", regel="Thema's!C4", waarde="=1+1")
    assert "cel Thema's!C4" in str(fout)


def test_collected_findings_are_listed():
    fout = InleesFout(fouten=[Fout("a", "f.csv", 2), Fout("b", "f.csv", 3)])
    assert "2 problemen" in str(fout) and "regel 3" in str(fout)


def test_every_error_class_is_exported_and_tested_below():
    assert {k.__name__ for k in _alle_klassen()} <= set(errors.__all__)


@pytest.mark.parametrize("cls", _alle_klassen(), ids=lambda c: c.__name__)
def test_every_error_class_survives_pickling_with_its_findings(cls):
    fout = cls("kapot", bestand="x", regel=1, kolom="k", waarde=5, code="iets", hint="doe dit")
    fout.fouten.append(Fout("ook kapot", "y", "Blad!A1", None, None, "ander"))
    terug = pickle.loads(pickle.dumps(fout))
    assert type(terug) is cls and str(terug) == str(fout)
    assert terug.fouten == fout.fouten and terug.waarde == 5 and terug.code == "iets"


def test_rapportfout_carries_notebook_cell_and_exception_and_builds_its_message():
    fout = RapportFout(notebook="uit/GM9901.mislukt.ipynb", cel=3, ename="FileNotFoundError",
                       evalue="data/x.csv", bestand="veiligheidsanalyse.ipynb")
    assert (fout.notebook, fout.cel, fout.ename, fout.evalue) == (
        "uit/GM9901.mislukt.ipynb", 3, "FileNotFoundError", "data/x.csv")
    assert fout.oorzaak == "notebook mislukt in cel 3: FileNotFoundError: data/x.csv"
    assert str(fout).endswith("Het uitgevoerde notebook met de fout staat in uit/GM9901.mislukt.ipynb")
    assert not fout.invoerfout
    terug = pickle.loads(pickle.dumps(fout))
    assert (terug.notebook, terug.cel, terug.ename, terug.evalue, str(terug)) == (
        fout.notebook, 3, fout.ename, fout.evalue, str(fout))


def test_rapportfout_from_an_ivpanalyse_error_in_a_cell_is_an_input_error():
    fout = RapportFout(cel=4, ename="InleesFout", evalue="Inleesfout: bestand a.csv: onbekende indeling")
    assert fout.invoerfout
    assert fout.oorzaak == "notebook mislukt in cel 4: Inleesfout: bestand a.csv: onbekende indeling"
