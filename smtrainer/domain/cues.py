"""Answer cues: ways to pick the right option without knowing the policy.

Pure measures shared by the checker's warnings and the item report's simulation.
"""

from __future__ import annotations

import difflib
import re
import statistics
from collections import Counter
from collections.abc import Sequence

from smtrainer.domain.model import AnswerOption, Question, QuestionKind

RESTRICTIVE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("only", "never", "always", "all", "none", "every", "must", "cannot"),
    "fr": (
        "seulement",
        "uniquement",
        "jamais",
        "toujours",
        "tous",
        "toutes",
        "aucun",
        "aucune",
        "doit",
    ),
}
"""Absolute words test-wise learners avoid, by language (whole words, any case)."""

_PATTERNS = {
    language: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    for language, words in RESTRICTIVE_WORDS.items()
}

OTHER_OPTIONS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:all|none|both|neither) of the (?:above|others|options|answers)\b"
        r"|\bboth [a-f] and [a-f]\b|\b(?:option|answer|choice)s? [a-f]\b",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"\b(?:toutes|aucune|tous|aucun) (?:les |des )?(?:réponses|propositions|options)"
        r"(?: ci-dessus| précédentes)?\b|\bci-dessus\b|\b(?:[a-f] et [a-f])\b"
        r"|\b(?:réponse|option|proposition)s? [a-f]\b",
        re.IGNORECASE,
    ),
}
"""Options that refer to other options or to their position: meaningless once shuffled."""

SIMILAR = 0.85
"""Similarity (0–1) of two prompts' wording, word by word, from which they are near copies."""

SHARED_WORDS = 0.5
"""Share of content words (prompt and right answers) from which two scored questions test the
same thing (Jaccard index)."""

SHARED_WORDS_CHECK = 0.45
"""The same for a check question against a scored one: stricter, as its answer is shown."""

_STOPWORDS = {
    "en": frozenset(
        [
            "the",
            "and",
            "for",
            "you",
            "your",
            "are",
            "with",
            "this",
            "that",
            "what",
            "which",
            "who",
            "whom",
            "when",
            "may",
            "can",
            "not",
            "does",
            "from",
            "their",
            "they",
            "them",
            "his",
            "her",
            "its",
            "our",
            "has",
            "have",
            "had",
            "was",
            "were",
            "will",
            "would",
            "should",
            "about",
            "into",
            "than",
            "then",
            "there",
            "these",
            "those",
            "been",
            "being",
            "also",
            "any",
        ]
    ),
    "fr": frozenset(
        [
            "les",
            "des",
            "une",
            "est",
            "sont",
            "pour",
            "vous",
            "votre",
            "vos",
            "dans",
            "par",
            "avec",
            "cette",
            "qui",
            "que",
            "quoi",
            "quel",
            "quelle",
            "quels",
            "quelles",
            "quand",
            "peut",
            "pouvez",
            "pas",
            "elle",
            "ils",
            "elles",
            "son",
            "ses",
            "leur",
            "leurs",
            "aux",
            "sur",
            "mais",
            "ou",
            "donc",
            "car",
            "être",
            "avoir",
            "été",
            "fait",
            "faire",
            "plus",
            "comme",
            "tout",
            "cela",
            "ceci",
        ]
    ),
}

MUCH_LONGER = 1.5
"""A correct option this many times the wrong options' average length gives itself away."""


def length(text: str) -> int:
    """Characters of `text` with its spacing folded, as a reader sees it."""
    return len(" ".join(text.split()))


def has_restrictive(text: str, language: str) -> bool:
    pattern = _PATTERNS.get(language)
    return bool(pattern and pattern.search(text))


def refers_to_others(text: str, language: str) -> bool:
    pattern = OTHER_OPTIONS.get(language)
    return bool(pattern and pattern.search(text))


def correct_is_longest(question: Question) -> bool:
    """Whether a single-answer question's correct option is strictly the longest."""
    right = [o for o in question.options if o.correct]
    wrong = [o for o in question.options if not o.correct]
    if question.kind is not QuestionKind.SINGLE or len(right) != 1 or not wrong:
        return False
    return length(right[0].text) > max(length(o.text) for o in wrong)


def correct_much_longer(question: Question) -> bool:
    """Whether the correct option is the longest by far (`MUCH_LONGER` × the wrong average)."""
    if not correct_is_longest(question):
        return False
    right = next(o for o in question.options if o.correct)
    wrong = [length(o.text) for o in question.options if not o.correct]
    return length(right.text) >= MUCH_LONGER * statistics.fmean(wrong)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def similarity(first: str, second: str) -> float:
    """How alike two texts are (0–1), word by word, ignoring case, punctuation and spacing."""
    return _word_ratio(tuple(_fold(first).split()), tuple(_fold(second).split()))


def _word_ratio(first: tuple[str, ...], second: tuple[str, ...]) -> float:
    total = len(first) + len(second)
    if not total or 2 * min(len(first), len(second)) < SIMILAR * total:
        return 0.0  # So different in length that they cannot reach the threshold.
    shared = sum((Counter(first) & Counter(second)).values())
    if 2 * shared < SIMILAR * total:
        return 0.0  # Too few words in common, whatever their order.
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def content_words(question: Question, language: str) -> frozenset[str]:
    """The words that carry a question's content: its prompt and its right answers."""
    right = (
        []
        if question.kind is QuestionKind.TRUE_FALSE
        else [o.text for o in question.options if o.correct]
    )
    stop = _STOPWORDS.get(language, frozenset())
    words = re.findall(r"\w+", " ".join([question.prompt, *right]).casefold())
    return frozenset(w for w in words if len(w) > 2 and w not in stop)


def shared_words(first: frozenset[str], second: frozenset[str]) -> float:
    """Jaccard index of two word sets."""
    return len(first & second) / len(first | second) if first and second else 0.0


def near_duplicates(
    questions: Sequence[Question],
    language: str,
    others: Sequence[Question] | None = None,
) -> list[tuple[Question, Question, float]]:
    """Near copies: pairs within `questions`, or each of `others` (check questions) against
    them, whose prompts are worded alike or which share most of their content words."""
    everything = (*questions, *(others or ()))
    words = {q.id: content_words(q, language) for q in everything}
    prompts = {q.id: tuple(_fold(q.prompt).split()) for q in everything}
    if others is None:
        pairs = [(a, b) for i, a in enumerate(questions) for b in questions[i + 1 :]]
        threshold = SHARED_WORDS
    else:
        pairs = [(a, b) for b in others for a in questions]
        threshold = SHARED_WORDS_CHECK
    found = []
    for first, second in pairs:
        shared = shared_words(words[first.id], words[second.id])
        worded = _word_ratio(prompts[first.id], prompts[second.id])
        if shared >= threshold or worded >= SIMILAR:
            found.append((first, second, max(shared, worded)))
    return found


def statement_truth(question: Question) -> bool:
    """A true/false question's right answer."""
    return "true" in question.correct_ids


def _longest(options: Sequence[AnswerOption]) -> AnswerOption:
    return max(options, key=lambda o: length(o.text))


def _longer_half(options: Sequence[AnswerOption]) -> list[AnswerOption]:
    mean = statistics.fmean(length(o.text) for o in options)
    return [o for o in options if length(o.text) >= mean] or [_longest(options)]


def _plain(options: Sequence[AnswerOption], language: str) -> list[AnswerOption]:
    return [o for o in options if not has_restrictive(o.text, language)] or list(options)


def pick_longest(question: Question, shown: Sequence[AnswerOption], language: str) -> set[str]:
    """The test-wise guess "the longest option is right" (true/false: "false")."""
    if question.kind is QuestionKind.TRUE_FALSE:
        return {"false"}
    if question.kind is QuestionKind.SINGLE:
        return {_longest(shown).id}
    return {o.id for o in _longer_half(shown)}


def pick_unrestricted(question: Question, shown: Sequence[AnswerOption], language: str) -> set[str]:
    """The guess "absolute words mark a wrong option": the first option shown without one."""
    if question.kind is QuestionKind.TRUE_FALSE:
        return {"false" if has_restrictive(question.prompt, language) else "true"}
    plain = _plain(shown, language)
    if question.kind is QuestionKind.SINGLE:
        return {plain[0].id}
    return {o.id for o in plain}


def pick_mixed(question: Question, shown: Sequence[AnswerOption], language: str) -> set[str]:
    """Both guesses: the longest option among those without absolute words."""
    if question.kind is QuestionKind.TRUE_FALSE:
        return pick_unrestricted(question, shown, language)
    plain = _plain(shown, language)
    if question.kind is QuestionKind.SINGLE:
        return {_longest(plain).id}
    return {o.id for o in _longer_half(plain)}


STRATEGIES = {
    "longest": pick_longest,
    "no-absolute-words": pick_unrestricted,
    "mixed": pick_mixed,
}
"""Cue-only answering strategies, by name, for the item report's simulation."""
