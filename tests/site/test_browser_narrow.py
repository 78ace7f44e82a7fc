"""Every page fits a 360-pixel phone: no page of the role matrix scrolls sideways.

In the rich world of tests/site/world.py, each GET page that answers 200 with a whole HTML page
is loaded in headless Chromium 360 px wide, as the roles that reach it: public pages as an
anonymous visitor, staff pages as staff, every other page as the owner teacher (Gisel) and as
her student (Puma); the public pages again in Arabic (right to left), and a newcomer's first
pages (no name yet: the dashboard greets her by her long e-mail address). A page whose
`scrollWidth` passes the window's width fails, named with its widest element (long words must
wrap, pictures scale, tables scroll inside their own box); so does a picture whose labels are
drawn under 12 px, or a timeline shown neither as a picture nor as its list of phases.

One browser, one context per role and language: about 95 pages in 11 to 20 seconds on two
cores (0.1 to 0.2 s a page), the world and the server started in as long again.
"""

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import TeacherFactory
from tests.site.test_role_matrix import PUBLIC_NAMES, STAFF_NAMES
from tests.site.world import build_world
from tests.site.world_urls import ask, buildable

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360
# The widest element that sticks out of the window, outside any box that scrolls on its own.
WIDEST = """() => {
  const limit = window.innerWidth, rtl = getComputedStyle(document.body).direction === 'rtl';
  let widest = null, most = 1;
  for (const element of document.body.querySelectorAll('*')) {
    let clipped = false;
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') { clipped = true; break; }
    }
    if (clipped) continue;
    const box = element.getBoundingClientRect();
    let right = box.right, left = box.left;
    // Text that doesn't wrap sticks out of its own box: count it for the element holding it.
    if ([...element.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) {
      right = Math.max(right, box.left + element.scrollWidth);
      left = Math.min(left, box.right - element.scrollWidth);
    }
    const out = rtl ? -left : right - limit;  // the side a page can scroll to
    if (out >= most - 0.5) { most = Math.max(most, out); widest = element; }  // the deepest
  }
  if (!widest) return '';
  const name = widest.tagName.toLowerCase() + (widest.id ? '#' + widest.id : '')
    + [...widest.classList].map(c => '.' + c).join('');
  const text = (widest.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
  return `${name} sticks out ${Math.round(most)} px ("${text}")`;
}"""


# Labels of a picture (an SVG with a viewBox) drawn smaller than 12 px; a timeline shown neither
# as a picture nor as its list of phases.
ILLEGIBLE = """() => {
  const shown = e => e && e.getBoundingClientRect().width > 1;
  const problems = [];
  for (const svg of document.querySelectorAll('svg[viewBox]')) {
    if (!shown(svg)) continue;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (px < 11.95) {
        problems.push(`"${text.textContent}" drawn at ${px.toFixed(1)} px`);
        break;
      }
    }
  }
  for (const figure of document.querySelectorAll('figure.timeline')) {
    if (!shown(figure.querySelector('svg')) && !shown(figure.querySelector('.tl-list'))) {
      problems.push('the timeline shows neither its picture nor its list of phases');
    }
  }
  return problems.join('; ');
}"""


def pages_by_role(world) -> dict[str, list[tuple[str, str]]]:
    """role -> [(route name, URL)] of the whole HTML pages that role gets with a 200: public
    pages for the visitor, staff pages for staff, the others for the owner and her student."""
    built, _unknown = buildable(world)
    roles = ("anonymous", "staff", "owner", "member_student")
    clients = {role: world.client(role) for role in roles}
    pages: dict[str, list[tuple[str, str]]] = {role: [] for role in roles}
    for route, url in built:
        if route.name in PUBLIC_NAMES:
            askers = ("anonymous",)
        elif route.name in STAFF_NAMES:
            askers = ("staff",)
        else:
            askers = ("owner", "member_student")
        for role in askers:
            answer = ask(clients[role], "GET", url)
            if answer.status == 200 and b"<html" in answer.body[:300]:
                pages[role].append((route.name, url))
    return pages


def new_page(browser_page, live_server, client=None, language="en"):
    page = browser_page(width=WIDTH)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    session = client and client.cookies.get(settings.SESSION_COOKIE_NAME)
    if session:
        cookies.append(
            {"name": settings.SESSION_COOKIE_NAME, "value": session.value, "url": live_server.url}
        )
    page.context.add_cookies(cookies)
    return page


def too_wide(page, url, label) -> list[str]:
    response = page.goto(url, wait_until="load")
    if response is None or response.status != 200:
        return [f"{label}: {response and response.status} in the browser"]
    problems = []
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > page.evaluate("window.innerWidth"):
        problems.append(f"{label}: {wide} px wide; {page.evaluate(WIDEST)}")
    if illegible := page.evaluate(ILLEGIBLE):
        problems.append(f"{label}: {illegible}")
    return problems


def test_no_page_scrolls_sideways_at_360_pixels(browser_page, live_server):
    world = build_world()
    pages = pages_by_role(world)
    assert len(pages["owner"]) > 30 and pages["member_student"] and pages["anonymous"]
    assert pages["staff"]
    # A first-time teacher has no name yet: the dashboard greets her by her e-mail address.
    newcomer = TeacherFactory(
        email="first.day.at.the.escuela.normal.superior@mendoza-educacion.example",
        display_name="",
        school=None,
    )
    newcomer_client = Client()
    newcomer_client.force_login(newcomer)
    passes = [
        (role, world.client(role), "en", routes) for role, routes in pages.items()
    ] + [
        ("a visitor in Arabic", None, "ar", pages["anonymous"]),
        ("a newcomer", newcomer_client, "en",
         [(name, reverse(name)) for name in ("dashboard", "profile_edit", "school_search")]),
    ]  # fmt: skip
    started, loaded, problems = time.monotonic(), 0, []
    for who, client, language, routes in passes:
        page = new_page(browser_page, live_server, client, language)
        for name, path in routes:
            problems += too_wide(page, live_server.url + path, f"{name} as {who} ({path})")
            loaded += 1
        page.context.close()
    print(f"\n{loaded} pages at {WIDTH} px in {time.monotonic() - started:.1f} s")
    assert not problems, "Pages that don't fit a 360-pixel phone:\n" + "\n".join(problems)


def test_the_timeline_picture_is_legible_on_a_wide_screen(
    browser_page, live_server, teacher, project
):
    """Wider than a phone, the picture shows, and its labels are at least 12 px."""
    client = Client()
    client.force_login(teacher)
    page = new_page(browser_page, live_server, client)
    for width in (700, 1000, 1400):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + reverse("project_detail", args=[project.token]))
        assert page.locator("figure.timeline svg").is_visible()
        assert page.evaluate(ILLEGIBLE) == "", width
