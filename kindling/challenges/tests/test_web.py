"""The challenge, Discover, hashtag reach and kindness inbox pages (Django test client)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kindling.challenges.models import INCLUSIVITY_CHECKLIST, Challenge, ChallengeEntry, Compliment

pytestmark = pytest.mark.django_db


def test_discover_list_and_challenge_page_render_for_anyone(client, make_challenge, make_user, make_post):
    challenge = make_challenge("KindWeek")
    make_post(make_user(), "so kind #KindWeek")
    discover = client.get("/discover/")
    assert discover.status_code == 200 and challenge.title in discover.content.decode()
    assert 'aria-current="page">Discover' in discover.content.decode()
    assert client.get("/challenges/").status_code == 200
    page = client.get(f"/challenges/{challenge.slug}/")
    body = page.content.decode()
    assert page.status_code == 200 and 'id="challenge-chart"' in body and "Live stats" in body
    assert "Join the challenge" not in body  # anonymous visitors can't post
    assert client.get("/challenges/nope/").status_code == 404
    reach = client.get("/t/kindweek/reach/")
    assert reach.status_code == 200 and 'id="hashtag-chart"' in reach.content.decode()
    assert client.get("/t/unknowntag/reach/").status_code == 404


def test_join_from_the_challenge_page_adds_the_hashtag(client, make_challenge, make_user, django_capture_on_commit_callbacks):
    challenge = make_challenge("KindWeek")
    member = make_user()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/challenges/{challenge.slug}/join/", {"text": "Fed the neighbour's cat"})
    assert response.status_code == 302
    entry = ChallengeEntry.objects.get(challenge=challenge)
    assert entry.post.text.endswith("#KindWeek") and entry.post.author == member


def test_propose_form_needs_every_checklist_item_and_an_editor_role(client, editor, make_user):
    start = timezone.localtime() + dt.timedelta(days=1)
    data = {
        "title": "Thank a teacher", "hashtag": "ThankATeacher", "description": "Write a thank-you note.",
        "rules": "", "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"), "prize_pool": "",
    }
    client.force_login(make_user())
    assert client.get("/challenges/new/").status_code == 403
    client.force_login(editor)
    assert client.post("/challenges/new/", data).status_code == 400  # checklist not ticked
    assert not Challenge.objects.exists()
    ticked = {**data, **{f"check_{name}": "on" for name in INCLUSIVITY_CHECKLIST}}
    assert client.post("/challenges/new/", ticked).status_code == 302
    challenge = Challenge.objects.get()
    assert challenge.status == "pending_review"
    assert client.post(f"/challenges/{challenge.slug}/review/", {"action": "approve"}).status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == "approved"


def test_compliment_form_and_inbox(client, make_user):
    sender, recipient = make_user("sender"), make_user("recipient")
    client.force_login(sender)
    assert client.get("/kindness/compliment/recipient/").status_code == 200
    refused = client.post("/kindness/compliment/recipient/", {"text": "Nice try, I guess"})
    assert refused.status_code == 422 and "doesn&#x27;t read as a kind compliment" in refused.content.decode()
    assert client.post("/kindness/compliment/recipient/", {"text": "Your kindness lifts everyone"}).status_code == 302
    compliment = Compliment.objects.get()

    client.force_login(recipient)
    inbox = client.get("/kindness/inbox/")
    assert "Your kindness lifts everyone" in inbox.content.decode()
    assert client.post(f"/kindness/{compliment.pk}/accept/").status_code == 302
    compliment.refresh_from_db()
    assert compliment.status == "accepted"
    assert "Your kindness lifts everyone" in client.get("/kindness/u/recipient/").content.decode()
    saved = client.post("/kindness/inbox/", {"who_can_compliment": "no_one", "show_on_profile": ""})
    assert saved.status_code == 302
    assert "Your kindness lifts everyone" not in client.get("/kindness/u/recipient/").content.decode()
    assert client.post("/kindness/99999/accept/").status_code == 404
