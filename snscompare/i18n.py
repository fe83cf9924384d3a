"""The dashboard's words, in Japanese and English, keyed by message id.

Every string the UI shows goes through :func:`t`; pages never hold UI text of their
own.  Japanese is the default; English is the switch.  A missing id raises, so a
typo fails in the tests instead of showing a blank label.
"""
from __future__ import annotations

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"

MESSAGES: dict[str, dict[str, str]] = {
    # --- app and navigation ---------------------------------------------------
    "app_title": {"ja": "SNS運用ポリシー比較", "en": "SNS policy comparison"},
    "app_caption": {
        "ja": "自治体のSNS運用ポリシーを条項ごとに比較します。",
        "en": "Compare municipalities' social-media policies clause by clause.",
    },
    "lang_label": {"ja": "表示言語 / Language", "en": "Language / 表示言語"},
    "lang_ja": {"ja": "日本語", "en": "日本語"},
    "lang_en": {"ja": "English", "en": "English"},
    "docs_label": {"ja": "比較する文書", "en": "Documents to compare"},
    "docs_none": {
        "ja": "サイドバーで文書を1つ以上選んでください。",
        "en": "Choose at least one document in the sidebar.",
    },
    "page_home": {"ja": "文書一覧", "en": "Documents"},
    "page_coverage": {"ja": "項目カバー表", "en": "Coverage matrix"},
    "page_prohibited": {"ja": "禁止事項の比較", "en": "Prohibited content"},
    "page_compare": {"ja": "条文の並列比較", "en": "Clauses side by side"},
    "page_gaps": {"ja": "不足項目", "en": "Gaps"},
    "page_check_draft": {"ja": "原案チェック", "en": "Check a draft"},
    "page_build_draft": {"ja": "原案づくり", "en": "Build a draft"},
    # --- export -----------------------------------------------------------------
    "export_csv": {"ja": "CSV（Excel用）", "en": "CSV (for Excel)"},
    "export_xlsx": {"ja": "Excel (.xlsx)", "en": "Excel (.xlsx)"},
    "export_md": {"ja": "議会向けレポート (.md)", "en": "Report for the council (.md)"},
    "export_help": {
        "ja": "画面の表と同じ行・列をダウンロードします（UTF-8 BOM付き）。",
        "en": "Downloads the rows and columns shown (UTF-8 with BOM).",
    },
    # --- common column labels ------------------------------------------------------
    "col_topic_id": {"ja": "項目ID", "en": "Topic id"},
    "col_topic": {"ja": "項目", "en": "Topic"},
    "col_group": {"ja": "分類", "en": "Group"},
    "col_category_id": {"ja": "区分ID", "en": "Category id"},
    "col_category": {"ja": "禁止事項の区分", "en": "Category"},
    "col_direction": {"ja": "対象", "en": "Applies to"},
    "col_doc_id": {"ja": "文書ID", "en": "Document id"},
    "col_city": {"ja": "自治体", "en": "Municipality"},
    "col_prefecture": {"ja": "都道府県", "en": "Prefecture"},
    "col_title": {"ja": "名称", "en": "Title"},
    "col_kind": {"ja": "種別", "en": "Kind"},
    "col_audience": {"ja": "対象者", "en": "Audience"},
    "col_dates": {"ja": "制定・改定日", "en": "Dates"},
    "col_n_clauses": {"ja": "条項数", "en": "Clauses"},
    "col_topics_covered": {"ja": "カバー項目数", "en": "Topics covered"},
    "col_coverage": {"ja": "カバー率(%)", "en": "Coverage (%)"},
    "col_platforms": {"ja": "対象サービス", "en": "Platforms"},
    "col_clause_id": {"ja": "条項ID", "en": "Clause id"},
    "col_heading": {"ja": "見出し", "en": "Heading"},
    "col_text": {"ja": "本文", "en": "Text"},
    "col_score": {"ja": "一致度", "en": "Score"},
    "col_reason": {"ja": "判定理由", "en": "Reason"},
    "col_n_docs": {"ja": "定めている文書数", "en": "Documents with it"},
    "col_covered_by": {"ja": "定めている自治体", "en": "Covered by"},
    "col_model_city": {"ja": "モデル条文の自治体", "en": "Model clause from"},
    "col_model_clause": {"ja": "モデル条文ID", "en": "Model clause id"},
    "col_model_text": {"ja": "モデル条文", "en": "Model clause"},
    "col_covered": {"ja": "カバー項目数", "en": "Topics covered"},
    "col_share": {"ja": "カバー率", "en": "Share"},
    "col_list": {"ja": "禁止事項リスト", "en": "List"},
    "col_match": {"ja": "一致の種類", "en": "Match"},
    "col_topics": {"ja": "項目", "en": "Topics"},
    "dir_user": {"ja": "利用者の投稿", "en": "Users' posts"},
    "dir_city": {"ja": "市の発信", "en": "The municipality's posts"},
    # --- home ---------------------------------------------------------------------
    "home_title": {"ja": "文書一覧", "en": "The documents at a glance"},
    "home_intro": {
        "ja": "比較対象の自治体SNS運用ポリシーです。カバー率は共通の{n}項目のうち定めている項目の割合です。",
        "en": "The municipal social-media policies compared here. Coverage is the share of the {n} common topics each one states.",
    },
    "home_guide_title": {"ja": "使い方", "en": "How to use this"},
    "home_guide": {
        "ja": (
            "- **項目カバー表**: どの文書がどの項目を定めているか。セルを選ぶと該当条文が表示されます。\n"
            "- **禁止事項の比較**: 利用者の投稿と市の発信について、禁止事項を区分ごとに比較します。\n"
            "- **条文の並列比較**: 項目ごとに各自治体の条文を並べ、2つの条文の違いを文字単位で示します。条文の検索もできます。\n"
            "- **不足項目**: 自治体を選ぶと、他の自治体が定めていて欠けている項目とモデル条文を示します。\n"
            "- どの表もCSV（Excel用、BOM付き）と.xlsxでダウンロードできます。表示中のURLを共有すると同じ画面を開けます。"
        ),
        "en": (
            "- **Coverage matrix**: which document states which topic. Select a cell to read the clauses behind it.\n"
            "- **Prohibited content**: what users may not post and what the municipality may not post, by category.\n"
            "- **Clauses side by side**: each city's clauses on a topic in columns, with a character-level diff of two; search all clauses.\n"
            "- **Gaps**: choose a city to see the topics others cover that it lacks, with model clauses.\n"
            "- Every table downloads as CSV (for Excel, with BOM) and .xlsx. Share the URL to open the same view."
        ),
    },
    # --- coverage -------------------------------------------------------------------
    "cov_title": {"ja": "項目カバー表", "en": "Coverage matrix"},
    "cov_intro": {
        "ja": "数字は各項目に該当する条項の数です（0 = 定めなし）。マスまたは表の行を選ぶと該当する条文が表示されます。",
        "en": "Numbers are the clauses placed under each topic (0 = not covered). Select a square or a table row to read the clauses.",
    },
    "cov_groups": {"ja": "分類で絞り込み", "en": "Filter by group"},
    "cov_matrix_tab": {"ja": "マトリクス", "en": "Matrix"},
    "cov_table_tab": {"ja": "表", "en": "Table"},
    "cov_share_title": {"ja": "自治体ごとのカバー率", "en": "Share of topics each city covers"},
    "cov_share_metric": {"ja": "{k} / {n} 項目", "en": "{k} of {n} topics"},
    "cov_all_title": {"ja": "すべての文書が定めている項目", "en": "Topics every document covers"},
    "cov_only_title": {"ja": "1文書だけが定めている項目", "en": "Topics only one document covers"},
    "cov_none_title": {"ja": "どの文書も定めていない項目", "en": "Topics no document covers"},
    "cov_nothing": {"ja": "（なし）", "en": "(none)"},
    "cov_cell_title": {"ja": "{city} ×「{topic}」の条文", "en": "{city} × “{topic}”: the clauses"},
    "cov_cell_none": {
        "ja": "{city}はこの項目を定めていません。",
        "en": "{city} does not cover this topic.",
    },
    "cov_pick_hint": {
        "ja": "マトリクスのマスか表の行を選ぶか、下で項目と自治体を選んでください。",
        "en": "Select a square or a table row, or choose a topic and a city below.",
    },
    "choose": {"ja": "選んでください", "en": "Choose an option"},
    "cov_pick_topic": {"ja": "項目", "en": "Topic"},
    "cov_pick_doc": {"ja": "自治体", "en": "City"},
    "cov_table_row_hint": {
        "ja": "行を選ぶと、その項目について最初に定めている自治体の条文を表示します。",
        "en": "Selecting a row shows the clauses of the first city that covers the topic.",
    },
    "clause_meta": {
        "ja": "条項ID: {clause_id}　見出し: {heading}　一致度: {score:g}　理由: {reason}",
        "en": "Clause {clause_id} · heading: {heading} · score {score:g} · reason: {reason}",
    },
    "clause_meta_short": {"ja": "条項ID: {clause_id}　見出し: {heading}", "en": "Clause {clause_id} · heading: {heading}"},
    "no_heading": {"ja": "（なし）", "en": "(none)"},
    "covered_mark": {"ja": "定めあり", "en": "covered"},
    "uncovered_mark": {"ja": "定めなし", "en": "not covered"},
    "hover_cell": {"ja": "{city}<br>{topic}<br>条項数: {n}", "en": "{city}<br>{topic}<br>clauses: {n}"},
    # --- prohibited -------------------------------------------------------------------
    "pro_title": {"ja": "禁止事項の比較", "en": "Prohibited content"},
    "pro_intro": {
        "ja": "1 = その自治体の禁止事項リストにその区分の項目がある。利用者の投稿に対する禁止と、市自身の発信に対する禁止を分けて示します。",
        "en": "1 = the city's prohibited lists have an item of the category. Users' posts and the municipality's own posts are shown separately.",
    },
    "pro_tab_user": {"ja": "利用者が投稿してはならないもの", "en": "What users may not post"},
    "pro_tab_city": {"ja": "市が発信してはならないもの", "en": "What the municipality may not post"},
    "pro_matrix_title": {"ja": "区分 × 自治体", "en": "Category × city"},
    "pro_synopsis_title": {"ja": "対照表（各自治体の原文）", "en": "Synopsis (each city's own wording)"},
    "pro_synopsis_intro": {
        "ja": "1行が1区分です。各セルはその自治体の条文そのままです。",
        "en": "One row per category; each cell holds the city's own wording.",
    },
    "pro_shared_title": {"ja": "全自治体に共通する区分", "en": "Categories every city has"},
    "pro_only_title": {"ja": "1自治体だけにある区分", "en": "Categories only one city has"},
    "pro_jaccard_title": {"ja": "リストの類似度（Jaccard係数）", "en": "Similarity of the lists (Jaccard)"},
    "pro_jaccard_intro": {
        "ja": "2つの自治体の区分の重なり（共通する区分数 ÷ どちらかにある区分数）。空欄はどちらにも該当リストがないもの。",
        "en": "Overlap of two cities' categories (shared ÷ held by either). Blank when neither has a list in this direction.",
    },
    "pro_lists_title": {"ja": "禁止事項リストと適用の根拠", "en": "The lists and why they apply"},
    "pro_lists_intro": {
        "ja": "リストがどちらに適用されるかは文言と参照関係から判定しています（例: 他の条が「前条」を参照して利用者のコメントに適用する場合）。",
        "en": "Which way a list applies comes from its wording and cross-references (e.g. another article applying it to users' comments).",
    },
    "pro_empty": {"ja": "この方向の禁止事項リストはありません。", "en": "No prohibited lists in this direction."},
    # --- compare --------------------------------------------------------------------
    "cmp_title": {"ja": "条文の並列比較", "en": "Clauses side by side"},
    "cmp_mode": {"ja": "比較の単位", "en": "Compare by"},
    "cmp_mode_topic": {"ja": "項目", "en": "Topic"},
    "cmp_mode_category": {"ja": "禁止事項の区分", "en": "Prohibited category"},
    "cmp_topic": {"ja": "項目", "en": "Topic"},
    "cmp_category": {"ja": "区分", "en": "Category"},
    "cmp_direction": {"ja": "対象", "en": "Applies to"},
    "cmp_none": {"ja": "該当する条文はありません。", "en": "No matching clause."},
    "cmp_clauses_title": {"ja": "該当する条文の一覧", "en": "The clauses listed"},
    "cmp_diff_title": {"ja": "2つの条文の違い", "en": "Differences between two clauses"},
    "cmp_diff_a": {"ja": "条文A", "en": "Clause A"},
    "cmp_diff_b": {"ja": "条文B", "en": "Clause B"},
    "cmp_diff_need_two": {
        "ja": "違いを見るには条文が2つ以上必要です。",
        "en": "Two clauses are needed to show differences.",
    },
    "cmp_diff_legend": {
        "ja": "類似度 {ratio:.0f}/100。<del>取り消し線</del> = Aにだけある文字、<ins>下線</ins> = Bにだけある文字。",
        "en": "Similarity {ratio:.0f}/100. <del>struck</del> = only in A, <ins>underlined</ins> = only in B.",
    },
    "cmp_search_title": {"ja": "条文の検索", "en": "Search all clauses"},
    "cmp_search_label": {
        "ja": "語句（全角・半角の違いは無視し、似た表現も探します）",
        "en": "Words (full-/half-width ignored; similar wording found too)",
    },
    "cmp_search_none": {"ja": "「{q}」に一致する条文はありません。", "en": "No clause matches “{q}”."},
    "cmp_search_count": {"ja": "{n}件", "en": "{n} results"},
    "cmp_search_goto": {"ja": "「{topic}」で並べる", "en": "Compare “{topic}”"},
    "cmp_search_coverage": {"ja": "項目カバー表で開く", "en": "Open in the coverage matrix"},
    "match_substring": {"ja": "完全一致", "en": "exact"},
    "match_fuzzy": {"ja": "類似", "en": "similar"},
    "cmp_unplaced": {"ja": "（項目に該当なし）", "en": "(no topic)"},
    # --- gaps ---------------------------------------------------------------------
    "gap_title": {"ja": "不足項目", "en": "Gaps"},
    "gap_city": {"ja": "自治体", "en": "City"},
    "gap_topics_title": {"ja": "他の自治体が定めていて欠けている項目", "en": "Topics others cover that it lacks"},
    "gap_topics_none": {"ja": "欠けている項目はありません。", "en": "It lacks no topic that others cover."},
    "gap_models_title": {"ja": "モデル条文", "en": "Model clauses"},
    "gap_model_source": {"ja": "出典: {city}（{clause_id}）", "en": "Source: {city} ({clause_id})"},
    "gap_expander": {
        "ja": "{topic}（{n}/{m}自治体が定めている）",
        "en": "{topic} ({n} of {m} cities cover it)",
    },
    "gap_prohibited_title": {"ja": "禁止事項リストに欠けている区分", "en": "Prohibited categories its lists lack"},
    "gap_prohibited_none": {"ja": "欠けている区分はありません。", "en": "Its lists lack no category that others have."},
    "gap_need_two": {
        "ja": "比較には文書が2つ以上必要です。サイドバーで選んでください。",
        "en": "Comparing needs at least two documents; choose them in the sidebar.",
    },
    # --- the council report (Markdown) ----------------------------------------------
    "rep_title": {"ja": "{city} SNS運用ポリシーの不足項目", "en": "{city}: gaps in its social-media policy"},
    "rep_compared": {"ja": "比較対象: {cities}", "en": "Compared with: {cities}"},
    "rep_summary": {"ja": "要約", "en": "Summary"},
    "rep_topics": {"ja": "欠けている項目", "en": "Topics it lacks"},
    "rep_models": {"ja": "モデル条文", "en": "Model clauses"},
    "rep_prohibited": {"ja": "禁止事項リストに欠けている区分", "en": "Prohibited categories its lists lack"},
    "rep_source": {"ja": "出典: {city}（{clause_id}）", "en": "Source: {city} ({clause_id})"},
    "rep_none": {"ja": "なし", "en": "None"},
}


class MissingMessage(KeyError):
    """A message id that is not in :data:`MESSAGES`."""


def t(msg_id: str, lang: str = DEFAULT_LANG, **fmt) -> str:
    """The message in ``lang`` (``ja`` or ``en``), formatted with ``fmt``."""
    try:
        entry = MESSAGES[msg_id]
    except KeyError:
        raise MissingMessage(f"no message '{msg_id}' in snscompare/i18n.py") from None
    text = entry.get(lang if lang in LANGS else DEFAULT_LANG) or entry[DEFAULT_LANG]
    return text.format(**fmt) if fmt else text
