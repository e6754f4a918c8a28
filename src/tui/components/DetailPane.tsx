// The selected frame in full: its explanation, its field tree
// (Ethernet/IPv6/ICMPv6/options) and its hex dump, where the bytes of the
// selected field are highlighted. One selection {frameId, byteRange} drives
// both tree and hex.

import { memo } from 'react';
import type { Lang } from '../../explain/index.ts';
import type { FrameCache } from '../frames.ts';
import { bytesPerLine, hexLines } from '../hex.ts';
import type { Selection } from '../model.ts';
import type { Recording } from '../record.ts';
import { wrap } from '../text.ts';
import { span, type Line } from '../theme.ts';
import { PaneBox, scrollWindow } from './PaneBox.tsx';

export interface DetailPaneProps {
  readonly rec: Recording;
  readonly cache: FrameCache;
  readonly selection: Selection;
  readonly lang: Lang;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
}

export function detailLines(p: DetailPaneProps): Line[] {
  const rows = Math.max(0, p.height - 1);
  const id = p.selection.frameId;
  if (!id) return [[span('  no frame selected: → steps forward, ↑/↓ pick a frame in the list', 'dim')]];
  const tx = p.rec.frames[id];
  const receivers = p.rec.receivers.get(id) ?? [];
  const head: Line = [span(`#${id} ${(tx.time / 1e9).toFixed(6)}s ${tx.node}/${tx.ifname} → ${receivers.length ? receivers.slice(0, 6).join(', ') + (receivers.length > 6 ? ` +${receivers.length - 6}` : '') : '(nobody)'}  ${tx.bytes.length} bytes`, 'title')];
  const drops = (p.rec.drops.get(id) ?? []).map((d): Line => [span(`  ✗ ${d.node} ignored it: ${d.reason}${d.rfc ? ` (${d.rfc})` : ''}`, 'drop')]);
  const e = p.cache.explain(tx, p.lang);
  const explanation: Line[] = e ? wrap(e.text, p.width - 2).map((l) => [span(' ' + l, 'explanation')]) : [];
  if (e?.rfc) explanation.push([span(' ' + e.rfc, 'rfc')]);
  const tree = p.cache.tree(tx).map((t, i): Line => [span(`${'  '.repeat(t.depth + 1)}${t.text}`, i === p.selection.field ? 'field-selected' : 'plain')]);
  const per = bytesPerLine(p.width);
  const hex = hexLines(tx.bytes, p.selection.byteRange, per);

  // Room: the header and drops, then the explanation (up to a third), the
  // tree (half of what is left) and the hex dump.
  const fixed = [head, ...drops.slice(0, 2)];
  let left = rows - fixed.length;
  const ex = explanation.slice(0, Math.max(1, Math.min(explanation.length, Math.floor(rows / 3))));
  left -= ex.length;
  const treeRows = Math.min(tree.length, Math.max(1, Math.ceil(left / 2)));
  const hexRows = Math.max(0, left - treeRows);
  const tStart = scrollWindow(tree.length, treeRows, p.selection.field);
  const hexAt = p.selection.byteRange ? Math.floor(p.selection.byteRange[0] / per) : 0;
  const hStart = scrollWindow(hex.length, hexRows, hexAt);
  return [...fixed, ...ex, ...tree.slice(tStart, tStart + treeRows), ...hex.slice(hStart, hStart + hexRows)];
}

export const DetailPane = memo(function DetailPane(p: DetailPaneProps) {
  return <PaneBox title="Detail" focused={p.focused} lines={detailLines(p)} width={p.width} height={p.height} note={p.focused ? '↑/↓ field' : undefined} />;
});
