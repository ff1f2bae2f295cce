"""training.handles_check: the copies that judge the @handle reading."""

from __future__ import annotations

from training.cases import Case
from training.handles_check import JUDGING_HANDLES, handle_copies


def test_every_text_gets_a_handle_in_front_and_behind_and_inner_names_become_handles() -> None:
    """Each case gets a copy with a judging handle in front and one behind; a case that names someone inside a
    sentence also gets a copy with that name written as a handle, and a name at the start stays a name."""
    cases = [Case("you did great today", 0, 1), Case("Maya said I should ask Mirembe about the bus", 0, 0)]
    copies = handle_copies(cases)
    assert [(i, where) for i, where, _ in copies] == [(0, "front"), (0, "behind"), (1, "front"), (1, "behind"),
                                                     (1, "inside")]
    assert copies[0][2] == f"{JUDGING_HANDLES[0]} you did great today"
    assert copies[1][2] == f"you did great today {JUDGING_HANDLES[1]}"
    inside = copies[4][2]
    assert inside.startswith("Maya said I should ask @mirembe") and "Mirembe" not in inside


def test_copies_are_the_same_on_every_run() -> None:
    """The handles drawn for inner names come from a seeded generator, so a rule's figures can be rebuilt."""
    cases = [Case("tell Kwabena and Odalys the game moved", 0, 0)]
    assert handle_copies(cases) == handle_copies(cases)
