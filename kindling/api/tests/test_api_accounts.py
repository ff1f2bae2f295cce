"""API: sign-up, tokens, me, profiles, follows and blocks — including the refusals."""

import datetime as dt

import pytest
from django.utils import timezone

from kindling.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db


def _years_ago(years: int, days: int = 0) -> str:
    today = timezone.localdate()
    return (today.replace(year=today.year - years) - dt.timedelta(days=days)).isoformat()


def _signup(api, username="alice", birth_date=None, **extra):
    body = {
        "username": username,
        "email": f"{username}@example.org",
        "password": "a-long-kind-password",
        "birth_date": birth_date or "1990-05-17",
        **extra,
    }
    return api.post("/api/auth/signup", body)


def test_signup_returns_201_with_age_band(api):
    """An adult signs up and gets {id, username, age_band: "18+"}."""
    r = _signup(api)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["username"] == "alice" and body["age_band"] == "18+" and isinstance(body["id"], int)


def test_signup_teen_bands_and_private_default(api):
    """A 14-year-old is 13-15 and private by default; a 17-year-old is 16-17 and public."""
    r = _signup(api, "young", birth_date=_years_ago(14))
    assert r.status_code == 201 and r.json()["age_band"] == "13-15"
    assert User.objects.get(username="young").is_private is True
    r = _signup(api, "older", birth_date=_years_ago(17))
    assert r.status_code == 201 and r.json()["age_band"] == "16-17"
    assert User.objects.get(username="older").is_private is False


def test_signup_under_13_is_refused_and_nothing_stored(api):
    """Under 13: a clear 403 under_minimum_age, and no user row is written."""
    r = _signup(api, "kid", birth_date=_years_ago(12, days=-1 if False else 0))
    assert r.status_code == 403
    assert r.json()["code"] == "under_minimum_age" and "13" in r.json()["message"]
    assert not User.objects.filter(username="kid").exists()


def test_signup_birth_date_is_not_stored(api):
    """Only the dates the band changes on are kept, never the birth date itself."""
    _signup(api, "bob", birth_date="2000-02-29")
    user = User.objects.get(username="bob")
    assert user.turns_16_on == dt.date(2016, 2, 29) and user.turns_18_on == dt.date(2018, 3, 1)
    field_names = {f.name for f in User._meta.get_fields()}
    assert "birth_date" not in field_names


@pytest.mark.parametrize(
    ("override", "status", "code"),
    [
        ({"username": "a"}, 422, "invalid_username"),
        ({"username": "bad name!"}, 422, "invalid_username"),
        ({"email": "not-an-email"}, 422, "invalid_email"),
        ({"password": "short"}, 422, "weak_password"),
        ({"birth_date": "not-a-date"}, 422, "invalid"),
        ({"birth_date": "2999-01-01"}, 422, "invalid_birth_date"),
        ({"username": "x" * 5000}, 422, "invalid"),
    ],
)
def test_signup_bad_input_is_422(api, override, status, code):
    """Malformed sign-ups get a 422 with a stable code and store nothing."""
    body = {"username": "carol", "email": "carol@example.org", "password": "a-long-kind-password",
            "birth_date": "1990-01-01", **override}
    r = api.post("/api/auth/signup", body)
    assert r.status_code == status, r.content
    assert r.json()["code"] == code
    assert User.objects.count() == 0


def test_signup_duplicate_username_and_email_are_409(api):
    """A taken username (any case) or email is a 409."""
    assert _signup(api, "dave").status_code == 201
    r = _signup(api, "DAVE")
    assert r.status_code == 409 and r.json()["code"] == "username_taken"
    r = api.post("/api/auth/signup", {"username": "dave2", "email": "DAVE@example.org",
                                      "password": "a-long-kind-password", "birth_date": "1990-01-01"})
    assert r.status_code == 409 and r.json()["code"] == "email_taken"


def test_signup_malformed_json_is_4xx(api):
    """A body that is not JSON is a 4xx with a code, never a 500."""
    r = api.post("/api/auth/signup", "{not json", content_type="application/json")
    assert 400 <= r.status_code < 500 and "code" in r.json()
    r = api.post("/api/auth/signup", "[1,2]", content_type="application/json")
    assert 400 <= r.status_code < 500


def test_signup_rate_limit(api, settings):
    """Sign-ups per address are limited by KINDLING_RATELIMIT_SIGNUP; the excess gets 429."""
    settings.KINDLING_RATELIMITS = {**settings.KINDLING_RATELIMITS, "signup": "2/h"}
    assert _signup(api, "one1").status_code == 201
    assert _signup(api, "two2").status_code == 201
    r = _signup(api, "three3")
    assert r.status_code == 429 and r.json()["code"] == "rate_limited"
    assert not User.objects.filter(username="three3").exists()


def test_token_flow_and_hashed_storage(api):
    """Credentials give a token (stored only as a hash) that authenticates /api/me."""
    _signup(api, "erin")
    r = api.post("/api/auth/tokens", {"username": "erin", "password": "a-long-kind-password"})
    assert r.status_code == 201
    token = r.json()["token"]
    assert not ApiToken.objects.filter(key_hash=token).exists()
    assert ApiToken.objects.get().key_hash != token
    me = api.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    assert me.json() | {} == {"id": me.json()["id"], "username": "erin", "display_name": "", "bio": "",
                              "is_private": False, "age_band": "18+", "avatar_url": None, "bio_pending": None,
                              "who_can_comment": "everyone", "hold_comments": False}


def test_token_wrong_password_is_401(api):
    """Wrong credentials: 401 invalid_credentials."""
    _signup(api, "fay")
    r = api.post("/api/auth/tokens", {"username": "fay", "password": "nope-nope-nope"})
    assert r.status_code == 401 and r.json()["code"] == "invalid_credentials"


@pytest.mark.parametrize("header", [None, "Bearer kl_wrong", "Token abc", "Bearer "])
def test_me_requires_valid_token(api, header):
    """Missing or invalid tokens on /api/me are 401 with a JSON error."""
    headers = {"Authorization": header} if header else {}
    r = api.get("/api/me", headers=headers)
    assert r.status_code == 401 and r.json()["code"] == "not_authenticated"


def test_invalid_token_on_optional_endpoint_is_401(api):
    """Even where login is optional, a token that is sent but wrong is a 401."""
    r = api.get("/api/feeds/for-you", headers={"Authorization": "Bearer kl_nope"})
    assert r.status_code == 401


def test_patch_me(make_user, api_as):
    """PATCH /api/me changes display name, bio and privacy; over-long values are 422 and change nothing."""
    user = make_user("gus")
    client = api_as(user)
    r = client.patch("/api/me", {"display_name": "Gus 🌱", "bio": "Plants and people", "is_private": True})
    assert r.status_code == 200 and r.json()["display_name"] == "Gus 🌱" and r.json()["is_private"] is True
    r = client.patch("/api/me", {"bio": "x" * 301})
    assert r.status_code == 422
    user.refresh_from_db()
    assert user.bio == "Plants and people"
    r = client.patch("/api/me", {"is_private": "maybe"})
    assert r.status_code == 422


def test_user_profile_and_unknown_user(make_user, api, make_post):
    """GET /api/users/{username} shows counts; unknown or malformed names are 404."""
    user = make_user("hana")
    make_post(user, "hello #BeKind")
    r = api.get("/api/users/hana")
    assert r.status_code == 200 and r.json()["posts"] == 1 and r.json()["username"] == "hana"
    assert api.get("/api/users/nobody_here").status_code == 404
    assert api.get("/api/users/bad%00name").status_code == 404
    assert api.get("/api/users/" + "x" * 500).status_code == 404


def test_follow_public_and_private_with_approval(make_user, api_as):
    """Following a public account is immediate; a private one needs approval, then posts become visible."""
    alice, bob, priv = make_user("alice"), make_user("bob"), make_user("priv", private=True)
    a = api_as(alice)
    r = a.post("/api/users/bob/follow")
    assert r.status_code == 201 and r.json()["status"] == "accepted"
    r = a.post("/api/users/priv/follow")
    assert r.status_code == 201 and r.json()["status"] == "pending"
    from kindling.posts.services import post_create

    post = post_create(author=priv, text="only for friends")
    assert a.get(f"/api/posts/{post.pk}").status_code == 404
    p = api_as(priv)
    assert [x["username"] for x in p.get("/api/me/follow-requests").json()] == ["alice"]
    assert p.post("/api/me/follow-requests/alice/approve").status_code == 204
    assert a.get(f"/api/posts/{post.pk}").status_code == 200
    assert p.post("/api/me/follow-requests/alice/approve").status_code == 404
    assert a.delete("/api/users/priv/follow").status_code == 204
    assert a.get(f"/api/posts/{post.pk}").status_code == 404
    assert bob is not None


def test_follow_self_unknown_and_auth(make_user, api_as, api):
    """Following yourself is 400, unknown users 404, and without a token 401."""
    alice = make_user("alice")
    a = api_as(alice)
    assert a.post("/api/users/alice/follow").status_code == 400
    assert a.post("/api/users/ghost/follow").status_code == 404
    assert api.post("/api/users/alice/follow").status_code == 401


def test_block_hides_everything_both_ways(make_user, api_as, make_post):
    """A blocked user sees nothing of the blocker (profile, posts, feeds) and cannot follow or like."""
    alice, mallory = make_user("alice"), make_user("mallory")
    post = make_post(alice, "hi #BeKind")
    m = api_as(mallory)
    assert m.post("/api/users/alice/follow").status_code == 201
    a = api_as(alice)
    assert a.post("/api/users/mallory/block").status_code == 201
    assert m.get("/api/users/alice").status_code == 404
    assert m.get(f"/api/posts/{post.pk}").status_code == 404
    assert m.post(f"/api/posts/{post.pk}/like").status_code == 404
    assert m.post("/api/users/alice/follow").status_code == 404
    assert post.pk not in [p["id"] for p in m.get("/api/feeds/for-you").json()["items"]]
    assert post.pk not in [p["id"] for p in m.get("/api/hashtags/bekind/posts").json()["items"]]
    assert a.delete("/api/users/mallory/block").status_code == 204
    assert m.get("/api/users/alice").status_code == 200


def test_user_posts_pagination(make_user, api, make_post):
    """GET /api/users/{username}/posts pages with a cursor; a garbage cursor is 400."""
    user = make_user("ivy")
    ids = [make_post(user, f"post {i}").pk for i in range(25)]
    first = api.get("/api/users/ivy/posts").json()
    assert len(first["items"]) == 20 and first["next_cursor"]
    second = api.get(f"/api/users/ivy/posts?cursor={first['next_cursor']}").json()
    assert [p["id"] for p in first["items"] + second["items"]] == sorted(ids, reverse=True)
    assert second["next_cursor"] is None
    r = api.get("/api/users/ivy/posts?cursor=garbage!!")
    assert r.status_code == 400 and r.json()["code"] == "bad_cursor"
