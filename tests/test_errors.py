import pickle

import pytest

from ivpanalyse.errors import ConfigFout, Fout, InleesFout, RapportFout


def test_message_names_file_line_column_and_value():
    fout = InleesFout("geen getal", bestand="cijfers.csv", regel=7, kolom="aantal", waarde="twaalf")
    assert str(fout) == "Inleesfout: bestand cijfers.csv, regel 7, kolom 'aantal', waarde 'twaalf': geen getal"


def test_cell_is_named_as_cell():
    fout = ConfigFout("formule niet toegestaan", bestand="drieslag.xlsx", regel="Thema's!C4", waarde="=1+1")
    assert "cel Thema's!C4" in str(fout)


def test_collected_findings_are_listed():
    fout = InleesFout(fouten=[Fout("a", "f.csv", 2), Fout("b", "f.csv", 3)])
    assert "2 problemen" in str(fout) and "regel 3" in str(fout)


@pytest.mark.parametrize("cls", [InleesFout, ConfigFout, RapportFout])
def test_errors_survive_pickling(cls):
    fout = cls("kapot", bestand="x", regel=1, kolom="k", waarde=5)
    terug = pickle.loads(pickle.dumps(fout))
    assert type(terug) is cls and str(terug) == str(fout) and terug.waarde == 5
