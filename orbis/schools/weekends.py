"""The usual weekend of a country, from the `holidays` library's country data."""

from functools import cache

import holidays

SATURDAY_SUNDAY = (5, 6)


@cache
def weekend_for_country(country: str) -> tuple[int, ...]:
    """Weekday numbers (0 = Monday) of the country's weekend; Saturday–Sunday when unknown."""
    try:
        return tuple(sorted(holidays.country_holidays(country.upper()).weekend))
    except (NotImplementedError, KeyError, AttributeError):
        return SATURDAY_SUNDAY
