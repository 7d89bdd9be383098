"""The Textual user interface.

Two of Textual's settings are chosen here, before Textual is imported by anything of the
interface; a value the user sets in the environment is kept.

- `TEXTUAL_FPS`: Textual draws at most this many frames a second (60 by default), and after a
  frame that took long it waits one to two frame periods before the next. A key that changes
  the screen is often drawn in two or three passes (a new body, then what its new size
  changes), so at 60 frames that wait was a third of the time a learner waited for a key's
  answer. At 120 it is halved; the rate is a ceiling, so an idle screen still draws nothing.
- `TEXTUAL_ANIMATIONS`: none. Moving the focus to a field below the fold scrolled to it in a
  smooth animation of five frames or more (150 ms for the list of roles); it now jumps there,
  as a terminal program's screen does, and nothing else moves on its own either.
"""

import os

SETTINGS = {"TEXTUAL_FPS": "120", "TEXTUAL_ANIMATIONS": "none"}

for _name, _value in SETTINGS.items():
    os.environ.setdefault(_name, _value)
