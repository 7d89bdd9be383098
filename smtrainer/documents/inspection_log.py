"""The printable inspection log: one self-contained HTML page for inspectors and governors.

A4 print styles with page numbers, no scripts and no external resources; every value escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from smtrainer.documents.wording import long_date
from smtrainer.i18n import _, current_language


@dataclass(frozen=True)
class LogRow:
    name: str
    staff_id: str
    role: str
    last_completed: str
    score: str
    next_refresher: str
    status: str


@dataclass(frozen=True)
class InspectionLog:
    school: str
    policies: Sequence[str]
    """Each policy as "title, version"."""
    today: dt.date
    rows: Sequence[LogRow]
    never_started: Sequence[LogRow]
    totals: str


_STYLE = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-center { content: "%(page)s"; font: 9pt sans-serif; color: #333; } }
* { box-sizing: border-box; }
body { font: 9pt/1.3 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #000;
  margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2mm; }
table { width: 100%%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.3mm solid #777; padding: 1mm 1.5mm; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
th { background: #e8e8e8; }
col.name { width: 20%%; } col.id { width: 13%%; } col.role { width: 19%%; }
col.date { width: 13%%; } col.score { width: 8%%; } col.status { width: 14%%; }
.note { font-size: 9pt; border-top: 0.3mm solid #777; padding-top: 2mm; margin-top: 6mm; }
"""


def _page_label() -> str:
    # CSS counters inside a string: "Page " counter(page) " of " counter(pages).
    words = _("Page {page} of {pages}")
    before, _sep, rest = words.partition("{page}")
    middle, _sep, after = rest.partition("{pages}")
    return f'{before}" counter(page) "{middle}" counter(pages) "{after}'


def _table(rows: Sequence[LogRow]) -> str:
    header = (
        "<thead><tr>"
        + "".join(
            f"<th>{escape(title)}</th>"
            for title in (
                _("Name"),
                _("Staff id"),
                _("Role"),
                _("Completed on"),
                _("Score %"),
                _("Refresher due"),
                _("Status"),
            )
        )
        + "</tr></thead>"
    )
    cols = (
        '<colgroup><col class="name"><col class="id"><col class="role"><col class="date">'
        '<col class="score"><col class="date"><col class="status"></colgroup>'
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(value)}</td>"
            for value in (
                row.name,
                row.staff_id,
                row.role,
                row.last_completed,
                row.score,
                row.next_refresher,
                row.status,
            )
        )
        + "</tr>"
        for row in rows
    )
    return f"<table>{cols}{header}<tbody>{body}</tbody></table>"


def render_log(log: InspectionLog) -> str:
    """The whole HTML page in the active language."""
    language = current_language()
    day = long_date(log.today, language)
    style = _STYLE % {"page": _page_label()}
    policies = "".join(f"<li>{escape(policy)}</li>" for policy in log.policies)
    everyone = _("Everyone on the staff list has completed the training at least once.")
    never = _table(log.never_started) if log.never_started else f"<p>{escape(everyone)}</p>"
    note = _(
        "Every completion counted here is a record signed by the member of staff with their own "
        "key and verified by smtrainer (an OpenSSH signature over the record's exact values); "
        "only keys approved by the school for that person count. A signature proves who signed "
        "and that nothing changed since; it cannot prove the training was done by that person "
        "in person. Anyone can check a record with ssh-keygen -Y verify."
    )
    title = _("Social media policy training log")
    policy_word = _("Policy:")
    as_of = _("As of {day}.").format(day=day)
    staff_heading = _("Staff and their training")
    never_heading = _("New starters and others without a completion")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)} — {escape(log.school)}</title>"
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">"
        f"<style>{style}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f"<p><strong>{escape(log.school)}</strong></p>"
        f"<p>{escape(policy_word)}</p><ul>{policies}</ul>"
        f"<p>{escape(as_of)} {escape(log.totals)}</p>"
        f"<h2>{escape(staff_heading)}</h2>"
        f"{_table(log.rows)}"
        f"<h2>{escape(never_heading)}</h2>"
        f"{never}"
        f'<p class="note">{escape(note)}</p>'
        "</body></html>\n"
    )
