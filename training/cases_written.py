"""Literal TRAIN texts from helpers who saw no evaluation text and no model score.

Writers a-f came with run 13 (2026-12-02); writers g-l (banter, adult and workplace settings, subtle harm, kindness
in many voices, obfuscation, group words) with run 16 (2026-12-03); writers m-o (long posts and thread replies, the
platform's own surfaces, texts a naive filter would misjudge) with run 17; writers p-r (kind texts a naive filter
would flag, subtle harm, the platform's own surfaces) with run 21; writers s (slang praise, invitations and check-ins a
naive filter flags, with harmful near-twins) and t (sarcasm, veiled threats, quiet exclusion, sincere look-alikes)
with run 25; writer u (sincere praise with a second clause, qualifier or contrast, with sarcastic near-twins) with
run 38; writer v (everyday logistics questions and compliments the shipped model misreads as doxxing, grooming or
insults, with harmful look-alikes) with run 40.

Templates vary names and insult words but keep their sentence frames; these give the model many more frames,
registers and spellings for every family. `training.cases` adds them to the TRAIN templates (a literal text is filled
like a template, so it also appears with the random capitalisation and endings every TRAIN text gets).
"""

from __future__ import annotations

from training.cases_written_a import WRITTEN as WRITER_A
from training.cases_written_b import WRITTEN as WRITER_B
from training.cases_written_c import WRITTEN as WRITER_C
from training.cases_written_d import WRITTEN as WRITER_D
from training.cases_written_e import WRITTEN as WRITER_E
from training.cases_written_f import WRITTEN as WRITER_F
from training.cases_written_g import WRITTEN as WRITER_G
from training.cases_written_h import WRITTEN as WRITER_H
from training.cases_written_i import WRITTEN as WRITER_I
from training.cases_written_j import WRITTEN as WRITER_J
from training.cases_written_k import WRITTEN as WRITER_K
from training.cases_written_l import WRITTEN as WRITER_L
from training.cases_written_m import WRITTEN as WRITER_M
from training.cases_written_n import WRITTEN as WRITER_N
from training.cases_written_o import WRITTEN as WRITER_O
from training.cases_written_p import WRITTEN as WRITER_P
from training.cases_written_q import WRITTEN as WRITER_Q
from training.cases_written_r import WRITTEN as WRITER_R
from training.cases_written_s import WRITTEN as WRITER_S
from training.cases_written_t import WRITTEN as WRITER_T
from training.cases_written_u import WRITTEN as WRITER_U
from training.cases_written_v import WRITTEN as WRITER_V

WRITERS: dict[str, dict[str, list[str]]] = {
    "a": WRITER_A, "b": WRITER_B, "c": WRITER_C, "d": WRITER_D, "e": WRITER_E, "f": WRITER_F,
    "g": WRITER_G, "h": WRITER_H, "i": WRITER_I, "j": WRITER_J, "k": WRITER_K, "l": WRITER_L,
    "m": WRITER_M, "n": WRITER_N, "o": WRITER_O, "p": WRITER_P, "q": WRITER_Q, "r": WRITER_R, "s": WRITER_S, "t": WRITER_T,
    "u": WRITER_U, "v": WRITER_V,
}


def written_by_family() -> dict[str, list[str]]:
    """Every writer's texts, by family, without repeats (first writer wins)."""
    out: dict[str, list[str]] = {}
    seen: set[str] = set()
    for texts_by_family in WRITERS.values():
        for family, texts in texts_by_family.items():
            for text in texts:
                key = " ".join(text.lower().split())
                if key not in seen:
                    seen.add(key)
                    out.setdefault(family, []).append(text)
    return out
