"""Who holds a cue verb's frame: its subject, wherever the parser put it.

Besides the plain subject ("X said"), the holder may stand after the verb ("..., said X"), be the
noun a participle hangs on ("a poll showing ...", "people saying ..."), or be the subject of the
verb the cue verb continues ("X did Y, saying ...", "X began by saying ...", "X went on to say ...").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .lexicon import Lexicon
from .tokens import to_infinitive, trimmed

SUBJECTS = ("nsubj",)
_INHERITS = ("conj", "advcl", "xcomp")
_INVERTED_DEPS = ("dobj", "attr", "nsubjpass", "npadvmod", "appos", "oprd", "dative")
_NOMINAL = ("NOUN", "PROPN", "PRON")
_FINITE = ("VBD", "VBZ", "VBP")
_PARTICIPLES = ("VBG", "VBN")
_MAX_DEPTH = 3


def subject_of(verb: Token, lex: Lexicon, quoted: Callable[[int], bool], depth: int = 0) -> Token | None:
    """The token heading the holder of `verb`'s frame, or None.

    A subject inside a quotation is the quotation's own (`"Anybody who ...," said Ms. Lee`).
    """
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS and not quoted(c.idx)]
    if subjects:
        return _nearest_before(verb, subjects)
    found = (
        _name_before(verb, quoted)
        or inverted_subject(verb)
        or _clausal_subject(verb)
        or _participle_head(verb, lex)
        or _subject_set_off(verb)
        or _holder_of_aside(verb)
    )
    if found is not None or depth >= _MAX_DEPTH:
        return found
    governor = _governor(verb, lex)
    if governor is None:
        return None
    if _adjunct(verb):  # "was sidelined after arguing that ...": the passive subject argued
        patient = next((c for c in governor.children if c.dep_ == "nsubjpass" and not quoted(c.idx)), None)
        if patient is not None and not any(c.dep_ in SUBJECTS for c in governor.children):
            return patient
    return subject_of(governor, lex, quoted, depth + 1)


_STRANDED_DEPS = ("appos", "conj", "dep")
_WHEN = ("DATE", "TIME")
_PLACES = ("GPE", "LOC", "FAC", "ORG")
_CLAUSES = ("ccomp", "advcl", "parataxis")


def _name_before(verb: Token, quoted: Callable[[int], bool]) -> Token | None:
    """A name right before the verb that the parser hung elsewhere, leaving the verb without a
    subject: in apposition to a noun of an opening phrase ("At a rally with his wife, former
    president Bill Clinton said ..."), or joined to a quotation's clause ('"...," Ramos, 58, told AFP').

    The name's phrase (with a set-off age, party or role: ", 58,", "(D-MA)", ", a spokesman,") ends
    right before the verb, or before a participle phrase set off right before it.
    """
    if verb.i < 2 or verb.tag_ not in _FINITE:
        return None
    node = verb.doc[verb.i - 1]
    if node.text == ",":  # "Col. Ann Ruiz, a spokeswoman, said, ..."
        if node.head.i == verb.i and inverted_subject(verb) is not None:
            return None
        node = verb.doc[verb.i - 2]
    if (aside := _participle_aside(node, verb)) is not None:  # "Ohio, joined by six states, sued"
        node = verb.doc[aside.left_edge.i - 2]
    end = node.i
    while not _stranded_name(node):
        if node.head.i >= verb.i or node.head.i == node.i:
            return None
        node = node.head
    if node.head.i > node.i or quoted(node.idx) or node.right_edge.i not in (end, verb.i - 1):
        return None
    return node


def _participle_aside(token: Token, verb: Token) -> Token | None:
    """The participle phrase set off by commas right before `verb` that `token` ends, or None."""
    for node in (token, *token.ancestors):
        if node.head.i != verb.i:
            continue
        start = node.left_edge.i
        set_off = start > 1 and verb.doc[start - 1].text == "," and node.right_edge.i == verb.i - 2
        aside = node.dep_ == "advcl" and node.tag_ in _PARTICIPLES and node.i == start
        return node if set_off and aside else None
    return None


def _stranded_name(token: Token) -> bool:
    """A name hung where a subject cannot be, and not itself a set-off remark on another name
    ("(D-MA)" on "Warren"); or a description that opens after a comma and runs into the verb
    ("In an interview with A and B, the candidate stated ..."), whatever the parser hung it on.
    A person's name set off after a place's is no remark on it ("At Pine Hill, Ann Ruiz, ...")."""
    if token.pos_ == "NOUN" and token.dep_ == "appos" and not _set_off(token):
        start = token.left_edge.i
        return start > 0 and token.doc[start - 1].text == ","
    if token.pos_ != "PROPN" or token.dep_ not in _STRANDED_DEPS or token.ent_type_ in _WHEN:
        return False
    head = token.head
    describes_a_name = head.pos_ == "PROPN" and head.ent_type_ not in _WHEN
    a_person_by_a_place = token.ent_type_ == "PERSON" and head.ent_type_ in _PLACES
    return not (token.dep_ == "appos" and _set_off(token) and describes_a_name and not a_person_by_a_place)


def _set_off(token: Token) -> bool:
    """The phrase of `token` stands between commas or in parentheses (", 58,", "(D-Mass.)")."""
    doc, start, end = token.doc, token.left_edge.i, token.right_edge.i
    closed = doc[end].text in (",", ")") or (end + 1 < len(doc) and doc[end + 1].text in (",", ")"))
    return start > 0 and doc[start - 1].text in (",", "(") and closed


_HOLDER_WORDS = ("NOUN", "PROPN", "PRON", "ADJ", "DET", "NUM")


def _holder_of_aside(verb: Token) -> Token | None:
    """The words between the comma and the verb of a frame set off inside its clause when the parser
    gave that frame no subject ("That, many argue, could ...": "many" read as an adjective; "In
    particular, Will wrote, ...": the name read as a modal)."""
    doc = verb.doc
    if verb.dep_ != "parataxis" or verb.tag_ not in _FINITE or verb.i + 1 >= len(doc):
        return None
    words = [c for c in verb.lefts if not (c.is_punct or c.is_space)]
    if len(words) != 1 or doc[verb.i + 1].text != ",":
        return None
    holder = words[0]
    start, end = holder.left_edge.i, holder.right_edge.i
    if start == 0 or doc[start - 1].text != "," or end != verb.i - 1:
        return None
    name = holder.pos_ in ("AUX", "VERB") and holder.text.istitle()  # "Will" read as a modal
    return holder if holder.pos_ in _HOLDER_WORDS or name else None


def _nearest_before(verb: Token, subjects: list[Token]) -> Token:
    """Of several subjects the parser gave one verb: the one right after a verb that follows the
    quotation it frames ('X — … — has been "worked up," said a source'), else the one nearest
    before the verb (a clause before a dash read as a noun: "X bristle at Y — it's a street, they
    insist")."""
    after = [s for s in subjects if s.i > verb.i]
    if after and len(subjects) > 1 and verb.i > 0 and verb.doc[verb.i - 1].is_punct:
        return after[0]  # '"…," said a source' with the quoted clause's subject hung on "said" too
    before = [s for s in subjects if s.i < verb.i]
    return before[-1] if before else subjects[0]


def inverted_subject(verb: Token) -> Token | None:
    """The subject after the verb in '"...," said Jones' when the parser took it for an object
    (or hung it under a title it mistook for a verb: 'said engineer Paul Grant'), or made it the
    subject of a clause of its own ("..., said two people briefed on the talks").

    A verb in a series after a comma takes no inverted subject: its object is no holder ("they
    sat down, thanked everyone and said ...").
    """
    if verb.tag_ not in _FINITE or verb.i == 0 or not verb.doc[verb.i - 1].is_punct:
        return None
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
        return None
    first = next((c for c in verb.rights if not c.is_space), None)
    if first is not None and first.dep_ == "xcomp":
        first = next((c for c in first.rights if c.dep_ in _INVERTED_DEPS), None)
    elif first is not None and any(c.dep_ == "xcomp" and c.i > first.i for c in verb.children):
        return None  # "..., asked a judge to halt the plan": the judge is the one asked
    if first is not None and first.dep_ in _INVERTED_DEPS and first.pos_ in _NOMINAL:
        return first
    if (split := _subject_of_continuation(verb)) is not None:
        return split
    if first is not None and (reduced := reduced_relative(first)) is not None and _clause_before(verb):
        return reduced
    return None


def _subject_of_continuation(verb: Token) -> Token | None:
    """In '"The cost," said Ann Lee, "is too high."', the name right after the verb when the parser
    made it the subject of the quotation's continuation, with the verb hung there as an aside."""
    head = verb.head
    if verb.dep_ != "parataxis" or head.i < verb.i:
        return None
    return next(
        (c for c in head.children if c.dep_ == "nsubj" and c.left_edge.i == verb.i + 1 and c.pos_ in _NOMINAL),
        None,
    )


def reduced_relative(clause: Token) -> Token | None:
    """The noun of a noun phrase with a participle after it that the parser read as a clause
    ("two people briefed on the talks" as "[two people] [briefed on the talks]", even with the
    participle tagged as a past tense), or None."""
    participle = clause.tag_ in _PARTICIPLES or (clause.tag_ == "VBD" and clause.lower_.endswith("ed"))
    if clause.dep_ not in ("ccomp", "xcomp", "advcl") or not participle:
        return None
    if any(c.dep_ in ("aux", "auxpass", "mark") for c in clause.children):
        return None
    subject = next((c for c in clause.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in _NOMINAL or subject.i != clause.i - 1 - _modifiers_after(subject):
        return None
    return subject


def _modifiers_after(noun: Token) -> int:
    """How many tokens of the noun's own subtree follow it (0 for a bare noun phrase)."""
    return noun.right_edge.i - noun.i


def _clause_before(verb: Token) -> bool:
    """The verb's reported clause stands before it ("The talks failed, said ...")."""
    return any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children) or verb.dep_ in ("parataxis", "advcl")


def _clausal_subject(verb: Token) -> Token | None:
    """The noun of a subject the parser made a clause ("[Voters going to the polls] said ..."):
    a participle clause in subject position whose own subject opens it."""
    clause = next((c for c in verb.lefts if c.dep_ == "csubj" and c.tag_ in _PARTICIPLES), None)
    if clause is None:
        return None
    subject = next((c for c in clause.lefts if c.dep_ == "nsubj" and c.pos_ in _NOMINAL), None)
    return subject if subject is not None and subject.left_edge.i == clause.left_edge.i else None


def _subject_set_off(verb: Token) -> Token | None:
    """The subject of "One attendee, who ... spoke on condition of anonymity ..., said that ..."
    when the parser hung the subject on the set-off clause and left the verb without one: the
    verb reports a clause after it, and the clause before it opens the sentence with its subject
    and ends at a comma right before the verb."""
    if not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return None
    clause = next((c for c in verb.lefts if c.dep_ in ("ccomp", "advcl")), None)
    if clause is None or verb.i == 0 or verb.doc[verb.i - 1].text != "," or clause.right_edge.i != verb.i - 2:
        return None
    subject = next((c for c in clause.lefts if c.dep_ == "nsubj" and c.pos_ in _NOMINAL), None)
    if subject is None or subject.left_edge.i != verb.sent.start or subject.pos_ == "PRON":
        return None
    return subject


def _participle_head(verb: Token, lex: Lexicon) -> Token | None:
    """The noun an active participle modifies when that noun is a subject ("a poll showing ...
    found", "voters saying ... turned out"); for the object of a verb, that verb's subject ("X issued
    a statement saying ..."); the name a past tense with an object hangs on when the parser took it
    for a participle, and the noun heading a sentence whose only verb the parser took for one."""
    head = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and _active(verb, lex) and head.pos_ in ("PROPN", "PRON"):
        return head
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and head.dep_ == "ROOT" and head.pos_ in _NOMINAL and head.i < verb.i:
        return head  # "A county poll found last week that ...": the sentence's only verb
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or head.pos_ not in _NOMINAL or head.i > verb.i:
        return None
    if head.dep_ in ("nsubj", "nsubjpass", "appos", "attr"):
        return head
    if head.dep_ == "dobj":
        return next((c for c in head.head.children if c.dep_ in SUBJECTS), None)
    return None


def _active(verb: Token, lex: Lexicon) -> bool:
    """A past participle after a name that takes an object, or that reports speech right after a
    comma, is an active verb the parser mistook for a participle ("Beruff, a Scott ally, called the
    standards “strong.”", "Mitt Romney, the 2012 nominee, tweeted: ...")."""
    if any(c.dep_ in ("auxpass", "agent") for c in verb.children):
        return False
    after_comma = verb.i > 0 and verb.doc[verb.i - 1].text == ","
    return any(c.dep_ in ("dobj", "oprd") for c in verb.children) or (after_comma and lex.lemma(verb) in lex.clause)


def _not_shared(head: Token, lex: Lexicon) -> bool:
    """The complement of `head` does not report its subject's words: it is negated ("was not
    authorized to discuss") or belongs to the object of a verb of asking or permitting ("requested
    anonymity to discuss", "urged them to say")."""
    has_object = any(c.dep_ == "dobj" for c in head.children)
    return any(c.dep_ == "neg" for c in head.children) or (has_object and lex.lemma(head) in lex.object_control)


def _governor(verb: Token, lex: Lexicon) -> Token | None:
    """The verb whose subject `verb` shares: the one it is coordinated with or completes ("went on
    to say", "was reluctant to endorse"; see `_not_shared`), the one a participle adjunct or an
    infinitive of purpose hangs on ("..., saying", "visited the show to discuss ..."; for "citing"
    closing a reported clause, the verb reporting it), or the one of a preposition it is the
    object of ("by saying", "after suggesting")."""
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "oprd") and head.head.i != head.i:
        return head.head
    if verb.dep_ == "xcomp" and _not_shared(head, lex):
        return None
    if verb.dep_ == "conj" and (finite := _finite_above(verb)) is not None:
        return finite
    if verb.dep_ in ("conj", "xcomp") or frame_after_participle(verb):
        return head
    if verb.dep_ == "advcl" and lex.lemma(verb) in lex.citing and head.dep_ == "ccomp":
        return head.head
    if verb.dep_ == "advcl":
        purpose = _purpose(verb) and not lex.is_cue(lex.lemma(head))  # not "spoke anonymously to discuss"
        adjunct = (_participle(verb) or purpose) and lex.is_cue(lex.lemma(verb))
        return head if adjunct and head.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG":
        return _verb_of_phrase(head)
    return None


def _finite_above(verb: Token) -> Token | None:
    """For a past or present tense the parser coordinated with an infinitive or gerund inside a
    phrase ("ran on his ability to jolt the economy and accused Obama of ..."): the nearest finite
    verb above that phrase, which it is really coordinated with."""
    head = verb.head
    in_phrase = head.tag_ in ("VB", "VBG") and head.dep_ in ("acl", "xcomp", "pcomp", "advcl")
    if verb.tag_ not in _FINITE or not in_phrase:
        return None
    for ancestor in head.ancestors:
        if ancestor.tag_ in _FINITE and ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def frame_after_participle(verb: Token) -> bool:
    """A finite verb the parser hung on a participle it took for the main verb ("X, noting Y, said
    Z": "said" hangs on "noting"): the two share the subject."""
    head = verb.head
    bare = not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    return verb.dep_ == "parataxis" and verb.tag_ in _FINITE and head.tag_ == "VBG" and bare and head.i < verb.i


def _participle(verb: Token) -> bool:
    """A present participle ("saying") or a perfect one ("having announced")."""
    perfect = verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "having" for c in verb.children)
    return verb.tag_ == "VBG" or perfect


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose ("held a call to defend the company")."""
    return verb.tag_ == "VB" and to_infinitive(verb)


def _adjunct(verb: Token) -> bool:
    """A participle or gerund adjunct whose subject is its governor's ("..., saying", "after arguing")."""
    return (verb.dep_ == "advcl" and _participle(verb)) or (verb.dep_ == "pcomp" and verb.tag_ == "VBG")


def _verb_of_phrase(prep: Token) -> Token | None:
    """The verb a prepositional phrase hangs on, through nouns of a complex preposition ("in
    addition to", "instead of"): the governor of a gerund inside it."""
    for _ in range(_MAX_DEPTH):
        if prep.dep_ != "prep" or prep.head.i == prep.i:
            return None
        head = prep.head
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.dep_ != "pobj":
            return None
        prep = head.head
    return None


def source_range(subject: Token, verb: Token) -> tuple[int, int] | None:
    """The token range naming the holder: the subject's phrase without the frame's own words (a
    participle hanging on it), without a clause the parser hung on it from before (a quotation), and
    without a relative clause set off by a comma (", who ...")."""
    start, end = subject.left_edge.i, subject.right_edge.i + 1
    clauses = [c.right_edge.i + 1 for c in subject.lefts if c.dep_ in _CLAUSES]
    start = max([start, *clauses])
    if subject.is_ancestor(verb):
        end = min(end, verb.left_edge.i)
    if (reduced := _clause_of_reduced(subject, verb)) is not None:
        end = max(end, reduced.right_edge.i + 1)
    aside = _closing_relative(subject)
    if aside is not None:
        end = min(end, aside)
    return trimmed(subject.doc, start, end)


def _closing_relative(subject: Token) -> int | None:
    """Where a relative clause set off by a comma, closing the subject's phrase and reporting a claim
    of its own starts ("one Democrat familiar with the talks, who added that ..."), or None. A clause
    that only describes the source (", who asked not to be named") stays part of it."""
    doc = subject.doc
    for token in subject.subtree:
        reports = any(c.dep_ == "ccomp" for c in token.children)
        if token.dep_ == "relcl" and reports and token.right_edge.i == subject.right_edge.i:
            start = token.left_edge.i
            if start > subject.i + 1 and doc[start - 1].text == ",":
                return start - 1
    return None


def _clause_of_reduced(subject: Token, verb: Token) -> Token | None:
    """The participle clause the parser made of the rest of the subject's phrase ("[people] [briefed
    on the talks]", "[voters] [going to the polls] said"): a clause hanging on the frame's verb."""
    head = subject.head
    if head.i in (subject.i, verb.i) or head.head.i != verb.i:
        return None
    found = _clausal_subject(head.head) if head.dep_ == "csubj" else reduced_relative(head)
    return head if found is not None and found.i == subject.i else None
