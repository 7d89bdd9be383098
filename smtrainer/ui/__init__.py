"""The Textual user interface.

Textual draws at most `TEXTUAL_FPS` frames a second (60 by default), and after a frame that took
long it waits one to two frame periods before the next. A key that changes the screen is often
drawn in two or three passes (a new body, then what its new size changes), so at 60 frames that
wait was a third of the time a learner waited for a key's answer. At 120 it is halved; the rate
is a ceiling, so an idle screen still draws nothing. Set here, before Textual is imported by
anything of the interface; a value set by the user is kept.
"""

import os

FRAMES_PER_SECOND = "120"

os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)
