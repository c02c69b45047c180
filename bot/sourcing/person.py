"""Whether a proper name in a source phrase is a person's, on evidence in the article itself.

spaCy's small model often labels people as places or organisations ("Neera Tanden" as LOC,
"Rahm Emanuel" as ORG); the article usually says otherwise: a title ("Mr. Trump"), a role
("Concord resident Whit Symms", "David Brock, a Clinton confidant"), a person's pronoun
("Symms said he ..."), or the full name the surname stands for ("Tanden" after "Neera Tanden").
Against it: "which" ("Norton, which declined"), or a name the tagger steadily calls a place or
organisation ("British Columbia", or "Goldman Sachs" tagged exactly as ORG with no "he" or "she").
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from .docindex import index_of
from .lexicon import Lexicon

_ROLE_PATH_DEPS = frozenset({"compound", "amod", "conj", "nmod", "flat", "appos"})
_NAME_WORDS_MAX = 3
_ORG_OR_STATE = frozenset({"ORG", "GPE"})
_PLACE_OR_ORG = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP"})
_NOT_NAME_WORD_GROUPS = (
    "org_name_words",
    "institution_heads",
    "outlet_name_endings",
    "vague_heads",
    "commentator_heads",
    "partisan_heads",
    "not_name_words",
    "titles",
)


def is_person_name(head: Token, phrase: set[int], lex: Lexicon) -> bool:
    """Whether the proper-noun `head` of a source phrase (token ids `phrase`) names a person."""
    doc = head.doc
    if any(c.dep_ in ("compound", "flat") and lex.has("titles", c.lower_) for c in head.lefts):
        return True
    if any(ent.label_ == "PERSON" and ent[-1].lower_ == head.lower_ for ent in index_of(doc).ents):
        return True
    if not _name_like(head, lex):
        return False
    if _described_as_person(head, phrase, lex):
        return True
    if any(c.dep_ == "det" for c in head.children) or _called_which(doc, head):
        return False
    if _titled_elsewhere(doc, head, lex):
        return True
    his = _called_he_or_she(doc, head, lex)
    return _full_name_elsewhere(doc, head, lex, trust_shape=his) or his


def _called_he_or_she(doc: Doc, head: Token, lex: Lexicon) -> bool:
    """Somewhere the word is a subject and the next pronoun in its sentence, with no other name in
    between, is a person's ("Symms said he was impressed"), never "it" or "its"."""
    for t in index_of(doc).tokens(head.text):
        if t.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for u in doc[t.i + 1 : t.sent.end]:
            if u.pos_ == "PROPN":
                break
            if u.pos_ == "PRON" and not lex.has("relative_pronouns", u.lower_):
                if lex.has("person_pronouns", u.lower_) and u.lower_ not in ("i", "me", "my"):
                    return True
                break
    return False


def _called_which(doc: Doc, head: Token) -> bool:
    """The article refers to the word with "which" ("Norton, which declined"): a thing, not a person."""
    return any(
        t.i + 2 < len(doc) and doc[t.i + 1].text == "," and doc[t.i + 2].lower_ == "which"
        for t in index_of(doc).tokens(head.text)
    )


def _described_as_person(head: Token, phrase: set[int], lex: Lexicon) -> bool:
    """A person's role modifies the name or stands in apposition to it, inside the phrase
    ("Concord resident Whit Symms", "Former prosecutor and Mayor Rudy Giuliani", "Brock, a confidant"),
    or an age does ("Ramos, 58")."""
    if any(c.dep_ == "appos" and c.i in phrase and _an_age(c) for c in head.children):
        return True
    for t in head.doc[min(phrase) : max(phrase) + 1]:
        if t.i == head.i or t.pos_ not in ("NOUN", "PROPN") or not lex.has("person_role_nouns", t.lemma_):
            continue
        if t.dep_ == "appos" and t.head.i == head.i:
            return True
        node = t
        while t.i < head.i and node.i != head.i and node.dep_ in _ROLE_PATH_DEPS and node.head.i in phrase:
            node = node.head
        if node.i == head.i and t.i < head.i:
            return True
    return False


def _an_age(token: Token) -> bool:
    """A bare whole number a person's age could be, set in apposition ("Ramos, 58,")."""
    return token.like_num and token.text.isdigit() and 1 <= int(token.text) <= 120 and not list(token.children)


def _name_like(token: Token, lex: Lexicon) -> bool:
    """A capitalised, singular word that could be part of a person's name (not "GOP", "New", "Party")."""
    text = token.text
    if not (text[:1].isupper() and text.replace(".", "").replace("'", "").replace("-", "").isalpha()):
        return False
    if len(text) > 1 and text.isupper() and not text.endswith("."):
        return False
    if token.pos_ != "PROPN" or token.tag_ == "NNPS" or token.ent_type_ == "NORP":
        return False
    return not any(lex.has(group, token.lower_) for group in _NOT_NAME_WORD_GROUPS)


def _titled_elsewhere(doc: Doc, head: Token, lex: Lexicon) -> bool:
    """Somewhere in the article the same word follows a person's title: "Mr. Trump", "Sen. Chris Murphy"."""
    for t in index_of(doc).tokens(head.text):
        before = [w for w in doc[max(t.i - 3, 0) : t.i] if w.text != "."][::-1][:2]
        if before and lex.has("honorifics", before[0].lower_):
            return True
        if len(before) == 2 and _name_like(before[0], lex) and lex.has("honorifics", before[1].lower_):
            return True
    return False


def _full_name_elsewhere(doc: Doc, head: Token, lex: Lexicon, *, trust_shape: bool) -> bool:
    """The word ends a two- or three-word name elsewhere whose words all look like a person's
    ("Tanden" after "Neera Tanden"), standing alone (not inside a longer capitalised run); one the
    tagger marks as exactly an organisation or state counts only when `trust_shape`."""
    for t in index_of(doc).tokens(head.text):
        if not _name_like(t, lex):
            continue
        start = t.i
        while start > 0 and t.i - start + 1 < _NAME_WORDS_MAX and _capitalised(doc[start - 1]):
            if not _name_like(doc[start - 1], lex):
                break
            start -= 1
        if start == t.i or (start > 0 and _capitalised(doc[start - 1])):
            continue
        if t.i + 1 < len(doc) and _capitalised(doc[t.i + 1]):
            continue
        if (trust_shape or not _tagged_exactly(doc[start : t.i + 1], _ORG_OR_STATE)) and not _mostly_a_place_or_org(
            doc, [w.text for w in doc[start : t.i + 1]]
        ):
            return True
    return False


def _tagged_exactly(run: Span, labels: frozenset[str]) -> bool:
    """The tagger marks exactly these words as one organisation or state ("Goldman Sachs" as ORG),
    a label too often right to overrule on a name's shape alone."""
    ent = index_of(run.doc).ent_at(run.start)
    return ent is not None and ent.start == run.start and ent.end == run.end and ent.label_ in labels


def _mostly_a_place_or_org(doc: Doc, words: list[str]) -> bool:
    """The tagger never calls the name a person and, in most of its several occurrences, gives it one
    place or organisation label ("British Columbia" as GPE): a steady label outweighs a name's shape."""
    n = len(words)
    ends = [
        doc[t.i + n - 1]
        for t in index_of(doc).tokens(words[0])
        if t.i + n <= len(doc) and [w.text for w in doc[t.i : t.i + n]] == words
    ]
    labels = Counter(t.ent_type_ for t in ends)
    if len(ends) < 2 or labels["PERSON"]:
        return False
    label, count = labels.most_common(1)[0]
    return label in _PLACE_OR_ORG and 2 * count > len(ends)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[:1].isalpha()
