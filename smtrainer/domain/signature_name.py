"""When a typed signature counts as the person's name.

The name is typed twice, once on the identity form and once to sign, on keyboards that may not
have the accents, with Caps Lock on or an extra space. The two match when they are the same
letters in the same order, ignoring:

- case ("zoé lefèvre" signs for "Zoé Lefèvre");
- accents and other marks ("Zoe Lefevre" too), compared after Unicode NFKD decomposition, and
  the strokes and bars that Unicode does not decompose ("Lukasz" for "Łukasz", "Ostergaard" for
  "Østergaard");
- how letters were composed (NFC and NFD forms of "é" are the same letter);
- spaces (leading, trailing and repeated) and invisible control or format characters.

Anything else (a different letter, a missing word, a hyphen for a space) does not match.
"""

from __future__ import annotations

import unicodedata

from smtrainer.domain.record_values import clean_text

STROKES = str.maketrans("ŁłØøĐđĦħŦŧıƗɨƵƶ", "LlOoDdHhTtiIiZz")
"""Letters with a stroke or bar, which NFKD leaves whole, to the letter under it."""


def signature_key(text: str) -> str:
    """`text` reduced to what the comparison looks at."""
    decomposed = unicodedata.normalize("NFKD", clean_text(text).translate(STROKES))
    letters = "".join(
        c
        for c in decomposed
        if not unicodedata.combining(c) and unicodedata.category(c) not in ("Cc", "Cf")
    )
    return " ".join(letters.split()).casefold()


def same_name(typed: str, expected: str) -> bool:
    """Whether `typed` is `expected` as the rules above compare names; never for an empty one."""
    key = signature_key(typed)
    return bool(key) and key == signature_key(expected)
