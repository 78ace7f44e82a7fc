"""The dates of every page, one family per language (FORMAT_MODULE_PATH points here; Django
reads `<language>/formats.py` first, then its own locale's formats for what these leave out,
such as input formats and number separators).

A day is written one way everywhere: "Mon 14 Dec 2026" (weekday and month names translated);
a moment adds the 24-hour time: "Mon 14 Dec 2026, 13:05". Templates name the format
(`|date:"DATE_FORMAT"`, `|day:"DATE_FORMAT"`, `|date:"DATETIME_FORMAT"`), Python calls
`formats.date_format(value, "DATE_FORMAT")`; nothing writes a pattern of its own. A language
changes its pattern in its own module. `<input type="date">` values stay ISO (YYYY-MM-DD)."""

DAY = "D j M Y"  # Mon 14 Dec 2026 (M: the month's abbreviation, capitalised)
MONTH = "M Y"  # Dec 2026
TICK = "j M"  # 14 Dec: only the week labels of the timeline picture, under its month labels


def family(day: str = DAY, month: str = MONTH, tick: str = TICK) -> tuple[str, ...]:
    """DATE_FORMAT, SHORT_DATE_FORMAT, DATETIME_FORMAT, SHORT_DATETIME_FORMAT, TIME_FORMAT,
    YEAR_MONTH_FORMAT and MONTH_DAY_FORMAT of a language from its way of writing a day, a month
    and a timeline's week label."""
    moment = f"{day}, H:i"  # Mon 14 Dec 2026, 13:05
    return day, day, moment, moment, "H:i", month, tick
