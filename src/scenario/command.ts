// The compact Linux-command form of a timeline action:
//   { at: 2s, do: "ping a 2001:db8::1" }
//   { at: 1s, node: a, do: "ip addr add 2001:db8::1/64 dev eth0 nodad" }
// Only the few commands a lesson types are understood; each is turned into
// the same arguments the mapping form takes, so one builder checks both.
// Every token becomes a YAML scalar carrying its own position in the file,
// so an error points at the word that is wrong.

import { isScalar, Scalar } from 'yaml';
import type { Reader, YNode } from './reader.ts';
import type { Refs } from './refs.ts';
import { didYouMean } from './suggest.ts';
import type { Args } from './timeline.ts';
import type { ActionName } from './types.ts';

interface Token {
  text: string;
  node: YNode;
}

const USAGE = {
  ip: 'ip addr add|del ADDR/LEN [dev IFACE] [nodad] | ip link set [dev] IFACE up|down | ip link set [dev] IFACE address MAC',
  ping: 'ping [-c COUNT] [-i SECONDS] [-s SIZE] [-I IFACE|ADDR] ADDR',
  radvd: 'radvd stop|start',
} as const;
const COMMANDS = ['ip', 'ping', 'ping6', 'radvd'];

/** Splits the scalar's text into tokens that know their offsets in the file. */
function tokenize(r: Reader, scalar: Scalar): Token[] {
  const value = String(scalar.value);
  const trimmed = value.trim();
  const [start, end] = scalar.range ?? [0, 0];
  // A one-line scalar without escapes holds its value verbatim in the
  // source; then each token gets its own column. Otherwise all point at the
  // scalar's start.
  const idx = value.includes('\n') ? -1 : r.text.slice(start, end).indexOf(trimmed);
  const tokens: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(trimmed); m; m = re.exec(trimmed)) {
    const off = idx >= 0 ? start + idx + m.index : start;
    const node = new Scalar(/^\d+(\.\d+)?$/.test(m[0]) ? Number(m[0]) : m[0]) as Scalar & YNode;
    node.range = [off, off + m[0].length, off + m[0].length];
    tokens.push({ text: m[0], node });
  }
  return tokens;
}

class ArgMap implements Args {
  private readonly values = new Map<string, YNode>();
  constructor(
    readonly node: YNode,
    readonly path: string,
  ) {}
  set(k: string, v: YNode): void {
    this.values.set(k, v);
  }
  get(k: string): YNode | undefined {
    return this.values.get(k);
  }
  has(k: string): boolean {
    return this.values.has(k);
  }
}

/**
 * Parses a command string into an action and its arguments. The node is
 * `nodeKey` when given, else the first word when it names a node
 * ("a ping …", as in mininet), else the first operand of ping ("ping a ADDR").
 */
export function parseCommand(
  r: Reader,
  refs: Refs,
  scalar: YNode,
  path: string,
  nodeKey: YNode | null | undefined,
): { action: ActionName; args: Args } | undefined {
  if (!isScalar(scalar)) return undefined;
  const toks = tokenize(r, scalar);
  const args = new ArgMap(scalar, path);
  if (nodeKey !== undefined) args.set('node', nodeKey as YNode);
  else if (toks.length > 1 && refs.hasNode(toks[0].text) && !COMMANDS.includes(toks[0].text)) args.set('node', toks.shift()!.node);
  if (toks.length === 0) return r.error(scalar, `${path}: empty command`);
  const [cmd, ...rest] = toks;
  const err = (t: Token | undefined, msg: string): undefined => r.error(t?.node ?? scalar, `${path}: ${msg}`);

  switch (cmd.text) {
    case 'ip': {
      let i = 0;
      while (rest[i]?.text === '-6') i++;
      const obj = rest[i];
      const verb = rest[i + 1];
      const isAddr = obj && ['addr', 'address', 'a'].includes(obj.text);
      const isLink = obj && ['link', 'l'].includes(obj.text);
      if (!isAddr && !isLink) {
        const hint = obj ? didYouMean(obj.text, ['addr', 'link']) : '';
        return err(obj, `\`ip ${obj?.text ?? ''}\` is not understood (expected ${USAGE.ip})${hint}`);
      }
      if (isAddr) {
        const act = verb?.text === 'add' ? 'ip-addr-add' : verb?.text === 'del' || verb?.text === 'delete' ? 'ip-addr-del' : undefined;
        if (!act) return err(verb, `expected \`add\` or \`del\` after \`ip addr\`, found ${verb ? `"${verb.text}"` : 'nothing'}${verb ? didYouMean(verb.text, ['add', 'del']) : ''}`);
        const ops = rest.slice(i + 2);
        for (let k = 0; k < ops.length; k++) {
          const t = ops[k];
          if (t.text === 'dev') {
            if (!ops[k + 1]) return err(t, '`dev` needs an interface name');
            args.set('iface', ops[++k].node);
          } else if (t.text === 'nodad' && act === 'ip-addr-add') args.set('nodad', trueNode(t));
          else if (!args.has('address') && t.text.includes(':')) args.set('address', t.node);
          else return err(t, `unexpected "${t.text}"; expected ${USAGE.ip.split(' | ')[0]}`);
        }
        if (!args.has('address')) return err(verb, `\`ip addr ${verb.text}\` needs an address such as 2001:db8::1/64`);
        return { action: act, args };
      }
      // ip link set [dev] IFACE up|down|address MAC
      if (verb?.text !== 'set') return err(verb ?? obj, `expected \`set\` after \`ip link\`; expected ${USAGE.ip}`);
      let k = i + 2;
      if (rest[k]?.text === 'dev') k++;
      const ifaceTok = rest[k];
      const what = rest[k + 1];
      if (!ifaceTok) return err(verb, '`ip link set` needs an interface name');
      args.set('iface', ifaceTok.node);
      if (what?.text === 'up' || what?.text === 'down') {
        if (rest[k + 2]) return err(rest[k + 2], `unexpected "${rest[k + 2].text}" after \`${what.text}\``);
        return { action: what.text === 'up' ? 'link-up' : 'link-down', args };
      }
      if (what?.text === 'address' || what?.text === 'addr') {
        if (!rest[k + 2]) return err(what, '`address` needs a MAC such as 00:11:22:33:44:99');
        args.set('mac', rest[k + 2].node);
        if (rest[k + 3]) return err(rest[k + 3], `unexpected "${rest[k + 3].text}" after the MAC`);
        return { action: 'ip-link-set-address', args };
      }
      return err(what ?? ifaceTok, `expected up, down or address MAC after \`ip link set ${ifaceTok.text}\`, found ${what ? `"${what.text}"` : 'nothing'}${what ? didYouMean(what.text, ['up', 'down', 'address']) : ''}`);
    }
    case 'ping':
    case 'ping6': {
      const operands: Token[] = [];
      const flags: Record<string, string> = { '-c': 'count', '-i': 'interval', '-s': 'size', '-I': 'iface' };
      for (let k = 0; k < rest.length; k++) {
        const t = rest[k];
        if (t.text === '-6') continue;
        if (t.text.startsWith('-')) {
          const key = flags[t.text];
          if (!key) return err(t, `unknown ping option "${t.text}"; expected ${USAGE.ping}`);
          const v = rest[k + 1];
          if (!v) return err(t, `\`${t.text}\` needs a value`);
          k++;
          // -I takes an interface or a source address, as iputils ping does.
          args.set(key === 'iface' && v.text.includes(':') ? 'from' : key, v.node);
        } else operands.push(t);
      }
      // "ping a ADDR": the first operand names the node.
      if (!args.has('node') && operands.length === 2 && refs.hasNode(operands[0].text)) args.set('node', operands.shift()!.node);
      if (operands.length !== 1) {
        return err(operands[1] ?? cmd, operands.length === 0 ? `ping needs a destination address; expected ${USAGE.ping}` : `unexpected "${operands[1].text}"; expected ${USAGE.ping}`);
      }
      args.set('to', operands[0].node);
      if (!args.has('node')) return err(cmd, 'which node pings? add `node: NAME` or write "ping NODE ADDR"');
      return { action: 'ping', args };
    }
    case 'radvd': {
      const v = rest[0];
      if (!v || (v.text !== 'stop' && v.text !== 'start') || rest.length > 1) {
        return err(rest[1] ?? v ?? cmd, `expected ${USAGE.radvd}${v ? didYouMean(v.text, ['stop', 'start']) : ''}`);
      }
      return { action: v.text === 'stop' ? 'radvd-stop' : 'radvd-start', args };
    }
    default:
      return err(cmd, `unknown command "${cmd.text}" (understood: ${Object.values(USAGE).join('; ')})${didYouMean(cmd.text, COMMANDS)}`);
  }
}

function trueNode(t: Token): YNode {
  const n = new Scalar(true) as Scalar & YNode;
  n.range = t.node.range;
  return n;
}
