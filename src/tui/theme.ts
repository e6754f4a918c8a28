// Semantic style names (termshark's "hex-byte-selected", not "red"): panes
// say what a piece of text is, and this table alone says how it looks.

export type StyleName =
  | 'plain'
  | 'dim'
  | 'title'
  | 'heading'
  | 'focus-heading'
  | 'row-selected'
  | 'row-current'
  | 'msg-ns'
  | 'msg-na'
  | 'msg-rs'
  | 'msg-ra'
  | 'msg-redirect'
  | 'msg-mld'
  | 'msg-echo'
  | 'msg-error'
  | 'msg-other'
  | 'drop'
  | 'state-changed'
  | 'field-selected'
  | 'hex-offset'
  | 'hex-byte-selected'
  | 'hex-layer'
  | 'explanation'
  | 'rfc'
  | 'status'
  | 'status-key'
  | 'prompt'
  | 'quiz-right'
  | 'quiz-wrong'
  | 'error';

export interface Look {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export const THEME: Readonly<Record<StyleName, Look>> = {
  plain: {},
  dim: { dimColor: true },
  title: { bold: true },
  heading: { bold: true, dimColor: true },
  'focus-heading': { bold: true, color: 'cyan' },
  'row-selected': { inverse: true },
  'row-current': { bold: true },
  'msg-ns': { color: 'yellow' },
  'msg-na': { color: 'green' },
  'msg-rs': { color: 'magenta' },
  'msg-ra': { color: 'cyan' },
  'msg-redirect': { color: 'blue' },
  'msg-mld': { color: 'gray' },
  'msg-echo': { color: 'white' },
  'msg-error': { color: 'red' },
  'msg-other': {},
  drop: { color: 'red' },
  'state-changed': { color: 'black', backgroundColor: 'yellow' },
  'field-selected': { inverse: true },
  'hex-offset': { dimColor: true },
  'hex-byte-selected': { color: 'black', backgroundColor: 'cyan' },
  'hex-layer': {},
  explanation: {},
  rfc: { dimColor: true },
  status: { inverse: true },
  'status-key': { inverse: true, bold: true },
  prompt: { bold: true, color: 'cyan' },
  'quiz-right': { color: 'green', bold: true },
  'quiz-wrong': { color: 'red', bold: true },
  error: { color: 'red' },
};

/** A run of text in one style; a line is an array of spans. */
export interface Span {
  text: string;
  style: StyleName;
}
export type Line = Span[];

export const span = (text: string, style: StyleName = 'plain'): Span => ({ text, style });
