"""Every word class is defined once, in `briefs.text.lexicon` (the words of policy
measures in `briefs.text.measure_words`), and the rules use it."""

from __future__ import annotations

import re
import subprocess

import pytest

from briefs.read.attribution import rule_speaker
from briefs.read.people import find_people
from briefs.read.segment import segment
from briefs.read.sides import canonical_side
from briefs.text import lexicon, measure_words
from briefs.text.names import post_key
from conftest import ROOT

# Each class, and how a copy of it would read in code (as a tuple or as a regex).
CLASSES = [
    ("speech verbs", lexicon.SPEECH_VERBS, ['"said", "says", "told"', "said|says|told"]),
    ("office words", lexicon.OFFICE_NOUNS, ["president presidents vice premier",
                                            "secretary|minister|premier"]),
    ("single-holder offices", lexicon.SINGLE_HOLDER_OFFICES,
     ['"secretary", "minister", "premier"', "secretary|minister|premier"]),
    ("countries", lexicon.COUNTRIES, ['"chinese", "beijing"', "china chinese beijing"]),
    ("measure instruments", measure_words.INSTRUMENT_WORDS,
     ['"export control": r"\\bexport', "tariff|\\bdut(?:y|ies)"]),
    ("measure statuses", measure_words.STATUS_WORDS,
     ['"threatened": f"{THREAT_WORDS}', "\\bsuspen|\\bpause|\\bhalt"]),
    ("stances", measure_words.STANCE_WORDS, ['"whether it counts": (', "\\bopt-?outs?"]),
    ("clutter lines", lexicon.CLUTTER_LINES, ["skip to (main )?content", "spread the word"]),
    ("former words", lexicon.FORMER_WORDS, ['"former", "ex-?"', "former|ex-?|outgoing"]),
]


@pytest.mark.parametrize(("name", "words", "copies"), CLASSES, ids=[c[0] for c in CLASSES])
def test_each_word_class_is_defined_only_in_the_lexicon(name, words, copies) -> None:
    assert words, f"{name} is empty"
    for copy in copies:
        found = subprocess.run(
            ["git", "grep", "--untracked", "-l", "-F", "-e", copy, "--", "briefs/*.py"],
            cwd=ROOT, capture_output=True, text=True).stdout.split()
        assert set(found) <= {"briefs/text/lexicon.py", "briefs/text/measure_words.py"}, \
            f"{name} also defined in {found}"


def test_a_speech_verb_added_to_the_lexicon_reaches_every_rule(monkeypatch) -> None:
    """'noted' is a speech verb: a lone surname before it is a person, and a quote
    in its sentence goes to that person."""
    assert "noted" in lexicon.SPEECH_VERBS
    text = "“We are close,” Halvorsen noted on Friday.\n\nThe talks went on."
    assert "Halvorsen" in find_people(text)
    doc = segment(text)
    assert rule_speaker(doc.quotes[0], doc, None) == "Halvorsen"


def test_countries_name_sides_and_are_never_people() -> None:
    for canon, forms in lexicon.COUNTRIES.items():
        for form in forms:
            assert canonical_side(form) == canon
    assert "New Delhi" not in find_people("Officials in New Delhi said little. Talks went on.")
    assert post_key("Chinese Foreign Minister") == post_key("Foreign Minister")


def test_no_rule_holds_a_name_or_an_outlet() -> None:
    words = " ".join(sorted(lexicon.NOT_NAME_WORDS))
    assert not re.search(r"\b(reuters|bloomberg|cnbc|cbs|fox|trump)\b", words)
