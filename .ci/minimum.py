"""Print the package's dependencies pinned to their lower bounds, for CI's lowest-versions run.

    python .ci/minimum.py > minimum.txt && pip install -e '.[test]' -c minimum.txt

Reads ``pyproject.toml``: every ``name>=x`` of the dependencies and of the ``test`` and ``dask``
extras becomes ``name==x``, so the test suite proves the lower bounds true.
"""

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
vereisten = project["dependencies"] + project["optional-dependencies"]["test"] + project["optional-dependencies"]["dask"]
gezien = set()
for eis in vereisten:
    m = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)\s*", eis.split("#")[0])
    if not m:
        sys.exit(f"geen ondergrens in de vorm naam>=versie: {eis!r}")
    if m.group(1).lower() not in gezien:
        gezien.add(m.group(1).lower())
        print(f"{m.group(1)}=={m.group(3)}")
