"""World regions (after the UN M49 standard) for each country: partner search filters by them
and the matching engine reports its match rate per region. Pure module (no Django)."""

AFRICA = "africa"
LATIN_AMERICA = "latin-america"
NORTHERN_AMERICA = "northern-america"
EUROPE = "europe"
ASIA = "asia"
OCEANIA = "oceania"

_MEMBERS = {
    AFRICA: (
        "DZ EG LY MA SD TN EH BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM "
        "CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG "
        "IO TF"
    ),
    LATIN_AMERICA: (
        "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR "
        "SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE"
    ),
    NORTHERN_AMERICA: "BM CA GL PM US UM",
    EUROPE: (
        "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM IT JE LV LT NO SJ SE GB AL AD BA "
        "HR GI GR VA MT ME MK PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH"
    ),
    ASIA: (
        "KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV "
        "NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE"
    ),
    OCEANIA: (
        "AU CX CC HM NZ NF FJ NC PG SB VU GU KI MH FM NR MP PW AS CK PF NU PN WS TK TO TV WF AQ"
    ),
}

REGION_OF: dict[str, str] = {
    country: region for region, members in _MEMBERS.items() for country in members.split()
}
REGIONS = tuple(_MEMBERS)


def region_of(country: str) -> str:
    """The region of a country (ISO 3166 alpha-2), or "" when unknown."""
    return REGION_OF.get(str(country).upper(), "")
