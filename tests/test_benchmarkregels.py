"""Benchmark and source rules on the whole real data folder (review of the reports, December 2026).

The reports are made from ``../shared/data`` as a whole: every source at once, as an analyst does.
"""

from pathlib import Path

import numpy as np
import pytest

from ivpanalyse import api

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="module")
def heel():
    """The analyses of Haaksbergen and 's-Hertogenbosch on the whole data folder."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data ontbreekt (echte data alleen in de ontwikkelomgeving)")
    return {g: api.analyse(g, [SHARED]).indicatoren for g in ("GM0158", "GM0796")}


def test_nederland_blijft_als_een_bron_opgeheven_gemeenten_noemt(heel):
    # 83651NED lists gemeenten dissolved since 2018; they must not push 47018NED under the 90% rule.
    ind = heel["GM0158"]
    jaar = ind.thema_jaar.set_index(["thema", "periode"])
    assert not np.isnan(jaar.loc[("1.3", 2023), "nederland_per_1000"])
    assert not np.isnan(jaar.loc[("2.1", 2021), "nederland_per_1000"])  # 83651NED itself is national
    sig = ind.signalen.set_index("thema")
    assert sig.loc["1.3", "niveau_nederland"] in ("boven", "onder", "rond")
    kern = ind.kerncijfers.set_index("indicator")
    assert not np.isnan(kern.loc["Geregistreerde misdrijven (totaal)", "benchmark_nederland"])


def test_regionaal_extract_is_geen_nederland_en_de_reden_staat_erbij(heel):
    ind = heel["GM0158"]
    cross = ind.indicator_jaar[(ind.indicator_jaar["bron"] == "83648NED")]
    assert len(cross) and cross["nederland"].isna().all()  # nine Twente gemeenten are not the country
    redenen = " ".join(ind.vergelijking["nederland_ontbreekt"])
    assert "83648NED" in redenen and "2015" in redenen and "9 van de" in redenen
