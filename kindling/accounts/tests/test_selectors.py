"""Account reads: the viewer's relations in one query must say exactly what the separate selectors say."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from kindling.accounts.models import HiddenWord
from kindling.accounts.selectors import (
    ViewerRelations,
    blocked_user_ids,
    hidden_phrases,
    muted_user_ids,
    viewer_relations,
)
from kindling.accounts.services import block_create, follow_create, hidden_word_add, mute_create

pytestmark = pytest.mark.django_db


def test_viewer_relations_reads_follows_blocks_mutes_and_live_hidden_words(make_user, django_assert_num_queries):
    """Accepted follows only (not pending requests), blocks in both directions, mutes, and hidden words that
    have not expired — in a single query, and the same as the one-purpose selectors return."""
    me = make_user("viewer")
    friend, private, blocked_by_me, blocker, muted = (
        make_user("friend"), make_user("private", private=True), make_user("blocked_by_me"), make_user("blocker"),
        make_user("muted"),
    )
    follow_create(actor=me, username=friend.username)
    follow_create(actor=me, username=private.username)  # a pending request: not a follow yet
    block_create(actor=me, username=blocked_by_me.username)
    block_create(actor=blocker, username=me.username)
    mute_create(actor=me, username=muted.username)
    hidden_word_add(user=me, phrase="spoilers")
    old = hidden_word_add(user=me, phrase="exam results", days=1)
    HiddenWord.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    with django_assert_num_queries(1):
        rel = viewer_relations(viewer=me)
    assert rel.follows == {friend.pk}
    assert rel.blocked == {blocked_by_me.pk, blocker.pk} == blocked_user_ids(viewer=me)
    assert rel.muted == {muted.pk} == muted_user_ids(viewer=me)
    assert rel.hidden_phrases == ("spoilers",) == tuple(hidden_phrases(user=me))


def test_signed_out_viewers_have_no_relations(django_assert_num_queries):
    """Anonymous viewers cost no query and have empty relations."""
    with django_assert_num_queries(0):
        assert viewer_relations(viewer=AnonymousUser()) == ViewerRelations()
