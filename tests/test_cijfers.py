import numpy as np
import pandas as pd
import pytest

from ivpanalyse import cijfers
from ivpanalyse.errors import InleesFout


def _tabel(waarde=10.0, bestand="a.csv", gebied="GM9901", periode=2020, **extra):
    rij = dict(gemeente_code="GM9901", gebied_code=gebied, periode=periode, maand=pd.NA, bron="47018NED",
               categorie="1.1.1", omschrijving="Woninginbraak", waarde=waarde, eenheid="aantal",
               status="definitief", ontbreekt=pd.NA, bronbestand=bestand)
    rij.update(extra)
    return cijfers.normaliseer(pd.DataFrame([rij]))


def test_normaliseer_gives_canonical_columns_and_dtypes():
    df = _tabel()
    assert list(df.columns) == cijfers.KOLOMMEN
    assert df["periode"].dtype == "int16"
    assert df["gebied_code"].dtype == "category"
    assert np.isnan(df["ondergrens"].iat[0])


def test_valideer_returns_frame_when_valid():
    df = _tabel()
    assert cijfers.valideer(df) is df


@pytest.mark.parametrize("kolom, waarde", [
    ("gebied_code", "XX1234"), ("status", "misschien"), ("eenheid", "stuks"), ("maand", 13),
])
def test_valideer_names_column_and_value(kolom, waarde):
    df = _tabel(**{kolom: waarde})
    with pytest.raises(InleesFout) as fout:
        cijfers.valideer(df, bestand="x.csv")
    assert fout.value.kolom == kolom
    assert "x.csv" in str(fout.value) and str(waarde) in str(fout.value)


def test_samenvoegen_merges_identical_facts_from_two_files():
    samen = cijfers.samenvoegen([_tabel(10, "a.csv"), _tabel(10, "b.csv"), _tabel(4, "a.csv", periode=2021)])
    assert len(samen) == 2
    assert samen.loc[samen["periode"] == 2020, "waarde"].tolist() == [10.0]


def test_samenvoegen_treats_two_unknowns_as_the_same_fact():
    samen = cijfers.samenvoegen([_tabel(np.nan, "a.csv"), _tabel(np.nan, "b.csv")])
    assert len(samen) == 1 and np.isnan(samen["waarde"].iat[0])


def test_samenvoegen_refuses_conflicting_values_naming_both_files():
    with pytest.raises(InleesFout) as fout:
        cijfers.samenvoegen([_tabel(10, "a.csv"), _tabel(12, "b.csv")])
    tekst = str(fout.value)
    assert "a.csv" in tekst and "b.csv" in tekst and "tegenstrijdige" in tekst


def test_monthly_and_yearly_figures_are_different_facts():
    samen = cijfers.samenvoegen([_tabel(10, "a.csv"), _tabel(3, "b.csv", maand=4)])
    assert len(samen) == 2
