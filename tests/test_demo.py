import hashlib

import pandas as pd

from ivpanalyse import bronnen, demo
from ivpanalyse.analyse import koppeling


def _hashes(paden):
    return {k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in paden.items()}


def test_demo_is_deterministic(tmp_path):
    assert _hashes(demo.genereer(tmp_path / "a")) == _hashes(demo.genereer(tmp_path / "b"))


def test_demo_uses_the_real_bulk_layout(tmp_path):
    pad = demo.genereer(tmp_path)["misdrijven"]
    ruw = pad.read_bytes()
    assert ruw.startswith(b"\xef\xbb\xbf")  # BOM
    regel = ruw.decode("utf-8-sig").splitlines()[1]
    velden = regel.split(";")
    assert all(v.startswith('"') and v.endswith('"') for v in velden)
    assert velden[1] == '"0.0.0 "' and velden[2] == '"GM9901    "'
    assert velden[4].startswith('"   ')  # right-aligned number


def test_demo_covers_full_offence_list_ten_years_and_fictitious_codes(tmp_path):
    paden = demo.genereer(tmp_path)
    tabel = bronnen.lees_alles([tmp_path])
    misdrijven = tabel[tabel["bron"] == "47018NED"]
    assert misdrijven["periode"].nunique() >= 10
    assert set(misdrijven["categorie"].astype(str)) == set(koppeling.koppeltabel().query("bron == '47018NED'")["categorie"])
    codes = set(misdrijven["gemeente_code"].astype(str))
    assert codes == {g.code for g in demo.GEMEENTEN}
    assert all(int(c[2:]) >= 9900 for c in codes)  # real CBS codes stay below GM2000
    assert set(misdrijven.loc[misdrijven["periode"] == demo.JAREN[-1], "status"].astype(str)) == {"voorlopig"}
    assert paden["bevolking"].exists()


def test_demo_levels_are_realistic_per_1000(tmp_path):
    demo.genereer(tmp_path)
    tabel = bronnen.lees_alles([tmp_path]).astype({"gebied_code": str, "categorie": str})
    totaal = tabel[(tabel["categorie"] == "0.0.0") & (tabel["gebied_code"] == tabel["gemeente_code"])]
    inwoners = tabel[tabel["categorie"] == "inwoners"]
    samen = totaal.merge(inwoners, on=["gebied_code", "periode"], suffixes=("", "_inw"))
    per_1000 = samen["waarde"] / samen["waarde_inw"] * 1000
    # Dutch gemeenten register roughly 20 to 100 misdrijven per 1.000 inwoners a year.
    assert per_1000.between(20, 100).all()


def test_wijk_rows_add_up_to_the_gemeente(tmp_path):
    demo.genereer(tmp_path)
    tabel = bronnen.lees_alles([tmp_path])
    rijen = tabel[(tabel["categorie"] == "1.1.1") & (tabel["bron"] == "47018NED")]
    gm = rijen[rijen["gebied_code"].astype(str).str.startswith("GM")].set_index(["gemeente_code", "periode"])["waarde"]
    wk = rijen[rijen["gebied_code"].astype(str).str.startswith("WK")].groupby(
        ["gemeente_code", "periode"], observed=True)["waarde"].sum()
    pd.testing.assert_series_equal(gm.sort_index(), wk.sort_index(), check_names=False, check_index_type=False)


def test_names_cover_gemeenten_and_wijken(tmp_path):
    demo.genereer(tmp_path)
    namen = bronnen.namen([tmp_path])
    gm = demo.GEMEENTEN[0]
    assert namen[gm.code] == gm.naam
    assert namen[f"WK{gm.code[2:]}00"] == gm.wijken[0]


STIJGEN = ("stijg", "neemt toe", "nemen toe", "toename")
DALEN = ("daal", "dalin", "neemt af", "nemen af", "afname", "gehalveerd")


def test_demo_werkgroep_motivering_agrees_with_the_demo_signal(demo_data):
    """A priority motivering of the demo states the direction the analysis finds for that thema."""
    from ivpanalyse import api

    gecontroleerd = 0
    for code, invulling in demo.DRIESLAG.items():
        signalen = api.analyse(code, [demo_data]).indicatoren.signalen.set_index("thema")["signaal"]
        for thema, velden in invulling.items():
            tekst = velden.get("motivering", "").lower()
            if thema not in signalen.index or not tekst:
                continue
            gecontroleerd += 1
            if any(w in tekst for w in STIJGEN):
                assert signalen[thema] == "stijgend", (code, thema, tekst)
            assert not any(w in tekst for w in DALEN) or signalen[thema] == "dalend", (code, thema, tekst)
    assert gecontroleerd >= 3


def test_demo_problematiek_names_the_largest_groups_it_calls_largest(demo_data):
    """Lindewaarde 1.3 says online fraude and geweld are the largest groups: the figures agree."""
    from ivpanalyse import api

    tekst = demo.LINDEWAARDE["1.3"]["problematiek"]
    assert "Online fraude en geweld" in tekst and "grootste" in tekst and "meest voorkomende" not in tekst
    s = api.analyse(demo.DEMO_GEMEENTE, [demo_data]).indicatoren.indicator_signalen
    s = s[s["thema"].astype(str) == "1.3"].sort_values("laatste_aantal", ascending=False)
    assert list(s["indicator"][:2]) == ["Cybercrime en online fraude", "Geweldsmisdrijven"]
    woning = s.set_index("indicator").loc["Woninginbraak", "laatste_aantal"]
    assert woning < s["laatste_aantal"].iloc[1]


def test_a_thema_names_every_category_it_counts(demo_data):
    """The concept text's list of what a thema counts names every category, never 'en 2 andere'."""
    from ivpanalyse import api

    sig = api.analyse(demo.DEMO_GEMEENTE, [demo_data]).indicatoren.signalen.set_index("thema")
    telt = sig.loc["1.3", "telt"]
    assert "andere" not in telt and len(telt.split("; ")) > 6
    assert "1.4.2 Moord, doodslag" in telt and "1.1.1 Diefstal/inbraak woning" in telt


def test_summary_names_every_thema_above_its_comparison(demo_data):
    from ivpanalyse import api
    from ivpanalyse.invoer import Drieslag
    from ivpanalyse.rapport import weergave

    r = weergave.Rapport(api.analyse(demo.DEMO_GEMEENTE, [demo_data]), Drieslag(), {})
    boven = [c for c, x in r.oordeel.items() if str(x.get("niveau")) == "boven"]
    html = weergave.samenvatting(r)
    zin = next(p for p in html.split("<p>") if p.startswith("Per 1.000 inwoners boven de vergelijking"))
    assert len(boven) > 5 and all(f'href="#thema-{c.replace(".", "-")}"' in zin for c in boven), boven
    assert "andere" not in zin
