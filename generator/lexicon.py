"""Word lists for event detection: triggers by family and category, and function words."""

from __future__ import annotations

import functools
import re

# family: (category, verbs, nouns). Verbs are base forms; inflections are derived.
# A family groups words that report the same kind of happening, so that two outlets
# writing "deployed" and "sent" can be recognised as telling one event.
DEFAULT_FAMILIES: dict[str, tuple[str, list[str], list[str]]] = {
    "agree": ("agreement", ["sign", "agree", "ratify", "conclude", "negotiate", "broker"],
              ["treaty", "pact", "accord", "agreement", "deal", "ceasefire", "truce",
               "signing", "contract"]),
    "deploy": ("military action", ["deploy", "send", "dispatch", "station", "mobilize",
                                   "mobilise", "reinforce", "transfer"],
               ["deployment", "dispatch", "mobilization", "mobilisation"]),
    "withdraw": ("military action", ["withdraw", "retreat", "evacuate", "leave"],
                 ["withdrawal", "retreat", "evacuation"]),
    "attack": ("military action", ["attack", "seize", "capture", "invade", "strike", "bomb",
                                   "shell", "storm", "occupy", "raid", "assault", "fight",
                                   "launch", "shoot", "advance", "besiege"],
               ["attack", "incursion", "invasion", "offensive", "strike", "raid", "assault",
                "battle", "bombing", "shelling", "airstrike", "siege"]),
    "retake": ("military action", ["retake", "reclaim", "regain", "recapture", "liberate",
                                   "recover", "repel"],
               ["recapture", "liberation", "counteroffensive", "counter-offensive"]),
    "confirm": ("statement", ["confirm", "acknowledge", "admit", "concede", "recognise",
                              "recognize"],
                ["confirmation", "acknowledgement", "acknowledgment", "admission"]),
    "deny": ("statement", ["deny", "reject", "dispute", "refute"], ["denial", "rejection"]),
    "say": ("statement", ["say", "state", "announce", "declare", "praise", "hail", "thank",
                          "commend", "warn", "urge", "tell", "claim", "accuse", "pledge",
                          "promise", "vow", "threaten", "share", "release", "publish",
                          "issue", "call", "condemn", "demand", "express", "respond",
                          "speak", "comment"],
            ["statement", "announcement", "speech", "remarks", "warning", "praise",
             "declaration", "claim", "message", "address", "interview", "letter"]),
    "report": ("report", ["report", "estimate", "surface", "indicate", "assess", "reveal",
                          "show", "suggest", "find", "discover", "document", "record",
                          "emerge"],
               ["report", "estimate", "footage", "photo", "images", "assessment",
                "findings", "survey", "study"]),
    "casualty": ("casualties", ["kill", "die", "wound", "injure", "lose", "perish"],
                 ["death", "deaths", "casualties", "casualty", "losses", "fatalities",
                  "toll", "killing"]),
    "meet": ("diplomacy", ["meet", "visit", "host", "hold", "talk", "travel"],
             ["meeting", "visit", "talks", "summit", "trip", "negotiations", "conference"]),
    "elect": ("politics", ["elect", "vote", "win", "appoint", "resign", "nominate",
                           "inaugurate", "sack", "fire"],
              ["election", "vote", "referendum", "resignation", "appointment",
               "inauguration"]),
    "legal": ("legal", ["arrest", "charge", "sentence", "convict", "sue", "rule", "ban",
                        "sanction", "indict", "detain", "jail", "acquit", "fine"],
              ["arrest", "trial", "verdict", "ruling", "sanctions", "ban", "indictment"]),
    "health": ("health", ["infect", "spread", "vaccinate", "quarantine", "hospitalise",
                          "hospitalize", "test", "diagnose"],
               ["outbreak", "pandemic", "epidemic", "infection", "infections", "cases",
                "vaccine", "vaccination", "quarantine"]),
    "economy": ("economy", ["rise", "fall", "cut", "raise", "invest", "buy", "sell",
                            "trade", "export", "import", "borrow", "lend"],
                ["sale", "merger", "acquisition", "tariff", "tariffs", "deal"]),
    "begin": ("event", ["begin", "start", "open", "establish", "found", "create", "build",
                        "introduce", "unveil"],
              ["beginning", "start", "opening", "founding", "launch"]),
    "end": ("event", ["end", "close", "finish", "halt", "stop", "suspend", "cancel",
                      "collapse"],
            ["end", "closure", "halt", "suspension", "collapse"]),
}

IRREGULAR_PAST = {
    "sent": "send", "took": "take", "taken": "take", "withdrew": "withdraw",
    "withdrawn": "withdraw", "told": "tell", "said": "say", "gave": "give", "given": "give",
    "began": "begin", "begun": "begin", "fought": "fight", "led": "lead", "held": "hold",
    "met": "meet", "won": "win", "left": "leave", "struck": "strike", "shot": "shoot",
    "fell": "fall", "fallen": "fall", "broke": "break", "broken": "break", "made": "make",
    "found": "find", "brought": "bring", "saw": "see", "seen": "see", "spoke": "speak",
    "spoken": "speak", "wrote": "write", "written": "write", "rose": "rise", "risen": "rise",
    "sold": "sell", "bought": "buy", "lost": "lose", "caught": "catch", "ran": "run",
    "retook": "retake", "retaken": "retake", "overtook": "overtake", "died": "die",
    "fled": "flee", "hit": "hit", "cut": "cut", "shut": "shut", "put": "put", "set": "set",
    "spread": "spread", "built": "build", "drove": "drive", "driven": "drive", "chose": "choose",
    "chosen": "choose", "stole": "steal", "stolen": "steal", "swore": "swear", "sworn": "swear",
    "forbade": "forbid", "froze": "freeze", "frozen": "freeze", "sank": "sink", "sunk": "sink",
    "paid": "pay", "laid": "lay", "sought": "seek", "thought": "think", "kept": "keep",
    "felt": "feel", "heard": "hear", "understood": "understand", "went": "go", "gone": "go",
    "came": "come", "became": "become", "did": "do", "done": "do", "had": "have", "was": "be",
    "were": "be", "been": "be", "got": "get", "gotten": "get", "knew": "know", "known": "know",
}

# Verbs that carry no event of their own ("it came after", "it follows").
LIGHT_VERBS = {
    "be", "have", "do", "come", "go", "follow", "become", "get", "seem", "appear", "think",
    "know", "feel", "keep", "remain", "continue", "mark", "link", "base", "consider",
    "expect", "suppose", "use", "relate", "concern", "involve", "name", "locate", "aim",
    "design", "intend", "need", "require", "prepare", "equip", "allege", "add", "note",
    "believe", "understand", "hear", "see", "make", "put", "set", "let", "want", "try",
    "include", "carry", "cite", "quote", "accord", "mean", "tend", "list", "title", "late",
    "unite", "arm", "limit", "advance", "detail", "experience", "interest", "worry", "tire",
    "skill", "train", "motivate", "prove", "purport", "lead", "play", "pose", "gain",
}

# Words that open a subordinate or relative clause, where a date's clause ends.
CLAUSE_OPENERS = {
    "that", "which", "who", "whom", "whose", "while", "whereas", "although", "though",
    "because", "after", "before", "since", "when", "whenever", "where", "if", "unless",
    "but", "despite", "as",
}

STOPWORDS = set("""
a an the of in on at to for by with from and or but that which who whom whose as is are was
were be been being has have had do does did not no nor so than then this these those it its
it's they them their there here he him his she her we us our you your i me my into onto over
under about after before since until while when where why how what all any both each few
more most other some such only own same too very can will would could should may might must
shall also just now still yet again ever even much many one two three four five six seven
eight nine ten said says say according reported reports told
""".split())

_VOWEL = re.compile(r"[aeiou]")


def inflections(verb: str) -> set[str]:
    """Return the regular inflected forms of a base verb ("seize" -> "seized", ...)."""
    forms = {verb}
    if verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    else:
        suffix_s = "es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"
        forms |= {verb + suffix_s, verb + "ed", verb + "ing"}
        # Double a final consonant after a single stressed vowel ("admit" -> "admitted").
        if (len(verb) >= 3 and verb[-1] not in "aeiouwxy" and verb[-2] in "aeiou"
                and verb[-3] not in "aeiou" and len(_VOWEL.findall(verb)) <= 2
                and not verb.endswith(("en", "er", "on", "it", "ow"))):
            forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
        if verb.endswith("it") and len(verb) <= 6:
            forms |= {verb + "ted", verb + "ting"}
    return forms


@functools.lru_cache(maxsize=1 << 17)  # a pure function of the word, asked for every word
def lemma(word: str) -> str:
    """Return a crude base form of an English verb form."""
    w = word.lower()
    if w in IRREGULAR_PAST:
        return IRREGULAR_PAST[w]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("tted", "t"), ("pped", "p"),
                         ("gged", "g"), ("nned", "n"), ("mmed", "m"), ("rred", "r"),
                         ("ed", ""), ("ing", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + repl
    return w


def trigger_table(
    families: dict[str, tuple[str, list[str], list[str]]],
) -> dict[str, tuple[str, str, bool]]:
    """Return surface form -> (family, category, is_verb) for every trigger word."""
    table: dict[str, tuple[str, str, bool]] = {}
    for family, (category, verbs, nouns) in families.items():
        for noun in nouns:
            table.setdefault(noun, (family, category, False))
        for verb in verbs:
            forms = inflections(verb) | {p for p, base in IRREGULAR_PAST.items() if base == verb}
            for form in forms:
                table[form] = (family, category, True)
    return table
