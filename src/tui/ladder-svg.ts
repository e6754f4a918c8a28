// `ndsim ladder`: the ladder diagram as a standalone SVG, or as an HTML page
// whose arrows open the frame's details (explanation, field tree, hex) when
// clicked. Pure string building over the layout of ladder.ts, so it needs
// no browser to produce and any browser to show.

import type { Lang } from '../explain/index.ts';
import type { FrameCache, FrameKind } from './frames.ts';
import { hexLines } from './hex.ts';
import { ladderArrows, ladderColumns, type LadderArrow } from './ladder.ts';
import type { Recording } from './record.ts';

const COLOURS: Record<FrameKind, string> = {
  ns: '#b8860b',
  na: '#228b22',
  rs: '#8b008b',
  ra: '#0077aa',
  redirect: '#1e40af',
  mld: '#888888',
  echo: '#333333',
  error: '#c00000',
  other: '#555555',
};

const COL_W = 150;
const ROW_H = 36;
const LEFT = 110;
const TOP = 56;

export function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** "(3) RA fe80::1 > ff02::1 router advertisement" — what an arrow says. */
export function arrowLabel(a: LadderArrow): string {
  const brief = a.summary.replace(/, length \d+/, '').replace(/ICMP6, /, '');
  return `(${a.n}) ${a.name}: ${brief}`;
}

export interface LadderSvgOptions {
  title?: string;
  /** Make arrows clickable (data-frame attributes, pointer cursor). */
  interactive?: boolean;
}

export function ladderSvg(rec: Recording, frameIds: readonly number[], cache: FrameCache, opts: LadderSvgOptions = {}): string {
  const arrows = ladderArrows(rec, frameIds, cache);
  const columns = ladderColumns(rec, arrows, Number.MAX_SAFE_INTEGER);
  const cx = (node: string) => LEFT + columns.indexOf(node) * COL_W + COL_W / 2;
  // Room for the longest label, at about 6.5 px a character of 11 px type.
  const labelEnd = Math.max(0, ...arrows.map((a) => Math.min(cx(a.from), ...a.to.filter((t) => columns.includes(t)).map(cx)) + 6 + arrowLabel(a).length * 6.5));
  const width = Math.ceil(Math.max(LEFT + Math.max(1, columns.length) * COL_W + 40, labelEnd + 20, (opts.title?.length ?? 0) * 8.5 + 20));
  const height = TOP + (arrows.length + 1) * ROW_H;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="11">`);
  out.push('<defs>');
  for (const [kind, colour] of Object.entries(COLOURS)) {
    out.push(`<marker id="head-${kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`);
  }
  out.push('</defs>');
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (opts.title) out.push(`<text x="10" y="18" font-size="14" font-weight="bold">${xml(opts.title)}</text>`);
  for (const n of columns) {
    const x = cx(n);
    out.push(`<text x="${x}" y="${TOP - 16}" text-anchor="middle" font-size="13" font-weight="bold">${xml(n)}</text>`);
    out.push(`<text x="${x}" y="${TOP - 4}" text-anchor="middle" fill="#777">${xml(rec.roles.get(n) ?? '')}</text>`);
    out.push(`<line x1="${x}" y1="${TOP}" x2="${x}" y2="${height - 8}" stroke="#bbb" stroke-width="1.5"/>`);
  }
  arrows.forEach((a, i) => {
    const y = TOP + (i + 1) * ROW_H;
    const colour = COLOURS[a.kind];
    const sx = cx(a.from);
    const attrs = opts.interactive ? ` data-frame="${a.frameId}" class="arrow" style="cursor:pointer"` : '';
    out.push(`<g${attrs}>`);
    out.push(`<title>${xml(`#${a.frameId} ${(a.time / 1e9).toFixed(6)}s ${a.from} → ${a.to.join(', ') || '(nobody)'}\n${a.summary}`)}</title>`);
    out.push(`<text x="8" y="${y + 4}" fill="#555">${(a.time / 1e9).toFixed(6)}s</text>`);
    const targets = a.to.filter((t) => t !== a.from && columns.includes(t));
    const xs = targets.map(cx);
    const lo = Math.min(sx, ...xs);
    // An invisible band makes the whole row easy to click.
    if (opts.interactive) out.push(`<rect x="${LEFT}" y="${y - ROW_H / 2 - 4}" width="${width - LEFT}" height="${ROW_H}" fill="transparent"/>`);
    for (const t of targets) {
      const x = cx(t);
      const dropped = a.dropped.get(t);
      const end = x > sx ? x - 2 : x + 2;
      out.push(`<line x1="${sx}" y1="${y}" x2="${end}" y2="${y}" stroke="${colour}" stroke-width="1.6"${dropped ? ' stroke-dasharray="4 3"' : ` marker-end="url(#head-${a.kind})"`}/>`);
      if (dropped) out.push(`<text x="${x}" y="${y + 4}" text-anchor="middle" fill="#c00000" font-size="13" font-weight="bold">✗<title>${xml(`${t} ignored it: ${dropped}`)}</title></text>`);
    }
    out.push(`<circle cx="${sx}" cy="${y}" r="3.5" fill="${colour}"/>`);
    if (targets.length === 0) out.push(`<text x="${sx + 8}" y="${y + 4}" fill="#999">(nobody received it)</text>`);
    out.push(`<text x="${lo + 6}" y="${y - 6}" fill="${colour}">${xml(arrowLabel(a))}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}

/** The page `--html` writes: the SVG, and a panel that shows the clicked
 *  frame's explanation, field tree and hex dump. */
export function ladderHtml(rec: Recording, frameIds: readonly number[], cache: FrameCache, lang: Lang, title: string): string {
  const details: Record<number, { head: string; explanation: string; tree: string[]; hex: string[] }> = {};
  for (const id of frameIds) {
    const tx = rec.frames[id];
    const e = cache.explain(tx, lang);
    const rx = rec.receivers.get(id) ?? [];
    const drops = (rec.drops.get(id) ?? []).map((d) => `✗ ${d.node} ignored it: ${d.reason}`);
    details[id] = {
      head: `#${id} ${(tx.time / 1e9).toFixed(6)}s ${tx.node}/${tx.ifname} → ${rx.join(', ') || '(nobody)'}\n${cache.get(tx).summary}${drops.length ? '\n' + drops.join('\n') : ''}`,
      explanation: e ? `${e.text}${e.rfc ? ` (${e.rfc})` : ''}` : '',
      tree: cache.tree(tx).map((t) => `${'  '.repeat(t.depth)}${t.text}`),
      hex: hexLines(tx.bytes, null).map((l) => l.map((s) => s.text).join('')),
    };
  }
  // JSON inside <script>: "</" must not close the element.
  const data = JSON.stringify(details).replace(/<\//g, '<\\/');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${xml(title)}</title>
<style>
body { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; margin: 16px; }
.arrow:hover text, .arrow.selected text { font-weight: bold; }
#detail { position: sticky; bottom: 0; background: #f7f7f7; border-top: 1px solid #ccc; padding: 8px; max-height: 45vh; overflow: auto; }
#detail pre { margin: 4px 0; font-size: 12px; }
</style></head>
<body>
${ladderSvg(rec, frameIds, cache, { title, interactive: true })}
<div id="detail"><p>Click an arrow to see the frame.</p></div>
<script>
const FRAMES = ${data};
const panel = document.getElementById('detail');
const esc = (s) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
for (const g of document.querySelectorAll('[data-frame]')) {
  g.addEventListener('click', () => {
    for (const o of document.querySelectorAll('.arrow.selected')) o.classList.remove('selected');
    g.classList.add('selected');
    const f = FRAMES[g.getAttribute('data-frame')];
    panel.innerHTML = '<pre>' + esc(f.head) + '</pre><p>' + esc(f.explanation) + '</p><pre>' + esc(f.tree.join('\\n')) + '</pre><pre>' + esc(f.hex.join('\\n')) + '</pre>';
  });
}
</script>
</body></html>
`;
}
