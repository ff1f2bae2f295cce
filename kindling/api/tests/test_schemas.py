"""post_dict is exactly what PostOut dumps (keys and order), so For You can render it without validating it
again; and For You's body is byte-for-byte what ninja would have sent."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from ninja.renderers import JSONRenderer
from PIL import Image

from kindling.accounts.services import follow_create
from kindling.api.schemas import PageOut, PostOut, post_dict
from kindling.posts.selectors import posts_visible_to
from kindling.posts.services import like_create, share_create

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/api/feeds/for-you")
    request.user = user
    return request


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (90, 160, 220)).save(out, format="PNG")
    return SimpleUploadedFile("mural.png", out.getvalue(), content_type="image/png")


def test_post_dict_is_exactly_postout(make_user, make_post):
    """Published, held (with the author's statement of reasons), support-held, shared, liked, mentioning and
    hashtagged posts, seen by their author and by someone else: validation changes nothing."""
    author, reader = make_user("author"), make_user("reader")
    follow_create(actor=reader, username=author.username)
    posts = [
        make_post(author, "Thanks @reader for the soup #BeKind #Neighbours"),
        make_post(author, "held for a look [[review]]"),
        make_post(author, "I can't go on [[support]]"),
        make_post(author, "Our mural #CreateKindness", image=_png()),
    ]
    like_create(actor=reader, post_id=posts[0].pk)
    share_create(actor=reader, post_id=posts[0].pk, note="so lovely")
    checked = 0
    for viewer in (author, reader):
        request = _request(viewer)
        for post in posts_visible_to(viewer=viewer):
            post.why = ["fresh", "kind post"]  # type: ignore[attr-defined]
            d = post_dict(request, post)
            dumped = PostOut.model_validate(d).model_dump()
            assert list(dumped.items()) == list(d.items()), post.text
            checked += 1
    assert checked >= 8
    assert any(post_dict(_request(author), p)["image_url"] for p in posts_visible_to(viewer=author))


def test_for_you_body_is_what_ninja_would_render(make_user, make_post, api_as):
    """The For You response equals the page validated through PageOut and rendered by ninja's renderer."""
    author, viewer = make_user("author"), make_user("viewer")
    make_post(author, "Morning walk #BeKind")
    make_post(viewer, "My own post")
    r = api_as(viewer).get("/api/feeds/for-you")
    assert r.status_code == 200
    validated = PageOut.model_validate(r.json()).model_dump()
    expected = JSONRenderer().render(_request(viewer), validated, response_status=200)
    assert json.loads(expected) == r.json()
    assert list(json.loads(expected)["items"][0]) == list(r.json()["items"][0])
