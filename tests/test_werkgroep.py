"""The werkgroep cycle: concept versus werkgroep text over rounds, figures a text rests on, partner input,
strategische thema's and combined priorities (template side, xlsx and YAML)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from ivpanalyse import invoer
from ivpanalyse.analyse.indicatoren import Indicatoren
from ivpanalyse.errors import InvoerFout

KOP = {veld: j for j, (veld, _) in enumerate(invoer.KOLOMMEN, start=1)}


def _ind(jaren: dict[int, float], signaal: str = "dalend", concept: str = "Inbraak daalde naar 91.",
         voorgesteld: bool = True) -> Indicatoren:
    """Indicator frames with one series for 1.3 and a concept and suggestion for 1.3 and 2.1."""
    leeg = pd.DataFrame()
    return Indicatoren(
        thema_jaar=pd.DataFrame({"thema": "1.3", "periode": list(jaren), "aantal": list(jaren.values()),
                                 "per_1000": [a / 24.5 for a in jaren.values()], "bron": "47018NED"}),
        signalen=pd.DataFrame({"thema": ["1.3"], "signaal": [signaal]}),
        duiding=pd.DataFrame({"thema": ["1.3", "2.1"], "tekst": [concept, "Winkeldiefstal verdubbelde."]}),
        prioriteiten=pd.DataFrame({"veld": [1, 2], "thema": ["1.3", "2.1"], "score": [3, 5],
                                   "redenen": ["hoog niveau (+1)", "sterke stijging (+2)"],
                                   "voorgesteld": [voorgesteld, True], "rang_in_veld": [1, 1]}),
        effectindicatoren=leeg, wijken=leeg, dekking=leeg, vergelijking={})


RONDE1 = _ind({2021: 120.0, 2022: 91.0})
RONDE2 = _ind({2021: 121.0, 2022: 91.0, 2023: 110.0}, signaal="stijgend", concept="Inbraak steeg naar 110.")


def _rij(ws, code: str) -> int:
    return next(i for i in range(2, ws.max_row + 1) if ws.cell(i, 1).value == code)


def _zet(pad, waarden: dict[tuple[str, str], object], blad: str = invoer.BLAD) -> None:
    wb = load_workbook(pad)
    ws = wb[blad]
    for (code, veld), waarde in waarden.items():
        cel = ws.cell(_rij(ws, code), KOP[veld])
        cel.value = waarde
        if isinstance(waarde, str):
            cel.data_type = "s"
    wb.save(pad)


def _yaml_zet(pad, oud: str, nieuw: str) -> None:
    tekst = pad.read_text(encoding="utf-8")
    assert oud in tekst, oud
    pad.write_text(tekst.replace(oud, nieuw, 1), encoding="utf-8")


# --------------------------------------------------------------------------- concept versus werkgroep


@pytest.mark.parametrize("tekst, van_werkgroep", [
    ("Inbraak daalde naar 91.", False),                 # the concept as written
    ("  Inbraak daalde\nnaar  91. ", False),            # re-wrapped by Excel or an editor: still the concept
    ("Inbraak daalde naar 91. Vooral in het Centrum.", True),  # an edit of the concept makes it theirs
    ("Eigen duiding.", True),
])
def test_an_edited_concept_is_the_werkgroeps_an_untouched_one_is_not(tmp_path, tekst, van_werkgroep):
    pad = invoer.schrijf_sjabloon(tmp_path / "r1.xlsx", "GM9901", indicatoren=RONDE1)
    _zet(pad, {("1.3", "problematiek"): tekst})
    rij = invoer.lees(pad).get("1.3")
    assert rij.problematiek == (tekst.strip() if van_werkgroep else "")
    assert rij.ingevuld("problematiek") is van_werkgroep


def test_suggested_priority_and_machine_sources_are_not_attributed_until_changed(tmp_path):
    pad = invoer.schrijf_sjabloon(tmp_path / "r1.xlsx", "GM9901", indicatoren=RONDE1)
    d = invoer.lees(pad)
    assert d.leeg  # everything in it was written by the machine
    _zet(pad, {("1.3", "prioriteit"): "nee", ("2.1", "motivering"): "Ondernemers melden meer agressie."})
    d = invoer.lees(pad)
    assert d.get("1.3").prioriteit is False and d.get("1.3").motivering == ""
    assert d.get("2.1").prioriteit is None and d.get("2.1").motivering == "Ondernemers melden meer agressie."
    assert d.get("2.1").bronnen == ""  # "Cijfers: 47018NED" is the machine's


@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_second_round_carries_only_werkgroep_text_and_regenerates_the_concept(tmp_path, suffix):
    r1 = invoer.schrijf_sjabloon(tmp_path / f"r1{suffix}", "GM9901", indicatoren=RONDE1)
    if suffix == ".xlsx":
        _zet(r1, {("2.1", "aanpak"): "Keurmerk Veilig Ondernemen."})
    else:
        _yaml_zet(r1, "    aanpak: ''", "    aanpak: Keurmerk Veilig Ondernemen.")
    vorige = invoer.lees(r1)
    assert set(c for c, r in vorige.rijen.items() if any(r.ingevuld(v) for v in invoer.INVULVELDEN)) == {"2.1"}

    r2 = invoer.schrijf_sjabloon(tmp_path / f"r2{suffix}", "GM9901", indicatoren=RONDE2, vorige=vorige)
    if suffix == ".xlsx":
        ws = load_workbook(r2)[invoer.BLAD]
        assert ws.cell(_rij(ws, "1.3"), KOP["problematiek"]).value == "Inbraak steeg naar 110."
    else:
        assert "problematiek: Inbraak steeg naar 110." in r2.read_text(encoding="utf-8")
        assert "daalde naar 91" not in r2.read_text(encoding="utf-8")
    d = invoer.lees(r2)
    assert d.ronde == 2 and d.get("2.1").aanpak == "Keurmerk Veilig Ondernemen."
    assert d.get("1.3").problematiek == ""  # the new concept is still the machine's


@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_text_remembers_the_figures_it_was_written_on_and_what_moved_since(tmp_path, suffix):
    r1 = invoer.schrijf_sjabloon(tmp_path / f"r1{suffix}", "GM9901", indicatoren=RONDE1)
    if suffix == ".xlsx":
        _zet(r1, {("1.3", "problematiek"): "Inbraken dalen, behalve in het Centrum."})
    else:
        _yaml_zet(r1, "    problematiek: Inbraak daalde naar 91.",
                  "    problematiek: Inbraken dalen, behalve in het Centrum.")
    vorige = invoer.lees(r1)
    basis = vorige.get("1.3").geschreven_op["problematiek"]
    assert (basis.van, basis.tot, basis.laatste, basis.signaal) == (2021, 2022, (2022, 91.0), "dalend")

    r2 = invoer.schrijf_sjabloon(tmp_path / f"r2{suffix}", "GM9901", indicatoren=RONDE2, vorige=vorige)
    d2 = invoer.lees(r2)
    assert d2.get("1.3").problematiek == "Inbraken dalen, behalve in het Centrum."
    assert d2.get("1.3").geschreven_op["problematiek"] == basis  # carried unchanged: still the old figures
    [h] = invoer.herziening(d2, RONDE2)
    assert (h["code"], h["veld"]) == ("1.3", "problematiek")
    assert h["wijzigingen"] == ("nieuw jaar 2023 (110)", "herzien: 2021 van 120 naar 121",
                                "signaal dalend → stijgend")
    # The template tells the werkgroep what moved and shows the new concept beside their text.
    if suffix == ".xlsx":
        ws = load_workbook(r2)[invoer.BLAD]
        notitie = ws.cell(_rij(ws, "1.3"), KOP["cijfers"]).value
    else:
        notitie = r2.read_text(encoding="utf-8")
    assert "geschreven op 2021–2022" in notitie and "nieuw jaar 2023 (110)" in notitie
    assert "Nieuwe conceptduiding uit de cijfers: Inbraak steeg naar 110." in notitie

    # Rewriting the text in round 2 stamps it with the round-2 figures: nothing left to review.
    if suffix == ".xlsx":
        _zet(r2, {("1.3", "problematiek"): "Inbraken stijgen weer sinds 2023."})
    else:
        _yaml_zet(r2, "    problematiek: Inbraken dalen, behalve in het Centrum.",
                  "    problematiek: Inbraken stijgen weer sinds 2023.")
    d3 = invoer.lees(r2)
    assert d3.get("1.3").geschreven_op["problematiek"].tot == 2023
    assert invoer.herziening(d3, RONDE2) == []


@pytest.mark.parametrize("oud, nieuw, verwacht", [
    ({2021: 5.0, 2022: 6.0}, {2021: 5.0, 2022: 6.0}, ()),
    ({2021: 5.0, 2022: 6.0}, {2021: 5.0, 2022: 6.0, 2023: 7.0, 2024: 1234.0},
     ("nieuwe jaren 2023 (7) en 2024 (1.234)",)),
    ({2020: 5.0, 2021: 5.0}, {2021: 5.0}, ("niet meer in de cijfers: 2020",)),
])
def test_wijzigingen(oud, nieuw, verwacht):
    def basis(jaren):
        return invoer.Cijferbasis(min(jaren), max(jaren), tuple(jaren.items()), None, "stabiel")

    assert invoer.wijzigingen(basis(oud), basis(nieuw)) == verwacht
    assert invoer.wijzigingen(basis(oud), None) == ("geen cijfers meer voor dit thema in de ingelezen bronnen",)
    assert invoer.wijzigingen(None, basis(nieuw)) == ()


def test_changed_herkomst_is_refused_with_its_cell(tmp_path):
    pad = invoer.schrijf_sjabloon(tmp_path / "r1.xlsx", "GM9901", indicatoren=RONDE1)
    _zet(pad, {("1.3", "herkomst"): "{kapot"})
    with pytest.raises(InvoerFout) as info:
        invoer.lees(pad)
    ws = load_workbook(pad)[invoer.BLAD]
    assert info.value.regel == f"Drieslag!{ws.cell(1, KOP['herkomst']).column_letter}{_rij(ws, '1.3')}"
    assert "herkomst is gewijzigd" in str(info.value)


# --------------------------------------------------------------------------- partners, strategische thema's, combinations


def _vul_partners_en_combinaties_xlsx(pad) -> None:
    wb = load_workbook(pad)
    pw = wb[invoer.PARTNERS]
    pw.append(["1.3", "problematiek", "Politie basisteam Twente-Oost", date(2024, 3, 12),
               "Inbraken geconcentreerd rond het centrum.", "Zijn er cijfers per buurt voor 2023?"])
    pw.append(["S2", "aanpak", "GGD Twente", "05-04-2024", "Meldpunt zorg en overlast loopt.", ""])
    cw = wb[invoer.COMBINATIES]
    cw.append(["Veilig uitgaan en evenementen", "2.3, 2.4", "Eén aanpak voor horeca en evenementen."])
    ws = wb[invoer.BLAD]
    for veld, tekst in (("problematiek", "Phishing bij ouderen neemt toe."), ("prioriteit", "ja"),
                        ("motivering", "Aangiftes online fraude verdubbelden.")):
        cel = ws.cell(_rij(ws, "S1"), KOP[veld])
        cel.value, cel.data_type = tekst, "s"
    wb.save(pad)


YAML_AANVULLING = """combinaties:
- naam: Veilig uitgaan en evenementen
  themas: ['2.3', '2.4']
  motivering: Eén aanpak voor horeca en evenementen.
partners:
- code: '1.3'
  onderdeel: problematiek
  partner: Politie basisteam Twente-Oost
  datum: 2024-03-12
  bijdrage: Inbraken geconcentreerd rond het centrum.
  opmerking: Zijn er cijfers per buurt voor 2023?
- code: S2
  onderdeel: aanpak
  partner: GGD Twente
  datum: 05-04-2024
  bijdrage: Meldpunt zorg en overlast loopt.
"""


@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_template_round_trips_partners_strategische_themas_and_a_combined_priority(tmp_path, suffix):
    pad = invoer.schrijf_sjabloon(tmp_path / f"r1{suffix}", "GM9901", indicatoren=RONDE1)
    if suffix == ".xlsx":
        _vul_partners_en_combinaties_xlsx(pad)
    else:
        _yaml_zet(pad, "combinaties: []\npartners: []\n", YAML_AANVULLING)
        _yaml_zet(pad, "  S1:\n    naam: 'Strategisch thema: Gedigitaliseerde criminaliteit (waaronder cybercrime)'\n"
                       "    problematiek: ''\n    aanpak: ''\n    extra: ''\n    prioriteit: ''\n    motivering: ''",
                  "  S1:\n    problematiek: Phishing bij ouderen neemt toe.\n    prioriteit: ja\n"
                  "    motivering: Aangiftes online fraude verdubbelden.")
    d = invoer.lees(pad, gemeente="GM9901")
    verwacht_partners = [
        ("1.3", "Politie basisteam Twente-Oost", date(2024, 3, 12), "problematiek",
         "Inbraken geconcentreerd rond het centrum.", "Zijn er cijfers per buurt voor 2023?"),
        ("S2", "GGD Twente", date(2024, 4, 5), "aanpak", "Meldpunt zorg en overlast loopt.", "")]
    assert [(b.code, b.partner, b.datum, b.onderdeel, b.bijdrage, b.opmerking) for b in d.partners] == verwacht_partners
    assert [(c.naam, c.codes, c.motivering) for c in d.combinaties] == [
        ("Veilig uitgaan en evenementen", ("2.3", "2.4"), "Eén aanpak voor horeca en evenementen.")]
    assert d.get("S1").soort == "strategisch" and d.get("S1").prioriteit is True
    assert d.get("S1").problematiek == "Phishing bij ouderen neemt toe."

    # A next round carries all of it, in either format.
    for volgende in (".xlsx", ".yaml"):
        r2 = invoer.schrijf_sjabloon(tmp_path / f"r2{suffix}{volgende}", "GM9901", indicatoren=RONDE2, vorige=d)
        d2 = invoer.lees(r2)
        assert d2.partners == d.partners and [(c.naam, c.codes) for c in d2.combinaties] == [
            (c.naam, c.codes) for c in d.combinaties]
        assert (d2.get("S1").problematiek, d2.get("S1").prioriteit) == (d.get("S1").problematiek, True)
        assert d2.ronde == 2

    # The college version has no open questions or comments.
    assert [b.opmerking for b in d.zonder_opmerkingen().partners] == ["", ""]
    assert d.bijdragen("1.3")[0].partner == "Politie basisteam Twente-Oost"


def test_priority_list_counts_a_combination_once_and_its_thema_s_inside_it():
    d = invoer.Drieslag(
        rijen={"2.3": invoer.Invulling("2.3", "thema", prioriteit=True, motivering="horeca"),
               "1.3": invoer.Invulling("1.3", "thema", prioriteit=False),
               "S1": invoer.Invulling("S1", "strategisch", prioriteit=True, motivering="phishing")},
        combinaties=(invoer.Combinatie("Veilig uitgaan en evenementen", ("2.3", "2.4")),))
    voorstel = {"1.3": (True, "hoog"), "3.1": (True, "stijging"), "2.4": (True, "x")}
    lijst = invoer.prioriteitenlijst(d, voorstel)
    assert [(p.naam, p.codes, p.herkomst) for p in lijst] == [
        ("Veilig uitgaan en evenementen", ("2.3", "2.4"), "werkgroep"),
        ("Jeugdoverlast", ("3.1",), "voorstel uit de cijfers"),
        ("Strategisch thema: Gedigitaliseerde criminaliteit (waaronder cybercrime)", ("S1",), "werkgroep")]


@pytest.mark.parametrize("rij, deel", [
    (["9.9", "problematiek", "Politie", "2024-01-01", "x", ""], "onbekende code"),
    (["1.3", "problematiek", "", "2024-01-01", "x", ""], "zonder partner"),
    (["1.3", "ergens", "Politie", "2024-01-01", "x", ""], "onbekend onderdeel"),
    (["1.3", "aanpak", "Politie", "volgende week", "x", ""], "geen datum"),
])
def test_bad_partner_rows_name_the_cell(tmp_path, rij, deel):
    pad = invoer.schrijf_sjabloon(tmp_path / "r1.xlsx", "GM9901")
    wb = load_workbook(pad)
    wb[invoer.PARTNERS].append(rij)
    wb.save(pad)
    with pytest.raises(InvoerFout) as info:
        invoer.lees(pad)
    assert deel in str(info.value) and str(info.value.regel).startswith(f"{invoer.PARTNERS}!")


@pytest.mark.parametrize("themas, deel", [("2.3", "ten minste twee"), ("2.3, A1", "aspect van de aanpak"),
                                          ("2.3, 7.7", "onbekende code")])
def test_bad_combination_is_refused(tmp_path, themas, deel):
    pad = invoer.schrijf_sjabloon(tmp_path / "r1.xlsx", "GM9901")
    wb = load_workbook(pad)
    wb[invoer.COMBINATIES].append(["Veilig uitgaan en evenementen", themas, ""])
    wb.save(pad)
    with pytest.raises(InvoerFout, match=deel):
        invoer.lees(pad)


# --------------------------------------------------------------------------- two rounds on real data


SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ECHT = [SHARED / "politie-47018NED" / "47018NED_UntypedDataSet_gemeenten_2012-2023.csv",
        SHARED / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv"]
EIGEN_11 = "Woonoverlast en verward gedrag nemen volgens wijkagenten en corporatie toe in Oost."


def _sectie(html: str, anker: str) -> str:
    begin = html.index(f'id="{anker}"')
    return html[begin:html.index("</section>", begin)]


@pytest.fixture(scope="module")
def twee_rondes(tmp_path_factory):
    """Haaksbergen: round 1 on 2012-2022, the werkgroep writes 1.1 and edits the concept of 1.3 and adds partner
    input, a strategisch thema and a combined priority; round 2 on 2012-2023 with --vorige; the round-2 report."""
    if not all(p.is_file() for p in ECHT):
        pytest.skip("../shared/data ontbreekt (echte data alleen in de ontwikkelomgeving)")
    from ivpanalyse import api

    map_ = tmp_path_factory.mktemp("rondes")
    r1 = api.sjabloon("GM0158", map_ / "ronde1.xlsx", ECHT, jaar_tot=2022)
    ws = load_workbook(r1)[invoer.BLAD]
    concept_13 = ws.cell(_rij(ws, "1.3"), KOP["problematiek"]).value
    concept_12_r1 = ws.cell(_rij(ws, "1.2"), KOP["problematiek"]).value
    _zet(r1, {("1.1", "problematiek"): EIGEN_11,
              ("1.3", "problematiek"): concept_13 + " Volgens de politie vooral rond het centrum.",
              ("S2", "aanpak"): "Zorg- en veiligheidsoverleg elke maand."})
    wb = load_workbook(r1)
    wb[invoer.PARTNERS].cell(2, 1).value = "1.3"
    for j, w in enumerate(["problematiek", "Politie basisteam Twente-Oost", "12-03-2024",
                           "Inbraken rond het centrum.", "Zijn er buurtcijfers voor 2023?"], start=2):
        wb[invoer.PARTNERS].cell(2, j).value = w
    for j, w in enumerate(["Veilig uitgaan en evenementen", "2.3, 2.4", "Eén aanpak voor horeca en kermis."],
                          start=1):
        wb[invoer.COMBINATIES].cell(2, j).value = w
    wb.save(r1)
    r2 = api.sjabloon("GM0158", map_ / "ronde2.xlsx", ECHT, jaar_tot=2023, vorige=r1)
    html = api.rapport("GM0158", ECHT, map_ / "rapport", jaar_tot=2023, invoer=r2).read_text(encoding="utf-8")
    return {"r1": r1, "r2": r2, "html": html, "concept_12_r1": concept_12_r1, "map": map_}


def test_round_two_template_carries_only_what_people_wrote(twee_rondes):
    d = invoer.lees(twee_rondes["r2"], gemeente="GM0158")
    van_werkgroep = {c for c, r in d.rijen.items() if any(r.ingevuld(v) for v in invoer.INVULVELDEN)}
    assert van_werkgroep == {"1.1", "1.3", "S2"}
    assert d.ronde == 2 and d.get("1.1").problematiek == EIGEN_11
    assert [(b.code, b.partner) for b in d.partners] == [("1.3", "Politie basisteam Twente-Oost")]
    assert [c.codes for c in d.combinaties] == [("2.3", "2.4")]
    ws = load_workbook(twee_rondes["r2"])[invoer.BLAD]
    concept_12 = ws.cell(_rij(ws, "1.2"), KOP["problematiek"]).value
    assert "2023" in concept_12 and concept_12 != twee_rondes["concept_12_r1"]  # regenerated from 2023 figures


def test_round_two_report_attributes_only_what_people_wrote_and_flags_old_figures(twee_rondes):
    html = twee_rondes["html"]
    samenvatting = _sectie(html, "samenvatting")
    # Only 1.1 and 1.3 were written by people; the carried-over round-1 concepts are not the werkgroep's.
    zin = samenvatting[samenvatting.index("De werkgroep duidde de problematiek van"):]
    zin = zin[:zin.index("</p>")]
    assert "1.1 Sociale kwaliteit" in zin and "1.3 Objectieve veiligheid" in zin
    assert "1.2" not in zin and "2.2" not in zin and "5.2" not in zin
    assert "Te herzien" in samenvatting

    t11, t12, t13 = (_sectie(html, f"thema-1-{i}") for i in (1, 2, 3))
    assert "Duiding door de werkgroep</h5><p>" + EIGEN_11 in t11
    assert "Te herzien" not in t11  # no registered figures for 1.1 in these files: nothing moved under it
    # 1.2: the new concept, shown as concept, never as the werkgroep's.
    assert "Conceptduiding uit de cijfers</h5>" in t12 and "in 2023" in t12
    assert "Duiding door de werkgroep</h5><p>" not in t12
    # 1.3: the werkgroep's text, flagged as written on 2012-2022, beside the new concept.
    assert "Volgens de politie vooral rond het centrum." in t13
    herzien = t13[t13.index("Te herzien: geschreven op oudere cijfers"):]
    assert "cijfers 2012–2022" in herzien and "nieuw jaar 2023" in herzien
    assert "Nieuwe conceptduiding uit de cijfers" in t13
    assert "Politie basisteam Twente-Oost" in t13 and "Zijn er buurtcijfers voor 2023?" in t13
    # Strategische thema's and the combined priority have their place.
    strategisch = _sectie(html, "strategisch-S2")
    assert "Zorg en Veiligheid" in strategisch and "Zorg- en veiligheidsoverleg elke maand." in strategisch
    prioriteiten = _sectie(html, "prioriteiten")
    assert "Veilig uitgaan en evenementen" in prioriteiten and "combinatie van" in prioriteiten


def test_college_version_leaves_the_partners_comments_out(twee_rondes):
    from ivpanalyse import api
    from ivpanalyse.rapport import model, weergave

    a = api.analyse("GM0158", ECHT, jaar_tot=2023)
    for opmerkingen in (True, False):
        r = model.Rapport(a, api.drieslag(twee_rondes["r2"], "GM0158", opmerkingen=opmerkingen),
                          {"opmerkingen": opmerkingen})
        html = weergave.bijlage(r) + weergave.veld(r, 1) + weergave.kop(r)
        assert ("Zijn er buurtcijfers voor 2023?" in html) is opmerkingen
        assert "Politie basisteam Twente-Oost" in html  # who contributed stays
        assert ("Versie voor het college" in html) is not opmerkingen


@pytest.mark.parametrize("combinaties, waarschuwing", [((), True), ((("S2", "S3"),), False)])
def test_stap3_counts_a_combination_as_one_priority_and_still_warns_above_four(combinaties, waarschuwing):
    from types import SimpleNamespace

    from ivpanalyse import cijfers
    from ivpanalyse.rapport import model, weergave

    # 1.3 and 2.1 proposed from the figures, the three strategische thema's by the werkgroep: five, or four
    # when two of them form one combined priority.
    analyse = SimpleNamespace(gemeente="GM9901", naam="Lindewaarde", jaren=(2021, 2022), cijfers=cijfers.leeg(),
                              gekoppeld=None, indicatoren=RONDE1, bronnen=None)
    d = invoer.Drieslag(rijen={c: invoer.Invulling(c, "strategisch", prioriteit=True) for c in ("S1", "S2", "S3")},
                        combinaties=tuple(invoer.Combinatie("Zorg en informatie", c) for c in combinaties))
    r = model.Rapport(analyse, d, {})
    assert len(r.prioriteitenlijst) == 5 - len(combinaties)
    assert ("hooguit drie à vier" in weergave.stap3(r)) is waarschuwing
    assert ("hooguit drie à vier" in weergave.samenvatting(r)) is waarschuwing
