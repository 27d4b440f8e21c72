"""ivpanalyse: de veiligheidsanalyse (stap 2 van Kernbeleid Veiligheid) voor het integraal veiligheidsplan."""

__version__ = "0.1.0"

from .errors import IvpFout  # noqa: E402

__all__ = ["IvpFout", "__version__"]
