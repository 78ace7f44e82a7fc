"""The Content-Security-Policy every page of Orbis sends, and the check that a response has it."""

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "media-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def assert_page_is_locked_down(response, url: str = "") -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert directives(csp) == EXPECTED_CSP, (url, csp)
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, url
