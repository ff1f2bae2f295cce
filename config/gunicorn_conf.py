"""gunicorn settings that only a Python config can express (`kindling serve` passes it with -c)."""

from __future__ import annotations

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    # Everything built while loading the app (modules, settings, URL resolvers, model metadata) lives as long as
    # the worker. Frozen, it is skipped by every garbage collection, so full collections during requests stay
    # short instead of walking hundreds of thousands of long-lived objects each time.
    gc.collect()
    gc.freeze()
