"""The app's own CSS, and the script behind the conversation (citations, copy, download, selection).

The script runs in the page (Gradio's ``js_on_load`` of the conversation): it follows a [n]
link to its card, shows the selected answer's sources, copies and downloads an answer's clean
Markdown (made on the server, links made absolute here) and sends ratings and example questions
to the server as the conversation's events. It never reads or sends the conversation itself.
"""

from __future__ import annotations

CSS = """
.pa-header h1 { margin: 0; font-size: 1.6rem; }
.pa-header p { margin: 0.2rem 0 0; color: var(--body-text-color-subdued); }
.pa-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.pa-sources { display: flex; flex-direction: column; gap: 0.6rem; }
.pa-source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.6rem 0.8rem;
  background: var(--background-fill-secondary); scroll-margin: 6rem; }
.pa-source:focus { outline: 3px solid var(--color-accent); outline-offset: 2px; }
.pa-source-head { font-weight: 600; }
.pa-num { display: inline-block; min-width: 2rem; color: var(--body-text-color); }
.pa-kind { display: inline-block; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.03em;
  border: 1px solid var(--border-color-primary); border-radius: 4px; padding: 0 0.3rem; margin-right: 0.3rem; }
.pa-meta { font-size: 0.85rem; color: var(--body-text-color-subdued); margin: 0.15rem 0 0.35rem; }
.pa-passage { font-size: 0.92rem; line-height: 1.45; white-space: pre-wrap; margin: 0; }
.pa-passage mark { background: #fde68a; color: #111827; padding: 0 1px; border-radius: 2px; }
.pa-empty { color: var(--body-text-color-subdued); font-style: italic; }
.pa-note { font-size: 0.9rem; padding: 0.4rem 0.6rem; border-left: 3px solid #b45309;
  background: var(--background-fill-secondary); }
.pa-count { color: var(--body-text-color-subdued); font-size: 0.9rem; margin-bottom: 0.4rem; }
.pa-table-wrap { max-width: 100%; overflow-x: auto; }
.pa-table { width: 100%; border-collapse: collapse; font-size: 0.92rem; border: none !important; }
.pa-table th, .pa-table td { text-align: left; padding: 0.35rem 0.5rem; vertical-align: top;
  border: none !important; border-bottom: 1px solid var(--border-color-primary) !important; }
.pa-table td.num { text-align: right; white-space: nowrap; }
.pa-source details, .pa-scorecard details { margin-top: 0.3rem; font-size: 0.9rem; }
.pa-source summary, details > summary { cursor: pointer; }
.pa-figure { font-size: 1.05rem; margin-right: 0.2rem; }
.pa-kind-head { font-size: 0.95rem; margin: 0.6rem 0 0.2rem; }
.pa-chat { display: flex; flex-direction: column; gap: 1rem; padding: 0.8rem; max-height: 66vh; overflow-y: auto;
  border: 1px solid var(--border-color-primary); border-radius: 8px; background: var(--background-fill-primary); }
.pa-chat-tools { display: flex; justify-content: flex-end; margin-bottom: 0.3rem; }
.pa-welcome p { margin-top: 0; }
.pa-examples { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0.8rem; }
.pa-example-group h3 { font-size: 0.95rem; margin: 0 0 0.3rem; }
.pa-example { display: block; width: 100%; text-align: left; margin: 0 0 0.35rem; padding: 0.4rem 0.6rem;
  border: 1px solid var(--border-color-primary); border-radius: 6px; background: var(--background-fill-secondary);
  color: var(--body-text-color); cursor: pointer; font: inherit; }
.pa-example:hover, .pa-tool:hover { border-color: var(--color-accent); }
.pa-q { align-self: flex-end; margin: 0; max-width: 85%; padding: 0.45rem 0.75rem; border-radius: 12px;
  background: var(--color-accent-soft); color: var(--body-text-color); font-weight: 500; }
.pa-a { padding: 0.2rem 0 0.2rem 0.8rem; border-left: 3px solid transparent; line-height: 1.5; }
.pa-selected .pa-a { border-left-color: var(--color-accent); }
.pa-a p { margin: 0 0 0.5rem; } .pa-a ul, .pa-a ol { margin: 0 0 0.5rem 1.3rem; padding: 0; }
.pa-a li { margin-bottom: 0.2rem; } .pa-a .pa-label { margin-bottom: 0.2rem; font-weight: 600; }
.pa-scope { font-size: 0.85rem; font-weight: 600; }
.pa-refused p { font-style: italic; }
.pa-cite { position: relative; font-size: 0.85em; font-weight: 600; text-decoration: none; color: #3730a3;
  padding: 0 1px; border-radius: 3px; }
.pa-cite:hover, .pa-cite:focus { background: #e0e7ff; text-decoration: underline; }
.pa-tip { display: none; position: absolute; left: 0; top: 1.4em; z-index: 20; width: min(22rem, 70vw);
  padding: 0.5rem 0.6rem; border-radius: 6px; background: #111827; color: #f9fafb; font-size: 0.85rem;
  font-weight: 400; line-height: 1.4; box-shadow: 0 4px 12px rgba(0,0,0,.3); white-space: normal;
  pointer-events: none; }
.pa-tip em { display: block; margin-top: 0.25rem; color: #d1d5db; }
.pa-cite:hover .pa-tip, .pa-cite:focus .pa-tip { display: block; }
.pa-actions { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.4rem 0 0.2rem; }
.pa-tool { font: inherit; font-size: 0.85rem; padding: 0.2rem 0.6rem; border-radius: 6px; cursor: pointer;
  border: 1px solid var(--border-color-primary); background: var(--background-fill-secondary);
  color: var(--body-text-color); }
.pa-tool:focus-visible, .pa-example:focus-visible, .pa-cite:focus-visible { outline: 3px solid var(--color-accent);
  outline-offset: 1px; }
.pa-rate[aria-pressed="true"] { background: #3730a3; border-color: #3730a3; color: #fff; }
.pa-rate[aria-pressed="true"]::before { content: "✓ "; }
.pa-inline-sources { display: none; margin-top: 0.4rem; }
.pa-inline-sources > summary { font-weight: 600; margin-bottom: 0.4rem; }
.pa-for { font-size: 0.9rem; font-weight: 600; margin: 0 0 0.5rem; }
@keyframes pa-flash { from { box-shadow: 0 0 0 4px #f59e0b; } to { box-shadow: 0 0 0 0 transparent; } }
.pa-flash { animation: pa-flash 1.6s ease-out; }
#sources-col { position: sticky; top: 0.5rem; align-self: flex-start; max-height: 96vh; overflow-y: auto; }
@media (max-width: 860px) {
  #sources-col { display: none !important; }
  .pa-inline-sources { display: block; }
  .pa-wide { display: none; }
  .pa-chat { max-height: none; overflow: visible; padding: 0.5rem; }
}
@media (max-width: 700px) {
  .pa-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .pa-table, .pa-table tbody, .pa-table tr, .pa-table td { display: block; width: 100%; box-sizing: border-box; }
  .pa-table tr { border: 1px solid var(--border-color-primary); border-radius: 8px; margin-bottom: 0.6rem;
    padding: 0.3rem 0.2rem; background: var(--background-fill-secondary); }
  .pa-table td { border: none !important; padding: 0.2rem 0.5rem; overflow-wrap: anywhere; }
  .pa-table td.num { text-align: left; }
  .pa-table td:empty { display: none; }
  .pa-table td:first-child::before { display: none; }
  .pa-table td::before { content: attr(data-label); display: block; font-size: 0.75rem; font-weight: 600;
    text-transform: uppercase; letter-spacing: 0.03em; }
}
"""

CONVERSATION_JS = r"""
const root = element;
let selected = null;
let known = 0;
const panel = () => document.querySelector('#sources .pa-sources-panel');
const answered = () => Array.from(root.querySelectorAll('.pa-turn.pa-answered'));
const wide = () => { const col = document.getElementById('sources-col'); return !!col && col.offsetParent !== null; };

function select(turn) {
  if (turn === null || turn === undefined) return;
  selected = String(turn);
  answered().forEach(t => t.classList.toggle('pa-selected', t.dataset.turn === selected));
  const p = panel();
  if (p) p.querySelectorAll('.pa-turn-sources').forEach(s => { s.hidden = s.dataset.turn !== selected; });
}
function card(turn, n) {
  if (wide()) { const p = panel(); return p ? p.querySelector('#src-' + turn + '-' + n) : null; }
  return root.querySelector('#isrc-' + turn + '-' + n);
}
function follow(turn, n) {
  select(turn);
  const target = card(turn, n);
  if (!target) return;
  const details = target.closest('details');
  if (details) details.open = true;
  target.scrollIntoView({block: 'center'});
  target.classList.remove('pa-flash'); void target.offsetWidth; target.classList.add('pa-flash');
  target.focus({preventScroll: true});
}
function absolute(text) {
  return (text || '').replace(/\]\(((?:view|documents)\/[^)\s]*)\)/g,
    (m, path) => '](' + new URL(path, document.baseURI).href + ')');
}
async function copy(text, button) {
  try { await navigator.clipboard.writeText(text); }
  catch (error) {
    const area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select(); document.execCommand('copy'); area.remove();
  }
  button.dataset.label = button.dataset.label || button.textContent;
  button.textContent = 'Copied';
  setTimeout(() => { button.textContent = button.dataset.label; }, 1500);
}
function download(text, name) {
  const url = URL.createObjectURL(new Blob([text], {type: 'text/markdown;charset=utf-8'}));
  const link = document.createElement('a');
  link.href = url; link.download = name; document.body.appendChild(link); link.click(); link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 2000);
}
function act(button) {
  const action = button.dataset.action;
  const turn = button.closest('.pa-turn');
  if (action === 'example') { trigger('click', {action: 'example', index: Number(button.dataset.index)}); return; }
  if (action === 'export') {
    const day = new Date().toISOString().slice(0, 10);
    download(answered().map(t => absolute(t.dataset.md)).join('\n\n---\n\n'), 'conversation-' + day + '.md');
    return;
  }
  if (!turn) return;
  select(turn.dataset.turn);
  if (action === 'rate') {
    trigger('select', {turn: Number(turn.dataset.turn), rating: Number(button.dataset.rating)});
  } else if (action === 'copy') {
    copy(absolute(turn.dataset.copy), button);
  } else if (action === 'download') {
    download(absolute(turn.dataset.md), turn.dataset.file);
  } else if (action === 'sources') {
    const first = document.querySelector('#sources .pa-turn-sources:not([hidden]) .pa-source');
    if (first) { first.scrollIntoView({block: 'nearest'}); first.focus({preventScroll: true}); }
  }
}
function showStart(turn) {
  const box = root.querySelector('.pa-chat');
  if (box && box.scrollHeight > box.clientHeight + 2) {
    box.scrollTop += turn.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
  }
  const top = turn.getBoundingClientRect().top;
  if (top < 0 || top > window.innerHeight - 120) window.scrollBy({top: top - 16});
}
function rendered() {
  const chat = root.querySelector('.pa-chat');
  const count = chat ? Number(chat.dataset.turns || 0) : 0;
  if (count > known) {
    const all = answered();
    selected = all.length ? all[all.length - 1].dataset.turn : null;
    const newest = root.querySelector('#turn-' + (count - 1));
    if (newest) requestAnimationFrame(() => showStart(newest));
  } else if (count === 0) {
    selected = null;
  }
  known = count;
  select(selected);
}
function place(cite) {
  const tip = cite && cite.querySelector('.pa-tip');
  if (!tip) return;
  tip.style.left = '0px';
  const box = (root.querySelector('.pa-chat') || document.body).getBoundingClientRect();
  const right = Math.min(box.right, document.documentElement.clientWidth) - 8;
  const edges = tip.getBoundingClientRect();
  if (edges.right > right) tip.style.left = Math.max(right - edges.right, box.left + 8 - edges.left) + 'px';
}
for (const kind of ['mouseover', 'focusin']) {
  root.addEventListener(kind, (event) => place(event.target.closest && event.target.closest('a.pa-cite')));
}
root.addEventListener('click', (event) => {
  const cite = event.target.closest('a.pa-cite');
  if (cite) { event.preventDefault(); follow(cite.dataset.turn, cite.dataset.n); return; }
  const button = event.target.closest('button[data-action]');
  if (button) { act(button); return; }
  const turn = event.target.closest('.pa-turn.pa-answered');
  if (turn && !event.target.closest('a, summary, .pa-source')) select(turn.dataset.turn);
});
watch('value', rendered);
rendered();
"""
