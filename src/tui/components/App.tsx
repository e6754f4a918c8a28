// The container: reads the model through its one subscription, lays the
// panes out for the terminal's size and hands each its props. It holds no
// state of its own; keys go to keys.ts, which calls the model.

import React, { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Box, useApp, useInput, useStdout } from 'ink';
import { handleKey } from '../keys.ts';
import { layout, type Slot } from '../layout.ts';
import type { TuiModel } from '../model.ts';
import { ConsolePane } from './ConsolePane.tsx';
import { DetailPane } from './DetailPane.tsx';
import { HelpPane } from './HelpPane.tsx';
import { LadderPane } from './LadderPane.tsx';
import { NodesPane } from './NodesPane.tsx';
import { PacketList } from './PacketList.tsx';
import { ProgressPane } from './ProgressPane.tsx';
import { QuizPane } from './QuizPane.tsx';
import { StatusLine } from './StatusLine.tsx';

export interface AppProps {
  readonly model: TuiModel;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  readonly size?: { columns: number; rows: number };
  readonly onQuit?: () => void;
}

function useTerminalSize(fixed?: { columns: number; rows: number }) {
  const { stdout } = useStdout();
  const read = () => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout, fixed]);
  return size;
}

export function App({ model, size: fixed, onQuit }: AppProps) {
  const s = useSyncExternalStore(model.subscribe, model.getState);
  const { exit } = useApp();
  const size = useTerminalSize(fixed);
  const quit = () => {
    model.dispose();
    onQuit?.();
    exit();
  };
  useInput((input, key) => handleKey(model, input, key, quit));

  // One row less than the terminal: Ink redraws in place only when its
  // output is shorter than the screen.
  const width = size.columns;
  const height = size.rows - 1;
  const rec = s.rec;

  // The panes are memoised (React.memo), so each gets props that keep their
  // identity while what they show is the same: Tab then redraws two pane
  // titles, not every row. A node's tables are replayed from its history
  // (a router that saw a thousand hosts has a thousand deltas) only when
  // the step or the node changes.
  const shown = rec ? model.shownNode() : null;
  const seq = rec && s.cursor >= 0 ? rec.steps[s.cursor] : -1;
  const prevSeq = rec && s.cursor > 0 ? rec.steps[s.cursor - 1] : -1;
  const history = shown ? rec?.histories.get(shown) : undefined;
  const nodeState = useMemo(() => (history ? history.at(seq, prevSeq) : null), [history, seq, prevSeq]);
  const quizScore = useMemo(() => (s.quiz.enabled ? { right: s.quiz.right, total: s.quiz.total } : null), [s.quiz.enabled, s.quiz.right, s.quiz.total]);
  const status = (
    <StatusLine
      width={width}
      playing={s.playing}
      speed={s.speed}
      time={s.time}
      step={s.cursor}
      steps={s.rec?.steps.length ?? 0}
      title={s.title}
      message={s.message}
      prompt={s.prompt}
      quiz={quizScore}
    />
  );
  if (!rec || s.phase === 'loading' || s.help) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        {s.help ? <HelpPane width={width} height={height - 1} /> : <ProgressPane title={s.title} progress={s.progress} width={width} height={height - 1} />}
        {status}
      </Box>
    );
  }

  const pane = (slot: Slot, w: number, h: number) => {
    const focused = slot === s.focus;
    switch (slot) {
      case 'list': {
        const ev = s.cursor >= 0 ? rec.events[seq] : null;
        const current = ev && ev.type === 'tx' ? ev.frameId : null;
        return <PacketList rec={rec} cache={model.cache} visible={s.visible} selected={s.selection.frameId} current={current} width={w} height={h} focused={focused} filterText={s.filter?.text} />;
      }
      case 'ladder':
        return <LadderPane rec={rec} cache={model.cache} visible={s.visible} selected={s.selection.frameId} width={w} height={h} focused={focused} />;
      case 'detail':
        return <DetailPane rec={rec} cache={model.cache} selection={s.selection} lang={s.lang} width={w} height={h} focused={focused} />;
      case 'nodes':
        return <NodesPane node={shown} state={nodeState} time={s.time} width={w} height={h} focused={focused} pinned={s.pinnedNode !== null} />;
      case 'console':
        return <ConsolePane lines={s.consoleLines} width={w} height={h} />;
      case 'quiz':
        return <QuizPane quiz={s.quiz} width={w} height={h} />;
    }
  };
  const l = layout(width, height, s);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Box flexDirection="row">
        {l.columns.map((c, i) => (
          <React.Fragment key={i}>
            {i > 0 ? <Box width={1} /> : null}
            <Box flexDirection="column" width={c.width}>
              {c.slots.map((x) => (
                <React.Fragment key={x.slot}>{pane(x.slot, c.width, x.height)}</React.Fragment>
              ))}
            </Box>
          </React.Fragment>
        ))}
      </Box>
      {l.strip ? pane(l.strip.slot, width, l.strip.height) : null}
      {status}
    </Box>
  );
}
