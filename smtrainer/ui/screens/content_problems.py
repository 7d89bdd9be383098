"""Shown instead of the training when the content cannot be used."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from smtrainer.domain.problems import Problem
from smtrainer.i18n import _, ngettext
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import KeyFooter, Plain


class ContentProblemsScreen(Screen[None]):
    """Every error found in the content, with file and line, and what to run to see more."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="problems"):
            yield Plain(id="problems-heading")
            yield Plain(id="problems-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        retranslate(self)
        self.refresh_language()

    def refresh_language(self) -> None:
        count = len(self.problems)
        if count:
            heading = ngettext(
                "The training content has {count} problem, so the training cannot start.",
                "The training content has {count} problems, so the training cannot start.",
                count,
            ).format(count=count)
        else:
            heading = _("No policy pack was found in the active language.")
        heading += "\n" + _("Run `smtrainer check` for the full report.")
        self.query_one("#problems-heading", Static).update(heading)
        lines = []
        for problem in self.problems:
            where = f"{problem.file}:{problem.line}" if problem.line else problem.file
            key = f" [{problem.key}]" if problem.key else ""
            lines.append(f"• {where}{key}\n  {problem.message}")
        self.query_one("#problems-list", Static).update("\n".join(lines))
