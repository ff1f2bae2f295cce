"""Account writes: sign-up with the age gate, tokens, profile, follows and blocks."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from kindling.accounts import error_codes as codes
from kindling.accounts.age import MINIMUM_AGE, age_on, birthday_at_age
from kindling.accounts.models import AgeBand, ApiToken, Block, Follow, HiddenWord, Mute, User
from kindling.accounts.policies import is_blocked_either_way
from kindling.core.audit import audit_record
from kindling.core.db import derived_write
from kindling.core.errors import ApplicationError, NotFound, PermissionDenied
from kindling.core.images import image_sanitize

USERNAME_RE = re.compile(r"^[A-Za-z0-9_]{3,30}$")
RESERVED_USERNAMES = {"admin", "api", "static", "media", "me", "settings", "login", "logout", "signup", "kindling"}
TOKEN_PREFIX = "kl_"  # noqa: S105 - a public prefix, not a secret
# How long a token that just authenticated is remembered in the shared cache, for read-only fast paths that need
# only the account id (the For You page cache). Revoking the token or deactivating the account forgets it at once.
TOKEN_CACHE_SECONDS = 300


def _hash_token(token: str) -> str:
    # Tokens carry 256 bits of randomness, so a fast hash is enough (no dictionary to attack).
    return hashlib.sha256(token.encode()).hexdigest()


def user_signup(
    *, username: str, email: str, password: str, birth_date: dt.date, today: dt.date | None = None
) -> User:
    """Create an account; refuse under-13s before anything is stored. Under-16s start private."""
    today = today or timezone.localdate()
    if birth_date > today or birth_date.year < today.year - 120:
        raise ApplicationError(codes.INVALID_BIRTH_DATE, "Please enter a real birth date.", status=422)
    if age_on(birth_date, today) < MINIMUM_AGE:
        raise ApplicationError(
            codes.UNDER_MINIMUM_AGE,
            f"You need to be at least {MINIMUM_AGE} to join Kindling. Nothing you entered has been saved.",
            status=403,
        )
    username = (username or "").strip()
    email = (email or "").strip()
    if not USERNAME_RE.match(username) or username.lower() in RESERVED_USERNAMES:
        raise ApplicationError(
            codes.INVALID_USERNAME, "Usernames are 3–30 letters, digits or underscores.", status=422
        )
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ApplicationError(codes.INVALID_EMAIL, "Please enter a valid email address.", status=422) from exc
    candidate = User(username=username, email=email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise ApplicationError(codes.WEAK_PASSWORD, " ".join(exc.messages), status=422) from exc
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(codes.USERNAME_TAKEN, "That username is taken.", status=409)
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(codes.EMAIL_TAKEN, "An account with that email already exists.", status=409)
    turns_16 = birthday_at_age(birth_date, 16)
    turns_18 = birthday_at_age(birth_date, 18)
    try:
        with transaction.atomic():
            user = User(
                username=username,
                email=email,
                turns_16_on=turns_16,
                turns_18_on=turns_18,
            )
            user.is_private = user.age_band_on(today) == AgeBand.TEEN_13_15
            user.set_password(password)
            user.save()
            audit_record(actor=user, action="user.signup", target_type="user", target_id=user.pk)
    except IntegrityError as exc:
        # Lost a race with a concurrent sign-up for the same name.
        raise ApplicationError(codes.USERNAME_TAKEN, "That username or email is taken.", status=409) from exc
    return user


def user_check_credentials(*, username: str, password: str) -> User:
    user = authenticate(username=username, password=password)
    if user is None:
        match = User.objects.filter(username__iexact=username).first()
        if match is not None:
            user = authenticate(username=match.username, password=password)
    if user is None or not user.is_active:
        raise ApplicationError(codes.INVALID_CREDENTIALS, "Wrong username or password.", status=401)
    return user  # type: ignore[return-value]


def token_create(*, user: User, name: str = "") -> str:
    """Issue a personal API token; the plain token is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        row = ApiToken.objects.create(user=user, name=name[:100], key_hash=_hash_token(token), prefix=token[:10])
        audit_record(actor=user, action="token.create", target_type="api_token", target_id=row.pk)
    return token


def token_authenticate(*, token: str) -> User | None:
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash_token(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    # Touch at most once a minute: a write per request would serialise readers on SQLite.
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        with derived_write():  # a "last used" hint: not worth a WAL flush inside a read request
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        if settings.FEED_CACHE:
            # Refreshed with the touch, so a token in use stays known (the entry outlives a minute).
            cache.set(token_cache_key(row.key_hash), row.user_id, TOKEN_CACHE_SECONDS)
    return row.user


def token_cache_key(key_hash: str) -> str:
    """Where the shared cache remembers a token (by its hash) that authenticated recently."""
    return f"auth:tok:{key_hash}"


def token_user_id_cached(*, token: str) -> int | None:
    """The account id behind a token that authenticated recently, from the shared cache; None when unknown
    (then authenticate properly). Only for read-only fast paths that need nothing but the id."""
    if not settings.FEED_CACHE or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    user_id: int | None = cache.get(token_cache_key(_hash_token(token)))
    return user_id


def tokens_forget(*, user_id: int, token_ids: list[int] | None = None) -> None:
    """Drop the account's tokens (or these ones) from the shared cache: they must authenticate again."""
    rows = ApiToken.objects.filter(user_id=user_id)
    if token_ids is not None:
        rows = rows.filter(pk__in=token_ids)
    cache.delete_many([token_cache_key(h) for h in rows.values_list("key_hash", flat=True)])


def token_revoke(*, user: User, token_id: int) -> None:
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if not updated:
            raise NotFound("not_found", "No such token.")
        audit_record(actor=user, action="token.revoke", target_type="api_token", target_id=token_id)
        # Forgotten before the request returns, and again after commit (a request may re-cache it in between).
        tokens_forget(user_id=user.pk, token_ids=[token_id])
        transaction.on_commit(lambda: tokens_forget(user_id=user.pk, token_ids=[token_id]))


def profile_update(
    *, user: User, display_name: str | None = None, bio: str | None = None, is_private: bool | None = None
) -> User:
    changed: dict[str, object] = {}
    if display_name is not None:
        display_name = display_name.strip()
        if len(display_name) > 50:
            raise ApplicationError(codes.INVALID_PROFILE, "Display names are at most 50 characters.", status=422)
        changed["display_name"] = display_name
    if bio is not None:
        bio = bio.strip()
        if len(bio) > 300:
            raise ApplicationError(codes.INVALID_PROFILE, "Bios are at most 300 characters.", status=422)
        changed["bio"] = bio
    if is_private is not None:
        changed["is_private"] = bool(is_private)
    if not changed:
        return user
    with transaction.atomic():
        for field, value in changed.items():
            setattr(user, field, value)
        user.save(update_fields=list(changed))
        if changed.get("is_private") is False:
            # Going public accepts everyone who was waiting.
            Follow.objects.filter(followee=user, status=Follow.Status.PENDING).update(status=Follow.Status.ACCEPTED)
        audit_record(actor=user, action="profile.update", target_type="user", target_id=user.pk, fields=list(changed))
    return user


def avatar_set(*, user: User, upload) -> User:  # type: ignore[no-untyped-def]
    clean = image_sanitize(upload, max_side=512)
    with transaction.atomic():
        old = user.avatar.name if user.avatar else ""
        user.avatar.save(clean.name or "avatar.jpg", clean, save=False)
        user.save(update_fields=["avatar"])
        audit_record(actor=user, action="profile.avatar", target_type="user", target_id=user.pk)
    if old:
        user.avatar.storage.delete(old)
    return user


def _get_user(username: str) -> User:
    user = User.objects.filter(username__iexact=username, is_active=True).first()
    if user is None:
        raise NotFound(codes.USER_NOT_FOUND, "No such user.")
    return user


def follow_create(*, actor: User, username: str) -> Follow:
    """Follow someone; private accounts get a request they approve. Blocked pairs look like missing users."""
    target = _get_user(username)
    if target.pk == actor.pk:
        raise ApplicationError(codes.CANNOT_FOLLOW_SELF, "You can't follow yourself.")
    if is_blocked_either_way(actor, target):
        raise NotFound(codes.USER_NOT_FOUND, "No such user.")
    with transaction.atomic():
        follow, created = Follow.objects.get_or_create(
            follower=actor,
            followee=target,
            defaults={"status": Follow.Status.PENDING if target.is_private else Follow.Status.ACCEPTED},
        )
        if created:
            audit_record(
                actor=actor, action="follow.create", target_type="user", target_id=target.pk, status=follow.status
            )
    return follow


def follow_delete(*, actor: User, username: str) -> None:
    target = _get_user(username)
    with transaction.atomic():
        deleted, _ = Follow.objects.filter(follower=actor, followee=target).delete()
        if deleted:
            audit_record(actor=actor, action="follow.delete", target_type="user", target_id=target.pk)


def follow_request_decide(*, actor: User, username: str, approve: bool) -> None:
    requester = _get_user(username)
    with transaction.atomic():
        request = (
            Follow.objects.select_for_update()
            .filter(follower=requester, followee=actor, status=Follow.Status.PENDING)
            .first()
        )
        if request is None:
            raise NotFound(codes.NO_FOLLOW_REQUEST, "There is no pending follow request from that user.")
        if approve:
            request.status = Follow.Status.ACCEPTED
            request.save(update_fields=["status"])
        else:
            request.delete()
        audit_record(
            actor=actor,
            action="follow.approve" if approve else "follow.decline",
            target_type="user",
            target_id=requester.pk,
        )


def block_create(*, actor: User, username: str) -> Block:
    """Block someone: follows both ways end, and they see nothing of the blocker from now on."""
    target = _get_user(username)
    if target.pk == actor.pk:
        raise ApplicationError(codes.CANNOT_BLOCK_SELF, "You can't block yourself.")
    with transaction.atomic():
        block, created = Block.objects.get_or_create(blocker=actor, blocked=target)
        Follow.objects.filter(Q(follower=actor, followee=target) | Q(follower=target, followee=actor)).delete()
        if created:
            audit_record(actor=actor, action="block.create", target_type="user", target_id=target.pk)
    return block


def block_delete(*, actor: User, username: str) -> None:
    target = _get_user(username)
    if target.pk == actor.pk:
        raise PermissionDenied(codes.CANNOT_BLOCK_SELF, "You can't block yourself.")
    with transaction.atomic():
        deleted, _ = Block.objects.filter(blocker=actor, blocked=target).delete()
        if deleted:
            audit_record(actor=actor, action="block.delete", target_type="user", target_id=target.pk)


def mute_create(*, actor: User, username: str) -> Mute:
    target = _get_user(username)
    if target.pk == actor.pk:
        raise ApplicationError("cannot_mute_self", "You can't mute yourself.")
    with transaction.atomic():
        mute, created = Mute.objects.get_or_create(muter=actor, muted=target)
        if created:
            audit_record(actor=actor, action="mute.create", target_type="user", target_id=target.pk)
    return mute


def mute_delete(*, actor: User, username: str) -> None:
    target = _get_user(username)
    with transaction.atomic():
        deleted, _ = Mute.objects.filter(muter=actor, muted=target).delete()
        if deleted:
            audit_record(actor=actor, action="mute.delete", target_type="user", target_id=target.pk)


MAX_HIDDEN_WORDS = 200


def hidden_word_add(*, user: User, phrase: str, days: int | None = None) -> HiddenWord:
    """Hide a word or phrase (whole words, any case) from comments on my posts and from my feeds."""
    phrase = " ".join((phrase or "").replace("\x00", "").split()).casefold()
    if not phrase or len(phrase) > 100:
        raise ApplicationError("invalid_hidden_word", "Hidden words are 1–100 characters.", status=422)
    if days is not None and not 1 <= days <= 3650:
        raise ApplicationError("invalid_hidden_word", "Expiry must be between 1 and 3650 days.", status=422)
    if HiddenWord.objects.filter(user=user).count() >= MAX_HIDDEN_WORDS:
        raise ApplicationError("invalid_hidden_word", f"You can hide at most {MAX_HIDDEN_WORDS} words.", status=422)
    expires_at = timezone.now() + dt.timedelta(days=days) if days else None
    with transaction.atomic():
        word, _ = HiddenWord.objects.update_or_create(user=user, phrase=phrase, defaults={"expires_at": expires_at})
        audit_record(actor=user, action="hidden_word.add", target_type="hidden_word", target_id=word.pk)
    return word


def hidden_word_delete(*, user: User, word_id: int) -> None:
    with transaction.atomic():
        deleted, _ = HiddenWord.objects.filter(pk=word_id, user=user).delete()
        if not deleted:
            raise NotFound("not_found", "No such hidden word.")
        audit_record(actor=user, action="hidden_word.delete", target_type="hidden_word", target_id=word_id)


def comment_controls_update(*, user: User, who_can_comment: str | None = None, hold_comments: bool | None = None) -> User:
    changed: list[str] = []
    if who_can_comment is not None:
        if who_can_comment not in ("everyone", "followers", "no_one"):
            raise ApplicationError(codes.INVALID_PROFILE, "who_can_comment is everyone, followers or no_one.", status=422)
        user.who_can_comment = who_can_comment
        changed.append("who_can_comment")
    if hold_comments is not None:
        user.hold_comments = bool(hold_comments)
        changed.append("hold_comments")
    if changed:
        with transaction.atomic():
            user.save(update_fields=changed)
            audit_record(actor=user, action="profile.comment_controls", target_type="user", target_id=user.pk, fields=changed)
    return user
