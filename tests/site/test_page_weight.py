"""Page weight: every key page, its HTML and the stylesheets and scripts it loads, gzipped as a
server sends them (level 6), weighs at most 60 KB. Many of our users pay for every megabyte;
the median web page is about 2.5 MB.

Measured on the world of tests/site/world.py grown by 6 units of tests/site/scale.py (20 posts with
pictures on the board's first page, 30+ comments on the post, 40 notifications, etc.).
Pictures, fonts and users' media are not counted: thumbnails load lazily and are the users'
own. The favicon (an SVG of 257 bytes, cached for good) is left out too. Every page loads the
same two assets: orbis.css (13.7 KB, 3.8 KB gzipped) and htmx.min.js (52 KB, 16.9 KB gzipped).

Measured (bytes gzipped, 2026-11-30; the test prints the table again with -s):

    page                      HTML   assets   total
    home                      1506    20673   22179
    dashboard                 2362    20673   23035
    partner_search            6748    20673   27421
    partner_suggestions       1711    20673   22384
    project_list              4371    20673   25044
    project_mine              1599    20673   22272
    project_detail            6540    20673   27213
    board                     4902    20673   25575
    board_student             4046    20673   24719
    board_post                3133    20673   23806
    board_gallery             1827    20673   22500
    live_sessions             2519    20673   23192
    live_session_new          3284    20673   23957
    reflections               3050    20673   23723
    reflections_student       1919    20673   22592
    showcase_manage           3391    20673   24064
    showcase_public           1876    20673   22549
    showcase_gallery          4568    20673   25241
    challenge_list            1457    20673   22130
    challenge_detail          1917    20673   22590
    notification_list         2410    20673   23083
    student_space             2059    20673   22732
    classroom_detail          1671    20673   22344
    classroom_students        2757    20673   23430
    classroom_list            1392    20673   22065
    partner_requests          1691    20673   22364
    board_queue_all           2478    20673   23151
    live_session_detail       2044    20673   22717
    challenge_entries_mine    2390    20673   23063

The heaviest page is 27 KB, under half the limit; htmx is most of every page's weight (and is
cached after the first page).
"""

import gzip
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from tests.site.scale import check_shows, grow, key_pages
from tests.site.world import build_world

LIMIT = 60 * 1024
UNITS = 6


class Assets(HTMLParser):
    """The stylesheets and scripts a page loads."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def asset_bytes(url: str) -> bytes:
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    assert url.startswith(prefix), f"{url} is not one of our static files"
    found = finders.find(url[len(prefix) :].split("?")[0])
    assert found, f"{url} is not found among the static files"
    return Path(found).read_bytes()


def test_every_key_page_weighs_at_most_60_kb_gzipped(db, settings, capsys):
    settings.NEW_ACCOUNT_DAYS = -1  # the world is built faster than any real account is
    world = build_world()
    grow(world, UNITS)
    rows, heavy = [], []
    for page, (role, url) in key_pages(world).items():
        response = world.client(role).get(url)
        assert response.status_code == 200, page
        check_shows(page, response.content)
        parser = Assets()
        parser.feed(response.content.decode())
        assert parser.urls, f"{page} loads no stylesheet or script: is it a full page?"
        html = gzipped(response.content)
        assets = sum(gzipped(asset_bytes(asset)) for asset in set(parser.urls))
        rows.append(f"{page:24} {html:8} {assets:8} {html + assets:8}")
        if html + assets > LIMIT:
            heavy.append(page)
    table = "\n".join(rows)
    with capsys.disabled():
        print(f"\n{'page':24} {'HTML gz':>8} {'assets':>8} {'total':>8}\n{table}")
    assert not heavy, f"heavier than {LIMIT} bytes gzipped: {heavy}\n{table}"
