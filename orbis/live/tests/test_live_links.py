"""Meeting links: the tool is recognised for display, and whatever is pasted, the validator
either accepts an https link with a host and no credentials or says what is wrong."""

from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from orbis.live.links import MAX_URL_LENGTH, meeting_tool, validate_meeting_url


@pytest.mark.parametrize(
    ("url", "tool"),
    [
        ("https://us02web.zoom.us/j/8512345678?pwd=abc", "Zoom"),
        ("https://meet.google.com/abc-defg-hij", "Google Meet"),
        ("https://teams.microsoft.com/l/meetup-join/19%3ameeting", "Microsoft Teams"),
        ("https://teams.live.com/meet/9312345", "Microsoft Teams"),
        ("https://meet.jit.si/OrbisRivers", "Jitsi"),
        ("https://school.webex.com/meet/gisel", "Webex"),
        ("https://bbb.school.example/rooms/abc", "Video meeting"),
        ("https://zoom.us.evil.example/j/1", "Video meeting"),  # a look-alike is no Zoom
        ("https://notzoom.us/j/1", "Video meeting"),
    ],
)
def test_the_tool_is_recognised_from_the_host(url, tool):
    validate_meeting_url(url)
    assert meeting_tool(url)[1] == tool


@given(st.text(max_size=120) | st.from_regex(r"\Ahttps?://[^\s]{0,80}\Z"))
def test_any_text_is_accepted_as_a_safe_link_or_refused_with_a_message(value):
    try:
        validate_meeting_url(value)
    except ValidationError as error:
        assert error.messages and all(error.messages)
        return
    parts = urlsplit(value)
    assert parts.scheme.lower() == "https" and parts.hostname
    assert parts.username is None and parts.password is None
    assert len(value) <= MAX_URL_LENGTH
    assert meeting_tool(value)[1]
