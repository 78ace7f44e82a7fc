"""Time zones (orbis/core/zones.py): a country's default and listed zones, and a zone name
checked without ever raising. Pure core, no database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orbis.core import zones
from tests.core.timetable_strategies import core


@pytest.mark.parametrize(
    ("country", "zone"),
    [
        ("IT", "Europe/Rome"),
        ("it", "Europe/Rome"),
        ("BD", "Asia/Dhaka"),
        ("IN", "Asia/Kolkata"),
        ("US", None),
        ("AR", None),
        ("BR", None),
        ("ZZ", None),
        ("", None),
    ],
)
def test_default_zone_for_country(country, zone):
    assert zones.default_zone_for_country(country) == zone


def test_zones_for_country_are_sorted_and_real():
    us = zones.zones_for_country("US")
    assert list(us) == sorted(us)
    assert {"America/New_York", "America/Chicago", "America/Los_Angeles"} <= set(us)
    assert all(zones.is_valid_zone(zone) for zone in us)
    assert zones.zones_for_country("ZZ") == ()


def test_all_zones_contains_utc_and_every_country_zone():
    everything = set(zones.all_zones())
    assert "UTC" in everything
    assert set(zones.zones_for_country("AR")) <= everything
    assert list(zones.all_zones()) == sorted(everything)


@pytest.mark.parametrize(
    ("name", "valid"),
    [
        ("Europe/Rome", True),
        ("Asia/Calcutta", True),
        ("UTC", True),
        ("Mars/Olympus", False),
        ("", False),
        (" Europe/Rome", False),
        ("Europe/Rome\x00", False),
        ("../../../etc/passwd", False),
        ("/etc/localtime", False),
        ("x" * 65, False),
    ],
)
def test_is_valid_zone(name, valid):
    assert zones.is_valid_zone(name) is valid


@core
@given(st.text(max_size=80))
def test_is_valid_zone_never_raises(name):
    assert zones.is_valid_zone(name) in {True, False}
