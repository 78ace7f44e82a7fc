"""`orbis serve`: the development server, with the clock in its serving process."""

import pytest
from django.core.management import call_command

from orbis.ops.management.commands import serve


def test_serve_runs_the_development_server(monkeypatch):
    calls = []
    monkeypatch.setattr(
        serve, "call_command", lambda *args, **options: calls.append((args, options))
    )
    clocks = []
    monkeypatch.setattr(serve, "start_in_background", lambda: clocks.append("started"))
    monkeypatch.delenv("RUN_MAIN", raising=False)
    call_command("serve")
    assert clocks == []  # the autoreloader's watching parent: its serving child runs the clock
    monkeypatch.setenv("RUN_MAIN", "true")
    call_command("serve")
    assert clocks == ["started"]
    monkeypatch.delenv("RUN_MAIN")
    call_command("serve", "8001", "--noreload")
    assert clocks == ["started", "started"]
    assert calls == [
        (("runserver", "127.0.0.1:8000"), {"use_reloader": True}),
        (("runserver", "127.0.0.1:8000"), {"use_reloader": True}),
        (("runserver", "8001"), {"use_reloader": False}),
    ]


@pytest.mark.parametrize(
    ("addrport", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("8001", "http://127.0.0.1:8001"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000"),
        ("[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_site_url(addrport, url):
    assert serve.site_url(addrport) == url
