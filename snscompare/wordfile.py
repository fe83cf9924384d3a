"""Word files (python-docx) in the form Japanese municipal documents take: a
明朝 font for Japanese text, a centred title, tables with a header row, runs
underlined where a 新旧対照表 marks a change.  Used by the draft builder, the
新旧対照表 and the council report.  Numbers are always typed text, never Word's
automatic numbering, so a file reads back through :mod:`snscompare.readers` into
the same text.

This module never imports streamlit.
"""
from __future__ import annotations

import io
from collections.abc import Iterable

__all__ = ["DEFAULT_FONT", "add_table", "add_text", "new_document", "to_bytes"]

DEFAULT_FONT = "ＭＳ 明朝"
_CONTROL = dict.fromkeys(list(range(0, 9)) + [11, 12] + list(range(14, 32)) + [0x7F])


def _xml_safe(text) -> str:
    """Text Word can hold: control characters (other than tab and newline) dropped."""
    return str(text if text is not None else "").translate(_CONTROL)


def new_document(title: str = "", *, font: str = DEFAULT_FONT, landscape: bool = False):
    """A document whose styles use ``font`` for Japanese text; with ``title``, a
    centred title paragraph and the file's title property."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Table Grid"):
        try:
            st = document.styles[style_name]
        except KeyError:
            continue
        if style_name == "Normal":
            st.font.name = font
        rpr = st.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), font)
    document.styles["Normal"].font.size = Pt(10.5)
    core = document.core_properties
    core.title = _xml_safe(title)
    core.author = ""
    core.comments = ""
    if landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    if title:
        p = document.add_paragraph(_xml_safe(title), style="Title")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return document


def add_text(paragraph, segments: Iterable[tuple[str, bool]], *, bold: bool = False) -> None:
    """Append ``(text, underlined)`` runs to a paragraph; a newline in a text
    becomes a line break within the paragraph."""
    for text, underline in segments:
        parts = _xml_safe(text).split("\n")
        for k, part in enumerate(parts):
            if k:
                paragraph.add_run().add_break()
            if part:
                run = paragraph.add_run(part)
                run.underline = bool(underline)
                run.bold = bold or None


def add_table(document, header: list[str], rows: Iterable[list], *, widths_cm: list[float] | None = None):
    """A bordered table with a bold header row.  A cell is a string, or a list of
    ``(text, underlined)`` segments."""
    from docx.shared import Cm

    rows = list(rows)
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for j, h in enumerate(header):
        cell = table.rows[0].cells[j]
        cell.text = ""
        add_text(cell.paragraphs[0], [(h, False)], bold=True)
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            cell = table.rows[i].cells[j]
            cell.text = ""
            segments = value if isinstance(value, list) else [(value, False)]
            add_text(cell.paragraphs[0], segments)
    if widths_cm:
        for row in table.rows:
            for j, w in enumerate(widths_cm):
                row.cells[j].width = Cm(w)
    return table


def to_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
