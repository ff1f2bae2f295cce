"""Web pages. Thin over the services (writes) and selectors (reads): no view decides visibility itself.

Every refusal a service raises (`ApplicationError`) is shown to the person with its 4xx status: as a form
error where there is a form, otherwise on an error page. State changes are POST-only with CSRF.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kindling.accounts import error_codes as account_codes
from kindling.accounts.models import Follow, User
from kindling.accounts.policies import can_view_profile_content
from kindling.accounts.selectors import (
    Viewer,
    follow_requests_pending,
    follow_status,
    user_blocked_by,
    user_get_visible,
    user_stats,
)
from kindling.accounts.services import (
    avatar_set,
    block_create,
    block_delete,
    follow_create,
    follow_delete,
    follow_request_decide,
    profile_update,
    user_check_credentials,
    user_signup,
)
from kindling.core.errors import ApplicationError, NotFound
from kindling.core.ratelimit import client_ip, ratelimit_hit
from kindling.feeds.selectors import feed_following_for, feed_for_you
from kindling.feeds.services import feedback_record
from kindling.posts.models import Post, PostStatus
from kindling.posts.selectors import (
    comments_visible_to,
    hashtag_get,
    hashtag_posts,
    hashtag_reach,
    hashtags_popular,
    post_get_visible,
    post_original_visible,
    posts_by_author,
    posts_visible_to,
    user_post_count,
)
from kindling.posts.services import (
    comment_create,
    comment_delete,
    like_create,
    like_delete,
    post_create,
    post_delete,
    post_view_record,
    share_create,
    viewer_key_for,
)
from kindling.web.forms import CommentForm, ComposeForm, LoginForm, ProfileForm, ShareForm, SignupForm

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# The moderation gate's "Rethink?" prompt: a 409 with this code and the nudge under `extra["nudge"]`.
NUDGE_CODE = "nudge"

# What the author is told right after posting, by the status the moderation gate gave the post.
POST_STATUS_MESSAGES: dict[str, str] = {
    PostStatus.PUBLISHED: "Your post is live. Thank you for sharing something kind.",
    PostStatus.IN_REVIEW: "Your post is saved and waiting for a quick review before others can see it.",
    PostStatus.PENDING: "Your post is saved and will appear once it has been checked.",
    PostStatus.REJECTED: (
        "Your post wasn't published because it may not fit our kindness guidelines. Only you can see it."
    ),
}
COMMENT_STATUS_MESSAGES: dict[str, str] = {
    PostStatus.PUBLISHED: "Your comment is posted.",
    PostStatus.IN_REVIEW: "Your comment is waiting for a quick review before others can see it.",
    PostStatus.PENDING: "Your comment will appear once it has been checked.",
    PostStatus.REJECTED: "Your comment wasn't published because it may not fit our kindness guidelines.",
}


# ---------------------------------------------------------------------------------------------- helpers


def _viewer(request: HttpRequest) -> Viewer:
    return cast(Viewer, request.user)


def _me(request: HttpRequest) -> User:
    """The signed-in account; only call behind @login_required."""
    return cast(User, request.user)


def _error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    """Render a service refusal for people, with its own 4xx status (never a 500)."""
    status = exc.status if 400 <= exc.status < 500 else 400
    template = "404.html" if status == 404 else "web/error.html"
    return render(request, template, {"message": exc.message, "code": exc.code}, status=status)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    """The `next` URL if it points back into this site, else `fallback`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def _limit_user(request: HttpRequest, scope: str) -> None:
    ratelimit_hit(scope=scope, ident=f"u{request.user.pk}")


def _limit_ip(request: HttpRequest, scope: str) -> None:
    ratelimit_hit(scope=scope, ident=f"ip{client_ip(request)}")


def _nudge_from(exc: ApplicationError) -> dict | None:
    nudge = exc.extra.get("nudge") if exc.code == NUDGE_CODE else None
    return nudge if isinstance(nudge, dict) else None


def _resend_kwargs(request: HttpRequest) -> dict[str, object]:
    """After a nudge: `confirm` sends the text anyway (to review); `nudge_id` ties the resend to the prompt."""
    kwargs: dict[str, object] = {}
    raw_id = request.POST.get("nudge_id", "")
    if raw_id.isdigit():
        kwargs["nudge_id"] = int(raw_id)
        if request.POST.get("confirm") == "1":
            kwargs["confirm"] = True
    return kwargs


def _cursor(request: HttpRequest, name: str = "cursor") -> str | None:
    return request.GET.get(name) or None


def _attach_originals(viewer: Viewer, posts: Iterable[Post]) -> None:
    """Give each share its original as `visible_original`, only where the viewer may see it (one query)."""
    posts = list(posts)
    wanted = {p.shared_from_id for p in posts if p.shared_from_id}
    found: dict[int, Post] = {}
    if wanted:
        found = {p.pk: p for p in posts_visible_to(viewer=viewer).filter(pk__in=wanted)}
    for post in posts:
        post.visible_original = found.get(post.shared_from_id) if post.shared_from_id else None  # type: ignore[attr-defined]


def _post_url(post_id: int) -> str:
    return reverse("web:post", kwargs={"post_id": post_id})


def _profile_url(username: str) -> str:
    return reverse("web:profile", kwargs={"username": username})


# ----------------------------------------------------------------------------------------- accounts


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignupForm(request.POST or None)
    status = 200
    refusal = None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _limit_ip(request, "signup")
                user = user_signup(**form.cleaned_data)
            except ApplicationError as exc:
                status = exc.status
                if exc.code == account_codes.UNDER_MINIMUM_AGE:
                    form = SignupForm()  # nothing they typed is kept, not even in the page
                    refusal = exc.message
                else:
                    form.add_error(None, exc.message)
            else:
                login(request, user, backend=MODEL_BACKEND)
                messages.success(request, f"Welcome to Kindling, {user.shown_name}! We're glad you're here.")
                return redirect("web:home")
    return render(request, "web/signup.html", {"form": form, "refusal": refusal}, status=status)


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request, reverse("web:home"))
    if request.user.is_authenticated:
        return redirect(next_url)
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _limit_ip(request, "login")
                user = user_check_credentials(
                    username=form.cleaned_data["username"], password=form.cleaned_data["password"]
                )
            except ApplicationError as exc:
                status = exc.status
                form.add_error(None, exc.message)
            else:
                login(request, user, backend=MODEL_BACKEND)
                return redirect(next_url)
    return render(request, "web/login.html", {"form": form, "next": next_url}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You're logged out. Take care!")
    return redirect("web:home")


# -------------------------------------------------------------------------------------------- feeds


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    feed = request.GET.get("feed", "foryou")
    if feed != "following" or not request.user.is_authenticated:
        feed = "foryou"  # anonymous visitors always see For You
    try:
        if feed == "following":
            posts, next_cursor = feed_following_for(viewer=_me(request), cursor=_cursor(request))
        else:
            posts, next_cursor = feed_for_you(viewer=_viewer(request), cursor=_cursor(request))
    except ApplicationError as exc:
        return _error(request, exc)
    _attach_originals(_viewer(request), posts)
    context = {"posts": posts, "next_cursor": next_cursor, "feed": feed, "popular": hashtags_popular(limit=8)}
    return render(request, "web/home.html", context)


@require_GET
def hashtag(request: HttpRequest, tag: str) -> HttpResponse:
    try:
        found = hashtag_get(tag=tag)
        posts, next_cursor = hashtag_posts(viewer=_viewer(request), hashtag=found, cursor=_cursor(request))
    except ApplicationError as exc:
        return _error(request, exc)
    _attach_originals(_viewer(request), posts)
    context = {"hashtag": found, "reach": hashtag_reach(hashtag=found), "posts": posts, "next_cursor": next_cursor}
    return render(request, "web/hashtag.html", context)


# -------------------------------------------------------------------------------------------- posts


def _with_challenge_tag(text: str, tag: str | None) -> str:
    """Choosing a challenge in the composer joins it the same way writing its hashtag does."""
    if not tag or f"#{tag}".casefold() in text.casefold():
        return text
    return f"{text.rstrip()} #{tag}".strip()


@login_required
@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest) -> HttpResponse:
    from kindling.challenges.selectors import challenges_public

    running = list(challenges_public(phase="running")[:20])
    form = ComposeForm(request.POST or None, request.FILES or None)
    choices = [("", "No challenge")] + [(c.hashtag.display, f"#{c.hashtag.display} — {c.title}") for c in running]
    form.fields["challenge"].choices = choices  # type: ignore[attr-defined]
    if request.method == "GET" and request.GET.get("challenge"):
        form.initial["challenge"] = request.GET["challenge"]
    status = 200
    nudge = None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _limit_user(request, "post")
                post = post_create(
                    author=_me(request),
                    text=_with_challenge_tag(form.cleaned_data["text"], form.cleaned_data.get("challenge")),
                    image=form.cleaned_data.get("image"),
                    **_resend_kwargs(request),  # type: ignore[arg-type]
                )
            except ApplicationError as exc:
                status = exc.status
                nudge = _nudge_from(exc)
                if nudge is None:
                    form.add_error(None, exc.message)
            else:
                level = messages.SUCCESS if post.status == PostStatus.PUBLISHED else messages.INFO
                messages.add_message(request, level, POST_STATUS_MESSAGES.get(post.status, "Your post is saved."))
                return redirect(_post_url(post.pk))
    return render(request, "web/compose.html", {"form": form, "nudge": nudge}, status=status)


def _post_page(
    request: HttpRequest,
    post_id: int,
    *,
    comment_form: CommentForm | None = None,
    nudge: dict | None = None,
    share_form: ShareForm | None = None,
    share_nudge: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    viewer = _viewer(request)
    try:
        post = post_get_visible(viewer=viewer, post_id=post_id)
        comments, next_comments = comments_visible_to(viewer=viewer, post=post, cursor=_cursor(request, "comments"))
    except ApplicationError as exc:
        return _error(request, exc)
    if request.method == "GET":
        fingerprint = f"{client_ip(request)}|{request.headers.get('user-agent', '')}"
        key = viewer_key_for(user=_me(request) if request.user.is_authenticated else None, fingerprint=fingerprint)
        if post_view_record(post=post, viewer_key=key):
            post.view_count += 1
    original = post_original_visible(viewer=viewer, post=post)
    post.visible_original = original  # type: ignore[attr-defined]
    is_author = request.user.is_authenticated and post.author_id == request.user.pk
    published = post.status == PostStatus.PUBLISHED
    context = {
        "post": post,
        "comments": comments,
        "next_comments": next_comments,
        "comment_form": comment_form or CommentForm(),
        "nudge": nudge,
        "share_form": share_form or ShareForm(),
        "share_nudge": share_nudge,
        "is_author": is_author,
        "published": published,
        "can_share": request.user.is_authenticated and published and not post.author.is_private,
        "status_message": None if published else POST_STATUS_MESSAGES.get(post.status),
    }
    return render(request, "web/post.html", context, status=status)


@require_GET
def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    return _post_page(request, post_id)


@login_required
@require_POST
def post_delete_view(request: HttpRequest, post_id: int) -> HttpResponse:
    try:
        post_delete(actor=_me(request), post_id=post_id)
    except ApplicationError as exc:
        return _error(request, exc)
    messages.success(request, "Your post was deleted.")
    return redirect(_profile_url(_me(request).username))


@login_required
@require_POST
def like(request: HttpRequest, post_id: int) -> HttpResponse:
    try:
        _limit_user(request, "interact")
        like_create(actor=_me(request), post_id=post_id)
    except ApplicationError as exc:
        return _error(request, exc)
    return redirect(_safe_next(request, _post_url(post_id)))


@login_required
@require_POST
def unlike(request: HttpRequest, post_id: int) -> HttpResponse:
    try:
        _limit_user(request, "interact")
        like_delete(actor=_me(request), post_id=post_id)
    except ApplicationError as exc:
        return _error(request, exc)
    return redirect(_safe_next(request, _post_url(post_id)))


@login_required
@require_POST
def share(request: HttpRequest, post_id: int) -> HttpResponse:
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Share notes can be at most 2000 characters.")
        return _post_page(request, post_id, status=400)
    try:
        _limit_user(request, "post")
        shared = share_create(
            actor=_me(request),
            post_id=post_id,
            note=form.cleaned_data["note"],
            **_resend_kwargs(request),  # type: ignore[arg-type]
        )
    except ApplicationError as exc:
        nudge = _nudge_from(exc)
        if nudge is not None:
            return _post_page(request, post_id, share_form=form, share_nudge=nudge, status=exc.status)
        return _error(request, exc)
    if shared.status == PostStatus.PUBLISHED:
        messages.success(request, "Shared. Thank you for spreading kindness.")
    else:
        messages.info(request, POST_STATUS_MESSAGES.get(shared.status, "Your share is saved."))
    return redirect(_post_url(shared.pk))


@login_required
@require_POST
def show_less(request: HttpRequest, post_id: int) -> HttpResponse:
    """For You feedback: fewer posts like this one (same author, same hashtags) for this viewer."""
    try:
        _limit_user(request, "interact")
        feedback_record(viewer=_me(request), post_id=post_id, signal="show_less")
    except ApplicationError as exc:
        return _error(request, exc)
    messages.info(request, "Thanks. You'll see less like that in For You.")
    return redirect(_safe_next(request, reverse("web:home")))


@login_required
@require_POST
def comment(request: HttpRequest, post_id: int) -> HttpResponse:
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _post_page(request, post_id, comment_form=form, status=400)
    try:
        _limit_user(request, "comment")
        created = comment_create(
            author=_me(request),
            post_id=post_id,
            text=form.cleaned_data["text"],
            parent_id=form.cleaned_data["parent"],
            **_resend_kwargs(request),  # type: ignore[arg-type]
        )
    except ApplicationError as exc:
        if exc.status == 404:
            return _error(request, exc)
        nudge = _nudge_from(exc)
        if nudge is None:
            form.add_error(None, exc.message)
        return _post_page(request, post_id, comment_form=form, nudge=nudge, status=exc.status)
    level = messages.SUCCESS if created.status == PostStatus.PUBLISHED else messages.INFO
    messages.add_message(request, level, COMMENT_STATUS_MESSAGES.get(created.status, "Your comment is saved."))
    return HttpResponseRedirect(f"{_post_url(post_id)}#comment-{created.pk}")


@login_required
@require_POST
def comment_delete_view(request: HttpRequest, comment_id: int) -> HttpResponse:
    try:
        comment_delete(actor=_me(request), comment_id=comment_id)
    except ApplicationError as exc:
        return _error(request, exc)
    messages.success(request, "The comment was deleted.")
    return redirect(_safe_next(request, reverse("web:home")))


# ----------------------------------------------------------------------------------------- profiles


@require_GET
def profile(request: HttpRequest, username: str) -> HttpResponse:
    viewer = _viewer(request)
    try:
        owner = user_get_visible(viewer=viewer, username=username)
    except NotFound as exc:
        # The blocker still needs a way back: show them the block, not the profile.
        blocked = user_blocked_by(viewer=viewer, username=username)
        if blocked is not None:
            return render(request, "web/profile_blocked.html", {"owner": blocked})
        return _error(request, exc)
    can_see = can_view_profile_content(cast(User, viewer), owner)
    posts: list[Post] = []
    next_cursor = None
    if can_see:
        try:
            posts, next_cursor = posts_by_author(viewer=viewer, author=owner, cursor=_cursor(request))
        except ApplicationError as exc:
            return _error(request, exc)
        _attach_originals(viewer, posts)
    is_self = request.user.is_authenticated and request.user.pk == owner.pk
    context = {
        "owner": owner,
        "stats": {**user_stats(user=owner), "posts": user_post_count(user=owner)},
        "follow": follow_status(viewer=viewer, target=owner),
        "can_see": can_see,
        "posts": posts,
        "next_cursor": next_cursor,
        "is_self": is_self,
        "pending_requests": follow_requests_pending(user=owner).count() if is_self else 0,
    }
    return render(request, "web/profile.html", context)


def _account_action(request: HttpRequest, username: str, action: str) -> HttpResponse:
    me = _me(request)
    try:
        _limit_user(request, "interact")
        if action == "follow":
            row = follow_create(actor=me, username=username)
            if row.status == Follow.Status.PENDING:
                messages.info(request, f"Follow request sent to @{row.followee.username}.")
            else:
                messages.success(request, f"You're following @{row.followee.username}.")
        elif action == "unfollow":
            follow_delete(actor=me, username=username)
            messages.info(request, f"You no longer follow @{username}.")
        elif action == "block":
            block_create(actor=me, username=username)
            messages.info(request, f"You blocked @{username}. You won't see each other's posts.")
        else:
            block_delete(actor=me, username=username)
            messages.info(request, f"You unblocked @{username}.")
    except ApplicationError as exc:
        return _error(request, exc)
    return redirect(_safe_next(request, _profile_url(username)))


@login_required
@require_POST
def follow(request: HttpRequest, username: str) -> HttpResponse:
    return _account_action(request, username, "follow")


@login_required
@require_POST
def unfollow(request: HttpRequest, username: str) -> HttpResponse:
    return _account_action(request, username, "unfollow")


@login_required
@require_POST
def block(request: HttpRequest, username: str) -> HttpResponse:
    return _account_action(request, username, "block")


@login_required
@require_POST
def unblock(request: HttpRequest, username: str) -> HttpResponse:
    return _account_action(request, username, "unblock")


# ----------------------------------------------------------------------------------------- settings


@login_required
@require_http_methods(["GET", "POST"])
def settings_profile(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    initial = {"display_name": me.display_name, "bio": me.bio, "is_private": me.is_private}
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                profile_update(
                    user=me, display_name=data["display_name"], bio=data["bio"], is_private=data["is_private"]
                )
                if data.get("avatar"):
                    avatar_set(user=me, upload=data["avatar"])
            except ApplicationError as exc:
                status = exc.status
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Your profile is saved.")
                return redirect("web:settings_profile")
    return render(request, "web/settings_profile.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def settings_requests(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    if request.method == "POST":
        username = request.POST.get("username", "")
        decision = request.POST.get("decision", "")
        if decision not in {"approve", "decline"}:
            return render(request, "web/error.html", {"message": "Choose approve or decline."}, status=400)
        try:
            follow_request_decide(actor=me, username=username, approve=decision == "approve")
        except ApplicationError as exc:
            return _error(request, exc)
        if decision == "approve":
            messages.success(request, f"@{username} can now see your posts.")
        else:
            messages.info(request, f"You declined @{username}'s request.")
        return redirect("web:settings_requests")
    pending = list(follow_requests_pending(user=me).order_by("created_at"))
    return render(request, "web/settings_requests.html", {"pending": pending})
