// Every sentence the explanation layer can say, by key, with the RFC section
// behind it. The texts live in catalog-en.ts and catalog-ja.ts, both typed
// `Catalog`, so a key added here fails to compile until both languages have
// it, and a key in only one language is an excess property.
//
// Key families
//   frame.*   the main sentence for a frame, by message type and fields;
//   ra.*, ns.*, na.*, mld.*, note.*   further sentences a frame may add;
//   change.<reasonId>   a StateChange, by the reasonId its machine gave;
//   fallback.<machine>.<state>   a StateChange without a catalogued reasonId;
//   drop.<rule>   a Drop, by the rule its machine gave;
//   violation.<rule>   an RFC rule of src/packet/validate-rules.ts RULES;
//   term.*   words substituted into {from}/{to} (address states, preferences).

export interface KeyInfo {
  /** RFC section(s) behind the sentence, e.g. "RFC 4862 §5.4.2". */
  rfc?: string;
}

const r = (rfc: string): KeyInfo => ({ rfc });
const none: KeyInfo = {};

export const KEYS = {
  // ------------------------------------------------------------- frames
  'frame.ns.dad': r('RFC 4862 §5.4.2'),
  'frame.ns.resolution': r('RFC 4861 §7.2.2'),
  'frame.ns.nud': r('RFC 4861 §7.3.3'),
  'frame.ns.unicast': r('RFC 4861 §7.2.2'),
  'frame.na.solicited': r('RFC 4861 §7.2.4'),
  'frame.na.solicited-no-tlla': r('RFC 4861 §7.2.4'),
  'frame.na.dad-defence': r('RFC 4861 §7.2.4, RFC 4862 §5.4.4'),
  'frame.na.all-nodes': r('RFC 4861 §7.2.6'),
  'frame.na.unsolicited': r('RFC 4861 §7.2.6'),
  'frame.rs': r('RFC 4861 §6.3.7'),
  'frame.ra.default': r('RFC 4861 §6.3.4'),
  'frame.ra.not-default': r('RFC 4861 §4.2'),
  'frame.ra.final': r('RFC 4861 §6.2.5'),
  'frame.redirect.router': r('RFC 4861 §8'),
  'frame.redirect.on-link': r('RFC 4861 §8'),
  'frame.forwarded': r('RFC 8200 §3'),
  'rs.no-slla': r('RFC 4429 §3.2'),
  'frame.na.dad-dos': r('RFC 4862 §5.4.5, RFC 3756 §4.1.3'),
  'redirect.tlla': r('RFC 4861 §8.2'),
  'redirect.no-tlla': r('RFC 4861 §8.3'),
  'redirect.quoted': r('RFC 4861 §4.6.3'),
  'frame.echo-request': r('RFC 4443 §4.1'),
  'frame.echo-reply': r('RFC 4443 §4.2'),
  'frame.mldv2-report.join': r('RFC 3810 §6.1'),
  'frame.mldv2-report.leave': r('RFC 3810 §6.1'),
  'frame.mldv2-report.state': r('RFC 3810 §5.2'),
  'frame.mld-query': r('RFC 3810 §5.1'),
  'frame.mldv1-report': r('RFC 2710 §4'),
  'frame.mldv1-done': r('RFC 2710 §4'),
  'frame.unreachable.address': r('RFC 4443 §3.1, RFC 4861 §7.2.2'),
  'frame.unreachable.other': r('RFC 4443 §3.1'),
  'frame.icmpv6-other': r('RFC 4443 §2.1'),
  'frame.ipv6-other': r('RFC 8200 §3'),
  'frame.not-ipv6': none,

  // ------------------------------------------------- parts of a frame
  'ns.slla': r('RFC 4861 §7.2.2'),
  'ns.dad-wait': r('RFC 4862 §5.4.3'),
  'ns.dad-nonce': r('RFC 7527 §4.1'),
  'ns.resolution-failure': r('RFC 4861 §7.2.2'),
  'ns.src-prompting': r('RFC 4861 §7.2.2'),
  'ns.src-link-local': r('RFC 4861 §7.2.2'),
  'ns.src-link-local-configured': r('RFC 4861 §7.2.2'),
  'na.override': r('RFC 4861 §4.4'),
  'na.no-override': r('RFC 4861 §4.4, RFC 4429 §3.3'),
  'na.router': r('RFC 4861 §4.4'),
  'na.src-target': r('RFC 4861 §4.4'),
  'na.src-link-local': r('RFC 4861 §4.4'),
  'ra.flags.slaac': r('RFC 4861 §4.2'),
  'ra.flags.managed': r('RFC 4861 §4.2'),
  'ra.flags.other': r('RFC 4861 §4.2'),
  'ra.prf-reserved': r('RFC 4191 §2.2'),
  'ra.hop-limit': r('RFC 4861 §6.3.4'),
  'ra.reachable-time': r('RFC 4861 §6.3.4'),
  'ra.retrans-timer': r('RFC 4861 §6.3.4'),
  'ra.mtu': r('RFC 4861 §4.6.4'),
  'ra.pio.onlink-auto': r('RFC 4861 §6.3.4, RFC 4862 §5.5.3'),
  'ra.pio.onlink': r('RFC 4861 §6.3.4'),
  'ra.pio.auto': r('RFC 4862 §5.5.3'),
  'ra.pio.nothing': r('RFC 4861 §4.6.2'),
  'ra.pio.withdrawn': r('RFC 4861 §6.3.4, RFC 4862 §5.5.3'),
  'ra.pio.deprecating': r('RFC 4862 §5.5.3'),
  'ra.rio': r('RFC 4191 §2.3'),
  'ra.rdnss': r('RFC 8106 §5.1'),
  'ra.dnssl': r('RFC 8106 §5.2'),
  'mld.before-dad': r('RFC 4862 §5.4.2'),
  'note.seed-mld-omitted': none,
  'note.na-spoofing': r('RFC 4861 §11.1'),
  'note.attacker-na': r('RFC 4861 §11.1'),
  'note.attacker-ra': r('RFC 6105 §1'),
  'note.violation': none,

  // ------------------------------------------------- state changes
  'change.nc-resolve': r('RFC 4861 §7.2.2'),
  'change.nc-stale-used': r('RFC 4861 §7.3.3'),
  'change.nc-learn-ns': r('RFC 4861 §7.2.3'),
  'change.nc-learn-rs': r('RFC 4861 §6.2.6'),
  'change.nc-learn-ra': r('RFC 4861 §6.3.4'),
  'change.nc-learn-redirect': r('RFC 4861 §8.3'),
  'change.nc-confirm': r('RFC 4861 §7.3.1'),
  'change.nc-reachable-timeout': r('RFC 4861 §7.3.3'),
  'change.nc-delay-timeout': r('RFC 4861 §7.3.3'),
  'change.nc-failed': r('RFC 4861 §7.3.3'),
  'change.nc-removed': r('RFC 4861 §7.3'),
  'change.nc-flushed': r('RFC 4861 §7.3'),
  'change.nc-isrouter-set': r('RFC 4861 §6.3.4'),
  'change.nc-isrouter-cleared': r('RFC 4861 §7.2.5'),
  'change.na-incomplete-solicited': r('RFC 4861 §7.2.5'),
  'change.na-incomplete-unsolicited': r('RFC 4861 §7.2.5'),
  'change.na-no-override-reachable': r('RFC 4861 §7.2.5'),
  'change.na-override-solicited': r('RFC 4861 §7.2.5'),
  'change.na-solicited-confirm': r('RFC 4861 §7.2.5'),
  'change.na-override-unsolicited': r('RFC 4861 §7.2.5'),
  'change.na-unsolicited-no-change': r('RFC 4861 §7.2.5'),
  'change.rd.router.new': r('RFC 4861 §6.3.4'),
  'change.rd.router.preference': r('RFC 4191 §3.1'),
  'change.rd.router.lifetime-zero': r('RFC 4861 §6.3.4'),
  'change.rd.router.expired': r('RFC 4861 §6.3.5'),
  'change.rd.router.flushed': r('RFC 4861 §6.3.5'),
  'change.rd-router-flag-cleared': r('RFC 4861 §7.2.5'),
  'change.rd.rs.gave-up': r('RFC 4861 §6.3.7'),
  'change.rd.flag.managed': r('RFC 4861 §4.2'),
  'change.rd.flag.other': r('RFC 4861 §4.2'),
  'change.rd.param.hop-limit': r('RFC 4861 §6.3.4'),
  'change.rd.param.reachable-time': r('RFC 4861 §6.3.4'),
  'change.rd.param.retrans-timer': r('RFC 4861 §6.3.4'),
  'change.rd.param.mtu': r('RFC 4861 §6.3.4'),
  'change.rd.param.mtu-invalid': r('RFC 4861 §6.3.4'),
  'change.rd.rdnss.new': r('RFC 8106 §5.3.1'),
  'change.rd.rdnss.removed': r('RFC 8106 §5.3.1'),
  'change.rd.dnssl.new': r('RFC 8106 §5.3.1'),
  'change.rd.dnssl.removed': r('RFC 8106 §5.3.1'),
  'change.rd.prefix.new': r('RFC 4861 §6.3.4'),
  'change.rd.prefix.valid-zero': r('RFC 4861 §6.3.4'),
  'change.rd.prefix.expired': r('RFC 4861 §6.3.5'),
  'change.rd.prefix.flushed': r('RFC 4861 §6.3.5'),
  'change.rd.route.new': r('RFC 4191 §3.1'),
  'change.rd.route.preference': r('RFC 4191 §3.1'),
  'change.rd.route.lifetime-zero': r('RFC 4191 §3.1'),
  'change.rd.route.expired': r('RFC 4191 §3.1'),
  'change.rd.route.flushed': r('RFC 4191 §3.1'),
  'change.dst-multicast': r('RFC 4861 §5.2'),
  'change.dst-link-local': r('RFC 4861 §5.2'),
  'change.dst-on-link-prefix': r('RFC 4861 §5.2'),
  'change.dst-router': r('RFC 4861 §6.3.6'),
  'change.dst-redirect-on-link': r('RFC 4861 §8.3'),
  'change.dst-redirect-router': r('RFC 4861 §8.3'),
  'change.dst-removed': r('RFC 4861 §5.1'),
  'change.link-local-created': r('RFC 4862 §5.3'),
  'change.optimistic-created': r('RFC 4429 §3.1, §2.2'),
  'change.slaac-created': r('RFC 4862 §5.5.3'),
  'change.temporary-created': r('RFC 8981 §3.4'),
  'change.stable-privacy-retry': r('RFC 7217 §6'),
  'change.manual-add': r('RFC 4862 §5.4'),
  'change.manual-delete': r('RFC 4862 §5.5.4'),
  'change.dad-succeeded': r('RFC 4862 §5.4'),
  'change.dad-failed': r('RFC 4862 §5.4.5'),
  'change.dad-failed-removed': r('RFC 4862 §5.4.5'),
  'change.ipv6-disabled': r('RFC 4862 §5.4.5'),
  'change.ipv6-disabled-removed': r('RFC 4862 §5.4.5'),
  'change.preferred-lifetime-expired': r('RFC 4862 §5.5.4'),
  'change.valid-lifetime-expired': r('RFC 4862 §5.5.4'),
  'change.lifetime-refreshed': r('RFC 4862 §5.5.3'),
  'change.prefix-preferred-zero': r('RFC 4862 §5.5.3'),
  'change.two-hour-rule': r('RFC 4862 §5.5.3'),
  'change.temporary-lifetimes': r('RFC 8981 §3.4'),
  'change.link-down': r('RFC 4862 §5.3'),
  'change.link-down-kept': r('RFC 4862 §5.4'),
  'change.mld-join': r('RFC 3810 §6.1'),
  'change.mld-join-silent': r('RFC 3810 §6'),
  'change.mld-leave': r('RFC 3810 §6.1'),
  // src/stack (commands run on a node)
  'change.ping-started': r('RFC 4443 §4.1'),
  'change.ping-reply': r('RFC 4443 §4.2'),
  'change.ping-error': r('RFC 4443 §2.4'),
  'change.ping-unreachable': r('RFC 4443 §3.1'),
  'change.ping-done': r('RFC 4443 §4'),
  'change.command-failed': none,

  // ---------------------------------------- changes without a known reasonId
  'fallback.address.tentative': r('RFC 4862 §5.4'),
  'fallback.address.optimistic': r('RFC 4429 §3'),
  'fallback.address.preferred': r('RFC 4862 §5.4'),
  'fallback.address.deprecated': r('RFC 4862 §5.5.4'),
  'fallback.address.duplicate': r('RFC 4862 §5.4.5'),
  'fallback.address.removed': r('RFC 4862 §5.5.4'),
  'fallback.neighbor.INCOMPLETE': r('RFC 4861 §7.3.2'),
  'fallback.neighbor.REACHABLE': r('RFC 4861 §7.3.2'),
  'fallback.neighbor.STALE': r('RFC 4861 §7.3.2'),
  'fallback.neighbor.DELAY': r('RFC 4861 §7.3.2'),
  'fallback.neighbor.PROBE': r('RFC 4861 §7.3.2'),
  'fallback.neighbor.FAILED': r('RFC 4861 §7.3.3'),
  'fallback.neighbor.removed': r('RFC 4861 §7.3'),
  'fallback.created': none,
  'fallback.removed': none,
  'fallback.changed': none,

  // --------------------------------------------------------------- drops
  'drop.accept_ra': r('RFC 4861 §6.3.4'),
  'drop.accept-ra': r('RFC 4861 §6.3.4'),
  'drop.na-no-entry': r('RFC 4861 §7.2.5'),
  'drop.na-incomplete-no-tlla': r('RFC 4861 §7.2.5'),
  'drop.na-no-override-ignored': r('RFC 4861 §7.2.5'),
  'drop.na-our-address': r('RFC 4862 §5.4.4'),
  'drop.na-for-our-address': r('RFC 4862 §5.4.4'),
  'drop.ns-not-for-us': r('RFC 4861 §7.2.3'),
  'drop.ns-target-tentative': r('RFC 4862 §5.4.3'),
  'drop.ns-tentative-target': r('RFC 4862 §5.4.3'),
  'drop.ns-no-source': r('RFC 4861 §7.2.2'),
  'drop.nc-queue-overflow': r('RFC 4861 §7.2.2'),
  'drop.dad-looped-back': r('RFC 7527 §4.2'),
  'drop.dad-ns-destination': r('RFC 4861 §7.1.1'),
  'drop.dad-ns-slla': r('RFC 4861 §7.1.1'),
  'drop.idgen-retries': r('RFC 7217 §6'),
  'drop.pio-autoconf-off': r('RFC 4862 §5.5.3'),
  'drop.pio-link-local': r('RFC 4862 §5.5.3'),
  'drop.pio-multicast': r('RFC 4862 §5.5.3'),
  'drop.pio-preferred-gt-valid': r('RFC 4862 §5.5.3'),
  'drop.pio-prefix-length': r('RFC 4862 §5.5.3'),
  'drop.pio-new-valid-zero': r('RFC 4862 §5.5.3'),
  'drop.pio-address-exists': r('RFC 4862 §5.5.3'),
  'drop.redirect-on-router': r('RFC 4861 §8.2'),
  'drop.redirect-disabled': r('RFC 4861 §8.3'),
  'drop.redirect-not-first-hop': r('RFC 4861 §8.1'),
  'drop.forward-no-route': r('RFC 4861 §5.2'),
  'drop.forward-hop-limit': r('RFC 8200 §3'),
  'drop.forward-link-local': r('RFC 4291 §2.5.6'),
  'drop.temporary-preferred-too-short': r('RFC 8981 §3.4'),
  'drop.temporary-idgen-retries': r('RFC 8981 §3.4'),
  'drop.decode': none,
  'drop.generic': none,

  // ---------------------------------------------------------- violations
  'violation.icmpv6-checksum': none,
  'violation.nd-fragmented': none,
  'violation.rs-hop-limit': none,
  'violation.rs-code': none,
  'violation.rs-length': none,
  'violation.rs-unspecified-source-slla': none,
  'violation.ra-hop-limit': none,
  'violation.ra-code': none,
  'violation.ra-length': none,
  'violation.ra-source-not-link-local': none,
  'violation.ns-hop-limit': none,
  'violation.ns-code': none,
  'violation.ns-length': none,
  'violation.ns-target-multicast': none,
  'violation.ns-dad-destination': none,
  'violation.ns-dad-slla': none,
  'violation.na-hop-limit': none,
  'violation.na-code': none,
  'violation.na-length': none,
  'violation.na-target-multicast': none,
  'violation.na-solicited-multicast': none,
  'violation.redirect-hop-limit': none,
  'violation.redirect-code': none,
  'violation.redirect-length': none,
  'violation.redirect-source-not-link-local': none,
  'violation.redirect-target': none,
  'violation.redirect-destination-multicast': none,
  'violation.lladdr-length': none,
  'violation.slla-mismatch': none,
  'violation.pio-prefix-length': none,
  'violation.pio-lifetimes': none,
  'violation.rio-prefix-length': none,
  'violation.rio-length': none,
  'violation.mld-hop-limit': none,
  'violation.mld-source-not-link-local': none,
  'violation.mld-router-alert': none,
  'violation.unknown': none,

  // --------------------------------------------------------------- words
  'term.tentative': none,
  'term.optimistic': none,
  'term.preferred': none,
  'term.deprecated': none,
  'term.duplicate': none,
  'term.invalid': none,
  'term.high': none,
  'term.medium': none,
  'term.low': none,
  'term.reserved': none,
  'term.infinite': none,
  'term.seconds': none,
  'term.none': none,
  'term.all-groups': none,
  'term.removed': none,
  'term.on': none,
  'term.off': none,
} as const satisfies Record<string, KeyInfo>;

export type CatalogKey = keyof typeof KEYS;

/** One language: a template for every key, no more, no less. */
export type Catalog = { readonly [K in CatalogKey]: string };

export function isCatalogKey(k: string): k is CatalogKey {
  return Object.prototype.hasOwnProperty.call(KEYS, k);
}

export function rfcOf(k: CatalogKey): string | undefined {
  return (KEYS[k] as KeyInfo).rfc;
}

// ------------------------------------------- the live tracker (src/live)
// The passive tracker's own sentences: the alerts it raises and the reasons
// it gives for a belief change (shown when no change.<reasonId> sentence
// fits). A separate table from KEYS because they are not explanations of a
// frame or a machine: short statements without a final full stop in English
// (alerts are printed after "!! severity id:"), with the values (addresses,
// MACs, counts) as placeholders. Same rule as KEYS: both live catalogues are
// typed `LiveCatalog`, so a key missing in one language fails to compile.
//   live.alert.<alert id>[.<variant>]   an alert's message (src/live/alerts.ts ALERTS);
//   live.alert.folded   the count a rate-limited report carries;
//   live.reason.<id>   a TrackerChange's reason.

export const LIVE_KEYS = {
  'live.alert.new-station': none,
  'live.alert.new-router': none,
  'live.alert.rogue-router': none,
  'live.alert.ra-changed': none,
  'live.alert.router-lifetime-zero': r('RFC 4861 §6.2.5'),
  'live.alert.wrong-prefix': none,
  'live.alert.dad-dos.probe': r('RFC 3756 §4.1.3'),
  'live.alert.dad-dos.na': r('RFC 3756 §4.1.3'),
  'live.alert.duplicate-address': r('RFC 4862 §5.4.5'),
  'live.alert.address-moved': r('RFC 4861 §11.1'),
  'live.alert.flip-flop': r('RFC 4861 §11.1'),
  'live.alert.ethernet-mismatch.source': none,
  'live.alert.ethernet-mismatch.target': none,
  'live.alert.bad-hop-limit': none,
  'live.alert.bad-checksum': r('RFC 4443 §2.3'),
  'live.alert.malformed': none,
  'live.alert.malformed-ethernet': none,
  'live.alert.ra-flood': none,
  'live.alert.ns-flood': none,
  'live.alert.rs-flood': none,
  'live.alert.table-pressure': none,
  'live.alert.folded': none,

  'live.reason.nc-resolve': r('RFC 4861 §7.2.2'),
  'live.reason.na-incomplete-solicited': r('RFC 4861 §7.2.5'),
  'live.reason.nc-failed': r('RFC 4861 §7.3.3'),
  'live.reason.dad-started': r('RFC 4862 §5.4.2'),
  'live.reason.dad-succeeded': r('RFC 4862 §5.4'),
  'live.reason.dad-failed.probed-too': r('RFC 4862 §5.4.3'),
  'live.reason.dad-failed.already-probing': r('RFC 4862 §5.4.3'),
  'live.reason.dad-failed.answered': r('RFC 4862 §5.4.4'),
  'live.reason.router-new': r('RFC 4861 §6.3.4'),
  'live.reason.router-lifetime': r('RFC 4861 §6.3.4'),
  'live.reason.router-expired': r('RFC 4861 §6.3.5'),
  'live.reason.prefix-new': r('RFC 4861 §6.3.4'),
  'live.reason.prefix-withdrawn': r('RFC 4861 §6.3.4'),
  'live.reason.prefix-expired': r('RFC 4861 §6.3.5'),
  'live.reason.binding-moved': r('RFC 4861 §11.1'),
  'live.reason.binding-learnt': none,
} as const satisfies Record<string, KeyInfo>;

export type LiveKey = keyof typeof LIVE_KEYS;

/** The live tracker's sentences in one language, every key. */
export type LiveCatalog = { readonly [K in LiveKey]: string };

export function isLiveKey(k: string): k is LiveKey {
  return Object.prototype.hasOwnProperty.call(LIVE_KEYS, k);
}
