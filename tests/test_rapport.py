"""The executed demo report (one run per session, see conftest) and the report machinery around it."""

from __future__ import annotations

import hashlib
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from ivpanalyse import taxonomie
from ivpanalyse.rapport import runner as rapport
from ivpanalyse.config import Paden, notebook_path
from ivpanalyse.errors import ConfigFout, InvoerFout


class _Pagina(HTMLParser):
    """Collects ids, links, images, meta tags and all tag names of a page."""

    def __init__(self, tekst: str):
        super().__init__()
        self.ids, self.links, self.imgs, self.meta, self.tags = set(), [], [], {}, []
        self.koppen: list[str] = []  # text of h2/h3 headings
        self.tekst: list[str] = []  # all text as a reader sees it
        self._kop: list[str] | None = None
        self.feed(tekst)

    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self._kop is not None:
            self.koppen.append("".join(self._kop).strip())
            self._kop = None

    def handle_data(self, data):
        self.tekst.append(data)
        if self._kop is not None:
            self._kop.append(data)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag in ("h2", "h3"):
            self._kop = []
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "img":
            self.imgs.append(a)
        if tag == "meta" and a.get("name", "").startswith("ivpanalyse:"):
            self.meta[a["name"].split(":", 1)[1]] = a.get("content")
        for naam in ("src", "href"):
            if naam in a:
                self.links.append(a[naam]) if tag != "a" else None


@pytest.fixture(scope="module")
def pagina(demo_html) -> _Pagina:
    return _Pagina(demo_html)


def test_report_shows_all_22_themes_and_the_six_aspecten(pagina):
    for t in taxonomie.themas():
        assert f"thema-{t.code.replace('.', '-')}" in pagina.ids
        assert f"{t.code} {t.naam}" in pagina.koppen
    for a in taxonomie.aspecten():
        assert f"aspect-{a.id}" in pagina.ids
        assert f"Aspect {a.handboeknummer}: {a.naam}" in pagina.koppen
    for v in taxonomie.velden():
        assert f"veld-{v.code}" in pagina.ids and f"Veld {v.code}: {v.naam}" in pagina.koppen


def test_report_shows_no_code_no_prompts_and_no_notes_cell(demo_html):
    for teken in ("input_area", "highlight", "In&nbsp;[", "Out[", "from ivpanalyse import", "weergave.toon",
                  "jp-InputArea", "Run All"):
        assert teken not in demo_html, teken
    assert "<pre" not in demo_html  # no stream or error output either


def test_report_loads_nothing_from_the_network_and_has_no_script(demo_html, pagina):
    extern = re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", demo_html, re.I)
    assert extern == []
    assert re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", demo_html, re.I) is None
    assert "script" not in pagina.tags and "link" not in pagina.tags and "iframe" not in pagina.tags
    assert all(i["src"].startswith("data:image/svg+xml;base64,") for i in pagina.imgs)


def test_table_of_contents_links_all_resolve(pagina):
    interne = [h for h in pagina.links if h.startswith("#")]
    assert len(interne) > 40
    assert {h[1:] for h in interne} <= pagina.ids
    assert {"samenvatting", "invulling", "stap3", "schema", "prioriteiten", "bronnen", "inhoud"} <= pagina.ids


def test_werkgroep_text_is_shown_literally_and_adds_no_script(demo_html, pagina, invulling):
    tekst = "".join(pagina.tekst)
    for (code, veld), ingevuld in invulling.items():
        if veld in ("aanpak", "extra", "motivering"):
            assert ingevuld in tekst, (code, veld)  # e.g. "<script>alert(1)</script>", "=HYPERLINK(...)"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in demo_html
    assert "<script" not in demo_html.lower() and "script" not in pagina.tags
    assert "voorbeeld.invalid" not in "".join(pagina.links)
    # The list in the werkgroep's duiding of 1.3 became a list.
    assert "<li>Centrum blijft hoog</li><li>Stationskwartier stijgt</li>" in demo_html


def test_open_parts_show_as_open_chips_and_the_overview_counts_them(demo_html):
    werkgroep = re.findall(r'<p class="werkgroep">.*?</p>', demo_html)
    assert len(werkgroep) == 22 + 6 + 3 and sum(w.count('class="chip open"') for w in werkgroep) > 30
    gevonden = re.search(r"<strong>(\d+) van de (\d+)</strong> onderdelen zijn door de werkgroep ingevuld", demo_html)
    ingevuld, totaal = map(int, gevonden.groups())
    assert totaal == 92 and ingevuld == 5  # 1.3 duiding, 2.1 aanpak/extra/prioriteit, A1 aanpak


def test_charts_have_alt_text_and_the_report_is_small(demo_rapport, pagina):
    assert len(pagina.imgs) >= 9  # one chart per thema with recent figures (1.6.1 moved from 4.2 to 1.2)
    assert all(len(i.get("alt", "")) > 40 and "Lijngrafiek" in i["alt"] for i in pagina.imgs)
    assert demo_rapport.stat().st_size < 5 * 1024 * 1024


def test_metadata_names_version_parameters_and_input_hashes(demo_rapport, pagina, invoer_xlsx, demo_data):
    from ivpanalyse import __version__

    meta = pagina.meta
    assert meta["gemeente"] == "GM9901" and meta["versie"] == __version__
    assert meta["invoer_sha256"] == hashlib.sha256(invoer_xlsx.read_bytes()).hexdigest()
    parameters = json.loads(meta["parameters"])
    assert parameters["invoer"] == str(invoer_xlsx.resolve()) and parameters["gemeente"] == "GM9901"
    bestanden = {b["bestand"]: b for b in json.loads(meta["bronbestanden"])}
    politie = next(demo_data.glob("47018NED_*.csv"))
    assert bestanden[politie.name]["sha256"] == hashlib.sha256(politie.read_bytes()).hexdigest()
    assert bestanden[politie.name]["tabel"] == "47018NED" and bestanden[politie.name]["voorlopig"] == "2025"
    assert "2.1" in meta["prioriteiten"].split(", ")


def test_appendix_shows_sources_method_and_version(demo_html):
    bijlage = demo_html[demo_html.index('id="bronnen"'):]
    for tekst in ("47018NED_UntypedDataSet_demo.csv", "bevolking_demo.csv", "Koppeling op thema", "Datakwaliteit",
                  "Voorlopige cijfers: 2025", "Methode", "ivpanalyse", "parameter gemeente", "drieslag.xlsx"):
        assert tekst in bijlage, tekst


# --------------------------------------------------------------------------- machinery (no kernel)


@pytest.mark.parametrize("parameters, kolom", [
    ({"gemeente": "GM9901", "data": [], "drieslag": "x.yaml"}, "drieslag"),
    ({"gemeente": "GM9901", "data": [], "invoer": 3}, "invoer"),
    ({"gemeente": 9901, "data": []}, "gemeente"),
    ({"gemeente": "GM9901", "data": [], "jaar_van": True}, "jaar_van"),
])
def test_parameters_are_checked_strictly(parameters, kolom):
    with pytest.raises(ConfigFout) as info:
        rapport.controleer_parameters(parameters)
    assert info.value.kolom == kolom


def test_notebook_defaults_are_the_parameters_and_point_at_the_demo_data():
    nb = nbformat.read(notebook_path(), as_version=4)
    [cel] = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    standaard: dict = {}
    exec(cel.source, {}, standaard)
    assert set(standaard) == set(rapport.PARAMETERS) and standaard["invoer"] is None
    rapport.controleer_parameters(standaard)
    [data] = standaard["data"]
    root = notebook_path().parent.parent
    assert (notebook_path().parent / data).resolve() == Paden(root).demo.resolve()
    code = [c for c in nb.cells if c.cell_type == "code" and c is not cel]
    assert all(len(c.source.splitlines()) <= 8 for c in code)  # thin: calls into the package only
    assert all(c.metadata.get("tags") == ["verwijderen"] for c in nb.cells if c.cell_type == "markdown")


def test_tracked_notebook_is_saved_without_outputs():
    """Saved after a run in JupyterLab, the notebook would carry its outputs (~400 kB) into git."""
    nb = nbformat.read(notebook_path(), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)
    assert "widgets" not in nb.metadata
    assert notebook_path().stat().st_size < 20_000


def test_exploration_cells_are_in_the_notebook_but_not_in_the_report(demo_html):
    nb = nbformat.read(notebook_path(), as_version=4)
    verkennen = [c.source for c in nb.cells if c.cell_type == "code" and "verwijderen" in c.metadata.get("tags", [])]
    assert any("cijfers_per_thema" in b for b in verkennen) and any("toon_stijl" in b for b in verkennen)
    assert "thema_naam" not in demo_html and demo_html.count("<style") == 1


def test_bad_invoer_stops_before_a_kernel_starts(tmp_path, demo_data):
    from ivpanalyse import api

    slecht = tmp_path / "d.yaml"
    slecht.write_text("gemeente: GM9901\nthemas:\n  '9.9': {}\n", encoding="utf-8")
    with pytest.raises(InvoerFout):
        api.rapport("GM9901", [demo_data], tmp_path / "uit", invoer=slecht)
    assert not (tmp_path / "uit").exists()


def test_kernel_runs_over_private_ipc_sockets_on_posix():
    import os

    with rapport._kernelbeheer() as opties:
        if os.name != "posix":
            assert opties == {}
            return
        km = opties["kernel_manager_class"](kernel_name="python3")
        assert km.transport == "ipc"
        assert Path(km.ip).parent.is_dir() and Path(km.ip).parent.name.startswith("ivp-kernel-")
        map_ = Path(km.ip).parent
    assert not map_.exists()


def test_page_template_escapes_metadata_and_title():
    pagina = rapport.html_pagina("<p>x</p>", titel="<b>T</b>", metadata={"a": '"><script>'})
    assert "<title>&lt;b&gt;T&lt;/b&gt;</title>" in pagina
    assert 'content="&#34;&gt;&lt;script&gt;"' in pagina and "<script" not in pagina


def test_notebook_runs_top_to_bottom_with_its_defaults_as_in_jupyterlab(tmp_path):
    """Opened from notebooks/ of a project whose demo data exist, the notebook runs unchanged."""
    import papermill as pm

    from ivpanalyse import demo

    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    demo.genereer(Paden(project).demo)
    kopie = project / "notebooks" / notebook_path().name
    kopie.write_bytes(notebook_path().read_bytes())
    uit = tmp_path / "uitgevoerd.ipynb"
    pm.execute_notebook(str(kopie), str(uit), cwd=str(kopie.parent), progress_bar=False, kernel_name="python3")
    nb = nbformat.read(uit, as_version=4)
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    assert "Lindewaarde" in html and all(f'id="thema-{t.code.replace(".", "-")}"' in html
                                         for t in taxonomie.themas())
    assert not any(o.get("output_type") == "error" for c in nb.cells for o in c.get("outputs", []))


def test_analysis_reads_each_source_file_once_and_keeps_its_provenance(demo_data, monkeypatch, tmp_path):
    """One pass over the files: recognised once, read once; names and hashes come from that pass."""
    from collections import Counter

    from ivpanalyse import api, bronnen

    monkeypatch.setenv("IVPANALYSE_CACHE", str(tmp_path))  # no national stage yet: the files are read
    herkend: Counter = Counter()
    echt = bronnen.herken
    monkeypatch.setattr(bronnen, "herken", lambda pad: herkend.update([Path(pad).name]) or echt(pad))
    a = api.analyse("GM9901", [demo_data])
    bestanden = bronnen.bestanden([demo_data])
    assert herkend == Counter(p.name for p in bestanden)
    assert [b.pad for b in a.bronnen.bestanden] == bestanden
    for b in a.bronnen.bestanden:
        assert b.sha256 == hashlib.sha256(b.pad.read_bytes()).hexdigest()
    assert a.naam == "Lindewaarde" and a.bronnen.namen == bronnen.namen([demo_data])
    assert set(a.bronnen.cijfers["bronbestand"].astype(str)) <= {p.name for p in bestanden}


def test_report_says_no_sentence_twice(demo_html):
    """Running text (paragraphs, list items) never repeats a sentence (five words or more, ending in . ! ?)."""
    from collections import Counter

    main = demo_html.split("<main>", 1)[1]
    teksten = re.findall(r"<(?:p|li)\b[^>]*>(.*?)</(?:p|li)>", main, re.S)
    zinnen = Counter()
    for tekst in teksten:
        platte = html.unescape(re.sub(r"<[^>]+>", "", tekst))
        for zin in re.split(r"(?<=[.!?])\s+", " ".join(platte.split())):
            if len(zin.split()) >= 5 and zin.endswith((".", "!", "?")):
                zinnen[zin] += 1
    assert [z for z, n in zinnen.items() if n > 1] == []


def test_a_thema_table_caption_says_what_its_figures_count(demo_html):
    """Review finding: 2.2's "not only bedrijventerreinen" stood only in the text. The caption of a
    thema's key-figure table names the categories it counts (one or two), or how many it adds up."""
    import html as _html

    bijschriften = [_html.unescape(b) for b in re.findall(r"<caption>(Kerncijfers [^<]*)</caption>", demo_html)]
    bedrijven = [b for b in bijschriften if b.startswith("Kerncijfers Veilige bedrijventerreinen")]
    assert bedrijven and "niet alleen bedrijventerreinen" in bedrijven[0]
    assert any(re.search(r"som van \d+ categorieën\)$", b) for b in bijschriften)
