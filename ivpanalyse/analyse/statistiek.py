"""Statistical helpers shared by the analysis: scipy.stats loaded on first use."""

from __future__ import annotations

from functools import cache


@cache
def scipy_stats():
    """``scipy.stats``, imported on first use (it costs about half a second at start-up)."""
    from scipy import stats

    return stats
