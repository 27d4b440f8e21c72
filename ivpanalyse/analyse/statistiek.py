"""Statistical helpers shared by the analysis: exact binomial and Poisson tails from ``scipy.special``.

``scipy.stats`` costs about half a second to import in every report kernel and the analysis needs
only four tail functions; :func:`scipy_stats` therefore returns a small stand-in with the same calls
(``binom.cdf/sf``, ``poisson.cdf/sf``) computed with the regularised incomplete beta and gamma
functions of ``scipy.special`` (``bdtr``, ``bdtrc``, ``pdtr``, ``pdtrc``), the same routines
``scipy.stats`` uses. Anything else is looked up in the real ``scipy.stats`` on first use.
"""

from __future__ import annotations

from functools import cache

import numpy as np


def _n(n) -> tuple[np.ndarray, np.ndarray]:
    """Trials as integers (``bdtr`` wants them so) and where they are unknown."""
    n = np.asarray(n, dtype=float)
    onbekend = np.isnan(n)
    return np.where(onbekend, 0, n).astype(np.int64), onbekend


def _uit(waarde):
    return waarde[()] if isinstance(waarde, np.ndarray) and waarde.ndim == 0 else waarde


class _Binom:
    @staticmethod
    def cdf(k, n, p):
        """P(X <= k) for X ~ Binomial(n, p)."""
        from scipy.special import bdtr

        k = np.floor(np.asarray(k, dtype=float))
        n, onbekend = _n(n)
        with np.errstate(invalid="ignore"):
            uit = np.where(k < 0, 0.0, np.where(k >= n, 1.0, bdtr(np.clip(k, 0, None), n, p)))
        return _uit(np.where(onbekend, np.nan, uit))

    @staticmethod
    def sf(k, n, p):
        """P(X > k) for X ~ Binomial(n, p)."""
        from scipy.special import bdtrc

        k = np.floor(np.asarray(k, dtype=float))
        n, onbekend = _n(n)
        with np.errstate(invalid="ignore"):
            uit = np.where(k < 0, 1.0, np.where(k >= n, 0.0, bdtrc(np.clip(k, 0, None), n, p)))
        return _uit(np.where(onbekend, np.nan, uit))


class _Poisson:
    @staticmethod
    def cdf(k, mu):
        """P(X <= k) for X ~ Poisson(mu)."""
        from scipy.special import pdtr

        k = np.floor(np.asarray(k, dtype=float))
        with np.errstate(invalid="ignore"):
            return _uit(np.where(k < 0, 0.0, pdtr(np.clip(k, 0, None), mu)))

    @staticmethod
    def sf(k, mu):
        """P(X > k) for X ~ Poisson(mu)."""
        from scipy.special import pdtrc

        k = np.floor(np.asarray(k, dtype=float))
        with np.errstate(invalid="ignore"):
            return _uit(np.where(k < 0, 1.0, pdtrc(np.clip(k, 0, None), mu)))


class _Licht:
    """``binom`` and ``poisson`` tails without importing ``scipy.stats``; the rest from ``scipy.stats``."""

    binom = _Binom()
    poisson = _Poisson()

    def __getattr__(self, naam):
        from scipy import stats

        return getattr(stats, naam)


@cache
def scipy_stats():
    """The tail functions the analysis uses (``binom``, ``poisson``) without the cost of ``scipy.stats``."""
    return _Licht()
