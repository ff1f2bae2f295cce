"""`kindling demo-data`: load the demo world (users, follows, posts, comments, likes, shares, views).

The file name carries the hyphen because Django names commands after their module file; the generator
itself lives in `kindling.core.demo.world`.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kindling.core.demo.world import (
    DEMO_PASSWORD,
    MARKER_USERNAME,
    DemoConfig,
    demo_world_build,
    demo_world_exists,
    demo_world_reset,
)


class Command(BaseCommand):
    help = "Load the Kindling demo world through the normal services. Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--users", type=int, default=DemoConfig.users, help="number of accounts (default 72)")
        parser.add_argument("--posts", type=int, default=DemoConfig.posts, help="number of posts (default 720)")
        parser.add_argument("--seed", type=int, default=DemoConfig.seed, help="random seed (default 7)")
        parser.add_argument("--reset", action="store_true", help="delete the demo accounts first, then rebuild")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["users"] < 4 or options["posts"] < 1:
            raise CommandError("Use at least 4 users and 1 post.")
        if options["reset"]:
            removed = demo_world_reset()
            self.stdout.write(f"Removed {removed} demo accounts and everything they made.")
        if demo_world_exists():
            # Idempotent: `make demo` runs this every time; a second run must neither duplicate nor fail.
            self.stdout.write(f"demo world already loaded (user '{MARKER_USERNAME}' exists); --reset rebuilds it")
            return
        config = DemoConfig(
            users=options["users"],
            posts=options["posts"],
            seed=options["seed"],
            progress=options["verbosity"] >= 1,
        )
        started = time.monotonic()
        self.stdout.write(f"Building the demo world ({config.users} users, {config.posts} posts, seed {config.seed})…")
        counts = demo_world_build(config, log=self.stdout.write)
        summary = ", ".join(f"{name} {value}" for name, value in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo world ready in {time.monotonic() - started:.1f}s: {summary}"))
        self.stdout.write(f"Log in as any demo user, e.g. {MARKER_USERNAME} / {DEMO_PASSWORD}")
