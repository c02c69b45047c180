"""Reporting-verb frames: "X said (that) ...", "..., said X", "X wants to ...", "..., adding that ...".

A frame is a cue verb with its source and, when the verb governs one, the reported clause.
Frames without a clause of their own (`"...," he said`) are completed with quotations later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Span
from .bounds import aside_start, dash_asides, end_before_aside
from .found import Found
from .lexicon import Lexicon
from .subjects import SUBJECTS, frame_after_participle, inverted_subject, source_range, subject_of
from .tokens import char_span, describes_a_noun, is_quote_token, runs, subtree_range, to_infinitive, trimmed

_CUE_PARTS = ("prt", "neg")
_FRAME_PARTS = ("aux", "neg", "advmod", "prt", "prep", "npadvmod")
_COMPLEMENTS = ("ccomp", "dobj", "xcomp", "attr")
_OBJECT_TAIL = ("prep", "oprd", "dative", "xcomp", "ccomp")


@dataclass(frozen=True)
class Frame:
    """A cue verb in a sentence: its cue tokens, source tokens and reported-clause tokens."""

    verb: int
    cue: tuple[tuple[int, int], ...]
    source: tuple[int, int] | None
    refers_to: int | None
    content: tuple[tuple[int, int], ...]


def _clause(verb: Token, lex: Lexicon, subject: Token | None = None) -> Token | None:
    """The reported clause (ccomp; not the one holding the verb's `subject` when the parser hung
    the subject on a clause before the verb, nor an opening phrase the parser read as a clause when
    a "that" clause follows the verb) or, for intention verbs, the `to ...` complement; for a verb taking
    an object, a clause standing for one ("criticized what she called ...", "proposed paying ...")."""
    lemma = lex.lemma(verb)
    reports = lemma in lex.clause or lemma in lex.belief
    by_grammar = clause_verb(verb, lex)
    clauses = [
        c
        for c in verb.children
        if c.dep_ == "ccomp"
        and (reports or _free_relative(c, lemma, lex) or (by_grammar and _that_clause(c)))
    ]
    if clauses:
        holds_subject = subject is not None and clauses[0].left_edge.i <= subject.i <= clauses[0].right_edge.i
        after = [c for c in clauses if c.i > verb.i]
        marked = bool(after) and _that_clause(after[0])  # "Writing to donors, Lee noted that ...": not the opening
        return after[0] if (holds_subject or marked or _closed_off(clauses[0], verb)) and after else clauses[0]
    if lemma in lex.clause and (stray := _stray_that_clause(verb, lex)) is not None:
        return stray
    if lemma in lex.asked and (question := _question_put(verb, lex)) is not None:
        return question
    if lemma in lex.intent:
        for child in verb.children:
            if child.dep_ == "xcomp" and to_infinitive(child):
                return child
    if lemma in lex.object or lemma in lex.clause:
        return next((c for c in verb.rights if c.dep_ == "xcomp" and c.tag_ == "VBG"), None)
    return None


_PHRASE_PATH = ("prep", "pobj", "dobj", "dative", "npadvmod", "appos", "compound", "conj")


def _stray_that_clause(verb: Token, lex: Lexicon) -> Token | None:
    """The "that" clause, with a subject of its own, that the parser hung on a noun of a phrase
    after the verb ("says in a statement that ...", "is telling customers at a diner that ...") or
    on a relative clause there ("said in an interview that aired Monday that ..."): the verb's report."""
    todo = [c for c in verb.rights if c.dep_ in _PHRASE_PATH]
    while todo:
        node = todo.pop(0)
        for child in node.rights:
            opened = child.dep_ in ("acl", "relcl") and _that_clause(child)
            if opened and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                return child
            if _relative_of_no_report(child, lex):
                clause = next((c for c in child.rights if c.dep_ == "ccomp" and _that_clause(c)), None)
                if clause is not None:
                    return clause
            if child.dep_ in _PHRASE_PATH:
                todo.append(child)
    return None


def _question_put(verb: Token, lex: Lexicon) -> Token | None:
    """The question an asking verb puts, hung on it as an adverbial clause ("asked the students if
    they were serious"): opened by "if" or "whether" and after the verb."""
    return next(
        (
            c
            for c in verb.rights
            if c.dep_ == "advcl" and c.left_edge.dep_ == "mark" and c.left_edge.lower_ in lex.question_marks
        ),
        None,
    )


def _relative_of_no_report(token: Token, lex: Lexicon) -> bool:
    """A relative clause whose verb reports nothing ("an interview that aired Monday")."""
    return token.dep_ == "relcl" and not lex.is_cue(lex.lemma(token))


def _closed_off(clause: Token, verb: Token) -> bool:
    """A clause before the verb ended by a semicolon ("A; Iran insists B"): a sentence of its own."""
    doc = verb.doc
    end = clause.right_edge.i + 1
    return clause.i < verb.i and end < verb.i and any(t.text == ";" for t in doc[end : verb.i])


def clause_verb(verb: Token, lex: Lexicon) -> bool:
    """A verb introducing a finite clause with "that" ("the campaign conceded that ...", "voters
    sense that ..."): reported content whatever the verb, by its grammar alone. Not a linking verb
    ("remains adamant that ..." is a stance) nor one with an object ("peppered their talks with
    reminders that ...": the clause belongs to the noun), nor a relative clause's verb that reports
    nothing (see `_stray_that_clause`)."""
    if verb.pos_ != "VERB" or lex.lemma(verb) in lex.linking or _relative_of_no_report(verb, lex):
        return False
    if any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False
    return any(c.dep_ == "ccomp" and c.i > verb.i and _that_clause(c) for c in verb.children)


def _that_clause(clause: Token) -> bool:
    """A clause opened by the complementizer "that"."""
    first = clause.left_edge
    return first.dep_ == "mark" and first.lower_ == "that" and first.head.i == clause.i


def _free_relative(clause: Token, lemma: str, lex: Lexicon) -> bool:
    """A clause opened by a wh-word standing as the object of an object-taking cue verb."""
    return lemma in lex.object and clause.doc[clause.left_edge.i].lower_ in lex.wh_words


def _child(token: Token, dep: str) -> Token | None:
    return next((c for c in token.children if c.dep_ == dep), None)


def _preposition(verb: Token, lex: Lexicon) -> Token | None:
    """The preposition of "called for ...", "pointed to ...", when the verb takes one from the lexicon."""
    allowed = lex.prepositional.get(lex.lemma(verb))
    if not allowed:
        return None
    for child in verb.rights:
        has_object = _child(child, "pobj") is not None or _child(child, "pcomp") is not None
        if child.dep_ in ("prep", "prt") and child.lower_ in allowed and has_object:
            return child
    return None


def _for_clause(verb: Token, lex: Lexicon) -> Token | None:
    """The clause of "called for him to resign", parsed with "for" as its marker."""
    allowed = lex.prepositional.get(lex.lemma(verb)) or frozenset()
    for child in verb.rights:
        mark = _child(child, "mark")
        if child.dep_ == "advcl" and mark is not None and mark.lower_ in allowed and mark.i == child.left_edge.i:
            return child
    return None


def _stranded_subject(verb: Token, clause: Token) -> range:
    """The subject of a reported clause that the parser hung on the verb as its object
    ("experts warn [unilateral action] could jeopardize ...")."""
    if any(c.dep_ in SUBJECTS for c in clause.children):
        return range(0)
    if (noun := _noun_before_clause(verb, clause)) is not None:
        return range(noun.left_edge.i, noun.right_edge.i + 1)
    obj = _child(verb, "dobj")
    if obj is None or obj.i < verb.i or obj.right_edge.i + 1 >= len(verb.doc):
        return range(0)
    after = verb.doc[obj.right_edge.i + 1]
    if not (after == clause or clause.is_ancestor(after)) or verb.is_ancestor(after):
        return range(0)
    return range(obj.left_edge.i, obj.right_edge.i + 1)


def _noun_before_clause(verb: Token, clause: Token) -> Token | None:
    """A noun phrase the parser hung on the verb right before a reported clause that has no subject:
    that clause's subject ("said [the way the agency treated women] “would be disqualifying”")."""
    if any(c.dep_ in ("nsubjpass", "csubj", "expl", "mark") for c in clause.children):
        return None
    for child in verb.rights:
        nominal = child.pos_ in ("NOUN", "PROPN", "PRON") and child.ent_type_ not in ("DATE", "TIME")
        if child.dep_ in ("npadvmod", "dobj") and nominal and child.right_edge.i + 1 == clause.left_edge.i:
            return child
    return None


def _names_as(verb: Token) -> bool:
    """The verb gives its object a name: "called him a liar", "called the senator “a hero”"."""
    obj = _child(verb, "dobj")
    return _child(verb, "oprd") is not None or (obj is not None and _child(obj, "appos") is not None)


def _as_phrase(verb: Token) -> bool:
    """The verb's object is followed by an "as" phrase: "sees Sanders as a threat"."""
    obj = _child(verb, "dobj")
    if obj is None:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i for c in (*verb.children, *obj.children))


def _as_phrase_end(verb: Token, prep: Token, quoted: Callable[[int], bool]) -> int:
    """Where a prepositional cue's content ends: after the preposition's object, after the "as"
    phrase that characterizes it ("referred to immigrants [as “criminals.”]"), or after the "to"
    infinitive the parser hung on the verb that says what the object should do ("called for the
    minister [to resign]")."""
    end = prep.right_edge.i + 1
    after = next((c for c in verb.rights if c.i > prep.i and not c.is_punct), None)
    if after is not None and after.dep_ == "prep" and after.lower_ == "as" and after.left_edge.i == end:
        return _through_quotation(verb.doc, after.right_edge.i + 1, quoted)
    act = after is not None and after.dep_ in ("advcl", "xcomp") and to_infinitive(after)
    if after is not None and act and after.left_edge.i == end:
        return after.right_edge.i + 1  # "called for [the minister to resign]"
    return end


def _takes_object(verb: Token, lemma: str, lex: Lexicon, subject: Token | None = None) -> bool:
    """The verb reports a stance toward its object, names or characterizes it, gives a view its
    object names ("offered her assessment of ..."), or reports the finding of a study ("a recent
    survey found 90 percent support for ...")."""
    study = subject is not None and lemma in lex.finding and lex.lemma(subject) in lex.studies
    obj = _child(verb, "dobj")
    view = lemma in lex.view_givers and obj is not None and lex.lemma(obj) in lex.view_nouns
    return (
        lemma in lex.object
        or study
        or view
        or (lemma in lex.naming and _names_as(verb))
        or (lemma in lex.characterizing and _as_phrase(verb))
    )


def _object_phrase(verb: Token, quoted: Callable[[int], bool], lex: Lexicon) -> tuple[int, int] | None:
    """The object and its trailing complements after the verb: "criticized [Clinton for ...]",
    "recalled [her father teaching her to fish]", across a quotation mark the parser hung on the
    verb ("called the system “rotten ...”") and through the end of a quotation it ends inside
    ("called the rules [“reckless.”]"); without the time, place or occasion closing it
    ("praised [the plan] at a rally on Monday")."""
    rights = [c for c in verb.rights if not (c.is_punct or c.is_space)]
    if not rights or rights[0].dep_ != "dobj":
        return None
    doc = verb.doc
    end = rights[0].right_edge.i + 1
    tail: list[Token] = []
    for child in rights[1:]:
        gap = doc[end : child.left_edge.i]
        predicate = _bare_predicate(child) or _split_object(child, gap)
        if (child.dep_ not in _OBJECT_TAIL and not predicate) or not all(
            is_quote_token(t) or t.is_space for t in gap
        ):
            break
        end = child.right_edge.i + 1
        tail.append(child)
    occasions = [c for c in tail if _circumstance(c, lex)]
    if occasions and all(_circumstance(c, lex) for c in tail[tail.index(occasions[0]) :]):
        end = occasions[0].left_edge.i  # "praised the plan [at a rally on Monday]": when and where, not what
    return rights[0].left_edge.i, _through_quotation(doc, end, quoted)


def _through_quotation(doc: Doc, end: int, quoted: Callable[[int], bool]) -> int:
    """`end`, moved on to the end of the quotation the range before it ends inside."""
    while quoted(doc[end - 1].idx) and end < len(doc) and quoted(doc[end].idx):
        end += 1
    return end


def _split_object(token: Token, gap: SpacySpan) -> bool:
    """A second object right after the first: the parser split one phrase at a possessive mark it
    did not recognise ("referenced [the Clintons’] [embarrassing tactics]")."""
    return token.dep_ == "dobj" and len(gap) == 0 and token.doc[token.left_edge.i - 1].tag_ in ("POS", "''")


def _bare_predicate(token: Token) -> bool:
    """A participle or "to" infinitive with no subject or subordinator of its own, hung on the verb
    right after its object although it tells of the object ("recalled her father [teaching her
    to shoot]", "praised the efforts of the envoy [to find a solution]")."""
    if token.dep_ != "advcl" or not (token.tag_ == "VBG" or to_infinitive(token)):
        return False
    first = token.doc[token.left_edge.i]
    own = any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in token.children)
    return not own and not first.is_punct and first.tag_ not in ("WRB", "IN")  # not "when commenting"


_PLACES_AND_TIMES = ("DATE", "TIME", "GPE", "LOC", "FAC", "EVENT")


def _circumstance(prep: Token, lex: Lexicon) -> bool:
    """A prepositional phrase giving the time, place or occasion of an act rather than an argument
    of the verb: "during the debate", "after the vote", "at a rally", "on Monday", "in a tweet"."""
    if prep.dep_ != "prep":
        return False
    if prep.lower_ in lex.time_prepositions:
        return True
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun is None or prep.lower_ not in lex.place_prepositions:
        return False
    return noun.ent_type_ in _PLACES_AND_TIMES or lex.lemma(noun) in lex.occasions


def made_clear(verb: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """For "made (it) clear (to lawmakers) that ...": the word of clarity and the finite clause
    made clear, wherever the parser hung them."""
    words = lex.clarity.get(lex.lemma(verb))
    if not words:
        return None
    clear = next((t for t in verb.subtree if t.lower_ in words and verb.i < t.i <= verb.i + 2), None)
    if clear is None:
        return None
    for clause in (*verb.children, *clear.children):
        if clause.dep_ not in ("ccomp", "advcl") or clause.i < clear.i or clause.pos_ not in ("VERB", "AUX"):
            continue
        marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
        bare = clause.dep_ == "ccomp" and not marks and any(c.dep_ == "nsubj" for c in clause.children)
        if marks == ["that"] or bare:  # not "made it clear when he arrived"
            return clear, clause
    return None


def _directive(verb: Token, lemma: str, lex: Lexicon) -> range | None:
    """For a verb of telling or asking someone to do something ("urged voters to reject the
    measure", "told residents not to drink the water"): the person addressed and what they are to do."""
    if lemma not in lex.object_control or not (lemma in lex.intent or lemma in lex.clause):
        return None
    obj = _child(verb, "dobj")
    if obj is None or obj.i < verb.i:
        return None
    todo = next((c for c in verb.rights if c.dep_ == "xcomp" and c.i > obj.i and to_infinitive(c)), None)
    return None if todo is None else range(obj.left_edge.i, todo.right_edge.i + 1)


_PRO_FORM_DEPS = ("advmod", "intj", "dobj", "npadvmod", "acomp", "oprd", "nsubj")


def _pro_form(verb: Token, lex: Lexicon) -> Token | None:
    """The word right after a verb of speech or belief that stands for the whole reported clause
    ("half said so", "46 percent said yes", "a third say the same"); not "said no to the plan",
    where the refusal's object is what was reported."""
    rights = [c for c in verb.rights if not (c.is_punct or c.is_space)]
    if not rights or rights[0].dep_ not in _PRO_FORM_DEPS or rights[0].lower_ not in lex.pro_forms:
        return None
    pro = rights[0]
    after = pro.doc[pro.right_edge.i + 1] if pro.right_edge.i + 1 < len(pro.doc) else None
    if pro.left_edge.i - verb.i > 2 or (after is not None and after.lower_ == "to"):
        return None
    return pro


def _quoted_name(verb: Token, quoted: Callable[[int], bool]) -> tuple[int, int] | None:
    """For a naming verb whose name is a quotation the parser hung elsewhere ("called Florida's
    standards “strong.”"): its object through the end of the quotation that follows it."""
    obj = next((c for c in verb.rights if c.dep_ in ("dobj", "oprd")), None)
    if obj is None:
        return None
    doc = verb.doc
    end = obj.right_edge.i + 1
    while end < len(doc) and doc[end].is_space:
        end += 1
    gap = doc.text[obj.right_edge.idx + len(obj.right_edge.text) : doc[end].idx] if end < len(doc) else "."
    if gap.strip() or not quoted(doc[end].idx):
        return None
    while end < len(doc) and quoted(doc[end].idx):
        end += 1
    return obj.left_edge.i, end


def _as_frame(verb: Token) -> bool:
    """ "As X noted, ..." : the frame is a clause introduced by "as" hanging off the reported clause."""
    return (
        verb.dep_ == "advcl"
        and verb.head.i > verb.i
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    )


def _inverted_content(verb: Token) -> list[int]:
    """For "... , he said" parsed with the verb hanging off the clause: the clause minus the frame
    (but with the clauses the parser hung on the frame before it: "If A, figure people, B", and the
    subject it took from a clause that has none: "Putting on the show, he said, allowed him to ...")."""
    head = verb.head
    while head.dep_ in ("aux", "auxpass") and head.head.i != head.i:  # "he said, he's learned": on "'s"
        head = head.head
    lo, hi = subtree_range(head)
    flo, fhi = subtree_range(verb)
    lefts = list(verb.lefts) if verb.dep_ == "advcl" else []
    if not _has_subject(head, "csubj"):
        lefts += [c for c in verb.lefts if c.tag_ == "VBG" and not _has_subject(c, "mark")]
    kept = {i for c in lefts if c.dep_ in ("advcl", "ccomp", "csubj") for i in range(*subtree_range(c))}
    return [i for i in range(lo, hi) if not flo <= i < fhi or i in kept]


def _other_reports(clause: Token, frame: Token, lex: Lexicon) -> set[int]:
    """The clauses coordinated after the one a parenthetical frame interrupts that report with a
    subject of their own ("His leverage, they believe, is intact, and most don't expect ..."): the
    reports of other sources, left to their own frames."""
    out: set[int] = set()
    for conj in clause.rights:
        reports = conj.dep_ == "conj" and conj.i > frame.i and lex.is_cue(lex.lemma(conj))
        if reports and any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            cc = [c.i for c in clause.rights if c.dep_ == "cc" and c.i < conj.i]
            out.update(range(min([conj.left_edge.i, *cc]), conj.right_edge.i + 1))
    return out


def _ranges(sent: SpacySpan, indexes: Iterable[int]) -> tuple[tuple[int, int], ...]:
    doc = sent.doc
    out = []
    for start, end in runs(indexes):
        cut = trimmed(doc, start, end)
        if cut is not None:
            out.append(cut)
    return tuple(out)


def _joined_reports(clause: Token, lex: Lexicon) -> list[Token]:
    """Cue verbs coordinated into a reported clause by the parser although they continue the frame:
    in "X said that he would run and insisted that ...", "insisted" is X's second claim."""
    return [
        c
        for c in clause.children
        if c.dep_ == "conj"
        and lex.is_cue(lex.lemma(c))
        and not any(g.dep_ in SUBJECTS for g in c.children)
        and any(g.dep_ == "ccomp" for g in c.children)
    ]


def _aside(root: Token, lex: Lexicon) -> range:
    """The narrator's aside closing the clause headed by `root` (empty if there is none)."""
    start = aside_start(root, lex)
    return range(0) if start is None else range(start, root.right_edge.i + 1)


def _clause_tokens(verb: Token, clause: Token, joined: list[Token], lex: Lexicon) -> list[int]:
    """The reported clause without the coordinated reports cut from it (and their conjunctions)
    and without a narrator's aside closing it."""
    cut: set[int] = set(_aside(clause, lex))
    for verb_ in joined:
        lo, hi = subtree_range(verb_)
        cut.update(range(lo, hi))
        cut.update(c.i for c in clause.children if c.dep_ == "cc" and c.i < lo)
    kept = [t.i for clause_ in (clause, *_more_clauses(verb, clause, lex)) for t in clause_.subtree if t.i not in cut]
    kept = [*_stranded_subject(verb, clause), *kept]
    asides = dash_asides(verb.doc, kept)
    return [i for i in kept if i not in asides]


def _more_clauses(verb: Token, clause: Token, lex: Lexicon) -> list[Token]:
    """Further clauses the parser hung on the verb after the first one ("said, 'I mean, a raid is
    ...'", "said he is ready to ..., secure the border and ..."), and the reason or condition it
    hung there ("said he would win because ...")."""
    return [
        c
        for c in verb.rights
        if c.i > clause.i and (c.dep_ == "ccomp" or _second_that(c) or _reason_or_condition(c, lex))
    ]


def _reason_or_condition(token: Token, lex: Lexicon) -> bool:
    """An adverbial clause opened by one of the lexicon's `clause_marks` ("because", "if")."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex.clause_marks for c in token.children)


def _second_that(token: Token) -> bool:
    """A second "that" clause coordinated with the first: "said A, but that B"."""
    return token.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _content(
    verb: Token, sent: SpacySpan, lex: Lexicon, subject: Token, quoted: Callable[[int], bool]
) -> tuple[tuple[tuple[int, int], ...], list[int], list[Token]] | None:
    """The frame's content ranges, extra cue tokens (a preposition) and the reports coordinated into
    its clause; None when the verb frames nothing. A clause verb with no content of its own gets an
    empty content, to be completed with quotations later."""
    lemma = lex.lemma(verb)
    if (directed := _directive(verb, lemma, lex)) is not None:
        return _ranges(sent, directed), [], []
    if (made := made_clear(verb, lex)) is not None:
        return _ranges(sent, range(*subtree_range(made[1]))), [made[0].i], []
    clause = _clause(verb, lex, subject)
    if clause is not None and _quotation_between(clause, verb, quoted):
        return (), [], []  # 'A: "Q," he said' reports the quotation, completed later
    if clause is not None and clause.i < verb.i and _quotation_next(verb, quoted):
        return (), [], []  # 'Asked if ..., he replied, "Q"': the quotation, not the question
    if clause is not None:
        joined = _joined_reports(clause, lex)
        return _ranges(sent, _clause_tokens(verb, clause, joined, lex)), [], joined
    if _parenthetical(verb, lex) and (lemma in lex.clause or lemma in lex.belief):
        aside = {*_aside(verb.head, lex), *_other_reports(verb.head, verb, lex)}
        kept = [i for i in _inverted_content(verb) if i not in aside]
        return _ranges(sent, [*_stranded_subject(verb, verb.head), *kept]), [], []
    if lemma in lex.clause and (before := _clause_before_frame(verb, sent, subject)):
        return _ranges(sent, before), [], []
    if lemma in lex.belief and (misparsed := _object_then_predicate(verb)) is not None:
        return _ranges(sent, misparsed), [], []
    if _takes_object(verb, lemma, lex, subject) and (obj := _object_phrase(verb, quoted, lex)):
        remark = aside_start(verb, lex)  # "attacked Trump, who ...": the writer's remark on the object
        end = remark if remark is not None and obj[0] < remark < obj[1] else obj[1]
        return _ranges(sent, range(obj[0], end)), [], []
    if lemma in lex.naming and (named := _quoted_name(verb, quoted)):
        return _ranges(sent, range(*named)), [], []
    if (prep := _preposition(verb, lex)) is not None:
        writers = range(end_before_aside(prep, lex), prep.right_edge.i + 1)  # "against the pact, the trade deal ..."
        kept = [i for i in range(prep.i + 1, _as_phrase_end(verb, prep, quoted)) if i not in writers]
        return _ranges(sent, kept), [prep.i], []
    if (clause := _for_clause(verb, lex)) is not None:
        mark = clause.left_edge.i
        return _ranges(sent, range(mark + 1, clause.right_edge.i + 1)), [mark], []
    if (lemma in lex.clause or lemma in lex.belief) and (pro := _pro_form(verb, lex)) is not None:
        return _ranges(sent, range(*subtree_range(pro))), [], []
    return ((), [], []) if lemma in lex.clause or frames_a_quotation(verb, lex, quoted) else None


_UTTERANCE_ENDS = frozenset({",", "!", "?"})
_SENTENCE_ENDS = frozenset({".", "!", "?"})
_NO_REPORT_DEPS = ("dobj", "ccomp", "xcomp", "attr", "acomp", "dative", "nsubjpass", "auxpass")


def frames_a_quotation(verb: Token, lex: Lexicon, quoted: Callable[[int], bool]) -> bool:
    """A verb of any meaning that frames a quotation: one introduced by a colon right after the
    verb's phrase ('then leaned in and boomed: "..."', 'released the following statement: "..."'),
    or the quotation opening its sentence ('"Go home," he barked', '"This is great!" beamed a
    delegate'). For the second, the verb takes no object or clause of its own and stands right
    after the closing quotation mark, or right after its subject that does; the quotation follows
    a sentence's end or opens the paragraph (not a title: 'In "Jaws," he ...')."""
    if verb.pos_ != "VERB" or verb.dep_ == "relcl":
        return False
    if any(c.dep_ == "nsubj" and c.lower_ in lex.relative_pronouns for c in verb.children):
        return False
    return _colon_then_quotation(verb, quoted) or _after_opening_quotation(verb, quoted)


def _colon_then_quotation(verb: Token, quoted: Callable[[int], bool]) -> bool:
    doc = verb.doc
    end = min(verb.right_edge.i + 2, verb.sent.end)  # the mark closes the verb's own phrase
    colon = next((t for t in doc[verb.i + 1 : end] if t.text in (":", ",")), None)
    if colon is None or quoted(verb.idx) or colon.i + 1 >= len(doc):
        return False
    if colon.text == "," and any(c.dep_ in _NO_REPORT_DEPS and not quoted(c.idx) for c in verb.children):
        return False  # 'X shot back, "..."', not 'X criticized Y during a debate, "..."'
    phrase = doc[verb.i + 1 : colon.i]
    if any(quoted(t.idx) or not verb.is_ancestor(t) or _verb_of_a_clause(t) for t in phrase):
        return False
    after = next((t for t in doc[colon.i + 1 : colon.i + 4] if not t.is_space), None)
    return after is not None and _opens_quotation(after, quoted)


def _verb_of_a_clause(token: Token) -> bool:
    """A verb heading a clause of its own (not a participle describing a noun: "the following")."""
    return token.pos_ in ("VERB", "AUX") and not describes_a_noun(token) and token.dep_ not in ("aux", "auxpass")


def _after_opening_quotation(verb: Token, quoted: Callable[[int], bool]) -> bool:
    doc = verb.doc
    before = verb.i - 1
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    inverted = subject is None and before > 0 and is_quote_token(doc[before])  # '"...!" beamed a delegate'
    if subject is not None and subject.right_edge.i == before:
        before = subject.left_edge.i - 1
    if before < 2 or not is_quote_token(doc[before]) or doc[before - 1].text not in _UTTERANCE_ENDS:
        return False
    own = [
        c
        for c in verb.children
        if c.dep_ in _NO_REPORT_DEPS and not quoted(c.idx) and not (inverted and c.dep_ == "dobj")
    ]
    if own:
        return False
    if not quoted(doc[before - 1].idx) and not quoted(doc[before - 2].idx):
        return False
    opening = before - 1
    while opening > 0 and (quoted(doc[opening - 1].idx) or is_quote_token(doc[opening - 1])):
        opening -= 1
    return opening == 0 or doc[opening - 1].is_space or doc[opening - 1].text in _SENTENCE_ENDS


def _quotation_next(verb: Token, quoted: Callable[[int], bool]) -> bool:
    """A comma or colon and an opening quotation mark follow the verb (and its particle)."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].head.i == verb.i and doc[i].dep_ in ("prt", "advmod"):
        i += 1
    if i + 1 >= len(doc) or doc[i].text not in (",", ":"):
        return False
    return _opens_quotation(doc[i + 1], quoted)


def _opens_quotation(mark: Token, quoted: Callable[[int], bool]) -> bool:
    """`mark` is a quotation mark with the quotation right after it."""
    return is_quote_token(mark) and quoted(mark.idx + len(mark.text))


def _quotation_between(clause: Token, verb: Token, quoted: Callable[[int], bool]) -> bool:
    """A colon and a quotation stand between a clause before the verb and the verb ('A: "Q," he said')."""
    doc = verb.doc
    if clause.i > verb.i or quoted(clause.idx):
        return False
    colons = [t.i for t in doc[clause.i : verb.i] if t.text == ":"]
    words = [t for t in doc[colons[-1] + 1 : verb.i] if not (t.is_punct or t.is_space)] if colons else []
    return bool(words) and quoted(words[0].idx)


def _object_then_predicate(verb: Token) -> range | None:
    """A belief verb the parser gave an object whose predicate it hung elsewhere ("aides believe
    her record ... will offset his lead", "people close to her felt her anger was over the top"):
    the object and that predicate, as the reported clause."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return None
    head = verb.head
    predicate: Token | None
    if verb.dep_ == "ccomp" and head.i > obj.right_edge.i and not _has_subject(head):
        predicate = head
    else:
        predicate = next(
            (c for c in verb.rights if c.dep_ == "advcl" and c.i > obj.right_edge.i and not _has_subject(c, "mark")),
            None,
        )
    if predicate is None or predicate.pos_ not in ("VERB", "AUX"):
        return None
    return range(obj.left_edge.i, predicate.right_edge.i + 1)


def _has_subject(verb: Token, *others: str) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", *others) for c in verb.children)


def _clause_before_frame(verb: Token, sent: SpacySpan, holder: Token) -> list[int]:
    """ "A, the poll found." / "A, said the chief executive, John Smith." when the parser did not link
    the frame to its clause: the clause before the comma that opens a frame closing the sentence.
    The frame's subject is its holder when the parser made that a subject of the verb (it may also
    have hung the clause's own subject on the verb: "The vote signals X, said Y")."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    subject = holder if holder in subjects else next(iter(subjects), None)
    if subject is None or subject.tag_ in ("WP", "WDT") or any(c.dep_ in _COMPLEMENTS for c in verb.rights):
        return []
    framed = {verb.i, *range(*subtree_range(subject))}
    framed |= {i for c in verb.children if c.dep_ in _FRAME_PARTS for i in range(*subtree_range(c))}
    start = min(framed)
    tail = [t for t in sent.doc[start : sent.end] if not (t.is_punct or t.is_space)]
    comma = start - 1
    if any(t.i not in framed for t in tail) or comma <= sent.start or sent.doc[comma].text != ",":
        return []
    before = sent.doc[sent.start : comma]
    adjuncts = [c for c in verb.lefts if c.i < comma and c.dep_ in ("advcl", "prep", "mark")]
    clause = any(t.dep_ in ("nsubj", "nsubjpass") for t in before)
    misparsed = any(_unmarked_clause(t) for t in before)
    return list(range(sent.start, comma)) if clause and (misparsed or not adjuncts) else []


def _unmarked_clause(token: Token) -> bool:
    """A finite clause with a subject and no subordinator, parsed as an adverbial: the reported clause
    of a closing frame that the parser hung on a preposed adverbial ("As X spoke, a girl was hurt,
    police said": "a girl was hurt" hangs on "spoke")."""
    children = list(token.children)
    finite = token.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in children)
    return (
        token.dep_ == "advcl"
        and finite
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
        and not any(c.dep_ == "mark" for c in children)
        and token.left_edge.dep_ not in ("mark", "advmod")
    )


def _parenthetical(verb: Token, lex: Lexicon) -> bool:
    """The frame interrupts or follows its content: "X, he said, Y", "As X noted, Y",
    "If A, figure people close to him, B"."""
    return (
        (verb.dep_ == "parataxis" and not frame_after_participle(verb))
        or _as_frame(verb)
        or (verb.dep_ == "advcl" and inverted_subject(verb) is not None)
        or _frame_opening_clause(verb, lex)
    )


def _frame_opening_clause(verb: Token, lex: Lexicon) -> bool:
    """A frame with its own subject and no subordinator, set off by a comma before the clause it
    reports, which the parser hung on that clause ("the former executive told The Post, Fiorina
    would ..."); not before a report of its own ("X asked, Y replied ...")."""
    doc = verb.doc
    end = verb.right_edge.i + 1
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and verb.head.i > verb.i
        and not lex.is_cue(lex.lemma(verb.head))
        and end < len(doc)
        and doc[end].text == ","
        and subject is not None
        and not any(c.dep_ == "aux" and c.i < subject.i for c in verb.lefts)  # "Had I known, ..."
        and not any(c.dep_ in ("mark", "ccomp", "xcomp") or c.tag_ == "WRB" for c in verb.children)
    )


def _without(sent: SpacySpan, content: tuple[tuple[int, int], ...], cut: range) -> tuple[tuple[int, int], ...]:
    """The content ranges without the tokens in `cut` (the source's own words)."""
    return _ranges(sent, [i for s, e in content for i in range(s, e) if i not in cut])


def _frames(
    verb: Token, sent: SpacySpan, lex: Lexicon, quoted: Callable[[int], bool], subject: Token | None = None
) -> list[Frame]:
    """The frame of `verb`, then the frames of reports coordinated into its clause."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return []
    subject = subject or subject_of(verb, lex, quoted)
    if subject is None:
        return []
    source = source_range(subject, verb)
    found = _content(verb, sent, lex, subject, quoted)
    if source is None or found is None:
        return []
    content, cue_extra, joined = found
    content = _without(sent, content, range(*source))
    cue_tokens = [verb.i, *cue_extra] + [c.i for c in verb.children if c.dep_ in _CUE_PARTS and c.i > verb.i]
    refers_to = subject.i
    if subject.lower_ in lex.relative_pronouns and verb.dep_ == "relcl":
        refers_to = verb.head.i
    frame = Frame(verb.i, tuple(runs(cue_tokens)), source, refers_to, content)
    return [frame] + [f for v in joined for f in _frames(v, sent, lex, quoted, subject)]


def outermost(frames: list[Frame]) -> list[Frame]:
    """Frames not reported inside another frame's clause ("X said he believes Y" is one claim)."""
    spans = [(s, e) for f in frames for s, e in f.content]
    return [f for f in frames if not any(s <= f.verb < e for s, e in spans)]


def find_frames(sentences: Iterable[SpacySpan], lex: Lexicon, quoted: Callable[[int], bool]) -> list[Frame]:
    """Every outermost cue verb with a subject outside quotations (`quoted(char)` tells), in text order."""
    frames: dict[int, Frame] = {}
    joined: set[int] = set()
    for sent in sentences:
        for token in sent:
            if token.pos_ not in ("VERB", "AUX") or token.i in joined or quoted(token.idx):
                continue
            cue = lex.is_cue(lex.lemma(token)) or clause_verb(token, lex) or made_clear(token, lex) is not None
            cue = cue or lex.lemma(token) in lex.view_givers
            if cue or frames_a_quotation(token, lex, quoted):
                found = _frames(token, sent, lex, quoted)
                joined.update(f.verb for f in found[1:])
                frames.update((f.verb, f) for f in found)
    return outermost(sorted(frames.values(), key=lambda f: f.verb))


def frame_found(doc: Doc, frame: Frame, content: tuple[Span, ...], *, direct: bool) -> Found:
    """The attribution of `frame` with the given content."""
    return Found(
        content=content,
        source=char_span(doc, *frame.source) if frame.source else None,
        cue=tuple(char_span(doc, s, e) for s, e in frame.cue),
        direct=direct,
        refers_to=frame.refers_to,
    )


def indirect(doc: Doc, frames: list[Frame], used: set[int]) -> list[Found]:
    """Frames with a reported clause of their own (those not completed by quotations)."""
    return [
        frame_found(doc, f, tuple(char_span(doc, s, e) for s, e in f.content), direct=False)
        for f in frames
        if f.verb not in used and f.content
    ]
