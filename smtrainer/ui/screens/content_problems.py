"""Shown instead of the training when the content cannot be used."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from smtrainer.domain.problems import Problem
from smtrainer.i18n import _, ngettext
from smtrainer.ui.screens.base import GuardedScreen
from smtrainer.ui.translated_bindings import retranslate
from smtrainer.ui.widgets import KeyFooter, Plain, TitleBar


class ContentProblemsScreen(GuardedScreen[None]):
    """Every error found in the content, with file and line, and what to run to see more."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="problems"):
            yield Plain(id="problems-heading")
            yield Plain(id="problems-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()

    async def refresh_language(self) -> None:
        self._show()

    def _show(self) -> None:
        retranslate(self)
        count = len(self.problems)
        if count:
            heading = ngettext(
                "The training content has {count} problem, so the training cannot start.",
                "The training content has {count} problems, so the training cannot start.",
                count,
            ).format(count=count)
        else:
            heading = _("No policy pack was found in the active language.")
        heading += "\n" + _("For the full report, run this command: {command}").format(
            command="smtrainer check"
        )
        self.query_one("#problems-heading", Static).update(heading)
        lines = []
        for problem in self.problems:
            where = f"{problem.file}:{problem.line}" if problem.line else problem.file
            key = f" [{problem.key}]" if problem.key else ""
            lines.append(f"• {where}{key}\n  {problem.message}")
        self.query_one("#problems-list", Static).update("\n".join(lines))
