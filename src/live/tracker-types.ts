// The vocabulary of the passive tracker: what it says about each frame
// (annotations), what it believes changed (state changes), what it warns
// about (alerts, alerts.ts), and how it is configured. Kept apart from the
// class so that the TUI, the CLI and explain can import the types alone.

import type { Ip6, Mac, Preference, Violation } from '../packet/types.ts';
import type { Nanos } from '../nd/machine.ts';
import type { Alert, AlertId } from './alerts.ts';
import type { LiveText } from './live-text.ts';

/** Time as the tracker takes it: ns, a number (as Nanos) or a bigint (as
 *  capture timestamps come). Epoch ns as a number keeps ~256 ns precision,
 *  far finer than any ND timer. */
export type TimeNs = Nanos | bigint;

export interface FrameMeta {
  /** Position of the frame in the capture; alerts name frames by it. */
  frameIndex: number;
  /** validate(frame, checksumValid) when the caller already has it (the
   *  annotator does), so the frame is not checked twice. */
  violations?: readonly Violation[];
}

// --------------------------------------------------------------- annotations

export interface RaParams {
  router: Ip6;
  curHopLimit: number;
  M: boolean;
  O: boolean;
  H: boolean;
  prf: Preference;
  /** Seconds; 0 = not a default router (RFC 4861 §6.3.4). */
  routerLifetime: number;
  reachableTimeMs: number;
  retransTimerMs: number;
  mtu: number | null;
  prefixes: PrefixParams[];
  /** RFC 8106 RDNSS servers, in option order. */
  rdnss: Ip6[];
  /** RFC 4191 Route Information options, as "prefix/len". */
  routes: string[];
}

export interface PrefixParams {
  prefix: Ip6;
  length: number;
  L: boolean;
  A: boolean;
  validLifetime: number;
  preferredLifetime: number;
}

/** What one frame means, as facts (explain turns them into sentences; each
 *  names the catalogue key it corresponds to in src/explain/keys.ts). */
export type Annotation =
  /** RFC 4862 §5.4.2: NS from :: — `mac` is probing `target`. */
  | { kind: 'dad-probe'; target: Ip6; mac: Mac; nonce: boolean }
  /** RFC 4861 §7.2.2: multicast NS — `requester` wants `target`'s MAC. */
  | { kind: 'address-resolution'; target: Ip6; requester: Ip6; mac: Mac }
  /** RFC 4861 §7.3.3: unicast NS — reachability confirmation. */
  | { kind: 'nud-probe'; target: Ip6; requester: Ip6; mac: Mac }
  /** RFC 4861 §7.2.4: an answer to an NS. `latencyNs` is the time since
   *  the first NS of the resolution it completed (null: none was seen). */
  | { kind: 'solicited-na'; target: Ip6; mac: Mac; router: boolean; override: boolean; latencyNs: Nanos | null }
  /** RFC 4861 §7.2.6: an announcement nobody asked for. */
  | { kind: 'unsolicited-na'; target: Ip6; mac: Mac; router: boolean; override: boolean }
  /** RFC 4862 §5.4.4: an NA for an address someone is probing. */
  | { kind: 'dad-defence'; target: Ip6; mac: Mac; prober: Mac }
  /** RFC 4861 §6.3.7. */
  | { kind: 'rs'; source: Ip6; mac: Mac }
  /** RFC 4861 §6.3.4. `answers` lists the RSs this RA is taken to answer. */
  | { kind: 'ra'; router: Mac; params: RaParams; answers: RsAnswer[] }
  /** RFC 4861 §8. */
  | { kind: 'redirect'; router: Mac; target: Ip6; destination: Ip6 }
  /** RFC 2710 / RFC 3810: any MLD message (hosts join groups before DAD). */
  | { kind: 'mld'; mac: Mac; source: Ip6 }
  /** The frame could not be read past some layer. */
  | { kind: 'malformed'; reason: string };

export interface RsAnswer {
  host: Mac;
  rsFrame: number;
  latencyNs: Nanos;
}

// ------------------------------------------------------------ state changes

/** 'binding': an address changed owner (from/to are MACs). */
export type TrackedKind = 'address' | 'binding' | 'router' | 'prefix' | 'resolution';

/** A belief change about one host's address, router, prefix or resolution.
 *  Same shape as the machines' StateChange (src/nd/machine.ts), so explain
 *  can word it by `reasonId` (its catalogue key is `change.<reasonId>`). */
export interface TrackerChange {
  /** The MAC the thing belongs to (router MAC for prefixes). */
  host: Mac;
  kind: TrackedKind;
  /** The address, router MAC, "prefix/len", or "requester→target". */
  key: string;
  from: string | null;
  to: string | null;
  reason: string;
  reasonId: string;
  rfc?: string;
  /** `reason` as a catalogue key with its values, for other languages
   *  (the annotator renders it and leaves it out of its output). */
  reasonText?: LiveText;
}

export interface Observation {
  annotations: Annotation[];
  stateChanges: TrackerChange[];
  alerts: Alert[];
}

// ------------------------------------------------------------------- config

export interface TableCaps {
  hosts: number;
  addressesPerHost: number;
  /** Address → owner bindings (what NA spoofing and flip-flop judge by). */
  bindings: number;
  routers: number;
  prefixes: number;
  /** Addresses under DAD at once. */
  dad: number;
  resolutions: number;
  /** RSs waiting for an RA. */
  solicitations: number;
  /** RS → RA exchanges kept for display. */
  exchanges: number;
  alertHistory: number;
  /** (alert id, key) pairs the rate limiter remembers. */
  alertKeys: number;
}

export interface FloodThresholds {
  /** Sliding window, ms. */
  windowMs: number;
  /** More than this many of a kind within the window is a flood. */
  ra: number;
  ns: number;
  rs: number;
}

export interface TrackerConfig {
  /** RFC 4861 §10 RetransTimer, ms (Linux retrans_time_ms). */
  retransTimerMs: number;
  /** RFC 4862 §5.1 DupAddrDetectTransmits (Linux dad_transmits). */
  dadTransmits: number;
  /** How long an RS waits for its RA before it is left unanswered, ms
   *  (RTR_SOLICITATION_INTERVAL: after it a host sends the next RS). */
  rsAnswerWindowMs: number;
  /** Allowed router MACs; absent = every router is allowed. */
  routers?: readonly Mac[];
  /** Allowed prefixes ("2001:db8::/64"); a PIO inside one is allowed. */
  prefixes?: readonly string[];
  caps: TableCaps;
  flood: FloodThresholds;
  /** An (alert id, key) pair is reported at most once per this many ms;
   *  repeats in between are counted into the next report. */
  alertIntervalMs: number;
  /** At most this many reports of one alert id per alertIntervalMs, whatever
   *  the keys (a flood from random MACs has a new key every frame). */
  alertBurst: number;
}

export const DEFAULT_CAPS: TableCaps = {
  hosts: 4096,
  addressesPerHost: 16,
  bindings: 8192,
  routers: 64,
  prefixes: 256,
  dad: 1024,
  resolutions: 2048,
  solicitations: 1024,
  exchanges: 256,
  alertHistory: 1000,
  alertKeys: 4096,
};

export const DEFAULT_CONFIG: TrackerConfig = {
  retransTimerMs: 1000,
  dadTransmits: 1,
  rsAnswerWindowMs: 4000,
  caps: DEFAULT_CAPS,
  // A router sends at most one RA per MIN_DELAY_BETWEEN_RAS (3 s, §6.2.6) and
  // a host three RSs 4 s apart (§6.3.7): tens per second is an attack.
  flood: { windowMs: 1000, ra: 20, ns: 200, rs: 20 },
  alertIntervalMs: 60_000,
  alertBurst: 10,
};

// ----------------------------------------------------------------- snapshot

export type AddressState = 'tentative' | 'preferred' | 'duplicate' | 'in-use';

export interface AddressView {
  address: Ip6;
  state: AddressState;
  /** Where it was learnt: DAD, ND source address, SLLA/TLLA. */
  learnt: 'dad' | 'source' | 'target';
  sinceNs: Nanos;
}

export interface HostView {
  mac: Mac;
  firstSeenNs: Nanos;
  lastSeenNs: Nanos;
  router: boolean;
  addresses: AddressView[];
}

export interface RouterView {
  mac: Mac;
  params: RaParams;
  lastRaNs: Nanos;
  /** Seconds of router lifetime left at the snapshot time (0 = not default). */
  remainingLifetimeS: number;
  raCount: number;
}

export interface PrefixView {
  prefix: Ip6;
  length: number;
  router: Mac;
  L: boolean;
  A: boolean;
  /** Seconds left at the snapshot time; Infinity for 0xffffffff. */
  remainingValidS: number;
  remainingPreferredS: number;
}

export interface ResolutionView {
  requester: Ip6;
  requesterMac: Mac;
  target: Ip6;
  startNs: Nanos;
  solicitations: number;
}

export interface DadView {
  target: Ip6;
  mac: Mac;
  startNs: Nanos;
  probes: number;
  /** When it will be assumed preferred if nobody answers. */
  deadlineNs: Nanos;
}

export interface ExchangeView {
  host: Mac;
  rsFrame: number;
  rsNs: Nanos;
  /** null while unanswered or when no RA came within rsAnswerWindowMs. */
  router: Mac | null;
  raFrame: number | null;
  latencyNs: Nanos | null;
}

export interface TrackerSnapshot {
  timeNs: Nanos;
  hosts: HostView[];
  routers: RouterView[];
  prefixes: PrefixView[];
  dad: DadView[];
  resolutions: ResolutionView[];
  exchanges: ExchangeView[];
  alerts: Alert[];
}

export interface TrackerSummary {
  frames: number;
  tables: Record<keyof TableCaps, number>;
  evicted: Record<keyof TableCaps, number>;
  /** Alerts per id: raised (every occurrence) and reported (lines emitted). */
  alerts: Partial<Record<AlertId, { raised: number; reported: number }>>;
}
