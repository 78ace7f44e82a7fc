"""In a real Chromium without JavaScript: the owner chooses posts, gives consent for her own
class's picture and publishes; an anonymous visitor finds the showcase in the gallery."""

import pytest

from orbis.showcase.models import Showcase

pytestmark = pytest.mark.browser


def log_in(page, url, email):
    page.goto(f"{url}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda address: "/accounts/login/" not in address)


def test_owner_publishes_and_a_visitor_finds_it(
    browser_page, screenshot, live_server, completed, posts, teacher
):
    url = live_server.url
    gisel = browser_page(javascript=False)
    log_in(gisel, url, teacher.email)
    gisel.goto(f"{url}/showcase/manage/{completed.token}/")
    gisel.get_by_label("Our river").check()
    gisel.get_by_label("The Yamuna").check()
    gisel.get_by_role("button", name="Save the choice").click()
    gisel.get_by_text("The choice of posts was saved.").wait_for()
    gisel.get_by_label("Pictures").check()  # only her own class's post is offered
    gisel.get_by_role("button", name="Save consent").click()
    gisel.get_by_text("Your consent choices were saved.").wait_for()
    gisel.get_by_role("button", name="Publish").click()
    gisel.get_by_text("The showcase is public now.").wait_for()
    screenshot(gisel, "showcase-manage")
    showcase = Showcase.objects.get(project=completed)
    assert showcase.published

    visitor = browser_page(javascript=False)
    visitor.goto(f"{url}/showcase/?sdg=6&country=UA")
    assert visitor.locator("img.thumb-wide").count() == 1  # the consented picture as cover
    screenshot(visitor, "showcase-gallery")
    visitor.get_by_role("link", name=completed.title).click()
    visitor.get_by_role("heading", name="The Yamuna").wait_for()
    assert visitor.locator("img.showcase-image").count() == 1  # Delhi's picture: no consent
    assert "Puma" not in visitor.content()
    screenshot(visitor, "showcase-public")
