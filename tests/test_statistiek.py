"""The light tail functions agree with scipy.stats, edge cases included."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from ivpanalyse.analyse.statistiek import scipy_stats

RNG = np.random.default_rng(7)
K = np.concatenate([[-3, -1, 0, 1, 5, 10, 11, 250, np.nan, 4], RNG.integers(0, 60, 200)]).astype(float)
N = np.concatenate([[10, 10, 10, 10, 10, 10, 10, 300, 10, np.nan], RNG.integers(1, 80, 200)]).astype(float)
P = np.concatenate([[0.3, 0.3, 0.0, 1.0, 0.5, 0.3, 0.3, 0.9, 0.2, 0.5], RNG.uniform(0, 1, 200)])
MU = np.concatenate([[2.0, 2.0, 0.5, 1e-9, 5.0, 10.0, 30.0, 240.0, 3.0, np.nan], RNG.uniform(0.01, 60, 200)])


@pytest.mark.parametrize("functie", ["cdf", "sf"])
def test_binomial_and_poisson_tails_equal_scipy_stats(functie):
    licht = scipy_stats()
    np.testing.assert_allclose(getattr(licht.binom, functie)(K, N, P), getattr(stats.binom, functie)(K, N, P),
                               rtol=1e-10, atol=1e-300, equal_nan=True)
    np.testing.assert_allclose(getattr(licht.poisson, functie)(K, MU), getattr(stats.poisson, functie)(K, MU),
                               rtol=1e-10, atol=1e-300, equal_nan=True)


def test_scalars_stay_scalars_and_other_names_come_from_scipy_stats():
    licht = scipy_stats()
    assert isinstance(licht.poisson.cdf(3, 2.5), float)
    assert licht.poisson.sf(-1, 2.5) == 1.0 and licht.binom.cdf(-1, 5, 0.5) == 0.0
    assert licht.norm is stats.norm
