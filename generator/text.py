"""Make untrusted text safe to publish and to print: no control or invisible characters.

Articles, ``site.toml`` and ``curation.toml`` come from anyone. ``clean_text`` drops what
could hide or reorder words on a page, or break an export: control characters (but tab and
line breaks), bidi controls, zero-width and other invisible format characters, lone
surrogates and noncharacters. ``printable`` escapes such characters for a terminal, so that
a warning quoting them can neither clear the screen nor retitle the window.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# What clean_text drops wherever it stands (astral characters apart: a class holding them is slow).
_DROP = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 controls but tab and line breaks, DEL, C1
    "\u00ad"  # soft hyphen: invisible, and it hides a word from the search
    "\u061c\u180e\u200b\u200e\u200f"  # Arabic letter mark, Mongolian vowel separator, ZWSP, LRM, RLM
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\u2060-\u2064\u206a-\u206f"  # word joiner, invisible operators, deprecated format controls
    "\ufeff\ufff9-\ufffb"  # byte order mark (zero-width no-break space), annotation marks
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters
    "\ud800-\udfff"  # lone surrogates (from undecodable file names)
    "]")
_DROP_ASTRAL = re.compile("[" + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}"
                                        for plane in range(1, 17)) + "\U000e0001]")
_UNUSUAL = re.compile("[^\t\n\r\x20-\x7e]")
_ASCII_DROP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Zero-width (non-)joiners shape emoji sequences and Persian or Indic words: they are kept
# between two non-ASCII characters, where they can do that, and dropped anywhere else.
_STRAY_JOINER = re.compile("(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])")
# Tag characters are kept only in an emoji flag sequence (black flag, tags, cancel tag).
_TAGS = re.compile("(\U0001f3f4[\U000e0020-\U000e007e]{1,32}\U000e007f)|[\U000e0020-\U000e007f]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029]")
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_URL_FORBIDDEN = re.compile(r'[\s<>"\\]')


def clean_text(text: str) -> str:
    """Return text without control and invisible characters; tab and line breaks stay."""
    # Fast paths, as whole articles pass here: plain ASCII, then the lines that need a look
    # (every character dropped or changed is one that str.isprintable rejects).
    if not _UNUSUAL.search(text):
        return text
    if text.isascii():
        return _ASCII_DROP.sub("", text)
    return "\n".join(line if line.isprintable() else _clean(line) for line in text.split("\n"))


def _clean(text: str) -> str:
    text = _DROP.sub("", text)
    if text.isascii():
        return text
    text = _LINE_SEPARATORS.sub("\n", text)
    if "\u200c" in text or "\u200d" in text:
        text = _STRAY_JOINER.sub("", text)
    if "\U00010000" <= max(text):
        text = _DROP_ASTRAL.sub("", text)
        text = _TAGS.sub(lambda m: m[1] or "", text)
    return text


def clean_line(text: str) -> str:
    """Return text cleaned as ``clean_text`` does, on one line with single spaces."""
    return " ".join(clean_text(text).split())


def printable(text: str, keep_newlines: bool = False) -> str:
    """Return text for a terminal: control, format and separator characters escaped (ESC as \\x1b)."""
    if text.isprintable():
        return text
    return "".join(_escape(char, keep_newlines) for char in text)


def _escape(char: str, keep_newlines: bool) -> str:
    if char == " " or (keep_newlines and char == "\n"):
        return char
    if unicodedata.category(char) not in _ESCAPED_CATEGORIES:
        return char
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def quoted(value: object, limit: int = 80) -> str:
    """Return a value as a warning quotes it: its repr (controls escaped), cut if long."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit - 1] + "…"


def is_web_address(url: str) -> bool:
    """Return whether url is an absolute http(s) address with a host, safe to print anywhere.

    It must hold no whitespace, control or invisible character, no angle bracket, double
    quote or backslash (which a URL holds only escaped), and no user name or password.
    """
    if not url or _URL_FORBIDDEN.search(url) or not url.isprintable():
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return (parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
            and "@" not in parts.netloc)


def web_link(url: str | None) -> str:
    """Return the URL, stripped, if it is a web address safe to link to (is_web_address), else ""."""
    url = (url or "").strip()
    return url if is_web_address(url) else ""
