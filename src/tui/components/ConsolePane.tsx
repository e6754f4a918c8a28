// The console's output: the commands typed and what the nodes answered,
// newest at the bottom.

import { memo } from 'react';
import { span, type Line } from '../theme.ts';
import { PaneBox } from './PaneBox.tsx';

export const ConsolePane = memo(function ConsolePane({ lines, width, height }: { readonly lines: readonly string[]; readonly width: number; readonly height: number }) {
  const rows = Math.max(0, height - 1);
  const shown: Line[] = lines.slice(-rows).map((l) => [span(l, /^\S*\$ /.test(l) ? 'prompt' : 'plain')]);
  return <PaneBox title="Console" focused lines={shown} width={width} height={height} note=": command  Esc close  help" />;
});
