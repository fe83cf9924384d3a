"""snscompare.readers: every supported format read to the right text, every bad
input rejected with an InputError that names the file."""
from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import broken_files as bf
from snscompare.readers import pdf as pdf_reader
from snscompare.readers import word as word_reader
from snscompare.errors import InputError, SnsCompareError
from snscompare.readers import (
    MAX_CHARS,
    MAX_UPLOAD_BYTES,
    SUPPORTED_SUFFIXES,
    decode_text,
    read_document,
    read_path,
)


def rejected(data: bytes, filename: str, **kwargs) -> str:
    """Read, expect an InputError (nothing else) naming the file; return its message."""
    with pytest.raises(InputError) as info:
        read_document(data, filename, **kwargs)
    message = str(info.value)
    assert filename.replace("\\", "/").rsplit("/", 1)[-1] in message
    assert " / " in message  # Japanese, then an English gloss
    return message


# --- public constants ----------------------------------------------------------
def test_public_constants():
    assert MAX_UPLOAD_BYTES == 10 * 1024 * 1024
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".docx", ".pdf")
    assert issubclass(InputError, SnsCompareError)


# --- one character cap for every format -----------------------------------------
def test_every_format_has_the_same_character_cap():
    text = (bf.DATA / "komoro.txt").read_text(encoding="utf-8")
    samples = {"方針.txt": text.encode("utf-8"), "方針.md": text.encode("cp932"),
               "方針.docx": bf.docx_from_text(text), "方針.pdf": bf.pdf_policy()}
    assert {s[s.rfind("."):] for s in samples} == set(SUPPORTED_SUFFIXES)
    for name, data in samples.items():
        whole = read_document(data, name)
        assert 0 < len(whole) <= MAX_CHARS
        assert read_document(data, name, max_chars=len(whole)) == whole
        message = rejected(data, name, max_chars=len(whole) - 1)
        assert f"{len(whole) - 1:,}" in message and "文字数" in message and "characters" in message


def test_a_docx_holding_more_than_the_cap_is_refused():
    """Compressed XML holds much more text than its size: a .docx well under the size
    limit and the zip-bomb ratio can hold more than a 10 MB .txt.  It gets the cap's
    message, counted while streaming through the XML, before a tree is built."""
    data = bf.docx_with_characters(MAX_CHARS + 1000)
    assert len(data) < MAX_UPLOAD_BYTES
    message = rejected(data, "長い.docx")
    assert f"{MAX_CHARS:,}" in message and "文字数" in message


def test_one_registry_chooses_the_reader(monkeypatch):
    from snscompare.readers import registry
    from snscompare.readers.common import Reader

    assert registry.SUPPORTED_SUFFIXES == SUPPORTED_SUFFIXES
    assert {registry.reader_for(s).label_ja for s in SUPPORTED_SUFFIXES} == {r.label_ja for r in registry.READERS}
    csv = Reader((".csv",), "CSV (.csv)", lambda data, name, max_chars: data.decode("utf-8"))
    monkeypatch.setitem(registry.BY_SUFFIX, ".csv", csv)
    assert read_document("項目,内容".encode("utf-8"), "表.CSV") == "項目,内容"


# --- .docx ------------------------------------------------------------------------
def test_docx_paragraphs_and_table_in_document_order():
    text = read_document(bf.docx_valid(), "方針.docx")
    expected = (
        bf.DOCX_PARAGRAPHS_BEFORE
        + ["\t".join(row) for row in bf.DOCX_TABLE]
        + bf.DOCX_PARAGRAPHS_AFTER
    )
    assert text.split("\n") == expected
    assert "アカウントID\t@komorocity\n運用者\t小諸市　企画課" in text


def test_docx_merged_cells_appear_once():
    assert read_document(bf.docx_merged_cells(), "merged.docx").split("\n") == bf.DOCX_MERGED_LINES


def test_docx_suffix_is_case_insensitive():
    assert read_document(bf.docx_valid(), "POLICY.DOCX") == read_document(bf.docx_valid(), "p.docx")


def test_docx_truncated_is_damaged():
    message = rejected(bf.docx_truncated(), "途中まで.docx")
    assert "壊れて" in message and "damaged" in message


def test_docx_corrupted_is_damaged():
    message = rejected(bf.docx_corrupted(), "corrupt.docx")
    assert "壊れて" in message and "damaged" in message


def test_docx_without_document_xml_is_damaged():
    message = rejected(bf.docx_without_document_xml(), "nobody.docx")
    assert "damaged" in message


def test_docx_zip_bomb_is_rejected_before_decompression():
    data = bf.docx_zip_bomb()
    assert len(data) < 2 * 1024 * 1024  # small on disk, under the upload limit
    message = rejected(data, "bomb.docx")
    assert "zip" in message and "圧縮" in message


def test_docx_total_uncompressed_size_limit(monkeypatch):
    monkeypatch.setattr(word_reader, "DOCX_MAX_UNCOMPRESSED", 1000)
    message = rejected(bf.docx_valid(), "big.docx")
    assert "展開後" in message and "uncompressed" in message


def test_docx_too_many_members():
    message = rejected(bf.docx_too_many_members(), "many.docx")
    assert "2000" in message


def test_legacy_doc_suffix_says_save_as_docx():
    message = rejected(bf.doc_ole_header(), "古い方針.doc")
    assert ".docx" in message and "Word" in message


def test_ole_content_with_docx_suffix_says_save_as_docx():
    message = rejected(bf.doc_ole_header(), "renamed.docx")
    assert ".doc" in message and "*.docx" in message


def test_docx_with_pdf_content():
    message = rejected(bf.pdf_policy(), "really-a-pdf.docx")
    assert ".pdf" in message


def test_docx_with_text_content_is_not_a_word_file():
    message = rejected("ただの文章".encode("utf-8"), "plain.docx")
    assert "Word" in message


# --- .pdf -------------------------------------------------------------------------
def test_pdf_japanese_text_lines_joined_and_radicals_repaired():
    text = read_document(bf.pdf_policy(), "小諸市.pdf")
    lines = text.split("\n")
    # the lines as in the source text: wrapped lines joined, items on their own lines
    assert lines == bf.komoro_section7()
    assert "(２) 特定の個人・団体等を誹謗中傷するもの" in lines
    # ⽤ / ⾏ (Kangxi radicals in the drawn PDF) became 用 / 行 …
    assert not any(ch in text for ch in bf.PDF_RADICALS.values())
    assert "利用者" in text and "行為" in text
    # … without NFKC on the rest: the full-width digit in (１) stays
    assert lines[2].startswith("(１) 法律")


def test_pdf_really_had_broken_lines_and_radicals():
    """Guard for the test above: the PDF itself is drawn broken and with radicals."""
    drawn = bf.pdf_drawn_lines()
    assert len(drawn) > len(bf.komoro_section7())
    assert "\u2f64" in "".join(drawn)


def test_pdf_heading_is_not_glued_to_its_body():
    text = read_document(bf.pdf_policy(), "p.pdf")
    assert text.split("\n")[0] == "７　利用者の投稿の削除、ブロック等について"


def test_pdf_sentence_over_page_break_joined_and_page_numbers_dropped():
    text = read_document(bf.pdf_page_break(), "2pages.pdf")
    assert text.split("\n") == [
        "".join(bf.PAGE_BREAK_LINES[:4]),
        bf.PAGE_BREAK_LINES[4],
    ]
    assert "- 1 -" not in text and "2/2" not in text


def test_pdf_without_text_is_reported_as_scanned():
    message = rejected(bf.pdf_no_text(), "scan.pdf")
    assert "スキャン" in message and "OCR" in message


def test_pdf_with_password_is_rejected():
    message = rejected(bf.pdf_password_protected(), "locked.pdf")
    assert "パスワード" in message and "password" in message


def test_pdf_with_owner_password_only_is_read():
    assert read_document(bf.pdf_owner_password_only(), "perm.pdf") == bf.ENCRYPTED_PDF_LINE


def test_pdf_suffix_on_non_pdf():
    message = rejected(bf.pdf_not_really(), "fake.pdf")
    assert "%PDF-" in message


def test_pdf_truncated_is_rejected():
    rejected(bf.pdf_truncated(), "cut.pdf")


def test_pdf_garbage_after_header_is_rejected():
    rejected(b"%PDF-1.7\n" + bf.random_binary(), "garbage.pdf")


def test_pdf_zip_content_with_pdf_suffix():
    message = rejected(bf.docx_valid(), "word.pdf")
    assert ".docx" in message


def test_pdf_page_limit(monkeypatch):
    monkeypatch.setattr(pdf_reader, "PDF_MAX_PAGES", 0)
    message = rejected(bf.pdf_policy(), "long.pdf")
    assert "ページ" in message and "pages" in message


def test_pdf_time_limit(monkeypatch):
    monkeypatch.setattr(pdf_reader, "PDF_MAX_SECONDS", -1.0)
    message = rejected(bf.pdf_policy(), "slow.pdf")
    assert "時間" in message


# --- line joining and radical repair (PDF helpers) -----------------------------------
def test_join_keeps_list_markers_on_their_own_lines():
    lines = [
        "当市は、次に掲げる投稿を利用者への通知を行うことなく削除する",  # full width, mid-sentence
        "ことがあります。",
        "（１）法令に違反するもの",
        "①　特定の個人を誹謗中傷するもの",
        "第３条　この方針は、公布の日から施行する。",
        "ア　政治活動を目的とするもの",
        "(2) 営利を目的とするもの",
    ]
    assert pdf_reader._join_broken_lines(lines) == [
        "当市は、次に掲げる投稿を利用者への通知を行うことなく削除することがあります。",
        *lines[2:],
    ]


def test_join_stops_at_sentence_end_and_at_short_lines():
    lines = [
        "アカウントの運用に当たっては、職員は次のことに留意する。",
        "利用者の投稿を尊重する",  # short: the author ended it
        "情報発信に当たっては、誤解を与えないよう十分に注意しなければ",
        "ならない。",
    ]
    assert pdf_reader._join_broken_lines(lines) == [
        lines[0],
        lines[1],
        "情報発信に当たっては、誤解を与えないよう十分に注意しなければならない。",
    ]


def test_join_keeps_katakana_word_at_line_start():
    # アカウント is a word, not the list marker ア
    lines = ["職員は、市の公式ソーシャルメディアの", "アカウントを運用する。"]
    assert pdf_reader._join_broken_lines(lines) == ["職員は、市の公式ソーシャルメディアのアカウントを運用する。"]


def test_join_article_reference_is_not_a_marker():
    lines = [
        "利用者の投稿の削除その他必要な措置は、小諸市ソーシャルメディア運用要綱",
        "第３条の規定により行う。",
        "次に掲げる事項は、小諸市ソーシャルメディア運用要綱に定めるところによる。",
        "第４条　この要綱は、令和４年９月12日から施行する。",
    ]
    assert pdf_reader._join_broken_lines(lines) == [
        "利用者の投稿の削除その他必要な措置は、小諸市ソーシャルメディア運用要綱第３条の規定により行う。",
        lines[2],
        lines[3],
    ]


def test_join_ascii_end_only_in_japanese_text():
    lines = [
        "なりすましを防ぐため、運営主体として小樽市公式 SNS",
        "のアカウントを小樽市公式ホームページ上に明示する。",
        "https://www.facebook.com/komorocity/posts/1234567",
        "サイトの目的 小諸市の情報発信",
    ]
    assert pdf_reader._join_broken_lines(lines) == [
        "なりすましを防ぐため、運営主体として小樽市公式 SNSのアカウントを小樽市公式ホームページ上に明示する。",
        lines[2],
        lines[3],
    ]


def test_join_leaves_form_columns_alone():
    lines = [
        "掲載期間は、令和　　年　　月　　日から令和　　年　　月　　日まで",
        "発信時間は、運用担当者の勤務時間内とします。",
    ]
    assert pdf_reader._join_broken_lines(lines) == lines


def test_page_number_lines_dropped_only_at_page_edges():
    page = "- 3 -\n本文の一行目\n12\n本文の二行目\n３／１２"
    assert pdf_reader._clean_pdf_page(page) == "本文の一行目\n12\n本文の二行目"


def test_radical_repair_touches_only_radicals():
    assert pdf_reader._repair_pdf_chars("⽤語（１）①ｶﾅ\uf9dc") == "用語（１）①ｶﾅ\u9686"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="あいう漢字。、（１）① アSNS\u3000", max_size=30), max_size=12))
def test_join_never_loses_characters(lines):
    joined = pdf_reader._join_broken_lines(lines)
    # only newlines and the indentation of continuation lines may go
    assert "".join("".join(joined).split()) == "".join("".join(lines).split())
    assert len(joined) <= len(lines)
    # a joined line never swallows a line that starts with a list marker
    for line in joined:
        assert "\n" not in line


# --- plain text -------------------------------------------------------------------
def test_cp932_decodes_to_exact_original():
    assert bf.JAPANESE_TEXT.encode("cp932").decode("cp932") == bf.JAPANESE_TEXT  # fixture sanity
    assert read_document(bf.text_cp932(), "sjis.txt") == bf.JAPANESE_TEXT


def test_utf8_with_bom():
    text = read_document(bf.text_utf8_bom(), "bom.txt")
    assert text == bf.JAPANESE_TEXT
    assert not text.startswith("\ufeff")


def test_utf16_with_bom():
    assert read_document(bf.text_utf16(), "utf16.txt") == bf.JAPANESE_TEXT


def test_utf16_big_endian_and_utf32():
    assert decode_text(b"\xfe\xff" + bf.JAPANESE_TEXT.encode("utf-16-be")) == bf.JAPANESE_TEXT
    assert decode_text(bf.JAPANESE_TEXT.encode("utf-32")) == bf.JAPANESE_TEXT


def test_euc_jp():
    assert read_document(bf.text_euc_jp(), "euc.txt") == bf.EUC_TEXT


def test_iso2022_jp():
    assert read_document(bf.text_iso2022_jp(), "jis.txt") == bf.EUC_TEXT


def test_markdown_is_read_as_text():
    assert read_document("# 方針\n\n本文\n".encode("utf-8"), "README.MD") == "# 方針\n\n本文\n"


def test_newlines_normalised_but_nothing_else():
    data = "（１）\uff71\r\n①\r第３条\n".encode("utf-8")
    assert decode_text(data) == "（１）\uff71\n①\n第３条\n"


def test_long_single_line_decodes():
    text = read_document(bf.text_long_line(), "one-line.txt")
    assert len(text.encode("utf-8")) >= bf.LONG_LINE_BYTES
    assert "\n" not in text
    assert text == bf.long_line_text()


def test_long_single_line_cp932():
    original = bf.long_line_text()
    assert decode_text(original.encode("cp932")) == original


def test_empty_file():
    message = rejected(bf.empty(), "empty.txt")
    assert "空" in message and "empty" in message


@pytest.mark.parametrize("name", ["empty.docx", "empty.pdf", "empty.md"])
def test_empty_file_any_type(name):
    assert "empty" in rejected(b"", name)


def test_whitespace_only():
    message = rejected(bf.whitespace_only(), "blank.txt")
    assert "whitespace" in message


@pytest.mark.parametrize(
    "maker", [bf.random_binary, bf.random_binary_without_nul, bf.text_with_nul]
)
def test_binary_is_rejected(maker):
    message = rejected(maker(), "data.txt")
    assert "バイナリ" in message and "binary" in message


def test_many_control_characters_is_binary():
    rejected(("本文" + "\x01\x02\x03" * 10).encode("utf-8"), "ctl.txt")


def test_few_control_characters_are_tolerated():
    text = "利用者の投稿について。" * 20 + "\x0b" + "\x1a"
    assert decode_text(text.encode("utf-8")) == text


def test_oversized_text():
    data = bf.text_oversized()
    assert len(data) > MAX_UPLOAD_BYTES
    message = rejected(data, "huge.txt")
    assert "10 MB" in message and "10.1 MB" in message


def test_custom_size_limit():
    message = rejected(bf.text_cp932(), "small.txt", max_bytes=10)
    assert "上限" in message and "limit" in message


@pytest.mark.parametrize(
    "maker,name,expected",
    [
        (bf.docx_valid, "word.txt", ".docx"),
        (bf.pdf_policy, "pdf.txt", ".pdf"),
        (bf.doc_ole_header, "ole.md", ".docx"),
    ],
)
def test_text_suffix_with_other_content(maker, name, expected):
    message = rejected(maker(), name)
    assert "拡張子と中身" in message and expected in message


def test_text_suffix_with_image():
    message = rejected(b"\x89PNG\r\n\x1a\n" + bytes(100), "photo.txt")
    assert "PNG" in message


@pytest.mark.parametrize("name", ["方針.xlsx", "policy.rtf", "policy", "policy.txt.exe"])
def test_unsupported_suffix_lists_supported_types(name):
    message = rejected("本文".encode("utf-8"), name)
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in message


def test_message_uses_bare_file_name():
    message = rejected(b"", "C:\\Users\\職員\\下書き.txt")
    assert "下書き.txt" in message and "Users" not in message


def test_decode_text_source_in_message():
    with pytest.raises(InputError, match="貼り付け"):
        decode_text(b"", source="貼り付け")


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
        min_size=1,
    )
)
def test_utf8_round_trip(text):
    if not text.strip():
        with pytest.raises(InputError):
            decode_text(text.encode("utf-8"))
    else:
        assert decode_text(text.encode("utf-8")) == text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=2000),
    st.sampled_from(["x.txt", "x.md", "x.docx", "x.pdf"]),
    st.sampled_from([b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\xef\xbb\xbf", b"\xff\xfe"]),
)
def test_arbitrary_bytes_give_text_or_input_error(data, name, prefix):
    try:
        text = read_document(prefix + data, name)
    except InputError as err:
        assert name in str(err)
    else:
        assert isinstance(text, str) and text.strip()


# --- read_path ----------------------------------------------------------------------
def test_read_path_reads_file(tmp_path):
    path = tmp_path / "小諸市.txt"
    path.write_bytes(bf.text_cp932())
    assert read_path(path) == bf.JAPANESE_TEXT
    assert read_path(str(path)) == bf.JAPANESE_TEXT


def test_read_path_real_policy():
    text = read_path(bf.DATA / "komoro.txt")
    assert text.startswith("小諸市ソーシャルメディア運用ポリシー\n")


def test_read_path_missing(tmp_path):
    with pytest.raises(InputError, match="missing.txt"):
        read_path(tmp_path / "missing.txt")


def test_read_path_directory(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read_path(tmp_path)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_path_permission_denied(tmp_path):
    """An unreadable file gets the permission message.  Read in a child process without
    root's power over permissions (tests/unprivileged.py): CI runs as root."""
    from unprivileged import run_unprivileged

    path = tmp_path / "secret.txt"
    path.write_text("本文", encoding="utf-8")
    path.chmod(0)
    try:
        done = run_unprivileged(["-c", "import sys\nfrom snscompare.errors import InputError\n"
                                       "from snscompare.readers import read_path\n"
                                       "try:\n    read_path(sys.argv[1])\nexcept InputError as e:\n"
                                       "    print(e)\nelse:\n    sys.exit('read it')", str(path)])
        assert done.returncode == 0, done.stderr
        assert "secret.txt" in done.stdout and "権限" in done.stdout and "permission" in done.stdout
    finally:
        path.chmod(0o600)


def test_read_path_not_a_regular_file():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with pytest.raises(InputError, match="regular file"):
        read_path("/dev/zero")


def test_read_path_too_large_is_not_read(tmp_path):
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:
        fh.truncate(MAX_UPLOAD_BYTES + 1)  # sparse: no data written
    with pytest.raises(InputError, match="big.txt"):
        read_path(path)


def test_read_path_bad_content_names_file(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(bf.pdf_no_text())
    with pytest.raises(InputError, match="scan.pdf"):
        read_path(path)


# --- nothing written to disk ---------------------------------------------------------
def test_readers_write_no_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    before = set(os.listdir(tmp_path))
    read_document(bf.docx_valid(), "a.docx")
    read_document(bf.pdf_policy(), "a.pdf")
    read_document(bf.text_cp932(), "a.txt")
    assert set(os.listdir(tmp_path)) == before


def test_no_unicode_normalisation_of_docx_text():
    text = read_document(bf.docx_valid(), "a.docx")
    assert "１　ご利用にあたって" in text  # full-width digit and ideographic space kept
    assert unicodedata.normalize("NFKC", text) != text
