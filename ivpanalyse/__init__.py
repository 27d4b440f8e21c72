"""ivpanalyse: de veiligheidsanalyse (stap 2 van Kernbeleid Veiligheid) voor het integraal veiligheidsplan.

The public API is small: :mod:`ivpanalyse.api` (one call per job: ``analyse``, ``rapport``,
``sjabloon``, ``batch``, ``demo``, ...), the error classes of :mod:`ivpanalyse.errors` and
``__version__``. ``ivpanalyse.api`` is imported on first use, so ``import ivpanalyse`` stays light.
"""

__version__ = "0.1.0"

from . import errors as _errors  # noqa: E402
from .errors import *  # noqa: E402,F401,F403  (the error classes are public)

__all__ = ["__version__", "api", *_errors.__all__]


def __getattr__(naam: str):
    if naam == "api":
        import importlib

        return importlib.import_module(".api", __name__)
    raise AttributeError(f"module 'ivpanalyse' has no attribute {naam!r}")
