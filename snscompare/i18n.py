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
    "page_groups": {"ja": "都道府県・種別の集計", "en": "By prefecture and kind"},
    # --- a large corpus ($SNSCOMPARE_ADD), the sidebar's filters, paging ------------
    "add_missing": {
        "ja": "SNSCOMPARE_ADD に指定されたパスが見つかりません: {paths}",
        "en": "paths given in SNSCOMPARE_ADD not found: {paths}",
    },
    "add_internal": {
        "ja": "SNSCOMPARE_ADD の文書を読み込めませんでした（内部エラー: {what}）。",
        "en": "The documents of SNSCOMPARE_ADD could not be read (internal error: {what}).",
    },
    "add_failed": {
        "ja": "追加の文書（環境変数 SNSCOMPARE_ADD）を読み込めなかったため、data/policies の{n}文書だけを表示しています。"
              "パスを確かめてから、ページを再読み込みしてください。\n\n理由: {detail}",
        "en": "The added documents (environment variable SNSCOMPARE_ADD) could not be read, so only the {n} documents "
              "of data/policies are shown. Check the paths, then reload the page.\n\nReason: {detail}",
    },
    "add_loading": {
        "ja": "文書を読み込んでいます（初回は文書数に応じて数十秒〜1分ほどかかります）…",
        "en": "Loading the documents (the first time takes up to a minute, depending on their number)…",
    },
    "flt_corpus": {
        "ja": "全{n}文書（data/policies の{home}文書 + 追加{added}文書）",
        "en": "{n} documents ({home} in data/policies + {added} added)",
    },
    "flt_pref": {"ja": "都道府県で絞り込む", "en": "Filter by prefecture"},
    "flt_kind": {"ja": "文書の種別で絞り込む", "en": "Filter by kind of document"},
    "flt_any": {"ja": "すべて", "en": "All"},
    "flt_name": {"ja": "名称で探す", "en": "Search by name"},
    "flt_name_hint": {"ja": "例: 小諸　要綱", "en": "e.g. 小諸 要綱"},
    "flt_docs_help": {
        "ja": "絞り込んだ文書と、選択済みの文書から選べます。並べて比較できるのは{k}文書までです（それより多い文書は「都道府県・種別の集計」で比べられます）。",
        "en": "Choose among the filtered documents and those already chosen. Up to {k} documents side by side "
              "(compare more on the page \"By prefecture and kind\").",
    },
    "flt_docs_trimmed": {
        "ja": "リンクで{n}文書が指定されていましたが、並べて比較できるのは{k}文書までのため、最初の{k}文書を選んでいます。",
        "en": "The link named {n} documents; up to {k} can be compared side by side, so the first {k} are chosen.",
    },
    "flt_found": {"ja": "該当 {n} 件・選択中 {k} 件", "en": "{n} found · {k} chosen"},
    "flt_select_all": {"ja": "該当{n}件を選ぶ", "en": "Choose the {n} found"},
    "flt_select_all_help": {
        "ja": "並べて比較できるのは{n}件までです。それより多い文書は「都道府県・種別の集計」で集計して見てください。",
        "en": "Up to {n} documents can be compared side by side; see more in aggregate on “By prefecture and kind”.",
    },
    "flt_home": {"ja": "{n}市に戻す", "en": "Back to the {n} cities"},
    "page_size": {"ja": "1ページの行数", "en": "Rows per page"},
    "page_number": {"ja": "ページ（全{n}ページ）", "en": "Page (of {n})"},
    "page_rows": {
        "ja": "全{total}行のうち {a}〜{b} 行目を表示。CSV・Excelにはすべての行が入ります。",
        "en": "Rows {a}–{b} of {total}. The CSV and Excel files hold every row.",
    },
    # --- groups.py ---------------------------------------------------------------
    "grp_title": {"ja": "都道府県・種別の集計", "en": "By prefecture and kind of document"},
    "grp_intro": {
        "ja": "都道府県ごと、または文書の種別ごとに、各項目を定めている文書の割合（%）を示します。"
              "見出しのかっこ内はその都道府県・種別の文書数です。",
        "en": "Per prefecture or kind of document: the share (%) of documents that cover each topic. "
              "Headers show the number of documents in brackets.",
    },
    "grp_by": {"ja": "集計の単位", "en": "Group by"},
    "grp_by_prefecture": {"ja": "都道府県", "en": "Prefecture"},
    "grp_by_kind": {"ja": "文書の種別", "en": "Kind of document"},
    "grp_scope": {"ja": "集計する文書", "en": "Documents counted"},
    "grp_scope_help": {
        "ja": "絞り込み結果 = サイドバーの都道府県・種別・名称で絞り込んだ文書。選択中 = サイドバーで比較用に選んだ文書。",
        "en": "Filtered = the documents the sidebar's prefecture, kind and name filters leave. Chosen = the documents chosen in the sidebar.",
    },
    "grp_scope_all": {"ja": "すべて（{n}件）", "en": "All ({n})"},
    "grp_scope_filtered": {"ja": "絞り込み結果（{n}件）", "en": "Filtered ({n})"},
    "grp_scope_selected": {"ja": "選択中（{n}件）", "en": "Chosen ({n})"},
    "grp_none": {"ja": "集計する文書がありません。", "en": "No documents to count."},
    "grp_unknown": {"ja": "（不明）", "en": "(unknown)"},
    "grp_all": {"ja": "全体（{n}）", "en": "All ({n})"},
    "grp_sizes_title": {"ja": "文書数", "en": "Number of documents"},
    "grp_topics_title": {"ja": "項目を定めている文書の割合（%）", "en": "Share of documents covering each topic (%)"},
    "grp_pro_title": {"ja": "禁止事項の区分がある文書の割合（%）", "en": "Share of documents listing each prohibited category (%)"},
    "grp_docs_title": {"ja": "文書の一覧", "en": "The documents"},
    "grp_docs_group": {"ja": "表示する都道府県・種別", "en": "Prefecture or kind to list"},
    "grp_docs_every": {"ja": "すべて", "en": "All"},
    "col_share_pct": {"ja": "割合（%）", "en": "Share (%)"},
    "col_group_n": {"ja": "文書数", "en": "Documents"},
    "col_group_all": {"ja": "全体", "en": "All"},
    "col_n_topics": {"ja": "定めている項目数", "en": "Topics covered"},
    "sim_title": {"ja": "似ている文書", "en": "The most similar documents"},
    "sim_intro": {
        "ja": "選んだ文書と、定めている項目と禁止事項の区分（利用者の投稿・市の発信）がどれだけ重なるかで並べます。"
              "類似度 = 両方にある項目・区分の数 ÷ どちらかにある数（100 = 同じ）。",
        "en": "Ranked by how much the chosen document's topics and prohibited categories (users' posts, the "
              "municipality's posts) overlap: similarity = held by both ÷ held by either (100 = the same).",
    },
    "sim_doc": {"ja": "基準にする文書", "en": "Document to compare with"},
    "sim_k": {"ja": "表示する件数", "en": "How many"},
    "sim_none": {"ja": "比べる文書がありません。", "en": "No other documents to compare with."},
    "sim_why": {"ja": "{rank}. {name}（類似度 {score:.0f}）の内訳", "en": "{rank}. {name} (similarity {score:.0f}): why"},
    "sim_shared": {"ja": "共通して定めている項目（{n}）", "en": "Topics both cover ({n})"},
    "sim_only_chosen": {"ja": "{name}だけが定めている項目（{n}）", "en": "Topics only {name} covers ({n})"},
    "sim_compare": {"ja": "この文書と上位{n}件をサイドバーで選ぶ", "en": "Choose it and the top {n} in the sidebar"},
    "col_rank": {"ja": "順位", "en": "Rank"},
    "col_similarity": {"ja": "類似度", "en": "Similarity"},
    "col_topic_similarity": {"ja": "項目の類似度", "en": "Topic similarity"},
    "col_prohibited_similarity": {"ja": "禁止事項の類似度", "en": "Prohibited-content similarity"},
    "col_n_shared": {"ja": "共通数", "en": "Shared"},
    "col_only_chosen": {"ja": "基準の文書だけにある項目", "en": "Topics only the chosen one covers"},
    "col_only_other": {"ja": "この文書だけにある項目", "en": "Topics only this one covers"},
    "col_shared_topics": {"ja": "共通する項目", "en": "Topics both cover"},
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
            "- **都道府県・種別の集計**: 都道府県別・文書の種別ごとに、各項目を定めている文書の割合と、似た文書を示します。\n"
            "- どの表もCSV（Excel用、BOM付き）と.xlsxでダウンロードできます。表示中のURLを共有すると同じ画面を開けます。"
        ),
        "en": (
            "- **Coverage matrix**: which document states which topic. Select a cell to read the clauses behind it.\n"
            "- **Prohibited content**: what users may not post and what the municipality may not post, by category.\n"
            "- **Clauses side by side**: each city's clauses on a topic in columns, with a character-level diff of two; search all clauses.\n"
            "- **Gaps**: choose a city to see the topics others cover that it lacks, with model clauses.\n"
            "- **By prefecture and kind**: the share of documents covering each topic per prefecture or kind of document, and the documents most alike.\n"
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
    # --- check_draft.py ---
    "chk_title": {"ja": "原案チェック", "en": "Check a draft"},
    "chk_intro": {
        "ja": "お手元の原案（または現行のポリシー）を読み込むと、5市のポリシーと同じ方法で条項に分けて"
              "比較項目に当てはめ、足りない項目と他市の参考条文を示します。",
        "en": "Load your draft (or current policy): it is split into clauses and placed in the topics the same "
              "way as the five cities' policies, and the missing topics are shown with other cities' wording.",
    },
    "chk_privacy": {
        "ja": "原案はこのブラウザのセッションのメモリ上でだけ処理されます。サーバーのディスクには書き込まれず、"
              "他の利用者からは見えません。ブラウザのタブを閉じる（セッションが終わる）と消えます。",
        "en": "Your draft is processed in this browser session's memory only. It is never written to the "
              "server's disk and other users cannot see it. It is gone when the session ends (close the tab).",
    },
    "chk_mode": {"ja": "原案の渡し方", "en": "How to give the draft"},
    "chk_mode_upload": {"ja": "ファイルをアップロード", "en": "Upload a file"},
    "chk_mode_paste": {"ja": "本文を貼り付け", "en": "Paste the text"},
    "chk_upload": {
        "ja": "原案ファイル（.txt / .md / .docx / .pdf、{mb} MBまで。文字コードは UTF-8・Shift_JIS どちらでも可）",
        "en": "Draft file (.txt / .md / .docx / .pdf, up to {mb} MB; UTF-8 or Shift_JIS text)",
    },
    "chk_paste": {"ja": "原案の本文", "en": "Text of the draft"},
    "chk_paste_help": {
        "ja": "Word などから本文をそのまま貼り付けてください。条・項・号の番号もそのままで構いません。",
        "en": "Paste the text as it is, numbering included.",
    },
    "chk_name": {"ja": "表に表示する原案の名前", "en": "Name of the draft in the tables"},
    "chk_name_help": {
        "ja": "比較表の列名になります（空欄ならファイル名）。",
        "en": "Used as the column name (the file name when empty).",
    },
    "chk_run": {"ja": "チェックする", "en": "Check"},
    "chk_clear": {"ja": "原案を消去", "en": "Remove the draft"},
    "chk_need_input": {
        "ja": "原案のファイルを選ぶか、本文を貼り付けて「チェックする」を押してください。",
        "en": "Choose a file or paste the text, then press Check.",
    },
    "chk_no_file": {"ja": "ファイルが選ばれていません。", "en": "No file chosen."},
    "chk_internal": {
        "ja": "原案を処理できませんでした（内部エラー: {what}）。別の形式で保存し直すか、本文を貼り付けてお試しください。",
        "en": "The draft could not be processed (internal error: {what}). Save it in another format or paste the text.",
    },
    "chk_default_name": {"ja": "原案", "en": "draft"},
    "chk_metric_covered": {"ja": "カバーしている項目", "en": "Topics covered"},
    "chk_metric_gaps": {"ja": "欠けている項目", "en": "Missing topics"},
    "chk_metric_unplaced": {"ja": "分類できなかった条項", "en": "Unplaced clauses"},
    "chk_tab_coverage": {"ja": "項目カバー表", "en": "Coverage"},
    "chk_tab_gaps": {"ja": "欠けている項目", "en": "Gaps"},
    "chk_tab_prohibited": {"ja": "禁止事項", "en": "Prohibited content"},
    "chk_tab_matched": {"ja": "該当した条項", "en": "Matched clauses"},
    "chk_tab_unplaced": {"ja": "分類できなかった条項", "en": "Unplaced clauses"},
    "chk_draft_col": {"ja": "{name}（原案）", "en": "{name} (draft)"},
    "chk_gaps_none": {"ja": "他の文書が定めている項目はすべて含まれています。", "en": "Nothing the others cover is missing."},
    "chk_gaps_models": {"ja": "参考条文", "en": "Model clauses"},
    "chk_model_source": {"ja": "{city}（{clause_id}）", "en": "{city} ({clause_id})"},
    "chk_gap_expander": {"ja": "{topic}（{n}/{m}文書が定めています）", "en": "{topic} ({n} of {m} documents)"},
    "chk_pro_user": {"ja": "利用者の投稿で禁止・削除するもの", "en": "Users' posts banned or removed"},
    "chk_pro_city": {"ja": "市が発信してはならないもの", "en": "What the municipality must not post"},
    "chk_pro_gaps": {"ja": "他の文書にあって原案の禁止事項にない区分", "en": "Categories others list that the draft lacks"},
    "chk_pro_none": {"ja": "原案に禁止事項の一覧は見つかりませんでした。", "en": "No prohibited-content list found."},
    "chk_unplaced_intro": {
        "ja": "どの比較項目にも当てはまらなかった条項です。独自の規定か、ツールが読み取れなかった規定です。",
        "en": "Clauses that matched no topic: your own provisions, or ones the tool could not read.",
    },
    "chk_unplaced_none": {"ja": "すべての条項がいずれかの項目に当てはまりました。", "en": "Every clause was placed."},
    "chk_download_md": {"ja": "議会向けレポート (.md)", "en": "Report for the council (.md)"},
    "chk_download_csv": {"ja": "結果一覧 CSV（Excel用）", "en": "Results CSV (for Excel)"},
    "chk_download_json": {"ja": "JSON", "en": "JSON"},
    "chk_also_elsewhere": {
        "ja": "原案は他のページ（項目カバー表・禁止事項の比較・不足項目・原案づくり）にも列として表示されます。",
        "en": "The draft also appears as a column on the other pages (coverage, prohibited content, gaps, build).",
    },
    # --- build_draft.py ---
    "bld_title": {"ja": "原案づくり", "en": "Build a draft"},
    "bld_intro": {
        "ja": "多くの市が定めている項目を骨子に、項目ごとに各市の条文（または点検した原案の条文）を選び、"
              "編集・並べ替えして、Word・Markdown で書き出します。条・項目の番号は自動で振り直します。",
        "en": "Start from the topics most cities cover, pick a clause per topic from any city (or your checked "
              "draft), edit and reorder, then download Word or Markdown. Numbering is redone automatically.",
    },
    "bld_privacy": {
        "ja": "入力した文案はこのブラウザのセッションのメモリ上にだけあり、サーバーには保存されません。",
        "en": "What you type stays in this browser session's memory; nothing is saved on the server.",
    },
    "bld_doc_title": {"ja": "表題", "en": "Title"},
    "bld_doc_title_default": {"ja": "SNS運用ポリシー（案）", "en": "SNS運用ポリシー（案）"},
    "bld_style": {"ja": "番号の形式", "en": "Numbering"},
    "bld_style_article": {"ja": "第N条（条文形式）", "en": "第N条 (articles)"},
    "bld_style_section": {"ja": "1. 2. …（項目形式）", "en": "1. 2. … (sections)"},
    "bld_min_docs": {"ja": "骨子: 少なくとも何市が定めている項目を入れるか", "en": "Skeleton: topics at least this many cities cover"},
    "bld_reset": {"ja": "骨子を作り直す", "en": "Reset to the skeleton"},
    "bld_add": {"ja": "項目を追加", "en": "Add a topic"},
    "bld_add_button": {"ja": "追加", "en": "Add"},
    "bld_count": {"ja": "{n} 項目を組み立てています。", "en": "{n} topics in the draft."},
    "bld_empty": {"ja": "項目がありません。骨子を作り直すか、項目を追加してください。", "en": "No topics: reset or add one."},
    "bld_source": {"ja": "使う条文", "en": "Clause to use"},
    "bld_source_own": {"ja": "原案の条文（{name}）", "en": "Your draft ({name})"},
    "bld_source_blank": {"ja": "自分で書く", "en": "Write my own"},
    "bld_compare": {"ja": "各市の条文を並べて見る", "en": "See the cities' clauses side by side"},
    "bld_text": {"ja": "条文（編集できます。番号は書かなくて構いません。号は（１）で始まる行）",
                 "en": "Text (editable; numbering not needed; items are lines starting with （１）)"},
    "bld_up": {"ja": "上へ", "en": "Up"},
    "bld_down": {"ja": "下へ", "en": "Down"},
    "bld_remove": {"ja": "外す", "en": "Remove"},
    "bld_names_found": {
        "ja": "他市の名称が含まれています: {names}。自市の名称に置き換えてください。",
        "en": "Other municipalities' names found: {names}. Replace them with yours.",
    },
    "bld_city": {"ja": "あなたの自治体名（例: 伊那市）", "en": "Your municipality (e.g. 伊那市)"},
    "bld_replace": {"ja": "他市の名称を置き換える", "en": "Replace other cities' names"},
    "bld_replace_need_city": {"ja": "先に自治体名を入力してください。", "en": "Enter your municipality first."},
    "bld_replaced": {"ja": "{n} 項目の市名を置き換えました。", "en": "Replaced names in {n} topics."},
    "bld_download": {"ja": "書き出し", "en": "Download"},
    "bld_docx": {"ja": "Word (.docx)", "en": "Word (.docx)"},
    "bld_md": {"ja": "Markdown (.md)", "en": "Markdown (.md)"},
    "bld_sources": {"ja": "出典一覧 CSV（Excel用）", "en": "Sources CSV (for Excel)"},
    "bld_preview": {"ja": "プレビュー", "en": "Preview"},
    "bld_sources_title": {"ja": "出典", "en": "Sources"},
    "bld_city_clause": {"ja": "{city}（{clause_id}）", "en": "{city} ({clause_id})"},
    # --- why the aligner placed a clause (align.Reason: code -> why_<code>) ---------
    "why_cue": {"ja": "本文の手がかり「{cue}」", "en": "wording in the text: “{cue}”"},
    "why_title": {"ja": "見出し「{title}」", "en": "its heading “{title}”"},
    "why_section": {"ja": "上位の見出し「{title}」（{clause}）", "en": "the heading above it, “{title}” ({clause})"},
    "why_exemplar": {"ja": "類似した条項 {clause}（類似度 {score}）", "en": "similar to clause {clause} (similarity {score})"},
    "why_list_item": {"ja": "{list} の禁止事項リストの項目（{direction}）", "en": "an item of the prohibited list {list} ({direction})"},
    "why_list": {"ja": "禁止事項リスト（{direction}）: {detail}", "en": "prohibited list ({direction}): {detail}"},
    "why_list_cue": {"ja": "リストの文言「{cue}」", "en": "the list's wording “{cue}”"},
    "why_list_items_end": {"ja": "項目が「{cue}」で終わる", "en": "its items end in “{cue}”"},
    "why_list_default": {"ja": "禁止事項の見出し「{cue}」（方向の手がかりなし: 利用者向けとみなす）",
                         "en": "a prohibited-content heading “{cue}” (no sign of direction: taken as users' posts)"},
    "why_list_ref": {"ja": "{clause} が参照して利用者の投稿に適用", "en": "{clause} refers to it and applies it to users' posts"},
    "why_override": {"ja": "手動補正: {reason}", "en": "manual correction: {reason}"},
    # === section: bounds and safety (add entries below) ===
    "read_too_many_chars": {
        "ja": "「{name}」の文字数が多すぎます（上限 {limit} 文字）。",
        "en": "'{name}' holds too much text (more than {limit} characters).",
    },
    "read_too_many_chars_hint": {
        "ja": "ポリシーの本文だけのファイルにしてください",
        "en": "Give a file with the policy's text only",
    },
    # the command line: arguments, files it cannot read or write
    "cli_required": {"ja": "次の引数が必要です: {names}", "en": "the following arguments are required: {names}"},
    "cli_unknown": {"ja": "知らない引数です: {names}", "en": "unrecognized arguments: {names}"},
    "cli_choice": {"ja": "{arg} に「{value}」は使えません（使えるのは {choices}）",
                   "en": "argument {arg}: invalid choice '{value}' (choose from {choices})"},
    "cli_not_int": {"ja": "{arg} は整数で指定してください（「{value}」）", "en": "argument {arg}: not an integer: '{value}'"},
    "cli_one_value": {"ja": "{arg} の後に値を1つ書いてください", "en": "argument {arg}: expected one value"},
    "cli_ambiguous": {"ja": "オプション {arg} はどれのことか決まりません（{matches}）",
                      "en": "ambiguous option {arg} (could match {matches})"},
    "cli_bad_argument": {"ja": "引数が正しくありません", "en": "bad arguments"},
    "cli_range": {"ja": "{arg} は {low} から {high} までの整数で指定してください（「{value}」）",
                  "en": "argument {arg}: an integer from {low} to {high} is required, not '{value}'"},
    "cli_option_like_file": {
        "ja": "「{name}」は - で始まるため、オプションとして読まれました。ファイル名なら ./{name} と書くか、-- の後に書いてください",
        "en": "'{name}' starts with - and was read as an option; for a file, write ./{name} or put it after --",
    },
    "cli_output_not_file": {
        "ja": "「{path}」は通常のファイルではないため、書き出しません（名前付きパイプ・装置・フォルダには書きません）",
        "en": "'{path}' is not a regular file: nothing written (no pipes, devices or directories)",
    },
    "cli_cannot_write": {"ja": "「{path}」に書き込めません（{reason}）", "en": "cannot write '{path}' ({reason})"},
    "cli_folder_unreadable": {"ja": "フォルダ「{path}」を読む権限がありません", "en": "no permission to read the directory '{path}'"},
    # heavy work of one session in a process of its own (snscompare/isolation.py)
    "iso_busy": {
        "ja": "ほかの利用者の読み込みが混み合っています。しばらくしてから、もう一度お試しください",
        "en": "the server is busy reading other users' documents; please try again in a moment",
    },
    "iso_too_long": {
        "ja": "処理に時間がかかりすぎたため中止しました（上限 {seconds} 秒）。文書が長すぎないか確かめてください",
        "en": "stopped: the work took too long (more than {seconds} s); check that the document is not too long",
    },
    "iso_too_much_memory": {
        "ja": "処理に必要なメモリが上限（{gib} GiB）を超えたため中止しました。文書が長すぎないか確かめてください",
        "en": "stopped: the work needed more memory than allowed ({gib} GiB); check that the document is not too long",
    },
    "iso_died": {
        "ja": "処理が途中で止まりました（メモリ不足のおそれがあります）。もう一度お試しください",
        "en": "the work stopped before it finished (possibly out of memory); please try again",
    },
    "cli_cache_unwritable": {
        "ja": "キャッシュのフォルダ「{path}」に書き込めません（{reason}）。--cache を外すか、"
              "環境変数 SNSCOMPARE_CACHE_DIR に書き込めるフォルダを指定してください",
        "en": "cannot write to the cache directory '{path}' ({reason}); drop --cache or set "
              "SNSCOMPARE_CACHE_DIR to a writable directory",
    },
    # === section: drafts, checks and 新旧対照表 (add entries below) ===
    # === section: view state and users' words (add entries below) ===
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


def reason_text(reason, lang: str = DEFAULT_LANG) -> str:
    """An aligner's :class:`~snscompare.align.Reason` in ``lang``: its message
    ``why_<code>``, with directions and nested reasons rendered too."""
    if reason is None:
        return ""
    args = {}
    for name, value in reason.args:
        if hasattr(value, "code") and hasattr(value, "args"):
            value = reason_text(value, lang)
        elif name == "direction":
            value = t(f"dir_{value}", lang)
        args[name] = value
    return t(f"why_{reason.code}", lang, **args)
