"""HTML fragments of the report, built from hand-made indicator frames (no kernel, no files read)."""

from __future__ import annotations

import base64
import hashlib
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from ivpanalyse import bronnen, cijfers, taxonomie
from ivpanalyse.rapport import grafieken
from ivpanalyse.rapport import weergave
from ivpanalyse.analyse.indicatoren import Indicatoren
from ivpanalyse.invoer import Drieslag, Invulling

JAREN = list(range(2019, 2025))


def _frames(**vervang) -> Indicatoren:
    """Indicator frames with figures for 2.1 (rising, proposed) and 1.3 (falling); the rest absent."""
    rijen = []
    for thema, basis, stap in (("2.1", 3.0, 0.6), ("1.3", 30.0, -1.0)):
        for i, jaar in enumerate(JAREN):
            per_1000 = basis + stap * i
            rijen.append({"thema": thema, "periode": jaar, "aantal": per_1000 * 50, "inwoners": 50_000.0,
                          "per_1000": per_1000, "status": "voorlopig" if jaar == JAREN[-1] else "definitief",
                          "bron": "47018NED", "bronbestand": "politie.csv", "basisteam_per_1000": per_1000 * 0.9,
                          "nederland_per_1000": per_1000 * 0.7, "vergelijkbaar_per_1000": np.nan})
    frames = dict(
        thema_jaar=pd.DataFrame(rijen),
        signalen=pd.DataFrame({
            "thema": ["2.1", "1.3"], "signaal": ["stijgend", "dalend"], "reeksbreuk": ["", "definitiewijziging 2018"],
            "piek": [False, False], "status_laatste": ["voorlopig", "voorlopig"],
            "toelichting": ["Betekenisvolle stijging (+60%). Het cijfer over 2024 is voorlopig.", "Daling."]}),
        duiding=pd.DataFrame({"thema": ["2.1", "1.3"], "tekst": ["Concept 2.1.", "Concept 1.3."]}),
        prioriteiten=pd.DataFrame({"veld": [2, 1], "thema": ["2.1", "1.3"], "score": [5, 1],
                                   "redenen": ["sterke stijging (+2)", "daling"], "voorgesteld": [True, False],
                                   "rang_in_veld": [1, 1]}),
        effectindicatoren=pd.DataFrame({"thema": ["2.1"], "indicator": ["Winkeldiefstal"], "soort": ["objectief"],
                                        "bron": ["47018NED"], "basiswaarde": [240.0], "basisjaar": [2023],
                                        "streefwaarde": [200.0], "streefjaar": [2028], "eenheid": ["aantal"],
                                        "toelichting": [""]}),
        wijken=pd.DataFrame({"gebied_code": ["WK990100", "WK990101"], "wijknaam": ["Centrum", "Oost"],
                             "thema": ["2.1", "2.1"], "periode": [2024, 2024], "aantal": [120.0, 3.0],
                             "inwoners": [8000.0, 9000.0], "per_1000": [15.0, np.nan], "rang": [1, 2],
                             "publicatie": ["120", "<5"]}),
        dekking=pd.DataFrame({"bron": ["47018NED", "47018NED"], "categorie": ["2.5.2", "9.9.9"],
                              "omschrijving": ["Winkeldiefstal", "Nieuw"], "thema": ["2.1", ""],
                              "status": ["toegewezen", "onbekend in koppeling"], "toelichting": ["", "nieuw"],
                              "rijen": [6, 6]}),
        vergelijking={"basisteam": ["GM9902"], "vergelijkbaar": [], "regel": "eigen keuze"},
    )
    frames.update(vervang)
    return Indicatoren(**frames)


def _leeg() -> Indicatoren:
    return Indicatoren(**{k: pd.DataFrame() for k in ("thema_jaar", "signalen", "duiding", "prioriteiten",
                                                      "effectindicatoren", "wijken", "dekking")}, vergelijking={})


def _analyse(ind: Indicatoren, tabel: pd.DataFrame | None = None, gelezen: bronnen.Bronnen | None = None):
    return SimpleNamespace(gemeente="GM9901", naam="Lindewaarde", jaren=(JAREN[0], JAREN[-1]),
                           cijfers=cijfers.leeg() if tabel is None else tabel, gekoppeld=None, indicatoren=ind,
                           bronnen=gelezen)


def _rapport(ind=None, drieslag=None, **kw) -> weergave.Rapport:
    return weergave.Rapport(_analyse(_frames() if ind is None else ind, kw.pop("tabel", None), kw.pop("bronnen", None)),
                            drieslag or Drieslag(), kw.pop("parameters", {}))


def _alles(r: weergave.Rapport) -> str:
    delen = [weergave.kop(r), weergave.inhoud(r), weergave.samenvatting(r), weergave.invulling(r)]
    delen += [weergave.veld(r, v) for v in range(1, 6)]
    return "".join(delen + [weergave.stap3(r), weergave.bijlage(r)])


# --------------------------------------------------------------------------- degrading gracefully


def test_empty_frames_and_no_input_render_every_part_with_open_places():
    r = _rapport(_leeg())
    html = _alles(r)
    # Every thema without figures is compact: what to gather and from whom, no empty boxes.
    assert html.count('<section class="thema compact"') == 22 and html.count("<h4>Te verzamelen</h4>") == 22
    assert "Geen registratiecijfers voor dit thema" not in html and 'class="drieslag open' not in html
    # Every open part is a chip: 22 duidingen, 22 prioriteiten, 18 x aanpak and extra, 6 aspecten x 2.
    assert len(re.findall(r"<p class=\"werkgroep\">.*?</p>", html)) == 22 + 6
    assert sum(s.count('class="chip open"') for s in re.findall(r'<p class="werkgroep">.*?</p>', html)) == 92
    assert "Nog geen prioriteiten voorgesteld" in html
    assert "<img" not in html
    assert weergave.metadata(r)["prioriteiten"] == ""


def test_analysis_without_indicators_falls_back_to_the_series():
    reeksen = _frames().thema_jaar.assign(gebied_code="GM9901", gemeente_code="GM9901")
    analyse = SimpleNamespace(gemeente="GM9901", naam="Lindewaarde", jaren=(2019, 2024), cijfers=cijfers.leeg(),
                              reeksen=reeksen, gekoppeld=None)
    r = weergave.Rapport(analyse)
    assert len(r.thema_jaar) == len(reeksen) and r.signalen == {}
    assert weergave.veld(r, 2).count("<img") == 1


# --------------------------------------------------------------------------- text of the werkgroep


@pytest.mark.parametrize("tekst, html", [
    ("Eén regel.", "<p>Eén regel.</p>"),
    ("a\nb\n\nc", "<p>a<br>b</p><p>c</p>"),
    ("Intro:\n- een\n* twee\n• drie\nslot", "<p>Intro:</p><ul><li>een</li><li>twee</li><li>drie</li></ul><p>slot</p>"),
    ("<script>alert(1)</script> & =HYPERLINK(\"x\")",
     "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; =HYPERLINK(&#34;x&#34;)</p>"),
])
def test_werkgroep_text_becomes_escaped_paragraphs_and_lists(tekst, html):
    assert weergave.tekst_html(tekst) == html


def test_user_text_is_escaped_everywhere_it_appears():
    aanval = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    drieslag = Drieslag(bestand="/tmp/<b>.xlsx", rijen={
        "2.1": Invulling("2.1", "thema", problematiek=aanval, aanpak=aanval, extra=aanval, prioriteit=True,
                         motivering=aanval, bronnen=aanval),
        "A1": Invulling("A1", "aspect", aanpak=aanval)})
    html = _alles(_rapport(drieslag=drieslag))
    assert "<script" not in html and "<img src=x" not in html and "<b>.xlsx" not in html
    # duiding, aanpak, extra, bronnen (thema), motivering (stap 3), aanpak of A1
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 6


# --------------------------------------------------------------------------- status and priorities


@pytest.mark.parametrize("invulling, deel, status", [
    (Invulling("2.1", "thema", problematiek="Concept 2.1."), "problematiek", "concept"),
    (Invulling("2.1", "thema", problematiek="Concept  2.1.\n"), "problematiek", "concept"),
    (Invulling("2.1", "thema", problematiek="Eigen duiding."), "problematiek", "ingevuld"),
    (Invulling("2.1", "thema"), "problematiek", "concept"),
    (Invulling("4.4", "thema"), "problematiek", "open"),
    (Invulling("2.1", "thema", aanpak="KVO"), "aanpak", "ingevuld"),
    (Invulling("2.1", "thema"), "extra", "open"),
    (Invulling("1.3", "thema"), "aanpak", "nvt"),
    (Invulling("A2", "aspect", extra="Schouw"), "extra", "ingevuld"),
    (Invulling("A2", "aspect"), "problematiek", "nvt"),
    (Invulling("2.1", "thema", prioriteit=True, motivering="sterke stijging (+2)"), "prioriteit", "concept"),
    (Invulling("2.1", "thema", prioriteit=True, motivering="eigen reden"), "prioriteit", "ingevuld"),
    (Invulling("2.1", "thema", prioriteit=False), "prioriteit", "ingevuld"),
    (Invulling("4.4", "thema"), "prioriteit", "open"),
])
def test_status_of_a_drieslag_part(invulling, deel, status):
    r = _rapport(drieslag=Drieslag(rijen={invulling.code: invulling}))
    assert r.status(invulling.code, deel) == status


def test_werkgroep_choice_overrides_the_suggestion_and_keeps_its_reason():
    drieslag = Drieslag(rijen={"2.1": Invulling("2.1", "thema", prioriteit=False),
                               "1.3": Invulling("1.3", "thema", prioriteit=True, motivering="Inbraken in <Centrum>")})
    r = _rapport(drieslag=drieslag)
    assert r.prioriteit("2.1") == (False, "werkgroep", "")
    assert r.prioriteit("1.3") == (True, "werkgroep", "Inbraken in <Centrum>")
    assert [t.code for t, _, _ in r.prioriteiten] == ["1.3"]
    html = weergave.prioriteiten(r)
    assert "Inbraken in &lt;Centrum&gt;" in html and "werkgroep" in html


def test_untouched_suggestion_stays_a_suggestion():
    r = _rapport(drieslag=Drieslag(rijen={"2.1": Invulling("2.1", "thema", prioriteit=True,
                                                            motivering="sterke stijging (+2)")}))
    assert r.prioriteit("2.1") == (True, "voorstel uit de cijfers", "sterke stijging (+2)")
    html = weergave.veld(r, 2)
    assert "<strong>Prioriteit:</strong> voorgesteld (voorstel uit de cijfers)" in html
    # The chip says the choice is still open; it never reads as the werkgroep's "ja".
    assert ('<span class="chip concept" title="prioriteit: voorstel uit de cijfers; de werkgroep kiest nog">'
            '◐ prioriteit te kiezen (voorstel uit de cijfers: ja)</span>') in html
    assert "◐ prioriteit: ja" not in html and "◐ prioriteit: nee" not in html


def test_status_chips_say_what_is_open_and_state_only_choices_the_werkgroep_made():
    r = _rapport(drieslag=Drieslag(rijen={"2.1": Invulling("2.1", "thema", prioriteit=False, motivering="Loopt.",
                                                            problematiek="Eigen tekst.")}))
    chips = re.findall(r'<p class="werkgroep">.*?</p>', weergave.veld(r, 2), re.S)
    eigen = next(c for c in chips if "Eigen" in c or "✓ duiding" in c)
    assert "✓ prioriteit: nee" in eigen and "✓ duiding" in eigen
    anders = [c for c in chips if c is not eigen]
    assert anders and all("prioriteit: nee" not in c and "prioriteit: ja" not in c for c in anders)
    assert all("prioriteit te kiezen" in c for c in anders)
    assert any("○ huidige aanpak te beschrijven" in c for c in anders)


@pytest.mark.parametrize("aantal, waarschuwing", [(4, False), (5, True)])
def test_more_than_four_priorities_gives_a_warning(aantal, waarschuwing):
    codes = ["3.1", "3.2", "4.1", "4.2", "5.1"][:aantal - 1]
    drieslag = Drieslag(rijen={c: Invulling(c, "thema", prioriteit=True, motivering="m") for c in codes})
    r = _rapport(drieslag=drieslag)  # plus 2.1, proposed from the figures
    assert len(r.prioriteiten) == aantal
    assert ("hooguit drie à vier" in weergave.stap3(r)) is waarschuwing
    assert ("hooguit drie à vier" in weergave.samenvatting(r)) is waarschuwing


def test_schema_counts_per_veld_and_lists_the_priorities():
    drieslag = Drieslag(rijen={"2.1": Invulling("2.1", "thema", aanpak="KVO", extra="Camera's"),
                               "A1": Invulling("A1", "aspect", aanpak="Wijkplan")})
    html = weergave.schema(_rapport(drieslag=drieslag))
    rijen = re.findall(r"<tr><th scope=\"row\">vv (\d).*?</tr>", html, re.S)
    assert rijen == ["1", "2", "3", "4", "5"]
    vv1, vv2 = re.findall(r"<tr><th scope=\"row\">vv \d.*?</tr>", html, re.S)[:2]
    assert re.findall(r"(\d+/\d+) ingevuld", vv1) == ["0/4", "1/6", "0/6"]
    assert re.findall(r"(\d+/\d+) ingevuld", vv2) == ["0/5", "1/5", "1/5"]
    assert "2.1 ↑" in vv2 and "1.3 ↓" in vv1 and 'href="#thema-2-1"' in vv2


def test_completeness_overview_counts_every_applicable_part():
    r = _rapport(drieslag=Drieslag(rijen={"2.1": Invulling("2.1", "thema", aanpak="KVO")}))
    html = weergave.invulling(r)
    # 22 problematiek + 22 prioriteit + 18 thema's x (aanpak, extra) + 6 aspecten x (aanpak, extra)
    assert "<strong>1 van de 92</strong>" in html
    assert html.count('href="#aspect-') == 6 and html.count('href="#thema-') == 22


# --------------------------------------------------------------------------- figures and tables


def test_thema_shows_chart_with_benchmarks_alt_text_signal_and_key_figures():
    html = weergave.thema_sectie(_rapport(), taxonomie.thema("2.1"))
    [alt] = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+" width="\d+" height="\d+" alt="([^"]+)"', html)
    assert "Lindewaarde" in alt and "per 1.000 inwoners" in alt and "6,0 in 2024 (voorlopig)" in alt
    assert "basisteam 5,4" in alt and "nederland 4,2" in alt
    svg = base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1)).decode()
    for tekst in ("2.1 Veilig winkelgebied", "per 1.000 inwoners", "Jaar", "basisteam", "Nederland", "voorlopig cijfer"):
        assert tekst in svg
    assert grafieken.PALET[0] in svg and "vergelijkbare gemeenten" not in svg  # all-NaN benchmark left out
    assert "↑ stijgend" in html and "Reeksbreuk" not in html
    assert "<td class=\"getal\">300</td>" in html  # 2024: 6,0 per 1.000 x 50.000 / 1.000
    assert "Centrum" in html and "&lt;5" in html
    assert "Concept 2.1." in html and '<span class="chip concept" title="duiding: ' in html


@pytest.mark.parametrize("top", [0.04, 0.8, 3.3, 38.0, 2500.0])
def test_chart_ticks_are_distinct_and_dutch(top):
    df = pd.DataFrame({"periode": JAREN, "aantal": np.linspace(1, top * 100, 6), "per_1000": np.linspace(0, top, 6),
                       "status": "definitief"})
    fig = grafieken.thema_trend(df, naam="X", titel="t")
    ax = fig.axes[0]
    zichtbaar = [v for v in ax.get_yticks() if v <= ax.get_ylim()[1]]
    labels = [ax.yaxis.get_major_formatter()(v, 0) for v in zichtbaar]
    assert len(labels) >= 3 and len(set(labels)) == len(labels)
    assert all("." not in lab or "," not in lab or lab.index(".") < lab.index(",") for lab in labels)
    assert ax.get_xlabel() == "Jaar" and ax.get_ylabel() == "per 1.000 inwoners"


def test_reused_figure_draws_the_same_chart_as_a_new_one():
    r = _rapport()
    tekenaar = grafieken.Tekenaar()
    for thema in ("1.3", "2.1"):  # draw another chart first: nothing of it may remain
        svg_hergebruikt = grafieken.svg(tekenaar.thema_trend(r.reeks(thema), naam="L", titel=f"T {thema}"))
    svg_nieuw = grafieken.svg(grafieken.thema_trend(r.reeks("2.1"), naam="L", titel="T 2.1"))
    assert svg_hergebruikt == svg_nieuw


# --------------------------------------------------------------------------- sources, metadata


def test_appendix_lists_files_with_hash_quality_notes_and_parameters(tmp_path):
    """Hash and release come from what was read; the appendix opens no file (this one is gone)."""
    bestand = tmp_path / "politie.csv"
    bestand.write_text("ID;x\n", encoding="utf-8")
    sha = hashlib.sha256(bestand.read_bytes()).hexdigest()
    gelezen = bronnen.Bronnen(cijfers.leeg(), {}, (), (bronnen.Bronbestand(bestand, "statline", sha, "2024-05-03"),))
    bestand.unlink()
    tabel = cijfers.normaliseer(pd.DataFrame({
        "gemeente_code": "GM9901", "gebied_code": "GM9901", "periode": [2023, 2024, 2024], "bron": "47018NED",
        "categorie": ["2.5.2", "2.5.2", "1.1.1"], "omschrijving": "x", "waarde": [1.0, 2.0, np.nan],
        "eenheid": "aantal", "status": ["definitief", "voorlopig", "voorlopig"],
        "ontbreekt": [pd.NA, pd.NA, cijfers.ONBEKEND], "bronbestand": "politie.csv"}))
    r = _rapport(tabel=tabel, parameters={"gemeente": "GM9901", "data": [str(tmp_path)], "invoer": None},
                 bronnen=gelezen)
    html = weergave.bijlage(r)
    assert f'title="{sha}"' in html and "2023–2024" in html and "3 mei 2024" in html
    assert "1 cijfers van GM9901 (incl. wijken) ontbreken: onbekend of geheim" in html
    assert "Voorlopige cijfers: 2024" in html
    assert "Reeksbreuk bij 1.3" in html and "afgeschermd" in html
    assert "47018NED 9.9.9" in html  # a category new in the data is named
    assert "parameter data" in html and "GM9902" in html
    meta = weergave.metadata(r)
    assert sha in meta["bronbestanden"] and meta["gemeente"] == "GM9901" and meta["prioriteiten"] == "2.1"


def test_appendix_says_what_the_file_does_not_tell_release_and_provisional_status(tmp_path):
    """No '–' for release or provisional status: a date, the years, 'geen', or 'niet in het bestand'."""
    gelezen = bronnen.Bronnen(cijfers.leeg(), {}, (), (
        bronnen.Bronbestand(tmp_path / "a.csv", "statline", "0" * 64, "2024-08-15T02:00:00"),
        bronnen.Bronbestand(tmp_path / "b.csv", "statline", "1" * 64, None)))
    tabel = cijfers.normaliseer(pd.DataFrame({
        "gemeente_code": "GM9901", "gebied_code": "GM9901", "periode": [2023, 2023, 2024], "bron": "47018NED",
        "categorie": "2.5.2", "omschrijving": "x", "waarde": [1.0, 2.0, 3.0], "eenheid": "aantal",
        "status": ["definitief", "onbekend", "onbekend"], "bronbestand": ["a.csv", "b.csv", "b.csv"]}))
    r = _rapport(tabel=tabel, parameters={"gemeente": "GM9901", "data": [str(tmp_path)], "invoer": None},
                 bronnen=gelezen)
    b = r.bestanden.set_index("bestand")
    assert b.loc["a.csv", "publicatie"] == "15 augustus 2024" and b.loc["a.csv", "voorlopig"] == "geen"
    assert b.loc["b.csv", "publicatie"] == "niet in het bestand" and b.loc["b.csv", "voorlopig"] == "niet in het bestand"
    html = weergave.bijlage(r)
    assert "<td>–</td>" not in html and "15 augustus 2024" in html


# --------------------------------------------------------------------------- the template environment


@pytest.mark.parametrize("waarde, decimalen, tekst", [
    (1234.5, 1, "1.234,5"), (1234567, 0, "1.234.567"), (np.nan, 1, "–"), (None, 0, "–"), (pd.NA, 0, "–"),
    (np.int64(7), 0, "7"),
])
def test_template_filters_format_numbers_the_dutch_way(waarde, decimalen, tekst):
    from ivpanalyse.rapport import sjablonen

    sjabloon = sjablonen.omgeving().from_string("{{ x | getal(d) }}|{{ 0.125 | procent }}|{{ '2.1' | anker }}")
    assert sjabloon.render(x=waarde, d=decimalen) == f"{tekst}|+12%|2-1"


def test_templates_escape_data_and_refuse_unknown_names():
    import jinja2

    from ivpanalyse.rapport import sjablonen

    assert "&lt;b&gt;" in str(sjablonen.macro("link", {"doel": "x", "label": "<b>", "na": ""}))
    with pytest.raises(jinja2.UndefinedError):
        sjablonen.omgeving().from_string("{{ ontbreekt.x }}").render()


# --------------------------------------------------------------------------- compact report


def test_first_screen_shows_key_figures_and_proposed_priorities():
    html = weergave.overzicht(_rapport())
    rijen = re.findall(r'<tr><th scope="row"><a href="#thema-(\d-\d)">.*?</tr>', html, re.S)
    assert rijen == ["1-3", "2-1"]  # thema order, only thema's with figures
    assert "Kerncijfers 2024 (voorlopig)" in html
    assert re.search(r'href="#thema-2-1">2.1 Veilig winkelgebied</a></th><td class="getal">300</td>'
                     r'<td class="getal">6,0</td><td class="getal">5,4</td><td class="getal">4,2</td>'
                     r'<td class="signaal">↑ stijgend</td>', html)
    assert re.search(r'<ol><li><a href="#thema-2-1">2.1 Veilig winkelgebied</a> '
                     r'<span class="herkomst">\(voorstel uit de cijfers\)</span></li></ol>', html)


def test_thema_without_figures_says_what_to_gather_and_from_whom():
    html = weergave.thema_sectie(_rapport(), taxonomie.thema("1.4"))
    assert 'class="thema compact"' in html and "<img" not in html
    for i in taxonomie.thema("1.4").indicatoren:
        assert f"<strong>{i.bron}</strong>" in html and i.naam in html
    assert "Conceptduiding" not in html and 'class="drieslag' not in html


def test_a_sentence_several_themes_share_is_said_once():
    ind = _frames(signalen=pd.DataFrame({
        "thema": ["2.1", "1.3"], "signaal": ["stijgend", "dalend"], "reeksbreuk": ["", ""], "piek": [False, False],
        "status_laatste": ["voorlopig", "voorlopig"],
        "toelichting": ["Stijging (+60%). Het cijfer over 2024 is voorlopig.",
                        "Daling (-20%). Het cijfer over 2024 is voorlopig."]}),
        duiding=pd.DataFrame({"thema": ["2.1", "1.3"], "tekst": ["Het cijfer over 2024 is voorlopig. Eigen.", "Dalend."]}))
    r = _rapport(ind)
    assert r.teksten["1.3"]["signaal"] == "Daling (-20%). Het cijfer over 2024 is voorlopig."  # veld 1 first
    assert r.teksten["2.1"] == {"signaal": "Stijging (+60%).", "concept": "Eigen."}
    assert _alles(r).count("Het cijfer over 2024 is voorlopig.") == 1


def test_every_veld_links_back_to_the_contents_and_signals_use_one_set_of_symbols():
    r = _rapport()
    for code in range(1, 6):
        assert '<p class="terug"><a href="#inhoud">Terug naar inhoud</a></p>' in weergave.veld(r, code)
    html = _alles(r) + weergave.overzicht(r)
    assert not set("▲▼■") & set(html)
    assert "↑ stijgend" in html and "↓ dalend" in html


# --------------------------------------------------------------------------- the report's charts (SVG template)


@pytest.mark.parametrize("top", [0.04, 0.8, 3.3, 7.4, 38.0, 2500.0])
@pytest.mark.parametrize("per_1000", [True, False])
def test_template_chart_ticks_are_distinct_dutch_and_at_least_three(top, per_1000):
    import xml.etree.ElementTree as ET

    from ivpanalyse.rapport import lijngrafiek

    df = pd.DataFrame({"periode": JAREN, "aantal": np.linspace(1, top * 100, 6), "per_1000": np.linspace(0, top, 6),
                       "status": "definitief"})
    svg = ET.fromstring(lijngrafiek.svg(df, naam="X", titel="t", per_1000=per_1000))
    ns = {"s": "http://www.w3.org/2000/svg"}
    labels = [t.text for t in svg.findall("s:g[@class='ytick']/s:text", ns)]
    assert len(labels) >= 3 and len(set(labels)) == len(labels)
    assert all("." not in lab or "," not in lab or lab.index(".") < lab.index(",") for lab in labels)
    assert [t.text for t in svg.findall("s:g[@class='xtick']/s:text", ns)][-1] == "2024"
    teksten = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "Jaar" in teksten and ("per 1.000 inwoners" if per_1000 else "aantal misdrijven") in teksten


def test_template_chart_is_small_breaks_lines_at_gaps_and_explains_provisional_years():
    from ivpanalyse.rapport import lijngrafiek

    r = _rapport()
    reeks = r.reeks("2.1").copy()
    g = lijngrafiek.model(reeks, naam="Lindewaarde", titel="2.1 Veilig winkelgebied")
    assert [l["label"] for l in g["legenda"]] == ["Lindewaarde", "basisteam", "Nederland", "voorlopig cijfer"]
    assert len(g["voorlopig"]) == 1 and len(g["series"][0]["stukken"]) == 1
    reeks.loc[reeks["periode"] == 2021, "per_1000"] = np.nan  # a missing year is a gap, never a 0
    g = lijngrafiek.model(reeks, naam="Lindewaarde", titel="t")
    assert [len(s) for s in g["series"][0]["stukken"]] == [2, 3]
    svg = lijngrafiek.svg(reeks, naam="Lindewaarde <b>", titel="t & t")
    assert len(svg) < 8_000 and b"Lindewaarde &lt;b&gt;" in svg and b"t &amp; t" in svg


# --------------------------------------------------------------------------- the workbook in JupyterLab


def test_indicators_as_dataframes_carry_thema_names_in_thema_order():
    r = _rapport()
    cijfers = weergave.cijfers_per_thema(r)
    assert list(cijfers[["thema", "thema_naam"]].drop_duplicates().itertuples(index=False, name=None)) == [
        ("1.3", "Objectieve veiligheid"), ("2.1", "Veilig winkelgebied")]
    assert len(cijfers) == 2 * len(JAREN) and list(cijfers["periode"].head(6)) == JAREN
    breed = cijfers.pivot(index="periode", columns="thema_naam", values="per_1000")
    assert breed.loc[2024, "Veilig winkelgebied"] == pytest.approx(6.0)
    signalen = weergave.signalen_per_thema(r)
    assert list(signalen["signaal"]) == ["dalend", "stijgend"] and "thema_naam" in signalen


def test_scoped_style_leaves_the_notebook_page_alone():
    from ivpanalyse.rapport import sjablonen

    css = sjablonen.stijl(sjablonen.BEREIK)
    import tinycss2

    def selectors(knopen):
        for r in knopen:
            if r.type == "qualified-rule":
                yield from (s.strip() for s in tinycss2.serialize(r.prelude).split(","))
            elif r.type == "at-rule" and r.content:
                yield from selectors(tinycss2.parse_rule_list(r.content, skip_comments=True, skip_whitespace=True))

    alle = list(selectors(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))
    assert len(alle) > 50 and all(s.startswith(".ivp-rapport.ivp-rapport") for s in alle)
    assert "@page" not in css and sjablonen.stijl().startswith(":root")


def test_summary_says_geen_van_de_and_leaves_the_veld_1_explanation_to_veld_1():
    r = _rapport(_leeg())
    html = weergave.samenvatting(r).replace("&#39;", "'")
    assert "beschreven voor geen van de 24 thema's en aspecten" in html and " 0 van de " not in html
    assert "mogelijke beleidsversterkingen voor geen van de 24." in html
    # The veld 1 explanation stands once, in veld 1.
    assert "zes aspecten" not in html
    assert "Bij veld 1" in weergave.veld(r, 1)


def test_going_concern_heading_does_not_call_every_thema_strategic():
    html = weergave.stap3(_rapport()).replace("&#39;", "'")
    assert "Overige thema's (going concern)" in html and "strategische thema's (going concern)" not in html


def test_a_target_equal_to_the_baseline_reads_as_a_direction():
    """'streefwaarde 28,9 in 2028' beside 'basis 28,9' reads as no target: say 'niet laten stijgen'."""
    effect = pd.DataFrame({"thema": ["2.1", "2.1"], "indicator": ["Winkeldiefstal", "Rapportcijfer"],
                           "soort": ["objectief", "subjectief"], "bron": ["47018NED", "VM"],
                           "basiswaarde": [28.91, 7.1], "basisjaar": [2024, 2023], "streefwaarde": [28.9, 7.1],
                           "streefjaar": [2028, 2028], "eenheid": ["per 1.000", "rapportcijfer"],
                           "richting": ["lager is beter", "hoger is beter"], "toelichting": ["", ""]})
    regels = weergave._effectindicatoren(_rapport(_frames(effectindicatoren=effect)), "2.1")
    assert regels[0] == "Winkeldiefstal (basis 28,9 in 2024; streven: niet laten stijgen tot 2028); bron: 47018NED"
    assert "niet laten dalen tot 2028" in regels[1] and "streefwaarde 7,1" not in regels[1]
    # A target that differs stays a number.
    assert "streefwaarde 200 in 2028" in weergave._effectindicatoren(_rapport(), "2.1")[0]


def test_a_proposal_from_the_figures_is_motivated_in_words_not_score_points():
    from ivpanalyse.analyse import prioriteiten

    sig = pd.DataFrame([{"thema": "2.1", "signaal": "stijgend", "laatste_jaar": 2024, "referentiejaren": "2021-2023",
                         "niveau": "boven", "niveau_benchmark": "vergelijkbaar", "verhouding": 1.64,
                         "niveaujaren": "2022-2024", "niveau_eigen": 18.2, "niveau_referentie": 11.1,
                         "piek": False, "politie_initiatief": False}])
    redenen = prioriteiten.score(sig).set_index("thema").loc["2.1", "redenen"]
    assert "betekenisvolle stijging" in redenen and "18,2" in redenen
    assert not re.search(r"\((\+|-)?\d\)|\d,\d+x", redenen), redenen


def test_a_thema_whose_latest_figure_is_older_stands_apart_in_the_key_figures():
    """'Kerncijfers 2024' never holds a 2022 row among the 2024 rows: it follows under its own heading."""
    ind = _frames()
    tj = ind.thema_jaar
    ind = _frames(thema_jaar=tj[(tj["thema"] != "1.3") | (tj["periode"] <= JAREN[-3])])
    html = weergave.overzicht(_rapport(ind))
    assert f"Kerncijfers {JAREN[-1]}" in html
    kop = html.index("Laatste cijfer uit een eerder jaar")
    assert html.index("2.1 Veilig winkelgebied") < kop < html.index(f"1.3 Objectieve veiligheid</a> ({JAREN[-3]})")
    assert 'colspan="6"' in html  # thema, aantal, own rate, two benchmarks, signaal
    # With every thema in the table's year there is no such heading.
    assert "eerder jaar" not in weergave.overzicht(_rapport())


def test_the_analysis_remark_on_a_series_stands_beside_its_signal():
    """A population not comparable after a herindeling qualifies a 'verandering per inwoner' over those
    years: the remark stands at the thema, not only in the appendix."""
    ind = _frames()
    ind.signalen["opmerking"] = ["", "bevolking herleid of niet vergelijkbaar (2019-2020: deel van X; niet te herleiden)"]
    html = weergave.thema_sectie(_rapport(ind), taxonomie.thema("1.3"))
    assert "Bevolking herleid of niet vergelijkbaar (2019-2020: deel van X; niet te herleiden)." in html
    assert "herleid" not in weergave.thema_sectie(_rapport(_frames()), taxonomie.thema("2.1"))
