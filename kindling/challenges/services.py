"""Writes for challenges (propose, curate, entries, featured entries), Discover (collections, trending
overrides), verified organisations and compliments. Each write checks its policy and runs in one
transaction with its audit row."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from kindling.accounts.models import AgeBand, User
from kindling.accounts.policies import follows, is_blocked_either_way
from kindling.accounts.services import block_create
from kindling.challenges import error_codes as codes
from kindling.challenges.models import (
    INCLUSIVITY_CHECKLIST,
    Challenge,
    ChallengeEntry,
    ChallengeStatus,
    Collection,
    CollectionItem,
    Compliment,
    ComplimentProfile,
    ComplimentStatus,
    FeaturedEntry,
    TrendingOverride,
    VerifiedOrganisation,
    WhoCanCompliment,
)
from kindling.challenges.policies import can_curate, can_propose_challenge, can_verify_organisations
from kindling.core.audit import audit_record
from kindling.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied
from kindling.core.images import image_sanitize
from kindling.core.ratelimit import ratelimit_hit
from kindling.moderation.engine import engine_check, engine_policy
from kindling.notifications.services import notification_create
from kindling.posts.models import Hashtag, Post, PostStatus
from kindling.posts.parsing import canonical_tag, is_valid_tag

logger = logging.getLogger(__name__)

MAX_CHALLENGE_DAYS = 366
MAX_COMPLIMENT_LENGTH = 280
REVIEW_ACTIONS = {
    "approve": ChallengeStatus.APPROVED,
    "request_changes": ChallengeStatus.CHANGES_REQUESTED,
    "decline": ChallengeStatus.DECLINED,
}
# Statuses an editor may still review; a proposer may edit and resubmit these.
REVIEWABLE = (ChallengeStatus.PENDING_REVIEW, ChallengeStatus.CHANGES_REQUESTED, ChallengeStatus.DRAFT)
EDITABLE = (ChallengeStatus.DRAFT, ChallengeStatus.CHANGES_REQUESTED, ChallengeStatus.PENDING_REVIEW)


# --------------------------------------------------------------------------------------- challenges


def _text(value: str | None, *, field: str, limit: int, required: bool = True) -> str:
    clean = (value or "").replace("\x00", "").strip()
    if required and not clean:
        raise ApplicationError(codes.INVALID_FIELD, f"{field} is required.", status=422)
    if len(clean) > limit:
        raise ApplicationError(codes.INVALID_FIELD, f"{field} can be at most {limit} characters.", status=422)
    return clean


def _hashtag_for(tag: str) -> Hashtag:
    display = (tag or "").strip().lstrip("#")
    if not is_valid_tag(display):
        raise ApplicationError(
            codes.INVALID_HASHTAG, "Use one hashtag of letters, digits or _ (for example #KindWords).", status=422
        )
    hashtag, _ = Hashtag.objects.get_or_create(name=canonical_tag(display), defaults={"display": display})
    return hashtag


def _check_dates(starts_at: dt.datetime, ends_at: dt.datetime, *, allow_past_start: bool = False) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ApplicationError(codes.INVALID_DATES, "Give start and end with a time zone (ISO 8601).", status=422)
    if ends_at <= starts_at:
        raise ApplicationError(codes.INVALID_DATES, "The challenge must end after it starts.", status=422)
    if ends_at <= timezone.now():
        raise ApplicationError(codes.INVALID_DATES, "The end date is already in the past.", status=422)
    if ends_at - starts_at > dt.timedelta(days=MAX_CHALLENGE_DAYS):
        raise ApplicationError(codes.INVALID_DATES, "A challenge can run for at most a year.", status=422)


def _check_checklist(checklist: dict[str, Any] | None) -> dict[str, bool]:
    """Every item of the inclusivity checklist must be confirmed (true); unknown items are refused.

    `None` (an API client that sends no checklist) is read as confirming the published list: the API docs
    show it, and the proposer's call is their confirmation; the reviewer still checks the challenge."""
    if checklist is None:
        return dict.fromkeys(INCLUSIVITY_CHECKLIST, True)
    unknown = sorted(set(checklist) - set(INCLUSIVITY_CHECKLIST))
    if unknown:
        raise ApplicationError(codes.CHECKLIST_INCOMPLETE, f"Unknown checklist items: {', '.join(unknown)}.", status=422)
    missing = [name for name in INCLUSIVITY_CHECKLIST if checklist.get(name) is not True]
    if missing:
        raise ApplicationError(
            codes.CHECKLIST_INCOMPLETE,
            "Confirm every item of the inclusivity checklist first: " + "; ".join(INCLUSIVITY_CHECKLIST[m] for m in missing),
            status=422,
            extra={"missing": missing},
        )
    return {name: True for name in INCLUSIVITY_CHECKLIST}


def _check_hashtag_free(hashtag: Hashtag, starts_at: dt.datetime, ends_at: dt.datetime, *, exclude: int | None = None) -> None:
    """Two live challenges on one hashtag at once would share every entry."""
    clash = Challenge.objects.filter(
        hashtag=hashtag,
        status__in=[ChallengeStatus.APPROVED, ChallengeStatus.PENDING_REVIEW],
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    )
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise Conflict(codes.HASHTAG_TAKEN, f"#{hashtag.display} already has a challenge in those dates.")


def _unique_slug(title: str) -> str:
    base = (slugify(title) or "challenge")[:70]
    slug, n = base, 1
    while Challenge.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def challenge_propose(
    *,
    actor: User,
    hashtag: str,
    title: str,
    description: str,
    rules: str = "",
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    prize_pool: str = "",
    checklist: dict[str, Any] | None = None,
    cover: Any = None,
) -> Challenge:
    """Editors, admins and verified organisations propose; the proposal waits for an editor's review."""
    if not can_propose_challenge(actor):
        raise PermissionDenied(
            codes.NOT_ALLOWED_TO_PROPOSE, "Only editors and verified organisations can propose challenges."
        )
    clean_title = _text(title, field="title", limit=120)
    clean_description = _text(description, field="description", limit=4000)
    clean_rules = _text(rules, field="rules", limit=4000, required=False)
    clean_prize = _text(prize_pool, field="prize_pool", limit=200, required=False)
    _check_dates(starts_at, ends_at)
    confirmed = _check_checklist(checklist)
    cover_file = image_sanitize(cover) if cover is not None else None
    with transaction.atomic():
        tag = _hashtag_for(hashtag)
        _check_hashtag_free(tag, starts_at, ends_at)
        challenge = Challenge(
            hashtag=tag, slug=_unique_slug(clean_title), title=clean_title, description=clean_description,
            rules=clean_rules, starts_at=starts_at, ends_at=ends_at, prize_pool=clean_prize, checklist=confirmed,
            status=ChallengeStatus.PENDING_REVIEW, proposer=actor,
        )
        if cover_file is not None:
            challenge.cover.save(cover_file.name or "cover.jpg", cover_file, save=False)
        challenge.save()
        audit_record(actor=actor, action="challenge.propose", target_type="challenge", target_id=challenge.pk)
    return challenge


def challenge_update(
    *,
    actor: User,
    challenge: Challenge,
    title: str | None = None,
    description: str | None = None,
    rules: str | None = None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    prize_pool: str | None = None,
    checklist: dict[str, Any] | None = None,
) -> Challenge:
    """The proposer revises a proposal (after "request changes"); it goes back to the editors' queue."""
    if challenge.proposer_id != actor.pk:
        raise PermissionDenied(codes.NOT_ALLOWED_TO_PROPOSE, "Only the proposer can edit this challenge.")
    if challenge.status not in EDITABLE:
        raise Conflict(codes.NOT_REVIEWABLE, "This challenge has been decided and can no longer be edited.")
    if title is not None:
        challenge.title = _text(title, field="title", limit=120)
    if description is not None:
        challenge.description = _text(description, field="description", limit=4000)
    if rules is not None:
        challenge.rules = _text(rules, field="rules", limit=4000, required=False)
    if prize_pool is not None:
        challenge.prize_pool = _text(prize_pool, field="prize_pool", limit=200, required=False)
    challenge.starts_at = starts_at or challenge.starts_at
    challenge.ends_at = ends_at or challenge.ends_at
    _check_dates(challenge.starts_at, challenge.ends_at)
    if checklist is not None:
        challenge.checklist = _check_checklist(checklist)
    with transaction.atomic():
        _check_hashtag_free(challenge.hashtag, challenge.starts_at, challenge.ends_at, exclude=challenge.pk)
        challenge.status = ChallengeStatus.PENDING_REVIEW
        challenge.save()
        audit_record(actor=actor, action="challenge.update", target_type="challenge", target_id=challenge.pk)
    return challenge


def challenge_set_cover(*, actor: User, challenge: Challenge, upload: Any) -> Challenge:
    """The proposer (or an editor) sets the cover image; it is decoded, stripped of metadata and re-encoded."""
    if challenge.proposer_id != actor.pk and not can_curate(actor):
        raise PermissionDenied(codes.NOT_ALLOWED_TO_PROPOSE, "Only the proposer or an editor can change the cover.")
    cover_file = image_sanitize(upload)
    old_name = challenge.cover.name if challenge.cover else ""
    with transaction.atomic():
        challenge.cover.save(cover_file.name or "cover.jpg", cover_file, save=False)
        challenge.save(update_fields=["cover", "updated_at"])
        audit_record(actor=actor, action="challenge.cover", target_type="challenge", target_id=challenge.pk)
        if old_name:
            storage = challenge.cover.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return challenge


def challenge_review(*, actor: User, challenge: Challenge, action: str, reasons: str = "") -> Challenge:
    """An editor approves, requests changes (with reasons) or declines (with reasons) a proposal."""
    if not can_curate(actor):
        raise PermissionDenied(codes.NOT_EDITOR, "Only editors can review challenges.")
    if action not in REVIEW_ACTIONS:
        raise ApplicationError(
            codes.INVALID_REVIEW, "action must be approve, request_changes or decline.", status=422
        )
    clean_reasons = _text(reasons, field="reasons", limit=2000, required=action != "approve")
    if challenge.status not in REVIEWABLE:
        raise Conflict(codes.NOT_REVIEWABLE, f"This challenge is already {challenge.get_status_display().lower()}.")
    new_status = REVIEW_ACTIONS[action]
    with transaction.atomic():
        if new_status == ChallengeStatus.APPROVED:
            _check_hashtag_free(challenge.hashtag, challenge.starts_at, challenge.ends_at, exclude=challenge.pk)
        challenge.status = new_status
        challenge.reviewer = actor
        challenge.review_notes = clean_reasons
        challenge.reviewed_at = timezone.now()
        challenge.save(update_fields=["status", "reviewer", "review_notes", "reviewed_at", "updated_at"])
        audit_record(
            actor=actor, action=f"challenge.{action}", target_type="challenge", target_id=challenge.pk,
            reasons=clean_reasons,
        )
        messages = {
            "approve": f"Your challenge “{challenge.title}” was approved and is now public.",
            "request_changes": f"An editor asked for changes to “{challenge.title}”: {clean_reasons}",
            "decline": f"Your challenge “{challenge.title}” was declined: {clean_reasons}",
        }
        notification_create(user=challenge.proposer_id, kind=f"challenge_{action}", message=messages[action],
                            slug=challenge.slug)
    return challenge


def challenge_set_featured(*, actor: User, challenge: Challenge, featured: bool = True) -> Challenge:
    """Editors put an approved challenge at the top of Discover."""
    if not can_curate(actor):
        raise PermissionDenied(codes.NOT_EDITOR, "Only editors can feature challenges.")
    with transaction.atomic():
        Challenge.objects.filter(pk=challenge.pk).update(is_featured=featured)
        audit_record(actor=actor, action="challenge.feature" if featured else "challenge.unfeature",
                     target_type="challenge", target_id=challenge.pk)
    challenge.refresh_from_db()
    return challenge


def _is_running(challenge: Challenge, at: dt.datetime) -> bool:
    return challenge.status == ChallengeStatus.APPROVED and challenge.starts_at <= at < challenge.ends_at


def challenge_entries_record_for_post(*, post_id: int) -> int:
    """Record the post as an entry of every approved challenge whose hashtag it uses and which was running
    when it was published (called after commit by the `post_published` listener). Safe to repeat."""
    post = Post.objects.filter(pk=post_id, status=PostStatus.PUBLISHED, deleted_at__isnull=True).first()
    if post is None:
        return 0
    at = post.published_at or post.created_at
    running = Challenge.objects.filter(
        status=ChallengeStatus.APPROVED, hashtag__posts=post, starts_at__lte=at, ends_at__gt=at
    ).distinct()
    added = 0
    for challenge in running:
        with transaction.atomic():
            _, created = ChallengeEntry.objects.get_or_create(challenge=challenge, post=post)
            if created:
                added += 1
                audit_record(actor=None, action="challenge.entry", target_type="challenge", target_id=challenge.pk,
                             post_id=post.pk)
    return added


def challenge_entry_add(*, actor: User, challenge: Challenge, post_id: int) -> ChallengeEntry:
    """The author enters their own published post in a running challenge (the composer's challenge picker)."""
    post = Post.objects.filter(pk=post_id, deleted_at__isnull=True).first()
    if post is None or post.author_id != actor.pk:
        raise PermissionDenied(codes.NOT_YOUR_POST, "You can only enter your own posts.")
    if not _is_running(challenge, timezone.now()):
        raise Conflict(codes.NOT_RUNNING, "This challenge isn't running right now.")
    if post.status != PostStatus.PUBLISHED:
        # Entries pass the same gate as every post: a held post joins when (if) it is published.
        raise Conflict("post_not_published", "Your post can join once it is published.")
    try:
        with transaction.atomic():
            entry, created = ChallengeEntry.objects.get_or_create(challenge=challenge, post=post)
            if created:
                audit_record(actor=actor, action="challenge.entry", target_type="challenge", target_id=challenge.pk,
                             post_id=post.pk)
    except IntegrityError:
        entry = ChallengeEntry.objects.get(challenge=challenge, post=post)
    return entry


def challenge_feature_entry(*, actor: User, challenge: Challenge, post_id: int, featured: bool = True) -> None:
    """Editors pick entries for the top of the challenge page; only published entries can be featured."""
    if not can_curate(actor):
        raise PermissionDenied(codes.NOT_EDITOR, "Only editors can feature entries.")
    entry = ChallengeEntry.objects.filter(
        challenge=challenge, post_id=post_id, post__status=PostStatus.PUBLISHED, post__deleted_at__isnull=True
    ).first()
    if entry is None:
        raise NotFound(codes.NOT_AN_ENTRY, "That post is not a published entry of this challenge.")
    with transaction.atomic():
        if featured:
            FeaturedEntry.objects.get_or_create(challenge=challenge, post_id=post_id, defaults={"featured_by": actor})
        else:
            FeaturedEntry.objects.filter(challenge=challenge, post_id=post_id).delete()
        audit_record(actor=actor, action="challenge.feature_entry" if featured else "challenge.unfeature_entry",
                     target_type="challenge", target_id=challenge.pk, post_id=post_id)


# ------------------------------------------------------------------------------- organisations


def organisation_verify(*, actor: User, user: User, name: str) -> VerifiedOrganisation:
    """Admins grant the verified-organisation badge (which also lets the account propose challenges)."""
    if not can_verify_organisations(actor):
        raise PermissionDenied(codes.NOT_ADMIN, "Only admins can verify organisations.")
    clean = _text(name, field="name", limit=120)
    with transaction.atomic():
        org, _ = VerifiedOrganisation.objects.update_or_create(user=user, defaults={"name": clean, "granted_by": actor})
        audit_record(actor=actor, action="organisation.verify", target_type="user", target_id=user.pk, name=clean)
        notification_create(user=user, kind="organisation_verified",
                            message=f"{clean} is now a verified organisation on Kindling.")
    return org


def organisation_unverify(*, actor: User, user: User) -> None:
    if not can_verify_organisations(actor):
        raise PermissionDenied(codes.NOT_ADMIN, "Only admins can verify organisations.")
    with transaction.atomic():
        VerifiedOrganisation.objects.filter(user=user).delete()
        audit_record(actor=actor, action="organisation.unverify", target_type="user", target_id=user.pk)


# ------------------------------------------------------------------------------------ discover


def collection_create(*, actor: User, title: str, description: str = "", post_ids: list[int]) -> Collection:
    """Editors build a creator series: an ordered list of published posts with a title."""
    if not can_curate(actor):
        raise PermissionDenied(codes.NOT_EDITOR, "Only editors can curate collections.")
    clean_title = _text(title, field="title", limit=120)
    clean_description = _text(description, field="description", limit=2000, required=False)
    ordered = list(dict.fromkeys(post_ids))
    published = set(
        Post.objects.filter(pk__in=ordered, status=PostStatus.PUBLISHED, deleted_at__isnull=True).values_list("pk", flat=True)
    )
    missing = [pk for pk in ordered if pk not in published]
    if missing or not ordered:
        raise ApplicationError(codes.INVALID_FIELD, "A collection holds one or more published posts.", status=422,
                               extra={"missing": missing})
    base = (slugify(clean_title) or "collection")[:70]
    slug, n = base, 1
    while Collection.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    with transaction.atomic():
        collection = Collection.objects.create(slug=slug, title=clean_title, description=clean_description, curator=actor)
        CollectionItem.objects.bulk_create(
            [CollectionItem(collection=collection, post_id=pk, position=i) for i, pk in enumerate(ordered)]
        )
        audit_record(actor=actor, action="collection.create", target_type="collection", target_id=collection.pk)
    return collection


def trending_override_set(*, actor: User, tag: str, mode: str) -> TrendingOverride | None:
    """Editors pin a hashtag to the top of trending, hide it from trending, or clear their choice."""
    if not can_curate(actor):
        raise PermissionDenied(codes.NOT_EDITOR, "Only editors can pin or hide trending hashtags.")
    if mode not in ("pin", "hide", "clear"):
        raise ApplicationError(codes.INVALID_TRENDING_MODE, "mode must be pin, hide or clear.", status=422)
    hashtag = Hashtag.objects.filter(name=canonical_tag(tag.lstrip("#"))).first()
    if hashtag is None:
        raise NotFound("hashtag_not_found", "Nobody has used that hashtag yet.")
    with transaction.atomic():
        override = None
        if mode == "clear":
            TrendingOverride.objects.filter(hashtag=hashtag).delete()
        else:
            override, _ = TrendingOverride.objects.update_or_create(hashtag=hashtag, defaults={"mode": mode, "set_by": actor})
        audit_record(actor=actor, action=f"trending.{mode}", target_type="hashtag", target_id=hashtag.pk)
    return override


# --------------------------------------------------------------------------------- compliments


def compliment_profile_for(user: User) -> ComplimentProfile:
    profile, _ = ComplimentProfile.objects.get_or_create(user=user)
    return profile


def effective_who_can_compliment(user: User, profile: ComplimentProfile | None = None) -> str:
    """The recipient's choice, or the default for their age: under-16s hear only from accounts they follow."""
    profile = profile or ComplimentProfile.objects.filter(user=user).first()
    if profile is not None and profile.who_can_compliment:
        return profile.who_can_compliment
    return WhoCanCompliment.FOLLOWING if user.age_band == AgeBand.TEEN_13_15 else WhoCanCompliment.EVERYONE


def compliment_settings_update(*, user: User, who_can_compliment: str | None = None, show_on_profile: bool | None = None) -> ComplimentProfile:
    if who_can_compliment is not None and who_can_compliment not in WhoCanCompliment.values:
        raise ApplicationError(codes.INVALID_SETTING, "who_can_compliment must be everyone, following or no_one.", status=422)
    with transaction.atomic():
        profile = compliment_profile_for(user)
        if who_can_compliment is not None:
            profile.who_can_compliment = who_can_compliment
        if show_on_profile is not None:
            profile.show_on_profile = show_on_profile
        profile.save()
        audit_record(actor=user, action="compliment.settings", target_type="user", target_id=user.pk,
                     who_can_compliment=profile.who_can_compliment, show_on_profile=profile.show_on_profile)
    return profile


def _compliment_thresholds() -> tuple[float, float]:
    return (
        float(getattr(settings, "KINDLING_COMPLIMENT_MIN_KINDNESS", 0.60)),
        float(getattr(settings, "KINDLING_COMPLIMENT_MAX_HARM", 0.20)),
    )


def is_compliment(*, harm: float, kindness: float) -> bool:
    """The engine policy's compliment rule (kindness above a threshold, harm below one); the same rule with
    thresholds from settings when the engine has no policy object (a custom or scripted engine)."""
    policy = engine_policy()
    rule = getattr(policy, "is_compliment", None)
    if callable(rule):
        return bool(rule(harm, kindness))
    min_kindness, max_harm = _compliment_thresholds()
    return kindness >= min_kindness and harm < max_harm


NOT_KIND_MESSAGE = (
    "This doesn't read as a kind compliment yet, so it wasn't sent. Compliments have to be clearly warm: "
    "no backhanded praise, sarcasm or comparisons. Try saying simply what you appreciate about them."
)


def compliment_send(*, sender: User, to_username: str, text: str, post_id: int | None = None) -> Compliment:
    """Send a short compliment. It must pass the engine's stricter compliment rule; the recipient's setting
    decides whether it is delivered (from someone they follow) or waits in their kindness inbox.

    Engine failure fails closed: nothing is sent and the sender is told to try again (503 engine_unavailable);
    unchecked text is never delivered."""
    ratelimit_hit(scope="compliment", ident=f"u{sender.pk}")
    recipient = User.objects.filter(username__iexact=(to_username or "").lstrip("@"), is_active=True).first()
    if recipient is None:
        raise NotFound(codes.USER_NOT_FOUND, "No such account.")
    if recipient.pk == sender.pk:
        raise ApplicationError(codes.SELF_COMPLIMENT, "Compliments are for other people — be kind to yourself, too.", status=422)
    if is_blocked_either_way(sender, recipient):
        raise PermissionDenied(codes.CANNOT_COMPLIMENT, "You can't send compliments to this account.")
    profile = ComplimentProfile.objects.filter(user=recipient).first()
    who = effective_who_can_compliment(recipient, profile)
    recipient_follows_sender = follows(recipient, sender)
    if who == WhoCanCompliment.NO_ONE:
        raise PermissionDenied(codes.COMPLIMENTS_OFF, f"{recipient.shown_name} isn't receiving compliments.")
    if who == WhoCanCompliment.FOLLOWING and not recipient_follows_sender:
        raise PermissionDenied(
            codes.COMPLIMENTS_LIMITED, f"{recipient.shown_name} receives compliments only from people they follow."
        )
    clean = (text or "").replace("\x00", "").strip()
    if not clean:
        raise ApplicationError(codes.EMPTY_COMPLIMENT, "Write your compliment first.", status=422)
    if len(clean) > MAX_COMPLIMENT_LENGTH:
        raise ApplicationError(
            codes.COMPLIMENT_TOO_LONG, f"Keep compliments short: at most {MAX_COMPLIMENT_LENGTH} characters.", status=422
        )
    (check,) = engine_check([clean])
    if check.error is not None or check.harm is None or check.kindness is None:
        raise ApplicationError(
            codes.ENGINE_UNAVAILABLE,
            "We couldn't check your compliment just now, so it wasn't sent. Please try again in a minute.",
            status=503,
        )
    if check.decision != "allow" or not is_compliment(harm=check.harm, kindness=check.kindness):
        raise ApplicationError(codes.NOT_KIND, NOT_KIND_MESSAGE, status=422)
    post = Post.objects.filter(pk=post_id, status=PostStatus.PUBLISHED).first() if post_id else None
    status = ComplimentStatus.DELIVERED if recipient_follows_sender else ComplimentStatus.PENDING_ACCEPTANCE
    show = bool(profile.show_on_profile if profile else True) and status == ComplimentStatus.DELIVERED
    with transaction.atomic():
        compliment = Compliment.objects.create(
            sender=sender, recipient=recipient, text=clean, status=status, show_on_profile=show,
            harm_score=check.harm, kindness_score=check.kindness, post=post,
        )
        compliment_profile_for(sender)
        compliment_profile_for(recipient)
        ComplimentProfile.objects.filter(user=sender).update(sent_count=F("sent_count") + 1)
        received = {"received_count": F("received_count") + 1}
        if status == ComplimentStatus.DELIVERED:
            received["accepted_count"] = F("accepted_count") + 1
        ComplimentProfile.objects.filter(user=recipient).update(**received)
        audit_record(actor=sender, action="compliment.send", target_type="compliment", target_id=compliment.pk,
                     status=status)
        if status == ComplimentStatus.DELIVERED:
            message = f"{sender.shown_name} sent you a compliment: “{clean}”"
        else:
            message = f"{sender.shown_name} sent you a compliment. It is waiting in your kindness inbox."
        notification_create(user=recipient, kind="compliment", message=message, compliment_id=compliment.pk)
    return compliment


def _own_pending(*, actor: User, compliment_id: int) -> Compliment:
    compliment = Compliment.objects.select_related("sender").filter(pk=compliment_id, recipient=actor).first()
    if compliment is None:
        raise NotFound(codes.COMPLIMENT_NOT_FOUND, "No such compliment in your inbox.")
    return compliment


def compliment_accept(*, actor: User, compliment_id: int, show_on_profile: bool | None = None) -> Compliment:
    """The recipient accepts a compliment from their inbox; it shows on their profile if they wish."""
    compliment = _own_pending(actor=actor, compliment_id=compliment_id)
    if compliment.status != ComplimentStatus.PENDING_ACCEPTANCE:
        raise Conflict(codes.ALREADY_DECIDED, "You have already answered this compliment.")
    if show_on_profile is None:
        show_on_profile = compliment_profile_for(actor).show_on_profile
    with transaction.atomic():
        updated = Compliment.objects.filter(pk=compliment.pk, status=ComplimentStatus.PENDING_ACCEPTANCE).update(
            status=ComplimentStatus.ACCEPTED, show_on_profile=show_on_profile, decided_at=timezone.now()
        )
        if updated:
            ComplimentProfile.objects.filter(user=actor).update(accepted_count=F("accepted_count") + 1)
            audit_record(actor=actor, action="compliment.accept", target_type="compliment", target_id=compliment.pk)
            notification_create(user=compliment.sender_id, kind="compliment_accepted",
                                message=f"{actor.shown_name} accepted your compliment. 💛", compliment_id=compliment.pk)
    compliment.refresh_from_db()
    return compliment


def compliment_decline(*, actor: User, compliment_id: int) -> Compliment:
    """Decline quietly: the sender is not told (a refusal shouldn't become a new hurt)."""
    compliment = _own_pending(actor=actor, compliment_id=compliment_id)
    with transaction.atomic():
        Compliment.objects.filter(pk=compliment.pk).exclude(status=ComplimentStatus.DECLINED).update(
            status=ComplimentStatus.DECLINED, show_on_profile=False, decided_at=timezone.now()
        )
        audit_record(actor=actor, action="compliment.decline", target_type="compliment", target_id=compliment.pk)
    compliment.refresh_from_db()
    return compliment


def compliment_set_shown(*, actor: User, compliment_id: int, shown: bool) -> Compliment:
    compliment = _own_pending(actor=actor, compliment_id=compliment_id)
    if compliment.status not in (ComplimentStatus.DELIVERED, ComplimentStatus.ACCEPTED):
        raise Conflict(codes.ALREADY_DECIDED, "Only compliments you kept can be shown on your profile.")
    with transaction.atomic():
        Compliment.objects.filter(pk=compliment.pk).update(show_on_profile=shown)
        audit_record(actor=actor, action="compliment.show" if shown else "compliment.hide", target_type="compliment",
                     target_id=compliment.pk)
    compliment.refresh_from_db()
    return compliment


def compliment_block_sender(*, actor: User, compliment_id: int) -> Compliment:
    """One step: decline the compliment and block its sender (which also hides their other compliments)."""
    compliment = _own_pending(actor=actor, compliment_id=compliment_id)
    with transaction.atomic():
        compliment_decline(actor=actor, compliment_id=compliment.pk)
        if not is_blocked_either_way(actor, compliment.sender):
            block_create(actor=actor, username=compliment.sender.username)
        Compliment.objects.filter(recipient=actor, sender=compliment.sender).exclude(
            status=ComplimentStatus.DECLINED
        ).update(status=ComplimentStatus.DECLINED, show_on_profile=False, decided_at=timezone.now())
    compliment.refresh_from_db()
    return compliment


def compliment_report_sender(*, actor: User, compliment_id: int, reason: str = "bullying", details: str = "") -> Compliment:
    """One step: decline the compliment and report its sender to the moderators, with the text as context."""
    from kindling.safety.services import report_create

    compliment = _own_pending(actor=actor, compliment_id=compliment_id)
    with transaction.atomic():
        compliment_decline(actor=actor, compliment_id=compliment.pk)
        context = f"Compliment {compliment.pk}: “{compliment.text}”"
        report_create(reporter=actor, target_type="user", target_id=compliment.sender_id, reason=reason,
                      details=f"{details}\n{context}".strip()[:2000])
    compliment.refresh_from_db()
    return compliment

