// The typed form of a scenario file (scenarios/*.yaml), as load.ts returns
// it after validation. Everything the runner needs is resolved here: times
// are integer nanoseconds (the simulator clock, src/nd/machine.ts), addresses
// are RFC 5952 canonical text, MACs lower-case colon hex, references between
// nodes, links and interfaces are known to exist. Settings keep their Linux
// sysctl and radvd.conf names so that the config resolvers (src/nd/config.ts,
// src/slaac/config.ts, src/nd/radvd-config.ts) receive them unchanged.

import type { Ip6, Mac } from '../packet/types.ts';
import type { FrameFlags } from './expect-flags.ts';
import type {
  RadvdConfigInput,
  RadvdDnsslInput,
  RadvdPrefixInput,
  RadvdPreference,
  RadvdRdnssInput,
  RadvdRouteInput,
} from '../nd/radvd-config.ts';

/** Integer nanoseconds. */
export type Ns = number;

/** Where something was written, for messages the runner reports later
 *  (a failed expectation points at its line). Lines and columns from 1. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/** One problem found while loading. `formatErrors` prints `file:line:col: message`. */
export interface ScenarioError {
  file: string;
  line: number;
  col: number;
  message: string;
}

export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

export interface Scenario {
  /** File name as given to the loader (used in every SourcePos). */
  file: string;
  /** Title. */
  name: string;
  /** A paragraph for the teacher (may span lines). */
  description?: string;
  description_ja?: string;
  /** RNG seed; default 1. */
  seed: number;
  /** End of the run; default 60 s. */
  until: Ns;
  links: LinkSpec[];
  nodes: NodeSpec[];
  /** In file order (times need not be sorted; the scheduler orders them and
   *  keeps file order among equal times). */
  timeline: TimelineAction[];
  expect: Expectation[];
}

export interface LinkSpec {
  name: string;
  /** One-way delivery delay. Default 0. */
  delay: Ns;
  /** Probabilities 0..1 that a frame is lost / duplicated / held back
   *  behind the next one. Default 0. */
  loss: number;
  duplicate: number;
  reorder: number;
  /** Default 1500. */
  mtu: number;
  /** RFC 6105 RA-Guard on this link's switch: RAs from ports of
   *  non-router nodes are dropped. Default false. */
  ra_guard: boolean;
  pos: SourcePos;
}

export type Role = 'host' | 'router' | 'attacker' | 'sniffer';

/** Value of a sysctl after load: numbers for Linux integer/boolean (0/1)
 *  settings, text for ndsim's enum switches and stable_secret. */
export type SysctlValue = number | string;
export type Sysctl = Record<string, SysctlValue>;

export interface InterfaceSpec {
  /** Default "eth0". */
  name: string;
  mac: Mac;
  /** Name of a link in Scenario.links. */
  link: string;
  /** Node-level sysctl overlaid with this interface's own (Linux has
   *  net.ipv6.conf.<if>.*). Keys as written; see schema.ts SYSCTL_KEYS for
   *  which resolver takes which. */
  sysctl: Sysctl;
  /** radvd `interface` block for this interface (routers and attackers). */
  radvd?: RadvdSpec;
  pos: SourcePos;
}

export interface StaticAddressSpec {
  /** Canonical address and the length written after "/". */
  address: Ip6;
  prefixLength: number;
  /** Interface name (default: the node's first interface). */
  iface: string;
  /** `ip addr add … nodad`: skip DAD (RFC 4862 §5.4 permits it per address). */
  nodad: boolean;
  pos: SourcePos;
}

export interface NodeSpec {
  name: string;
  role: Role;
  interfaces: InterfaceSpec[];
  addresses: StaticAddressSpec[];
  /** Capture every frame on the link (default true for attacker/sniffer). */
  promiscuous: boolean;
  /** This node deliberately shares that node's MAC (a cloned VM): both get
   *  the same EUI-64 addresses and DAD must catch it. */
  sameMacAs?: string;
  /** Static routes (`ip -6 route add PREFIX via NEXTHOP dev IF`): a router
   *  forwards by them (src/stack/forwarding.ts). Absent = none. */
  routes?: StaticRouteSpec[];
  pos: SourcePos;
}

export interface StaticRouteSpec {
  /** Canonical prefix and its length. */
  prefix: Ip6;
  prefixLength: number;
  /** Next-hop router (a link-local address names a neighbour on `iface`);
   *  absent = the prefix is on-link on `iface`. */
  via?: Ip6;
  /** Interface name; default the node's only (or first) interface. */
  iface: string;
  pos: SourcePos;
}

// ------------------------------------------------------------------- radvd

export type { Lifetime, RadvdPreference } from '../nd/radvd-config.ts';

/** A radvd.conf `interface { … }` block: only what the file wrote (the
 *  resolver in src/nd/radvd-config.ts fills in radvd's defaults). It is that
 *  resolver's input, so the runner passes it on as is. */
export type RadvdSpec = RadvdConfigInput;
/** `prefix` is canonical ("2001:db8::/64"). */
export type RadvdPrefixSpec = RadvdPrefixInput;
/** `route` is canonical prefix text (written `prefix:` or `route:` in the file). */
export type RadvdRouteSpec = RadvdRouteInput;
/** `addresses` is written `servers:` or `addresses:`. */
export type RadvdRdnssSpec = RadvdRdnssInput;
/** `suffixes` is written `domains:` or `suffixes:`. */
export type RadvdDnsslSpec = RadvdDnsslInput;

// ---------------------------------------------------------------- timeline

interface ActionBase {
  at: Ns;
  pos: SourcePos;
}

/** An action on one node; `iface` is resolved to a real interface name
 *  (default: the node's first). */
interface OnNode extends ActionBase {
  node: string;
  iface: string;
}

export type TimelineAction =
  | (OnNode & { do: 'link-up' | 'link-down' })
  | (OnNode & { do: 'ip-addr-add' | 'ip-addr-del'; address: Ip6; prefixLength: number; nodad: boolean })
  | (OnNode & { do: 'ip-link-set-address'; mac: Mac })
  | (OnNode & {
      do: 'ping';
      /** Destination address. */
      to: Ip6;
      /** Source address (`ping -I addr`). */
      from?: Ip6;
      /** Default 1. */
      count: number;
      /** Default 1 s. */
      interval: Ns;
      /** Echo data bytes (`ping -s`); default 56 as ping's. */
      size: number;
    })
  | (OnNode & { do: 'radvd-config'; radvd: RadvdSpec })
  | (OnNode & { do: 'radvd-stop' | 'radvd-start' })
  | (OnNode & { do: 'send'; frame: SendFrameSpec; repeat?: { count: number; interval: Ns }; reply_to?: 'dad' })
  | (ActionBase & { do: 'node-leave' | 'node-join'; node: string })
  | (ActionBase & {
      do: 'link';
      link: string;
      loss?: number;
      delay?: Ns;
      duplicate?: number;
      reorder?: number;
      /** These nodes are cut off from the others on the link (they still hear each other). */
      partition?: string[];
      /** Undo any partition. */
      heal?: boolean;
    })
  | (ActionBase & { do: 'ra-guard'; link: string; on: boolean })
  | (ActionBase & { do: 'note'; text: string });

export type ActionName = TimelineAction['do'];

// -------------------------------------------------------------- send frames

export interface FrameCommon {
  /** Default: the sending interface's MAC. */
  eth_src?: Mac;
  /** Default: from `dst` (multicast mapping, RFC 2464 §7, or the neighbour cache). */
  eth_dst?: Mac;
  /** Required except for `reply_to: dad`, where the runner answers each probe. */
  src?: Ip6;
  dst?: Ip6;
  /** Default 255 (RFC 4861 requires it for every ND message). */
  hop_limit: number;
}

export interface PioSpec {
  prefix: Ip6;
  prefixLength: number;
  /** Default true. */
  L: boolean;
  /** Default true. */
  A: boolean;
  /** Seconds; 0xffffffff = infinity. Defaults 2592000 / 604800 (radvd's). */
  valid_lifetime: number;
  preferred_lifetime: number;
}

export interface RioSpec {
  prefix: Ip6;
  prefixLength: number;
  prf: RadvdPreference;
  /** Seconds; 0xffffffff = infinity. */
  lifetime: number;
}

/** A link-layer address option: absent (undefined) means "the sending
 *  interface's MAC", null means "no option". */
export type LladdrSpec = Mac | null | undefined;

export type SendFrameSpec = FrameCommon &
  (
    | {
        type: 'ra';
        cur_hop_limit: number;
        M: boolean;
        O: boolean;
        prf: RadvdPreference;
        /** Seconds. */
        router_lifetime: number;
        /** Milliseconds; 0 = unspecified. */
        reachable_time: number;
        retrans_timer: number;
        slla?: Mac | null;
        prefixes: PioSpec[];
        mtu?: number;
        rdnss?: { servers: Ip6[]; lifetime: number };
        routes: RioSpec[];
      }
    | { type: 'na'; target?: Ip6; R: boolean; S: boolean; O: boolean; tlla?: Mac | null }
    | { type: 'ns'; target?: Ip6; slla?: Mac | null; nonce?: Uint8Array }
    | { type: 'rs'; slla?: Mac | null }
    | { type: 'redirect'; target: Ip6; destination: Ip6; tlla?: Mac | null }
    | { type: 'echo-request'; identifier: number; sequence: number; size: number }
    | {
        type: 'raw';
        /** A whole Ethernet frame, put on the link as is. */
        bytes: Uint8Array;
      }
  );

export type FrameType = SendFrameSpec['type'];

// ------------------------------------------------------------- expectations

/** When an expectation is checked. `end`: at `until`. */
export type ExpectWhen = { at: Ns } | { eventually_before: Ns } | { end: true };

interface ExpectBase {
  when: ExpectWhen;
  /** The teacher's explanation, shown when the expectation fails or passes. */
  why?: string;
  pos: SourcePos;
}

export type AddressState = 'tentative' | 'optimistic' | 'preferred' | 'deprecated' | 'invalid' | 'duplicate' | 'absent';
export type NeighborState = 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'absent';

/** Which frames a frame expectation counts; every field given must match. */
export interface FramePattern {
  type: FramePatternType;
  src?: Ip6;
  dst?: Ip6;
  eth_src?: Mac;
  eth_dst?: Mac;
  target?: Ip6;
  /** Sent by this node. */
  from_node?: string;
  /** Message flags, each given one must match: RA M, O, H, prf (RFC 4861
   *  §4.2, RFC 4191) or NA R, S, O (§4.4); see expect-flags.ts. */
  flags?: FrameFlags;
}

export type FramePatternType = 'rs' | 'ra' | 'ns' | 'na' | 'redirect' | 'echo-request' | 'echo-reply' | 'mld-report' | 'any';

export type Expectation = ExpectBase &
  (
    | { kind: 'address'; node: string; iface: string; address: Ip6; state: AddressState }
    | { kind: 'neighbor'; node: string; iface: string; neighbor: Ip6; state: NeighborState; router?: boolean; lladdr?: Mac }
    | { kind: 'default-router'; node: string; iface: string; router: Ip6; preference?: RadvdPreference; absent: boolean }
    | { kind: 'route'; node: string; prefix: Ip6; prefixLength: number; via?: Ip6 }
    | {
        kind: 'frame';
        pattern: FramePattern;
        /** Inclusive bounds on how many matching frames were sent in the window
         *  (`sent: false` is max 0; `sent: true` alone is min 1). */
        min: number;
        max: number;
        /** Window [t1, t2]; default the whole run up to the `when` time. */
        between?: [Ns, Ns];
      }
    | { kind: 'interface-disabled'; node: string; iface: string; disabled: boolean }
    | { kind: 'ping'; node: string; replies: number }
    | {
        /** `address_prefix:`: how many addresses in a prefix are in a state,
         *  summed over one node (`node:`) or every node whose name matches a
         *  pattern (`nodes: "h*"`; `*` any run of characters, `?` one). */
        kind: 'address-count';
        /** The nodes counted, resolved at load (at least one). */
        nodes: string[];
        /** As written: the node name or the pattern. */
        selector: string;
        /** Only this interface (with `node:` only); default every interface. */
        iface?: string;
        prefix: Ip6;
        prefixLength: number;
        state: Exclude<AddressState, 'absent' | 'invalid'>;
        /** true: only RFC 8981 temporary addresses; false: none of them. */
        temporary?: boolean;
        /** Inclusive bounds (`count: N` sets both). */
        min: number;
        max: number;
      }
  );

export type ExpectationKind = Expectation['kind'];
