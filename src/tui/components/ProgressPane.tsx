// While a long run is being recorded: how far the virtual clock has got.

import { span } from '../theme.ts';
import { PaneBox } from './PaneBox.tsx';

export function ProgressPane({ title, progress, width, height }: { readonly title: string; readonly progress: number; readonly width: number; readonly height: number }) {
  const bar = Math.max(10, Math.min(50, width - 20));
  const done = Math.round(Math.max(0, Math.min(1, progress)) * bar);
  const lines = [[span(`  recording ${title}`)], [span(`  [${'#'.repeat(done)}${' '.repeat(bar - done)}] ${Math.floor(progress * 100)}%`, 'title')]];
  return <PaneBox title="ndsim" focused lines={lines} width={width} height={height} />;
}
