"""Reading past the name of the person a message is addressed to, when the encoder does not know that name.

Why: the policy says a name alone must never make a text harmful, but the shipped encoder reads a rare name the way
it reads a disguised insult. The tokenizer splits an unfamiliar name into word pieces, and obfuscated abuse arrives
as odd word pieces too. Measured on 2026-12-07: "Mirembe your poetry reading made half the room cry in the best way"
scored harm 0.96 (block); without the name, 0.08. Continued training with hundreds of names did not remove the
effect (docs/moderation.md, "Continued run 39"). Who a message is addressed to does not change whether it is kind or
abusive, so the Moderator scores it without that name, the way a human moderator reads past a name they have never
seen. Dropping the name beat reading it as a familiar one ("Sam", "Alex", "Tom"), and reading only addressed names
beat reading every unfamiliar name (docs/moderation.md, "Reading past addressed names").

What counts as a name is deliberately narrow, because a word that carries meaning must never be read away:
- the word is written as a name (a capital, then at least one lower-case letter; letters, apostrophes and hyphens
  only) and `normalize` leaves it unchanged, so leetspeak, look-alike letters and masked swearing are never names;
- it is not a word: not a whole word of the tokenizer (`vocab_words.txt`: familiar words, group nouns and most insults
  are, and the encoder already reads a whole-word name such as "Tom" correctly), nor a word people write in lower case
  (`common_words.txt`, built by `training.common_words`), nor an inflection, plural or run-together pair of those,
  a contraction ("That’s") or an interjection or chat term ("Lol", "Awh", "Dawg");
- it holds no reviewed abusive stem (`_ABUSIVE_INSIDE` anywhere in the word, `_ABUSIVE_EDGE` at its start or end);
- it stands where someone is addressed: at the start ("Mirembe, ...", "Mirembe your ...", "hey Mirembe ..."), after a
  closing comma ("..., Mirembe"), or after a greeting or thanks anywhere ("thank you Mirembe for ...").
A name anywhere else (third person, "I told Mirembe") is kept: dropping those measured worse for at-risk posts.

An @handle names an account, never says anything about it, and the encoder misreads it far worse than a name:
measured on 2026-12-07, putting "@mirembe_art" or "@jdoe_99" in front of a harmful probe text let 505 of 814 through
(63 as written), "@mirembe_art kys already, laughingstock" among them. So `without_handles` reads past handles:
- handles at the start or the end of a message (the people it is addressed to) are dropped with their commas;
- a handle elsewhere becomes "Tom", a name the encoder reads correctly, so "I'll find @jdoe_99 after school"
  keeps its target;
- a handle whose words hold a reviewed abusive stem ("@fat_cow_99") is written out as its words ("fat cow"), so an
  insult cannot hide in a handle either;
- "@ss" or "@rsehole" is leetspeak ("@" for "a"), not a handle, and stays for `normalize` to read;
- reply and repost markup around the handles at an edge goes with them ("Replying to @x:", "RT @x:", "... cc @x"),
  since it only says whom a message answers or repeats; a repost is judged by what it repeats.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from kindling_ml.normalize import _known, normalize

# Substrings that mark abuse wherever they stand in a word ("dumbfuck", "fagboy"). A real name holding one is kept
# as written, which only means it is scored as it would be without this module.
_ABUSIVE_INSIDE = (
    "fag", "fgt", "nigg", "nigr", "negro", "retard", "spaz", "spastic", "cunt", "twat", "fuck", "shit", "bitch",
    "whore", "slut", "wank", "kike", "chink", "tranny", "trannie", "dyke", "homo", "pedo", "paedo", "rape", "nazi",
    "puss", "dick", "cock", "piss", "bastard", "idiot", "moron", "stupid", "dumb", "loser", "ugly", "skank", "nonce",
    "hitler", "kill", "murder", "suicid", "jihad", "terror", "porn", "horny", "sexy", "nude", "boob", "penis",
    "vagin", "tard", "turd", "scum", "trash", "freak", "creep", "psycho", "clown", "lesbo", "sissy", "faggot",
    "wetback", "beaner", "raghead", "towelhead", "gypo", "pikey", "kaffir", "kafir", "jigaboo", "gook", "coon",
    "unaliv", "kys", "kms", "stab", "shoot", "strangl", "choke", "drown", "hang", "starv", "purg", "anorex", "bulim",
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
# A name-like word: letters, with inner apostrophes or hyphens ("O'Neil", "Anne-Marie"); the capital is checked later.
_NAMEISH = r"[^\W\d_][^\W\d_]*(?:['’\-][^\W\d_]+)*"
# The name at the start goes with the comma or colon after it; " - " or "you"/"your" after it stay. A word alone
# before "!" is far more often an exclamation ("Ouch!", "Woot!") than a name, so "!" does not mark one, except
# after a greeting ("Congrats Ikaika!!", below).
_FRONT = re.compile(
    rf"^(?P<lead>\W*(?:(?i:{_GREETING})\W+)?)(?P<name>{_NAMEISH})(?P<second>\s+(?!(?i:{_SECOND_PERSON})\b){_NAMEISH})?"
    rf"(?:\s*[,:—–]|(?=\s+-\s|\s+(?i:{_SECOND_PERSON})\b))"
)
_BEHIND = re.compile(rf"(?P<lead>,\s*)(?P<name>{_NAMEISH})(?P<second>\s+(?!(?i:{_SECOND_PERSON})\b){_NAMEISH})?(?=[^\w]*$)")
_AFTER_GREETING = re.compile(rf"(?<!\w)(?P<lead>(?i:{_GREETING})\s+)(?P<name>{_NAMEISH})(?P<second>\s+(?!(?i:{_SECOND_PERSON})\b){_NAMEISH})?\b")


# Openers and tags that are not names but that the tokenizer does not know as whole words either. Found on
# GoEmotions' Reddit comments (2026-12-07): "Yikes, ...", "Lol, ...", "Awh you're hurt", "Dawg, ..." were read as names.
_NOT_NAMES = frozenset((
    "lol", "lmao", "lmfao", "rofl", "roflmao", "lolz", "yikes", "ugh", "ughh", "welp", "pft", "pfft", "psst", "meh",
    "oof", "aww", "awh", "awe", "ooh", "ohh", "ahh", "hmm", "hmmm", "whew", "phew", "eww", "ew", "yay", "yayy",
    "nah", "naw", "yep", "yup", "nope", "bruh", "bruhh", "sheesh", "oop", "oops", "whoops", "ayo", "ayy", "ayyy",
    "hehe", "omfg", "smh", "tbh", "ngl", "idk", "idc", "imo", "imho", "fr", "frfr", "istg", "wtf", "wth", "jk",
    "ikr", "ty", "tysm", "thx", "np", "gg", "ez", "lowkey", "highkey", "periodt", "yass", "yas", "yasss", "bet",
    "dawg", "dude", "fam", "bestie", "bae", "hun", "girlie", "homie", "bro", "bros", "bruv", "sis", "babe", "boi",
    "lads", "innit", "ya", "yall", "yo", "ok", "okay", "kk", "omg", "omgg", "xd", "xoxo", "ily", "ilysm", "brb",
    "btw", "fyi", "afaik", "iirc", "tldr", "rip", "gz", "grats", "congrats", "gratz", "hbd", "nvm", "anyways",
    "anyway", "pls", "plz", "ppl", "ffs", "sksksk", "ahaha", "ahah", "haha", "hahaha", "hahah", "heh", "hah", "huh",
    "duh", "eh", "uh", "um", "umm", "erm", "ooof", "yeet", "slay", "bussin", "mid", "sus", "cap", "ma'am", "d'oh",
    "y'all", "ya'll",
))
_INTERJECTION = re.compile(r"^(?:(?:ha|he|hi|ja|ah)+h?|a+w+h?|o+h+|a+h+|e+w+|u+g+h+|h+m+|l+o+l+|x+d+|m+h+m+|w+o+w+)$")
_CONTRACTION = re.compile(r"['’](?:s|t|d|m|ll|re|ve)$")
_INFLECTION = ("ing", "ed", "er", "ers", "est", "ly", "ness", "ful", "ism", "ist", "ists", "ish", "y")


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words people write in lower case that the tokenizer lacks (built by `training.common_words`)."""
    raw = resources.files("kindling_ml").joinpath("common_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))


def _word(low: str) -> bool:
    return _known(low) or low in _common_words()


def _familiar_word(low: str) -> bool:
    """A word and not a name: in the tokenizer's vocabulary or the common words, an inflection or plural of one,
    or two of them run together ("counterpoint")."""
    if low in _common_words():
        return True
    if _known(low) or (low.endswith("s") and _known(low[:-1])) or (low.endswith("es") and _known(low[:-2])):
        return True
    for suffix in _INFLECTION:
        stem = low[: -len(suffix)]
        if low.endswith(suffix) and len(stem) >= 3 and (_word(stem) or _word(stem + "e")):
            return True
    return any(_word(low[:i]) and _word(low[i:]) for i in range(4, len(low) - 3))


@lru_cache(maxsize=8192)
def is_unfamiliar_name(word: str) -> bool:
    """True when `word` is written as a name, is not a word the tokenizer knows, and holds no abusive stem."""
    if len(word) < 3 or not word[0].isupper() or not any(c.islower() for c in word[1:]):
        return False
    if normalize(word) != word:
        return False
    low = word.lower().replace("’", "'")
    if _CONTRACTION.search(low) or low in _NOT_NAMES or _INTERJECTION.match(low) or _familiar_word(low):
        return False
    parts = [p for p in re.split(r"['\-]", low) if p]
    if any(_known(p) and len(p) > 3 for p in parts[1:]):  # "Dumb-Dumb", "Lard-arse": a known word inside
        return False
    if any(stem in low for stem in _ABUSIVE_INSIDE):
        return False
    return not any(low.startswith(stem) or low.endswith(stem) for stem in _ABUSIVE_EDGE)


def _drop(match: re.Match[str]) -> str:
    lead, second = match.group("lead"), match.group("second")
    # A lower-case second word means the first is not a name in front of "you" ("Don't meet your heroes").
    lower_second = bool(second) and not second.strip()[0].isupper()
    if not is_unfamiliar_name(match.group("name")) or (lower_second and match.re is _FRONT):
        return match.group(0)
    if second and not lower_second and not is_unfamiliar_name(second.strip()):
        return match.group(0)  # "Plaw Dog", "Mirembe Smith": a nickname or full name that is partly familiar
    # An unfamiliar capitalised second word is a family name and goes too; a lower-case one is the next word of
    # the sentence ("thank you Mirembe for ...") and stays.
    tail = second.lstrip() if lower_second else ""
    kept = "" if lead.strip() == "," else lead.rstrip() + (" " if lead.strip() else "")
    return kept + tail


# A handle as people write them (Twitter, Instagram, Kindling): letters, digits, underscores and inner dots, not
# inside an e-mail address or after another "@".
_HANDLE = r"(?<![\w@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
_HANDLE_RE = re.compile(_HANDLE)
# Reply and repost markup that only says whom a message answers or repeats: "Replying to @x:", "RT @x:", "cc @x".
_MARKER = r"(?i:rt|cc|via|h/t|replying to|reply to|in reply to)\s*:?\s*"
_LEADING_HANDLES = re.compile(rf"^(?P<lead>\W*?)(?P<run>(?:{_HANDLE}[\s,:;]*)+)")
_LEADING_MARKED_HANDLES = re.compile(rf"^(?P<lead>\W*?)(?:{_MARKER})?(?P<run>(?:{_HANDLE}[\s,:;]*)+)")
_TRAILING_MARKER = re.compile(rf"(?:^|[\s,;:—–-]+)(?:{_MARKER})$")
_WHOLE_HANDLE = re.compile(rf"{_HANDLE}$")
# "@5pm", "@10:30": a time, not an account.
_TIME = re.compile(r"@\d{1,2}(?:[:.]\d\d)?(?:am|pm)?$", re.IGNORECASE)
# The familiar name that stands in for a handle inside a sentence: a whole word of the tokenizer, and one of the
# names TRAIN fills every family with, so it tells the model nothing about harm.
_STAND_IN = "Tom"


def _handle_words(handle: str) -> list[str]:
    """'@xX_fatCow99_Xx' -> ['x', 'x', 'fat', 'cow', 'x', 'x']: the words a handle is made of, lower case."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", handle[1:])
    return [w.lower() for w in re.split(r"[\W\d_]+", spaced) if w]


# The stems as two compiled searches, so a text made of thousands of handles is read in linear time.
_INSIDE_RE = re.compile("|".join(map(re.escape, _ABUSIVE_INSIDE)))
_EDGE_RE = re.compile(rf"^(?:{'|'.join(map(re.escape, _ABUSIVE_EDGE))})|(?:{'|'.join(map(re.escape, _ABUSIVE_EDGE))})$")


def _abusive_words(words: list[str]) -> bool:
    """Whether the words hold a reviewed abusive stem: one of `_ABUSIVE_INSIDE` anywhere, or one of `_ABUSIVE_EDGE`
    at the start or end of a word of three or more letters."""
    return bool(_INSIDE_RE.search("".join(words))) or any(len(w) > 2 and _EDGE_RE.search(w) for w in words)


_LEET_A_STEMS = tuple(stem for stem in (*_ABUSIVE_INSIDE, *_ABUSIVE_EDGE) if stem.startswith("a"))


def _abusive_handle(handle: str) -> bool:
    return _abusive_words(_handle_words(handle))


def _read_handle(match: re.Match[str], *, at_edge: bool) -> str:
    handle = match.group(0)
    # "@ss", "@rsehole": "@" written for "a", which normalize reads back; "f@t @ss" found in fresh set 19. Only a
    # stem that starts with that "a" counts, so "@maddie" ("amaddie" ends with "die") is still a handle.
    leet = "a" + handle[1:].lower()
    if _TIME.match(handle) or (leet.isalpha() and leet.startswith(_LEET_A_STEMS)):
        return handle
    if _abusive_handle(handle):
        return " ".join(_handle_words(handle))
    return "" if at_edge else _STAND_IN


def _edge_words(run: str) -> str:
    """What is left of a run of handles at an edge: the words of abusive handles (and any times), or nothing."""
    kept = _HANDLE_RE.sub(lambda m: _read_handle(m, at_edge=True), run)
    return " ".join(re.findall(r"[^\s,:;]+", kept))


def _drop_trailing_handles(text: str, markers: bool) -> str:
    """The run of handles that ends a message (before its closing punctuation or emoji) read as at an edge. Scanned
    from the end word by word, so a long text full of handles costs linear time."""
    end = len(text)
    while end and not (text[end - 1].isalnum() or text[end - 1] in "_@"):  # closing punctuation, emoji, spaces
        end -= 1
    body, tail = text[:end], text[end:]
    words = re.split(r"([\s,]+)", body)  # words at even indexes, separators at odd ones
    first = len(words)
    while first >= 1 and _WHOLE_HANDLE.fullmatch(words[first - 1]):
        first -= 2
    if first == len(words):
        return text
    kept_words = _edge_words(" ".join(words[first + 1 :: 2]))
    head = "".join(words[: max(first, 0)])
    # A marker is a few characters long, so only the end of the head is searched (linear time on any input).
    marker = _TRAILING_MARKER.search(head, max(len(head) - 24, 0)) if markers else None
    head = (head[: marker.start()] if marker else head).rstrip(" \t,")
    return head + (" " + kept_words if kept_words else "") + tail


def without_handles(text: str, markers: bool = True) -> str:
    """`text` with its @handles read as the module docstring says. A text with no "@" comes back unchanged.
    `markers=False` leaves reply and repost markup in place (to measure what reading past it changes)."""
    if "@" not in text:
        return text

    def leading(m: re.Match[str]) -> str:
        words = _edge_words(m.group("run"))
        return m.group("lead") + (words + " " if words else "")

    out = (_LEADING_MARKED_HANDLES if markers else _LEADING_HANDLES).sub(leading, text, count=1)
    out = _drop_trailing_handles(out, markers)
    out = _HANDLE_RE.sub(lambda m: _read_handle(m, at_edge=False), out)
    return re.sub(r" {2,}", " ", out).strip()


def without_addressees(text: str) -> str:
    """`text` without the handles and unfamiliar names of the people it addresses."""
    return without_addressed_names(without_handles(text))


def without_addressed_names(text: str) -> str:
    """`text` without the unfamiliar names of the people it addresses (see the module docstring). A text with no
    such name comes back unchanged."""
    if not text or not any(c.isupper() for c in text):
        return text
    out = _FRONT.sub(_drop, text, count=1)
    out = _BEHIND.sub(_drop, out, count=1)
    return _AFTER_GREETING.sub(_drop, out)
