"""People across articles: one identity per person, and the posts sources give them.

Conflicts found here: the same post given to different people (across sources, or by
one source to two people, which is an internal inconsistency), one person given
incompatible posts, and a 'former' title for someone other mentions say holds the post.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ..model import ArticleExtraction, Conflict, Person, Span
from ..text.lexicon import (
    CABINET_OFFICES,
    GENERIC_POST_WORDS,
    OFFICE_NOUNS,
    RANK_QUALIFIERS,
    SINGLE_HOLDER_OFFICES,
)
from ..text.names import is_former, post_key, same_person, same_post
from ..text.tokens import plain
from .common import version

SINGLE_HOLDER_OFFICES_SET = frozenset(SINGLE_HOLDER_OFFICES)


@dataclass
class Identity:
    """One person across all articles."""

    name: str
    mentions: list[Person] = field(default_factory=list)

    @cached_property
    def side(self) -> str | None:
        """The side most mentions give (mentions without one do not vote); read only
        once merging is done."""
        said = Counter(m.side for m in self.mentions if m.side)
        return said.most_common(1)[0][0] if said else None


def merge_people(extractions: Iterable[ArticleExtraction]) -> list[Identity]:
    """Cluster person mentions; the fullest, most frequent name form names the cluster.
    Candidates come from an index of name words (first and last), so the cost stays
    linear in the number of mentions."""
    people: list[Identity] = []
    forms: list[set[str]] = []  # distinct name forms per identity
    by_word: dict[str, set[int]] = defaultdict(set)
    ambiguous: dict[str, int] = {}  # bare surname that fits several people → its identity
    for extraction in extractions:
        for person in extraction.people:
            words = plain(person.name).split() or [person.name]
            keys = {words[0][:4], words[-1][:4]}  # 'Tsipras' finds 'Alexis Tsipra'
            nearby = sorted(set().union(*(by_word.get(k, set()) for k in keys)))
            matches = [i for i in nearby if any(same_person(person.name, f) for f in forms[i])]
            bare = len(words) == 1 and len(matches) > 1
            if bare and person.name in ambiguous:  # 'Keller' when two Kellers are known:
                index = ambiguous[person.name]  # kept apart from both, rather than guessed
                people[index].mentions.append(person)
            elif matches and not bare:
                index = matches[0]
                people[index].mentions.append(person)
            else:
                index = len(people)
                people.append(Identity(person.name, [person]))
                forms.append(set())
                if bare:
                    ambiguous[person.name] = index
            forms[index].add(person.name)
            for word in (words[0], words[-1]):
                by_word[word[:4]].add(index)
    for identity in people:
        forms = Counter(m.name for m in identity.mentions)
        identity.name = max(forms, key=lambda n: (len(n.split()), forms[n]))
    return people


def identity_of(people: list[Identity]) -> dict[tuple[str, str], Identity]:
    return {(m.evidence.source, m.name): p for p in people for m in p.mentions}


def _compatible_sides(known: set[str], side: str | None) -> bool:
    """A missing side fits any; two known sides must agree (US President ≠ Chinese one)."""
    return side is None or not known or side in known


def _bare_office(post: str) -> bool:
    """An office every government has ('president', 'prime minister', 'foreign
    minister', 'secretary general'): whose it is cannot be told without a side."""
    return not set(post.split()) - SINGLE_HOLDER_OFFICES_SET - GENERIC_POST_WORDS


def post_holder_conflicts(people: list[Identity], **_: object) -> list[Conflict]:
    """The same post given to different people (Treasury Secretary: Bessent vs Mnuchin).
    A source that gives one post to two people contradicts itself: that is reported
    once per source, as an internal inconsistency."""
    conflicts = []
    internal: dict[str, list[tuple[str, str, list[Span]]]] = defaultdict(list)
    for group in _post_groups(people):
        by_person: dict[str, list[Span]] = defaultdict(list)
        by_source: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
        for _, _, identity, mention, _ in group:
            by_person[identity.name].append(mention.evidence)
            by_source[mention.evidence.source][identity.name].append(mention.evidence)
        post = min((title for *_, title in group), key=len)
        if len(by_person) > 1 and len(by_source) > 1:
            conflicts.append(Conflict(
                kind="post_holder", subject=post, severity="high",
                versions=[version(name, spans) for name, spans in by_person.items()],
            ))
        for source, named in by_source.items():
            if len(named) > 1:
                internal[source] += [(post, name, spans) for name, spans in named.items()]
    for said in internal.values():
        by_post: dict[str, list[tuple[str, list[Span]]]] = defaultdict(list)
        for post, name, spans in said:
            by_post[post].append((name, spans))
        conflicts.append(Conflict(
            kind="internal_inconsistency", severity="high",
            subject="gives one post to two people",
            versions=[version(f"{post}: " + " and ".join(n for n, _ in named),
                              [s for _, spans in named for s in spans])
                      for post, named in by_post.items()],
        ))
    return conflicts


_Holder = tuple[str, str | None, Identity, Person, str]  # post key, side, who, mention, title


def _post_groups(people: list[Identity]) -> list[list[_Holder]]:
    """Mentions grouped by the post their title names (current posts only: a 'former
    Treasury Secretary' holds no post), on compatible sides."""
    groups: list[list[_Holder]] = []
    sides: list[set[str]] = []  # the known sides of each group
    private: dict[int, Identity] = {}  # a bare office of someone whose side is unknown
    for identity in people:
        for mention in identity.mentions:
            for title in titles(mention):
                key = post_key(title)
                if key is None or is_former(title):
                    continue
                holder = (key, identity.side, identity, mention, title)
                alone = identity.side is None and _bare_office(key)
                found = next((i for i, g in enumerate(groups) if same_post(g[0][0], key)
                              and private.get(i, identity) is identity
                              and (not alone or i in private)
                              and _compatible_sides(sides[i], identity.side)), None)
                if found is None:
                    groups.append([])
                    sides.append(set())
                    found = len(groups) - 1
                    if alone:
                        private[found] = identity
                groups[found].append(holder)
                if identity.side:
                    sides[found].add(identity.side)
    return groups


def titles(person: Person) -> list[str]:
    return list(dict.fromkeys([*([person.role] if person.role else []), *person.titles]))


def person_post_conflicts(people: list[Identity], **_: object) -> list[Conflict]:
    """One person given incompatible posts by different sources (Defence Minister in one,
    Foreign Minister in another); several posts within one source are not a conflict.
    A 'former President' for someone also called the sitting President is a dead
    giveaway: high severity, and internal when one source says both."""
    conflicts = []
    for identity in people:
        posts: dict[str, list[Span]] = {}
        labels: dict[str, str] = {}
        by_source: dict[str, set[str]] = defaultdict(set)
        former: dict[str, list[Span]] = defaultdict(list)
        for mention in identity.mentions:
            for title in titles(mention):
                key = post_key(title)
                if key is None:
                    continue
                known = next((k for k in [*posts, *former] if one_post_for_one_person(k, key)),
                             key)
                if is_former(title):
                    former[known].append(mention.evidence)
                    labels.setdefault("former " + known, title)
                    continue
                posts.setdefault(known, []).append(mention.evidence)
                labels.setdefault(known, title)
                by_source[mention.evidence.source].add(known)
        for key, spans in former.items():
            if key in posts:
                one_source = {s.source for s in spans} == {s.source for s in posts[key]}
                conflicts.append(Conflict(
                    kind="internal_inconsistency" if one_source else "person_post",
                    severity="high", subject=f"{identity.name}: former or sitting {labels[key]}?",
                    versions=[version(labels["former " + key], spans),
                              version(labels[key], posts[key])],
                ))
        for keys in _rival_posts(list(posts)):
            said = [given & set(keys) for given in by_source.values() if given & set(keys)]
            if len(keys) > 1 and any(not (a & b) for a in said for b in said):
                conflicts.append(Conflict(
                    kind="person_post", subject=identity.name, severity="medium",
                    versions=[version(labels[k], posts[k]) for k in keys],
                ))
    return conflicts


def _office(key: str) -> str:
    """The kind of office a post key names; ministers and secretaries are one kind."""
    office = next((w for w in key.split() if w in SINGLE_HOLDER_OFFICES), key)
    return "cabinet" if office in CABINET_OFFICES else office


def _rival_posts(keys: list[str]) -> list[list[str]]:
    """Posts grouped by kind of office: two ministries are rivals, a summit's presidency
    and a ministry can be held at once."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        groups[_office(key)].append(key)
    return list(groups.values())


def one_post_for_one_person(a: str, b: str) -> bool:
    """Two wordings of one person's post: the same post, or two that share at least two
    words besides the office ('UN climate chief' ~ 'UN Climate Change Executive
    Secretary'; 'Kenyan envoy, chair of the African Group' ~ 'Kenya's climate envoy,
    chair of the African Group'), or a bare office word and a fuller title holding it
    ('secretary' ~ 'Executive Secretary': less said, not something else). 'Foreign
    Minister' and 'Commerce Minister' share one."""
    if same_post(a, b):
        return True
    small, big = sorted((set(a.split()), set(b.split())), key=len)
    if len(small) == 1 and small <= big and not (big - small) & RANK_QUALIFIERS:
        return True
    shared = set(a.split()) & set(b.split())
    ranks = (set(a.split()) ^ set(b.split())) & RANK_QUALIFIERS
    return len(shared - OFFICE_NOUNS) >= 2 and not ranks
