import type { ReportedIssue, ReviewedDocument } from "@yusuan/load";
import type { PrintedAmount, ShownCell } from "./printed-amounts.js";

/** A document as its page heads it: a reviewed one of a database, or one PDF as extraction read it (inspect). */
export interface ShownDocument extends Pick<ReviewedDocument, "id" | "fileName" | "error" | "department" | "fiscalYear" | "docKind" | "tableCount" | "findings"> {
  /** loaded, failed, needs_ocr; or extracted (inspect) */
  readonly status: string;
  readonly pageCount: number | null;
  /** null where nothing was loaded (inspect) */
  readonly factCount: number | null;
}

/** Printed amounts of a document (or page) and how many of them extraction delivered: check-real's coverage. */
export interface Coverage {
  readonly printed: number;
  readonly extracted: number;
}

/** One page of a document as the report shows it. */
export interface PageView {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  /** the image's path relative to the report, or null where the page is not drawn (see `note`) */
  readonly image: string | null;
  /** why the page is not drawn, when it is not */
  readonly note: string | null;
  readonly cells: readonly ShownCell[];
  /** printed amounts no extracted cell holds */
  readonly missed: readonly PrintedAmount[];
}

/** A finding with the ids of the cells it is about. */
export interface LocatedFinding {
  readonly finding: ReportedIssue;
  readonly cells: readonly number[];
}

/** Everything the page of one document shows. */
export interface DocumentView {
  readonly document: ShownDocument;
  /** the PDF the pages were drawn from, or why none could be */
  readonly source: { readonly path: string } | { readonly missing: string };
  readonly pages: readonly PageView[];
  readonly findings: readonly LocatedFinding[];
  /** null where the PDF could not be read */
  readonly coverage: Coverage | null;
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** A coordinate in points, to the hundredth: enough on a page, and the same text for the same number. */
const pt = (v: number): string => String(Math.round(v * 100) / 100);

/**
 * The file name of a document's page in the report: its database id, which no other document of the batch has
 * (two files may share a name in different folders).
 * @example documentFile(3) // "d3.html"
 */
export const documentFile = (id: number): string => `d${id}.html`;

/**
 * The coverage over the documents whose pages were drawn.
 * @example totalCoverage(views) // { printed: 1683, extracted: 1659 }
 */
export const totalCoverage = (views: readonly DocumentView[]): Coverage =>
  views.reduce((t, v) => (v.coverage ? { printed: t.printed + v.coverage.printed, extracted: t.extracted + v.coverage.extracted } : t), { printed: 0, extracted: 0 });

const percent = (c: Coverage | null): string =>
  c === null ? "—" : c.printed === 0 ? "no amounts printed" : `${c.extracted}/${c.printed} (${((100 * c.extracted) / c.printed).toFixed(1)}%)`;

/** A page of the report, linking its style and script, or holding them where it stands alone. */
const page = (title: string, body: string, standalone = false): string =>
  `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>${esc(title)}</title>${standalone ? `<style>${STYLE}</style>` : `<link rel="stylesheet" href="review.css">`}</head>\n<body>\n${body}\n` +
  `${standalone ? `<script>${SCRIPT}</script>` : `<script src="review.js"></script>`}\n</body></html>\n`;

const findingCounts = (d: ShownDocument): Record<ReportedIssue["severity"], number> => {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of d.findings) counts[f.severity]++;
  return counts;
};

/**
 * The report's first page: one line per document with its status, tables, facts, findings by severity and
 * coverage of printed amounts, each linking to the document's page.
 * @example writeFileSync("out/review/index.html", indexHtml(views));
 */
export function indexHtml(views: readonly DocumentView[]): string {
  const rows = views.map(({ document: d, coverage, source }) => {
    const n = findingCounts(d);
    const what = [d.department, d.fiscalYear, d.docKind].filter((v) => v !== null).join(" ");
    const count = (v: number, severity: string) => `<td class="num${v ? ` ${severity}` : ""}">${v}</td>`;
    const why = "missing" in source ? ` title="${esc(source.missing)}"` : "";
    return (
      `<tr class="document"><td><a href="${documentFile(d.id)}">${esc(d.fileName)}</a><div class="what">${esc(what)}</div></td>` +
      `<td class="status ${esc(d.status)}"${d.error ? ` title="${esc(d.error)}"` : ""}>${esc(d.status)}</td>` +
      `<td class="num">${d.pageCount ?? "—"}</td><td class="num">${d.tableCount}</td><td class="num">${d.factCount ?? "—"}</td>` +
      `${count(n.error, "error")}${count(n.warning, "warning")}${count(n.info, "info")}<td class="num"${why}>${percent(coverage)}</td></tr>`
    );
  });
  const total = totalCoverage(views);
  return page(
    "yusuan review",
    `<header><h1>yusuan review</h1><p>${views.length} documents; amounts printed in table rows and extracted: ${percent(total)}</p></header>\n` +
      `<table class="batch"><thead><tr><th>document</th><th>status</th><th>pages</th><th>tables</th><th>facts</th>` +
      `<th>errors</th><th>warnings</th><th>notes</th><th>coverage</th></tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>\n` +
      `<p class="help">Coverage: of the amounts printed in table rows (lines holding two amounts or more, as ../shared/tools/check-real counts them), ` +
      `those an extracted cell holds at the place they are printed.</p>`,
  );
}

function cellRect(c: ShownCell, withText: boolean): string {
  const [x0, y0, x1, y1] = c.bbox;
  const title = `表${c.tableNo ?? "?"} ${c.tableTitle} · ${c.label} · ${c.measure} · ${c.amountText}${c.amountUnit ? ` ${c.amountUnit}` : ""}`;
  const rect = `<rect id="c${c.id}" class="cell" x="${pt(x0)}" y="${pt(y0)}" width="${pt(Math.max(1, x1 - x0))}" height="${pt(Math.max(1, y1 - y0))}"><title>${esc(title)}</title></rect>`;
  if (!withText) return rect;
  return `${rect}<text x="${pt(x1 - 1)}" y="${pt(y1 - 1.5)}" font-size="${pt(Math.max(4, Math.min(8, y1 - y0 - 1)))}">${esc(c.amountText)}</text>`;
}

function missedRect(m: PrintedAmount): string {
  const [x0, y0, x1, y1] = m.bbox;
  return `<rect class="missed" x="${pt(x0)}" y="${pt(y0)}" width="${pt(Math.max(1, x1 - x0))}" height="${pt(Math.max(1, y1 - y0))}"><title>${esc(`printed ${m.text}, not extracted`)}</title></rect>`;
}

function pageSection(p: PageView): string {
  const drawn = p.image !== null;
  const background = drawn ? `<img src="${esc(p.image!)}" alt="page ${p.page}" loading="lazy">` : "";
  const shapes = [...p.cells.map((c) => cellRect(c, !drawn)), ...p.missed.map(missedRect)].join("");
  const counts = `${p.cells.length} cells${p.missed.length ? `, <span class="missed-count">${p.missed.length} printed amounts not extracted</span>` : ""}`;
  return (
    `<section class="page" id="p${p.page}"><h2>page ${p.page} <small>${counts}</small></h2>${p.note ? `<p class="note">${esc(p.note)}</p>` : ""}` +
    `<div class="sheet${drawn ? "" : " blank"}" style="aspect-ratio:${pt(p.width)}/${pt(p.height)}">${background}` +
    `<svg viewBox="0 0 ${pt(p.width)} ${pt(p.height)}" preserveAspectRatio="none">${shapes}</svg></div></section>`
  );
}

function findingItem({ finding: f, cells }: LocatedFinding, i: number): string {
  const where = [f.tableNo ? `表${f.tableNo}` : null, f.page ? `p.${f.page}` : null].filter(Boolean).join(" ");
  const numbers = f.expected !== null || f.actual !== null ? ` (expected ${f.expected ?? "—"}, printed ${f.actual ?? "—"})` : "";
  const text = `<b>${f.severity}</b> ${esc(f.rule)}${where ? ` ${esc(where)}` : ""}: ${esc(f.message)}${esc(numbers)}`;
  const located = cells.length ? `${cells.length} cell${cells.length > 1 ? "s" : ""}` : "no cell located";
  const target = cells.length ? `#c${cells[0]}` : f.page ? `#p${f.page}` : null;
  const link = target
    ? `<a class="finding-link" id="f${i + 1}" href="${target}" data-cells="${cells.map((c) => `c${c}`).join(" ")}"${f.page ? ` data-page="p${f.page}"` : ""}>${text}</a>`
    : `<span id="f${i + 1}">${text}</span>`;
  return `<li class="finding ${f.severity}">${link} <small>${located}</small></li>`;
}

/**
 * The page of one document: its pages drawn with the extracted cells outlined and the printed amounts not
 * extracted marked, and beside them its findings, each linking to (and highlighting) the cells it is about.
 * `standalone`: one file holding its style and script, with no way back to an index (inspect --html).
 * @example writeFileSync(`out/review/${documentFile(view.document.id)}`, documentHtml(view));
 */
export function documentHtml(view: DocumentView, options: { readonly standalone?: boolean } = {}): string {
  const d = view.document;
  const n = findingCounts(d);
  const what = [d.department, d.fiscalYear, d.docKind].filter((v) => v !== null).join(" ");
  const cells = view.pages.reduce((s, p) => s + p.cells.length, 0);
  const source =
    "missing" in view.source
      ? `<p class="pdf-missing">${esc(view.source.missing)}: the pages are not shown${cells ? "; each extracted amount is drawn on a blank page at its place" : ""}.</p>`
      : `<p class="source">${esc(view.source.path)}</p>`;
  const error = d.error ? `<p class="error-text">${esc(d.status)}: ${esc(d.error)}</p>` : "";
  const facts = d.factCount === null ? "" : ` · ${d.factCount} facts`;
  const header =
    `<header>${options.standalone ? "" : `<a href="index.html">← all documents</a>`}<h1>${esc(d.fileName)}</h1><p>${esc(what)} · <span class="status ${esc(d.status)}">${esc(d.status)}</span> · ` +
    `${view.pages.length} pages · ${d.tableCount} tables${facts} · ${cells} cells drawn · coverage ${percent(view.coverage)}</p>${source}${error}` +
    `<p class="legend"><span class="key cell"></span> extracted cell <span class="key missed"></span> printed amount not extracted <span class="key hl"></span> cells of the chosen finding</p></header>`;
  const findings = view.findings.length
    ? `<ol class="findings">${view.findings.map(findingItem).join("\n")}</ol>`
    : `<p>No findings: every check holds.</p>`;
  return page(
    `${d.fileName} — yusuan review`,
    `${header}\n<div class="layout"><aside><h2>Findings <small>${n.error} errors, ${n.warning} warnings, ${n.info} notes</small></h2>\n${findings}</aside>\n` +
      `<main>\n${view.pages.map(pageSection).join("\n")}\n</main></div>`,
    options.standalone,
  );
}

/** The report's style sheet: plain, readable, the page images as wide as the window allows. */
export const STYLE = `body{font:14px/1.45 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#f3f3f1}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd}h1{font-size:20px;margin:4px 0}header p{margin:4px 0}
table.batch{border-collapse:collapse;margin:16px 20px;background:#fff}table.batch th,table.batch td{border:1px solid #ddd;padding:4px 8px;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}.what{color:#666;font-size:12px}.help{margin:0 20px;color:#666;font-size:12px}
.status.loaded{color:#1a7f37}.status.failed{color:#c62828}.status.needs_ocr{color:#b26a00}td.error,.finding.error b{color:#c62828}td.warning,.finding.warning b{color:#b26a00}td.info,.finding.info b{color:#1f5fa8}
.layout{display:flex;align-items:flex-start}aside{position:sticky;top:0;width:360px;flex:none;max-height:100vh;overflow:auto;padding:8px 12px;box-sizing:border-box;background:#fff;border-right:1px solid #ddd}
aside h2{font-size:15px}ol.findings{padding-left:20px;margin:0}.finding{margin:6px 0}.finding a{color:inherit;text-decoration:none}.finding a:hover{text-decoration:underline}
.finding.on{background:#fff3c4;outline:2px solid #f0b400}main{flex:1;padding:8px 20px;min-width:0}section.page h2{font-size:14px;margin:12px 0 4px}
.sheet{position:relative;max-width:1000px;background:#fff;box-shadow:0 1px 3px #0003}.sheet img,.sheet svg{position:absolute;inset:0;width:100%;height:100%}.sheet.blank{border:1px dashed #999}
.sheet svg text{text-anchor:end;fill:#333}rect.cell{fill:#1f77b4;fill-opacity:.06;stroke:#1f77b4;stroke-width:.6}rect.missed{fill:#e53935;fill-opacity:.25;stroke:#e53935;stroke-width:1}
rect.hl{fill:#ffb300;fill-opacity:.3;stroke:#e65100;stroke-width:1.5}.legend .key{display:inline-block;width:14px;height:10px;margin:0 4px 0 12px;vertical-align:middle}
.key.cell{background:#1f77b420;border:1px solid #1f77b4}.key.missed{background:#e5393540;border:1px solid #e53935}.key.hl{background:#ffb30070;border:2px solid #e65100}
.missed-count{color:#c62828}.pdf-missing,.note,.error-text{color:#c62828;font-weight:600}.source{color:#666;font-size:12px}
`;

/** The report's only script: a finding's link highlights its cells and scrolls the first into view; so does a #fN address. */
export const SCRIPT = `"use strict";
function showFinding(id) {
  var link = document.getElementById(id);
  if (!link || !link.classList.contains("finding-link")) return;
  document.querySelectorAll(".hl").forEach(function (e) { e.classList.remove("hl"); });
  document.querySelectorAll(".finding.on").forEach(function (e) { e.classList.remove("on"); });
  link.parentElement.classList.add("on");
  var cells = (link.dataset.cells || "").split(" ").filter(Boolean).map(function (c) { return document.getElementById(c); }).filter(Boolean);
  cells.forEach(function (c) { c.classList.add("hl"); });
  var target = cells[0] || document.getElementById(link.dataset.page || "");
  if (target) target.scrollIntoView({ block: "center" });
}
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.finding-link");
  if (!link) return;
  event.preventDefault();
  history.replaceState(null, "", "#" + link.id);
  showFinding(link.id);
});
if (location.hash) showFinding(location.hash.slice(1));
`;
