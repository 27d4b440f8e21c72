"""The demo report in a real browser: headless Chromium via Playwright (Debian's /usr/bin/chromium).

Skipped with a reason when Playwright or the browser is absent; no browser is ever downloaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

pytest.importorskip("playwright.sync_api", reason="Playwright (Python) is niet geïnstalleerd")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} ontbreekt: installeer Debian's chromium voor de browsertests", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def pagina(browser, demo_rapport):
    """The report opened once from a file URL, with every request, failure and console error recorded."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.verzoeken, page.mislukt, page.fouten = [], [], []
    page.on("request", lambda r: page.verzoeken.append(r.url))
    page.on("requestfailed", lambda r: page.mislukt.append((r.url, r.failure)))
    page.on("console", lambda m: page.fouten.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.fouten.append(str(e)))
    page.goto(demo_rapport.resolve().as_uri(), wait_until="load")
    yield page
    page.close()


def test_report_opens_without_failed_requests_or_console_errors(pagina, demo_rapport, tmp_path):
    assert pagina.mislukt == [] and pagina.fouten == []
    assert all(url.startswith(("file:", "data:")) for url in pagina.verzoeken), pagina.verzoeken
    assert pagina.title().startswith("Veiligheidsanalyse Lindewaarde")
    schermafdruk = tmp_path / "rapport.png"
    pagina.screenshot(path=str(schermafdruk), full_page=False)
    assert schermafdruk.stat().st_size > 10_000


def test_charts_are_loaded_images_with_alt_text(pagina):
    beelden = pagina.eval_on_selector_all(
        "img", "els => els.map(e => ({alt: e.alt, klaar: e.complete, b: e.naturalWidth, h: e.naturalHeight}))")
    met_cijfers = pagina.evaluate("() => document.querySelectorAll('section.thema:not(.compact)').length")
    assert len(beelden) == met_cijfers >= 5  # one chart per thema with figures
    for b in beelden:
        assert b["klaar"] and b["b"] > 0 and b["h"] > 0, b
        assert len(b["alt"]) > 40


def test_every_table_of_contents_link_scrolls_to_its_section(pagina, tmp_path):
    # Click each link (its default action: navigate to the fragment) and see where the page lands.
    uitkomst = pagina.evaluate("""() => [...document.querySelectorAll('nav.inhoud a')].map(a => {
        window.scrollTo(0, 0);
        a.click();
        const doel = document.getElementById(a.getAttribute('href').slice(1));
        return {href: a.getAttribute('href'), hash: location.hash, gevonden: doel !== null,
                boven: doel ? doel.getBoundingClientRect().top : null,
                onderaan: window.innerHeight + window.scrollY >= document.body.scrollHeight - 2};
    })""")
    # overview, summary and completeness, velden, thema's, aspecten, strategische thema's (section and three),
    # stap 3 with its two parts, bijlage
    assert len(uitkomst) == 3 + 5 + 22 + 6 + 4 + 3 + 1
    for u in uitkomst:
        assert u["gevonden"] and u["hash"] == u["href"], u
        assert -2 <= u["boven"] <= 5 or u["onderaan"], u
    pagina.screenshot(path=str(tmp_path / "na-inhoud.png"))
    assert pagina.evaluate("() => window.scrollY") > 1000
    pagina.evaluate("() => window.scrollTo(0, 0)")


def test_first_screen_shows_the_key_figures_and_the_proposed_priorities(pagina):
    pagina.evaluate("() => window.scrollTo(0, 0)")
    hoogte = pagina.viewport_size["height"]
    onder = pagina.evaluate("""() => ['table.overzicht-cijfers', '.overzicht-prioriteiten ol']
        .map(s => document.querySelector(s).getBoundingClientRect().bottom)""")
    assert all(0 < b <= hoogte for b in onder), (onder, hoogte)


def test_every_veld_has_a_link_back_to_the_contents(pagina):
    terug = pagina.evaluate("""() => [...document.querySelectorAll('section.veld')].map(v =>
        [...v.querySelectorAll(':scope > p.terug a')].map(a => a.getAttribute('href')))""")
    assert terug == [["#inhoud"]] * 5


def test_demo_report_prints_on_at_most_20_a4_pages(pagina, tmp_path):
    pagina.emulate_media(media="print")
    stijl = pagina.evaluate("""() => ({
        kop: getComputedStyle(document.querySelector('#veld-2 h2')).breakAfter,
        grafiek: getComputedStyle(document.querySelector('.cijferblok')).breakInside})""")
    assert stijl == {"kop": "avoid", "grafiek": "avoid"}  # a heading stays with its text, a chart with its table
    pdf = tmp_path / "rapport.pdf"
    pagina.pdf(path=str(pdf), prefer_css_page_size=True)
    pagina.emulate_media(media="screen")
    inhoud = pdf.read_bytes()
    assert inhoud[:5] == b"%PDF-" and pdf.stat().st_size > 50_000
    formaten = re.findall(rb"/MediaBox \[0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\]", inhoud)
    assert formaten and all(594 <= float(b) <= 596 and 841 <= float(h) <= 843 for b, h in formaten)  # A4 in pt
    paginas = len(re.findall(rb"/Type\s*/Page\b(?!s)", inhoud))
    print(f"demorapport: {paginas} A4-pagina's")
    assert 5 <= paginas <= 20


# --------------------------------------------------------------------------- the workbook in JupyterLab


@pytest.fixture(scope="module")
def lab_pagina(browser, tmp_path_factory):
    """The notebook run with its defaults from notebooks/ of a demo project, rendered as JupyterLab shows it
    (nbconvert's ``lab`` template: every cell, tagged ones included, outputs as Lab renders them)."""
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    from ivpanalyse import demo
    from ivpanalyse.config import Paden, notebook_path

    project = tmp_path_factory.mktemp("lab") / "project"
    (project / "notebooks").mkdir(parents=True)
    demo.genereer(Paden(project).demo)
    kopie = project / "notebooks" / notebook_path().name
    kopie.write_bytes(notebook_path().read_bytes())
    uit = project / "uitgevoerd.ipynb"
    pm.execute_notebook(str(kopie), str(uit), cwd=str(kopie.parent), progress_bar=False, kernel_name="python3")
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.read(uit, as_version=4))
    pad = project / "lab.html"
    pad.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(pad.as_uri(), wait_until="load")
    yield page
    page.close()


STIJLEN = {  # element -> computed properties that must match the report's page
    ".chip.open": ["backgroundColor", "borderTopColor", "fontSize"],
    "section.veld > h2": ["borderBottomColor", "borderBottomWidth", "fontSize"],
    "table.kerncijfers td.getal": ["textAlign", "fontVariantNumeric"],
    ".signaal .label": ["fontWeight", "backgroundColor"],
    ".duiding.concept": ["backgroundColor"],
    "p.werkgroep": ["fontSize"],
    "section.thema.compact .verzamelen": ["borderLeftColor", "borderLeftWidth"],
    "table.overzicht-cijfers caption": ["color", "fontWeight"],
}


def test_notebook_renders_styled_in_jupyterlab_as_in_the_report(lab_pagina, pagina):
    js = """(stijlen) => Object.fromEntries(Object.entries(stijlen).map(([s, props]) => {
        const e = document.querySelector(s);
        if (!e) return [s, null];
        const c = getComputedStyle(e);
        return [s, Object.fromEntries(props.map(p => [p, c[p]]))];
    }))"""
    pagina.emulate_media(media="screen")
    rapport = pagina.evaluate(js, STIJLEN)
    lab = lab_pagina.evaluate(js, STIJLEN)
    assert None not in rapport.values() and lab == rapport
    # Lab itself is left alone: the style is scoped to the report's sections.
    assert lab_pagina.evaluate("() => getComputedStyle(document.body).maxWidth") == "none"
    assert lab_pagina.evaluate("() => document.querySelectorAll('.ivp-rapport section.thema').length") == 22
    # It is the report's scoped style that does it: without it the sections look like plain Lab output.
    lab_pagina.evaluate("""() => [...document.querySelectorAll('style')].filter(s => s.textContent.includes(
        '.ivp-rapport.ivp-rapport')).forEach(s => s.disabled = true)""")
    assert lab_pagina.evaluate(js, STIJLEN) != rapport
    lab_pagina.evaluate("() => [...document.querySelectorAll('style')].forEach(s => s.disabled = false)")


def test_exploration_cells_show_the_indicators_as_dataframes_with_thema_names(lab_pagina):
    koppen = lab_pagina.evaluate("""() => [...document.querySelectorAll('table.dataframe')].map(t =>
        [...t.querySelectorAll('thead th')].map(th => th.textContent.trim()))""")
    assert any({"thema", "thema_naam", "periode", "per_1000"} <= set(k) for k in koppen), koppen
    assert any("Veilig winkelgebied" in k for k in koppen)  # the pivot: one column per thema name
