"""How far a link alone moves decisions, with and without reading past links (kindling_ml/links.py).

    python -m training.links_check [--model-dir kindling_ml/model] [--data ../shared/datasets] [--json out.json]
    python -m training.links_check --fresh own_fresh44

Every text of fresh sets 11-43 gets copies that share a link no text was written with: one with a link in front, one
with a link behind, and, where the text has a comma inside, one with a link after its first comma. Each copy is
scored twice with the name and handle readings on: once with its links as written, once with them read past, and
compared with its text as written, as `training.handles_check` does for handles. With --data, OLID test A,
HatemojiBuild test and GoEmotions dev and test are scored both ways too, to count decisions that change. With --fresh,
the named fresh sets' own texts are scored both ways instead.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from kindling_ml.addressees import without_addressees
from kindling_ml.links import without_links
from kindling_ml.moderator import Moderator
from training.cases import Case
from training.data import goemotions_eval, load_olid_test
from training.reading_check import copies_compare, decisions, fresh_cases, fresh_compare, run

# Chosen before any of these copies was scored, and unlike the links the rule was developed on.
JUDGING_LINKS = ("https://vm.tiktok.com/ZMabc12/", "youtu.be/Qw8kP2", "https://www.instagram.com/p/Cx9Lm2/",
                 "docs.google.com/forms/d/1FAIpQL/viewform", "https://open.spotify.com/track/4uLU6hMC",
                 "tinyurl.com/3kx8m2p")


def link_copies(cases: list[Case]) -> list[tuple[int, str, str]]:
    """(index of the case, where the link stands, the copy): front, behind, and after the first inner comma."""
    copies: list[tuple[int, str, str]] = []
    for i, case in enumerate(cases):
        front, behind = JUDGING_LINKS[(2 * i) % len(JUDGING_LINKS)], JUDGING_LINKS[(2 * i + 1) % len(JUDGING_LINKS)]
        copies += [(i, "front", f"{front} {case.text}"), (i, "behind", f"{case.text} {behind}")]
        if ", " in case.text.rstrip(", "):
            copies.append((i, "inside", case.text.replace(", ", f", {front} ", 1)))
    return copies


def _before(text: str) -> str:
    return without_addressees(text)


def _after(text: str) -> str:
    return without_addressees(without_links(text))


def report(model_dir: Path, data: Path | None) -> dict[str, Any]:
    # The Moderator's own readings are off; each side applies its reading here, so only the links differ.
    mod = Moderator.load(model_dir, read_past_addressed_names=False, read_past_links=False,
                          read_past_edge_hashtags=False)
    cases = fresh_cases(11, 43)
    out = copies_compare(mod, cases, link_copies(cases), _before, _after, ("links_kept", "links_read"))
    out["texts_with_a_link"] = sum(without_links(c.text) != c.text for c in cases)
    if data is not None:
        with open(data / "hatemoji_build/test.csv", encoding="utf-8") as f:
            hatemoji = [row["text"] for row in csv.DictReader(f)]
        public: dict[str, list[str]] = {
            "olid_test_a": [t for t, _, _ in load_olid_test(data)],
            "hatemoji_test": hatemoji,
            "goemotions_test": [t for t, _ in goemotions_eval(data, "test")],
            "goemotions_dev": [t for t, _ in goemotions_eval(data, "dev")],
        }
        for name, texts in public.items():
            changed = [t for t in texts if without_links(t) != t]
            before = decisions(mod, changed, _before, f"{name}, links kept")
            after = decisions(mod, changed, _after, f"{name}, links read past")
            out[name] = {"texts": len(texts), "texts_with_a_link": len(changed),
                         "decisions_changed": sum(a != b for a, b in zip(before, after, strict=True))}
    return out


def fresh_report(model_dir: Path, keys: list[str]) -> dict[str, Any]:
    """Per named fresh set: wrong decisions per kind of text with links kept and read past, and what changed."""
    mod = Moderator.load(model_dir, read_past_addressed_names=False, read_past_links=False,
                          read_past_edge_hashtags=False)
    return fresh_compare(keys, lambda texts, label: decisions(mod, texts, _before, label),
                         lambda texts, label: decisions(mod, texts, _after, label), ("links_kept", "links_read"))


def main(argv: list[str] | None = None) -> None:
    run(argv, __doc__.splitlines()[0], report, fresh_report)


if __name__ == "__main__":
    main()
