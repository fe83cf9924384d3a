"""Text from a document, a file name, a draft's name or a URL is shown as text: never as
Markdown or HTML in the dashboard and the Markdown reports, never as terminal commands
in the CLI.  The pages are read through AppTest with a corpus whose names and headings
carry links, images and HTML; tests/browser/test_closed_network.py renders them in
chromium and records that the browser fetches nothing but the app."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from snscompare.escaping import WORD_JOINER, html_literal, markdown_literal, terminal_visible

ROOT = Path(__file__).resolve().parent.parent
CANARY = "canary.invalid"
# What a shared link or a file name could carry (issue 14): a remote image, a phishing
# link, raw HTML, a bare address, an e-mail address, a Streamlit directive.
HOSTILE = (f"![](http://{CANARY}/x.png)[再ログイン](http://{CANARY}/login)"
           f"<img src=http://{CANARY}/i.png onerror=alert(1)> http://{CANARY}/bare www.{CANARY} a@{CANARY} "
           ":red[赤] :material/home: **太字** `code` $x$ | --- &lt;")

# The pieces of HOSTILE that would do something if they reached Markdown as they are.
RAW_MARKUP = ("![](", "[再ログイン](", "<img", "://", ":red[", ":material/home:", "**太字**", "`code`", "$x$")

_ESCAPED = re.compile(r"\\(.)", re.S)


def shown(markdown: str) -> str:
    """The text a reader sees: backslash escapes resolved, word joiners invisible."""
    return _ESCAPED.sub(r"\1", markdown).replace(WORD_JOINER, "")


_ADDRESSES = re.compile(r"(?i)https?://|www\.|@")


def linkable(markdown: str) -> list[str]:
    """Web and e-mail addresses GFM would link: not right after a word joiner."""
    text = _ESCAPED.sub(r"\1", markdown)
    return [m.group() for m in _ADDRESSES.finditer(text) if text[max(0, m.start() - 1):m.start()] != WORD_JOINER]


def unescaped(markdown: str, chars: str) -> list[str]:
    """The characters of ``chars`` that stand in ``markdown`` without a backslash before them."""
    out, i = [], 0
    while i < len(markdown):
        if markdown[i] == "\\":
            i += 2
            continue
        if markdown[i] in chars:
            out.append(markdown[i])
        i += 1
    return out


def looks_inert(markdown: str) -> bool:
    """No construct can start: the characters that start one are escaped, and no web
    address is left for GFM to link."""
    return not unescaped(markdown, "[]<>`*_~#|$&/") and not linkable(markdown) and not directives(markdown)


def directives(markdown: str) -> list[str]:
    """Unescaped colons before a letter: where a directive (:red, :material, :info) starts."""
    out, i = [], 0
    while i < len(markdown):
        if markdown[i] == "\\":
            i += 2
            continue
        if markdown[i] == ":" and i + 1 < len(markdown) and markdown[i + 1].isascii() and markdown[i + 1].isalpha():
            out.append(markdown[i:i + 8])
        i += 1
    return out


# --- the helpers ----------------------------------------------------------------------------


def test_markdown_literal_on_the_hostile_text():
    md = markdown_literal(HOSTILE)
    assert shown(md) == HOSTILE
    assert looks_inert(md)
    assert markdown_literal("otaru:11.3（第11条）") == "otaru:11.3（第11条）"  # ids read the same
    assert markdown_literal("連絡先:info") == "連絡先\\:info"  # not a directive that would vanish


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_markdown_literal_shows_any_text_and_starts_nothing(text):
    md = markdown_literal(text)
    assert shown(md) == text
    assert looks_inert(md)
    for line in md.split("\n"):  # no list item, underline or numbered item can start a line
        assert not re.match(r"[ \t\u3000]*([-+=]|\d+[.)])", line)


@pytest.mark.parametrize("text, expected", [
    ("\x1b]0;偽のタイトル\x07", "␛]0;偽のタイトル␇"),
    ("\x1b[2J\x1b[H", "␛[2J␛[H"),
    ("\x1b]52;c;ZWNobyBoaQ==\x07", "␛]52;c;ZWNobyBoaQ==␇"),  # OSC 52: a clipboard write
    ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "␛]8;;http://x␛\\link␛]8;;␛\\"),  # OSC 8 link
    ("abc\u202etxt.exe", "abc<U+202E>txt.exe"),
    ("\u2066x\u2069\u200f", "<U+2066>x<U+2069><U+200F>"),
    ("行1\r行2\x7f\x9b", "行1␍行2␡<U+009B>"),
    ("タブ\tと\n改行", "タブ\tと\n改行"),
])
def test_terminal_visible(text, expected):
    assert terminal_visible(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_terminal_visible_leaves_no_control(text):
    out = terminal_visible(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", out)
    if not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", text):
        assert out == text


def test_html_literal_for_chart_labels():
    assert html_literal('<a href="http://x">小諸市</a> & <b>') == '&lt;a href="http://x"&gt;小諸市&lt;/a&gt; &amp; &lt;b&gt;'


def test_md_escape_of_the_pages_is_the_library_helper():
    from pages._shared import md_escape

    assert md_escape(HOSTILE) == markdown_literal(HOSTILE)


# --- Markdown reports ------------------------------------------------------------------------


def _hostile_draft_text(docs) -> str:
    """Komoro's policy with markup in its title, a heading and a clause."""
    text = docs["komoro"].text
    return (f"{HOSTILE} 運用ポリシー\n" + text.replace("ご利用にあたって", f"ご利用にあたって {HOSTILE}", 1)
            .replace("(１)", f"(１)<script>alert(1)</script>{HOSTILE}", 1))


def test_markdown_reports_carry_no_markup(docs, alignment):
    from snscompare import check, report as check_report, views
    from snscompare.export import to_markdown_table
    from snscompare.tables import clause_table

    report = check.check_text(_hostile_draft_text(docs), name=HOSTILE, alignment=alignment)
    check_md = check_report.render_check(report, "md")
    council = views.gap_report_markdown(report.alignment, report.doc_id, report.alignment.doc_ids)
    clauses = to_markdown_table(clause_table(report.alignment, doc_id=report.doc_id))
    for md in (check_md, council, clauses):
        # the report's own markup (headings, tables, quotes, bold) stays; nothing from the draft starts any
        assert HOSTILE not in md and "<script>" not in md and "://" not in md
        assert not unescaped(md.replace("<br>", ""), "[]<`$") and not linkable(md) and not directives(md)
    assert markdown_literal(HOSTILE) in check_md  # the name is there, as text
    assert "\\<script\\>alert(1)\\<\\/script\\>" in clauses


# --- the pages --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory, docs):
    """A policy whose city, title and headings carry markup, added to the dashboard
    (SNSCOMPARE_ADD) beside the five."""
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "corpus"
    folder.mkdir()
    (folder / "hostile.txt").write_text(_hostile_draft_text(docs), encoding="utf-8")
    (folder / "metadata.yaml").write_text(yaml.safe_dump({"hostile": {"city": HOSTILE, "title": HOSTILE}},
                                                         allow_unicode=True), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SNSCOMPARE_ADD", str(folder))
        mp.setenv("SNSCOMPARE_CACHE_DIR", str(base / "cache"))
        shared = sys.modules.get("pages._shared")
        if shared is not None:
            shared.clear_caches()
        yield folder
        if shared is not None:
            shared.clear_caches()


def _markdown_of(at: AppTest) -> list[str]:
    """Every string of the page that Streamlit reads as Markdown."""
    out = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success"):
        # (the side-by-side diff is HTML, every character of it escaped: test_app.py::test_diff_html_escapes_document_text)
        out += [e.value for e in at.get(kind) if not getattr(e.proto, "allow_html", False)]
    out += [e.label for e in at.get("metric")] + [e.label for e in at.get("expander")]
    for radio in at.get("radio"):
        out += [radio.label] + [str(o) for o in radio.options]
    return out


PAGES = ["pages/home.py", "pages/coverage.py", "pages/prohibited.py", "pages/compare.py", "pages/gaps.py",
         "pages/groups.py", "pages/build_draft.py"]


@pytest.mark.parametrize("page", PAGES)
def test_pages_show_a_hostile_name_as_text(page, hostile_corpus):
    from tests.apptest import open_page

    everyone = ["komoro", "otaru", "tottori", "kitami", "saku", "hostile"]
    at = open_page(page, state={"docs": everyone, "cov_topic": "reply_policy", "cov_doc": "hostile",
                                "gap_doc": "hostile", "sim_doc": "hostile"})
    texts = _markdown_of(at)
    for text in texts:  # the app's own Markdown (bold, lists) stays; none of the name's starts anything
        bare = _ESCAPED.sub("", text)  # what is left for Markdown to read
        assert not [raw for raw in RAW_MARKUP if raw in bare] and not linkable(text), text
    if page in ("pages/coverage.py", "pages/compare.py", "pages/gaps.py"):
        assert any(markdown_literal(HOSTILE) in text for text in texts), page  # shown, as text


def test_a_shared_search_link_is_shown_as_text():
    from tests.apptest import open_page

    at = open_page("pages/compare.py", query={"q": HOSTILE})
    [info] = [e.value for e in at.info if "一致する条文はありません" in e.value]
    assert looks_inert(info) and shown(info).count(HOSTILE) == 1


def test_a_hostile_file_name_in_the_check_pages_error(root):
    at = AppTest.from_file(str(root / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("pages/check_draft.py")
    at.run()
    name = f"[再ログイン](http:／／{CANARY})<img src=x>.doc"
    at.file_uploader(key="draft_upload").set_value((name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
                                                    "application/octet-stream"))
    at.run()
    [error] = [e.value for e in at.error]
    assert looks_inert(error) and name in shown(error)
