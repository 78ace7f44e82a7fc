"""In a real Chromium: a demo teacher goes from "New project" through the assistant (htmx
steps) to a published plan; a teacher in another country joins it; both see the same dated
plan, and the owner sees the clash check with the newcomer's calendar."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from orbis.core.world import DEMO_TEACHER_EMAIL
from orbis.partners.tests.test_browser_partner_flow import log_in
from orbis.projects.models import Membership, Project

pytestmark = pytest.mark.browser

PARTNER_EMAIL = "olenka.kovalenko@demo.orbis.test"  # Ukraine


def test_assistant_to_a_shared_plan(browser_page, screenshot, live_server):
    call_command("demo", "--no-serve")
    url = live_server.url
    gisel = browser_page()
    log_in(gisel, url, DEMO_TEACHER_EMAIL)

    gisel.get_by_role("link", name="New project").first.click()
    gisel.get_by_role("heading", name="Step 1 of 4").wait_for()
    gisel.get_by_label("Youngest students").select_option("11")
    gisel.get_by_label("Oldest students").select_option("12")
    gisel.get_by_label("Subject").select_option("social-studies")
    gisel.get_by_role("button", name="Next").click()

    gisel.get_by_role("heading", name="Step 2 of 4").wait_for()
    assert gisel.url.endswith("/projects/new/goals/")  # htmx pushed the step's address
    gisel.get_by_label("Intercultural communication").check()
    gisel.get_by_label("4. Quality education").check()
    gisel.get_by_role("button", name="Next").click()

    gisel.get_by_role("heading", name="Step 3 of 4").wait_for()
    start = timezone.localdate() + timedelta(days=21)
    gisel.get_by_label("Time available").select_option("2")
    gisel.get_by_label("Approach").select_option("create")
    gisel.get_by_label("Start date").fill(start.isoformat())
    gisel.get_by_role("button", name="Next").click()
    gisel.locator(".error-summary").get_by_text(
        "A Create project needs at least 4 weeks."
    ).wait_for()
    screenshot(gisel, "assistant-duration-too-short")
    gisel.get_by_label("Approach").select_option("")
    gisel.get_by_role("button", name="Next").click()

    gisel.get_by_role("heading", name="Step 4 of 4").wait_for()
    gisel.get_by_role("button", name="Show my plan").click()
    gisel.get_by_role("button", name="Create this plan").wait_for()
    assert "Built from the template" in gisel.content()
    screenshot(gisel, "assistant-preview")
    gisel.get_by_role("button", name="Create this plan").click()
    gisel.get_by_text("Your plan is ready as a draft.").wait_for()
    # The demo's own story gave Gisel a running and a finished project: this is the draft.
    project = Project.objects.get(owner__email=DEMO_TEACHER_EMAIL, status=Project.Status.DRAFT)
    gisel.get_by_role("button", name="Open for partners").click()
    gisel.get_by_text("Open for partners").first.wait_for()
    project.refresh_from_db()
    assert project.status == Project.Status.OPEN
    assert gisel.locator("#timeline svg").count() == 1
    screenshot(gisel, "project-page-owner")

    olenka = browser_page(width=420)
    log_in(olenka, url, PARTNER_EMAIL)
    olenka.goto(f"{url}/projects/?q={project.title.split()[0]}")
    olenka.locator(f"a[href='/projects/{project.token}/']").click()
    olenka.get_by_label("A few words to the owner").fill("Привіт from Kyiv! We'd love to join.")
    olenka.get_by_role("button", name="Ask to join").click()
    olenka.get_by_text("Your request is sent.").wait_for()

    gisel.goto(f"{url}/dashboard/")
    gisel.get_by_role("link", name=f"A class asks to join “{project.title}”.").click()
    gisel.get_by_role("button", name="Accept").click()
    gisel.get_by_text("The class joined the project.").wait_for()
    assert Membership.objects.filter(project=project, role="member").count() == 1
    gisel.get_by_role("heading", name="Dates and school calendars").wait_for()
    screenshot(gisel, "project-page-after-join")

    olenka.reload()
    olenka.get_by_role("heading", name="Participating classes").wait_for()
    first_activity = project.activities.order_by("due_date", "order").first()
    for page in (gisel, olenka):
        assert first_activity.title in page.content()
        assert "6th grade B" in page.content()
    screenshot(olenka, "project-page-partner-phone")


def test_assistant_works_without_javascript(browser_page, screenshot, live_server):
    call_command("demo", "--no-serve")
    page = browser_page(javascript=False, width=400)
    log_in(page, live_server.url, DEMO_TEACHER_EMAIL)
    page.goto(f"{live_server.url}/projects/new/")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("heading", name="Step 2 of 4").wait_for()
    page.get_by_label("13. Climate action").check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("heading", name="Step 3 of 4").wait_for()
    page.get_by_label("Start date").fill("2001-01-01")
    page.get_by_role("button", name="Next").click()
    page.locator(".error-summary").get_by_text(
        "The start date is in the past: choose today or later."
    ).wait_for()
    page.get_by_label("Start date").fill((timezone.localdate() + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Show my plan").click()
    page.get_by_role("button", name="Create this plan").click()
    page.get_by_text("Your plan is ready as a draft.").wait_for()
    assert page.locator("#timeline svg").count() == 1
    screenshot(page, "project-page-no-javascript-phone")
