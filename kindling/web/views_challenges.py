"""Pages for challenges, Discover, hashtag reach, collections and compliments (the kindness inbox).

Thin over the challenges app's services (writes) and selectors (reads), like `views.py`: posts shown here
all come from selectors that apply the visibility rule. State changes are POST-only with CSRF."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kindling.accounts.models import User
from kindling.accounts.selectors import user_get_visible
from kindling.challenges import selectors, services
from kindling.challenges.models import INCLUSIVITY_CHECKLIST, Challenge, WhoCanCompliment
from kindling.challenges.policies import can_curate, can_propose_challenge
from kindling.challenges.views_buffer import hashtag_views_flush
from kindling.core.errors import ApplicationError, NotFound
from kindling.posts.models import PostStatus
from kindling.posts.selectors import hashtag_get, hashtag_reach
from kindling.posts.services import post_create
from kindling.web.views import _attach_originals, _cursor, _error, _limit_user, _me, _safe_next, _viewer

# ------------------------------------------------------------------------------------------ forms


class ChallengeForm(forms.Form):
    title = forms.CharField(max_length=120)
    hashtag = forms.CharField(max_length=64, help_text="One hashtag, for example #KindNotes. Posts using it join.")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    rules = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False)
    starts_at = forms.DateTimeField(
        label="Starts", input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label="Ends", input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    prize_pool = forms.CharField(max_length=200, required=False, label="Prize pool (optional)")
    cover = forms.ImageField(required=False, label="Cover image (optional)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One required checkbox per inclusivity item: all must be confirmed to submit.
        for name, text in INCLUSIVITY_CHECKLIST.items():
            self.fields[f"check_{name}"] = forms.BooleanField(label=text, required=True)

    def checklist(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(f"check_{name}")) for name in INCLUSIVITY_CHECKLIST}

    def checklist_fields(self) -> list[forms.BoundField]:
        return [self[f"check_{name}"] for name in INCLUSIVITY_CHECKLIST]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("title", "hashtag", "description", "rules", "starts_at", "ends_at",
                                        "prize_pool", "cover")]


class JoinForm(forms.Form):
    text = forms.CharField(label="Your entry", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ComplimentForm(forms.Form):
    text = forms.CharField(
        label="Your compliment", max_length=280, widget=forms.Textarea(attrs={"rows": 3, "maxlength": 280}),
        help_text="Up to 280 characters. Say simply what you appreciate: compliments must read as clearly kind.",
    )


class ComplimentSettingsForm(forms.Form):
    who_can_compliment = forms.ChoiceField(
        label="Who can send me compliments", choices=WhoCanCompliment.choices, widget=forms.RadioSelect
    )
    show_on_profile = forms.BooleanField(label="Show compliments I keep on my profile", required=False)


# ---------------------------------------------------------------------------------------- helpers


def _challenge_url(challenge: Challenge) -> str:
    return reverse("web:challenge", kwargs={"slug": challenge.slug})


def _cards(challenges: list[Challenge]) -> list[dict[str, Any]]:
    orgs = selectors.verified_org_names([c.proposer_id for c in challenges])
    now = timezone.now()
    return [{"challenge": c, "phase": selectors.challenge_phase(c, now), "org": orgs.get(c.proposer_id)} for c in challenges]


# --------------------------------------------------------------------------------------- discover


@require_GET
def discover(request: HttpRequest) -> HttpResponse:
    data = selectors.discover(viewer=_viewer(request))
    for item in data["collections"]:
        _attach_originals(_viewer(request), item["posts"])
    context = {"challenges": _cards(data["challenges"]), "collections": data["collections"],
               "trending": data["trending_hashtags"]}
    return render(request, "web/challenges/discover.html", context)


@require_GET
def collection(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        found = selectors.collection_get(slug=slug)
    except ApplicationError as exc:
        return _error(request, exc)
    item = selectors.collection_with_posts(viewer=_viewer(request), collection=found)
    _attach_originals(_viewer(request), item["posts"])
    return render(request, "web/challenges/collection.html", item)


@require_GET
def hashtag_reach_page(request: HttpRequest, tag: str) -> HttpResponse:
    try:
        found = hashtag_get(tag=tag)
    except ApplicationError as exc:
        return _error(request, exc)
    hashtag_views_flush()
    top = selectors.hashtag_top_posts(viewer=_viewer(request), hashtag=found)
    _attach_originals(_viewer(request), top)
    chart = selectors.hashtag_views_chart(hashtag=found)
    context = {
        "hashtag": found, "reach": hashtag_reach(hashtag=found), "top_posts": top, "chart": chart,
        "chart_total": sum(d["views"] for d in chart),
        "challenges": _cards(selectors.challenges_for_hashtag(hashtag=found)),
    }
    return render(request, "web/challenges/hashtag_reach.html", context)


# ------------------------------------------------------------------------------------- challenges


@require_GET
def challenge_list(request: HttpRequest) -> HttpResponse:
    cards = _cards(selectors.challenges_public_list())
    viewer = _viewer(request)
    context = {
        "running": [c for c in cards if c["phase"] == "running"],
        "upcoming": [c for c in cards if c["phase"] == "upcoming"],
        "ended": [c for c in cards if c["phase"] == "ended"],
        "can_propose": can_propose_challenge(viewer),
        "review_queue": _cards(list(selectors.challenges_for_review(viewer=viewer))) if can_curate(viewer) else [],
        "mine": list(selectors.challenges_proposed_by(user=_me(request))) if request.user.is_authenticated else [],
    }
    return render(request, "web/challenges/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def challenge_new(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    if not can_propose_challenge(me):
        return _error(request, ApplicationError(
            "not_allowed_to_propose", "Only editors and verified organisations can propose challenges.", status=403
        ))
    form = ChallengeForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                challenge = services.challenge_propose(
                    actor=me, hashtag=data["hashtag"], title=data["title"], description=data["description"],
                    rules=data["rules"], starts_at=data["starts_at"], ends_at=data["ends_at"],
                    prize_pool=data["prize_pool"], checklist=form.checklist(), cover=data.get("cover"),
                )
            except ApplicationError as exc:
                status = exc.status
                form.add_error(None, exc.message)
            else:
                messages.success(request, "Thank you! Your challenge is waiting for an editor's review.")
                return redirect(_challenge_url(challenge))
    return render(request, "web/challenges/new.html", {"form": form}, status=status)


def _challenge_page(request: HttpRequest, slug: str, *, join_form: JoinForm | None = None, status: int = 200) -> HttpResponse:
    viewer = _viewer(request)
    try:
        challenge = selectors.challenge_get_visible(viewer=viewer, slug=slug)
        newest, next_cursor = selectors.challenge_entries(viewer=viewer, challenge=challenge, sort="new",
                                                          cursor=_cursor(request))
    except ApplicationError as exc:
        return _error(request, exc)
    best, _ = selectors.challenge_entries(viewer=viewer, challenge=challenge, sort="best", limit=5)
    featured = selectors.challenge_featured(viewer=viewer, challenge=challenge)
    for posts in (newest, best, featured):
        _attach_originals(viewer, posts)
    phase = selectors.challenge_phase(challenge)
    is_curator = can_curate(viewer)
    context = {
        "challenge": challenge,
        "phase": phase,
        "org": selectors.organisation_badge(user=challenge.proposer),
        "stats": selectors.challenge_stats(challenge=challenge),
        "chart": selectors.challenge_chart(challenge=challenge),
        "featured": featured,
        "featured_ids": {p.pk for p in featured},
        "best": best,
        "newest": newest,
        "next_cursor": next_cursor,
        "join_form": join_form or JoinForm(initial={"text": f" #{challenge.hashtag.display}"}),
        "can_join": request.user.is_authenticated and phase == "running" and challenge.status == "approved",
        "is_curator": is_curator,
        "can_review": is_curator and challenge.status in ("pending_review", "changes_requested", "draft"),
        "show_notes": is_curator or (request.user.is_authenticated and request.user.pk == challenge.proposer_id),
        "checklist": [(INCLUSIVITY_CHECKLIST[k], v) for k, v in challenge.checklist.items() if k in INCLUSIVITY_CHECKLIST],
    }
    return render(request, "web/challenges/detail.html", context, status=status)


@require_GET
def challenge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _challenge_page(request, slug)


@login_required
@require_POST
def challenge_join(request: HttpRequest, slug: str) -> HttpResponse:
    """Post from the challenge page: the hashtag is added if missing, so the post joins once published."""
    try:
        challenge = selectors.challenge_get_visible(viewer=_viewer(request), slug=slug)
    except ApplicationError as exc:
        return _error(request, exc)
    form = JoinForm(request.POST)
    if not form.is_valid():
        return _challenge_page(request, slug, join_form=form, status=400)
    text = form.cleaned_data["text"].strip()
    if f"#{challenge.hashtag.name}" not in text.casefold():
        text = f"{text} #{challenge.hashtag.display}"
    try:
        _limit_user(request, "post")
        post = post_create(author=_me(request), text=text)
        if post.status == PostStatus.PUBLISHED:
            services.challenge_entry_add(actor=_me(request), challenge=challenge, post_id=post.pk)
    except ApplicationError as exc:
        form.add_error("text", exc.message)
        return _challenge_page(request, slug, join_form=form, status=exc.status)
    if post.status == PostStatus.PUBLISHED:
        messages.success(request, "You're in! Your post joined the challenge.")
    else:
        messages.info(request, "Your post is waiting for a quick review; it joins the challenge once published.")
    return redirect(_challenge_url(challenge) + "#newest")


@login_required
@require_POST
def challenge_review(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        challenge = selectors.challenge_get_visible(viewer=_viewer(request), slug=slug)
        services.challenge_review(actor=_me(request), challenge=challenge, action=request.POST.get("action", ""),
                                  reasons=request.POST.get("reasons", ""))
    except ApplicationError as exc:
        return _error(request, exc)
    messages.success(request, f"Saved: {challenge.get_status_display().lower()}.")
    return redirect(_challenge_url(challenge))


@login_required
@require_POST
def challenge_feature_entry(request: HttpRequest, slug: str, post_id: int) -> HttpResponse:
    try:
        challenge = selectors.challenge_get_visible(viewer=_viewer(request), slug=slug)
        services.challenge_feature_entry(actor=_me(request), challenge=challenge, post_id=post_id,
                                         featured=request.POST.get("featured", "1") == "1")
    except ApplicationError as exc:
        return _error(request, exc)
    return redirect(_challenge_url(challenge))


# ------------------------------------------------------------------------------------ compliments


@login_required
@require_http_methods(["GET", "POST"])
def compliment_new(request: HttpRequest, username: str) -> HttpResponse:
    try:
        recipient = user_get_visible(viewer=_viewer(request), username=username)
    except ApplicationError as exc:
        return _error(request, exc)
    form = ComplimentForm(request.POST or None)
    post_id = request.POST.get("post") or request.GET.get("post") or ""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                compliment = services.compliment_send(
                    sender=_me(request), to_username=recipient.username, text=form.cleaned_data["text"],
                    post_id=int(post_id) if post_id.isdigit() else None,
                )
            except ApplicationError as exc:
                status = exc.status
                form.add_error("text", exc.message)
            else:
                if compliment.status == "delivered":
                    messages.success(request, f"Your compliment is on its way to {recipient.shown_name}. 💛")
                else:
                    messages.success(request, f"Sent! It waits in {recipient.shown_name}'s kindness inbox until they accept it.")
                return redirect(_safe_next(request, reverse("web:profile", kwargs={"username": recipient.username})))
    context = {"form": form, "recipient": recipient, "post_id": post_id if post_id.isdigit() else "",
               "next": _safe_next(request, "")}
    return render(request, "web/challenges/compliment_new.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def kindness_inbox(request: HttpRequest) -> HttpResponse:
    me = _me(request)
    profile = services.compliment_profile_for(me)
    settings_form = ComplimentSettingsForm(
        request.POST or None,
        initial={"who_can_compliment": services.effective_who_can_compliment(me, profile),
                 "show_on_profile": profile.show_on_profile},
    )
    status = 200
    if request.method == "POST":
        if settings_form.is_valid():
            services.compliment_settings_update(
                user=me, who_can_compliment=settings_form.cleaned_data["who_can_compliment"],
                show_on_profile=settings_form.cleaned_data["show_on_profile"],
            )
            messages.success(request, "Your compliment settings are saved.")
            return redirect("web:kindness_inbox")
        status = 400
    context = {
        "pending": selectors.compliments_inbox(user=me),
        "received": selectors.compliments_received(user=me),
        "counts": selectors.compliment_counts(user=me),
        "settings_form": settings_form,
    }
    return render(request, "web/challenges/inbox.html", context, status=status)


@login_required
@require_POST
def compliment_answer(request: HttpRequest, compliment_id: int, action: str) -> HttpResponse:
    me = _me(request)
    try:
        if action == "accept":
            services.compliment_accept(actor=me, compliment_id=compliment_id,
                                       show_on_profile=request.POST.get("show_on_profile", "1") == "1")
            messages.success(request, "Accepted. Thank you for letting kindness in. 💛")
        elif action == "decline":
            services.compliment_decline(actor=me, compliment_id=compliment_id)
            messages.info(request, "Declined. The sender isn't told.")
        elif action == "block":
            services.compliment_block_sender(actor=me, compliment_id=compliment_id)
            messages.info(request, "Declined and blocked. They can't contact you any more.")
        elif action == "report":
            services.compliment_report_sender(actor=me, compliment_id=compliment_id)
            messages.info(request, "Declined and reported. A moderator will look at it.")
        elif action in ("show", "hide"):
            services.compliment_set_shown(actor=me, compliment_id=compliment_id, shown=action == "show")
        else:
            raise NotFound("not_found", "Not found.")
    except ApplicationError as exc:
        return _error(request, exc)
    return redirect("web:kindness_inbox")


@require_GET
def compliments_profile(request: HttpRequest, username: str) -> HttpResponse:
    try:
        owner: User = user_get_visible(viewer=_viewer(request), username=username)
    except ApplicationError as exc:
        return _error(request, exc)
    context = {"owner": owner, "compliments": selectors.compliments_on_profile(viewer=_viewer(request), user=owner),
               "counts": selectors.compliment_counts(user=owner)}
    return render(request, "web/challenges/compliments_profile.html", context)
