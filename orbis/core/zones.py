"""Time zones by country, from the IANA database shipped in the `tzdata` package.

Pure module (no Django): the school form and the matching engine both use it.
"""

from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    """Read zone.tab: one line per zone, with the country that uses it."""
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        country, _coordinates, zone = line.split("\t")[:3]
        zones.setdefault(country, []).append(zone)
    return {country: tuple(sorted(names)) for country, names in zones.items()}


def zones_for_country(country: str) -> tuple[str, ...]:
    """The IANA zones used in a country (ISO 3166 alpha-2), sorted; empty when unknown."""
    return _zones_by_country().get(str(country).upper(), ())


def default_zone_for_country(country: str) -> str | None:
    """The country's zone when it has exactly one, else None (the user must choose)."""
    zones = zones_for_country(country)
    return zones[0] if len(zones) == 1 else None


@cache
def all_zones() -> tuple[str, ...]:
    """Every zone some country uses, plus UTC: the list a person may choose from."""
    names = {zone for zones in _zones_by_country().values() for zone in zones}
    return tuple(sorted(names | {"UTC"}))


def is_valid_zone(name: str) -> bool:
    """True for a zone name the IANA database knows (old aliases such as Asia/Calcutta too)."""
    if not name or name != name.strip() or "\x00" in name or len(name) > 64:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
