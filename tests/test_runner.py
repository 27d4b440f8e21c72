"""The notebook runner keeps stderr and kernel noise out of reports and off the terminal."""

import subprocess
import sys
import textwrap

import nbformat


def _notebook(pad):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('gemeente = "GM9901"\ndata = []\njaar_van = None\njaar_tot = None\ninvoer = None',
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import sys, warnings\n"
                                  "print('zichtbaar in het rapport')\n"
                                  "print('GEHEIM /home/analist/pad', file=sys.stderr)\n"
                                  "warnings.warn('FutureWarning-achtige ruis', FutureWarning)"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, pad)
    return pad


def test_report_holds_no_stderr_or_warnings_and_nothing_reaches_the_terminal(tmp_path):
    nb = _notebook(tmp_path / "proef.ipynb")
    code = textwrap.dedent(f"""
        import logging, sys
        logging.basicConfig(level=logging.DEBUG, stream=sys.stdout, format="LOG %(name)s %(message)s")
        for naam in ("traitlets", "asyncio", "papermill", "blib2to3", "nbclient", "matplotlib"):
            logging.getLogger(naam).setLevel(logging.ERROR)
        from ivpanalyse.rapport import runner
        print(runner.voer_uit({{"gemeente": "GM9901", "data": []}}, {str(tmp_path / "uit")!r},
                              notebook={str(nb)!r}, timeout=120))
    """)
    proces = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert proces.returncode == 0, proces.stderr
    assert proces.stderr.strip() == ""  # no kernel noise such as "[IPKernelApp] ERROR | KeyboardInterrupt"
    html = (tmp_path / "uit" / "GM9901.html").read_text(encoding="utf-8")
    assert "zichtbaar in het rapport" in html
    assert "GEHEIM" not in html and "FutureWarning" not in html
    # What a cell wrote to stderr is not lost: it is logged (shown with ivpanalyse -v).
    assert "schreef naar stderr (niet in het rapport): GEHEIM /home/analist/pad" in proces.stdout
