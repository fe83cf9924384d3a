"""Text from outside shown as text: never as Markdown, HTML or terminal commands.

A document's words, a file name, a draft's name and a URL parameter are chosen by
whoever wrote them.  Shown through Markdown they could load a remote image (the
reader's address leaks to its server), put a link in the app's own message box or
restyle the page; through a chart's labels, add links; printed to a terminal, set
its title, clear the screen, write the clipboard (OSC 52) or reverse the order of
what follows (U+202E).  One function per medium:

* :func:`markdown_literal` for Streamlit's Markdown (``st.markdown``, ``st.info``,
  labels, captions) and for Markdown reports;
* :func:`html_literal` for the pseudo-HTML of plotly's labels and hover texts;
* :func:`terminal_visible` for text printed to a terminal: control characters and
  bidirectional controls become visible marks (``\\x1b`` → ``␛``), as ``less`` shows them.
"""
from __future__ import annotations

import re

# Characters that start Markdown (or Streamlit) constructs anywhere in a line: escapes,
# code, emphasis, strikethrough, links and images, HTML and autolinks, headings, quotes,
# tables, math, entities, and the slash of ":material/" (Streamlit replaces that text
# before it reads the Markdown).
_ANYWHERE = "\\`*_~[]<>#|$&/"
_MARKDOWN = str.maketrans({c: "\\" + c for c in _ANYWHERE})
# ... those that start a block only at the beginning of a line: list items (- + 1. 1)),
# setext underlines (=).
_LINE_START = re.compile(r"^([ \t\u3000]*)([-+=]|\d{1,9}[.)])", re.MULTILINE)
# A colon before a letter starts a directive (Streamlit reads remark-directive): ":red" colours
# what follows and is not shown, and "連絡先:info" would lose ":info".
_DIRECTIVE = re.compile(r":(?=[A-Za-z])")
# GFM turns web and e-mail addresses in the text into links after the Markdown is read, so
# no escape can stop it; it only does so after a space, a punctuation mark or nothing.  A
# WORD JOINER (U+2060: invisible, zero width) before "http://", "www." and "@" is none of these.
WORD_JOINER = "\u2060"
_ADDRESS = re.compile(r"(?i)(?=https?://|www\.)|(?=@)")


def markdown_literal(text) -> str:
    """``text`` as Markdown that shows it literally.

    CommonMark lets a backslash escape any ASCII punctuation character, which then
    shows as itself.  Escaped here are the characters that start a construct: code,
    emphasis and strikethrough (`` ` * _ ~ ``), links, images and footnotes (``[ ]``),
    raw HTML and autolinks (``< >``), headings, quotes and tables (``# > |``), math
    (``$``), entities (``&``), directives (a ``:`` before a letter: ``:red[…]``,
    ``:material/…:`` and its ``/``, or ``:info`` in 「連絡先:info」, which would vanish),
    and, at the start of a line, list items and underlines (``- + = 1. 1)``).  Web and
    e-mail addresses, which GFM links whatever their escapes, get an invisible word
    joiner before them (:data:`WORD_JOINER`), so they stay text.  Letters, digits,
    Japanese, other punctuation (``. ( ) , @``, a ``:`` before a digit) and line breaks
    are unchanged, so ids such as ``otaru:11.3`` read the same in the source.
    """
    out = _ADDRESS.sub(WORD_JOINER, str(text)).translate(_MARKDOWN)
    out = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if len(m.group(2)) == 1
                          else m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], out)
    return _DIRECTIVE.sub(r"\\:", out)


_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def html_literal(text) -> str:
    """``text`` for plotly's labels and hover texts, which read ``<a href>``, ``<b>``,
    ``<br>`` and entities: the three characters that start them become entities."""
    return str(text).translate(_HTML)


# C0 controls other than tab and line feed, DEL, the C1 controls (U+0080-U+009F, which
# some terminals obey as escape sequences), and the bidirectional controls.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(m: re.Match) -> str:
    ch = m.group()
    o = ord(ch)
    if o < 0x20:
        return chr(0x2400 + o)  # the control pictures: ␀ … ␛ … ␟
    if o == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{o:04X}>"  # as less shows them


def terminal_visible(text) -> str:
    """``text`` safe to print to a terminal: C0 controls (but tab and newline) become
    their control pictures (``\\x1b`` → ``␛``, ``\\r`` → ``␍``), DEL ``␡``, C1 and
    bidirectional controls (U+202E …) ``<U+202E>``.  Nothing else changes."""
    return _CONTROLS.sub(_visible, str(text))
