"""Building ahead replaced before it starts, or cut short by the app's end, leaves no coroutine
behind that is never awaited (Python warns of each at shutdown)."""

from __future__ import annotations

import gc
import warnings
from pathlib import Path

from smtrainer.ui.launch import make_app


async def test_building_ahead_replaced_before_it_starts_leaves_nothing_unawaited(
    tiny: Path,
) -> None:
    app = make_app(tiny)
    assert app is not None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for _ in range(3):  # Each replaces the last before it has run.
                app.build_identity_ahead()
        del app, pilot
        gc.collect()
    unawaited = [w for w in caught if "never awaited" in str(w.message)]
    assert unawaited == []
