"""Deterministic demo data for a fictitious basisteam, written in the real source layouts.

The gemeenten are invented; their codes (``GM99xx``) cannot clash with real CBS codes (real codes
stay below GM2000). Levels per 1.000 inwoners and yearly trends follow the order of magnitude of the
national police figures; one gemeente gets a marked rise in winkeldiefstal and a peak in
woninginbraak, so the report has something to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .atomisch import schrijf_tekst
from .config import package_data

SEED = 2026
JAREN = tuple(range(2014, 2026))  # 12 years; the last one is provisional
BASISTEAM = "Basisteam Demo Lindewaarde-Brakelveen"
DEMO_GEMEENTE = "GM9901"  # the gemeente whose werkgroep filled in most of its drieslag


@dataclass(frozen=True)
class DemoGemeente:
    code: str
    naam: str
    inwoners: int  # in the first year
    groei: float  # yearly population growth
    niveau: float  # crime level against the national average (urban > 1)
    wijken: tuple[str, ...]


GEMEENTEN = (
    DemoGemeente("GM9901", "Lindewaarde", 84_000, 0.006, 1.35,
                 ("Centrum", "Stationskwartier", "Oosterpark", "De Hoven", "Lindeweide")),
    DemoGemeente("GM9902", "Brakelveen", 31_500, 0.003, 0.85, ("Brakel", "Veenhuizen", "Buitengebied")),
    DemoGemeente("GM9903", "Oostervoort", 17_800, -0.002, 0.7, ("Oostervoort-Dorp", "De Voort", "Polder")),
    DemoGemeente("GM9904", "Heerdijk", 46_200, 0.004, 1.0, ("Heerdijk-Centrum", "Dijkzicht", "Nieuwland", "Heerveld")),
)

# Code -> (national level per 1.000 inwoners in the first year, yearly trend factor).
NIVEAUS = {
    "1.1.1": (3.2, 0.90), "1.1.2": (0.8, 0.93), "1.2.1": (3.6, 0.92), "1.2.2": (0.8, 0.97),
    "1.2.3": (5.4, 0.95), "1.2.4": (1.3, 0.94), "1.2.5": (0.3, 0.98), "1.3.1": (1.2, 0.99),
    "1.4.1": (0.33, 1.04), "1.4.2": (0.09, 1.0), "1.4.3": (0.25, 1.0), "1.4.4": (1.5, 1.03),
    "1.4.5": (2.6, 1.0), "1.4.6": (0.35, 0.92), "1.4.7": (0.1, 0.88), "1.5.2": (0.1, 0.97),
    "1.6.1": (0.45, 1.0), "1.6.2": (1.8, 1.01), "1.6.3": (0.02, 1.03), "2.1.1": (0.12, 1.0),
    "2.2.1": (4.3, 0.97), "2.4.1": (0.04, 0.98), "2.4.2": (0.25, 1.0), "2.5.1": (1.6, 0.95),
    "2.5.2": (2.8, 1.02), "2.6.1": (0.05, 1.0), "2.6.2": (0.02, 1.0), "2.6.3": (0.01, 1.0),
    "2.6.4": (0.15, 1.02), "2.6.5": (0.005, 1.0), "2.6.7": (0.02, 1.0), "2.6.8": (0.01, 1.0),
    "2.6.9": (0.12, 1.03), "2.6.10": (0.005, 1.0), "2.6.11": (0.06, 1.0), "2.6.12": (0.02, 1.0),
    "2.6.13": (0.08, 1.0), "2.6.14": (0.005, 1.0), "2.7.2": (0.6, 0.98), "2.7.3": (0.3, 1.0),
    "3.1.1": (0.9, 1.01), "3.1.2": (0.015, 1.0), "3.1.3": (0.35, 1.03), "3.2.1": (0.12, 1.05),
    "3.2.2": (0.004, 1.0), "3.3.2": (0.001, 1.0), "3.3.5": (0.004, 1.0), "3.4.2": (0.003, 1.0),
    "3.5.2": (1.5, 0.99), "3.5.5": (1.8, 1.0), "3.6.4": (0.5, 1.02), "3.7.1": (0.09, 1.03),
    "3.7.2": (0.06, 0.97), "3.7.3": (0.2, 1.0), "3.7.4": (0.45, 1.12), "3.9.1": (2.6, 1.09),
    "3.9.2": (0.06, 1.0), "3.9.3": (0.3, 1.02),
}
# Story lines of the demo: (gemeente, code) -> {year: extra factor}.
VERHALEN = {
    ("GM9901", "2.5.2"): {2022: 1.25, 2023: 1.45, 2024: 1.6, 2025: 1.75},
    ("GM9904", "1.1.1"): {2019: 1.9},
    ("GM9902", "2.2.1"): {2023: 1.3, 2024: 1.35, 2025: 1.4},
    ("GM9902", "3.1.1"): {2023: 1.4, 2024: 1.7, 2025: 1.9},
    ("GM9904", "3.1.1"): {2024: 1.5, 2025: 1.8},
}


# The werkgroepen's (fictitious) drieslag input per demo gemeente. Lindewaarde is partly filled,
# some rows complete, some open, so the demo report shows both; the others only chose priorities,
# and three of four choose ondermijning, so stap 3a finds a bovenlokale candidate.
LINDEWAARDE = {
    "1.3": {
        "problematiek": "Online fraude en geweld (mishandeling, bedreiging) nemen toe en zijn nu de grootste "
                        "groepen binnen deze delicten. Woninginbraak is sinds 2014 meer dan gehalveerd, maar "
                        "Stationskwartier en Centrum blijven boven het gemiddelde.\n\nDe gebiedsscan van het "
                        "basisteam bevestigt dit beeld.",
        "prioriteit": "ja",
        "motivering": "Hoog volume, grote impact op slachtoffers en een sterke stijging van geweld en online "
                      "fraude in 2025 (voorlopige cijfers).",
        "bronnen": "Politie (gebiedsscan 2025), wijkagenten Centrum en Stationskwartier",
    },
    "1.4": {"prioriteit": "nee", "bronnen": "Veiligheidsmonitor volgt in 2026"},
    "A1": {
        "aanpak": "Wijkveiligheidsplannen voor Centrum en Stationskwartier; wijkregisseurs sluiten aan bij "
                  "het wijkteam.\n- Knelpunt: de plannen zijn niet geactualiseerd sinds 2021.",
        "extra": "Eén wijkveiligheidsplan per wijk met jaarlijkse actualisatie in het wijkoverleg.",
        "bronnen": "Gemeente (OOV, wijkregie)",
    },
    "A5": {
        "aanpak": "Boa's openbare ruimte in het centrum (vrijdag en zaterdag); cameratoezicht op het "
                  "stationsplein.",
        "bronnen": "Team handhaving",
    },
    "2.1": {
        "problematiek": "Winkeldiefstal stijgt sinds 2022 sterk, vooral in het kernwinkelgebied. Ondernemers "
                        "melden vaker georganiseerde diefstal en agressie bij aanspreken.",
        "aanpak": "Keurmerk Veilig Ondernemen (KVO-W) in het centrum sinds 2019; collectieve winkelontzegging.\n"
                  "- Knelpunt: weinig aangiftebereidheid bij kleine winkeliers.",
        "extra": "- Snelle digitale aangifte met winkelstraatmanager\n- Gezamenlijke aanpak met "
                 "buurgemeenten van rondtrekkende daders",
        "prioriteit": "ja",
        "motivering": "Duidelijke stijging sinds 2022 en signalen van ondernemers.",
        "bronnen": "Politie; winkeliersvereniging; KVO-werkgroep",
    },
    "2.3": {"aanpak": "Horecaconvenant en Veilig Uitgaan-overleg (gemeente, politie, horeca)."},
    "3.1": {
        "aanpak": "Shortlistmethodiek voor jeugdgroepen; jongerenwerk in Oosterpark.",
        "extra": "",
        "prioriteit": "nee",
        "motivering": "Meldingen jeugdoverlast stabiel; aanpak loopt.",
    },
    "5.2": {
        "problematiek": "Aanwijzingen voor drugshandel vanuit bedrijfspanden op het bedrijventerrein "
                        "De Hoven (RIEC-ondermijningsbeeld 2024).",
        "aanpak": "Bibob-beleid herzien in 2023; barrièremodel voor vastgoed in voorbereiding.",
        "extra": "Integrale controles bedrijventerreinen twee keer per jaar.",
        "prioriteit": "ja",
        "motivering": "Ernstige, verborgen problematiek; ondermijningsbeeld RIEC.",
        "bronnen": "RIEC Oost; gemeente (Bibob-coördinator)",
    },
}

ONDERMIJNING = ("Drugshandel en ondermijning blijken uit het RIEC-ondermijningsbeeld van het basisteam; "
                "de aanpak vraagt gezamenlijke inzet met de buurgemeenten.")
DRIESLAG = {
    "GM9901": LINDEWAARDE,
    "GM9902": {"5.2": {"prioriteit": "ja", "motivering": ONDERMIJNING, "bronnen": "RIEC Oost"},
               "1.2": {"prioriteit": "ja", "motivering": "Vernielingen nemen sinds 2023 toe."}},
    "GM9904": {"5.2": {"prioriteit": "ja", "motivering": ONDERMIJNING, "bronnen": "RIEC Oost"},
               "4.1": {"prioriteit": "ja", "motivering": "Verkeersveiligheid rond scholen is de grootste zorg "
                                                         "van inwoners."}},
}


def _titels() -> pd.DataFrame:
    tabel = pd.read_csv(package_data("koppeling", "47018NED.csv"), dtype=str, keep_default_na=False,
                        comment="#")
    return tabel[["categorie", "omschrijving"]]


def _q(tekst: str) -> str:
    return '"' + tekst.replace('"', '""') + '"'


def _wijkcode(gemeente: DemoGemeente, i: int) -> str:
    return f"WK{gemeente.code[2:]}{i:02d}"


def genereer(doel: str | Path) -> dict[str, Path]:
    """Write the demo's raw files into ``doel``; return their paths by role.

    The output depends only on :data:`SEED`: two runs give byte-identical files.
    """
    doel = Path(doel)
    rng = np.random.default_rng(SEED)
    titels = _titels()
    codes = list(titels["categorie"][titels["categorie"] != "0.0.0"])
    rijen = []  # (code, gebied, periode, waarde, naam, soort)
    bevolking = []
    for gm in GEMEENTEN:
        # Wijk shares of population and of crime (the centre draws more crime than it houses).
        aandeel_bev = rng.dirichlet(np.full(len(gm.wijken), 6.0))
        crime_gewicht = aandeel_bev * np.linspace(1.6, 0.7, len(gm.wijken))
        aandeel_crime = crime_gewicht / crime_gewicht.sum()
        for j, jaar in enumerate(JAREN):
            inwoners = round(gm.inwoners * (1 + gm.groei) ** j)
            woningen = round(inwoners / 2.2)
            bevolking.append((gm.code, gm.naam, jaar, inwoners, woningen))
            for code in codes:
                niveau, trend = NIVEAUS[code]
                verwacht = niveau * gm.niveau * trend ** j * inwoners / 1000
                verwacht *= VERHALEN.get((gm.code, code), {}).get(jaar, 1.0)
                verwacht *= rng.gamma(40, 1 / 40)  # year-to-year variation beyond Poisson
                per_wijk = rng.poisson(verwacht * aandeel_crime)
                totaal = int(per_wijk.sum())
                rijen.append((code, gm.code, jaar, totaal, gm.naam, "Gemeente"))
                for i, aantal in enumerate(per_wijk):
                    rijen.append((code, _wijkcode(gm, i), jaar, int(aantal), gm.naam, "Wijk"))
        # Totals row per gebied, as the real table has.
    df = pd.DataFrame(rijen, columns=["code", "gebied", "jaar", "aantal", "naam", "soort"])
    totaal = (df.groupby(["gebied", "jaar", "naam", "soort"], sort=False)["aantal"].sum()
              .reset_index().assign(code="0.0.0"))
    df = pd.concat([totaal[df.columns], df], ignore_index=True)
    volgorde = {c: i for i, c in enumerate(["0.0.0"] + codes)}
    df = df.sort_values(["code", "gebied", "jaar"], key=lambda s: s.map(volgorde) if s.name == "code" else s,
                        kind="stable").reset_index(drop=True)

    kop = ";".join(_q(k) for k in ["ID", "SoortMisdrijf", "WijkenEnBuurten", "Perioden",
                                   "GeregistreerdeMisdrijven_1", "Gemeentenaam_2", "SoortRegio_3"])
    regels = [kop]
    for i, r in enumerate(df.itertuples(index=False)):
        regels.append(";".join([
            _q(str(i)), _q(f"{r.code:<6}"), _q(f"{r.gebied:<10}"), _q(f"{r.jaar}JJ00"),
            _q(f"{r.aantal:>12}"), _q(f"{r.naam:<40}"), _q(f"{r.soort:<10}")]))
    paden = {
        "misdrijven": doel / "47018NED_UntypedDataSet_demo.csv",
        "perioden": doel / "Perioden.csv",
        "soortmisdrijf": doel / "SoortMisdrijf.csv",
        "wijken": doel / "WijkenEnBuurten.csv",
        "bevolking": doel / "bevolking_demo.csv",
    }
    schrijf_tekst(paden["misdrijven"], "\r\n".join(regels) + "\r\n", bom=True, newline="", ruw=True)

    perioden = ['"Key","Title","Description","Status"']
    for jaar in JAREN:
        voorlopig = jaar == JAREN[-1]
        perioden.append(f'"{jaar}JJ00","{jaar}{"*" if voorlopig else ""}","",'
                        f'"{"Voorlopig" if voorlopig else "Definitief"}"')
    schrijf_tekst(paden["perioden"], "\n".join(perioden) + "\n", ruw=True)

    soort = ['"Key","Title","Description","CategoryGroupID"']
    soort += [f'"{c:<6}",{_q(t)},,' for c, t in zip(titels["categorie"], titels["omschrijving"])]
    schrijf_tekst(paden["soortmisdrijf"], "\n".join(soort) + "\n", ruw=True)

    wijken = ['"Key","Title","Description","Municipality","DetailRegionCode"']
    for gm in GEMEENTEN:
        wijken.append(f'"{gm.code:<10}",{_q(gm.naam)},,"{gm.code}","{gm.code}"')
        for i, naam in enumerate(gm.wijken):
            wk = _wijkcode(gm, i)
            wijken.append(f'"{wk:<10}",{_q(naam)},,"{gm.code}","{wk}"')
    schrijf_tekst(paden["wijken"], "\n".join(wijken) + "\n", ruw=True)

    bev = ["gemeente_code,gemeentenaam,jaar,inwoners,woningen"]
    bev += [f"{c},{n},{j},{i},{w}" for c, n, j, i, w in bevolking]
    schrijf_tekst(paden["bevolking"], "\n".join(bev) + "\n", ruw=True)

    # The werkgroepen's drieslag input (ivpanalyse rapport --invoer ...).
    from .invoer import schrijf_yaml

    namen = {gm.code: gm.naam for gm in GEMEENTEN}
    drieslag = {code: schrijf_yaml(doel / f"drieslag_{code}.yaml", code, namen[code], invulling, ruw=True)
                for code, invulling in DRIESLAG.items()}
    paden["drieslag"] = drieslag[DEMO_GEMEENTE]

    # Batch configuration of the demo basisteam (ivpanalyse batch --config ...).
    from .batch.config import voorbeeld

    paden["basisteam"] = doel / "basisteam.yaml"
    schrijf_tekst(paden["basisteam"], voorbeeld(BASISTEAM, [(gm.code, gm.naam) for gm in GEMEENTEN],
                                                drieslag={c: p.name for c, p in drieslag.items()}), ruw=True)
    return paden
