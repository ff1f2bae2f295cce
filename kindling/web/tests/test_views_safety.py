"""People's safety pages: reports from posts, comments and profiles, statements of reasons with an appeal form,
notifications, mute, safety settings, a post author's comment controls, and restore-on-edit."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from kindling.accounts.models import HiddenWord, Mute
from kindling.accounts.services import comment_controls_update
from kindling.moderation.models import Appeal, Decision, ReviewItem
from kindling.moderation.services import review_decide
from kindling.notifications.models import Notification
from kindling.posts.models import Comment, PostStatus
from kindling.posts.services import comment_create
from kindling.safety.models import Report

PASSWORD = "a-long-kind-password"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.django_db
def test_report_from_post_page_creates_a_report(make_user, make_post):  # type: ignore[no-untyped-def]
    """The post page offers a Report form (reason + details); sending it files a report the reporter can follow."""
    author, reader = make_user("ana"), make_user("ben")
    post = make_post(author, "A post")
    client = _client(reader)
    page = client.get(reverse("web:post", args=[post.pk])).content.decode()
    assert 'action="/reports/"' in page and 'name="reason"' in page and "Report<span" in page
    assert "Report<span" not in _client(author).get(reverse("web:post", args=[post.pk])).content.decode()

    response = client.post(
        reverse("web:report_create"),
        {"target_type": "post", "target_id": post.pk, "reason": "bullying", "details": "Mocks my friend."},
        follow=True,
    )
    report = Report.objects.get(reporter=reader)
    assert (report.target_type, report.target_id, report.reason) == ("post", post.pk, "bullying")
    assert response.redirect_chain[-1][0] == reverse("web:report", args=[report.pk])
    html = response.content.decode()
    assert "Bullying or harassment" in html and "we're looking at it" in html
    assert ReviewItem.objects.filter(target_type="post", target_id=post.pk, reason="report").exists()

    again = client.post(reverse("web:report_create"), {"target_type": "post", "target_id": post.pk, "reason": "spam"})
    assert again.status_code == 409 and "already reported" in again.content.decode()
    # Only the reporter (and moderators) can open it.
    assert _client(author).get(reverse("web:report", args=[report.pk])).status_code == 404


@pytest.mark.django_db
def test_report_comment_and_profile_and_outcome(make_user, make_post):  # type: ignore[no-untyped-def]
    author, reader = make_user("ana"), make_user("ben")
    post = make_post(author, "A post")
    comment = comment_create(author=author, post_id=post.pk, text="A comment")
    client = _client(reader)
    assert f'name="target_id" value="{comment.pk}"' in client.get(reverse("web:post", args=[post.pk])).content.decode()
    assert f'name="target_id" value="{author.pk}"' in client.get(reverse("web:profile", args=["ana"])).content.decode()
    client.post(reverse("web:report_create"), {"target_type": "comment", "target_id": comment.pk, "reason": "spam"})
    client.post(reverse("web:report_create"), {"target_type": "user", "target_id": author.pk, "reason": "other"})
    assert Report.objects.filter(reporter=reader).count() == 2
    bad = client.post(reverse("web:report_create"), {"target_type": "post", "target_id": post.pk, "reason": "nope"})
    assert bad.status_code == 422

    moderator = make_user("mod")
    moderator.groups.add(Group.objects.get(name="moderator"))
    item = ReviewItem.objects.get(target_type="comment", target_id=comment.pk)
    review_decide(actor=moderator, item_id=item.pk, action="remove", rule="spam", explanation="Spam.")
    report = Report.objects.get(reporter=reader, target_type="comment")
    html = client.get(reverse("web:report", args=[report.pk])).content.decode()
    assert "Resolved" in html and "We removed it" in html


@pytest.mark.django_db
def test_rejected_post_shows_statement_and_appeal_form(make_user, make_post):  # type: ignore[no-untyped-def]
    """The author of a blocked post sees why on the post page, opens the statement of reasons and appeals."""
    author = make_user("ana")
    post = make_post(author, "[[block]] horrid words")
    assert post.status == PostStatus.REJECTED
    client = _client(author)
    page = client.get(reverse("web:post", args=[post.pk])).content.decode()
    decision = Decision.objects.get(target_type="post", target_id=post.pk)
    assert "Why this post wasn't published" in page and "Edit and resubmit" in page
    assert reverse("web:decision", args=[decision.pk]) in page

    statement = client.get(reverse("web:decision", args=[decision.pk])).content.decode()
    for expected in ("Statement of reasons", "Not published", "Automated detection", "Yes — decided automatically",
                     "Bullying", "You can appeal this decision", "Appeal this decision"):
        assert expected in statement, expected
    # Nobody else can read it.
    assert _client(make_user("ben")).get(reverse("web:decision", args=[decision.pk])).status_code == 404

    empty = client.post(reverse("web:appeal_create", args=[decision.pk]), {"text": " "})
    assert empty.status_code == 422 and "1–2,000 characters" in empty.content.decode()
    response = client.post(reverse("web:appeal_create", args=[decision.pk]), {"text": "It quotes a song."}, follow=True)
    appeal = Appeal.objects.get(decision=decision)
    assert response.redirect_chain[-1][0] == reverse("web:appeal", args=[appeal.pk])
    assert "It quotes a song." in response.content.decode() and "Open" in response.content.decode()
    again = client.get(reverse("web:decision", args=[decision.pk])).content.decode()
    assert "Appeal this decision" not in again and f"Appeal {appeal.pk}" in again


@pytest.mark.django_db
def test_edit_and_resubmit_publishes_a_fixed_post(make_user, make_post):  # type: ignore[no-untyped-def]
    author = make_user("ana")
    post = make_post(author, "[[block]] horrid words")
    client = _client(author)
    response = client.post(reverse("web:post_resubmit", args=[post.pk]), {"text": "Kind words after all"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == PostStatus.PUBLISHED and post.text == "Kind words after all"
    assert Client().get(reverse("web:post", args=[post.pk])).status_code == 200
    not_rejected = client.post(reverse("web:post_resubmit", args=[post.pk]), {"text": "again"})
    assert not_rejected.status_code == 409


@pytest.mark.django_db
def test_support_hold_shows_help_resources_to_author(make_user, make_post):  # type: ignore[no-untyped-def]
    author = make_user("ana")
    post = make_post(author, "I can't go on [[support]]")
    html = _client(author).get(reverse("web:post", args=[post.pk])).content.decode()
    assert "We're here for you" in html and "Talk to someone you trust" in html


@pytest.mark.django_db
def test_notifications_list_unread_count_and_mark_read(make_user, make_post):  # type: ignore[no-untyped-def]
    author = make_user("ana")
    make_post(author, "[[block]] horrid words")
    client = _client(author)
    home = client.get(reverse("web:home")).content.decode()
    assert 'data-testid="unread-count">1<' in home
    page = client.get(reverse("web:notifications")).content.decode()
    assert "was not published" in page and "/decisions/" in page and "Mark all as read" in page
    client.post(reverse("web:notifications_read"))
    assert not Notification.objects.filter(user=author, read_at__isnull=True).exists()
    assert "unread-count" not in client.get(reverse("web:home")).content.decode()
    assert client.get(reverse("web:notifications_read")).status_code == 405
    assert client.get(reverse("web:notifications") + "?cursor=nonsense").status_code == 400


@pytest.mark.django_db
def test_mute_and_unmute_from_profile(make_user):  # type: ignore[no-untyped-def]
    me, other = make_user("ana"), make_user("ben")
    client = _client(me)
    assert ">Mute</button>" in client.get(reverse("web:profile", args=["ben"])).content.decode()
    client.post(reverse("web:mute", args=["ben"]))
    assert Mute.objects.filter(muter=me, muted=other).exists()
    assert ">Unmute</button>" in client.get(reverse("web:profile", args=["ben"])).content.decode()
    client.post(reverse("web:unmute", args=["ben"]))
    assert not Mute.objects.exists()
    assert client.post(reverse("web:mute", args=["ana"])).status_code == 400


@pytest.mark.django_db
def test_safety_settings_comment_controls_and_hidden_words(make_user):  # type: ignore[no-untyped-def]
    me = make_user("ana")
    client = _client(me)
    page = client.get(reverse("web:settings_safety")).content.decode()
    assert "Who can comment on my posts" in page and "Hold all comments" in page and "Hidden words" in page
    client.post(reverse("web:settings_safety"), {"who_can_comment": "followers", "hold_comments": "on"})
    me.refresh_from_db()
    assert me.who_can_comment == "followers" and me.hold_comments
    bad = client.post(reverse("web:settings_safety"), {"who_can_comment": "cats"})
    assert bad.status_code == 422

    client.post(reverse("web:hidden_word_add"), {"phrase": "Mean", "days": "7"})
    client.post(reverse("web:hidden_word_add"), {"phrase": "ugly", "days": ""})
    words = {w.phrase: w for w in HiddenWord.objects.filter(user=me)}
    assert set(words) == {"mean", "ugly"} and words["mean"].expires_at and words["ugly"].expires_at is None
    listed = client.get(reverse("web:settings_safety")).content.decode()
    assert "<strong>mean</strong>" in listed and "no end date" in listed
    assert client.post(reverse("web:hidden_word_add"), {"phrase": "x", "days": "soon"}).status_code == 422
    assert client.post(reverse("web:hidden_word_add"), {"phrase": "x", "days": "9999"}).status_code == 422
    client.post(reverse("web:hidden_word_delete", args=[words["mean"].pk]))
    assert set(HiddenWord.objects.values_list("phrase", flat=True)) == {"ugly"}
    other = _client(make_user("ben"))
    assert other.post(reverse("web:hidden_word_delete", args=[words["ugly"].pk])).status_code == 404


@pytest.mark.django_db
def test_author_approves_held_comment_and_hides_a_reply(make_user, make_post):  # type: ignore[no-untyped-def]
    author, fan = make_user("ana"), make_user("ben")
    comment_controls_update(user=author, hold_comments=True)
    post = make_post(author, "A post")
    held = comment_create(author=fan, post_id=post.pk, text="Lovely!")
    assert held.awaiting_author_approval
    client = _client(author)
    page = client.get(reverse("web:post", args=[post.pk])).content.decode()
    assert "Waiting for approval" in page and "Approve<span" in page
    assert "Lovely!" not in Client().get(reverse("web:post", args=[post.pk])).content.decode()

    client.post(reverse("web:comment_approve", args=[held.pk]))
    assert "Lovely!" in Client().get(reverse("web:post", args=[post.pk])).content.decode()

    client.post(reverse("web:comment_hide", args=[held.pk]))
    assert Comment.objects.get(pk=held.pk).hidden_by_author
    assert "Lovely!" not in Client().get(reverse("web:post", args=[post.pk])).content.decode()
    assert "Unhide<span" in client.get(reverse("web:post", args=[post.pk])).content.decode()
    client.post(reverse("web:comment_unhide", args=[held.pk]))
    assert "Lovely!" in Client().get(reverse("web:post", args=[post.pk])).content.decode()
    # Only the post's author has these controls.
    assert _client(fan).post(reverse("web:comment_hide", args=[held.pk])).status_code == 404
    assert _client(make_user("cal")).get(reverse("web:post", args=[post.pk])).content.decode().count("Hide<span") == 0


@pytest.mark.django_db
def test_nudge_marks_the_triggering_words_and_escapes_the_rest(make_user):  # type: ignore[no-untyped-def]
    client = _client(make_user("ana"))
    response = client.post(reverse("web:compose"), {"text": "  <b>you</b> are [[nudge]] silly  "})
    assert response.status_code == 409
    html = response.content.decode()
    assert "&lt;b&gt;you&lt;/b&gt; are <mark>[[nudge]]</mark> silly" in html
    assert "<b>you</b>" not in html


@pytest.mark.django_db
def test_comment_nudge_marks_words_on_the_post_page(make_user, make_post):  # type: ignore[no-untyped-def]
    post = make_post(make_user("ana"), "Hello")
    response = _client(make_user("ben")).post(reverse("web:comment", args=[post.pk]), {"text": "ugh [[nudge]] <i>"})
    assert response.status_code == 409
    assert "ugh <mark>[[nudge]]</mark> &lt;i&gt;" in response.content.decode()
