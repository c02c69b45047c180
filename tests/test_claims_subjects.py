"""Who holds a cue verb's frame when the parser hung the speaker's name somewhere else, on parses
written out by hand (see `tests.parses`)."""

from __future__ import annotations

from spacy.tokens import Doc

from bot.claims.lexicon import lexicon
from bot.claims.marks import find_quotes, inside_any
from bot.claims.subjects import source_range, subject_of
from bot.layout import read_layout
from tests.parses import doc_of as _doc


def _holder(doc: Doc, verb: str) -> str | None:
    quoted = inside_any(find_quotes(doc.text, read_layout(doc.text)))
    token = next(t for t in doc if t.text == verb)
    subject = subject_of(token, lexicon(), quoted)
    if subject is None:
        return None
    found = source_range(subject, token)
    return None if found is None else doc[found[0] : found[1]].text


def test_a_name_joined_to_the_quotation_with_an_age_speaks() -> None:
    """'"We were wrong," Ibarra, 52, told AFP': the name hung on the quotation's verb, and the
    outlet after the verb is who was told, not who spoke."""
    doc = _doc(
        [
            ("“", 2, "punct", "PUNCT", "``", "O"),
            ("We", 2, "nsubj", "PRON", "PRP", "O"),
            ("were", 2, "ROOT", "AUX", "VBD", "O"),
            ("wrong", 2, "acomp", "ADJ", "JJ", "O"),
            (",", 2, "punct", "PUNCT", ",", "O"),
            ("”", 6, "punct", "PUNCT", "''", "O"),
            ("Ibarra", 2, "conj", "PROPN", "NNP", "B-ORG"),
            (",", 6, "punct", "PUNCT", ",", "O"),
            ("52", 6, "appos", "NUM", "CD", "B-DATE"),
            (",", 6, "punct", "PUNCT", ",", "O"),
            ("told", 2, "conj", "VERB", "VBD", "O"),
            ("AFP", 10, "dobj", "PROPN", "NNP", "B-ORG"),
            (".", 2, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _holder(doc, "told") == "Ibarra, 52"


def test_a_quotation_hung_on_the_speakers_name_is_not_part_of_the_name() -> None:
    doc = _doc(
        [
            ("“", 10, "punct", "PUNCT", "``", "O"),
            ("That", 2, "nsubj", "PRON", "DT", "O"),
            ("is", 6, "ccomp", "AUX", "VBZ", "O"),
            ("fair", 2, "acomp", "ADJ", "JJ", "O"),
            (",", 6, "punct", "PUNCT", ",", "O"),
            ("”", 6, "punct", "PUNCT", "''", "O"),
            ("Delgado", 10, "nsubj", "PROPN", "NNP", "B-PERSON"),
            (",", 6, "punct", "PUNCT", ",", "O"),
            ("61", 6, "appos", "NUM", "CD", "B-DATE"),
            (",", 6, "punct", "PUNCT", ",", "O"),
            ("told", 10, "ROOT", "VERB", "VBD", "O"),
            ("MSNBC", 10, "dobj", "PROPN", "NNP", "B-ORG"),
            (".", 10, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _holder(doc, "told") == "Delgado, 61"


def test_a_name_in_apposition_to_an_opening_phrase_speaks() -> None:
    """'At a rally with his wife, former president Bill Clinton said ...' with the name hung on "wife"."""
    doc = _doc(
        [
            ("At", 11, "prep", "ADP", "IN", "O"),
            ("a", 2, "det", "DET", "DT", "O"),
            ("rally", 0, "pobj", "NOUN", "NN", "O"),
            ("with", 2, "prep", "ADP", "IN", "O"),
            ("his", 5, "poss", "PRON", "PRP$", "O"),
            ("wife", 3, "pobj", "NOUN", "NN", "O"),
            (",", 5, "punct", "PUNCT", ",", "O"),
            ("former", 8, "amod", "ADJ", "JJ", "O"),
            ("president", 10, "compound", "NOUN", "NN", "O"),
            ("Bill", 10, "compound", "PROPN", "NNP", "B-PERSON"),
            ("Clinton", 5, "appos", "PROPN", "NNP", "I-PERSON"),
            ("said", 11, "ROOT", "VERB", "VBD", "O"),
            ("the", 13, "det", "DET", "DT", "O"),
            ("plan", 14, "nsubj", "NOUN", "NN", "O"),
            ("failed", 11, "ccomp", "VERB", "VBD", "O"),
            (".", 11, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _holder(doc, "said") == "former president Bill Clinton"


def test_a_day_before_the_verb_is_not_its_speaker() -> None:
    """'Voters going to the polls Tuesday say ...' with "Tuesday" the last word before the verb."""
    doc = _doc(
        [
            ("Voters", 1, "nsubj", "NOUN", "NNS", "O"),
            ("going", 6, "advcl", "VERB", "VBG", "O"),
            ("to", 1, "prep", "ADP", "IN", "O"),
            ("the", 4, "det", "DET", "DT", "O"),
            ("polls", 2, "pobj", "NOUN", "NNS", "O"),
            ("Tuesday", 4, "appos", "PROPN", "NNP", "B-DATE"),
            ("say", 6, "ROOT", "VERB", "VBP", "O"),
            ("they", 8, "nsubj", "PRON", "PRP", "O"),
            ("tire", 6, "ccomp", "VERB", "VBP", "O"),
            (".", 6, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _holder(doc, "say") != "Tuesday"


def test_a_name_with_its_role_set_off_before_said_and_a_comma_speaks() -> None:
    """'In a call on Dec. 2, Col. Ruiz, a spokeswoman, said ...' with the name hung on the date."""
    doc = _doc(
        [
            ("In", 12, "prep", "ADP", "IN", "O"),
            ("a", 2, "det", "DET", "DT", "O"),
            ("call", 0, "pobj", "NOUN", "NN", "O"),
            ("on", 2, "prep", "ADP", "IN", "O"),
            ("Dec.", 3, "pobj", "PROPN", "NNP", "B-DATE"),
            ("2", 4, "nummod", "NUM", "CD", "I-DATE"),
            (",", 4, "punct", "PUNCT", ",", "O"),
            ("Col.", 8, "compound", "PROPN", "NNP", "O"),
            ("Ruiz", 4, "appos", "PROPN", "NNP", "B-PERSON"),
            (",", 8, "punct", "PUNCT", ",", "O"),
            ("spokeswoman", 8, "appos", "NOUN", "NN", "O"),
            (",", 12, "punct", "PUNCT", ",", "O"),
            ("said", 12, "ROOT", "VERB", "VBD", "O"),
            ("the", 14, "det", "DET", "DT", "O"),
            ("raid", 15, "nsubj", "NOUN", "NN", "O"),
            ("ended", 12, "ccomp", "VERB", "VBD", "O"),
            (".", 12, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _holder(doc, "said") == "Col. Ruiz, spokeswoman"


def test_a_description_running_into_the_verb_is_the_speaker_not_the_name_before_it() -> None:
    """'In talks with Ann Lee, the governor stated ...' with "governor" hung on "Lee": the governor spoke."""
    doc = _doc(
        [
            ("In", 8, "prep", "ADP", "IN", "O"),
            ("talks", 0, "pobj", "NOUN", "NNS", "O"),
            ("with", 1, "prep", "ADP", "IN", "O"),
            ("Ann", 4, "compound", "PROPN", "NNP", "B-PERSON"),
            ("Lee", 2, "pobj", "PROPN", "NNP", "I-PERSON"),
            (",", 4, "punct", "PUNCT", ",", "O"),
            ("the", 7, "det", "DET", "DT", "O"),
            ("governor", 4, "appos", "NOUN", "NN", "O"),
            ("stated", 8, "ROOT", "VERB", "VBD", "O"),
            ("that", 11, "mark", "SCONJ", "IN", "O"),
            ("taxes", 11, "nsubj", "NOUN", "NNS", "O"),
            ("rose", 8, "ccomp", "VERB", "VBD", "O"),
            (".", 8, "punct", "PUNCT", ".", "O"),
        ]
    )
    assert _holder(doc, "stated") == "the governor"
