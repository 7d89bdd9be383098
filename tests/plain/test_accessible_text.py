"""Plain transcripts are plain: no escapes, drawing or long lines; prompts say where, in words."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from smtrainer.i18n import LOCALE_DIR
from tests.plain.transcripts import GOLDEN

TRANSCRIPTS = sorted(GOLDEN.glob("*.txt"))
MAX_LINE = 100

SCREEN_WORDS = re.compile(
    r"\b(below|above|on the (right|left)|in (green|red|bold|colou?r)|highlighted|click|"
    r"on (the )?screen|ci-dessous|ci-dessus|à (droite|gauche)|en (vert|rouge|gras|couleur)|"
    r"surbrillance|surlign|cliquez|à l'écran)",
    re.IGNORECASE,
)
"""Words that point at a place, a colour or a highlight on a screen nobody may be seeing."""

LOCATION = re.compile(
    r"^(Welcome|Accueil|Who you are|Votre identité|Refresher|Remise à niveau|Module map|"
    r"Plan des modules|Module \d+ (of|sur) \d+, |Final assessment|Évaluation finale|"
    r"Test-out quiz|Quiz de positionnement|Your school|Votre école|"
    r"Practice check|Autodiagnostic|Acknowledgement|Engagement|Certificate|Certificat)"
)
CHOICE = re.compile(r"^  (\d+)\. (.*)$")


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def test_there_is_a_transcript_per_journey_and_language() -> None:
    names = {path.stem for path in TRANSCRIPTS}
    assert {"induction-en", "induction-fr", "refresher-en", "refresher-fr"} <= names


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_no_escape_drawing_or_long_line(path: Path) -> None:
    for number, line in enumerate(lines_of(path), start=1):
        where = f"{path.name}:{number}"
        assert len(line) <= MAX_LINE, where
        for char in line:
            assert char not in "\x1b\x9b", f"{where}: escape sequence"
            assert unicodedata.category(char) != "Cc", f"{where}: control character {char!r}"
            assert not 0x2500 <= ord(char) <= 0x259F, f"{where}: box-drawing or block {char!r}"
            assert not 0x2800 <= ord(char) <= 0x28FF, f"{where}: braille pattern {char!r}"


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_every_prompt_says_where_and_never_points_at_a_screen(path: Path) -> None:
    lines = lines_of(path)
    prompts = 0
    for number, line in enumerate(lines):
        if not line.startswith("> "):
            continue
        before = lines[max(0, number - 3) : number]
        starts = [i for i, text in enumerate(before) if LOCATION.match(text)]
        assert starts, f"{path.name}:{number + 1}: a prompt that does not say where: {before}"
        prompt = " ".join(before[starts[-1] :])
        assert not SCREEN_WORDS.search(prompt), f"{path.name}:{number + 1}: {prompt}"
        prompts += 1
    assert prompts > 10


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_every_choice_is_announced_in_words(path: Path) -> None:
    choices = [CHOICE.match(line) for line in lines_of(path)]
    found = [match for match in choices if match]
    assert found
    for match in found:
        words = [word for word in match.group(2).split() if any(c.isalpha() for c in word)]
        assert words, f"choice {match.group(1)} has no words: {match.group(0)!r}"
    text = path.read_text(encoding="utf-8")
    for symbol in "✓✗◐○☐":
        assert symbol not in text, f"{symbol!r} stands for words a reader may not hear"


def test_no_plain_string_points_at_a_screen() -> None:
    """Every string of the plain front end, in both languages, not only those in transcripts."""
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "smtrainer.po").open("rb") as po:
        catalog = read_po(po)
    plain = [
        message
        for message in catalog
        if message.id
        and any(place.startswith("smtrainer/plain/") for place, _ in message.locations)
    ]
    assert len(plain) > 40
    for message in plain:
        texts = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in (*texts, *translated):
            assert not SCREEN_WORDS.search(text), text


@pytest.mark.parametrize(
    "path", [p for p in TRANSCRIPTS if p.stem.endswith("-fr")], ids=lambda p: p.stem
)
def test_french_typography(path: Path) -> None:
    """A no-break space before : ; ? ! and inside « », as the app writes French everywhere."""
    bare = re.compile(r"(?<=[^\u00a0\s\d])[:;?!»]|«(?=[^\u00a0])")
    for number, line in enumerate(lines_of(path), start=1):
        if "<home>" in line or "://" in line or line.startswith("> "):
            continue
        assert not bare.search(line), f"{path.name}:{number}: {line!r}"
