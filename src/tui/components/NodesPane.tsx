// One node's tables at the displayed time, as `ip -6 addr`, `ip -6 neigh`
// and `ip -6 route` print them, lifetimes counting down; entries that
// changed at this step are highlighted.

import { memo } from 'react';
import type { Nanos } from '../../nd/machine.ts';
import type { NodeState } from '../node-history.ts';
import { nodeLines } from '../nodes-view.ts';
import { span, type Line } from '../theme.ts';
import { PaneBox } from './PaneBox.tsx';

export interface NodesPaneProps {
  readonly node: string | null;
  readonly state: NodeState | null;
  readonly time: Nanos;
  readonly width: number;
  readonly height: number;
  readonly focused: boolean;
  readonly pinned: boolean;
}

export const NodesPane = memo(function NodesPane(p: NodesPaneProps) {
  const lines: Line[] = p.state ? nodeLines(p.state, p.time, Math.max(0, p.height - 1)) : [[span('  no node with an IPv6 stack', 'dim')]];
  const note = p.focused ? '↑/↓ node' : p.pinned ? 'pinned' : 'follows the current event';
  return <PaneBox title={`Node ${p.node ?? ''}`} focused={p.focused} lines={lines} width={p.width} height={p.height} note={note} />;
});
