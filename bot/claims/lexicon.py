"""The cue lexicon and person word lists shipped as data under `bot/claims/data/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

from ..reference import people_words


@dataclass(frozen=True)
class Lexicon:
    """Cue words by the content they take (clause, belief, intent, object, naming, prepositional),
    verbs that characterize an object "as" something, stance adjectives after a linking verb and
    nouns of a possessor's claim (each with the complements they take), agentless cues (and the verbs
    of a question put by no one named, and the marks opening the question put), the words with
    which a verb makes a clause plain ("made it clear that ..."), the words that stand for a reported
    clause ("said so", "said yes", "say the same"), the verbs and prepositions that give what a thing
    is known as or for, the marks of an adverbial clause that belongs to the reported clause
    ("because ..."), the prepositions and nouns of the time, place or occasion of an act ("at a
    rally on Monday"), the verbs that give a view
    named by their object ("offered her assessment of ..."), the "according to"
    frames, words before a quotation that names a term rather than quoting someone, person words,
    lemmas the tagger gets wrong, and the words opening a narrator's aside after a reported clause
    (", though ...", ", which ..."), and
    verbs of examining or handing over material whose passive agent is a source, and what stands
    behind the object of "according to" (the people of an interview, the provider of figures),
    the verbs and nouns of a source citing people for what it reports ("citing participants"), and
    the prepositions introducing the holder of a claim noun ("a recognition among aides that ..."), and
    the labels before a colon that name no speaker ("Update: ..."), and the light verbs whose subject
    holds the claim noun they take ("made the case that ..."), and the wh-words opening a clause that
    stands as an object ("criticized what she called ..."), and the verbs reporting what a study
    found, with the nouns of studies ("a recent survey found 90 percent support for ..."), and the
    class of what a cue reports of its holder (knowledge, belief, intention, emotion; else report),
    the verbs whose object, not subject, does what their complement says ("urged them to ..."), and
    the verbs that head a phrasal cue ("point" of "point out")."""

    clause: frozenset[str]
    belief: frozenset[str]
    intent: frozenset[str]
    object: frozenset[str]
    naming: frozenset[str]
    characterizing: frozenset[str]
    prepositional: dict[str, frozenset[str]]
    stances: dict[str, frozenset[str]]
    linking: frozenset[str]
    nouns: dict[str, frozenset[str]]
    raising: frozenset[str]
    passive: frozenset[str]
    hedges: frozenset[str]
    asked: frozenset[str]
    question_marks: frozenset[str]
    view_givers: frozenset[str]
    view_nouns: frozenset[str]
    clarity: dict[str, frozenset[str]]
    clause_marks: frozenset[str]
    reputation: dict[str, frozenset[str]]
    pro_forms: frozenset[str]
    time_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    occasions: frozenset[str]
    term_markers: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    person_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    titles: frozenset[str]
    lemma_fixes: dict[str, str]
    aside_marks: frozenset[str]
    aside_relatives: frozenset[str]
    material: frozenset[str]
    via: dict[str, frozenset[str]]
    providing: frozenset[str]
    citing: frozenset[str]
    source_nouns: frozenset[str]
    noun_holders: frozenset[str]
    colon_labels: frozenset[str]
    trailing_labels: frozenset[str]
    light_verbs: frozenset[str]
    wh_words: frozenset[str]
    finding: frozenset[str]
    studies: frozenset[str]
    cue_classes: dict[str, str]
    object_control: frozenset[str]
    phrasal_bases: frozenset[str]

    def lemma(self, token: Token) -> str:
        """The token's lemma in lower case, with the tagger's known slips put right ("hoping" is not "hop"),
        and with its particle when the lexicon knows the phrasal verb ("pointed out" is "point out")."""
        base = self.lemma_fixes.get(token.lower_, token.lemma_.lower())
        if base not in self.phrasal_bases:
            return base
        for child in token.children:
            if child.dep_ == "prt" and self.is_cue(phrasal := f"{base} {child.lower_}"):
                return phrasal
        return base

    def cue_class(self, token: Token) -> str:
        """What the cue word `token` reports of its holder: "knowledge", "belief", "intention",
        "emotion", or "report" for speech, writing and findings."""
        return self.cue_classes.get(self.lemma(token), self.cue_classes.get(token.lower_, "report"))

    def is_cue(self, lemma: str) -> bool:
        """Whether `lemma` can report speech, belief or intention at all."""
        return (
            lemma in self.clause
            or lemma in self.belief
            or lemma in self.intent
            or lemma in self.object
            or lemma in self.naming
            or lemma in self.characterizing
            or lemma in self.prepositional
        )


def _read(name: str) -> dict[str, Any]:
    raw = resources.files("bot.claims.data").joinpath(name).read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data[key])


_CUE_LISTS = ("clause", "belief", "intent", "object", "naming", "characterizing", "prepositional")


def _phrasal_bases(cues: dict[str, Any]) -> frozenset[str]:
    """The verbs that head a phrasal cue of the lexicon ("point" of "point out")."""
    return frozenset(str(w).lower().split()[0] for key in _CUE_LISTS for w in cues[key] if " " in str(w))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon shipped with the package (read once)."""
    cues = _read("cues.json")
    people = people_words()
    return Lexicon(
        clause=_words(cues, "clause"),
        belief=_words(cues, "belief"),
        intent=_words(cues, "intent"),
        object=_words(cues, "object"),
        naming=_words(cues, "naming"),
        characterizing=_words(cues, "characterizing"),
        prepositional={str(k).lower(): frozenset(str(p).lower() for p in v) for k, v in cues["prepositional"].items()},
        stances={str(k).lower(): frozenset(str(p).lower() for p in v) for k, v in cues["stances"].items()},
        linking=_words(cues, "linking"),
        nouns={str(k).lower(): frozenset(str(p).lower() for p in v) for k, v in cues["nouns"].items()},
        raising=_words(cues, "raising"),
        passive=_words(cues, "passive"),
        hedges=_words(cues, "hedges"),
        asked=_words(cues, "asked"),
        question_marks=_words(cues, "question_marks"),
        view_givers=_words(cues, "view_givers"),
        view_nouns=_words(cues, "view_nouns"),
        clarity={str(k).lower(): frozenset(str(w).lower() for w in v) for k, v in cues["clarity"].items()},
        clause_marks=_words(cues, "clause_marks"),
        reputation={str(k).lower(): frozenset(str(p).lower() for p in v) for k, v in cues["reputation"].items()},
        pro_forms=_words(cues, "pro_forms"),
        time_prepositions=_words(cues, "time_prepositions"),
        place_prepositions=_words(cues, "place_prepositions"),
        occasions=_words(cues, "occasions"),
        term_markers=_words(cues, "term_markers"),
        according=tuple(tuple(str(w).lower() for w in frame) for frame in cues["according"]),
        person_pronouns=people.person_pronouns,
        relative_pronouns=people.relative_pronouns,
        titles=people.titles,
        lemma_fixes={str(k).lower(): str(v).lower() for k, v in cues["lemma_fixes"].items()},
        aside_marks=_words(cues, "aside_marks"),
        aside_relatives=_words(cues, "aside_relatives"),
        material=_words(cues, "material"),
        via={str(k).lower(): frozenset(str(p).lower() for p in v) for k, v in cues["via"].items()},
        providing=_words(cues, "providing"),
        citing=_words(cues, "citing"),
        source_nouns=_words(cues, "source_nouns"),
        noun_holders=_words(cues, "noun_holders"),
        colon_labels=_words(cues, "colon_labels"),
        trailing_labels=_words(cues, "trailing_labels"),
        light_verbs=_words(cues, "light_verbs"),
        wh_words=_words(cues, "wh_words"),
        finding=_words(cues, "finding"),
        studies=_words(cues, "studies"),
        object_control=_words(cues, "object_control"),
        cue_classes={str(w).lower(): str(k) for k, ws in cues["cue_classes"].items() for w in ws},
        phrasal_bases=_phrasal_bases(cues),
    )
