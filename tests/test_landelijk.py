"""The national stage: computed once, stored by content, read as one gemeente's slice with the same result."""

from __future__ import annotations

import dataclasses
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from ivpanalyse import api, bronnen
from ivpanalyse.analyse import indicatoren, landelijk

WORTEL = Path(__file__).resolve().parents[1]
GEDEELD = WORTEL.parent / "shared" / "data"
NATIONAAL = [GEDEELD / "politie-47018NED", GEDEELD / "cbs-bevolking" / "inwoners_gemeenten_2012-2023.csv"]
FRAMES = ["thema_jaar", "signalen", "duiding", "prioriteiten", "effectindicatoren", "wijken", "indicator_jaar",
          "indicator_signalen", "kwaliteit", "kerncijfers", "kerncijfers_jaar", "categorie_jaar"]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("IVPANALYSE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / "landelijk"


def _gelijk(a: indicatoren.Indicatoren, b: indicatoren.Indicatoren) -> None:
    for naam in FRAMES:
        x, y = getattr(a, naam), getattr(b, naam)
        pd.testing.assert_frame_equal(x.reset_index(drop=True), y.reset_index(drop=True), check_dtype=False,
                                      check_categorical=False, obj=naam)
    assert a.vergelijking == b.vergelijking


@pytest.mark.skipif(not all(p.exists() for p in NATIONAAL), reason="../shared/data ontbreekt")
@pytest.mark.parametrize("gemeente, basisteam", [("GM0158", ["GM0158", "GM0153", "GM0164"]), ("GM0796", None)])
def test_a_gemeentes_slice_gives_exactly_the_figures_of_the_whole_stage(cache, gemeente, basisteam):
    heel = landelijk.bereken(NATIONAAL)
    landelijk.maak(NATIONAAL)
    deel = landelijk.voor(gemeente, NATIONAAL, basisteam=basisteam or ())
    assert len(deel.voorwerk.thema) < len(heel.voorwerk.thema) / 10  # only its slice was read
    assert deel.gemeenten >= {gemeente, *(basisteam or [])}
    kwargs = {"basisteam": basisteam, "namen": heel.bronnen.namen}
    _gelijk(indicatoren.bereken(heel.cijfers, heel.gekoppeld, gemeente, voorwerk=heel.voorwerk, **kwargs),
            indicatoren.bereken(deel.cijfers, deel.gekoppeld, gemeente, voorwerk=deel.voorwerk, **kwargs))
    assert [b.sha256 for b in deel.bronnen.bestanden] == [b.sha256 for b in heel.bronnen.bestanden]


def test_a_second_report_on_the_same_data_reads_no_source_file(demo_data, cache, monkeypatch):
    eerste = api.analyse("GM9901", [demo_data])
    assert len(list(cache.iterdir())) == 1
    gelezen: Counter = Counter()
    echt = bronnen.herken
    monkeypatch.setattr(bronnen, "herken", lambda pad: gelezen.update([Path(pad).name]) or echt(pad))
    tweede = api.analyse("GM9902", [demo_data])
    opnieuw = api.analyse("GM9901", [demo_data])
    assert not gelezen  # both came from the stored stage
    _gelijk(eerste.indicatoren, opnieuw.indicatoren)
    assert tweede.naam == "Brakelveen" and eerste.bronnen.bestanden == opnieuw.bronnen.bestanden


def test_the_key_follows_content_years_and_code_and_a_damaged_stage_is_made_again(demo_data, cache, tmp_path):
    kopie = tmp_path / "data"
    shutil.copytree(demo_data, kopie)
    basis = landelijk.sleutel([kopie])
    assert landelijk.sleutel([kopie]) == basis
    assert landelijk.sleutel([kopie], 2018) != basis
    assert landelijk.sleutel([kopie], None, 2020) != basis
    bestand = next(p for p in bronnen.bestanden([kopie]) if p.suffix == ".csv")
    bestand.write_bytes(bestand.read_bytes().replace(b"\r\n", b"\n", 1) if b"\r\n" in bestand.read_bytes()
                        else bestand.read_bytes() + b"\n")
    assert landelijk.sleutel([kopie]) != basis
    s, map_, nieuw = landelijk.maak([kopie])
    assert nieuw and not landelijk.maak([kopie])[2]  # made once
    next(map_.glob("voorwerk.thema.parquet")).write_bytes(b"kapot")
    assert landelijk.lees(cache, s, "GM9901") is None and not map_.exists()  # damaged: removed
    a = api.analyse("GM9901", [kopie])  # ... and made again
    assert (map_ / landelijk.KLAAR).is_file() and a.indicatoren is not None


def test_unknown_gemeente_is_named_with_the_gemeenten_that_do_have_figures(demo_data, cache):
    from ivpanalyse.errors import IndicatorFout

    for _ in range(2):  # computing the stage, then reading it
        with pytest.raises(IndicatorFout, match="GM9901"):
            api.analyse("GM0999", [demo_data])


def test_a_stage_that_cannot_be_stored_exactly_is_computed_each_time_not_changed(demo_data, cache, monkeypatch):
    with pytest.raises(TypeError):
        landelijk._json({2019: "a"})  # JSON would make the key text: refused, not stored differently
    echt = landelijk.bewaar

    def kapot(stage, map_):
        stage = dataclasses.replace(stage, voorwerk=dataclasses.replace(stage.voorwerk, hoofdbron={1: "x"}))
        return echt(stage, map_)

    monkeypatch.setattr(landelijk, "bewaar", kapot)
    a = api.analyse("GM9901", [demo_data])
    assert a.indicatoren is not None and not any(p.is_dir() for p in cache.glob("*"))


@pytest.mark.skipif(not all(p.exists() for p in NATIONAAL), reason="../shared/data ontbreekt")
def test_the_stages_nederland_kerncijfers_and_the_category_tables_agree_with_the_series(cache):
    """The Nederland rate of the kerncijfers, computed once in the stage, is the one a gemeente would
    compute itself; the category rows of a thema add up to the thema's own series (same source)."""
    from ivpanalyse.analyse import kerncijfers

    heel = landelijk.bereken(NATIONAAL)
    vw = heel.voorwerk
    assert vw.kern_nederland is not None and len(vw.kern_nederland)
    sets = {"basisteam": ["GM0158", "GM0153", "GM0164"], "vergelijkbaar": ["GM0163", "GM0168", "GM0173"]}
    zelf = kerncijfers.bereken(vw.kern, "GM0158", sets, list(vw.gemeenten))
    gedeeld = kerncijfers.bereken(vw.kern, "GM0158", sets, list(vw.gemeenten), landelijk=vw.kern_nederland)
    for a, b in zip(zelf, gedeeld):
        pd.testing.assert_frame_equal(a, b)
    assert gedeeld[0]["nederland"].notna().any()

    ind = indicatoren.bereken(heel.cijfers, heel.gekoppeld, "GM0158", voorwerk=vw)
    cat = ind.categorie_jaar
    assert set(cat["bron"]) <= set(vw.hoofdbron.values()) and len(cat)
    som = cat.groupby(["thema", "periode"])["aantal"].sum(min_count=1).rename("som").reset_index()
    reeks = ind.thema_jaar[["thema", "periode", "aantal", "ontbrekend"]].merge(som, on=["thema", "periode"])
    volledig = reeks[reeks["ontbrekend"] == 0]
    assert len(volledig) >= 40  # four thema's with categories, 12 years each
    assert (volledig["som"] == volledig["aantal"]).all()


def test_old_stages_and_leftover_temp_folders_are_cleaned_up_when_a_new_stage_is_stored(demo_data, cache):
    """The stage folder does not grow without end: unused for 30 days, or beyond the 8 most recently
    used, a stage goes when a new one is stored; reading a stage keeps it."""
    import json
    import os
    import time

    cache.mkdir(parents=True)
    nu = time.time()

    def stage(naam: str, dagen: float) -> Path:
        d = cache / naam
        d.mkdir()
        (d / landelijk.KLAAR).write_text(json.dumps({"versie": "0"}), encoding="utf-8")
        os.utime(d / landelijk.KLAAR, (nu - dagen * 86400, nu - dagen * 86400))
        return d

    oud = stage("oud", 40)
    recent = [stage(f"recent{i}", i / 10) for i in range(9)]  # 9 recent ones: the oldest of them goes
    tmp = cache / ".abc.tmp.x"
    tmp.mkdir()
    os.utime(tmp, (nu - 2 * 86400, nu - 2 * 86400))
    vreemd = cache / "notities"  # not a stage: left alone
    vreemd.mkdir()
    landelijk.maak([demo_data])  # stores a new stage, then cleans up
    over = {p.name for p in cache.iterdir()}
    assert "oud" not in over and ".abc.tmp.x" not in over and "notities" in over
    assert {f"recent{i}" for i in range(7)} <= over and "recent7" not in over and "recent8" not in over
    assert len([p for p in cache.iterdir() if (p / landelijk.KLAAR).is_file()]) == landelijk.BEWAAR_AANTAL
    # Reading marks a stage as used.
    s = landelijk.sleutel([demo_data])
    os.utime(cache / s / landelijk.KLAAR, (nu - 50 * 86400, nu - 50 * 86400))
    landelijk.voor("GM9901", [demo_data])
    assert time.time() - (cache / s / landelijk.KLAAR).stat().st_mtime < 60
