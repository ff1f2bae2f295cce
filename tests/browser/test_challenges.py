"""Challenge and compliment journeys in headless Chromium: a member's post with a running challenge's hashtag
shows up among the challenge's entries; a stranger's compliment waits in the kindness inbox until accepted,
then shows with the recipient's compliments."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from kindling.accounts.models import User
from kindling.accounts.services import user_signup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-kind-password"


def _account(username: str, *, group: str | None = None) -> User:
    user = user_signup(
        username=username, email=f"{username}@example.org", password=PASSWORD, birth_date=dt.date(1990, 1, 1)
    )
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])  # transactional tests flush migration data
    return user


def _log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out")).to_be_visible()


def test_post_with_the_hashtag_joins_the_running_challenge(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    """An editor's approved, running challenge is on Discover; a member posts from the composer with its
    hashtag, and the post appears in the challenge's newest entries with the stats and chart updated."""
    from kindling.challenges.services import challenge_propose, challenge_review

    editor = _account("eddie", group="editor")
    start = timezone.now() - dt.timedelta(hours=1)
    challenge = challenge_propose(
        actor=editor, hashtag="KindCommute", title="Kind commute week", description="One kind act on the way to work.",
        starts_at=start, ends_at=start + dt.timedelta(days=7),
    )
    challenge_review(actor=editor, challenge=challenge, action="approve")
    _account("maya")

    base = live_server.url
    _log_in(page, base, "maya")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Discover").click()
    page.get_by_role("link", name="Kind commute week").click()
    expect(page.get_by_role("heading", name="Kind commute week")).to_be_visible()
    expect(page.get_by_test_id("stat-entries")).to_have_text("0")

    page.get_by_role("link", name="Compose").click()
    page.get_by_label("What would you like to share?").fill("Gave up my seat on the tram today #KindCommute")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page).to_have_url(re.compile(r"/p/\d+/$"))

    page.goto(f"{base}/challenges/{challenge.slug}/")
    entries = page.locator("#entries")
    expect(entries.locator("article.post").filter(has_text="Gave up my seat on the tram")).to_be_visible()
    expect(page.get_by_test_id("stat-entries")).to_have_text("1")
    expect(page.get_by_test_id("stat-participants")).to_have_text("1")
    # The chart is drawn by plain JS from the embedded JSON: one point per calendar day since the start (two when
    # the hour since it began crosses midnight).
    days_running = (timezone.localdate() - timezone.localdate(start)).days + 1
    expect(page.get_by_test_id("challenge-chart")).to_have_attribute("data-drawn", str(days_running))


def test_send_and_accept_a_compliment(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    """A sarcastic compliment is refused with an explanation; a kind one from a stranger waits in the
    recipient's kindness inbox; once accepted it shows on their compliments page."""
    _account("sam")
    _account("rita")
    base = live_server.url

    _log_in(page, base, "sam")
    page.goto(f"{base}/kindness/compliment/rita/")
    field = page.get_by_label("Your compliment")
    field.fill("Wow, you finally managed something")
    page.get_by_role("button", name="Send compliment").click()
    expect(page.get_by_text("doesn't read as a kind compliment")).to_be_visible()
    page.get_by_label("Your compliment").fill("Your garden photos are so kind and calming")
    page.get_by_role("button", name="Send compliment").click()
    expect(page.get_by_role("status").filter(has_text="kindness inbox")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out").click()

    _log_in(page, base, "rita")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Discover").click()
    page.get_by_role("link", name="Your kindness inbox").click()
    pending = page.get_by_test_id("pending-compliment").filter(has_text="Your garden photos are so kind")
    expect(pending).to_be_visible()
    pending.get_by_role("button", name="Accept").focus()
    page.keyboard.press("Enter")  # keyboard-usable
    expect(page.get_by_role("status").filter(has_text="Accepted")).to_be_visible()
    expect(page.get_by_test_id("pending-compliment")).to_have_count(0)

    page.get_by_role("link", name="See what others see on your profile").click()
    expect(page.get_by_text("Your garden photos are so kind and calming")).to_be_visible()


def test_challenge_pages_fit_a_phone(phone_page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    """On a 390 px phone, Discover, a challenge page (with its chart) and the inbox never scroll sideways."""
    from kindling.challenges.services import challenge_propose, challenge_review

    editor = _account("eddie", group="editor")
    start = timezone.now() - dt.timedelta(hours=1)
    challenge = challenge_propose(
        actor=editor, hashtag="PhoneKind", title="A very long challenge title that has to wrap on a small phone",
        description="x " * 200, starts_at=start, ends_at=start + dt.timedelta(days=30),
    )
    challenge_review(actor=editor, challenge=challenge, action="approve")
    _log_in(phone_page, live_server.url, "eddie")
    for path in ("/discover/", f"/challenges/{challenge.slug}/", "/challenges/", "/kindness/inbox/"):
        phone_page.goto(f"{live_server.url}{path}")
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390, path
