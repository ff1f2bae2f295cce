"""End-to-end journeys in headless Chromium against the live server."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-kind-password"
POST_TEXT = "Carried a neighbour's groceries up three flights today #SpreadKindness"


def _sign_up(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Birth date").fill("1990-01-01")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("status").filter(has_text="Welcome to Kindling")).to_be_visible()


def test_signup_post_hashtag_like_comment(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    """A new adult member signs up, posts with #SpreadKindness, finds it on the hashtag page, likes it
    (the count goes to 1) and comments on it (the comment shows on the post page)."""
    base = live_server.url
    _sign_up(page, base, "kind_tester")

    # The stylesheet is served by the live server (warm cream background, not the browser's white).
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(251, 246, 239)"

    page.get_by_role("link", name="Compose").click()
    textarea = page.get_by_label("What would you like to share?")
    textarea.fill(POST_TEXT)
    expect(page.locator("#text-count")).to_contain_text(f"{len(POST_TEXT)} / 2000")  # live JS counter
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page).to_have_url(re.compile(r"/p/\d+/$"))
    expect(page.get_by_role("status").filter(has_text="Your post is live")).to_be_visible()

    page.goto(f"{base}/t/spreadkindness/")
    expect(page.get_by_role("heading", name="#SpreadKindness")).to_be_visible()
    expect(page.get_by_test_id("reach-posts")).to_have_text("1")
    card = page.locator("article.post").filter(has_text="Carried a neighbour's groceries")
    expect(card).to_be_visible()

    like_button = card.get_by_role("button", name=re.compile(r"^Like"))
    expect(like_button).to_have_attribute("aria-pressed", "false")
    like_button.click()
    card = page.locator("article.post").filter(has_text="Carried a neighbour's groceries")
    expect(card.get_by_test_id("like-count")).to_have_text("1")
    expect(card.get_by_role("button", name=re.compile(r"^Like"))).to_have_attribute("aria-pressed", "true")

    card.get_by_role("link", name=re.compile("open post")).click()
    expect(page).to_have_url(re.compile(r"/p/\d+/$"))
    page.get_by_label("Add a comment").fill("This made my day 💛")
    page.get_by_role("button", name="Comment", exact=True).click()
    comments = page.locator("#comments")
    expect(comments.get_by_text("This made my day 💛")).to_be_visible()
    expect(comments.get_by_role("heading", name=re.compile("Comments"))).to_contain_text("(1)")


def test_keyboard_skip_link_and_phone_layout(phone_page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    """On a 390 px phone the first Tab lands on a visible skip link that moves focus to the main content,
    and no page scrolls sideways."""
    page = phone_page
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for path in ("/", "/signup/", "/login/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
