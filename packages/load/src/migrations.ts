/**
 * The database schema as ordered forward steps. PRAGMA user_version records how many have run;
 * a step is never edited once released, a change is a new step at the end.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /**
   * The step rewrites CREATE TABLE statements in sqlite_schema (SQLite's documented way to change a CHECK
   * constraint in place): it runs with schema editing allowed, and the schema cookie is bumped after it so
   * that other connections read the schema again.
   */
  readonly editsSchemaText?: true;
}

const documents = `
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  source_path TEXT NOT NULL,
  -- NULL only for a file that could not even be read
  sha256 TEXT UNIQUE CHECK (sha256 IS NULL OR length(sha256) > 0),
  status TEXT NOT NULL CHECK (status IN ('loaded', 'failed', 'needs_ocr')),
  error TEXT,
  fiscal_year INTEGER,
  region TEXT,
  department TEXT,
  doc_kind TEXT,
  page_count INTEGER,
  edition INTEGER,
  table_count INTEGER NOT NULL DEFAULT 0,
  fact_count INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  warning_count INTEGER NOT NULL DEFAULT 0,
  info_count INTEGER NOT NULL DEFAULT 0,
  loaded_at TEXT NOT NULL,
  -- a failed row without its reason would be useless to whoever reruns the batch
  CHECK (status = 'loaded' OR error IS NOT NULL),
  CHECK (status <> 'loaded' OR sha256 IS NOT NULL)
) STRICT;
CREATE INDEX documents_file_name ON documents (file_name);

CREATE TABLE pages (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  page INTEGER NOT NULL CHECK (page > 0),
  width REAL NOT NULL,
  height REAL NOT NULL,
  rotation INTEGER NOT NULL,
  text_chars INTEGER NOT NULL,
  PRIMARY KEY (document_id, page)
) STRICT;

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  unit_code TEXT,
  unit_name TEXT NOT NULL,
  UNIQUE (document_id, ordinal)
) STRICT;
`;

const tables = `
CREATE TABLE budget_tables (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  table_index INTEGER NOT NULL,
  table_no TEXT,
  title TEXT NOT NULL,
  table_kind TEXT NOT NULL,
  amount_unit TEXT NOT NULL CHECK (amount_unit IN ('元', '万元')),
  pages TEXT NOT NULL,
  first_page INTEGER NOT NULL CHECK (first_page > 0),
  empty INTEGER NOT NULL CHECK (empty IN (0, 1)),
  measures TEXT NOT NULL,
  notes TEXT NOT NULL,
  UNIQUE (document_id, table_index)
) STRICT;
CREATE INDEX budget_tables_kind ON budget_tables (table_kind);

CREATE TABLE line_items (
  id INTEGER PRIMARY KEY,
  table_id INTEGER NOT NULL REFERENCES budget_tables (id) ON DELETE CASCADE,
  row_index INTEGER NOT NULL CHECK (row_index >= 0),
  row_kind TEXT NOT NULL CHECK (row_kind IN ('total', 'unit', 'class', 'item')),
  level TEXT CHECK (level IN ('department', 'unit', 'project_group')),
  side TEXT CHECK (side IN ('income', 'expense')),
  section TEXT,
  label TEXT NOT NULL,
  unit_code TEXT,
  func_code TEXT CHECK (func_code NOT GLOB '*[^0-9]*'),
  econ_code TEXT CHECK (econ_code NOT GLOB '*[^0-9]*'),
  func_name TEXT,
  func_class TEXT,
  func_kuan TEXT,
  func_status TEXT,
  econ_system TEXT,
  econ_name TEXT,
  econ_class TEXT,
  econ_kuan TEXT,
  econ_status TEXT,
  page INTEGER NOT NULL CHECK (page > 0),
  UNIQUE (table_id, row_index)
) STRICT;
CREATE INDEX line_items_func ON line_items (func_code);
CREATE INDEX line_items_econ ON line_items (econ_code);
CREATE INDEX line_items_unit ON line_items (unit_code);

CREATE TABLE amounts (
  id INTEGER PRIMARY KEY,
  line_item_id INTEGER NOT NULL REFERENCES line_items (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  measure TEXT NOT NULL,
  -- the printed digits: the REAL beside it is for arithmetic, this is the record
  amount_text TEXT NOT NULL CHECK (amount_text GLOB '[0-9-]*' AND amount_text NOT GLOB '?*[^0-9.]*'),
  amount REAL NOT NULL,
  page INTEGER NOT NULL CHECK (page > 0),
  bbox TEXT NOT NULL,
  UNIQUE (line_item_id, ordinal)
) STRICT;
CREATE INDEX amounts_measure ON amounts (measure);
`;

const content = `
CREATE TABLE validation_issues (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  table_no TEXT,
  rule TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  message TEXT NOT NULL,
  expected TEXT,
  actual TEXT,
  page INTEGER,
  UNIQUE (document_id, ordinal)
) STRICT;
CREATE INDEX validation_issues_rule ON validation_issues (rule, severity);

CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  subject TEXT NOT NULL,
  amount_text TEXT NOT NULL,
  amount REAL NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('元', '万元', '%')),
  page INTEGER NOT NULL,
  sentence TEXT NOT NULL,
  UNIQUE (document_id, ordinal)
) STRICT;

CREATE TABLE performance_targets (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  unit TEXT NOT NULL,
  project TEXT NOT NULL,
  budget_text TEXT,
  budget REAL,
  goal TEXT NOT NULL,
  level1 TEXT NOT NULL,
  level2 TEXT NOT NULL,
  level3 TEXT NOT NULL,
  operator TEXT NOT NULL,
  value TEXT NOT NULL,
  measure_unit TEXT NOT NULL,
  weight TEXT NOT NULL,
  direction TEXT NOT NULL,
  page INTEGER NOT NULL,
  UNIQUE (document_id, ordinal)
) STRICT;

CREATE TABLE procurement (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  unit TEXT NOT NULL,
  project TEXT NOT NULL,
  item TEXT NOT NULL,
  item_code TEXT,
  quantity TEXT,
  amount_text TEXT,
  amount REAL,
  sme TEXT,
  micro TEXT,
  prison TEXT,
  disabled TEXT,
  page INTEGER NOT NULL,
  UNIQUE (document_id, ordinal)
) STRICT;

CREATE TABLE prose_sections (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  heading TEXT NOT NULL,
  page INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (document_id, ordinal)
) STRICT;
`;

const codes = `
-- Generic enough for any code list: one row per code and name for a span of editions (fiscal
-- years, inclusive; NULL = unbounded). A single edition is valid_from = valid_to.
CREATE TABLE classification (
  id INTEGER PRIMARY KEY,
  system TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  level INTEGER,
  parent_code TEXT,
  valid_from INTEGER,
  valid_to INTEGER,
  source TEXT,
  ref TEXT,
  note TEXT,
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
) STRICT;
CREATE UNIQUE INDEX classification_key ON classification (system, code, coalesce(valid_from, 0));
CREATE INDEX classification_parent ON classification (system, parent_code);

CREATE TABLE codes_seen (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  system TEXT NOT NULL,
  code TEXT NOT NULL,
  printed_name TEXT NOT NULL,
  official_name TEXT,
  status TEXT,
  table_no TEXT,
  page INTEGER NOT NULL,
  occurrences INTEGER NOT NULL DEFAULT 1,
  UNIQUE (document_id, system, code, printed_name)
) STRICT;
CREATE INDEX codes_seen_code ON codes_seen (system, code);
`;

/** Leaf facts and 类/款 roll-ups of one code system: the same SQL for 功能 (func) and 经济 (econ) codes. */
const rollupViews = (code: "func" | "econ") => `CREATE VIEW ${code}_leaf_facts AS
SELECT f.*
FROM facts f
JOIN (
  SELECT id, ${code}_code AS code, lead(${code}_code) OVER (PARTITION BY table_id ORDER BY row_index) AS next_code
  FROM line_items WHERE ${code}_code IS NOT NULL AND row_kind IN ('class', 'item')
) l ON l.id = f.line_item_id
WHERE l.next_code IS NULL
  OR NOT (length(l.next_code) > length(l.code) AND substr(l.next_code, 1, length(l.code)) = l.code);

CREATE VIEW ${code}_rollup AS
SELECT document, fiscal_year, department, table_no, table_kind, measure, amount_unit,
  'class' AS level, substr(${code}_code, 1, 3) AS ${code}_code, round(sum(amount), 6) AS amount, count(*) AS item_count
FROM ${code}_leaf_facts
GROUP BY document_id, table_id, measure, substr(${code}_code, 1, 3)
UNION ALL
SELECT document, fiscal_year, department, table_no, table_kind, measure, amount_unit,
  'kuan', substr(${code}_code, 1, 5), round(sum(amount), 6), count(*)
FROM ${code}_leaf_facts
WHERE length(${code}_code) >= 5
GROUP BY document_id, table_id, measure, substr(${code}_code, 1, 5);`;

const views = `
-- One row per printed amount of a loaded document: the contract read by score-facts and the exports.
CREATE VIEW facts AS
SELECT
  d.file_name AS document,
  d.fiscal_year AS fiscal_year,
  d.department AS department,
  COALESCE(t.table_no, '') AS table_no,
  t.table_kind AS table_kind,
  COALESCE(li.unit_code, '') AS unit_code,
  COALESCE(li.func_code, '') AS func_code,
  COALESCE(li.econ_code, '') AS econ_code,
  li.label AS label,
  a.measure AS measure,
  a.amount AS amount,
  t.amount_unit AS amount_unit,
  a.page AS page,
  a.amount_text AS amount_text,
  li.row_index AS row_index,
  li.row_kind AS row_kind,
  d.id AS document_id,
  t.id AS table_id,
  li.id AS line_item_id,
  a.id AS amount_id,
  t.table_index AS table_index,
  a.ordinal AS ordinal
FROM amounts a
JOIN line_items li ON li.id = a.line_item_id
JOIN budget_tables t ON t.id = li.table_id
JOIN documents d ON d.id = t.document_id
WHERE d.status = 'loaded';

-- Rollups sum the leaves only, so printed subtotals are never counted twice. A coded row is a leaf
-- unless the next coded row of its table extends its code (2080505 under 20805, 3010201 under
-- 30102): position, not row_kind, says it, because sub-coded 款 rows are printed as items too.
-- One rollup row per 类 (level 'class') and per 款 (level 'kuan') of each table and measure.
${rollupViews("func")}

${rollupViews("econ")}

-- Every row of every table with its amounts as one JSON object {measure: printed amount}.
CREATE VIEW table_rows AS
SELECT
  d.file_name AS document, d.fiscal_year, d.department,
  COALESCE(t.table_no, '') AS table_no, t.table_kind, t.amount_unit,
  li.row_index, li.row_kind, li.level, li.side, li.section, li.label,
  li.unit_code, li.func_code, li.econ_code, li.page,
  (SELECT json_group_object(a.measure, a.amount_text) FROM amounts a WHERE a.line_item_id = li.id) AS amounts,
  d.id AS document_id, t.id AS table_id, li.id AS line_item_id, t.table_index
FROM line_items li
JOIN budget_tables t ON t.id = li.table_id
JOIN documents d ON d.id = t.document_id
WHERE d.status = 'loaded';
`;

// Full-text search for Datasette and the sqlite3 shell: row labels and prose. The trigram tokenizer
// matches any run of three or more characters, which suits Chinese text without word boundaries.
const search = `
CREATE VIRTUAL TABLE line_items_fts USING fts5(label, content='line_items', content_rowid='id', tokenize='trigram');
CREATE TRIGGER line_items_fts_insert AFTER INSERT ON line_items BEGIN
  INSERT INTO line_items_fts (rowid, label) VALUES (new.id, new.label);
END;
CREATE TRIGGER line_items_fts_delete AFTER DELETE ON line_items BEGIN
  INSERT INTO line_items_fts (line_items_fts, rowid, label) VALUES ('delete', old.id, old.label);
END;
INSERT INTO line_items_fts (rowid, label) SELECT id, label FROM line_items;

CREATE VIRTUAL TABLE prose_sections_fts USING fts5(heading, text, content='prose_sections', content_rowid='id', tokenize='trigram');
CREATE TRIGGER prose_sections_fts_insert AFTER INSERT ON prose_sections BEGIN
  INSERT INTO prose_sections_fts (rowid, heading, text) VALUES (new.id, new.heading, new.text);
END;
CREATE TRIGGER prose_sections_fts_delete AFTER DELETE ON prose_sections BEGIN
  INSERT INTO prose_sections_fts (prose_sections_fts, rowid, heading, text) VALUES ('delete', old.id, old.heading, old.text);
END;
INSERT INTO prose_sections_fts (rowid, heading, text) SELECT id, heading, text FROM prose_sections;
`;

/**
 * Wide views, one per table kind: a row per printed row, a column per usual measure (the names the
 * national template prints; other names stay in the `amounts` JSON). Frozen: a change is a new step.
 */
const WIDE: ReadonlyArray<readonly [view: string, kind: string, measures: readonly string[]]> = Object.freeze([
  ["wide_budget_summary", "部门收支总表", ["预算数"]],
  ["wide_income", "部门收入总表", [
    "合计", "上年结转", "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "事业收入",
    "事业单位经营收入", "上级补助收入", "附属单位上缴收入", "用事业基金弥补收支差额", "财政专户管理资金收入", "其他收入",
  ]],
  ["wide_expense", "部门支出总表", ["合计", "基本支出", "项目支出", "上缴上级支出", "对附属单位补助支出"]],
  ["wide_fiscal_summary", "财政拨款收支总表", ["预算数", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]],
  ["wide_fiscal_econ", "财政拨款支出经济分类表", [
    "总计", "合计", "一般公共预算拨款", "政府性基金安排", "中央提前通知专项转移支付等", "上年结转安排", "人员经费",
    "公用经费", "项目支出",
  ]],
  ["wide_general_func", "一般公共预算支出表", ["合计", "基本支出", "项目支出", "当年财政拨款安排", "上年结转安排"]],
  ["wide_general_basic", "一般公共预算基本支出表", ["合计", "人员经费", "公用经费"]],
  ["wide_general_projects", "一般公共预算项目支出表", ["金额", "合计"]],
  ["wide_general_sangong", "一般公共预算三公经费表", ["合计", "因公出国（境）费用", "小计", "公务用车购置费", "公务用车运行费", "公务接待费"]],
  ["wide_fund_func", "政府性基金支出表", ["合计", "基本支出", "项目支出"]],
  ["wide_fund_sangong", "政府性基金三公经费表", ["合计", "因公出国（境）费用", "小计", "公务用车购置费", "公务用车运行费", "公务接待费"]],
  ["wide_state_capital", "国有资本经营支出表", ["合计", "基本支出", "项目支出"]],
]);

const wideViews = WIDE.map(
  ([view, kind, measures]) => `
CREATE VIEW ${view} AS
SELECT document, fiscal_year, department, table_no, amount_unit, row_index, row_kind, level, side, section, label,
  unit_code, func_code, econ_code, page,
  ${measures.map((m) => `CAST(json_extract(amounts, '$."${m}"') AS REAL) AS "${m}"`).join(",\n  ")},
  amounts, document_id, table_id, line_item_id
FROM table_rows WHERE table_kind = '${kind}';`,
).join("\n");

// Content is identified by its sha256, so one documents row stands for every file with those bytes:
// each name the content was given is kept beside it. A failed re-read (--force) of loaded content
// keeps the loaded version and its reason is stored beside it, not over it.
const names = `
CREATE TABLE document_names (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  source_path TEXT NOT NULL,
  PRIMARY KEY (document_id, source_path)
) STRICT;
CREATE INDEX document_names_file_name ON document_names (file_name);
INSERT INTO document_names (document_id, file_name, source_path) SELECT id, file_name, source_path FROM documents;
ALTER TABLE documents ADD COLUMN reread_error TEXT;
`;

const parents = `
ALTER TABLE line_items ADD COLUMN parent_row INTEGER CHECK (parent_row >= 0);
ALTER TABLE line_items ADD COLUMN of_which INTEGER NOT NULL DEFAULT 0 CHECK (of_which IN (0, 1));
`;

/**
 * The headline figures of document_summary, one column each, in 万元 from exact 分: spelled out, not read
 * from the schema's HeadlineName, because a released step never changes (a new figure is a new step).
 */
const HEADLINES = [
  "income_total", "expense_total", "gpb_expense_total", "basic_total", "personnel_total", "public_total",
  "project_total", "sangong_total", "sangong_abroad", "sangong_reception", "sangong_vehicle", "procurement_total",
  "org_running",
] as const;

// Every fact carries its canonical meaning and an exact integer amount beside the printed text. 分 (0.01 元)
// is the unit in which every printed amount is whole: 元 print two decimals, 万元 at most six.
const meaning = `
ALTER TABLE amounts ADD COLUMN printed TEXT;
ALTER TABLE amounts ADD COLUMN amount_fen INTEGER;
ALTER TABLE amounts ADD COLUMN side TEXT CHECK (side IN ('income', 'expense'));
ALTER TABLE amounts ADD COLUMN period TEXT CHECK (period IN ('current', 'previous', 'change', 'change_pct'));
ALTER TABLE amounts ADD COLUMN basis TEXT CHECK (basis IN ('预算', '调整预算', '决算'));
ALTER TABLE amounts ADD COLUMN fund TEXT;
ALTER TABLE amounts ADD COLUMN use TEXT;
ALTER TABLE amounts ADD COLUMN item TEXT;
ALTER TABLE amounts ADD COLUMN of_which INTEGER CHECK (of_which IN (0, 1));
ALTER TABLE amounts ADD COLUMN aggregate INTEGER CHECK (aggregate IN (0, 1));
CREATE INDEX amounts_meaning ON amounts (fund, use, item);
ALTER TABLE budget_tables ADD COLUMN table_number TEXT;
ALTER TABLE procurement ADD COLUMN category TEXT;
-- a row classified twice keeps both economic codes: 部门 (econ_code, 3xx) and 政府 (econ_gov_code, 5xx)
ALTER TABLE line_items ADD COLUMN econ_gov_code TEXT CHECK (econ_gov_code NOT GLOB '*[^0-9]*');
ALTER TABLE line_items ADD COLUMN econ_gov_name TEXT;
ALTER TABLE line_items ADD COLUMN econ_gov_status TEXT;

CREATE TABLE headline_figures (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  figure TEXT NOT NULL,
  -- exact: the printed decimal in 万元 as text and as an integer of 分
  amount_wan_text TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  printed TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('元', '万元')),
  source TEXT NOT NULL CHECK (source IN ('table', 'prose')),
  table_no TEXT,
  title TEXT,
  page INTEGER NOT NULL CHECK (page > 0),
  UNIQUE (document_id, figure)
) STRICT;

DROP VIEW facts;
CREATE VIEW facts AS
SELECT
  d.file_name AS document,
  d.fiscal_year AS fiscal_year,
  d.department AS department,
  COALESCE(t.table_no, '') AS table_no,
  t.table_kind AS table_kind,
  li.unit_code AS unit_code,
  li.func_code AS func_code,
  li.econ_code AS econ_code,
  li.label AS label,
  a.measure AS measure,
  a.amount AS amount,
  t.amount_unit AS amount_unit,
  a.page AS page,
  COALESCE(a.printed, a.amount_text) AS amount_text,
  li.row_index AS row_index,
  li.row_kind AS row_kind,
  d.id AS document_id,
  t.id AS table_id,
  li.id AS line_item_id,
  a.id AS amount_id,
  t.table_index AS table_index,
  a.ordinal AS ordinal,
  a.amount_text AS amount_decimal,
  a.amount_fen AS amount_fen,
  a.amount_fen / 1000000.0 AS amount_wan,
  CASE WHEN d.doc_kind LIKE '%决算' THEN '决算' WHEN d.doc_kind LIKE '%预算' THEN '预算' END AS doc_kind,
  CASE WHEN d.doc_kind LIKE '单位%' THEN '单位' WHEN d.doc_kind LIKE '部门%' THEN '部门' END AS scope,
  t.table_number AS table_number,
  COALESCE(a.side, li.side) AS side,
  a.period AS period,
  a.basis AS basis,
  a.fund AS fund,
  a.use AS use,
  a.item AS item,
  a.of_which AS of_which,
  a.aggregate AS aggregate,
  li.econ_gov_code AS econ_gov_code
FROM amounts a
JOIN line_items li ON li.id = a.line_item_id
JOIN budget_tables t ON t.id = li.table_id
JOIN documents d ON d.id = t.document_id
WHERE d.status = 'loaded';

-- One row per loaded document: its headline figures in 万元 (NULL where the document prints none).
CREATE VIEW document_summary AS
SELECT
  d.file_name AS document,
  CASE WHEN d.doc_kind LIKE '%决算' THEN '决算' WHEN d.doc_kind LIKE '%预算' THEN '预算' END AS doc_kind,
  CASE WHEN d.doc_kind LIKE '单位%' THEN '单位' WHEN d.doc_kind LIKE '部门%' THEN '部门' END AS scope,
  d.fiscal_year, d.department, d.region,
  ${HEADLINES.map((h) => `max(CASE h.figure WHEN '${h}' THEN h.amount_fen / 1000000.0 END) AS ${h}`).join(",\n  ")},
  d.id AS document_id
FROM documents d LEFT JOIN headline_figures h ON h.document_id = d.id
WHERE d.status = 'loaded'
GROUP BY d.id;

-- Where each headline figure was read: the table and page, or the prose page.
CREATE VIEW document_summary_sources AS
SELECT d.file_name AS document, h.figure, h.amount_fen / 1000000.0 AS amount_wan, h.amount_wan_text, h.printed, h.unit,
  h.source, h.table_no, h.title, h.page, d.id AS document_id
FROM headline_figures h JOIN documents d ON d.id = h.document_id
WHERE d.status = 'loaded';
`;

/**
 * Wide views by meaning: a column per canonical fund, use or item of the current year, whatever header
 * the template printed (人员支出, 项目金额, 支出/合计 …), so the columns hold the amounts that step 6's
 * printed-header columns left in the JSON. Where several amounts of a row mean the same, the 决算 of a final
 * account's 年初预算 | 调整预算 | 决算 columns is shown, else the whole (not a 其中 part) printed first, one naming
 * the dimension before one naming none. Frozen once released: a change is a new step.
 */
type WideColumn = readonly [column: string, dimension: "fund" | "use" | "item" | null, value: string];
const uses = (...values: string[]): WideColumn[] => values.map((v) => [v === "total" ? "合计" : v, "use", v]);
const funds = (...values: string[]): WideColumn[] => values.map((v) => [v === "total" ? "合计" : v, "fund", v]);
const SANGONG: readonly WideColumn[] = [
  ["合计", "item", "三公"], ["因公出国（境）", "item", "因公出国（境）"], ["公务接待", "item", "公务接待"],
  ["公务用车购置及运行", "item", "公务用车购置及运行"], ["公务用车购置", "item", "公务用车购置"], ["公务用车运行", "item", "公务用车运行"],
];
const WIDE_BY_MEANING: ReadonlyArray<readonly [view: string, kind: string, columns: readonly WideColumn[]]> = Object.freeze([
  ["wide_budget_summary", "部门收支总表", [["预算数", null, ""]]],
  ["wide_income", "部门收入总表", funds(
    "total", "上年结转结余", "一般公共预算", "政府性基金", "国有资本经营", "财政专户管理资金", "事业收入", "事业单位经营收入",
    "上级补助收入", "附属单位上缴收入", "用事业基金弥补收支差额", "其他收入",
  )],
  ["wide_expense", "部门支出总表", uses("total", "基本支出", "人员经费", "公用经费", "项目支出", "上缴上级支出", "对附属单位补助支出", "事业单位经营支出")],
  ["wide_fiscal_summary", "财政拨款收支总表", funds("total", "财政拨款", "一般公共预算", "政府性基金", "国有资本经营")],
  ["wide_fiscal_econ", "财政拨款支出经济分类表", [...uses("total", "基本支出", "人员经费", "公用经费", "项目支出"), ...funds("一般公共预算", "政府性基金")]],
  ["wide_general_func", "一般公共预算支出表", uses("total", "基本支出", "人员经费", "公用经费", "项目支出")],
  ["wide_general_basic", "一般公共预算基本支出表", [["合计", "use", "基本支出"], ...uses("人员经费", "公用经费")]],
  ["wide_general_projects", "一般公共预算项目支出表", [["金额", "use", "项目支出"]]],
  ["wide_general_sangong", "一般公共预算三公经费表", SANGONG],
  ["wide_fund_func", "政府性基金支出表", uses("total", "基本支出", "项目支出")],
  ["wide_fund_sangong", "政府性基金三公经费表", SANGONG],
  ["wide_state_capital", "国有资本经营支出表", uses("total", "基本支出", "项目支出")],
]);

/** The wide views of the latest step and their amount columns, for the exports. */
export const WIDE_VIEWS: ReadonlyArray<{ readonly view: string; readonly kind: string; readonly columns: readonly string[] }> = Object.freeze(
  WIDE_BY_MEANING.map(([view, kind, columns]) => ({ view, kind, columns: columns.map((c) => c[0]) })),
);

/**
 * The SQL condition of one wide column: the amount's canonical dimension, or any amount of the year. The
 * whole of every use is also a column that names none (本年预算数 of a table split by no use).
 */
const meaningIs = ([, dimension, value]: WideColumn) =>
  !dimension ? "1" : dimension === "use" && value === "total" ? "(a.use = 'total' OR a.use IS NULL)" : `a.${dimension} = '${value}'`;

const wideByMeaning = WIDE_BY_MEANING.map(
  ([view, kind, columns]) => `
DROP VIEW ${view};
CREATE VIEW ${view} AS
SELECT document, fiscal_year, department, table_no, amount_unit, row_index, row_kind, level, side, section, label,
  unit_code, func_code, econ_code, page,
  ${columns
    .map(
      (c) => `(SELECT a.amount FROM amounts a WHERE a.line_item_id = r.line_item_id AND ${meaningIs(c)} AND a.period = 'current'
    ORDER BY a.basis = '决算' DESC, a.of_which, a.${c[1] ?? "ordinal"} IS NULL, a.ordinal LIMIT 1) AS "${c[0]}"`,
    )
    .join(",\n  ")},
  amounts, document_id, table_id, line_item_id
FROM table_rows r WHERE table_kind = '${kind}';`,
).join("\n");

/** The facts view of step 10, its SQL taken from there (never copied), with the OCR columns appended. */
const factsWithSource = (() => {
  const start = meaning.indexOf("DROP VIEW facts;");
  const end = meaning.indexOf("WHERE d.status = 'loaded';", start) + "WHERE d.status = 'loaded';".length;
  return meaning
    .slice(start, end)
    .replace("\nFROM amounts a\n", ",\n  a.source AS source,\n  a.ocr_confidence AS ocr_confidence\nFROM amounts a\n");
})();

// Where text was read: a scan's pages are read by OCR, and each amount read so keeps the engine's confidence.
const ocr = `
ALTER TABLE documents ADD COLUMN ocr_pages INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pages ADD COLUMN source TEXT NOT NULL DEFAULT 'pdf' CHECK (source IN ('pdf', 'ocr'));
ALTER TABLE amounts ADD COLUMN source TEXT NOT NULL DEFAULT 'pdf' CHECK (source IN ('pdf', 'ocr'));
ALTER TABLE amounts ADD COLUMN ocr_confidence REAL CHECK (ocr_confidence IS NULL OR (ocr_confidence BETWEEN 0 AND 1));
${factsWithSource}
`;

/**
 * The same department across documents (linked by `linkDepartments`, recomputed after every ingest) and the
 * views that line its numbers up: year on year, budget against 决算, and the peers of a region side by side.
 * Amounts are compared whole (no 其中 part) and per table kind, fund and use, so like meets like; 万元 from
 * exact 分. Frozen once released: a change is a new step.
 */
const HEADLINE_ITEMS = [
  ["sangong_total", "三公"], ["sangong_abroad", "因公出国（境）"], ["sangong_reception", "公务接待"],
  ["sangong_vehicle", "公务用车购置及运行"], ["org_running", "机关运行经费"],
] as const;

// The whole amounts of every loaded document with its department: one per row and meaning (the first
// column printing it), 其中 parts left out; a column without a basis is the document's own (预算 or 决算).
// A common table expression of the views below, not a view, so every view of the database is exported.
const DEPARTMENT_AMOUNTS = `department_amounts AS (
SELECT * FROM (
  SELECT d.department_id, d.id AS document_id, d.file_name AS document, d.fiscal_year,
    CASE WHEN d.doc_kind LIKE '%决算' THEN '决算' ELSE '预算' END AS doc_kind,
    CASE WHEN d.doc_kind LIKE '单位%' THEN '单位' ELSE '部门' END AS scope,
    t.id AS table_id, t.table_index, t.table_kind, li.row_index, li.unit_code, li.func_code, li.econ_code, li.label,
    a.period, COALESCE(a.basis, CASE WHEN d.doc_kind LIKE '%决算' THEN '决算' ELSE '预算' END) AS basis,
    COALESCE(a.fund, 'total') AS fund, COALESCE(a.use, 'total') AS use, a.item, a.amount_fen,
    -- by the meaning as compared (no fund or use is the whole), so two columns of one meaning are never added up
    row_number() OVER (PARTITION BY a.line_item_id, a.period, COALESCE(a.basis, CASE WHEN d.doc_kind LIKE '%决算' THEN '决算' ELSE '预算' END), COALESCE(a.fund, 'total'), COALESCE(a.use, 'total'), a.item ORDER BY a.ordinal) AS nth
  FROM amounts a
  JOIN line_items li ON li.id = a.line_item_id
  JOIN budget_tables t ON t.id = li.table_id
  JOIN documents d ON d.id = t.document_id
  WHERE d.status = 'loaded' AND a.period IS NOT NULL AND a.amount_fen IS NOT NULL AND NOT COALESCE(a.of_which, 0) AND NOT li.of_which
) WHERE nth = 1
)`;

// A code's amount in one table: its rows summed (a department table prints a code once per unit), or only
// the department's own rows where it prints the code both for the department and for its units.
const DEPARTMENT_CODE_AMOUNTS = `department_code_amounts AS (
SELECT department_id, document_id, document, fiscal_year, doc_kind, scope, table_id, table_index, table_kind, system, code,
  -- the label of the code's first row (SQLite takes a bare column from the row of the one min())
  min(row_index) AS first_row, label,
  period, basis, fund, use,
  CASE WHEN count(*) FILTER (WHERE unit_code IS NULL) > 0 THEN sum(amount_fen) FILTER (WHERE unit_code IS NULL) ELSE sum(amount_fen) END AS amount_fen
FROM (
  SELECT *, 'func' AS system, func_code AS code FROM department_amounts WHERE func_code IS NOT NULL AND item IS NULL
  UNION ALL
  SELECT *, 'econ', econ_code FROM department_amounts WHERE econ_code IS NOT NULL AND item IS NULL
) c
GROUP BY document_id, table_id, system, code, period, basis, fund, use
)`;

const departments = `
CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  -- the region and the name without it ("青岚县|司法局"): ids stay the same from one linking to the next
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('部门', '单位')),
  code TEXT,
  parent_id INTEGER REFERENCES departments (id) ON DELETE SET NULL
) STRICT;
CREATE TABLE department_names (
  department_id INTEGER NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY (department_id, name)
) STRICT;
ALTER TABLE documents ADD COLUMN department_id INTEGER REFERENCES departments (id) ON DELETE SET NULL;
-- why the document is linked to its department (or to none), in words
ALTER TABLE documents ADD COLUMN department_link TEXT;
CREATE INDEX documents_department ON documents (department_id);

-- Each document and the department it is linked to, with the evidence.
CREATE VIEW department_links AS
SELECT d.department_id, p.name AS department, p.region, p.kind, d.id AS document_id, d.file_name AS document,
  d.fiscal_year, d.doc_kind, d.department AS printed_name, d.department_link AS reason
FROM documents d LEFT JOIN departments p ON p.id = d.department_id
WHERE d.status = 'loaded';

-- The current-year budget of each 功能 and 经济 code against the previous year's: from the department's
-- previous-year budget document when loaded (same scope, table kind, fund and use), else from the 上年 column
-- the document prints.
CREATE VIEW year_over_year AS
WITH ${DEPARTMENT_AMOUNTS}, ${DEPARTMENT_CODE_AMOUNTS},
coded AS MATERIALIZED (
  SELECT *, max(CASE period WHEN 'previous' THEN amount_fen END) OVER (PARTITION BY table_id, system, code, fund, use) AS printed_fen
  FROM department_code_amounts
  WHERE doc_kind = '预算' AND basis = '预算' AND period IN ('current', 'previous') AND department_id IS NOT NULL
),
budget AS (
  SELECT *, row_number() OVER (PARTITION BY department_id, scope, fiscal_year, table_kind, fund, use, system, code ORDER BY document_id) AS copy
  FROM coded WHERE period = 'current'
),
-- windows, not joins: the first document of the year before (RANGE 1 PRECEDING) of the same department and code
paired AS (
  SELECT *, max(CASE copy WHEN 1 THEN amount_fen END) OVER previous_year AS document_fen,
    max(CASE copy WHEN 1 THEN document END) OVER previous_year AS previous_document
  FROM budget
  WINDOW previous_year AS (PARTITION BY department_id, scope, table_kind, fund, use, system, code ORDER BY fiscal_year RANGE BETWEEN 1 PRECEDING AND 1 PRECEDING)
)
SELECT dep.name AS department, dep.region, x.fiscal_year, x.scope, x.table_kind, x.fund, x.use, x.system AS code_system, x.code, x.label,
  x.amount_fen / 1000000.0 AS current_wan,
  COALESCE(x.document_fen, x.printed_fen) / 1000000.0 AS previous_wan,
  (x.amount_fen - COALESCE(x.document_fen, x.printed_fen)) / 1000000.0 AS change_wan,
  round(100.0 * (x.amount_fen - COALESCE(x.document_fen, x.printed_fen)) / NULLIF(COALESCE(x.document_fen, x.printed_fen), 0), 2) AS change_pct,
  CASE WHEN x.document_fen IS NOT NULL THEN 'previous_document' WHEN x.printed_fen IS NOT NULL THEN 'printed_previous' END AS previous_source,
  x.printed_fen / 1000000.0 AS printed_previous_wan,
  x.document, x.previous_document, x.department_id, x.document_id
FROM paired x JOIN departments dep ON dep.id = x.department_id;

-- 预算执行: each 决算 document's 决算 against the budget, per 功能 code, fund and use, and per 三公 item and
-- 机关运行经费. The budget is the one the 决算 prints (年初预算, 调整预算), else the department's budget
-- document of the same year and scope (its first table printing that code, fund and use; its headline figure).
CREATE VIEW budget_execution AS
WITH ${DEPARTMENT_AMOUNTS}, ${DEPARTMENT_CODE_AMOUNTS},
final AS MATERIALIZED (
  SELECT *, max(CASE basis WHEN '预算' THEN amount_fen END) OVER printed AS initial_fen,
    max(CASE basis WHEN '调整预算' THEN amount_fen END) OVER printed AS adjusted_fen
  FROM department_code_amounts WHERE doc_kind = '决算' AND system = 'func' AND period = 'current' AND department_id IS NOT NULL
  WINDOW printed AS (PARTITION BY table_id, code, fund, use)
),
planned AS (
  SELECT *, row_number() OVER (PARTITION BY department_id, scope, fiscal_year, fund, use, code ORDER BY document_id, table_index) AS nth
  FROM department_code_amounts WHERE doc_kind = '预算' AND system = 'func' AND period = 'current' AND basis = '预算' AND department_id IS NOT NULL
),
-- the budget document's amount beside each 决算 line: a window over both, not a join
func_lines AS (
  SELECT * FROM (
    SELECT *, max(CASE WHEN doc_kind = '预算' AND nth = 1 THEN amount_fen END) OVER same AS budget_fen,
      max(CASE WHEN doc_kind = '预算' AND nth = 1 THEN document END) OVER same AS budget_document
    FROM (
      SELECT department_id, document_id, document, fiscal_year, doc_kind, scope, code, label, fund, use, basis, amount_fen, initial_fen, adjusted_fen, 1 AS nth FROM final
      UNION ALL
      SELECT department_id, document_id, document, fiscal_year, doc_kind, scope, code, label, fund, use, basis, amount_fen, NULL, NULL, nth FROM planned WHERE nth = 1
    )
    WINDOW same AS (PARTITION BY department_id, scope, fiscal_year, fund, use, code)
  ) WHERE doc_kind = '决算' AND basis = '决算'
),
items(figure, item) AS (VALUES ${HEADLINE_ITEMS.map(([f, i]) => `('${f}', '${i}')`).join(", ")}),
figures AS MATERIALIZED (
  SELECT d.department_id, d.id AS document_id, d.file_name AS document, d.fiscal_year,
    CASE WHEN d.doc_kind LIKE '%决算' THEN '决算' ELSE '预算' END AS doc_kind,
    CASE WHEN d.doc_kind LIKE '单位%' THEN '单位' ELSE '部门' END AS scope,
    i.item, h.amount_fen
  FROM headline_figures h JOIN items i ON i.figure = h.figure JOIN documents d ON d.id = h.document_id
  WHERE d.status = 'loaded' AND d.department_id IS NOT NULL
),
printed_items AS MATERIALIZED (
  SELECT document_id, item, basis, amount_fen,
    row_number() OVER (PARTITION BY document_id, item, basis ORDER BY fund <> 'total', table_index, row_index) AS nth
  FROM department_amounts WHERE item IS NOT NULL AND period = 'current' AND basis IN ('预算', '调整预算')
),
lines AS (
  SELECT department_id, fiscal_year, scope, 'func' AS line, code AS func_code, NULL AS item, fund, use, label,
    initial_fen, adjusted_fen, budget_fen, amount_fen AS final_fen, document, budget_document, document_id
  FROM func_lines
  UNION ALL
  SELECT f.department_id, f.fiscal_year, f.scope, 'item', NULL, f.item, NULL, NULL, f.item,
    i.amount_fen, a.amount_fen, p.amount_fen, f.amount_fen, f.document, p.document, f.document_id
  FROM figures f
  LEFT JOIN printed_items i ON i.nth = 1 AND i.document_id = f.document_id AND i.item = f.item AND i.basis = '预算'
  LEFT JOIN printed_items a ON a.nth = 1 AND a.document_id = f.document_id AND a.item = f.item AND a.basis = '调整预算'
  LEFT JOIN figures p ON p.doc_kind = '预算' AND p.department_id = f.department_id AND p.scope = f.scope AND p.fiscal_year = f.fiscal_year AND p.item = f.item
    AND p.document_id = (SELECT min(document_id) FROM figures q WHERE q.doc_kind = '预算' AND q.department_id = f.department_id AND q.scope = f.scope AND q.fiscal_year = f.fiscal_year AND q.item = f.item)
  WHERE f.doc_kind = '决算'
)
SELECT dep.name AS department, dep.region, l.fiscal_year, l.scope, l.line, l.func_code, l.item, l.fund, l.use, l.label,
  COALESCE(l.initial_fen, l.budget_fen) / 1000000.0 AS budget_initial_wan,
  l.adjusted_fen / 1000000.0 AS budget_adjusted_wan,
  l.final_fen / 1000000.0 AS final_wan,
  round(100.0 * l.final_fen / NULLIF(COALESCE(l.adjusted_fen, l.initial_fen, l.budget_fen), 0), 2) AS execution_rate,
  CASE WHEN l.initial_fen IS NOT NULL OR l.adjusted_fen IS NOT NULL THEN 'final_document' WHEN l.budget_fen IS NOT NULL THEN 'budget_document' END AS budget_source,
  l.budget_fen / 1000000.0 AS budget_document_wan,
  l.document, l.budget_document, l.department_id, l.document_id
FROM lines l JOIN departments dep ON dep.id = l.department_id;

-- Per region, year and kind of document: every department's headline figures side by side, with two shares.
CREATE VIEW peer_summary AS
SELECT COALESCE(dep.region, s.region) AS region, s.fiscal_year, s.doc_kind, s.scope, COALESCE(dep.name, s.department) AS department,
  ${HEADLINES.map((h) => `s.${h}`).join(", ")},
  round(100.0 * s.personnel_total / NULLIF(s.basic_total, 0), 2) AS personnel_share,
  round(100.0 * s.expense_total / NULLIF(sum(s.expense_total) OVER peers, 0), 2) AS region_expense_share,
  count(*) OVER peers AS peers,
  s.document, s.department AS printed_department, d.department_id, s.document_id
FROM document_summary s JOIN documents d ON d.id = s.document_id LEFT JOIN departments dep ON dep.id = d.department_id
WINDOW peers AS (PARTITION BY COALESCE(dep.region, s.region), s.fiscal_year, s.doc_kind, s.scope);
`;

// A 决算's 完成率 (决算数为调整预算数的% …) is stored with its row as an amount of period execution_pct: a
// percentage that no sum over period = 'current' takes in. SQLite cannot widen the CHECK that step 10 put on
// amounts.period, so the table is rebuilt as it is with the wider CHECK, ids kept (the documented
// create-copy-drop-rename; legacy_alter_table leaves the views that name amounts as they are).
const executionRates = `
CREATE TABLE amounts_widened (
  id INTEGER PRIMARY KEY,
  line_item_id INTEGER NOT NULL REFERENCES line_items (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  measure TEXT NOT NULL,
  amount_text TEXT NOT NULL CHECK (amount_text GLOB '[0-9-]*' AND amount_text NOT GLOB '?*[^0-9.]*'),
  amount REAL NOT NULL,
  page INTEGER NOT NULL CHECK (page > 0),
  bbox TEXT NOT NULL,
  printed TEXT,
  amount_fen INTEGER,
  side TEXT CHECK (side IN ('income', 'expense')),
  period TEXT CHECK (period IN ('current', 'previous', 'change', 'change_pct', 'execution_pct')),
  basis TEXT CHECK (basis IN ('预算', '调整预算', '决算')),
  fund TEXT,
  use TEXT,
  item TEXT,
  of_which INTEGER CHECK (of_which IN (0, 1)),
  aggregate INTEGER CHECK (aggregate IN (0, 1)),
  source TEXT NOT NULL DEFAULT 'pdf' CHECK (source IN ('pdf', 'ocr')),
  ocr_confidence REAL CHECK (ocr_confidence IS NULL OR (ocr_confidence BETWEEN 0 AND 1)),
  UNIQUE (line_item_id, ordinal)
) STRICT;
INSERT INTO amounts_widened (id, line_item_id, ordinal, measure, amount_text, amount, page, bbox, printed, amount_fen, side, period,
  basis, fund, use, item, of_which, aggregate, source, ocr_confidence)
SELECT id, line_item_id, ordinal, measure, amount_text, amount, page, bbox, printed, amount_fen, side, period,
  basis, fund, use, item, of_which, aggregate, source, ocr_confidence FROM amounts;
DROP TABLE amounts;
PRAGMA legacy_alter_table = ON;
ALTER TABLE amounts_widened RENAME TO amounts;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX amounts_measure ON amounts (measure);
CREATE INDEX amounts_meaning ON amounts (fund, use, item);
`;

// A CHECK of the form \`x IN ('a', 'b', 'c')\` (three values or more) makes SQLite build a temporary b-tree of the
// values for every row it checks, and free it after; the C heap grows and shrinks back each time. Loading the
// 25,000 line items and amounts of 50 documents into a new database took 2.5 s that way and 0.3 s with the
// same CHECKs written as comparisons, which build nothing (0.3 s less in a whole run's writer, whose heap
// differs). A NULL passes both forms alike. The table text is edited in place: these tables are parents of
// others (ON DELETE CASCADE) and cannot be rebuilt inside the migration's transaction, where foreign keys
// cannot be turned off.
const ENUMERATED_CHECKS: readonly (readonly [table: string, column: string, values: readonly string[]])[] = [
  ["documents", "status", ["loaded", "failed", "needs_ocr"]],
  ["line_items", "row_kind", ["total", "unit", "class", "item"]],
  ["line_items", "level", ["department", "unit", "project_group"]],
  ["validation_issues", "severity", ["error", "warning", "info"]],
  ["claims", "unit", ["元", "万元", "%"]],
  ["amounts", "period", ["current", "previous", "change", "change_pct", "execution_pct"]],
  ["amounts", "basis", ["预算", "调整预算", "决算"]],
];
const quoted = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const checksAsComparisons = `
PRAGMA writable_schema = ON;
${ENUMERATED_CHECKS.map(([table, column, values]) => {
  const asList = `${column} IN (${values.map(quoted).join(", ")})`;
  const asComparisons = `(${values.map((v) => `${column} = ${quoted(v)}`).join(" OR ")})`;
  return `UPDATE sqlite_schema SET sql = replace(sql, ${quoted(asList)}, ${quoted(asComparisons)}) WHERE type = 'table' AND name = ${quoted(table)};`;
}).join("\n")}
PRAGMA writable_schema = RESET;
`;

// Rows deleted still leave the index by trigger: a document is deleted in one statement (ON DELETE CASCADE).
const indexOncePerDocument = `
DROP TRIGGER line_items_fts_insert;
DROP TRIGGER prose_sections_fts_insert;
`;

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  { version: 1, name: "documents, pages, units", sql: documents },
  { version: 2, name: "tables, line items, amounts", sql: tables },
  { version: 3, name: "issues, claims, 绩效, 采购, prose", sql: content },
  { version: 4, name: "classification registry and codes seen", sql: codes },
  { version: 5, name: "facts, rollups, table rows", sql: views },
  { version: 6, name: "wide views per table kind", sql: wideViews },
  { version: 7, name: "full-text search over labels and prose", sql: search },
  { version: 8, name: "every name of a document's content; a failed re-read beside the loaded version", sql: names },
  { version: 9, name: "the row each row is printed under", sql: parents },
  { version: 10, name: "canonical meaning, exact amounts, headline figures", sql: meaning },
  { version: 11, name: "wide views by meaning: their columns hold the amounts", sql: wideByMeaning },
  { version: 12, name: "text read by OCR: pages, amounts and their confidence, documents' OCR'd page count", sql: ocr },
  { version: 13, name: "departments across documents; year over year, budget execution and peer views", sql: departments },
  { version: 14, name: "a 决算's 完成率 as an amount of its own period, never summed as money", sql: executionRates },
  { version: 15, name: "CHECKs of a few values as comparisons: no temporary b-tree for each row inserted", sql: checksAsComparisons, editsSchemaText: true },
  { version: 16, name: "search indexes a document's rows once they are in (see search-index.ts), not row by row", sql: indexOncePerDocument },
]);
