"""Moderation journeys in headless Chromium: the "Rethink?" nudge in the composer, and a moderator approving a
held post from the keyboard-driven review console. The scripted engine (root conftest) decides by markers:
``[[nudge]]`` prompts, ``[[review]]`` holds for a moderator."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Browser, Page, expect

from kindling.accounts.services import user_signup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-kind-password"


def _account(username: str, *, moderator: bool = False) -> None:
    user = user_signup(
        username=username, email=f"{username}@example.org", password=PASSWORD, birth_date=dt.date(1990, 1, 1)
    )
    if moderator:
        user.groups.add(Group.objects.get_or_create(name="moderator")[0])  # transactional tests flush migration data


def _log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("button", name="Log out")).to_be_visible()


def test_composer_nudge_highlights_words_then_kind_text_posts(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    """A hurtful draft gets "Rethink?" with the triggering words marked; the edited, kind text is published."""
    _account("maya")
    _log_in(page, live_server.url, "maya")
    page.get_by_role("link", name="Compose").click()
    box = page.get_by_label("What would you like to share?")
    box.fill("Honestly you are all [[nudge]] clowns")
    page.get_by_role("button", name="Post", exact=True).click()

    nudge = page.get_by_role("alert").filter(has_text="Rethink?")
    expect(nudge).to_be_visible()
    expect(nudge).to_be_focused()  # keyboard and screen-reader users land on the prompt
    expect(nudge.locator("mark")).to_have_text("[[nudge]]")
    expect(page.get_by_role("button", name="Send it anyway for review")).to_be_visible()
    expect(box).to_have_value("Honestly you are all [[nudge]] clowns")  # nothing they wrote is lost

    box.fill("Honestly you all made my week brighter")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page).to_have_url(re.compile(r"/p/\d+/$"))
    expect(page.get_by_role("status").filter(has_text="Your post is live")).to_be_visible()
    expect(page.locator("article.post")).to_contain_text("made my week brighter")


def test_moderator_approves_held_post_from_keyboard(page: Page, browser: Browser, live_server) -> None:  # type: ignore[no-untyped-def]
    """A held post reaches the console; the moderator opens it with j + Enter, approves it citing a rule with an
    explanation, and an anonymous visitor can then read it."""
    base = live_server.url
    _account("ana")
    _account("mod_mia", moderator=True)

    _log_in(page, base, "ana")
    page.get_by_role("link", name="Compose").click()
    page.get_by_label("What would you like to share?").fill("Saw the match, the ref was blind [[review]]")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="waiting for a quick review").first).to_be_visible()
    post_url = page.url
    page.context.clear_cookies()

    anonymous = browser.new_context()
    visitor = anonymous.new_page()
    assert visitor.goto(post_url).status == 404  # held: nobody else sees it yet

    _log_in(page, base, "mod_mia")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Review").click()
    expect(page.get_by_role("heading", name="Review console")).to_be_visible()
    row = page.locator("[data-row]").filter(has_text="the ref was blind")
    expect(row).to_contain_text("@ana")

    page.wait_for_load_state("load")  # shortcuts attach on DOMContentLoaded, after the rows are already visible
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_hidden()

    page.keyboard.press("j")
    expect(row).to_have_class(re.compile("is-selected"))
    page.keyboard.press("c")  # claim
    expect(page.get_by_role("status").filter(has_text="is assigned to you")).to_be_visible()
    row = page.locator("[data-row]").filter(has_text="the ref was blind")
    expect(row).to_contain_text("assigned to @mod_mia")
    page.wait_for_load_state("load")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/moderation/items/\d+/$"))
    expect(page.get_by_role("heading", name=re.compile(r"Review item \d+"))).to_be_visible()
    expect(page.get_by_text("Saw the match, the ref was blind [[review]]")).to_be_visible()

    page.get_by_label("Approve — publish it").check()
    page.get_by_label("Rule").select_option("bullying")
    explanation = page.get_by_label("Explanation to the author")
    explanation.fill("Strong words about a referee, but not aimed at a person here.")
    explanation.press("r")  # typing in a field never triggers shortcuts ("r" would pick Remove)
    expect(page.get_by_label("Approve — publish it")).to_be_checked()
    expect(explanation).to_have_value(re.compile(r"here\.r$"))
    explanation.fill("Strong words about a referee, but not aimed at a person here.")
    page.get_by_role("button", name="Decide").click()
    expect(page.get_by_role("status").filter(has_text="Decided: Approve")).to_be_visible()
    expect(page.locator("[data-row]").filter(has_text="the ref was blind")).to_have_count(0)

    response = visitor.goto(post_url)
    assert response is not None and response.status == 200
    expect(visitor.locator("article.post")).to_contain_text("Saw the match, the ref was blind")
    anonymous.close()


def test_console_and_item_fit_a_phone(phone_page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    """On a 390 px phone the console and an item's page don't scroll sideways, and every row's actions are
    buttons a thumb (or Tab) can reach."""
    from kindling.accounts.models import User
    from kindling.posts.services import post_create

    page = phone_page
    _account("ana")
    _account("mod_mia", moderator=True)
    post_create(author=User.objects.get(username="ana"), text="A long-winded grumble about referees " * 4 + "[[review]]")
    _log_in(page, live_server.url, "mod_mia")
    page.goto(f"{live_server.url}/moderation/")
    row = page.locator("[data-row]").first
    for role, name in (("button", "Claim"), ("button", "Approve"), ("link", "Remove")):
        button = row.get_by_role(role, name=re.compile(f"^{name}"))  # type: ignore[arg-type]
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box is not None and box["height"] >= 44, name
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    row.get_by_role("link", name=re.compile("^Remove")).click()
    expect(page).to_have_url(re.compile(r"/moderation/items/\d+/\?action=remove#decide$"))
    expect(page.get_by_label("Remove", exact=True)).to_be_checked()
    expect(page.get_by_label("Rule")).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
