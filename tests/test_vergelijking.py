import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from ivpanalyse.analyse import vergelijking
from ivpanalyse.batch import pagina
from ivpanalyse.analyse.indicatoren import Indicatoren


def kern(rijen):
    """Kerncijfers from (gemeente, naam, thema, aantal, inwoners, voorgesteld, signaal)."""
    df = pd.DataFrame(rijen, columns=["gemeente", "gemeentenaam", "thema", "aantal", "inwoners", "voorgesteld",
                                      "signaal"])
    df["veld"] = df["thema"].str.split(".").str[0].astype(int)
    df["laatste_jaar"] = 2023
    df["per_1000"] = df["aantal"] / df["inwoners"] * 1000
    df["verandering_vorig_jaar"] = np.nan
    df["verandering_3jaar"] = 0.1
    df["score"] = np.nan
    return df[vergelijking.KOLOMMEN]


VIER = kern([
    ("GM0001", "Aa", "1.3", 100, 10_000, True, "stijgend"),
    ("GM0001", "Aa", "2.1", 30, 10_000, True, "stabiel"),
    ("GM0002", "Bee", "1.3", 300, 20_000, True, "stabiel"),
    ("GM0002", "Bee", "2.1", 10, 20_000, False, "dalend"),
    ("GM0003", "Cee", "1.3", 50, 5_000, True, "stabiel"),
    ("GM0003", "Cee", "3.1", 5, 5_000, True, "stijgend"),
    ("GM0004", "Dee", "1.3", 10, 5_000, False, "klein aantal"),
    ("GM0004", "Dee", "2.1", 4, 5_000, True, "stabiel"),
])


@pytest.mark.parametrize("drempel, bovenlokaal, lokaal", [
    (3, ["1.3"], ["2.1", "3.1"]),  # strict majority of 4: 2.1 (Aa, Dee) is lokaal-specifiek
    (2, ["1.3", "2.1"], ["3.1"]),
    (4, [], ["1.3", "2.1", "3.1"]),
    (1, ["1.3", "2.1", "3.1"], []),
])
def test_priorities_shared_by_enough_gemeenten_are_bovenlokaal(drempel, bovenlokaal, lokaal):
    tabel = vergelijking.prioriteiten(VIER, drempel)
    assert sorted(tabel.loc[tabel["soort"] == vergelijking.BOVENLOKAAL, "thema"]) == bovenlokaal
    assert sorted(tabel.loc[tabel["soort"] == vergelijking.LOKAAL, "thema"]) == lokaal
    rij = tabel.set_index("thema").loc["1.3"]
    assert rij["gemeenten"] == ["Aa", "Bee", "Cee"] and rij["aantal"] == 3
    assert tabel["aantal"].is_monotonic_decreasing


def test_no_proposals_gives_an_empty_table_with_columns():
    tabel = vergelijking.prioriteiten(VIER.assign(voorgesteld=False), 2)
    assert tabel.empty and list(tabel.columns) == ["thema", "veld", "gemeenten", "aantal", "soort"]


def test_index_is_against_the_pooled_basisteam_rate():
    per, index = vergelijking.matrix(VIER)
    # 1.3: (100 + 300 + 50 + 10) / 40.000 inwoners = 11,5 per 1.000; Aa has 10 per 1.000.
    assert per.loc["1.3", "Aa"] == pytest.approx(10.0)
    assert index.loc["1.3", "Aa"] == pytest.approx(10 / 11.5 * 100)
    assert list(per.columns) == ["Aa", "Bee", "Cee", "Dee"]  # order of the batch, not alphabetical
    assert list(per.index) == ["1.3", "2.1", "3.1"]
    assert np.isnan(per.loc["3.1", "Aa"])


def test_heatmap_has_a_row_per_thema_and_a_column_per_gemeente():
    fig = pagina.heatmap(VIER)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Aa", "Bee", "Cee", "Dee"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("1.3 ") and len(labels) == 3
    assert "10,0" in [t.get_text() for t in ax.texts]  # Dutch decimals in the cells
    plt.close(fig)


def test_report_lists_failed_gemeenten_and_escapes_names():
    html = pagina.rapport_html(VIER.replace({"Aa": "A<b>"}), naam="Basisteam X", soort="basisteam",
                                     drempel=3, ontbrekend={"GM0005 Ee": "Inleesfout: kapot"})
    assert "A&lt;b&gt;" in html and "A<b>" not in html
    assert "GM0005 Ee" in html and "Inleesfout: kapot" in html
    assert "Kandidaten voor bovenlokale prioriteiten" in html and "data:image/png;base64," in html
    assert "minstens 3 van de 4 gemeenten" in html


def test_key_figures_per_gemeente():
    k = vergelijking.kerngetallen(VIER).set_index("gemeente")
    assert k.loc["GM0001", "inwoners"] == 10_000
    assert k.loc["GM0001", "misdrijven_per_1000"] == pytest.approx(13.0)
    assert k.loc["GM0003", "stijgend"] == 1
    assert k.loc["GM0002", "prioriteiten"] == ["1.3"]


def test_kerncijfers_from_the_indicator_contract():
    thema_jaar = pd.DataFrame({"thema": ["1.3", "1.3", "2.1"], "periode": [2022, 2023, 2023],
                               "aantal": [90.0, 100.0, 7.0], "inwoners": [10_000.0] * 3,
                               "per_1000": [9.0, 10.0, 0.7]})
    signalen = pd.DataFrame({"thema": ["1.3", "2.1", "4.1"], "laatste_jaar": [2023, 2023, np.nan],
                             "verandering_vorig_jaar": [0.11, np.nan, np.nan],
                             "verandering_3jaar": [0.2, np.nan, np.nan],
                             "signaal": ["stijgend", "klein aantal", "geen cijfers"]})
    prioriteiten = pd.DataFrame({"veld": [1, 2, 4], "thema": ["1.3", "2.1", "4.1"], "score": [5.0, 1.0, 0.0],
                                 "voorgesteld": [True, False, False]})
    leeg = pd.DataFrame()
    ind = Indicatoren(thema_jaar, signalen, leeg, prioriteiten, leeg, leeg, leeg, {})
    k = vergelijking.kerncijfers(ind, "GM0158", "Haaksbergen").set_index("thema")
    assert list(k.index) == ["1.3", "2.1", "4.1"]
    assert k.loc["1.3", "per_1000"] == 10.0 and k.loc["1.3", "aantal"] == 100.0  # the latest year
    assert k.loc["1.3", "voorgesteld"] and not k.loc["2.1", "voorgesteld"]
    assert np.isnan(k.loc["4.1", "per_1000"]) and k.loc["4.1", "veld"] == 4
    assert set(k["gemeente"]) == {"GM0158"} and set(k["gemeentenaam"]) == {"Haaksbergen"}
