//! The page's inline style sheet and its one script (allowed by its hash in the CSP).

/// The sorting script, byte for byte as embedded; [`SCRIPT_HASH`] is its SHA-256 for the CSP.
pub(crate) const SCRIPT: &str = r#"(function () {
  "use strict";
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) { return; }
    Array.prototype.forEach.call(head.cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(head.cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = function (row) {
          var cell = row.cells[column];
          return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
        };
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = key(a).localeCompare(key(b), document.documentElement.lang, { numeric: true, sensitivity: "base" });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
"#;

/// `sha256-` of [`SCRIPT`], base64 (checked by a test).
pub(crate) const SCRIPT_HASH: &str = "sha256-LiTxAQCnEvFSDf37oZ8uI8FI8IKEJx/HP7Ns9UawJdc=";

pub(super) const CSS: &str = r#":root {
  --ink: #1b1f24; --muted: #4d5761; --line: #d0d7de; --soft: #f3f5f7; --accent: #1f3a5f;
  --link: #0a58a8; --err: #a3161a; --err-bg: #fdecec; --warn: #774700; --warn-bg: #fff3d1;
  --ok: #1a5e20; --ok-bg: #e6f4e7; --info: #1d4f7a; --info-bg: #e7f0f8;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--soft); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
}
.wrap { max-width: 74rem; margin: 0 auto; padding: 0 1rem; }
.masthead { background: #fff; border-bottom: 4px solid var(--accent); padding: 1.5rem 0 1rem; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 .5rem; color: var(--accent); }
h2 { font-size: 1.4rem; line-height: 1.25; margin: 2.5rem 0 1rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); color: var(--accent); }
h3 { font-size: 1.15rem; line-height: 1.3; margin: 1.75rem 0 .6rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
p { margin: .5rem 0; }
.lead { max-width: 62rem; color: var(--muted); margin: 0; }
dl.meta { display: flex; flex-wrap: wrap; gap: .25rem 2rem; margin: .9rem 0 0; }
dl.meta div { display: flex; gap: .4rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
nav.toc { background: #fff; border-bottom: 1px solid var(--line); }
nav.toc ul { list-style: none; margin: 0 auto; padding: .5rem 1rem; max-width: 74rem; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, .table-wrap:focus-visible { outline: 3px solid #e0a100; outline-offset: 2px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; background: #eef1f4; padding: .05em .3em; border-radius: 3px; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin: 1rem 0 1.5rem; }
.card { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--accent); border-radius: 6px; padding: .7rem 1rem; }
.card .n { display: block; font-size: 2rem; font-weight: 700; line-height: 1.1; }
.card.errors { border-left-color: var(--err); }
.card.warnings { border-left-color: #c98a00; }
.card.compliant { border-left-color: #2e7d32; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 0 1rem; align-items: start; }
.table-wrap { overflow-x: auto; margin: .5rem 0 1rem; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { padding: .45rem .75rem; text-align: left; vertical-align: top; border-top: 1px solid var(--line); }
thead th { border-top: 0; }
thead th { background: #e9eef3; font-weight: 600; }
table.data tbody th { width: 30%; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; margin: 0; text-align: inherit; cursor: pointer; }
th button::after { content: "\00a0\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: "\00a0\25B2"; }
th[aria-sort="descending"] button::after { content: "\00a0\25BC"; }
.nowrap, .nowrap code { white-space: nowrap; overflow-wrap: normal; }
.msg { min-width: 16rem; }
.badge { display: inline-block; padding: .05rem .55rem; border-radius: 999px; border: 1px solid currentColor; font-size: .85rem; font-weight: 600; white-space: nowrap; }
.badge.errors, .badge.error { color: var(--err); background: var(--err-bg); }
.badge.warnings, .badge.warning { color: var(--warn); background: var(--warn-bg); }
.badge.compliant { color: var(--ok); background: var(--ok-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain li + li { margin-top: .2rem; }
ul.list { margin: .25rem 0; padding-left: 1.25rem; }
.details { color: var(--muted); font-size: .9rem; }
article.resource, article.other, article.rule { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 1.25rem 0; }
article.resource { border-top: 5px solid var(--accent); }
article.resource.errors { border-top-color: var(--err); }
article.resource.warnings { border-top-color: #c98a00; }
article.resource.compliant { border-top-color: #2e7d32; }
.resource-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .25rem 1rem; }
.resource-head h3, article.rule h3, article.other h3 { margin: 0; }
.sub { color: var(--muted); margin: .3rem 0 1rem; }
dl.facts { display: grid; grid-template-columns: minmax(9rem, 15rem) 1fr; gap: .4rem 1.25rem; margin: 0; }
dl.facts dt { color: var(--muted); font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.top-link { font-size: .9rem; margin: .75rem 0 0; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
footer { color: var(--muted); font-size: .9rem; padding: 1.5rem 0 3rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  h1 { font-size: 1.45rem; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd { margin-bottom: .6rem; }
  article.resource, article.other, article.rule { padding: .75rem; }
}
@media print {
  @page { margin: 15mm 14mm; }
  *, *::before, *::after { background: transparent !important; box-shadow: none !important; }
  body { font-size: 9.5pt; color: #000; }
  .masthead { padding: 0 0 .5rem; }
  nav.toc, .top-link { display: none; }
  th button::after { content: none; }
  .table-wrap { overflow: visible; border: 0; border-radius: 0; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, dl.facts > * { break-inside: avoid; }
  h2, h3, h4, caption, .resource-head { break-after: avoid; }
  article.resource, article.other, article.rule { break-inside: avoid; border: 1px solid #888; border-top: 3px solid #000; border-radius: 0; padding: .5rem .75rem; margin: 0 0 .8rem; }
  #resources, #rules { break-before: page; }
  a { color: #000; }
  code { padding: 0; }
}
"#;
