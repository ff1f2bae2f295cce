"""Events other apps may listen to (feeds, analytics). Sent after commit, so listeners see committed rows
and a listener's failure can never undo the user's action."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# kwargs: post_id. A post became visible (published by the gate or restored by a moderator).
post_published = Signal()
# kwargs: post_id. A post stopped being visible (deleted, removed, held).
post_hidden = Signal()
# kwargs: post_id, kind ("like", "unlike", "comment", "share", "view"), actor_id (None for anonymous views).
post_engaged = Signal()


def send_after_commit(signal: Signal, **kwargs: object) -> None:
    transaction.on_commit(lambda: signal.send(sender=None, **kwargs))
