"""`kindling refresh-ranks`: rebuild every stored For You rank from the current counters and weights.

Run it after editing weights.toml and on a schedule (daily is plenty): engagement events already keep
single rows current and time decay is built into the stored rank, so this only re-applies weights,
follower audiences and reply kindness across the board. Safe to run while serving.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kindling.feeds.services import ranks_refresh_all
from kindling.feeds.weights import weights_load


class Command(BaseCommand):
    help = "Recompute the stored For You rank of every post (after changing weights, or periodically)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        weights_load.cache_clear()  # pick up an edited weights file
        started = time.monotonic()
        result = ranks_refresh_all(batch_size=options["batch_size"])
        self.stdout.write(
            f"ranked {result['ranked']} posts, removed {result['removed']} stale rows "
            f"in {time.monotonic() - started:.1f}s"
        )
