"""Fill a catalog from a Python file defining FR = {msgid: msgstr} (a translator's helper).

    python scripts/apply_translations.py TRANSLATIONS.py [LANG]

Entries already translated are left alone unless the file gives a new translation.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import babel_runner


def main() -> int:
    source = sys.argv[1]
    language = sys.argv[2] if len(sys.argv) > 2 else "fr"
    table = runpy.run_path(source)[language.upper()]
    po = babel_runner.LOCALE_DIR / language / "LC_MESSAGES" / f"{babel_runner.DOMAIN}.po"
    catalog = babel_runner.read_catalog(po)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        if message.id in table:
            message.string = table[message.id]
            message.flags.discard("fuzzy")
        elif (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        ):
            missing.append(message.id)
    catalog.fuzzy = False
    babel_runner.write_catalog(catalog, po)
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
