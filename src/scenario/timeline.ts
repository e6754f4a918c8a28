// `timeline:`: what happens when. Each entry is `{ at, do, …args }` with an
// argument schema per action, or `{ at, do: "ip addr add …", node? }` in the
// Linux-command form (command.ts), which ends in the same typed actions.

import { isMap, isScalar } from 'yaml';
import { parseCommand } from './command.ts';
import { readSendFrame } from './frame.ts';
import { readRadvd } from './radvd.ts';
import { expandNodePattern, isPattern } from './replicate.ts';
import type { MapView, Reader, YNode } from './reader.ts';
import type { Refs } from './refs.ts';
import { didYouMean } from './suggest.ts';
import type { ActionName, Ns, SourcePos, TimelineAction } from './types.ts';

/** Arguments of each action besides `at` and `do`. */
export const ACTION_ARGS: Readonly<Record<ActionName, readonly string[]>> = {
  'link-up': ['node', 'iface'],
  'link-down': ['node', 'iface'],
  'ip-addr-add': ['node', 'iface', 'address', 'nodad'],
  'ip-addr-del': ['node', 'iface', 'address'],
  'ip-link-set-address': ['node', 'iface', 'mac'],
  ping: ['node', 'iface', 'to', 'from', 'count', 'interval', 'size'],
  'radvd-config': ['node', 'iface', 'radvd'],
  'radvd-stop': ['node', 'iface'],
  'radvd-start': ['node', 'iface'],
  send: ['node', 'iface', 'frame', 'repeat', 'reply_to'],
  link: ['link', 'loss', 'delay', 'duplicate', 'reorder', 'partition', 'heal'],
  'node-leave': ['node'],
  'node-join': ['node'],
  'ra-guard': ['link', 'on'],
  note: ['text'],
};
export const ACTIONS = Object.keys(ACTION_ARGS) as ActionName[];
const ALL_ARGS = [...new Set(Object.values(ACTION_ARGS).flat())];

/** The arguments of one action: a YAML mapping, or tokens of a command. */
export type Args = Pick<MapView, 'get' | 'has' | 'path' | 'node'>;

function valueOf(map: YNode, key: string): YNode | undefined {
  if (!isMap(map)) return undefined;
  for (const p of map.items) if (isScalar(p.key) && p.key.value === key) return (p.value ?? undefined) as YNode | undefined;
  return undefined;
}

export function readTimeline(r: Reader, refs: Refs, node: YNode | null | undefined, until: Ns): TimelineAction[] {
  const items = r.seq(node, 'timeline', 'a list of { at, do, … }') ?? [];
  const out: TimelineAction[] = [];
  items.forEach((item, i) => {
    const path = `timeline[${i}]`;
    const doNode = isMap(item) ? r.deref(valueOf(item, 'do')) : undefined;
    const doText = isScalar(doNode) && typeof doNode.value === 'string' ? doNode.value.trim() : undefined;
    const isCommand = doText !== undefined && /\s/.test(doText);
    const known = doText !== undefined && (ACTIONS as string[]).includes(doText) ? (doText as ActionName) : undefined;
    // Unknown keys are judged against the action's own arguments when the
    // action is known, else against all (so `nod:` still suggests `node`).
    const allowed = ['at', 'do', ...(isCommand ? ['node'] : known ? ACTION_ARGS[known] : ALL_ARGS)];
    const m = r.map(item, path, allowed, '{ at: <duration>, do: <action>, … }');
    if (!m) return;
    const atNode = r.required(m, 'at', 'when, e.g. 1.5s');
    const at = m.has('at') ? r.duration(atNode, `${path}.at`) : undefined;
    if (at !== undefined && at > until) r.error(atNode, `${path}.at: ${fmt(at)} is after \`until\` (${fmt(until)}); the action would never run`);
    if (!m.has('do')) {
      r.error(m.node, `${path}: missing \`do\` (one of ${ACTIONS.join(', ')}, or a command such as "ip addr add 2001:db8::1/64 dev eth0")`);
      return;
    }
    const pos = r.pos(item);
    let action: TimelineAction | undefined;
    if (isCommand) {
      const cmd = parseCommand(r, refs, doNode!, `${path}.do`, m.has('node') ? m.get('node') : undefined);
      if (cmd) action = buildAction(r, refs, cmd.action, cmd.args, at ?? 0, pos);
    } else if (known) {
      // `node: "h*"` (replicate.ts): the action on every matching node.
      const nodeNode = m.has('node') ? m.get('node') : undefined;
      const glob = isScalar(nodeNode) && typeof nodeNode.value === 'string' && isPattern(nodeNode.value) ? nodeNode.value : undefined;
      if (nodeNode && glob !== undefined) {
        for (const one of expandNodePattern(r, refs.nodeNames(), nodeNode, glob, `${path}.node`)) {
          const each = buildAction(r, refs, known, { ...m, get: (k: string) => (k === 'node' ? one : m.get(k)) }, at ?? 0, pos);
          if (each && at !== undefined) out.push(each);
        }
        return;
      }
      action = buildAction(r, refs, known, m, at ?? 0, pos);
    } else if (doText !== undefined) {
      r.error(doNode, `${path}.do: unknown action "${doText}"${didYouMean(doText, ACTIONS) || `; known actions: ${ACTIONS.join(', ')}`}`);
    } else {
      r.error(doNode ?? m.node, `${path}.do: expected an action name or a command string, found ${isScalar(doNode) ? String(doNode.value) : 'a mapping or list'}`);
    }
    if (action && at !== undefined) out.push(action);
  });
  return out;
}

function fmt(ns: Ns): string {
  return `${ns / 1e9}s`;
}

/** Builds one typed action from its arguments; undefined after errors. */
export function buildAction(r: Reader, refs: Refs, act: ActionName, a: Args, at: Ns, pos: SourcePos): TimelineAction | undefined {
  const p = a.path;
  const req = (key: string, what: string): YNode | null | undefined => (a.has(key) ? a.get(key) : r.error(a.node, `${p}: \`${act}\` needs \`${key}\` (${what})`));
  const onNode = (): { node: string; iface: string } | undefined => {
    const n = refs.node(req('node', 'the node that acts'), `${p}.node`);
    if (!n) return undefined;
    // radvd actions default to the interface that runs radvd.
    const advertising = act.startsWith('radvd') && !a.has('iface') ? n.interfaces.find((x) => x.radvd) : undefined;
    if (advertising) return { node: n.name, iface: advertising.name };
    const iface = refs.iface(n, a.has('iface') ? a.get('iface') : undefined, `${p}.iface`);
    return iface === undefined ? undefined : { node: n.name, iface };
  };
  const opt = <T>(key: string, read: (n: YNode | null | undefined, path: string) => T | undefined): T | undefined =>
    a.has(key) ? read(a.get(key), `${p}.${key}`) : undefined;

  switch (act) {
    case 'link-up':
    case 'link-down':
    case 'radvd-stop':
    case 'radvd-start': {
      const t = onNode();
      if (t && (act === 'radvd-stop' || act === 'radvd-start')) requireRadvdRole(r, refs, t.node, a, p);
      return t && { do: act, at, pos, ...t };
    }
    case 'ip-addr-add':
    case 'ip-addr-del': {
      const t = onNode();
      const addr = r.addressWithLength(req('address', 'e.g. 2001:db8::1/64'), `${p}.address`);
      const nodad = act === 'ip-addr-add' ? (opt('nodad', (n, q) => r.bool(n, q)) ?? false) : false;
      return t && addr ? { do: act, at, pos, ...t, address: addr.address, prefixLength: addr.length, nodad } : undefined;
    }
    case 'ip-link-set-address': {
      const t = onNode();
      const mac = r.mac(req('mac', 'the new MAC, e.g. 00:11:22:33:44:99'), `${p}.mac`);
      return t && mac !== undefined ? { do: act, at, pos, ...t, mac } : undefined;
    }
    case 'ping': {
      const t = onNode();
      const to = r.ip6(req('to', 'the destination address'), `${p}.to`);
      const from = opt('from', (n, q) => r.ip6(n, q));
      const count = opt('count', (n, q) => r.int(n, q, 1, 1_000_000)) ?? 1;
      const interval = opt('interval', (n, q) => r.duration(n, q)) ?? 1_000_000_000;
      const size = opt('size', (n, q) => r.int(n, q, 0, 65527, ' (data bytes)')) ?? 56;
      if (a.has('interval') && interval === 0) r.error(a.get('interval'), `${p}.interval: must be more than 0`);
      if (!t || !to) return undefined;
      return { do: act, at, pos, ...t, to, ...(from ? { from } : {}), count, interval, size };
    }
    case 'radvd-config': {
      const t = onNode();
      if (t) requireRadvdRole(r, refs, t.node, a, p);
      const radvd = readRadvd(r, req('radvd', 'the radvd options to change'), `${p}.radvd`);
      return t && radvd ? { do: act, at, pos, ...t, radvd } : undefined;
    }
    case 'send': {
      const t = onNode();
      const replyTo = opt('reply_to', (n, q) => r.oneOf(n, q, ['dad'] as const));
      const frame = readSendFrame(r, req('frame', 'the frame to send, e.g. { type: na, … }'), `${p}.frame`, replyTo === 'dad');
      if (replyTo === 'dad' && frame && frame.type !== 'na' && frame.type !== 'ns') {
        r.error(a.get('reply_to'), `${p}.reply_to: answering DAD probes takes an na or ns frame (RFC 4862 §5.4.3, §5.4.4), not ${frame.type}`);
      }
      let repeat: { count: number; interval: Ns } | undefined;
      if (a.has('repeat')) {
        const rm = r.map(a.get('repeat'), `${p}.repeat`, ['count', 'interval'], '{ count, interval }');
        if (rm) {
          const count = r.int(r.required(rm, 'count', 'how many frames'), `${p}.repeat.count`, 1, 1_000_000);
          const interval = r.duration(r.required(rm, 'interval', 'time between frames'), `${p}.repeat.interval`);
          if (interval === 0 && count !== undefined && count > 1) r.error(rm.get('interval'), `${p}.repeat.interval: must be more than 0`);
          if (count !== undefined && interval !== undefined) repeat = { count, interval };
        }
      }
      if (!t || !frame) return undefined;
      return { do: act, at, pos, ...t, frame, ...(repeat ? { repeat } : {}), ...(replyTo ? { reply_to: replyTo } : {}) };
    }
    case 'link': {
      const link = refs.link(req('link', 'the link to change'), `${p}.link`);
      const prob = (k: string): number | undefined => opt(k, (n, q) => r.num(n, q, 0, 1, ' (a probability)'));
      const loss = prob('loss');
      const duplicate = prob('duplicate');
      const reorder = prob('reorder');
      const delay = opt('delay', (n, q) => r.duration(n, q));
      const heal = opt('heal', (n, q) => r.bool(n, q));
      let partition: string[] | undefined;
      if (a.has('partition')) {
        if (a.has('heal')) r.error(a.get('heal'), `${p}.heal: give either \`partition\` or \`heal\`, not both`);
        const list = r.seq(a.get('partition'), `${p}.partition`, 'a list of node names') ?? [];
        const names = list.map((n, i) => {
          const spec = refs.node(n, `${p}.partition[${i}]`);
          if (spec && link && !spec.interfaces.some((x) => x.link === link.name)) {
            return r.error(n, `${p}.partition[${i}]: node ${spec.name} is not on link ${link.name}`);
          }
          return spec?.name;
        });
        if (names.every((n) => n !== undefined)) partition = names as string[];
      }
      if (!['loss', 'duplicate', 'reorder', 'delay', 'heal', 'partition'].some((k) => a.has(k))) {
        r.error(a.node, `${p}: \`link\` needs something to change: loss, delay, duplicate, reorder, partition or heal`);
      }
      if (!link) return undefined;
      return {
        do: act,
        at,
        pos,
        link: link.name,
        ...(loss !== undefined ? { loss } : {}),
        ...(delay !== undefined ? { delay } : {}),
        ...(duplicate !== undefined ? { duplicate } : {}),
        ...(reorder !== undefined ? { reorder } : {}),
        ...(partition ? { partition } : {}),
        ...(heal !== undefined ? { heal } : {}),
      };
    }
    case 'node-leave':
    case 'node-join': {
      const n = refs.node(req('node', 'the node'), `${p}.node`);
      return n && { do: act, at, pos, node: n.name };
    }
    case 'ra-guard': {
      const link = refs.link(req('link', 'the link whose switch filters RAs'), `${p}.link`);
      const on = r.bool(req('on', 'true or false'), `${p}.on`);
      return link && on !== undefined ? { do: act, at, pos, link: link.name, on } : undefined;
    }
    case 'note': {
      const text = r.str(req('text', 'the remark shown in the trace'), `${p}.text`);
      return text === undefined ? undefined : { do: act, at, pos, text };
    }
    default: {
      const never: never = act;
      return never;
    }
  }
}

function requireRadvdRole(r: Reader, refs: Refs, name: string, a: Args, p: string): void {
  const n = refs.nodeByName(name, a.get('node'), `${p}.node`);
  if (n && !refs.isIncomplete(name) && n.role !== 'router' && n.role !== 'attacker') r.error(a.get('node') ?? a.node, `${p}.node: ${name} is a ${n.role}; only routers and attackers run radvd`);
}
