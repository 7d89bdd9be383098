"""The printable inspection log, printed to PDF by a real browser (headless Chromium)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from smtrainer.cli.main import main
from smtrainer.content.policies import load_policy_set
from smtrainer.i18n import set_language
from smtrainer.storage.roster import load_roster
from smtrainer.workflows.demo import build_demo

TODAY = dt.date(2026, 11, 21)
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _References(HTMLParser):
    """Every URL the page would load: src, href, and url() in styles."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend(v or "" for k, v in attrs if k in {"src", "href", "srcset", "data"})
        if tag == "script":
            self.found.append("<script>")


def test_the_page_is_self_contained(store: Path, tmp_path: Path) -> None:
    page = tmp_path / "log.html"
    assert main(["report", "--store", str(store), "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    parser = _References()
    parser.feed(html)
    assert parser.found == []
    assert "url(" not in html and "@import" not in html
    assert "@page" in html and "counter(pages)" in html


def test_names_are_escaped(store: Path, tmp_path: Path) -> None:
    roster = store / "roster.toml"
    text = roster.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("name = "))
    roster.write_text(text.replace(first, 'name = "<script>alert(1)</script> Ann"', 1))
    page = tmp_path / "log.html"
    assert main(["report", "--store", str(store), "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ann" in html


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inspection") / "store"
    build_demo(
        out, load_policy_set(None, "kingsworth").policies, staff=300, years=2, seed=8, today=TODAY
    )
    return out


def _pdf_words(
    pdf: Path, tmp_path: Path
) -> tuple[list[tuple[float, float]], list[list[dict[str, float | str]]]]:
    """Page sizes, and each page's words with their boxes, from `pdftotext -bbox`."""
    out = tmp_path / "words.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(out)], check=True, timeout=120)
    text = out.read_text(encoding="utf-8")
    sizes, pages = [], []
    for match in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', text, re.S):
        sizes.append((float(match[1]), float(match[2])))
        words = [
            {
                "x1": float(w[1]),
                "y1": float(w[2]),
                "x2": float(w[3]),
                "y2": float(w[4]),
                "text": _unescape(w[5]),
            }
            for w in WORD.finditer(match[3])
        ]
        pages.append(words)
    return sizes, pages


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None,
    reason="needs Debian's chromium and poppler-utils (installed by .ci/run)",
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_printed_log_holds_every_name_inside_the_page(
    school: Path, tmp_path: Path, language: str
) -> None:
    page = tmp_path / "log.html"
    assert main(["--lang", language, "report", "--store", str(school), "--html", str(page)]) == 0
    set_language("en")
    pdf = tmp_path / "log.pdf"
    profile = tmp_path / "chromium-profile"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sizes, pages = _pdf_words(pdf, tmp_path)
    assert len(pages) >= 5, "300 people take several A4 pages"
    for (width, height), words in zip(sizes, pages, strict=True):
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, "A4"
        for word in words:
            assert float(word["x1"]) >= 0 and float(word["x2"]) <= width, word
            assert float(word["y1"]) >= 0 and float(word["y2"]) <= height, word
    # Page numbers: "Page 3 of 9" / "Page 3 sur 9" at the foot of every page.
    total = len(pages)
    of = "of" if language == "en" else "sur"
    for number, words in enumerate(pages, start=1):
        texts = [str(w["text"]) for w in words]
        joined = " ".join(texts)
        assert f"Page {number} {of} {total}" in joined, (number, joined[-200:])
    # Every person on the staff list appears, whole, somewhere in the document.
    everything = " ".join(str(w["text"]) for words in pages for w in words)
    names = [member.name for member in load_roster(school).staff.values()]
    assert len(names) == 300
    missing = [name for name in names if " ".join(name.split()) not in everything]
    assert missing == []
