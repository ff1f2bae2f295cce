"""Personal names that the encoder does not know are read as one familiar name before scoring.

Why: the policy says a name alone must never make a text harmful, but the shipped encoder reads a rare name the way
it reads a disguised insult. The tokenizer splits an unfamiliar name into word pieces ("Mirembe" -> "mire ##mbe"),
and obfuscated abuse arrives as odd word pieces too. Measured on 2026-12-07: "Mirembe your poetry reading made half
the room cry in the best way" scored harm 0.96 (block); without the name, 0.08. Retraining with hundreds of names
(continued runs 38 and 39) did not remove the effect, so the engine also swaps such a name for `FAMILIAR_NAME`, the
way a human moderator reads past a name they have never seen.

What counts as a name here is deliberately narrow, because a word that carries meaning must never be swapped away:
- the word is written as a name (a capital, then at least one lower-case letter; letters, apostrophes and hyphens
  only) and is unchanged by `normalize` (so leetspeak, look-alike letters and masked swearing are never names);
- the tokenizer does not know it as a whole word (`vocab_words.txt`), nor its singular ("Somalis" -> "somali"):
  familiar words, group nouns and most insults are whole words there, and the encoder already reads a whole-word
  name correctly;
- it holds no reviewed abusive stem (`_ABUSIVE_INSIDE`, anywhere in the word; `_ABUSIVE_EDGE`, at its start or end);
- it stands where people address or name someone: at the start ("Mirembe, ...", "hey Mirembe ...", "Mirembe your
  ..."), after a closing comma ("..., Mirembe"), after a greeting or thanks anywhere ("thank you Mirembe"), or, with
  `anywhere=True`, at any position but the first word of a sentence.
A text with no such word is returned unchanged, so scores can only move for texts that name someone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kindling_ml.normalize import _known, normalize

FAMILIAR_NAME = "Sam"

# Substrings that mark abuse wherever they stand in a word ("dumbfuck", "fagboy"). A real name holding one is left
# as written, which only means it is scored as before.
_ABUSIVE_INSIDE = (
    "fag", "fgt", "nigg", "nigr", "negro", "retard", "spaz", "spastic", "cunt", "twat", "fuck", "shit", "bitch",
    "whore", "slut", "wank", "kike", "chink", "tranny", "trannie", "dyke", "homo", "pedo", "paedo", "rape", "nazi",
    "puss", "dick", "cock", "piss", "bastard", "idiot", "moron", "stupid", "dumb", "loser", "ugly", "skank", "nonce",
    "hitler", "kill", "murder", "suicid", "jihad", "terror", "porn", "horny", "sexy", "nude", "boob", "penis",
    "vagin", "tard", "turd", "scum", "trash", "freak", "creep", "psycho", "clown", "lesbo", "sissy", "faggot",
    "wetback", "beaner", "raghead", "towelhead", "gypo", "pikey", "kaffir", "kafir", "jigaboo", "gook", "coon",
)
# Short stems that also begin or end ordinary names ("Fatima" holds "fat", "Cassandra" holds "ass"), so they count
# only at a word's start or end ("Fatso", "Lardass").
_ABUSIVE_EDGE = (
    "ass", "arse", "fat", "lard", "pig", "cow", "rat", "hoe", "ho", "tit", "git", "gay", "die", "hate", "worm",
    "snake", "mong", "nerd", "geek", "noob", "dork", "simp", "thot", "cuck", "incel", "slag", "prick", "knob", "nob",
    "bum", "butt", "poo", "wog", "paki", "jap", "spic", "spick", "abo", "dago", "wop", "gyp", "chav", "queer",
    "fairy", "wuss", "weirdo", "virgin", "sex", "face", "head", "brain", "breath", "bag", "wad", "stain", "boy",
    "tard", "muppet", "numpty", "eejit", "plonker", "pillock", "tosser", "bellend", "minger", "munter", "gobshite",
    "dipshit", "fanny", "pansy", "jew", "yid", "kraut", "frog", "limey", "pom", "gringo", "cracker", "honky",
    "redneck", "hick", "inbred", "fruit", "nutter", "nut", "loony", "lunatic", "mental", "cripple", "midget",
    "dwarf", "fatty", "chubby", "porky", "hag", "witch", "devil", "demon", "satan",
)

# Words after which a capitalised word is someone being addressed or thanked: "hey Mirembe", "thank you Mirembe".
_GREETING = (
    r"(?:hey|hi|hiya|hello|heya|yo|oi|omg|dear|ok|okay|wow|congrats|congratulations|thanks|thank you|thx|ty|"
    r"well done|good job|great job|nice one|happy birthday|hbd|good morning|morning|good night|night|gm|gn|"
    r"love you|miss you|proud of you|go|bravo|welcome|welcome back|sorry|bye|cheers|ily|ilysm|bestie|babe|bro|sis)"
)
_SECOND_PERSON = r"(?:you|your|ur|u|you're|youre|ya|yall|y'all|youve|you've|youll|you'll|yours)"
# A name-like word: a capital, then letters (with inner apostrophes or hyphens: "O'Neil", "Anne-Marie").
_NAMEISH = r"[^\W\d_][^\W\d_]*(?:['’\-][^\W\d_]+)*"
_FRONT = re.compile(
    rf"^(?P<lead>\W*(?:(?i:{_GREETING})\W+)?)(?P<name>{_NAMEISH})(?P<second>\s+{_NAMEISH})?"
    rf"(?:(?P<comma>\s*[,:—–])|(?=\s*!|\s+-\s|\s+(?i:{_SECOND_PERSON})\b))"
)
_BEHIND = re.compile(rf"(?P<lead>,\s*)(?P<name>{_NAMEISH})(?P<second>\s+{_NAMEISH})?(?=[^\w]*$)")
_AFTER_GREETING = re.compile(rf"(?<!\w)(?P<lead>(?i:{_GREETING})\s+)(?P<name>{_NAMEISH})(?P<second>\s+{_NAMEISH})?\b")
_ANY_WORD = re.compile(rf"(?<![\w@#'’\-])(?P<name>{_NAMEISH})(?![\w'’\-])")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;\"“(]\s*|\n\s*)$")


@lru_cache(maxsize=8192)
def is_unfamiliar_name(word: str) -> bool:
    """True when `word` is written as a name, is not a word the tokenizer knows, and holds no abusive stem."""
    if len(word) < 2 or not word[0].isupper() or not any(c.islower() for c in word[1:]):
        return False
    if normalize(word) != word:
        return False
    low = word.lower().replace("’", "'")
    if _known(low) or (low.endswith("s") and _known(low[:-1])) or (low.endswith("es") and _known(low[:-2])):
        return False
    parts = [p for p in re.split(r"['\-]", low) if p]
    if any(_known(p) and len(p) > 3 for p in parts[1:]):  # "Dumb-Dumb", "Lard-arse": a known word inside
        return False
    if any(stem in low for stem in _ABUSIVE_INSIDE):
        return False
    return not any(low.startswith(stem) or low.endswith(stem) for stem in _ABUSIVE_EDGE)


def _swap(match: re.Match[str]) -> str:
    name, second = match.group("name"), match.group("second")
    if not is_unfamiliar_name(name):
        return match.group(0)
    tail = ""
    if second:  # a family name after the given name goes too, when it is just as unfamiliar
        tail = "" if is_unfamiliar_name(second.strip()) else second
    groups = match.groupdict()
    lead, comma = groups.get("lead") or "", groups.get("comma") or ""
    if not FAMILIAR_NAME:  # drop the name with its punctuation: "Mirembe, your ..." -> "your ..."
        kept = "" if lead.strip() == "," else lead.rstrip() + (" " if lead.strip() else "")
        return kept + tail.lstrip() if tail else kept
    return f"{lead}{FAMILIAR_NAME}{tail}{comma}"


def familiar_names(text: str, anywhere: bool = False) -> str:
    """`text` with each unfamiliar name in an addressing position replaced by `FAMILIAR_NAME` (see the module
    docstring). Works on raw or normalised text; idempotent."""
    if not text or not any(c.isupper() for c in text):
        return text
    out = _FRONT.sub(_swap, text, count=1)
    out = _BEHIND.sub(_swap, out, count=1)
    out = _AFTER_GREETING.sub(_swap, out)
    if anywhere:
        def swap_inside(m: re.Match[str]) -> str:
            if _SENTENCE_START.search(out[: m.start()]):
                return m.group(0)
            return FAMILIAR_NAME if is_unfamiliar_name(m.group("name")) else m.group(0)

        out = _ANY_WORD.sub(swap_inside, out)
    return out
