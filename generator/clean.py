"""Clean pasted article text: drop web clutter, separate the headline, join wrapped lines."""

from __future__ import annotations

import re

from generator.chronology import lead_at
from generator.hints import Hinted, lowered
from generator.models import Paragraph, Sentence
from generator.sentences import MAX_SENTENCE
from generator.text import clean_text

# Lines that are page furniture rather than reporting, matched against the whole line.
_CLUTTER_LINES = re.compile(
    r"""^(?:
        leave\ a\ (?:reply|comment)|post\ a\ comment|comments?|\d+\s+comments?|
        add\ (?:a\ )?comment|reply|share(?:\ (?:this|on\ \w+))?|tweet|email|print|
        exit\ mobile\ version|skip\ to\ (?:main\ )?content|search|menu|close|
        loading(?:\ next\ post)?|sign(?:ing)?[-\ ](?:in|up)(?:\ \d+\ seconds)?|
        log\ ?in|log\ ?out|register|subscribe(?:\ now)?|advertisement|sponsored|
        continue\ reading|read\ more|show\ more|load\ more|see\ more|click\ here.*|
        follow\ us.*|like\ us.*|share\ this\ article|copy\ link|
        (?:previous|next)\ (?:post|article|story)|back\ to\ top|top\ stories|
        all\ rights\ reserved.*|©.*|copyright\ ©?.*|cookie.*|accept(?:\ all)?(?:\ cookies)?|
        report\ abuse|recommend(?:\ \(\d+\))?|retweet|like|flag|permalink|
        comments?\ (?:are\ )?closed.*|(?:sign|log)\ in\ to\ (?:comment|reply|post).*|
        you\ must\ be\ logged\ in.*|related(?:\ (?:stories|articles|links|content|coverage))?|
        more\ from\ [\w\ ]{1,30}|most\ (?:popular|read|viewed|shared)|top\ stories|
        (?:share|tweet|email|print|facebook|twitter|linkedin|whatsapp|reddit|pinterest|google\+?)
        (?:[\s|/,•·]+(?:share|tweet|email|e-mail|print|facebook|twitter|linkedin|whatsapp|reddit|
        pinterest|google\+?|this(?:\ (?:article|story|page))?|more))+|
        image\ caption.*|(?:photo|photograph|picture)\ caption.*
    )[\s.!:…]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Lines that start as furniture ("Related News: ...", "Read more: ...").
_CLUTTER_PREFIX = re.compile(
    r"^(?:related(?:\ (?:news|stories|articles|posts|content|coverage|reading))?|"
    r"read\ (?:more|also|next)|see\ also|more\ from\ \w+|recommended(?:\ for\ you)?|"
    r"you\ may\ also\ like|also\ read|watch|listen|photo|image|video)\s*:|"
    # A topic page's teasers of other stories: "Article | MIAMI -- BP advanced ...".
    r"^(?:article|video|photos?|gallery|blog(?:\ post)?|audio|graphic|interactive)\s*\|",
    re.IGNORECASE | re.VERBOSE,
)
# Bylines and counters glued together ("david.cWorld News4 hours ago6 Views").
_CLUTTER_ANYWHERE = re.compile(
    r"\d+\s*(?:seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?)\s+ago|\d+\s*views?\b|"
    r"\d+\s*min(?:ute)?s?\s+read\b",
    re.IGNORECASE,
)
# A live-blog promise that follows the standfirst.
_PROMO = re.compile(
    r"\bwe[’']ll be bringing you\b|\bfollow (?:our|the) live\b|\bsign up (?:to|for) our\b|"
    r"\bsubscribe to our\b|\bdownload (?:our|the) app\b",
    re.IGNORECASE,
)
# A reader comment's byline ("Posted by: bob | May 3, 2010 5:50 PM | Report abuse",
# "Bob | 5:50 PM |", "At 2:00 pm on 9 Jun 2010, bob wrote:"): the comment thread has begun.
_COMMENT_BYLINE = re.compile(
    r"\bposted by\s?:?\s*[^|]{1,60}\|[^|]{0,40}\d{1,2}:\d{2}\s*[ap]\.?m\b|\|\s*report abuse\b|"
    r"\d{1,2}:\d{2}\s*[ap]\.?m\.?(?:\s+[ECMP][SD]T)?\s*(?:--|[-–—|])\s*report (?:as )?abuse\b|"
    r"^\S[^|]{0,40}\|\s*(?:\w+\.? \d{1,2},? \d{4},?\s*)?\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\||"
    r"\bat \d{1,2}[:.]\d{2}(?:\s*[ap]m on)? \d{1,2}(?:st|nd|rd|th)? \w+ \d{4}\s?,\s*\S+ wrote\s?:|"
    r"\bposted by\s?:?\s*[^|]{1,60}?\s--\s*\d{1,2}:\d{2}\s*[ap]\.?m\b|"
    r"^the comments to this entry are closed|^comments? (?:are|is) (?:now )?closed|"
    r"^this discussion is (?:now )?closed|"
    r"^(?:the )?(?:views|opinions) expressed in (?:the |these |readers[’'] )?comments\b",
    re.IGNORECASE)
# A comment thread's heading: the thread follows when enough article text came before.
_THREAD_HEADING = re.compile(
    r"^(?:(?:\d+\s+)?(?:reader(?:s[’']?)?\s+|your\s+)?comments?(?:\s*\(\d+\))?|add (?:a |your )?comment|"
    r"leave a (?:reply|comment)|post a comment|join the (?:conversation|discussion)|"
    r"have your say)[\s.!:…]*$", re.IGNORECASE)
THREAD_AFTER_CHARS = 500  # text before a bare "Comments" heading; less is a menu's
# A wire story's credits close it: "(Reporting by Ann Lee; Editing by Bo Ng)"; what follows
# on the page (reader comments, the site's promotions) is not the story's.
_CREDITS = re.compile(r"^\(\s*(?:additional )?(?:reporting|writing|editing|edited|compiled) by\b",
                      re.IGNORECASE)
# A page stamp ("8 November 2011 Last updated at 14:07 GMT", "Page last updated at 10:31 GMT,
# Tuesday, 12 May 2009"), with the headline before it on the same line.
_STAMP = re.compile(
    r"^.{0,200}?(?:\b(?P<day>\d{1,2} [A-Z][a-z]+ \d{4})\s+)?\b(?:page )?last updated(?: at| on)?\s+"
    r"\d{1,2}[:.]\d{2}(?:\s*(?:GMT|BST|UTC|[ECMP][SD]?T))?"
    r"(?:,?\s+[A-Z][a-z]+day,?\s+(?P<after>\d{1,2} [A-Z][a-z]+,? \d{4}))?(?:\s+help\b)?[\s.,]*",
    re.IGNORECASE)
# A blog post's byline; a line of several is a list of other posts.
_POSTED_BY = re.compile(r"\bposted by\b", re.IGNORECASE)
# A stamp on a line of its own: "Published: 7 June 2010 Updated: 8 June 2010 10:31",
# "Last updated: 8 November 2011", "This page was last updated on 8 November 2011 at 14:07.".
_STAMP_LINE = re.compile(
    r"^(?:(?:this\s+)?page\s+(?:was\s+)?)?(?:first\s+|last\s+)?"
    r"(?:published|posted|updated|modified)(?:\s+on)?"
    r"(?:\s*:|\s+(?-i:(?=\d{1,2} [A-Z]|[A-Z][a-z]+\.? \d)))\s*"
    r"(?=[^.]*\d)[\w ,:./+|-]{0,90}$", re.IGNORECASE)
_STAMP_DAY = re.compile(r"\b\d{1,2} [A-Z][a-z]+,? \d{4}\b|\b[A-Z][a-z]+\.? \d{1,2},? \d{4}\b")
# A photo credit run into the text: "Photograph: Ann Lee/AFP/Getty Images", "(AP Photo/Ann Lee)".
_CREDIT = re.compile(
    r"^(?:[A-Z][\w.'-]*[ /]){1,4}Getty Images\b\s*|"
    r"\b(?:[Pp]hotograph|[Pp]hoto|[Pp]icture|[Ii]mage)s?(?: caption| credit)?\s?:\s?[^.:]{0,80}?/\s?"
    r"(?:AFP/)?(?:Getty Images|Reuters|AP|AFP|EPA|PA|Bloomberg|Corbis|Rex(?: Features)?)\b\s*|"
    r"\(\s*AP Photo/[^()]{0,60}\)\s*|^AP Photo/[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)?\s+(?=[A-Z])")
# What runs into the first sentence of a story before its text: the wire's dateline and
# agency ("HOUSTON | Thu Apr 22, 2010 7:30 pm EDT HOUSTON (Reuters) - "), a page stamp with
# its clock time ("Friday, May 21, 2010; 8:38 PM", "June 10, 2010 - 5:41 PM | by: Ann Lee",
# "Tuesday 2 November 2010 08.06 GMT"), a dateline ("PORT FOURCHON, La. -- "), a byline
# ("By Ann Lee and Bo Ng") and a photo caption with its credit ("... Photograph: Ann Lee/AFP").
_WIRE_AGENCIES = (r"Reuters|AP|AFP|UPI|Bloomberg|Xinhua|dpa|DPA|PA|CNN|BBC|EFE|ANSA|Kyodo|"
                  r"Yonhap|IANS|PTI|CP|AAP|Interfax|ITAR-TASS|RIA Novosti|Dow Jones|MarketWatch")
_WIRE_LEAD = re.compile(
    rf"^.{{0,400}}?\((?:{_WIRE_AGENCIES})(?:\s+[A-Z][a-z]+)?\)\s*[-–—]{{1,2}}\s+(?=\S)")
_CLOCK = (r"\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+(?:GMT|BST|UTC|IST|CET|CEST|"
          r"[ECMPA][SD]T))?")
_STAMP_DATE = (r"(?:(?:[A-Z][a-z]+day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun),?\s+)?"
               r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8},?\s+\d{4}|"
               r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d\d-\d\d)")
_STAMP_TAIL = (r"\s*(?:\|\s*by\s?:?\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}(?=\s+[A-Z\"“]))?"
               r"(?:\s*[-–—]{1,2})?\s+(?=\S)")
_LEAD_STAMP = re.compile(rf"^{_STAMP_DATE}\s*[;,|-]?\s*(?:-\s*)?{_CLOCK}\b\.?{_STAMP_TAIL}")
# Inside a sentence, a stamp is a weekday, a full date and a clock ("... Tuesday 2 March 2021
# 08.06 GMT The panel said ..."), or a date and clock after a byline ("Fires spread By Ann Lee
# Tuesday, January 11, 2011; 11:00 AM The panel said ..."). What runs before it is the page's
# headline and standfirst, run together without a full stop: the quote starts after the stamp,
# which dates the page, never the headline's event (keeping them, dated by the stamp, scored
# better on T17 Guardian timelines, but dated some events a day late and quoted the furniture).
_INNER_STAMP = re.compile(
    r"^.{0,300}?(?:\bBy\s+[A-Z][\w.'’-]*(?:,?\s+(?:and\s+)?[A-Z][\w.'’-]*){1,6}\s+)?"
    r"(?<!\bon )(?<!\bat )(?<!\bby )(?<!\bof )(?<!\bfrom )(?<!\buntil )(?<!\bsince )"
    r"\b(?:[A-Z][a-z]+day|Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8},?\s+\d{4})"
    rf"\s*[;,|-]?\s*{_CLOCK}\b\.?{_STAMP_TAIL}(?=[\"“‘A-Z])")
# A word or two cut off before a closing bracket by a bad sentence split ("gov) The ...").
_BROKEN_LEAD = re.compile(r"^[\w.]{1,6}\)\s+(?=[\"“A-Z])")
_DATELINE = re.compile(
    r"^(?:[^|:]{0,40}[|:]\s+)?(?:AP\s+)?[A-Z][A-Z.'’]+(?:[ /-]+[A-Z][A-Z.'’]+)*"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
    r"\s*(?:--|—|–)\s+(?=[\"“‘'A-Z0-9])")
_BYLINE = re.compile(
    r"^(?:.{0,120}?\s)?By\s+(?:[A-Z][\w'’-]+\s+(?:[A-Z]\.\s+)?[A-Z][\w'’-]+(?:,\s+|\s+and\s+|\s+)){1,3}"
    r"(?=[A-Z\"“])")
_CAPTION_CREDIT = re.compile(
    r"^.{0,300}?\b(?:Photograph|Photo|Picture|Image)s?(?: credit)?\s?:\s*")
_PHOTO_LEAD = re.compile(r"^(?:\((?:[A-Z]\w*\s+)?Photo(?:/[^()]{0,60})?\)|.{0,200}?\bGetty Images)\s+(?=\S)")
# A photo's caption ("... in this handout photograph", "In this image taken from video ...").
_CAPTION = re.compile(r"\bin this (?:[\w-]+ ){0,3}(?:photo|photograph|image|picture|video grab)s?\b",
                      re.IGNORECASE)
# A wire story's credits: "(Reporting by Ann Lee, editing by Bo Ng)", "Additional reporting by ...".
_CREDITS_IN = re.compile(r"\(\s*(?:additional )?(?:reporting|writing|editing|edited) by\b|"
                         r"^additional reporting by\b", re.IGNORECASE)
_CREDIT_NAME = re.compile(r"[A-Z][\w.'’-]*")
# What is left of a sentence cut before a closing bracket ("L) said on Thursday.").
_FRAGMENT = re.compile(r"^[\w.]{0,6}\)")
# A reader comment's stamp or the thread's notices.
_COMMENT_MARK = re.compile(r"\breport (?:as )?abuse\b|\bthis discussion is (?:now )?closed\b|"
                           r"\bwe welcome comments\b",
                           re.IGNORECASE)
# Notices about the page itself: where the print edition ran it, when it was amended,
# where readers write. They date the page, never an event.
_PAGE_NOTICE = re.compile(
    r"\ba version (?:of this article )?appeared (?:(?:on|in) (?:p|page\s?)\d+\b|in the [A-Z])|"
    r"\bcontributed to this report\b|\bsign up for (?:free )?(?:e-?mail )?(?:news )?alerts\b|"
    r"\bthis (?:article|story|page) (?:was|has been|is) (?:first )?(?:published|amended|updated|"
    r"corrected|edited)\b|\bletters for publication should be sent\b|"
    r"\bif you need help using the site\b|\bappeared in (?:the )?print edition\b",
    re.IGNORECASE)
# A photo caption ends on its agency's credit: "... washes up on the beach (Reuters)."
_CAPTION_END = re.compile(rf"\((?:{_WIRE_AGENCIES})(?:\s+Photo)?\)\.?$")
# A photo's credit opening the line after its caption: "AP NEW ORLEANS -- ...", "(AP) May 10: ...".
_CREDIT_OPENING = re.compile(rf"^(?:{_WIRE_AGENCIES}|Getty Images|EPA|ESA|NASA|"
                             rf"\((?:{_WIRE_AGENCIES})(?:\s+Photo)?\))\s+(?=\S)")
# A caption run into the story, ended by its agency's credit: "Families hug (AP) Officials
# confirmed on Thursday ...", or the credit alone: "(AP) Officials confirmed ...".
_CREDITED_CAPTION = re.compile(
    rf"^(?:[^()]{{0,300}}?\s)?\((?:{_WIRE_AGENCIES})(?:\s+Photo)?\)\s+(?![-–—])(?=[\"“A-Z])")
# Each furniture pattern with the words one of which its every match holds (see hints):
# first those of the lines read, then those of the sentences extracted.
_HINTED_CLUTTER_ANYWHERE = Hinted(_CLUTTER_ANYWHERE, "ago", "view", "read")
_HINTED_PROMO = Hinted(_PROMO, "bringing you", "follow", "sign up", "subscribe to our", "download")
_HINTED_COMMENT_BYLINE = Hinted(_COMMENT_BYLINE, "posted by", "report", "|", "wrote", "closed",
                                "expressed")
_HINTED_STAMP = Hinted(_STAMP, "last updated")
_HINTED_POSTED_BY = Hinted(_POSTED_BY, "posted by")
_HINTED_CREDIT = Hinted(_CREDIT, "Getty Images", "/")
_CLOCK_HINT = re.compile(r"\d[:.]\d\d")  # what _CLOCK needs
_FURNITURE_IN = (
    Hinted(_COMMENT_MARK, "abuse", "discussion", "welcome"),
    Hinted(_CREDITS_IN, "reporting", "writing", "editing", "edited"),
    Hinted(_CAPTION, "in this "),
    Hinted(_PAGE_NOTICE, "appeared", "contributed to this report", "sign up for ", "this article",
           "this story", "this page", "letters for publication", "if you need help using"),
)
_LEADS = (
    (Hinted(_WIRE_LEAD, "("), False), (Hinted(_CREDITED_CAPTION, "("), False),
    (_LEAD_STAMP, True), (_INNER_STAMP, True), (Hinted(_PHOTO_LEAD, "Photo", "Getty Images"), False),
    (Hinted(_DATELINE, "--", "\u2014", "\u2013"), False), (Hinted(_BYLINE, "By"), False),
    (_BROKEN_LEAD, False),
)
_HINTED_CAPTION_CREDIT = Hinted(_CAPTION_CREDIT, "Photo", "Picture", "Image")
_REPORTED_MIN_WORDS = 4  # fewer, once the furniture is gone, is no sentence to quote


def reported_start(text: str) -> int | None:
    """Return where a sentence's own text begins after furniture run into its start, or None.

    None means the sentence is furniture or a fragment ("L) said on Thursday.") throughout.
    """
    lower = lowered(text)
    stripped = text.rstrip()
    if (any(p.search(text, lower) for p in _FURNITURE_IN)
            or (stripped.endswith((")", ").")) and _CAPTION_END.search(stripped))):
        return None
    clock = _CLOCK_HINT.search(text) is not None  # a stamp needs a clock time
    start = 0
    for _ in range(4):  # a credit, then a stamp, then a dateline ...
        rest = text[start:]
        for pattern, stamp in _LEADS:
            if stamp and not clock:
                continue
            if m := pattern.match(rest):
                start += m.end()
                break
        else:
            if m := _HINTED_CAPTION_CREDIT.match(rest):
                start += m.end() + _credit_length(rest[m.end():])
                continue
            break
    rest = text[start:]
    if _FRAGMENT.match(rest) or (start and (len(_WORD.findall(rest)) < _REPORTED_MIN_WORDS
                                            or not rest[0].isupper() and rest[0] not in "\"“‘'")):
        return None
    return start


def _credit_length(text: str) -> int:
    """Return the length of the photo credit that text opens with, and the space after it."""
    words = list(_CREDIT_NAME.finditer(text[:120]))
    if not words or words[0].start() != 0:
        return 0
    # "Ann Lee/AFP", "Associated Press/BP": through the agency after the last slash.
    slash = re.match(r"^(?:[A-Z][\w.'’-]*\s+){0,3}[\w.'’-]*/\s?[A-Za-z][\w’'-]*"
                     r"(?:\s+(?:Images|Press|Features))?\s*", text)
    if slash:
        return slash.end()
    known = re.match(r"^(?:Associated Press|Getty Images|Reuters|AFP|AP|EPA|PA|Rex Features)\s+", text)
    if known:
        return known.end()
    # A photographer's name: two words ("for the Guardian" after it), else one.
    for count in (2, 1, 3):
        if len(words) <= count:
            continue
        m = re.match(rf"^(?:[A-Z][\w.'’-]*\s+){{{count}}}(?:for the [A-Z]\w+\s+)?", text)
        if m and re.match(r"[\"“‘A-Z]", text[m.end():]):
            return m.end()
    return 0


def reported_sentences(sentences: list[Sentence]) -> list[Sentence]:
    """Return the sentences that report something, each starting after the furniture run into it."""
    out = []
    for sentence in sentences:
        start = reported_start(sentence.text)
        if start is None:
            continue
        if start:
            sentence = Sentence(sentence.start + start, sentence.end, sentence.text[start:])
        out.append(sentence)
    return out


_HASHTAG = re.compile(r"#\w+")
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")
# A line ends a sentence on a stop, then perhaps closing quotes and brackets; or on a quote.
_TERMINALS, _CLOSERS, _CLOSING_QUOTES = tuple(".!?…:;"), "\"'”’)]", tuple("\"'”’")
_FUNCTION_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and",
    "or", "but", "that", "which", "who", "as", "his", "her", "its", "their", "our", "is",
    "are", "was", "were", "has", "had", "have", "be", "been", "not", "than", "into",
}


def is_clutter(line: str) -> bool:
    """Return whether a line is web page furniture rather than article text."""
    stripped = line.strip()
    if not stripped:
        return False
    if _CLUTTER_LINES.match(stripped) or _CLUTTER_PREFIX.match(stripped):
        return True
    if (_HINTED_CLUTTER_ANYWHERE.search(stripped) and not _ends_sentence(stripped)
            and len(_WORD.findall(stripped)) <= 12):
        return True
    tags = _HASHTAG.findall(stripped)
    if tags and len(tags) * 2 >= max(1, len(stripped.split())):
        return True
    return bool(_HINTED_PROMO.search(stripped))


def strip_furniture(line: str) -> str:
    """Return a line without the page stamp or photo credit run into it."""
    if _STAMP_LINE.match(line.strip()) or len(_HINTED_POSTED_BY.findall(line)) >= 2:
        return ""
    if m := _HINTED_STAMP.match(line):
        line = line[m.end():]
    return _HINTED_CREDIT.sub("", line)


def stamp_day(lines: list[tuple[int, str]]) -> tuple[str, int] | None:
    """Return the day text of the body's first page stamp and its line number, if it has one."""
    for number, line in lines:
        if m := _HINTED_STAMP.match(line):
            day = m["day"] or m["after"]
            if day:
                return day, number
        elif _STAMP_LINE.match(line.strip()) and (d := _STAMP_DAY.search(line)):
            return d.group(), number
    return None


def drop_thread(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Return the lines before the reader-comment thread, if the page has one."""
    size = 0
    for i, (_, line) in enumerate(lines):
        text = line.strip()
        if _HINTED_COMMENT_BYLINE.search(text) or ((_THREAD_HEADING.match(text) or _CREDITS.match(text))
                                            and size >= THREAD_AFTER_CHARS):
            return lines[:i]
        size += len(text)
    return lines


def _ends_sentence(line: str) -> bool:
    """Return whether a line ends on a stop (then perhaps closing quotes or brackets) or a quote."""
    line = line.rstrip()
    if line.endswith(_CLOSING_QUOTES):
        return True
    return line.rstrip(_CLOSERS).endswith(_TERMINALS)


def _normal(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def _looks_like_headline(line: str, next_line: str | None) -> bool:
    """Return whether the first line of a body reads as a headline run into the text."""
    words = _WORD.findall(line)
    if not 3 <= len(words) <= 25 or _ends_sentence(line):
        return False
    if next_line is None:
        return True
    capitalised = sum(w[0].isupper() for w in words)
    if capitalised * 2 > len(words) + 1:
        return True
    # A wrapped first line ends mid-phrase; a headline ends on a content word and the
    # text goes on with a new sentence.
    return (words[-1].lower() not in _FUNCTION_WORDS and next_line[:1].isupper())


def clean_body(lines: list[tuple[int, str]], title: str | None) -> tuple[str | None, list[Paragraph]]:
    """Return the body's headline (if it has one) and its cleaned paragraphs.

    ``lines`` are (line number, text) pairs of the body. A headline equal to ``title``
    is dropped from the body; without a title, a headline-like first line becomes it.
    """
    # Cleaned again here: Markdown turns character references (&#x202e;) into characters.
    lines = drop_thread([(n, strip_furniture(clean_text(line))) for n, line in lines])
    kept = _drop_captions([(n, line.rstrip()) for n, line in lines if not is_clutter(line)])
    headline = None
    first = next((i for i, (_, text) in enumerate(kept) if text.strip()), None)
    if first is not None:
        text = kept[first][1].strip()
        following = next((t.strip() for _, t in kept[first + 1:] if t.strip()), None)
        if title and _normal(text) == _normal(title):
            headline = text
            kept[first] = (kept[first][0], "")
        elif not title and following is not None and _looks_like_headline(text, following):
            headline = text
            kept[first] = (kept[first][0], "")
    return headline, _join_wrapped(kept)


def _drop_captions(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Return the lines with photo captions that open with their day blanked.

    A caption reads like a chronology's line ("July 1: Workers spread booms on the beach."),
    but its agency's credit opens the line after it ("AP NEW ORLEANS -- ...") or the line
    itself, or it stands alone atop the text: a list has more than one line.
    """
    filled = [i for i, (_, text) in enumerate(lines) if text.strip()]
    out = list(lines)
    for k, i in enumerate(filled):
        text = lines[i][1].strip()
        credit = _CREDIT_OPENING.match(text)
        if lead_at(text[credit.end():] if credit else text) is None:
            continue
        following = lines[filled[k + 1]][1].strip() if k + 1 < len(filled) else None
        if credit or following is not None and (
                _CREDIT_OPENING.match(following) or k == 0 and lead_at(following) is None):
            out[i] = (lines[i][0], "")
    return out


def _join_wrapped(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Join hard-wrapped lines into paragraphs; a blank line or a finished sentence ends one.

    A chronology's line ("12 November: Arab League suspends Syria") begins a paragraph of its
    own, though the line before it has no full stop.

    A paragraph longer than the longest sentence keeps its line breaks: they may be all that
    separates its entries (a pasted list without full stops), and the sentence splitter
    cuts an over-long sentence there first.
    """
    paragraphs: list[Paragraph] = []
    parts: list[str] = []
    size = 0
    start = 0

    def flush() -> None:
        glue = "\n" if size + len(parts) - 1 > MAX_SENTENCE else " "
        paragraphs.append(Paragraph(glue.join(parts), start))

    for number, line in lines:
        text = line.strip()
        if not text:
            if parts:
                flush()
                parts, size = [], 0
            continue
        if parts and lead_at(text) is not None:
            flush()
            parts, size = [], 0
        if not parts:
            start = number
        parts.append(text)
        size += len(text)
        if _ends_sentence(text):
            flush()
            parts, size = [], 0
    if parts:
        flush()
    return paragraphs

