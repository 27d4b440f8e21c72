"""Partner templates (ivpanalyse sjabloon-bron SOORT): written, filled as a partner would (openpyxl),
read back to exactly the expected canonical rows and thema's; every indicator stays its own figure;
damaged files are refused naming file, sheet, cell, column and value.

Run this file as a script to re-make the partner files of the bad-input corpus (``tests/bad/partner_*``).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from ivpanalyse import api, bronnen, cijfers
from ivpanalyse.analyse import koppeling
from ivpanalyse.bronnen import partner
from ivpanalyse.errors import ConfigFout, InleesFout, UitvoerFout

ROOT = Path(__file__).resolve().parents[1]
BAD = Path(__file__).parent / "bad"
MAPPING = pd.read_csv(ROOT / "ivpanalyse" / "data" / "koppeling" / "partner.csv", dtype=str, comment="#",
                      keep_default_na=False)


def vul(pad: Path, rijen: list[dict], *, extra: dict[str, object] | None = None, formules: dict | None = None) -> Path:
    """Fill the Cijfers sheet as a partner would: one dict per row (column name -> value)."""
    wb = load_workbook(pad)
    ws = wb[partner.BLAD_CIJFERS]
    for r, rij in enumerate(rijen, start=2):
        for kolom, waarde in rij.items():
            ws.cell(r, partner.NAMEN.index(kolom) + 1, waarde)
    for cel, waarde in (extra or {}).items():
        ws[cel] = waarde
    wb.save(pad)
    return pad


def _verwacht(soort: str, rijen: list[tuple], bestand: str) -> pd.DataFrame:
    """Canonical rows from (gebied, jaar, maand, categorie, waarde, status, ontbreekt)."""
    lijst = MAPPING[MAPPING["categorie"].str.startswith(f"{soort}/")].set_index("categorie")
    naam = partner.SOORTEN[soort].naam
    return cijfers.normaliseer(pd.DataFrame({
        "gemeente_code": [g[:2] == "GM" and g or "GM" + g[2:6] for g, *_ in rijen],
        "gebied_code": [g for g, *_ in rijen], "periode": [j for _, j, *_ in rijen],
        "maand": pd.array([m for _, _, m, *_ in rijen], dtype="Int8"), "bron": "lokaal",
        "categorie": [c for *_, c, _, _, _ in rijen],
        "omschrijving": [f"{naam}: {lijst.at[c, 'omschrijving']}" for *_, c, _, _, _ in rijen],
        "waarde": [w for *_, w, _, _ in rijen], "eenheid": [lijst.at[c, "eenheid"] for *_, c, _, _, _ in rijen],
        "status": [s for *_, s, _ in rijen], "ontbreekt": [o for *_, o in rijen], "bronbestand": bestand,
    }))


def _gesorteerd(df: pd.DataFrame) -> pd.DataFrame:
    return cijfers.normaliseer(df.astype({k: object for k in cijfers.CATEGORISCH})
                               .sort_values(["categorie", "gebied_code", "periode", "maand"]))


# ------------------------------------------------------------------------------------------ templates


@pytest.mark.parametrize("soort", sorted(partner.SOORTEN))
def test_template_reads_back_to_exactly_the_expected_rows_and_themas(soort, tmp_path):
    pad = api.sjabloon_bron(soort, tmp_path / f"{soort}.xlsx", gemeente="GM0158")
    lijst = partner.indicatoren(soort)
    assert len(lijst) >= 4 and lijst["thema"].ne("").all() and lijst["toelichting"].ne("").all()
    rijen, verwacht = [], []
    for i, ind in enumerate(lijst.itertuples(index=False)):
        waarde = 12.5 + i if ind.eenheid == "procent" else 3 + i
        rijen.append({"jaar": 2023, "indicator": ind.omschrijving, "waarde": waarde})
        verwacht.append(("GM0158", 2023, pd.NA, ind.categorie, float(waarde), "onbekend", pd.NA))
    eerste = lijst.iloc[0]
    # The code instead of the label, a wijk, a month, a name for the gemeente, '.' and a status.
    rijen += [{"gemeente": "Haaksbergen", "gebied": "WK015801", "jaar": 2022, "maand": 7, "indicator": eerste.code,
               "waarde": ".", "status": "voorlopig", "opmerking": "geheim: minder dan 5"},
              {"gemeente": "GM0158", "jaar": 2022, "indicator": f"  {eerste.omschrijving.upper()} ", "waarde": 0,
               "status": "definitief"}]
    verwacht += [("WK015801", 2022, 7, eerste.categorie, np.nan, "voorlopig", cijfers.ONBEKEND),
                 ("GM0158", 2022, pd.NA, eerste.categorie, 0.0, "definitief", pd.NA)]
    vul(pad, rijen + [{}, {"opmerking": "een lege regel en alleen een opmerking tellen niet"}])

    gelezen = bronnen.lees(pad)
    pd.testing.assert_frame_equal(_gesorteerd(gelezen), _gesorteerd(_verwacht(soort, verwacht, pad.name)))

    # Each indicator lands on the thema of the mapping file, and on nothing else.
    gekoppeld = koppeling.koppel(gelezen)
    thema = dict(zip(lijst["categorie"], lijst["thema"]))
    assert dict(zip(gekoppeld.cijfers["categorie"].astype(str), gekoppeld.cijfers["thema"].astype(str))) == thema
    assert set(gekoppeld.dekking["status"]) == {koppeling.TOEGEWEZEN}


def test_two_age_groups_stay_two_indicators_never_their_sum(tmp_path):
    pad = api.sjabloon_bron("verkeersongevallen", tmp_path / "v.xlsx", gemeente="GM0158")
    vul(pad, [{"jaar": 2023, "indicator": "Verkeersgewonden jonger dan 18 jaar", "waarde": 3},
              {"jaar": 2023, "indicator": "Verkeersgewonden van 65 jaar en ouder", "waarde": 8}])
    gekoppeld = koppeling.koppel(bronnen.lees(pad)).cijfers
    assert sorted(zip(gekoppeld["categorie"].astype(str), gekoppeld["waarde"])) == [
        ("verkeersongevallen/gewonden_65_plus", 8.0), ("verkeersongevallen/gewonden_onder_18", 3.0)]
    assert set(gekoppeld["thema"]) == {"4.1"} and 11 not in set(gekoppeld["waarde"])


def test_template_has_instructions_validation_and_the_thema_of_every_indicator(tmp_path):
    pad = api.sjabloon_bron("Veilig Thuis", tmp_path / "vt.xlsx", gemeente="GM0158")
    wb = load_workbook(pad)
    assert wb.sheetnames == [partner.BLAD_TOELICHTING, partner.BLAD_CIJFERS, partner.BLAD_INDICATOREN]
    assert wb.active.title == partner.BLAD_CIJFERS and wb.security.lockStructure
    toel = wb[partner.BLAD_TOELICHTING]
    assert (toel["A1"].value, toel["B2"].value, toel["B4"].value) == (partner.KENMERK, "veilig-thuis", "GM0158")
    tekst = " ".join(str(c.value) for c in toel["A"] if c.value)
    assert "één cijfer per regel" in tekst and "Haaksbergen" in tekst and "niet als 0" in tekst
    ws = wb[partner.BLAD_CIJFERS]
    assert [c.value for c in ws[1]] == list(partner.NAMEN)
    regels = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    letter = {k: chr(ord("A") + i) for i, k in enumerate(partner.NAMEN)}
    keuzes = regels[f"{letter['indicator']}2:{letter['indicator']}{partner.RIJEN + 1}"]
    assert keuzes.type == "list" and keuzes.formula1.startswith(f"={partner.BLAD_INDICATOREN}!$A$2")
    assert regels[f"{letter['waarde']}2:{letter['waarde']}{partner.RIJEN + 1}"].type == "custom"
    assert regels[f"{letter['jaar']}2:{letter['jaar']}{partner.RIJEN + 1}"].type == "whole"
    assert regels[f"{letter['status']}2:{letter['status']}{partner.RIJEN + 1}"].formula1 == '"definitief,voorlopig"'
    ind = wb[partner.BLAD_INDICATOREN]
    rijen = [[c.value for c in r] for r in ind.iter_rows(min_row=2)]
    verwacht = MAPPING[MAPPING["categorie"].str.startswith("veilig-thuis/")]
    assert [(f"veilig-thuis/{r[1]}", r[3], r[5]) for r in rijen] == list(zip(verwacht["categorie"], verwacht["thema"],
                                                           verwacht["toelichting"]))
    assert all(r[4] for r in rijen)  # thema name beside the code


def test_percentage_formatted_cell_is_read_as_shown(tmp_path):
    pad = api.sjabloon_bron("halt", tmp_path / "halt.xlsx", gemeente="GM0158")
    wb = load_workbook(pad)
    ws = wb[partner.BLAD_CIJFERS]
    ws["C2"], ws["E2"], ws["F2"] = 2023, "Halt-straffen positief afgerond (%)", 0.875
    ws["F2"].number_format = "0.0%"
    wb.save(pad)
    assert bronnen.lees(pad)["waarde"].tolist() == [87.5]


def _met_berekende_waarde(pad: Path, formule: str, waarde: str) -> None:
    """Store a cached value beside a formula, as Excel and LibreOffice do on saving (openpyxl cannot)."""
    with zipfile.ZipFile(pad) as z:
        delen = {n: z.read(n) for n in z.namelist()}
    blad = "xl/worksheets/sheet2.xml"
    oud = f"<f>{formule}</f><v></v>".encode()
    assert oud in delen[blad]
    delen[blad] = delen[blad].replace(oud, f"<f>{formule}</f><v>{waarde}</v>".encode())
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as z:
        for naam, inhoud in delen.items():
            z.writestr(naam, inhoud)


def test_formula_with_a_cached_value_is_read_as_that_value(tmp_path):
    pad = api.sjabloon_bron("gir", tmp_path / "gir.xlsx", gemeente="GM0158")
    vul(pad, [{"jaar": 2023, "indicator": "Incidenten verbale agressie", "waarde": "=2+3"}])
    with pytest.raises(InleesFout, match="formule zonder berekende waarde"):
        bronnen.lees(pad)
    _met_berekende_waarde(pad, "2+3", "5")
    assert bronnen.lees(pad)["waarde"].tolist() == [5.0]


def test_template_without_gemeente_needs_one_per_row(tmp_path):
    pad = api.sjabloon_bron("brandweer", tmp_path / "b.xlsx")
    vul(pad, [{"gemeente": "GM0153", "jaar": 2023, "indicator": "Woningbranden", "waarde": 4},
              {"jaar": 2023, "indicator": "Containerbranden", "waarde": 9}])
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(pad)
    assert [(f.regel, f.kolom) for f in fout.value.fouten] == [("Cijfers!A3", "gemeente")]


def test_unknown_soort_and_gemeente_and_suffix_are_refused(tmp_path):
    with pytest.raises(ConfigFout, match="kies uit: brandweer"):
        api.sjabloon_bron("ambulance", tmp_path / "a.xlsx")
    with pytest.raises(ConfigFout, match="GMxxxx"):
        api.sjabloon_bron("halt", tmp_path / "a.xlsx", gemeente="GM0999")
    with pytest.raises(UitvoerFout, match=".xlsx"):
        api.sjabloon_bron("halt", tmp_path / "a.csv")
    assert not list(tmp_path.iterdir())


def test_existing_template_is_kept_without_overschrijf(tmp_path):
    pad = vul(api.sjabloon_bron("halt", tmp_path / "halt.xlsx"),
              [{"gemeente": "GM0158", "jaar": 2023, "indicator": "Halt-verwijzingen (totaal)", "waarde": 31}])
    voor = pad.read_bytes()
    with pytest.raises(UitvoerFout, match="--overschrijf"):
        api.sjabloon_bron("halt", pad)
    assert pad.read_bytes() == voor
    r = subprocess.run([sys.executable, "-m", "ivpanalyse", "sjabloon-bron", "halt", "-o", str(pad)],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 2 and r.stderr.startswith("Uitvoerfout:") and str(pad) in r.stderr
    assert pad.read_bytes() == voor
    r = subprocess.run([sys.executable, "-m", "ivpanalyse", "sjabloon-bron", "halt", "-o", str(pad),
                        "--overschrijf"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    with pytest.raises(InleesFout, match="geen cijfers"):
        bronnen.lees(pad)


def test_filled_template_in_a_data_folder_feeds_the_analysis_as_its_own_indicators(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "bevolking_demogemeente.csv", data)
    pad = api.sjabloon_bron("politie-incidenten", tmp_path / "inc.xlsx", gemeente="GM9901")
    vul(pad, [{"jaar": j, "indicator": code, "waarde": w}
              for j in (2021, 2022, 2023) for code, w in (("E33", 40 + j % 7), ("E35", 10 + j % 5))])
    shutil.move(pad, data / pad.name)
    tabel = api.inlezen([data])
    rijen = tabel[tabel["bron"] == "lokaal"]
    assert len(rijen) == 6 and set(rijen["categorie"]) == {"politie-incidenten/e33", "politie-incidenten/e35"}
    gekoppeld = koppeling.koppel(tabel).cijfers
    assert dict(zip(gekoppeld["categorie"].astype(str), gekoppeld["thema"])) == {
        "politie-incidenten/e33": "1.1", "politie-incidenten/e35": "3.1"}


def test_analysis_keeps_every_partner_indicator_apart_on_its_thema(demo_data, tmp_path):
    brandweer = api.sjabloon_bron("brandweer", tmp_path / "brandweer.xlsx", gemeente="GM9901")
    vul(brandweer, [{"jaar": j, "indicator": ind, "waarde": w} for j in (2021, 2022, 2023)
                    for ind, w in (("Woningbranden", 11 + j % 3), ("Containerbranden", 30 - j % 4))])
    gir = api.sjabloon_bron("gir", tmp_path / "gir.xlsx", gemeente="GM9901")
    vul(gir, [{"jaar": j, "indicator": ind, "waarde": w} for j in (2021, 2022, 2023)
              for ind, w in (("Incidenten verbale agressie", 3), ("Incidenten fysiek geweld", 8))])
    a = api.analyse("GM9901", [demo_data, brandweer, gir])
    dekking = a.indicatoren.dekking.set_index("categorie")
    for categorie, thema in (("brandweer/woningbrand", "4.2"), ("brandweer/containerbrand", "1.2"),
                             ("gir/verbaal", "5.3"), ("gir/fysiek", "5.3")):
        assert (dekking.at[categorie, "thema"], dekking.at[categorie, "status"]) == (thema, koppeling.TOEGEWEZEN)
    # 3 verbal and 8 physical incidents are two indicators of 5.3, never a thema total of 11.
    jaar = a.indicatoren.indicator_jaar
    gir_rijen = jaar[jaar["thema"] == "5.3"]
    assert sorted(set(zip(gir_rijen["indicator"], gir_rijen["aantal"]))) == [
        ("GIR: Incidenten fysiek geweld", 8.0), ("GIR: Incidenten verbale agressie", 3.0)]
    assert 11 not in set(a.reeksen.loc[a.reeksen["thema"] == "5.3", "aantal"])


# ------------------------------------------------------------------------------------------ damaged files

GOED = {
    "brandweer": {"jaar": 2023, "indicator": "Woningbranden", "waarde": 4},
    "verkeersongevallen": {"jaar": 2023, "indicator": "Verkeersgewonden jonger dan 18 jaar", "waarde": 3},
    "halt": {"jaar": 2023, "indicator": "Halt-verwijzingen (totaal)", "waarde": 31},
    "meldingen-openbare-ruimte": {"jaar": 2023, "indicator": "Meldingen graffiti", "waarde": 17},
    "politie-incidenten": {"jaar": 2023, "indicator": "E33", "waarde": 44},
    "gir": {"jaar": 2023, "indicator": "Incidenten bedreiging en intimidatie", "waarde": 6},
    "veilig-thuis": {"jaar": 2023, "indicator": "Meldingen", "waarde": 212},
}

# name -> (soort, second row or extra cells, fragments of the message: place, column, value, reason)
SLECHT = {
    "partner_brandweer_percentage_boven_100.xlsx": (
        "brandweer", {"jaar": 2023, "indicator": "Gecontroleerde gebouwen met overtreding (%)", "waarde": 120},
        ["cel Cijfers!F3", "kolom 'waarde'", "'120'", "bereik 0-100 voor procent"]),
    "partner_verkeersongevallen_dubbele_sleutel.xlsx": (
        "verkeersongevallen", {"jaar": 2023, "indicator": "gewonden_onder_18", "waarde": 4},
        ["cel Cijfers!F2", "kolom 'waarde'", "'3'", "cel Cijfers!F3", "twee keer"]),
    "partner_halt_formule_zonder_waarde.xlsx": (
        "halt", {"jaar": 2023, "indicator": "Halt-verwijzingen Alcoholwet", "waarde": "=F2-20"},
        ["cel Cijfers!F3", "kolom 'waarde'", "'=F2-20'", "formule zonder berekende waarde"]),
    "partner_meldingen_tekst_buiten_kolommen.xlsx": (
        "meldingen-openbare-ruimte", {"I2": "telling klopt niet, zie mail"},
        ["cel Cijfers!I2", "kolom 'I'", "'telling klopt niet, zie mail'", "buiten de kolommen"]),
    "partner_politie_incidenten_negatief_aantal.xlsx": (
        "politie-incidenten", {"jaar": 2023, "indicator": "E35", "waarde": -4},
        ["cel Cijfers!F3", "kolom 'waarde'", "'-4'", "negatief"]),
    "partner_gir_niet_eindig.xlsx": (
        "gir", {"jaar": 2023, "indicator": "Incidenten fysiek geweld", "waarde": "1e999"},
        ["cel Cijfers!F3", "kolom 'waarde'", "'1e999'", "geen getal"]),
    "partner_veilig_thuis_onbekende_indicator.xlsx": (
        "veilig-thuis", {"jaar": 2023, "indicator": "Meldingen huiselijk geweld totaal", "waarde": 80},
        ["cel Cijfers!E3", "kolom 'indicator'", "'Meldingen huiselijk geweld totaal'", "onbekende indicator"]),
    "partner_halt_gebroken_aantal.xlsx": (
        "halt", {"jaar": 2023, "indicator": "Halt-verwijzingen vuurwerk", "waarde": 2.5},
        ["cel Cijfers!F3", "kolom 'waarde'", "'2.5'", "geen geheel getal"]),
    "partner_brandweer_kopregel_veranderd.xlsx": (
        "brandweer", {"F1": "aantal"},
        ["cel Cijfers!F1", "kolom 'waarde'", "'aantal'", "kopregel"]),
}


def maak_slecht(naam: str, map_: Path) -> Path:
    """One damaged partner file of :data:`SLECHT` in ``map_``."""
    soort, tweede, _ = SLECHT[naam]
    pad = api.sjabloon_bron(soort, map_ / naam, gemeente="GM0158", overschrijf=True)
    cellen = {k: v for k, v in tweede.items() if k not in partner.NAMEN}
    rij = {k: v for k, v in tweede.items() if k in partner.NAMEN}
    return vul(pad, [GOED[soort]] + ([rij] if rij else []), extra=cellen)


@pytest.mark.parametrize("naam", sorted(SLECHT))
def test_damaged_file_is_refused_naming_the_cell(naam, tmp_path):
    pad = maak_slecht(naam, tmp_path)
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(pad)
    tekst = str(fout.value)
    assert len(fout.value.fouten) == 1, tekst
    for stuk in [naam] + SLECHT[naam][2]:
        assert stuk in tekst, (stuk, tekst)


@pytest.mark.parametrize("naam", sorted(SLECHT))
def test_corpus_holds_every_damaged_partner_file(naam):
    """The files in tests/bad are the ones this module makes (tests/test_bronnen_slecht.py runs the CLI on them)."""
    soort, _, stukken = SLECHT[naam]
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(BAD / naam)
    assert all(s in str(fout.value) for s in stukken)
    assert load_workbook(BAD / naam)[partner.BLAD_TOELICHTING]["B2"].value == soort


@pytest.mark.parametrize("wijziging, stukken", [
    (lambda wb: wb[partner.BLAD_TOELICHTING].__setitem__("B2", "ambulance"),
     ["cel Toelichting!B2", "kolom 'soort'", "'ambulance'", "onbekende soort"]),
    (lambda wb: wb.remove(wb[partner.BLAD_CIJFERS]), ["cel Cijfers!A1", "ontbreekt"]),
    (lambda wb: wb[partner.BLAD_CIJFERS].__setitem__("C2", "twintig23"), ["cel Cijfers!C2", "kolom 'jaar'", "jaartal"]),
    (lambda wb: wb[partner.BLAD_CIJFERS].__setitem__("D2", 13), ["cel Cijfers!D2", "kolom 'maand'", "'13'"]),
    (lambda wb: wb[partner.BLAD_CIJFERS].__setitem__("F2", None), ["cel Cijfers!F2", "waarde ontbreekt"]),
    (lambda wb: wb[partner.BLAD_CIJFERS].__setitem__("B2", "WK015301"), ["cel Cijfers!B2", "hoort niet bij"]),
    (lambda wb: wb[partner.BLAD_CIJFERS].__setitem__("G2", "concept"), ["cel Cijfers!G2", "kolom 'status'"]),
    (lambda wb: wb[partner.BLAD_CIJFERS].__setitem__("F2", "nan"), ["cel Cijfers!F2", "geen getal"]),
    (lambda wb: wb[partner.BLAD_CIJFERS].__setitem__("F2", "-inf"), ["cel Cijfers!F2", "'-inf'", "geen getal"]),
    (lambda wb: wb[partner.BLAD_CIJFERS].__setitem__("C2", 2099), ["cel Cijfers!C2", "toekomst"]),
])
def test_other_damage_is_refused_naming_the_cell(wijziging, stukken, tmp_path):
    pad = vul(api.sjabloon_bron("brandweer", tmp_path / "b.xlsx", gemeente="GM0158"), [GOED["brandweer"]])
    wb = load_workbook(pad)
    wb.security.lockStructure = False
    wijziging(wb)
    wb.save(pad)
    with pytest.raises(InleesFout) as fout:
        bronnen.lees(pad)
    for stuk in stukken:
        assert stuk in str(fout.value), (stuk, str(fout.value))


def test_truncated_workbook_is_one_message(tmp_path):
    pad = vul(api.sjabloon_bron("gir", tmp_path / "g.xlsx", gemeente="GM0158"), [GOED["gir"]])
    data = pad.read_bytes()
    kapot = tmp_path / "kapot.xlsx"
    kapot.write_bytes(data[: len(data) // 2])
    with pytest.raises(InleesFout, match="kapot.xlsx"):
        bronnen.lees(kapot)


def test_no_partner_indicator_counted_twice_in_the_mapping():
    paren = list(zip(MAPPING["bron"], MAPPING["categorie"]))
    assert len(paren) == len(set(paren)) and set(MAPPING["bron"]) == {"lokaal"}
    assert set(MAPPING["categorie"].str.split("/").str[0]) == set(partner.SOORTEN)
    assert MAPPING["categorie"].eq(MAPPING["categorie"].str.lower()).all()  # as generic local keys
    assert set(MAPPING["eenheid"]) <= set(cijfers.EENHEDEN)


if __name__ == "__main__":  # python tests/test_partner.py: re-make tests/bad/partner_*
    for naam in SLECHT:
        print(maak_slecht(naam, BAD))


def test_a_thema_with_only_partner_figures_shows_them_in_the_report(demo_data, tmp_path):
    """5.3 with only GIR figures: the report shows those per indicator and a concept, not only 'Te verzamelen'."""
    from ivpanalyse import taxonomie
    from ivpanalyse.invoer import Drieslag
    from ivpanalyse.rapport import weergave

    gir = api.sjabloon_bron("gir", tmp_path / "gir.xlsx", gemeente="GM9901")
    vul(gir, [{"jaar": j, "indicator": ind, "waarde": w} for j in (2022, 2023, 2024)
              for ind, w in (("Incidenten verbale agressie", 3 + j % 3), ("Incidenten fysiek geweld", 8))])
    a = api.analyse("GM9901", [demo_data, gir])
    html = weergave.thema_sectie(weergave.Rapport(a, Drieslag(), {}), taxonomie.thema("5.3"))
    assert "GIR: Incidenten verbale agressie" in html and "GIR: Incidenten fysiek geweld" in html
    assert "Cijfers per indicator" in html and "gir.xlsx" in html
    assert "Conceptduiding uit de cijfers" in html and "Geen recente registratiecijfers" not in html
    assert "Te verzamelen" in html  # what else to gather stays
