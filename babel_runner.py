"""Message catalogs: the translator's command line and the hatchling build hook.

    python babel_runner.py extract   # write smtrainer/locale/smtrainer.pot from the code
    python babel_runner.py init fr   # start a catalog for a new language
    python babel_runner.py update    # merge new/changed strings into every .po
    python babel_runner.py compile   # build the .mo files next to each .po

The build hook compiles the catalogs so every wheel carries the .mo files; they are not committed.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "smtrainer"
LOCALE_DIR = PACKAGE / "locale"
DOMAIN = "smtrainer"
POT_FILE = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PROJECT = "smtrainer"


def extract_catalog() -> Catalog:
    """A template catalog of every marked string in the package's Python code."""
    catalog = Catalog(project=PROJECT, msgid_bugs_address="", charset="utf-8", fuzzy=False)
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE), method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        path = f"smtrainer/{Path(filename).as_posix()}"
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def po_files() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parent.parent.name, domain=DOMAIN)


def write_catalog(catalog: Catalog, path: Path, **options: Any) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, **options)
    path.write_bytes(buffer.getvalue())


def extract() -> None:
    write_catalog(extract_catalog(), POT_FILE, omit_header=False)
    print(f"wrote {POT_FILE.relative_to(ROOT)}")


def init(language: str) -> None:
    target = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if target.exists():
        raise SystemExit(f"{target.relative_to(ROOT)} exists; use 'update'")
    template = extract_catalog()
    catalog = Catalog(locale=language, domain=DOMAIN, project=PROJECT, fuzzy=False)
    catalog.update(template)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_catalog(catalog, target)
    print(f"created {target.relative_to(ROOT)}")


def update() -> None:
    template = extract_catalog()
    for po in po_files():
        catalog = read_catalog(po)
        catalog.update(template, update_header_comment=False)
        write_catalog(catalog, po, ignore_obsolete=True, include_previous=True)
        print(f"updated {po.relative_to(ROOT)}")


def compile_catalogs() -> list[Path]:
    built = []
    for po in po_files():
        catalog = read_catalog(po)
        mo = po.with_suffix(".mo")
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        if not mo.exists() or mo.read_bytes() != buffer.getvalue():
            mo.write_bytes(buffer.getvalue())
        built.append(mo)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["extract", "init", "update", "compile"])
    parser.add_argument("language", nargs="?", help="with init: the new language's code")
    args = parser.parse_args(argv)
    if args.command == "init":
        if not args.language:
            parser.error("init needs a language code")
        init(args.language)
    elif args.command == "extract":
        extract()
    elif args.command == "update":
        update()
    else:
        for mo in compile_catalogs():
            print(f"compiled {mo.relative_to(ROOT)}")
    return 0


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # Only the build needs hatchling; the translator's CLI does not.
    pass
else:

    class CatalogBuildHook(BuildHookInterface):  # type: ignore[misc]
        """Compile the catalogs before hatchling collects the package files."""

        PLUGIN_NAME = "custom"

        def initialize(self, version: str, build_data: dict[str, Any]) -> None:
            compile_catalogs()


if __name__ == "__main__":
    sys.exit(main())
