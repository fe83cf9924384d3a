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
        "ja": "画面の表のすべての行を、画面と同じ見出しでダウンロードします（ID列も含みます。UTF-8 BOM付き）。"
              "サイドバーで「IDを表示」をオンにすると、見出しはID（topic_id、komoro など。CLIと同じ）になります。",
        "en": "Downloads every row of the table under the headers shown (id columns included; UTF-8 with BOM). "
              "With “Show ids” on in the sidebar, the headers are the ids (topic_id, komoro, …, as the CLI writes them).",
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
            "- **原案チェック**: お手元の原案（.docx・.pdf・テキスト、または貼り付け）を読み込み、5市と同じ方法で項目に当てはめて、"
            "足りない項目と他市の参考条文を示します。原案はこのブラウザのセッションの中だけで処理されます。\n"
            "- **原案づくり**: 多くの市が定めている項目を骨子に、各市の条文を選んで編集し、Word・Markdownで書き出します。\n"
            "- どの表もCSV（Excel用、BOM付き）と.xlsxでダウンロードでき、見出しは画面と同じです。"
            "表示中のURLを共有すると、同じ文書・項目・タブの画面を開けます。"
        ),
        "en": (
            "- **Coverage matrix**: which document states which topic. Select a cell to read the clauses behind it.\n"
            "- **Prohibited content**: what users may not post and what the municipality may not post, by category.\n"
            "- **Clauses side by side**: each city's clauses on a topic in columns, with a character-level diff of two; search all clauses.\n"
            "- **Gaps**: choose a city to see the topics others cover that it lacks, with model clauses.\n"
            "- **By prefecture and kind**: the share of documents covering each topic per prefecture or kind of document, and the documents most alike.\n"
            "- **Check a draft**: load your draft (.docx, .pdf, text, or paste it); it is placed in the topics the same way as "
            "the five cities' policies, with the missing topics and other cities' wording. It stays in this browser session.\n"
            "- **Build a draft**: start from the topics most cities cover, pick and edit a clause per topic, download Word or Markdown.\n"
            "- Every table downloads as CSV (for Excel, with BOM) and .xlsx, with the headers shown on screen. "
            "Share the URL to open the same documents, topic and tab."
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
    "pro_jaccard_title": {"ja": "共通する区分の割合", "en": "Share of categories in common"},
    "pro_jaccard_intro": {
        "ja": "2つの自治体の禁止事項リストで、どちらかにある区分のうち両方にある区分の割合です"
              "（共通する区分の数 ÷ どちらかにある区分の数。Jaccard係数と呼ばれる指標）。100% = 同じ区分、0% = 共通なし。"
              "空欄はどちらにもこの方向のリストがないもの。",
        "en": "Of the categories either of two cities lists, the share both list (categories in common ÷ categories "
              "either has; the Jaccard index). 100% = the same categories, 0% = none in common. Blank when neither "
              "has a list in this direction.",
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
    "gap_model_source": {"ja": "出典: {city}　{place}", "en": "Source: {city} · {place}"},
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
    "chk_model_source": {"ja": "出典: {city}　{place}", "en": "Source: {city} · {place}"},
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
    "why_glossary_item": {"ja": "{list} の用語の定義の項目", "en": "an item of the glossary {list}"},
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
    "rep_check_title": {"ja": "SNS運用ポリシー案の点検結果: {name}", "en": "Draft check: {name}"},
    "rep_check_covered": {"ja": "カバーしている項目（{k}/{n}）", "en": "Topics covered ({k}/{n})"},
    "rep_table_clause": {"ja": "条項", "en": "Clause"},
    "rep_table_text": {"ja": "本文", "en": "Text"},
    "rep_check_unplaced": {"ja": "分類できなかった条項（{n}件）", "en": "Unplaced clauses ({n})"},
    "rep_check_more": {"ja": "…ほか{n}件", "en": "… and {n} more"},
    # --- check.py / check_draft.py: one set of figures, notes, time budget ----------
    "chk_summary": {
        "ja": "{name}は{n}項目中{k}項目をカバーしています。他の{others}文書のどれかが定めている項目のうち{g}項目が欠けています"
              "（うち{strong}文書以上が定めている項目は{s}）。",
        "en": "{name} covers {k} of {n} topics. It lacks {g} topics at least one of the other {others} documents "
              "covers ({s} of them covered by at least {strong}).",
    },
    "chk_note_short": {
        "ja": "短い文章です（{chars}文字・{n}条項）。比較対象の文書は中央値で{median}文字あるため、欠けている項目が多く出ます。"
              "定めたい項目を「欠けている項目」から選んで読んでください。",
        "en": "A short text ({chars} characters, {n} clauses): the documents compared have a median of {median} "
              "characters, so many topics show as missing. Pick the ones you mean to cover from the gaps.",
    },
    "chk_note_no_topic": {
        "ja": "どの比較項目にも当てはまる条項はありませんでした（SNS に関する文章として点検しています）。",
        "en": "No clause matched a topic (checked as a text about social media).",
    },
    "chk_note_partial": {
        "ja": "時間の上限（{budget}秒）に達したため、{n}条項のうち先頭から{checked}条項までの結果です。"
              "残りは点検していません。文書を分けて点検してください。",
        "en": "The time limit ({budget} s) was reached: this report covers the first {checked} of {n} clauses; the "
              "rest was not checked. Check the document in parts.",
    },
    "chk_metric_strong": {"ja": "うち{strong}文書以上が定める項目: {s}", "en": "{s} of them covered by at least {strong}"},
    "chk_download_docx": {"ja": "議会向けレポート (.docx)", "en": "Report for the council (.docx)"},
    "chk_running": {"ja": "原案を点検しています…", "en": "Checking the draft…"},
    "chk_unplaced_page": {"ja": "分類できなかった条項（{n}件）", "en": "Unplaced clauses ({n})"},
    "chk_title_line": {"ja": "表題: {title}", "en": "Title: {title}"},
    "rep_others": {"ja": "同じ項目を定めている文書: {cities}", "en": "Documents covering the topic: {cities}"},
    "rep_table_topic": {"ja": "項目", "en": "Topic"},
    "rep_table_docs": {"ja": "定めている文書", "en": "Documents"},
    "rep_table_model": {"ja": "参考条文", "en": "Model clause"},
    "rep_table_category": {"ja": "区分", "en": "Category"},
    "rep_table_direction": {"ja": "対象", "en": "Applies to"},
    "rep_docx": {"ja": "議会向けレポート (.docx)", "en": "Report for the council (.docx)"},
    # --- revision.py: 新旧対照表 ------------------------------------------------------
    "page_revision": {"ja": "新旧対照表", "en": "Old and new (新旧対照表)"},
    "rev_title": {"ja": "新旧対照表", "en": "Old and new text side by side (新旧対照表)"},
    "rev_intro": {
        "ja": "現行の方針と改正案を条ごとに並べ、改正部分に下線を引きます。条番号の繰り下げ・繰り上げだけの条は"
              "変更に数えず、移動・分割・統合・新設・削除を見分けます。議会に出す Word の新旧対照表を書き出せます。",
        "en": "The current policy and the revision side by side, article by article, changes underlined. "
              "Renumbering alone is not a change; moved, split, merged, inserted and deleted articles are told "
              "apart. Download the Word table a council works from.",
    },
    "rev_privacy": {
        "ja": "アップロードしたファイルと原案は、このブラウザのセッションのメモリ上でだけ処理され、保存されません。",
        "en": "Uploaded files and the draft are processed in this browser session's memory only; nothing is saved.",
    },
    "rev_new": {"ja": "改正後（新）", "en": "New (改正後)"},
    "rev_old": {"ja": "改正前（現行）", "en": "Current (改正前)"},
    "rev_from": {"ja": "どこから", "en": "From"},
    "rev_from_corpus": {"ja": "文書一覧の文書", "en": "A document of the corpus"},
    "rev_from_upload": {"ja": "ファイルをアップロード", "en": "Upload a file"},
    "rev_from_draft": {"ja": "原案づくりの原案", "en": "The draft being built"},
    "rev_from_checked": {"ja": "原案チェックの文書", "en": "The document checked"},
    "rev_no_checked": {"ja": "まだ点検した文書がありません。現行の方針を原案チェックでアップロードすると、ここで選べます。",
                       "en": "No document checked yet: upload your current policy on 'Check a draft' to use it here."},
    "rev_checked_is": {"ja": "点検した文書: {name}", "en": "Document checked: {name}"},
    "rev_upload": {
        "ja": "テキスト (.txt)・Markdown (.md)・Word (.docx)・PDF (.pdf)、{mb} MB まで（Shift_JIS も可）",
        "en": "Text (.txt), Markdown (.md), Word (.docx) or PDF (.pdf), up to {mb} MB (Shift_JIS too)",
    },
    "rev_doc": {"ja": "文書", "en": "Document"},
    "rev_no_draft": {"ja": "まだ原案がありません。原案づくりで組み立てると、ここで現行の方針と比べられます。",
                     "en": "No draft yet: build one first, then compare it with the current policy here."},
    "rev_draft_is": {"ja": "原案: {title}", "en": "Draft: {title}"},
    "rev_need_both": {"ja": "改正後と改正前の両方を指定してください。", "en": "Give both the new and the current version."},
    "rev_counts": {"ja": "条ごとの比較: {summary}", "en": "Provisions compared: {summary}"},
    "rev_docx": {"ja": "新旧対照表 Word (.docx)", "en": "新旧対照表, Word (.docx)"},
    "rev_coverage": {"ja": "改正で変わる比較項目", "en": "What the revision changes in coverage"},
    "rev_topics_gained": {"ja": "新たに定める項目", "en": "Topics gained"},
    "rev_topics_lost": {"ja": "なくなる項目", "en": "Topics lost"},
    "rev_pro_gained": {"ja": "増える禁止事項の区分", "en": "Prohibited categories gained"},
    "rev_pro_lost": {"ja": "減る禁止事項の区分", "en": "Prohibited categories lost"},
    "rev_none": {"ja": "なし", "en": "none"},
    "rev_table": {"ja": "改正のある条", "en": "Provisions that change"},
    "rev_table_help": {"ja": "左が改正後、右が改正前。下線が改正部分です。",
                       "en": "New on the left, current on the right; changes underlined."},
    "rev_no_changes": {"ja": "条文の変更はありません（番号の変更だけです）。",
                       "en": "No text changed (at most the numbering)."},
    "rev_kind_modified": {"ja": "改正", "en": "Amended"},
    "rev_kind_moved": {"ja": "移動", "en": "Moved"},
    "rev_kind_split": {"ja": "分割", "en": "Split"},
    "rev_kind_merged": {"ja": "統合", "en": "Merged"},
    "rev_kind_inserted": {"ja": "新設", "en": "Inserted"},
    "rev_kind_deleted": {"ja": "削除", "en": "Deleted"},
    "rev_kind_unchanged": {"ja": "変更なし", "en": "Unchanged"},
    "rev_also_moved": {"ja": "（位置も移動）", "en": "(also moved)"},
    "rev_similarity": {"ja": "類似度 {s}", "en": "similarity {s}"},
    "rev_unchanged": {"ja": "変更のない条（{n}、うち番号だけ変わった条 {k}）",
                      "en": "Unchanged provisions ({n}; {k} only renumbered)"},
    # --- build_draft.py: a clean draft -------------------------------------------
    "bld_kind": {"ja": "文書の種類", "en": "Kind of document"},
    "bld_kind_help": {
        "ja": "要綱・規程・要領は第N条の条文形式・である体、ガイドラインは項目形式・である体、"
              "ポリシー（利用者向け）は項目形式・です・ます体で組み立て、末尾に附則（施行日）を付けます。",
        "en": "要綱・規程・要領: articles (第N条) in the plain style; guideline: sections, plain style; "
              "policy for the public: sections in the polite style. A 附則 with the effective date ends each.",
    },
    "bld_kind_yoko": {"ja": "要綱", "en": "要綱 (regulation)"},
    "bld_kind_kitei": {"ja": "規程", "en": "規程 (rules)"},
    "bld_kind_yoryo": {"ja": "要領", "en": "要領 (procedure)"},
    "bld_kind_guideline": {"ja": "ガイドライン（職員向け）", "en": "Guideline (for staff)"},
    "bld_kind_policy": {"ja": "ポリシー（利用者向け）", "en": "Policy (for the public)"},
    "bld_title_default": {"ja": "{city}ソーシャルメディア運用{word}（案）",
                          "en": "{city}ソーシャルメディア運用{word}（案）"},
    "bld_city_unknown": {"ja": "〇〇市", "en": "〇〇市"},
    "bld_skeleton": {"ja": "骨子（入れる項目）を作り直す", "en": "Start again from a skeleton"},
    "bld_todo_csv": {"ja": "要確認事項 CSV（Excel用）", "en": "To check, CSV (for Excel)"},
    "bld_state": {
        "ja": "{n}条（{form}・{register}）。同じ条文をまとめた項目: {merged}。要確認の箇所: {marks}、文体の確認: {style}。",
        "en": "{n} articles ({form}, {register}). Topics merged into another's clause: {merged}. "
              "Placeholders to fill: {marks}; sentences to restyle: {style}.",
    },
    "bld_register_plain": {"ja": "である体", "en": "plain style (である)"},
    "bld_register_polite": {"ja": "です・ます体", "en": "polite style (です・ます)"},
    "bld_leftovers": {
        "ja": "他市の記載（日付・URL・名称など）が{n}か所に残っています。下の「要確認事項」を確かめてください。",
        "en": "Another body's particulars (dates, URLs, names …) remain in {n} places: see “To check” below.",
    },
    "bld_topics_title": {"ja": "項目ごとの条文", "en": "Clauses by topic"},
    "bld_group": {"ja": "分類（一度に一つの分類を編集します）", "en": "Group (edit one group at a time)"},
    "bld_group_empty": {"ja": "この分類の項目は入っていません。下で追加できます。",
                        "en": "No topic of this group in the draft; add one below."},
    "bld_supplement": {"ja": "附則", "en": "附則"},
    "bld_supplement_note": {
        "ja": "この項目は条ではなく、末尾の附則（施行日）になります。",
        "en": "This topic becomes the 附則 (effective date) at the end, not an article.",
    },
    "bld_marks": {"ja": "要確認の箇所 {n}: {labels}", "en": "{n} placeholders to fill: {labels}"},
    "bld_merged": {
        "ja": "この条文は{number}（{topic}）と同じ内容のため、1つの条にまとめます。",
        "en": "Same clause as {number} ({topic}): it appears once.",
    },
    "bld_todo_title": {"ja": "要確認事項", "en": "To check before the draft goes out"},
    "bld_todo_none": {"ja": "要確認の箇所はありません。", "en": "Nothing left to check."},
    "bld_todo_intro": {
        "ja": "他市の条文から取った日付・URL・部署名などは【要確認: …】に置き換えています。"
              "元の記載を参考に、自市の内容を記入してください（Word・Markdown の末尾にも同じ表が付きます）。",
        "en": "Dates, URLs, departments … of the cities the clauses came from are shown as 【要確認: …】; "
              "fill in your own (the same table ends the Word and Markdown files).",
    },
    "bld_todo_placeholder": {"ja": "記入する", "en": "fill in"},
    "bld_todo_style": {"ja": "文体をそろえる", "en": "restyle"},
    "bld_todo_leftover": {"ja": "他市の記載", "en": "another body's text"},
    "bld_col_number": {"ja": "条", "en": "Article"},
    "bld_col_heading": {"ja": "見出し", "en": "Heading"},
    "bld_col_item": {"ja": "確認すること", "en": "What"},
    "bld_col_found": {"ja": "元の記載", "en": "Source said"},
    "bld_col_what": {"ja": "種類", "en": "Kind"},
    "chk_to_builder": {"ja": "欠けている項目を補う原案をつくる（原案づくり）",
                       "en": "Build a draft that fills the gaps (Build a draft)"},
    "bld_to_revision": {"ja": "この原案と現行の方針の新旧対照表をつくる", "en": "Compare this draft with the current policy (新旧対照表)"},
    # === section: view state and users' words (add entries below) ===
    "list_sep": {"ja": "、", "en": ", "},
    "col_same_name": {"ja": "{label}（{id}）", "en": "{label} ({id})"},
    "col_direction_id": {"ja": "対象ID", "en": "Applies to (id)"},
    "col_place": {"ja": "条文の位置", "en": "Where"},
    "col_model_doc": {"ja": "モデル条文の文書ID", "en": "Model clause document id"},
    "col_n_topics_all": {"ja": "項目数", "en": "Topics"},
    "col_items": {"ja": "項目数", "en": "Items"},
    "col_topic_ids": {"ja": "項目ID", "en": "Topic ids"},
    "col_doc_a": {"ja": "文書ID（A）", "en": "Document id (A)"},
    "col_doc_b": {"ja": "文書ID（B）", "en": "Document id (B)"},
    "col_clause_a": {"ja": "条項ID（A）", "en": "Clause id (A)"},
    "col_clause_b": {"ja": "条項ID（B）", "en": "Clause id (B)"},
    "col_city_a": {"ja": "自治体（A）", "en": "Municipality (A)"},
    "col_city_b": {"ja": "自治体（B）", "en": "Municipality (B)"},
    "col_place_a": {"ja": "条文の位置（A）", "en": "Where (A)"},
    "col_place_b": {"ja": "条文の位置（B）", "en": "Where (B)"},
    "col_text_a": {"ja": "本文（A）", "en": "Text (A)"},
    "col_text_b": {"ja": "本文（B）", "en": "Text (B)"},
    "gap_summary": {
        "ja": "{name}は{n}項目中{k}項目をカバーしています。他の{others}文書のうち{strong}文書以上が定めている項目のうち、{lacking}項目が欠けています。",
        "en": "{name} covers {k} of {n} topics; it lacks {lacking} that at least {strong} of the other {others} documents have.",
    },
    "gap_summary_all": {
        "ja": "そのうち{n}項目は他の{others}文書すべてが定めています。",
        "en": " All {others} others cover {n} of them.",
    },
    "gap_summary_all_none": {
        "ja": "他の{others}文書すべてが定めている項目で欠けているものはありません。",
        "en": " None of them is in all {others} others.",
    },
    "col_label_ja": {"ja": "名称", "en": "Name (Japanese)"},
    "col_label_en": {"ja": "名称（英語）", "en": "Name"},
    "col_group_ja": {"ja": "分類", "en": "Group (Japanese)"},
    "col_group_id": {"ja": "分類ID", "en": "Group id"},
    "col_n_others": {"ja": "比較した文書数", "en": "Documents compared"},
    "col_categories": {"ja": "禁止事項の区分ID", "en": "Category ids"},
    "col_directions": {"ja": "対象ID", "en": "Applies to (ids)"},
    "col_clause_kind": {"ja": "条項の種類", "en": "Kind of clause"},
    "col_label": {"ja": "番号", "en": "Number"},
    "col_start": {"ja": "開始位置", "en": "Start"},
    "col_end": {"ja": "終了位置", "en": "End"},
    "col_norm": {"ja": "照合用の本文", "en": "Text for matching"},
    "cli_gaps_none": {"ja": "欠けている項目はありません。", "en": "It lacks no topic the others cover."},
    "cli_gap_covered_by": {"ja": "定めている文書: {names}", "en": "covered by: {names}"},
    "cli_gap_model": {"ja": "モデル条文（{city} {clause_id}）: {text}", "en": "model clause ({city} {clause_id}): {text}"},
    "show_ids": {"ja": "IDを表示", "en": "Show ids"},
    "show_ids_help": {
        "ja": "表に項目ID・条項IDなどの列を表示し、ダウンロードの見出しをID（CLIと同じ）にします。",
        "en": "Show the id columns (topic, clause ids) in the tables, and head downloads with ids (as the CLI does).",
    },
    "clause_full": {"ja": "全文を表示（{n}文字・{k}行）", "en": "Show it all ({n} characters, {k} lines)"},
    "clause_score": {"ja": "一致度 {score:g}", "en": "score {score:g}"},
    "clause_reason": {"ja": "理由: {reason}", "en": "why: {reason}"},
    "clause_sep": {"ja": "　", "en": " · "},
    "score_help": {
        "ja": "一致度: 100 = 条文の本文や見出しに項目の手がかりの語句がある、80 = 上位の見出しから判定。",
        "en": "Score: 100 = the clause's text or heading has the topic's wording; 80 = placed from a heading above it.",
    },
    "search_score_help": {
        "ja": "100 = 語句がそのまま含まれる。それ未満 = 似た表現（文字単位の部分一致の度合い）。",
        "en": "100 = the words appear as typed; less = similar wording (how closely part of the clause matches).",
    },
    "cov_cell_count": {"ja": "{n}件の条文", "en": "{n} clause(s)"},
    "pro_list_items": {"ja": "{n}項目", "en": "{n} items"},
    "pro_synopsis_row": {"ja": "{category}（{n}/{m}自治体）", "en": "{category} ({n} of {m})"},
    "pro_jaccard_hover": {"ja": "%{y} と %{x}: 共通する区分 %{z:.0%}", "en": "%{y} and %{x}: %{z:.0%} in common"},
    "cmp_layout": {"ja": "読み方", "en": "Layout"},
    "cmp_layout_side": {"ja": "並べて読む", "en": "Side by side"},
    "cmp_layout_rows": {"ja": "1文書ずつ", "en": "One per row"},
    "cmp_layout_help": {
        "ja": "並べて読む = 選んだ{k}文書までを横に並べ、ほかの文書はたたんで下に。1文書ずつ = 文書ごとに1段、選んだ文書だけ開く。",
        "en": "Side by side = up to {k} chosen documents in columns, the others folded below. One per row = a row per "
              "document, the chosen ones open.",
    },
    "cmp_read": {"ja": "読む文書（{k}つまで）", "en": "Documents to read (up to {k})"},
    "cov_groups_all": {"ja": "すべての分類", "en": "Every group"},
    "why_pattern": {"ja": "本文にURL・アカウント名・日付などの書式がある", "en": "the text has the form of a URL, an account name or a date"},
    "why_pattern_short": {"ja": "書式", "en": "a form"},
    "cmp_read_option": {"ja": "{city}（{n}件）", "en": "{city} ({n})"},
    "cmp_others": {"ja": "ほかの文書（クリックで開きます）", "en": "The other documents (click to open)"},
    "cmp_doc_row": {"ja": "{city}（{n}件）", "en": "{city} ({n})"},
    "cmp_pairs_title": {"ja": "文言が近い条文の組", "en": "Clauses worded most alike"},
    "cmp_pairs_intro": {
        "ja": "この項目について、異なる自治体の条文どうしで文言の近さを比べ、近い順に並べます。下の「2つの条文の違い」は最も近い組から始まります。",
        "en": "Clauses of different cities on this topic, paired by how alike their wording is, closest first. The "
              "differences below start from the closest pair.",
    },
    "cmp_pairs_help": {
        "ja": "文言の近さ（0〜100）: 表記ゆれをそろえた語の並びがどれだけ一致するか（rapidfuzz ratio）。",
        "en": "How alike the wording is (0–100): how much of the two clauses' words (spelling variants merged) match.",
    },
    "cmp_diff_option": {"ja": "{city}｜{place}", "en": "{city} | {place}"},
    "gap_topics_sorted": {
        "ja": "多くの文書が定めている項目ほど上に並べています。",
        "en": "What most of the other documents have comes first.",
    },
    "gap_n_docs_help": {"ja": "比べた他の{m}文書のうち、定めている文書の数", "en": "How many of the other {m} documents have it"},
    "rep_gap": {"ja": "{topic}（{n}/{m}文書が定めている）", "en": "{topic} ({n} of {m} documents)"},
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


def reason_text(reason, lang: str = DEFAULT_LANG, *, clause=None) -> str:
    """An aligner's :class:`~snscompare.align.Reason` in ``lang``: its message
    ``why_<code>``, with directions and nested reasons rendered too.  ``clause``: a
    function naming a clause by its id (第12条 rather than otaru:12), for a reader;
    without one, clause ids stay as they are."""
    if reason is None:
        return ""
    if reason.code == "cue" and str(dict(reason.args).get("cue", "")).startswith("re:"):
        return t("why_pattern", lang)  # a pattern reads as what it finds, not as a regular expression
    args = {}
    for name, value in reason.args:
        if hasattr(value, "code") and hasattr(value, "args"):
            value = reason_text(value, lang, clause=clause)
        elif name == "direction":
            value = t(f"dir_{value}", lang)
        elif name == "cue" and str(value).startswith("re:"):
            value = t("why_pattern_short", lang)
        elif name in ("clause", "list") and clause is not None:
            value = clause(value)
        args[name] = value
    return t(f"why_{reason.code}", lang, **args)
