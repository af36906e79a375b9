"""Every word class briefs reads news with, defined once.

Only general vocabulary of news writing lives here: speech verbs, office words, countries,
calendar words, measure and status words, clutter phrases. Never a person's name, an
outlet or a phrase copied from one article. A rule elsewhere builds its pattern from
these classes (with `alternation`), so widening a class widens every rule that uses it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from pathlib import Path


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of `words` (longest first, so 'told' before 'to')."""
    return "(?:" + "|".join(sorted(set(words), key=lambda w: (-len(w), w))) + ")"


# ---- function words ---------------------------------------------------------------------

STOPWORDS = frozenset(
    """
    the a an and or but of to in on at for with by from as is are was were be been it
    its that this these those they them their there we our you your he she his her i me
    my not no so if then than too very can could would should will may might must do
    does did have has had just also about into over after before more most some any all
    which who what when where how said says told
    """.split()
)
# The commonest English function words: news prose is about 35% these words.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as by was said at from it be has have are will "
    "not this an its were which".split())
PRONOUNS_MALE = frozenset({"he", "his", "him"})
# A sentence opening with one of these leans on the one before it: never shown alone.
LEANING_OPENERS = frozenset({"he", "she", "they", "it", "this", "that", "these", "those",
                             "his", "her", "their", "its", "but", "and", "also", "such"})

# ---- quotation marks --------------------------------------------------------------------

CLOSING_QUOTE = {"“": "”", '"': '"', "‘": "’", "'": "'"}  # opening mark → its closing mark
OPENING_QUOTES = "".join(CLOSING_QUOTE)
# Every quote mark folded to its straight form (for matching quoted words to the text).
FOLD_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'"})

# ---- speech -----------------------------------------------------------------------------

# Verbs that attribute words to a speaker: 'X said', 'she told reporters'.
SPEECH_VERBS = ("said", "says", "told", "wrote", "added", "saying", "stated", "warned",
                "noted", "explained", "put it", "replied", "replies", "responded", "insisted",
                "argued", "declared", "asked", "quipped", "remarked", "conceded",
                "acknowledged", "cautioned", "stressed", "admitted", "recalled")
SPEECH_VERB = alternation(SPEECH_VERBS)
# Verbs that introduce a statement issued in writing, online or read out: 'X posts on
# social media:', 'Y has read out a statement:'.
ISSUING_VERBS = ("posts", "posted", "writes", "adds", "tweeted", "announces", "announced",
                 "read out", "reads out", "issued")
# Verbs that frame quoted words as someone's characterisation: 'he described the tariffs
# as “unfair”', 'calling the pledge “abysmally poor”'.
# Praise and thanks frame words the same way: 'X thanked Y for his “leadership”' quotes X,
# never Y.
PRAISE_VERBS = ("praised", "praising", "thanked", "thanking", "hailed", "commended",
                "credited", "welcomed")
FRAMING_VERBS = ("described", "describing", "describes", "called", "calling", "calls",
                 "dubbed", "branded", "termed", *PRAISE_VERBS)
# Auxiliaries between a pronoun and its speech verb: 'he had told reporters'.
SPEECH_AUXILIARIES = ("had", "has", "also", "later", "then", "again", "once")
# Phrases that name where words were said: 'told CNBC', 'in an interview with Fox'.
VENUE_CUES = ("told", "said to", "speaking to", "interview with", "interview on", "said on")

# ---- offices and titles -----------------------------------------------------------------

# Nouns of office, printed before or after a name: 'Treasury Secretary X', 'X, director of'.
OFFICE_NOUNS = frozenset(
    """
    president presidents vice premier secretary minister representative director chair
    chairman chairwoman governor ambassador adviser advisor spokesman spokeswoman
    spokesperson senator commissioner chancellor prime deputy chief head envoy negotiator
    """.split()
)
# Offices one person holds at a time: two holders at once is a contradiction.
SINGLE_HOLDER_OFFICES = ("secretary", "minister", "premier", "president", "representative",
                         "director", "governor", "chancellor", "ambassador", "chair",
                         "chairman", "chairwoman", "chief", "head", "heads", "spokesman",
                         "spokeswoman", "spokesperson")
# Ranks printed before a name ('General', 'Admiral'): part of a title, not of the name.
RANKS = frozenset({"general", "colonel", "major", "admiral", "lieutenant", "captain",
                   "sergeant", "marshal", "brigadier", "commander",
                   "gen", "maj", "lt", "col", "brig", "adm", "capt", "cmdr", "sgt"})
# Words of a post that every government has, whoever holds it ('Prime Minister',
# 'Foreign Minister', 'Secretary General'): without a side they say nothing of whose.
GENERIC_POST_WORDS = frozenset({"prime", "vice", "deputy", "general", "chief", "foreign",
                                "defence", "defense", "finance", "interior", "home",
                                "external", "affairs", "state", "trade", "economy",
                                "justice", "health", "energy", "executive"})
# Offices of one kind whatever a country calls them: a Commerce Secretary and a Defence
# Minister hold rival posts; a summit's president may also be a minister.
CABINET_OFFICES = frozenset({"minister", "secretary"})
# Words in a phrase after a name that make it a post ('X, the bank's chief economist').
APPOSITIVE_OFFICE_WORDS = ("director", "chair", "head", "heads", "secretary", "minister",
                           "president", "adviser", "advisor", r"spokes\w+", "official",
                           "representative", "governor", "ambassador", "economist",
                           "analyst", "chief", "leader", "premier", "envoy", "professor",
                           "founder", "ceo", "negotiator")
# People who comment on an event rather than act in it.
COMMENTATOR_NOUNS = ("analyst", "economist", "professor", "expert", "researcher", "fellow",
                     "strategist", "commentator", "columnist", "observer")
# Lower-case words that may stand inside a printed title ('trade adviser', 'the chief').
TITLE_FILLERS = ("of", "the", "for", "economic", "trade", "foreign", "finance", "defence",
                 "defense", "adviser", "advisor", "spokeswoman", "spokesman",
                 "spokesperson", "official", "minister", "secretary", "director", "envoy",
                 "negotiator", "chief", "deputy", "delegate", "representative")
# Plural titles before two names: 'Presidents X and Y'.
SINGULAR_OF_PLURAL_TITLES = frozenset({"president", "minister", "secretary", "premier",
                                       "leader"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir"})
# Offices abbreviated before a name ('PM Jane Roe', 'Sen. Roe').
OFFICE_ABBREVIATIONS = frozenset({"pm", "fm", "nsa", "gov", "sen", "rep", "amb"})
# Department and policy words that stand in titles: 'Treasury', 'Foreign', 'Economic'.
DEPARTMENT_WORDS = frozenset(
    """
    treasury commerce trade state foreign defence defense finance economic economy
    national council
    """.split()
)
# Words that make a different, lower post of an office: 'Deputy Prime Minister'.
RANK_QUALIFIERS = frozenset({"deputy", "vice", "assistant", "under", "junior", "acting",
                             "shadow", "associate", "lieutenant"})
# A post no longer held: 'former President', 'ex-minister'.
FORMER_WORDS = ("former", "ex-?", "outgoing", "erstwhile", "one-time")
# Words that qualify a post without changing which post it is (besides country words).
POST_QUALIFIERS = frozenset(
    "us usa united states white house whitehouse s head heads headed leads led current "
    "then former ex outgoing erstwhile".split())

# ---- countries and sides ----------------------------------------------------------------

def _gazetteer() -> tuple[dict[str, set[str]], frozenset[str], frozenset[str]]:
    """Canonical side → the forms news writing uses for it (name, adjectives, capital),
    from countries.txt beside this module; which sides are bodies of states (the
    lines after its '# Bodies' comment); and the capitals."""
    out: dict[str, set[str]] = {}
    bodies: set[str] = set()
    capital_cities: set[str] = set()
    in_bodies = False
    path = Path(__file__).with_name("countries.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        in_bodies = in_bodies or line.startswith("# Bodies")
        if not line.strip() or line.startswith("#"):
            continue
        name, forms, capitals = ([*line.split("|"), "", ""])[:3]
        out[name] = {name.lower(), *(f.strip() for f in f"{forms},{capitals}".split(",")
                                     if f.strip())}
        capital_cities.update(c.strip() for c in capitals.split(",") if c.strip())
        if in_bodies:
            bodies.add(name)
    return out, frozenset(bodies), frozenset(capital_cities)


COUNTRIES, STATE_BODIES, CAPITALS = _gazetteer()  # sides; the EU, the UN, NATO…; capitals
# Single words that name a country or its people: they say whose post it is, not which.
COUNTRY_WORDS = frozenset(f for forms in COUNTRIES.values() for f in forms if " " not in f)
COUNTRY_ABBREVIATIONS = (r"U\.S\.", "US", "EU", "UK", r"U\.N\.", "UN")

# ---- bodies, outlets and platforms ------------------------------------------------------

# Nouns that make a capitalised name a body, not a person ('the Foreign Office said').
BODY_NOUNS = frozenset(
    """
    office ministry department agency council committee commission government
    administration army force forces military police party court parliament assembly senate
    congress bank fund union group institute university secretariat cabinet embassy
    directorate board authority organisation organization alliance coalition
    operation operations treaty accord desk base
    """.split()
)
# Nouns that end a phrase naming a group that can take a measure: 'developed countries',
# 'NATO allies', 'the central bank', 'multilateral development banks'.
GROUP_NOUNS = BODY_NOUNS | frozenset(
    """
    countries nations states members allies governments parties banks leaders ministers
    officials lenders donors producers exporters importers economies negotiators delegation
    delegations team teams actors stakeholders
    """.split()
)
# Words that qualify a group able to take a measure, in lower case ('developed countries',
# 'least developed countries', 'major emerging economies'); any other lower-case word
# before a group noun is not part of its name ('committing developed nations' names
# 'developed nations', 'industrial base' names no group).
GROUP_QUALIFIERS = frozenset(
    """
    developed developing emerging least less rich richer richest poor poorer poorest
    wealthy wealthier advanced industrialised industrialized major small island
    vulnerable member central multilateral allied western fellow donor creditor
    """.split()
)
# Verbs that put the party after them under a measure ('calls on developed countries to
# take the lead', 'commits allies to spend', 'requires emerging economies to contribute').
OBLIGING_VERBS = (r"call(?:s|ed|ing)? on|commit(?:s|ted|ting)?|requir(?:es?|ed|ing)|"
                  r"encourag(?:es?|ed|ing)|urg(?:es?|ed|ing)|oblig(?:es?|ed|ing)|"
                  r"allow(?:s|ed|ing)?|permit(?:s|ted|ting)?|invit(?:es?|ed|ing)|"
                  r"direct(?:s|ed|ing)?|forc(?:es?|ed|ing)")
# Prepositions that make the side or group after them a place, a target or a partner of
# a measure ('talks in Azerbaijan', 'tariffs on China', 'a deal with Britain'), never
# the one taking it ('by' names the taker: 'endorsed by NATO leaders').
NOT_ACTOR_PREPOSITIONS = frozenset(
    "in at on to from against into with for over of among between across about".split())
# Words that make a capitalised name an outlet or a platform, never a speaker.
MEDIA_WORDS = frozenset(
    """
    news times post journal herald courier wire daily tribune gazette press television
    tv radio channel network media social broadcaster newspaper magazine online blog
    """.split()
)
# Second halves of hyphenated place or group words: 'Indian-administered', 'Gulf-based'.
COMPOUND_QUALIFIERS = frozenset({"administered", "based", "led", "backed", "controlled",
                                 "owned", "run", "occupied", "held"})

# ---- calendar ---------------------------------------------------------------------------

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
WEEKDAYS = [d.lower() for d in calendar.day_name]
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|" \
        r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A wire dateline opening a report: the place in capitals, the date, the agency, a dash
# ('PORTO, May 3 (ABC) — …', 'ISLAMABAD: …'). The place says where, not who acts.
DATELINE_PLACE = r"[A-Z][A-Z .'/-]+"
DATELINE = (rf"^{DATELINE_PLACE}(?:,\s*(?:{MONTH}\s*\d{{1,2}}|\d{{1,2}}\s+{MONTH}))?"
            r"\s*(?:\([^)]{1,20}\))?\s*(?:[-—–:]|\s-\s)\s*")

# ---- capitalised words that are not people's names --------------------------------------

# Function words, regions, bodies and media words: capitalised at a sentence start or in
# a proper noun, they open or close a run of capitalised words without being part of a
# person's name. Countries, months and weekdays join them below.
NOT_NAME_WORDS = frozenset(
    """
    the a an in on at as but and or if it its she they we i you this that these those
    since while after before during when still however following according amid top
    officials official also then there here what who why how our their his her
    americans europe european north south east west global world rare earth earths
    house council ministry street news day time co inc technologies index program channel
    times post journal government white party group nation futures talks meeting summit
    republican democrat republicans democrats congress senate agency department
    administration bank fund
    """.split()
) | {w for forms in COUNTRIES.values() for f in forms for w in f.split()} \
  | frozenset(MONTHS) | frozenset(WEEKDAYS)
# Every form of every country, whole ('New Delhi', 'South Korea'): a place, not a person.
COUNTRY_FORMS = frozenset(f for forms in COUNTRIES.values() for f in forms)

# ---- meetings and events ----------------------------------------------------------------

# Nouns for a sitting of the parties ('the talks ran 90 minutes').
SITTING_NOUNS = ("talks", "meeting", "negotiations", "session", "summit", "discussions?",
                 "call")
# What happened on a date, by its verb; 'ended' and 'closed' are one event.
EVENT_VERBS = {
    "start": r"open(?:ed|s)?|beg[au]n|start(?:ed|s)?|kick(?:ed|s)? off|got under way",
    "end": r"end(?:ed|s)?|clos(?:ed|es)|conclud(?:ed|es)|wrapped up",
    "sign": r"sign(?:ed|s|ing)?|inked",
    "meet": r"met|meet(?:s|ing)?|reconven\w*|convene\w*",
    "agree": r"agree(?:d|s)?|struck|reached|adopt(?:ed|s)?|endors(?:ed|es)?|approv(?:ed|es)|"
             r"gavel\w*",
    "announce": r"announc\w*|unveil\w*",
    "call": r"spoke|phone call|call",
    "effect": r"t[ao]ke?s? effect|took effect|into force",
    "expire": r"expir\w*",
    "vote": r"vot(?:e|ed|es)",
}
# Nouns for an agreement: one thing whatever the outlet calls it.
DEAL_NOUNS = frozenset({"agreement", "agreements", "accord", "accords", "pact", "pacts",
                        "treaty", "treaties", "deals"})

# ---- page clutter -----------------------------------------------------------------------

# A whole line matching one of these is clutter; only that line goes.
CLUTTER_LINES = (
    r"skip to (main )?content",
    r"also read\s*:.*",
    r"latest",
    r"highlights",
    r"error",
    r"scroll to top",
    r"categories\s*:.*",
    r"\(with inputs from [^)]*\)",
    r"\d{1,4}",
    r"[A-Z][a-z]{2} \d{1,2}, \d{4} - \d{1,2}:\d{2}",
)
# A line matching one of these is clutter unless it reads as a sentence of reporting
# ('Related talks went on into the night.' stays; 'Related: markets slide' goes).
CLUTTER_PHRASES = (
    r"(read|also read|see also|related)\b.{0,200}",
    r".*\bwhatsapp channel",
    r".*\b(curated by|subscribe to|sign up for)\b.*",
)
# A line starting with one of these is a share prompt: mid-article (a share bar) only the
# line goes; at the end of the page it may open the comment section.
SHARE_PROMPTS = (
    r"spread the word",
    r"please follow and like us",
    r"share this",
    r"enjoy this blog",
)
# A line starting with one of these opens a reader-comment section.
COMMENT_OPENERS = (
    r"leave a (reply|comment)",
    r"your email address will not be published",
    r"\d+ comments?\b",
)
# Openings of a line that addresses the reader with a promotion, not reporting.
PROMO_OPENERS = (r"sign up", r"subscribe", r"follow us", r"click", r"download", r"join us",
                 r"don't miss", r"get the latest")
# Text a chat assistant wrote into a page.
ASSISTANT_OPENERS = (r"as of my (last|latest) (check-in|update|knowledge)", r"as an ai\b",
                     r"as of my knowledge cutoff")
ASSISTANT_ARTIFACT = re.compile(r"^(" + "|".join(ASSISTANT_OPENERS) + ")", re.I)
INLINE_CLUTTER = (r"\(opens in a new tab\)",)
# A line that opens a box restating the article.
SUMMARY_BOX_HEADINGS = (r"highlights", r"key points")

# ---- headlines ---------------------------------------------------------------------------

# What splits an outlet label or breadcrumb into parts: 'Outlet | World', 'News › Business',
# 'Outlet · Live'.
SECTION_SEPARATORS = r"\s(?:\||›|»|>|/|·)\s"
# A prefix wire services put before a headline: 'UPDATE 2-', 'WRAPUP 1-', 'EXCLUSIVE-'.
WIRE_HEADLINE_PREFIX = (r"^(?:(?:UPDATE|WRAPUP|REFILE|CORRECTED|EXCLUSIVE|ANALYSIS)"
                        r"\s*\d*\s*[-–:]\s*)+")
# A byline: 'By Ana Ruiz and Tom Lee'.
BYLINE = r"^by\s+[A-Z]"
HEADLINE_MIN_WORDS = 4  # fewer is a label, a kicker or a section name
