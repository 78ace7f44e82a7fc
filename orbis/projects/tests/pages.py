"""Helpers for the tests of the project pages: the messages a page shows."""

from django.utils.html import escape


def shows(response, message: str) -> bool:
    """The page shows the message (as the template escapes it)."""
    return escape(message) in response.text


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def follow_messages(client, response) -> list[str]:
    """The messages shown on the page a redirect leads to."""
    assert response.status_code == 302, response.status_code
    return messages_of(client.get(response["Location"]))
