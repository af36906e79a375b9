"""The words of policy measures, defined once: what states an instrument, a status, a
next step, a measure done before the report, a reaction to a measure, and what a
measure covers or demands. General vocabulary only, like `lexicon`, beside which it
lives (split off to keep each module short)."""

from __future__ import annotations

from .lexicon import MONTH, WEEKDAY

# Words that must stand in a sentence for it to state a measure of that instrument.
# Each word is matched from its start ('import' is not in 'important'); a word that shares
# an instrument's spelling is not the instrument ('deal with', 'targeted', 'investors',
# 'with the goal of finalizing', the capitalised 'Line of Control', 'finance minister').
INSTRUMENT_WORDS = {
    "tariff": r"\btariff|\bdut(?:y|ies)\b|\blev(?:y|ies)\b",
    "export control": r"\bexport|(?-i:\bcontrols?\b)|\bembargo|\bbans?\b|\bbanned\b|\bcurbs?\b",
    "import restriction": r"\bimport(?:s|ed|er|ers|ing)?\b",
    "licence": r"\blicen[cs]",
    "sanction": r"\bsanction|\bblacklist|\bentity list",
    "truce or deal": r"\btruce|\bcease-?fire|\bdeals?\b(?!\s+(?:\w+ly\s+)?with\b)|\bagreements?\b|"
                     r"\baccords?\b|\bpacts?\b|\btreat(?:y|ies)\b|\breprieve|\bpause|\bhalt|"
                     r"\bhold fire|\bstop\w* (?:all )?(?:firing|fighting|hostilities)",
    "spending or finance target": r"\bspend|\bbudget|\bfinanc(?!e minist|ial)|"
                                  r"\bfund(?:s|ed|ing)?\b|\bpledg|\btargets?\b|"
                                  r"\bgoals?\b(?! of \w+ing)|\bmobili[sz]|\bcontribut|"
                                  r"% of (?:gdp|gross domestic|economic output)|\bpurchas|"
                                  r"\bprocure",
    "interest rate": r"\brates?\b|\bbasis points?|\bdeposit|\bpercentage points?|\bborrowing",
    "investment": r"\binvest(?!or)",
    "subsidy": r"\bsubsid",
    "other": r".",
}
# Words that say a measure is threatened, and hedges that only may say so.
THREAT_WORDS = r"\bthreat|\bwarn|\bunless\b|\brevert"
HEDGE_WORDS = r"\bcould\b|(?-i:\bmay\b)|\bmight\b|\bif\b"  # not the month May
# Words that must stand in a sentence for a measure to have that status, each matched
# from its start ('accord' is not in 'according', 'ease' not in 'East').
STATUS_WORDS = {
    "threatened": f"{THREAT_WORDS}|{HEDGE_WORDS}",
    "proposed": r"\bpropos|\bplan|\bseek|\bconsider|\bpush|\bcall(?:s|ed)? for",
    "expected": rf"\bexpect|\bwill\b|\banticipat|\blikely\b|\bset to\b|\bdue to\b|{HEDGE_WORDS}",
    "in force": r"\bimpos|\bimplement|\bin place\b|\bin force\b|\bsince\b|\brestrict|\bparaly[sz]|"
                r"\bblock|\bsuspend|\bbaseline|\bcurrent",
    "suspended": r"\bsuspen|\bpause|\bhalt|\bfreez|\breprieve",
    "eased": r"\beas(?:e|ed|es|ing)\b|\brelax|\bloosen|\blower|\broll ?back|\bscaled-down|\bcut\b",
    "agreed": r"\bagree|\bstruck\b|\bdeals?\b|\btruce|\baccords?\b|\bsigned\b|\bendors|\badopt|"
              r"\bapprov|\bcommit",
    "extended": r"\bextend|\bextension",
    "lifted": r"\blift|\bremov|\bend(?:ed|s)?\b|\bscrap",
    "unknown": r".",
}
# The order a status is read from a sentence when the model's is not stated there: a
# threat or a proposal before what is done, what is done before what is expected.
STATUS_READING_ORDER = ("threatened", "proposed", "suspended", "lifted", "extended", "eased",
                        "agreed", "in force", "expected")
# A sentence about what comes next names a time ahead and one of these: a deadline, an
# expiry, a next round ('set to expire in August unless…', 'talks resume on Tuesday').
NEXT_STEP_WORDS = (r"will|shall|set to|expected to|scheduled|deadline|expir\w*|until|unless|"
                   r"next (?:week|month|year|round|step)|later this|by the end of|"
                   r"due (?:on|by|in)")
TIME_AHEAD_WORDS = (rf"{MONTH}|{WEEKDAY}|tomorrow|next (?:week|month|year)|coming|\d{{4}}|"
                    r"\d+\s*(?:-\s*)?(?:days?|weeks?|months?)")
# Statuses that say a measure has happened, and the words that, before the verb, say it
# has not yet: 'might be eased' is expected, not eased.
REALISED_STATUSES = ("in force", "suspended", "eased", "agreed", "extended", "lifted")
NOT_YET_WORDS = (r"to|might|may|could|would|will|should|expected to|set to|likely to|due to|"
                 r"poised to|aims? to|wants? to|hopes? to|plans? to|seeks? to|would like to")
# Words placing a measure before the event reported: background ('the truce agreed last
# month', 'two years ago'). A year or a month named after 'in', 'since' or 'set in' counts
# when it comes before the article's own date (`read/cues.before_the_report`).
EARLIER_WORDS = (r"last (?:week|month|year)|earlier (?:this|that) (?:week|month|year)|"
                 r"(?:a|one|two|three|four|five|six|\d+) (?:weeks?|months?|years?) (?:ago|earlier)|"
                 r"previously")
EARLIER_PREPOSITIONS = r"in|since|set in|back in|from"
# A sentence naming any of these may state a policy measure: it is offered to the model.
# The instruments' own words, and words of a measure's state ('quota', 'suspended').
MEASURE_SENTENCE_WORDS = "|".join(
    [words for instrument, words in INSTRUMENT_WORDS.items() if instrument != "other"]
    + [r"restrict|baseline|quota|roll ?back|block|crackdown|suspen|commit"])
# Verbs of a reaction to a measure already stated ('called the goal an illusion',
# 'welcomed the deal'): a sentence whose instrument word is their object, after 'the',
# 'this' or 'that', judges a measure; it does not state one.
REACTION_VERBS = (r"call(?:s|ed|ing)?|describ(?:es?|ed|ing)|welcom(?:es?|ed|ing)|"
                  r"hail(?:s|ed|ing)?|prais(?:es?|ed|ing)|criticis(?:es?|ed|ing)|"
                  r"criticiz(?:es?|ed|ing)|slamm?(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|"
                  r"condemn(?:s|ed|ing)?|applaud(?:s|ed|ing)?|greet(?:s|ed|ing)?|"
                  r"blast(?:s|ed|ing)?|cheer(?:s|ed|ing)?|gave|give[sn]?")
# What a measure's scope includes or leaves out: 'covers', 'exempts', 'carved out'.
INCLUDE_WORDS = (r"includ\w*|covers?|covered|covering|appl(?:y|ies|ied) to|extends? to")
EXCLUDE_WORDS = (r"exclud\w*|exempt\w*|carved? out|carves out|spared|left out|leaves? out|"
                 r"except|off the list|(?:not|n't)\s(?:be\s)?(?:includ\w*|cover\w*)")

# Opposite stances on what a measure demands, counts or grants: one source says a thing
# is required, counted, exempted; another that it is voluntary, not counted, not
# exempted. Each class: (the affirming words, the denying words); a sentence with denying
# words denies even where it also holds an affirming one ('encouraged, but not obliged').
STANCE_WORDS = {
    "whether it is required": (
        r"\brequir(?:es?|ed|ing|ement)\b|\boblig(?:es?|ed|ing|ation|atory)\b|"
        r"\bmandatory\b|\bcompulsory\b",
        r"\bvoluntar\w*|\boptional\b|\b(?:not|n't|never|no longer)\s+(?:be\s+)?(?:obliged|"
        r"required|mandatory|compulsory|binding)\b|\bnon-binding\b"),
    "whether it counts": (
        r"\bcount(?:s|ed|ing)?\s+(?:toward|towards|against|as)\b|\bbe\s+counted\b",
        r"\b(?:not|n't|never|no longer|stops? short of)\s+(?:\w+\s+){0,3}count(?:s|ed|ing)?\b|"
        r"\boutside\s+the\s+(?:[\w%]+\s+){0,2}(?:calculation|count|tally)\b"),
    "whether there is an exemption": (
        r"\bexemption\b|\bopt-?outs?\b|\bcarve-?outs?\b|\bexempt(?:ed|s)?\b",
        r"\bno\s+(?:\w+\s+)?(?:exemption|opt-?outs?|carve-?outs?)\b|\bnot\s+(?:be\s+)?exempt"),
}
