"""Text normalisation applied before the model, identically in training and at run time.

Abuse is often disguised so that a word list or a tokenizer misses it: look-alike letters from other
scripts, zero-width characters, leetspeak ("1d10t"), s p a c i n g, repeated letters ("loooser"),
masked swearing ("f***ing") and emoji aimed at a person (🐷, 🤡). The normaliser undoes these so the
model sees plain words. It is linear in the input length (no backtracking regexes) so a 100k-character
text cannot hang it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Characters that render as nothing or reorder text: dropped outright.
_INVISIBLE = {
    *range(0x200B, 0x2010),  # zero-width space/joiners, LRM/RLM
    *range(0x202A, 0x202F),  # bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO)
    *range(0x2060, 0x2070),  # word joiner, invisible operators, bidi isolates
    0x00AD,  # soft hyphen
    0x034F,  # combining grapheme joiner
    0x061C,  # Arabic letter mark
    0x115F,
    0x1160,
    0x17B4,
    0x17B5,
    0x180E,
    0x3164,  # Hangul filler (renders blank)
    0xFEFF,  # BOM / zero-width no-break space
    0xFFA0,
    *range(0xFE00, 0xFE10),  # variation selectors
    *range(0x1F3FB, 0x1F400),  # skin-tone modifiers: the base emoji carries the meaning
    *range(0xE0000, 0xE0080),  # tag characters
}
_INVISIBLE_TABLE = {cp: None for cp in _INVISIBLE}

# Latin look-alikes from Cyrillic, Greek and other scripts (the common confusables).
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
        "ɡ": "g", "ӏ": "l", "һ": "h", "ԛ": "q", "ԝ": "w", "ь": "b", "п": "n", "г": "r",
        "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p", "С": "c",
        "Т": "t", "У": "y", "Х": "x", "Ѕ": "s", "І": "i", "Ј": "j",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
        "τ": "t", "υ": "u", "χ": "x", "ω": "w", "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h",
        "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
        "ɑ": "a", "ı": "i", "ȷ": "j", "ʏ": "y", "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e",
        "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o",
        "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z",
        "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l",
    }
)

# Emoji that carry meaning when aimed at a person. Mapped to words the encoder knows; the tokenizer
# would otherwise turn most emoji into [UNK].
EMOJI_WORDS: dict[str, str] = {
    "🐷": "pig", "🐖": "pig", "🐽": "pig", "🐄": "cow", "🐮": "cow", "🐋": "whale", "🐳": "whale",
    "🐒": "monkey", "🐵": "monkey", "🙈": "monkey", "🦍": "gorilla", "🦧": "ape", "🐀": "rat",
    "🐭": "rat", "🐍": "snake", "🐛": "worm", "🪳": "cockroach", "🦟": "insect", "🐕": "dog",
    "🐶": "dog", "🐩": "dog", "🦊": "fox", "🐑": "sheep", "🐐": "goat", "🦓": "zebra", "🐓": "cock",
    "🦨": "skunk", "🐗": "boar", "🦛": "hippo", "🐘": "elephant", "🦠": "virus", "🪱": "worm",
    "🤡": "clown", "💩": "shit", "🤮": "disgusting", "🤢": "disgusting", "🗑️": "trash", "🗑": "trash",
    "🚮": "trash", "🧠": "brain", "🥴": "stupid", "🤪": "crazy", "🙄": "eye roll", "🖕": "fuck you",
    "💀": "dead", "☠️": "dead", "☠": "dead", "⚰️": "coffin", "⚰": "coffin", "🪦": "grave",
    "🔪": "knife", "🗡️": "knife", "🗡": "knife", "🔫": "gun", "💣": "bomb", "🧨": "bomb", "💥": "boom",
    "🩸": "blood", "🪓": "axe", "⛓️": "chains", "⛓": "chains", "🪢": "rope", "🔥": "fire", "👊": "punch",
    "🤛": "punch", "🤜": "punch", "🥊": "punch", "🍆": "eggplant", "🍑": "peach", "💦": "splash",
    "👅": "tongue", "🍒": "cherries", "😈": "devil", "👿": "devil", "😍": "love", "🥰": "love",
    "😘": "kiss", "💋": "kiss", "❤": "love", "❤️": "love", "♥": "love", "💕": "love", "💖": "love",
    "💗": "love", "💓": "love", "💞": "love", "💘": "love", "💝": "love", "🧡": "love", "💛": "love",
    "💚": "love", "💙": "love", "💜": "love", "🤍": "love", "🤎": "love", "🖤": "love", "💔": "heartbroken",
    "👏": "applause", "🙌": "celebrate", "🎉": "congratulations", "🥳": "celebrate", "🎊": "celebrate",
    "👍": "good", "👎": "bad", "🙏": "thank you", "🤗": "hug", "🫂": "hug", "💪": "strong",
    "🌟": "star", "⭐": "star", "✨": "sparkle", "🏆": "trophy", "🥇": "winner", "👑": "queen",
    "😂": "laughing", "🤣": "laughing", "😭": "crying", "😢": "sad", "😞": "sad", "😔": "sad",
    "😊": "smile", "🙂": "smile", "😀": "smile", "😃": "smile", "😄": "smile", "😁": "smile",
    "😡": "angry", "🤬": "swearing", "😠": "angry", "😤": "angry", "🤓": "nerd", "😴": "sleep",
    "🏳️‍🌈": "gay pride", "🏳‍🌈": "gay pride", "🌈": "rainbow", "🏳️‍⚧️": "trans", "🏳‍⚧": "trans",
    "👳": "turban man", "🧕": "headscarf woman", "✡️": "jewish", "✡": "jewish", "☪️": "muslim",
    "☪": "muslim", "✝️": "christian", "✝": "christian", "🕌": "mosque", "🕍": "synagogue", "⛪": "church",
    "🍉": "watermelon", "🍗": "chicken", "🍌": "banana", "🥥": "coconut", "🌮": "taco", "🍚": "rice",
    "🐸": "frog", "👶": "baby", "👵": "old woman", "👴": "old man", "♿": "wheelchair", "🦽": "wheelchair",
    "🤰": "pregnant", "🍔": "burger", "🍕": "pizza", "🧻": "toilet paper", "🚽": "toilet",
    "🔞": "adult", "🥵": "hot", "🤤": "drooling", "👀": "eyes", "📍": "location", "🏠": "house",
    "📞": "phone", "📱": "phone", "💊": "pills", "🩹": "bandage", "🆘": "help", "😬": "grimace",
}
_EMOJI_KEYS = sorted(EMOJI_WORDS, key=len, reverse=True)
_EMOJI_RE = re.compile("|".join(re.escape(k) for k in _EMOJI_KEYS))

# Leetspeak is only undone inside a word that also has letters, and never for numbers with units
# ("1st", "90s", "5pm", "4k") or handles/hashtags, so ordinary text is left alone.
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
                       "@": "a", "$": "s", "!": "i", "|": "l", "€": "e", "£": "l"})
_LEET_CHARS = set("0134578@$!|€£9")
_NUMBER_UNIT = re.compile(r"^\d+(st|nd|rd|th|s|am|pm|k|m|x|d|h|min|mins|yo|yrs|kg|lb|lbs|cm|mm|km|ft|in|p|gb|mb)?$")
_WORD = re.compile(r"\S+")
_TRAILING_DIGITS = re.compile(r"^[^\W\d_]+\d+$")
# A right-to-left override displays the following text reversed ("\u202eylgu" shows as "ugly").
_RLO = re.compile("\u202e([^\u202c\n]*)\u202c?")
_EDGE_PUNCT = ".,;:!?\"'()[]{}<>…“”‘’«»-_"

# Masked swearing: each '*' stands for one hidden letter. Resolved against this list.
_MASKABLE = ["fucking", "fuckin", "fucked", "fucker", "fuck", "shitty", "shit", "bitches", "bitch", "asshole",
             "ass", "damn", "hell", "cunt", "dick", "bastard", "whore", "slut", "crap", "piss", "pissed",
             "motherfucker", "bullshit", "goddamn", "fag", "faggot", "nigger", "nigga", "retard", "retarded"]

# Letters separated by single spaces / dots / dashes: "y o u  s u c k", "i.d.i.o.t".
_SPACED = re.compile(r"(?<![^\W\d_])((?:[^\W\d_][ .\-_*]){2,}[^\W\d_])(?![^\W\d_])")
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")
_REPEAT_PUNCT = re.compile(r"([!?.,*~\-_=])\1{3,}")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")

# Any other pictograph becomes its Unicode name ("👬" -> "two men holding hands", "🅰" -> "a"), so emoji used
# as stand-ins for groups or slurs reach the encoder as words instead of [UNK].
_PICTO_RE = re.compile("[\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]")
_NAME_DROP = re.compile(r"\b(sign|symbol|emoji|negative|squared|circled|latin|capital|small|letter|"
                        r"regional indicator|medium|large|heavy|white|black)\b")


@lru_cache(maxsize=4096)
def _picto_word(ch: str) -> str:
    name = unicodedata.name(ch, "").lower()
    if not name:
        return " "
    m = re.search(r"letter ([a-z])$", name)
    if m:  # enclosed / regional-indicator letters spell words ("f🅰gz", "🇳🇴"): keep them glued
        return m.group(1)
    words = _NAME_DROP.sub(" ", name).split()
    return " " + " ".join(words) + " " if words else " "


MAX_CHARS = 200_000  # Inputs are cut here before anything else; windows cover the rest.


@lru_cache(maxsize=1)
def _default_vocab() -> frozenset[str]:
    """Whole words of the shipped tokenizer, used to undo repeated letters and spacing sensibly."""
    from importlib import resources

    try:
        raw = resources.files("kindling_ml").joinpath("vocab_words.txt").read_text("utf-8")
    except (FileNotFoundError, OSError, ModuleNotFoundError):
        return frozenset()
    return frozenset(w for w in raw.split() if w)


_extra_vocab: set[str] = set()


def set_vocab(words: Iterable[str]) -> None:
    """Adds words to the vocabulary used by the repeated-letter and spacing repairs."""
    _extra_vocab.update(w.lower() for w in words if w.isalpha())


def _known(word: str) -> bool:
    return word in _extra_vocab or word in _default_vocab()


def _squeeze_repeats(word: str) -> str:
    """'loooser' -> 'loser', 'soooo' -> 'so', 'goooood' -> 'good': try 2 then 1 letter per run."""
    if not _REPEAT.search(word):
        return word
    two = _REPEAT.sub(r"\1\1", word)
    one = _REPEAT.sub(r"\1", word)
    low_two, low_one = two.lower(), one.lower()
    if _known(low_two):
        return two
    if _known(low_one):
        return one
    # Mixed runs ("uglyyy" vs "goood"): try each run at 1 or 2 letters, small search.
    runs = list(_REPEAT.finditer(word))
    if len(runs) <= 4:
        for mask in range(1 << len(runs)):
            out, last = [], 0
            for i, m in enumerate(runs):
                out.append(word[last : m.start()])
                out.append(m.group(1) * (1 if mask >> i & 1 else 2))
                last = m.end()
            out.append(word[last:])
            cand = "".join(out)
            if _known(cand.lower()):
                return cand
    return one


def _segment(letters: str) -> str:
    """Splits run-together letters ('youareugly') into known words, fewest words first."""
    s = letters.lower()
    n = len(s)
    if n > 60 or not (_extra_vocab or _default_vocab()):
        return letters
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (cost, previous index)
    best[0] = (0, -1)
    for end in range(1, n + 1):
        for start in range(max(0, end - 20), end):
            prev = best[start]
            if prev is None:
                continue
            piece = s[start:end]
            if len(piece) == 1 and piece not in ("a", "i", "u"):
                continue
            if len(piece) > 1 and not _known(piece):
                continue
            cost = prev[0] + 1
            cur = best[end]
            if cur is None or cost < cur[0]:
                best[end] = (cost, start)
    if best[n] is None:
        return s
    parts: list[str] = []
    end = n
    while end > 0:
        node = best[end]
        assert node is not None
        parts.append(s[node[1] : end])
        end = node[1]
    return " ".join(reversed(parts))


def _unmask(core: str) -> str:
    if "*" not in core or not any(c.isalpha() for c in core):
        return core
    low = core.lower()
    exact = re.compile("^" + re.escape(low).replace(r"\*", ".") + "$")
    for cand in _MASKABLE:
        if exact.match(cand):
            return cand
    loose = re.compile("^" + re.sub(r"(\\\*)+", ".+", re.escape(low)) + "$")
    for cand in _MASKABLE:
        if loose.match(cand):
            return cand
    return core


def _fix_word(token: str) -> str:
    # Split off edge punctuation; keep it (punctuation carries tone) but repair the core.
    start, end = 0, len(token)
    while start < end and token[start] in _EDGE_PUNCT:
        start += 1
    while end > start and token[end - 1] in _EDGE_PUNCT:
        end -= 1
    lead, core, trail = token[:start], token[start:end], token[end:]
    if not core:
        return token
    if core[0] in "@#":  # handles and hashtags are names, not disguised words
        return token
    if "*" in core:
        core = _unmask(core)
    has_alpha = any(c.isalpha() for c in core)
    if (
        has_alpha
        and any(c in _LEET_CHARS for c in core)
        and not _NUMBER_UNIT.match(core.lower())
        and not _TRAILING_DIGITS.match(core)  # "covid19", "user123": a name plus a number
        and not re.search(r"[:/]", core)  # leave URLs, times and ratios alone
    ):
        core = core.translate(_LEET)
    core = _squeeze_repeats(core)
    return lead + core + trail


def _join_spaced(match: re.Match[str]) -> str:
    letters = re.sub(r"[ .\-_*]", "", match.group(1))
    if len(letters) < 3:
        return match.group(1)
    return " " + _segment(letters) + " "


def visible_text(text: str) -> str:
    """The characters a reader sees: cut to MAX_CHARS, NFKC (fullwidth "＠" is "@"), a right-to-left override
    resolved to the text it displays, invisible characters dropped. The first step of `normalize`, and what the
    Moderator's readings of handles, links and names look at, so "＠jdoe_99" or a zero-width space inside a handle
    cannot hide it from them."""
    text = text[:MAX_CHARS]
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (from broken JSON escapes) cannot reach the tokenizer
        text = text.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)
    if "\u202e" in text:
        text = _RLO.sub(lambda m: m.group(1)[::-1], text)
    return text.translate(_INVISIBLE_TABLE)


def normalize(text: str) -> str:
    """Returns the text the model sees: undisguised, lower-noise, same meaning.

    Steps: cut to MAX_CHARS, NFKC (fullwidth and mathematical letters), drop invisible and control
    characters, map look-alike letters, turn meaningful emoji into words, join s p a c e d letters,
    and per word undo masked swearing, leetspeak and repeated letters.
    """
    if not text:
        return ""
    text = visible_text(text)
    # Control characters become spaces (newlines too: the model reads one line of text).
    text = "".join(" " if (unicodedata.category(c) == "Cc") else c for c in text)
    # Strip stacked combining marks ("Zalgo" text) but keep the base letters.
    if any(unicodedata.combining(c) for c in text):
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = unicodedata.normalize("NFC", text)
    text = text.translate(_CONFUSABLES)
    text = _EMOJI_RE.sub(lambda m: " " + EMOJI_WORDS[m.group(0)] + " ", text)
    text = _PICTO_RE.sub(lambda m: _picto_word(m.group(0)), text)
    text = _REPEAT_PUNCT.sub(r"\1\1\1", text)
    text = _SPACED.sub(_join_spaced, text)
    text = _WORD.sub(lambda m: _fix_word(m.group(0)), text)
    text = _SPACES.sub(" ", text).strip()
    return text
