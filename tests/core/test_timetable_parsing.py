"""A day of a timetable written as text (orbis/core/timetable.py): parse_day reads whatever
a person types and refuses the rest with a TimetableError saying why; format_day writes it
back. Pure core, hypothesis looking for the cases nobody thought of."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from orbis.core.timetable import (
    MINUTES_PER_DAY,
    TimetableError,
    format_day,
    parse_day,
    validate,
)
from tests.core.timetable_strategies import core, one_day, weekdays


@st.composite
def written(draw, day_periods):
    """The periods as a person might type them: any accepted time and dash style, any separator."""

    def time(minutes):
        hours, rest = divmod(minutes, 60)
        style = draw(
            st.sampled_from(["{h:02d}:{m:02d}", "{h}:{m:02d}", "{h}.{m:02d}", "{h}h{m:02d}"])
        )
        if rest == 0 and draw(st.booleans()):
            style = "{h}"
        return style.format(h=hours, m=rest)

    chunks = []
    for p in draw(st.permutations(day_periods)):
        dash = draw(st.sampled_from(["-", " - ", "–", "—", " to ", " TO "]))
        chunks.append(f"{time(p.start)}{dash}{time(p.end)}")
    text = ""
    for chunk in chunks:
        text += chunk + draw(st.sampled_from([", ", ",", "; ", "\n", " ,, "]))
    return text


@core
@given(data=st.data(), weekday=weekdays)
def test_format_then_parse_gives_back_the_same_periods(data, weekday):
    day = data.draw(one_day(weekday))
    assert parse_day(weekday, format_day(day)) == day


@core
@given(data=st.data(), weekday=weekdays)
def test_periods_written_any_accepted_way_parse_to_the_same_periods(data, weekday):
    day = data.draw(one_day(weekday))
    text = data.draw(written(day))
    assert parse_day(weekday, text) == day
    assert format_day(parse_day(weekday, text)) == format_day(day)


@core
@given(weekday=weekdays, text=st.text(max_size=80))
@example(weekday=0, text="99:99-99:99")
@example(weekday=0, text="24:00-24:01")
@example(weekday=0, text="١٢:٠٠-١٣:٠٠")  # Arabic-Indic digits
@example(weekday=0, text="\x00")
def test_parse_day_raises_only_timetable_errors(weekday, text):
    try:
        result = parse_day(weekday, text)
    except TimetableError as error:
        assert error.code in {"syntax", "time", "inverted", "overlap"}
    else:
        assert validate(result) == result
        for p in result:
            assert p.weekday == weekday
            assert 0 <= p.start < p.end <= MINUTES_PER_DAY


@pytest.mark.parametrize("weekday", [-1, 7, 100])
def test_parse_day_refuses_a_weekday_that_does_not_exist(weekday):
    with pytest.raises(TimetableError) as caught:
        parse_day(weekday, "09:00-10:00")
    assert caught.value.code == "weekday"


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("10:00-09:00", "inverted", {"period": "10:00–09:00"}),
        ("09:00-10:00, 09:59-11:00", "overlap", {"first": "09:00–10:00", "second": "09:59–11:00"}),
        ("nine to ten", "syntax", {"text": "nine to ten"}),
        ("25:00-26:00", "time", {"text": "25:00-26:00"}),
        ("24:01-24:30", "time", {"text": "24:01-24:30"}),
    ],
)
def test_parse_day_errors_carry_what_the_message_needs(text, code, params):
    with pytest.raises(TimetableError) as caught:
        parse_day(0, text)
    assert caught.value.code == code
    assert caught.value.params == params


def test_syntax_error_quotes_at_most_40_characters():
    with pytest.raises(TimetableError) as caught:
        parse_day(0, "x" * 500)
    assert caught.value.params["text"] == "x" * 40
