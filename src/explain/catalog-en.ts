// English explanations. One or two sentences per key, present tense, saying
// what happened and why; the RFC section is in keys.ts and shown beside the
// text. Placeholders in braces are filled by template.ts; explain-*.ts list
// which ones each family gets.

import type { Catalog, LiveCatalog } from './keys.ts';

export const EN: Catalog = {
  // ------------------------------------------------------------- frames
  'frame.ns.dad':
    '{node} checks that nobody already uses {target}: a Duplicate Address Detection probe for its tentative address, an NS from :: to the solicited-node group {dst}.',
  'frame.ns.resolution':
    '{node} asks who has {target}: address resolution, a multicast NS to the target’s solicited-node group {dst}, so only nodes that may own {target} are disturbed.',
  'frame.ns.nud':
    '{node} checks that {target} is still reachable: Neighbor Unreachability Detection sends the NS unicast, straight to the cached link-layer address {dstMac}.',
  'frame.ns.unicast': '{node} sends a unicast NS for {target} to {dst}.',
  'frame.na.solicited':
    '{node} answers: {target} is at {tlla} (solicited NA, S=1); the asker’s neighbour cache entry becomes REACHABLE and the packets it queued are sent.',
  'frame.na.solicited-no-tlla':
    '{node} answers a unicast probe: {target} is still reachable (solicited NA, S=1), and the asker’s entry becomes REACHABLE. The asker already has the link-layer address, so the NA carries no Target Link-Layer Address option and, without it, O=0.',
  'frame.na.anycast':
    '{node} answers for {target}, the Subnet-Router anycast address of its prefix, which every router on the link holds: {target} is at {tlla} (solicited NA, S=1, O=0). With O=0 an asker that already caches another router’s answer keeps it, so the first answer wins; routers wait a random time before answering (Linux: up to proxy_delay, 0.8 s) so that they do not all answer at once.',
  'frame.na.dad-defence':
    '{node} defends {target}: it already uses the address, so it answers the DAD probe with an NA to all nodes (ff02::1, S=0); the prober must treat its tentative address as a duplicate and not use it.',
  'frame.na.all-nodes':
    '{node} tells all nodes that {target} is at {tlla} (unsolicited NA to ff02::1, S=0): either the answer to someone’s DAD probe for {target}, which makes that address a duplicate, or an announcement: of a changed link-layer address, or of an address the node has just configured (RFC 9131; Linux ndisc_notify), which a router with accept_untracked_na may use to create a STALE entry.',
  'frame.na.unsolicited': '{node} tells {dst} that {target} is at {tlla} without being asked (unsolicited NA, S=0).',
  'frame.rs':
    '{node} asks the routers on the link to advertise now (Router Solicitation to all-routers ff02::2) instead of waiting for the next periodic RA.',
  'frame.ra.default':
    '{node} advertises itself to {dst} as a default router for {lifetime} (Router Lifetime), preference {prf}.',
  'frame.ra.not-default':
    '{node} sends an RA to {dst} with Router Lifetime 0: it is not a default router, but hosts still take the prefixes, flags and parameters it carries.',
  'frame.ra.final':
    '{node} stops advertising: this final RA with Router Lifetime 0 tells hosts to remove it from their Default Router Lists at once instead of waiting for the old lifetime to run out.',
  'frame.redirect.router':
    '{node} (the router) tells {to} that packets for {destination} have a better first hop on this link: {target}.',
  'frame.forwarded':
    '{node} routes this packet on: it is for {dst}, not for {node}, so {node} forwards it to the next hop ({dstMac}) with the hop limit decremented by one, to {hopLimit}.',
  'frame.na.dad-dos':
    '{node} answers the DAD probe for {target} with an NA to all nodes (S=0), claiming the address although it does not use it: the prober must treat its tentative address as a duplicate and give it up. Answering every probe this way (thc-ipv6 dos-new-ip6) keeps a host from ever getting an address, the DAD denial of service of RFC 3756 §4.1.3.',
  'rs.no-slla':
    'It carries no Source Link-Layer Address option, as RFC 4429 requires while the source address is still optimistic (a duplicate must not overwrite the real owner’s entry in routers’ caches): a router learns nothing from it and answers with a multicast RA.',
  'redirect.tlla': 'It gives {target}’s link-layer address {tlla}, so {to} can send there at once.',
  'redirect.no-tlla':
    'It carries no link-layer address for {target} (the router does not know it yet): {to} has to learn it by address resolution before sending there.',
  'redirect.quoted':
    'The Redirected Header option quotes the first {bytes} bytes of the packet that was redirected, so that {to} can tell which of its packets caused it.',
  'frame.redirect.on-link':
    '{node} (the router) tells {to} that {destination} is on this link (target = destination): send to it directly, not through the router.',
  'frame.echo-request': '{node} pings {dst}: ICMPv6 Echo Request, identifier {id}, sequence {seq}.',
  'frame.echo-reply': '{node} answers the ping from {dst}: ICMPv6 Echo Reply, identifier {id}, sequence {seq}.',
  'frame.mldv2-report.join':
    '{node} announces that it listens to {groups} (MLDv2 Report to ff02::16), so that MLD-snooping switches forward those groups to it.',
  'frame.mldv2-report.leave': '{node} announces that it no longer listens to {groups} (MLDv2 Report to ff02::16).',
  'frame.mldv2-report.state': '{node} reports the multicast groups it listens to: {groups} (MLDv2 Report, an answer to a query).',
  'frame.mld-query': '{node}, the MLD querier, asks which multicast groups have listeners on the link ({groups}).',
  'frame.mldv1-report': '{node} announces that it listens to {groups} (MLDv1 Report).',
  'frame.mldv1-done': '{node} stops listening to {groups} (MLDv1 Done).',
  'frame.unreachable.address':
    '{node} reports to {dst} that {invokingDst} is unreachable: address resolution failed (no NA answered the solicitations), so the queued packet is dropped with Destination Unreachable, code 3 (address unreachable).',
  'frame.unreachable.other': '{node} reports to {dst} that {invokingDst} is unreachable (ICMPv6 Destination Unreachable, code {code}).',
  'frame.icmpv6-other': '{node} sends ICMPv6 type {type}, code {code}, to {dst}.',
  'frame.ipv6-other': '{node} sends an IPv6 packet (next header {nextHeader}) to {dst}.',
  'frame.not-ipv6': '{node} sends a frame that is not IPv6 (EtherType {etherType}).',

  // ------------------------------------------------- parts of a frame
  'ns.slla': 'It carries its own link-layer address {slla}, so the owner can answer without asking back.',
  'ns.dad-wait':
    'The probe has no source link-layer address; if no NA for {target} arrives within RetransTimer (1 s by default) after the last probe, the address becomes preferred; an NA means a duplicate, and the address must be reconfigured.',
  'ns.dad-nonce':
    'It carries a Nonce (enhanced DAD): if this probe comes back to its sender with the same nonce, it is its own looped-back probe, not a duplicate.',
  'ns.resolution-failure':
    'If no NA arrives after MAX_MULTICAST_SOLICIT (3) solicitations, one RetransTimer apart, resolution fails and the waiting packets get an ICMPv6 address-unreachable error.',
  'ns.src-prompting':
    'The source {src} is the address of the packet that prompted the solicitation, as RFC 4861 recommends and Linux does; the seed’s slide shows a link-local source instead.',
  'ns.src-link-local':
    'The source is the link-local address, as on the seed’s slide: the prompting packet came from it, or the stack chose it; Linux uses the prompting packet’s source when that is one of its addresses, which can be a global one.',
  'ns.src-link-local-configured':
    'The source is the link-local address because {node} is set to always use it (ns_source: link-local), as the seed’s slide draws it; by RFC 4861’s recommendation, which Linux follows, it would be the source of the packet that prompted the solicitation.',
  'na.override': 'O=1 (Override): receivers replace any link-layer address they had cached for {target}.',
  'na.no-override':
    'O=0: a receiver that already caches a different address for {target} keeps it (an anycast or proxy answer, or an optimistic address).',
  'na.router': 'R=1: the sender is a router.',
  'na.src-target':
    'It is sent from the target address itself, as Linux does; the seed’s slide shows the link-local address as the source.',
  'na.src-link-local':
    'It is sent from the link-local address, as on the seed’s slide (a BSD/KAME-style choice by the destination’s scope); Linux sends it from the target address.',
  'ra.flags.slaac': 'M=0, O=0: hosts configure addresses themselves (SLAAC) and expect nothing from DHCPv6.',
  'ra.flags.managed': 'M=1: addresses are available via DHCPv6 (stateful configuration).',
  'ra.flags.other': 'O=1: other configuration, such as DNS servers, is available via DHCPv6.',
  'ra.prf-reserved': 'Its preference bits are the reserved value 10, which receivers must treat as medium.',
  'ra.hop-limit': 'Hosts use hop limit {hopLimit} for the packets they send (Cur Hop Limit).',
  'ra.reachable-time': 'Neighbours count as reachable for about {reachable} ms after a confirmation (Reachable Time).',
  'ra.retrans-timer': 'Neighbor Solicitations are retransmitted every {retrans} ms (Retrans Timer).',
  'ra.mtu': 'The link MTU is {mtu} bytes.',
  'ra.pio.onlink-auto':
    'Prefix {prefix} is on-link (L=1) and for autonomous configuration (A=1): hosts form an address from it; valid lifetime {valid}, preferred lifetime {preferred}.',
  'ra.pio.onlink': 'Prefix {prefix} is on-link (L=1) but not for address configuration (A=0); valid lifetime {valid}.',
  'ra.pio.auto':
    'Prefix {prefix} is for autonomous configuration (A=1) with L=0, which says nothing about on-link; valid lifetime {valid}, preferred lifetime {preferred}.',
  'ra.pio.nothing': 'Prefix {prefix} has L=0 and A=0: it tells hosts nothing.',
  'ra.pio.withdrawn':
    'Prefix {prefix} has valid lifetime 0: hosts stop treating it as on-link at once, but the two-hour rule keeps their addresses from it alive for up to two hours.',
  'ra.pio.deprecating':
    'Prefix {prefix} has preferred lifetime 0: addresses from it become deprecated: kept for existing connections, and avoided for new ones while another address is preferred; valid lifetime {valid}.',
  'ra.rio': 'Route {prefix} goes through this router, preference {prf}, lifetime {lifetime}.',
  'ra.rdnss': 'DNS servers {servers}, lifetime {lifetime}.',
  'ra.dnssl': 'DNS search list {domains}, lifetime {lifetime}.',
  'mld.before-dad':
    'A node joins the solicited-node group {group} before it sends the DAD probe for an address, so that it hears other nodes’ probes and answers for that address.',
  'note.seed-mld-omitted': 'The seed’s SLAAC slide omits these MLD frames: its flow starts with the DAD NS.',
  'note.na-spoofing':
    'Nothing authenticates an NA: any node on the link can send one for any target, which is how NA spoofing works.',
  'note.attacker-na':
    '{node} is an attacker: receivers that accept this NA send traffic for {target} to {tlla}.',
  'note.attacker-ra':
    '{node} is not a legitimate router: a rogue RA like this can make hosts use it as a default router or take its prefixes; RA-Guard on the switch blocks such RAs.',
  'note.violation': 'It breaks a rule: {violation}',

  // ------------------------------------------------- state changes
  'change.nc-resolve':
    '{node} has a packet for {key} but no link-layer address for it: a new entry starts INCOMPLETE, the packet waits, and a multicast NS goes to the solicited-node group.',
  'change.nc-stale-used':
    '{node} sends to {key}, whose entry was STALE: it uses the cached address at once and moves to DELAY, giving upper layers DELAY_FIRST_PROBE_TIME (5 s) to confirm reachability before probing.',
  'change.nc-learn-ns':
    '{node} learns {key}’s link-layer address {lladdr} from the source link-layer option of its NS; the entry is {to} (STALE: not yet confirmed reachable).',
  'change.nc-learn-rs': '{node} learns {key}’s link-layer address {lladdr} from its RS; the entry is {to} until reachability is confirmed.',
  'change.nc-learn-ra': '{node} learns router {key}’s link-layer address {lladdr} from its RA; the entry is {to} until reachability is confirmed.',
  'change.nc-learn-redirect':
    '{node} learns {key}’s link-layer address {lladdr} from a Redirect’s target link-layer option; the entry is {to} until reachability is confirmed.',
  'change.nc-learn-untracked-na':
    '{node} is a router with accept_untracked_na on: an NA for {key}, which it had no entry for, carried the link-layer address {lladdr}; it creates the entry as {to} (STALE: not yet confirmed reachable), as RFC 9131 lets first-hop routers do.',
  'change.nc-confirm':
    '{node} got a reachability confirmation for {key} from an upper layer (e.g. a TCP acknowledgement): the entry is REACHABLE again without any ND traffic.',
  'change.nc-reachable-timeout':
    '{node} heard no confirmation from {key} for ReachableTime: the entry goes from REACHABLE to STALE; nothing is sent until a packet needs it.',
  'change.nc-delay-timeout':
    '{node} got no confirmation for {key} within DELAY_FIRST_PROBE_TIME: the entry goes to PROBE and unicast NSs check the neighbour.',
  'change.nc-failed':
    '{node} got no NA from {key} after its solicitations: the neighbour is unreachable ({from} → {to}); queued packets are dropped with an ICMPv6 address-unreachable error.',
  'change.nc-removed': '{node} removed the neighbour cache entry for {key} ({from}).',
  'change.nc-flushed': '{node} flushed its neighbour cache entry for {key} ({from}), e.g. because the interface went down.',
  'change.nc-isrouter-set': '{node} now knows that {key} is a router (IsRouter = TRUE).',
  'change.nc-isrouter-cleared':
    '{node} received an NA from {key} with R=0: it is no longer a router, so it is removed from the Default Router List.',
  'change.na-incomplete-solicited':
    '{node} received the solicited NA it was waiting for: {key} is at {lladdr}; INCOMPLETE → REACHABLE, and the queued packets are sent.',
  'change.na-incomplete-unsolicited':
    '{node} learned {key}’s link-layer address {lladdr} from an unsolicited NA: the entry becomes STALE (not yet confirmed) and the queued packets are sent.',
  'change.na-no-override-reachable':
    '{node} received an NA for {key} with a different link-layer address but O=0: it keeps the cached address, only marking the entry STALE so that it is checked again.',
  'change.na-override-solicited':
    '{node} received a solicited NA with O=1 and a new link-layer address for {key}: the cache takes {lladdr} and the entry is REACHABLE.',
  'change.na-solicited-confirm':
    '{node} received a solicited NA from {key}: reachability is confirmed, the entry is REACHABLE.',
  'change.na-override-unsolicited':
    '{node} received an unsolicited NA with O=1 announcing a new link-layer address for {key}: the cache takes {lladdr} and marks it STALE until confirmed.',
  'change.na-unsolicited-no-change': '{node} received an unsolicited NA for {key} that changes nothing; the entry stays {to}.',
  'change.rd.router.new': '{node} adds {key} to its Default Router List (preference {to}) after an RA with a non-zero Router Lifetime.',
  'change.rd.router.preference': 'Router {key} now advertises preference {to} (was {from}); router selection uses it at once.',
  'change.rd.router.lifetime-zero':
    'Router {key} sent an RA with Router Lifetime 0: {node} removes it from its Default Router List at once.',
  'change.rd.router.expired': 'No RA from {key} refreshed its Router Lifetime: {node} removes it from its Default Router List.',
  'change.rd.router.flushed': '{node} forgets default router {key}, e.g. because the interface went down.',
  'change.rd-router-flag-cleared':
    '{key} sent an NA with R=0: it is no longer a router, so {node} removes it from its Default Router List.',
  'change.rd.rs.gave-up':
    '{node} sent its Router Solicitations and got no RA: it concludes there is no router for now, and waits for an unsolicited RA.',
  'change.rd.flag.managed': 'The M flag is now {to}: with M=1 addresses are available via DHCPv6; with M=0 they are not.',
  'change.rd.flag.other': 'The O flag is now {to}: with O=1 other configuration (such as DNS) is available via DHCPv6.',
  'change.rd.param.hop-limit': 'An RA sets the hop limit {node} uses: {from} → {to}.',
  'change.rd.param.reachable-time':
    'An RA sets a new BaseReachableTime, so {node} draws a new random ReachableTime: {from} → {to} ms.',
  'change.rd.param.reachable-time-periodic':
    '{node} draws a new random ReachableTime from the same BaseReachableTime, as Linux does every 300 s (RFC 4861 asks for at least once every few hours), so that the NUD timers of different nodes do not stay in step: {from} → {to} ms.',
  'change.rd.param.retrans-timer': 'An RA sets RetransTimer, the gap between Neighbor Solicitations: {from} → {to} ms.',
  'change.rd.param.mtu': 'An RA’s MTU option sets the link MTU: {from} → {to} bytes.',
  'change.rd.param.mtu-invalid':
    '{node} ignores an RA’s MTU option: it is below the IPv6 minimum of 1280 or above the link’s own MTU; the MTU stays {to}.',
  'change.rd.rdnss.new': '{node} learns a DNS server from an RA: {to}.',
  'change.rd.rdnss.removed': 'DNS server {from} is withdrawn or its lifetime ran out.',
  'change.rd.dnssl.new': '{node} learns a DNS search domain from an RA: {to}.',
  'change.rd.dnssl.removed': 'DNS search domain {from} is withdrawn or its lifetime ran out.',
  'change.rd.prefix.new': '{node} adds {key} to its Prefix List: addresses in it are on-link and reached directly, without a router.',
  'change.rd.prefix.valid-zero': 'A prefix option for {key} has valid lifetime 0: {node} stops treating it as on-link at once.',
  'change.rd.prefix.expired': 'The valid lifetime of on-link prefix {key} ran out: {node} no longer treats it as on-link.',
  'change.rd.prefix.flushed': '{node} forgets on-link prefix {key}, e.g. because the interface went down.',
  'change.rd.route.new': '{node} adds a more-specific route {key} (preference {to}) from an RA’s Route Information option.',
  'change.rd.route.preference': 'Route {key} now has preference {to} (was {from}).',
  'change.rd.route.lifetime-zero': 'Route {key} is withdrawn (Route Lifetime 0).',
  'change.rd.route.expired': 'The lifetime of route {key} ran out.',
  'change.rd.route.flushed': '{node} forgets route {key}, e.g. because the interface went down.',
  'change.dst-multicast': '{node} sends to multicast {key} directly on the link: multicast needs no next hop.',
  'change.dst-link-local': '{node} sends to {key} directly: link-local destinations are always on-link.',
  'change.dst-on-link-prefix': '{node} sends to {key} directly: it is inside an on-link prefix.',
  'change.dst-router': '{node} sends to off-link {key} through default router {to}.',
  'change.dst-redirect-on-link': 'A Redirect told {node} that {key} is on-link: it now sends to it directly.',
  'change.dst-redirect-router': 'A Redirect told {node} to reach {key} through {to}, a better first hop.',
  'change.dst-removed': '{node} forgets its next hop for {key}; the next packet chooses one again.',
  'change.optimistic-created':
    '{node} forms {key} and, with Optimistic DAD, may use it at once: the address is optimistic, a usable source while DAD runs in the background, under rules that keep a duplicate from doing harm (no Source Link-Layer Address option in the RSs and NSs sent from it, no Override flag in NAs for it).',
  'change.link-local-created':
    '{node} forms its link-local address {key} from fe80::/64 and its interface identifier; it starts {to}, and DAD checks it is unique before use.',
  'change.slaac-created':
    '{node} forms {key} from an RA’s prefix (A=1) and its interface identifier (stateless autoconfiguration); it starts {to} until DAD finishes.',
  'change.temporary-created':
    '{node} forms temporary address {key} with a random interface identifier, for privacy; it starts {to}.',
  'change.stable-privacy-retry':
    '{node} forms a new stable address {key} with the next DAD counter because the previous one was a duplicate.',
  'change.manual-add': 'The administrator adds {key} on {node} (ip addr add); it starts {to}.',
  'change.manual-delete': 'The administrator deletes {key} from {node} (ip addr del).',
  'change.dad-succeeded':
    'No NA and no NS answered {node}’s DAD probes for {key}: the address is unique and becomes {to}, usable as a source.',
  'change.dad-failed':
    'Another node already uses {key}: DAD failed, so {node} marks it {to} and never uses it; it must be reconfigured.',
  'change.dad-failed-removed': '{node} deletes {key}, which failed DAD.',
  'change.ipv6-disabled':
    '{node}’s link-local address formed from its MAC is used by another node, so the MAC itself is probably duplicated: IPv6 is disabled on {ifname}.',
  'change.ipv6-disabled-removed':
    'IPv6 is disabled on {ifname}, so {node} removes {key}: Linux takes every address off such an interface (addrconf_ifdown).',
  'change.preferred-lifetime-expired':
    'The preferred lifetime of {key} ran out: it is now {to}, still valid for existing connections; new ones avoid it while another address of sufficient scope is preferred, and use it when none is.',
  'change.valid-lifetime-expired': 'The valid lifetime of {key} ran out: the address is invalid and {node} removes it.',
  'change.lifetime-refreshed': 'An RA refreshes the lifetimes of {key}: valid {validLft}, preferred {preferredLft}.',
  'change.prefix-preferred-zero':
    'An RA gives {key}’s prefix preferred lifetime 0: the address becomes {to}, kept for existing connections and avoided for new ones while another address of its scope is preferred.',
  'change.two-hour-rule':
    'An RA tries to cut {key}’s valid lifetime to {received}; the two-hour rule sets it to {validLft} instead, so a forged RA cannot remove the address quickly.',
  'change.temporary-lifetimes': 'Temporary address {key} gets new lifetimes from its public address’s prefix.',
  'change.link-down': 'The link went down: {node} removes {key}.',
  'change.link-down-kept': 'The link went down: {node} keeps {key} and runs DAD again when the link comes back.',
  'change.mld-join':
    '{node} joins multicast group {key} and sends unsolicited MLDv2 Reports, so that snooping switches deliver the group’s packets.',
  'change.mld-join-silent': '{node} joins multicast group {key}; groups such as all-nodes ff02::1 are never reported in MLD.',
  'change.mld-leave': '{node} leaves multicast group {key}.',
  'change.mld-join-v1':
    '{node} joins multicast group {key}; an MLDv1 querier is on the link (MLDv1 compatibility mode), so it announces the group with MLDv1 Reports sent to the group itself.',
  'change.mld-v1-compat':
    '{node} heard an MLDv1 Query: until no such query has been heard for the Older Version Querier Present Timeout, it speaks MLDv1 on this interface (Reports to each group, Done to ff02::2).',
  'change.mld-v2-resumed':
    '{node} speaks MLDv2 again on this interface: no MLDv1 Query was heard for the Older Version Querier Present Timeout (or the link came back up).',
  'change.ping-started': '{node} starts {key}: it sends ICMPv6 Echo Requests and waits for Echo Replies.',
  'change.ping-reply': '{node} receives an Echo Reply for {key}: {received} of {transmitted} requests answered so far.',
  'change.ping-error': '{node} cannot send the next Echo Request of {key}: {reason}.',
  'change.ping-unreachable': '{node} cannot reach the destination of {key}: {reason}.',
  'change.ping-done': '{key} is finished: {transmitted} requests sent, {received} replies, {errors} errors.',
  'change.command-failed': 'The command {key} on {node} failed: {reason}.',

  // ---------------------------------------- changes without a known reasonId
  'fallback.address.tentative': 'Address {key} on {node} is tentative: DAD is checking that it is unique. ({reason})',
  'fallback.address.optimistic': 'Address {key} on {node} is optimistic: usable while DAD runs, with care. ({reason})',
  'fallback.address.preferred': 'Address {key} on {node} is preferred: unique and usable. ({reason})',
  'fallback.address.deprecated': 'Address {key} on {node} is deprecated: valid, but not used for new connections. ({reason})',
  'fallback.address.duplicate': 'Address {key} on {node} is a duplicate and is not used. ({reason})',
  'fallback.address.removed': 'Address {key} on {node} is invalid and removed. ({reason})',
  'fallback.neighbor.INCOMPLETE': 'Neighbour {key} of {node} is INCOMPLETE: address resolution is under way. ({reason})',
  'fallback.neighbor.REACHABLE': 'Neighbour {key} of {node} is REACHABLE: recently confirmed. ({reason})',
  'fallback.neighbor.STALE': 'Neighbour {key} of {node} is STALE: its address is known but not confirmed recently. ({reason})',
  'fallback.neighbor.DELAY': 'Neighbour {key} of {node} is DELAY: waiting for an upper-layer confirmation before probing. ({reason})',
  'fallback.neighbor.PROBE': 'Neighbour {key} of {node} is PROBE: unicast NSs are checking it. ({reason})',
  'fallback.neighbor.FAILED': 'Neighbour {key} of {node} is FAILED: it did not answer. ({reason})',
  'fallback.neighbor.removed': '{node} removed neighbour {key}. ({reason})',
  'fallback.created': '{node}: new {machine} entry {key}: {to}. ({reason})',
  'fallback.removed': '{node}: {machine} entry {key} removed (was {from}). ({reason})',
  'fallback.changed': '{node}: {machine} entry {key}: {from} → {to}. ({reason})',

  // --------------------------------------------------------------- drops
  'drop.accept_ra': '{node} ignores the RA: accept_ra does not let this interface configure itself from RAs.',
  'drop.accept-ra': '{node} ignores the RA: accept_ra does not let this interface configure itself from RAs.',
  'drop.na-no-entry': '{node} ignores the NA: it has no neighbour cache entry for the target, and unsolicited NAs do not create entries.',
  'drop.na-incomplete-no-tlla':
    '{node} ignores the NA: the entry is waiting for a link-layer address and the NA carries none (no target link-layer address option).',
  'drop.na-no-override-ignored':
    '{node} ignores the NA: it has O=0 and a link-layer address different from the cached one, so it must not change the cache.',
  'drop.na-our-address': '{node} received an NA for one of its own addresses: someone else claims it; the NA is ignored.',
  'drop.na-for-our-address':
    '{node} received an NA for one of its own (non-tentative) addresses: another node claims it; DAD is not run again and the NA is ignored.',
  'drop.ns-not-for-us': '{node} ignores the NS: its target is not one of its addresses.',
  'drop.ns-target-tentative': '{node} does not answer the NS: the target is still tentative, so the NS is left to DAD.',
  'drop.ns-tentative-target': '{node} does not answer an NS for its tentative address: DAD handles it (a DAD probe means a duplicate).',
  'drop.ns-no-source': '{node} has no usable source address for the NS, so none is sent.',
  'drop.nc-queue-overflow': '{node} drops a packet: too many packets are already waiting for address resolution (unres_qlen).',
  'drop.na-unsolicited-dropped':
    '{node} ignores an unsolicited NA (S=0): drop_unsolicited_na is set, so no NA without the Solicited flag is looked at, not even by DAD.',
  'drop.ns-anycast-queue-full':
    '{node} drops an NS for one of its anycast addresses: too many NSs already wait for their delayed answer (proxy_qlen).',
  'drop.dad-looped-back':
    '{node} ignores its own DAD probe looped back by the link (same nonce): it is not a sign of a duplicate.',
  'drop.mldv1-query-ignored':
    '{node} ignores the MLDv1 Query: force_mld_version = 2 makes it speak MLDv2 only, so a (possibly forged) MLDv1 Query cannot switch it to MLDv1.',
  'drop.dad-ns-destination': '{node} ignores the NS from ::: a DAD probe must go to the solicited-node group of its target.',
  'drop.dad-ns-slla': '{node} ignores the NS from ::: a DAD probe must not carry a source link-layer address option.',
  'drop.idgen-retries': '{node} gives up forming a stable address: every retry was a duplicate (IDGEN_RETRIES used up).',
  'drop.pio-autoconf-off': '{node} forms no address from the prefix: autoconf is off on this interface.',
  'drop.pio-link-local': '{node} forms no address from the prefix option: it is the link-local prefix, which SLAAC ignores.',
  'drop.pio-multicast': '{node} forms no address from the prefix option: it is a multicast prefix.',
  'drop.pio-preferred-gt-valid': '{node} ignores the prefix option: its preferred lifetime is longer than its valid lifetime.',
  'drop.pio-prefix-length':
    '{node} forms no address from the prefix: prefix length plus the 64-bit interface identifier is not 128 bits.',
  'drop.pio-new-valid-zero': '{node} ignores a new prefix with valid lifetime 0.',
  'drop.pio-address-exists': '{node} already has the address this prefix would give.',
  'drop.redirect-on-router': '{node} is a router: routers do not change their routing on a Redirect.',
  'drop.redirect-disabled': '{node} ignores the Redirect: accept_redirects is off.',
  'drop.forward-no-route':
    '{node} does not forward the packet: it has no route to its destination (neither an address of its own in that prefix nor a static route); a real router would answer with an ICMPv6 Destination Unreachable.',
  'drop.forward-hop-limit':
    '{node} does not forward the packet: its hop limit would reach 0 (a real router answers with an ICMPv6 Time Exceeded, as traceroute uses).',
  'drop.forward-link-local':
    '{node} does not forward the packet: a router never forwards a packet with a link-local source or destination to another link, nor back onto this one.',
  'drop.redirect-not-first-hop':
    '{node} ignores the Redirect: it does not come from the router {node} uses for that destination, so anyone could have sent it.',
  'drop.temporary-preferred-too-short': '{node} creates no temporary address: the prefix’s preferred lifetime is too short.',
  'drop.temporary-idgen-retries': '{node} gives up temporary addresses: new ones kept failing DAD.',
  'drop.decode': '{node} cannot decode the frame: {reason}.',
  'drop.generic': '{node} ignores the frame: {reason}.',

  // ---------------------------------------------------------- violations
  'violation.icmpv6-checksum': 'The ICMPv6 checksum is wrong: the message was damaged, and receivers discard it.',
  'violation.nd-fragmented': 'An ND message arrived in fragments: receivers discard it, because fragments can hide it from RA-Guard.',
  'violation.rs-hop-limit': 'The RS has a hop limit other than 255, so it may come from off the link: receivers discard it.',
  'violation.rs-code': 'The RS has an ICMP code other than 0: receivers discard it.',
  'violation.rs-length': 'The RS is shorter than 8 bytes: receivers discard it.',
  'violation.rs-unspecified-source-slla': 'An RS from :: must not carry a source link-layer address option: receivers discard it.',
  'violation.ra-hop-limit': 'The RA has a hop limit other than 255, so it may come from off the link: hosts discard it.',
  'violation.ra-code': 'The RA has an ICMP code other than 0: hosts discard it.',
  'violation.ra-length': 'The RA is shorter than 16 bytes: hosts discard it.',
  'violation.ra-source-not-link-local': 'The RA does not come from a link-local address: hosts discard it, since routers are known by their link-local addresses.',
  'violation.ns-hop-limit': 'The NS has a hop limit other than 255, so it may come from off the link: receivers discard it.',
  'violation.ns-code': 'The NS has an ICMP code other than 0: receivers discard it.',
  'violation.ns-length': 'The NS is shorter than 24 bytes: receivers discard it.',
  'violation.ns-target-multicast': 'The NS asks for a multicast target: receivers discard it.',
  'violation.ns-dad-destination': 'An NS from :: (a DAD probe) must go to a solicited-node multicast address: receivers discard it.',
  'violation.ns-dad-slla': 'An NS from :: (a DAD probe) must not carry a source link-layer address option: receivers discard it.',
  'violation.na-hop-limit': 'The NA has a hop limit other than 255, so it may come from off the link: receivers discard it.',
  'violation.na-code': 'The NA has an ICMP code other than 0: receivers discard it.',
  'violation.na-length': 'The NA is shorter than 24 bytes: receivers discard it.',
  'violation.na-target-multicast': 'The NA advertises a multicast target: receivers discard it.',
  'violation.na-solicited-multicast': 'An NA sent to a multicast address has S=1, but only a unicast answer can be solicited: receivers discard it.',
  'violation.redirect-hop-limit': 'The Redirect has a hop limit other than 255, so it may come from off the link: hosts discard it.',
  'violation.redirect-code': 'The Redirect has an ICMP code other than 0: hosts discard it.',
  'violation.redirect-length': 'The Redirect is shorter than 40 bytes: hosts discard it.',
  'violation.redirect-source-not-link-local': 'The Redirect does not come from a link-local address: hosts discard it.',
  'violation.redirect-target': 'The Redirect’s target is neither link-local nor the destination itself: hosts discard it.',
  'violation.redirect-destination-multicast': 'The Redirect names a multicast destination: hosts discard it.',
  'violation.lladdr-length': 'A link-layer address option is not 6 bytes long, as Ethernet needs: receivers discard the message.',
  'violation.slla-mismatch':
    'The Ethernet source differs from the source link-layer address option: legal (a proxy can do it) but suspicious, a sign of spoofing.',
  'violation.pio-prefix-length': 'A prefix option has a prefix length above 128: hosts ignore that option.',
  'violation.pio-lifetimes': 'A prefix option’s preferred lifetime is longer than its valid lifetime: hosts ignore it for SLAAC.',
  'violation.rio-prefix-length': 'A route information option has a prefix length above 128: hosts ignore it.',
  'violation.rio-length': 'A route information option is too short for its prefix length: hosts ignore it.',
  'violation.mld-hop-limit': 'The MLD message has a hop limit other than 1: receivers discard it.',
  'violation.mld-source-not-link-local': 'The MLD message does not come from a link-local address (:: is allowed for reports only): receivers discard it.',
  'violation.mld-router-alert': 'The MLD message has no Router Alert option: receivers discard it.',
  'violation.unknown': 'It breaks rule {rule}: {message}.',

  // --------------------------------------------------------------- words
  'term.tentative': 'tentative',
  'term.optimistic': 'optimistic',
  'term.preferred': 'preferred',
  'term.deprecated': 'deprecated',
  'term.duplicate': 'duplicate',
  'term.invalid': 'invalid',
  'term.high': 'high',
  'term.medium': 'medium',
  'term.low': 'low',
  'term.reserved': 'reserved (treated as medium)',
  'term.infinite': 'infinite',
  'term.seconds': '{n} s',
  'term.none': 'none',
  'term.all-groups': 'all groups',
  'term.removed': 'removed',
  'term.on': 'on',
  'term.off': 'off',
};

/** The live tracker's alerts and change reasons (keys.ts LIVE_KEYS). The
 *  texts are what `ndsim annotate`/`sniff` printed before they were
 *  catalogued, byte for byte: no final full stop, as alerts follow
 *  "!! severity id:" and reasons are followed by their RFC section. */
export const LIVE_EN: LiveCatalog = {
  'live.alert.new-station': 'new station {mac} on the link',
  'live.alert.new-router': 'new router {mac} ({router}) on the link',
  'live.alert.rogue-router': '{mac} ({router}) sends RAs but is not an allowed router',
  'live.alert.ra-changed': '{mac} changed its RA: {changes}',
  'live.alert.router-lifetime-zero': '{mac} ({router}) says it is no longer a default router (router lifetime 0)',
  'live.alert.wrong-prefix': '{mac} advertises prefix {prefix}, which is not an allowed prefix',
  'live.alert.dad-dos.probe': '{by} answered DAD for {target} with a DAD probe of its own though it never used that address, so {prober} cannot configure it',
  'live.alert.dad-dos.na': '{by} answered DAD for {target} with a Neighbor Advertisement though it never used that address, so {prober} cannot configure it',
  'live.alert.duplicate-address': '{prober} cannot use {target}: {by} already has it',
  'live.alert.address-moved': '{address} moved from {from} to {mac}',
  'live.alert.flip-flop': '{address} went back from {from} to {mac}, which had it before',
  'live.alert.ethernet-mismatch.source': '{msg} from Ethernet source {ethSrc} carries source link-layer address {option}',
  'live.alert.ethernet-mismatch.target': '{msg} from Ethernet source {ethSrc} carries target link-layer address {option}',
  'live.alert.bad-hop-limit': '{msg} from {src} arrived with hop limit {hopLimit}, not 255: it was forwarded or forged',
  'live.alert.bad-checksum': 'ICMPv6 type {type} from {src} has a bad checksum',
  'live.alert.malformed': 'malformed ICMPv6 from {src} ({reason})',
  'live.alert.malformed-ethernet': 'frame too short for Ethernet: {reason}',
  'live.alert.ra-flood': 'more than {threshold} Router Advertisements within {windowMs} ms: a flood',
  'live.alert.ns-flood': 'more than {threshold} Neighbor Solicitations within {windowMs} ms: a flood',
  'live.alert.rs-flood': 'more than {threshold} Router Solicitations within {windowMs} ms: a flood',
  'live.alert.table-pressure': 'the {table} table is full ({cap} entries): {evicted} least recently seen forgotten to make room',
  'live.alert.folded': '{message} ({count} times since the last report)',

  'live.reason.nc-resolve': '{requester} asks who has {target}',
  'live.reason.na-incomplete-solicited': '{target} is at {mac}',
  'live.reason.nc-failed': 'no answer to {solicitations} NS(s) for {target}',
  'live.reason.dad-started': '{mac} checks that nobody uses {target}',
  'live.reason.dad-succeeded': 'nobody answered {probes} DAD probe(s) within {transmits} × RetransTimer',
  'live.reason.dad-failed.probed-too': '{mac} probed {target} too',
  'live.reason.dad-failed.already-probing': '{mac} was already probing {target}',
  'live.reason.dad-failed.answered': '{mac} answered for {target}',
  'live.reason.router-new': '{mac} advertises itself',
  'live.reason.router-lifetime': 'router lifetime {lifetime} s',
  'live.reason.router-expired': 'no RA from {mac} within its {lifetime} s lifetime',
  'live.reason.prefix-new': '{router} advertises {prefix}',
  'live.reason.prefix-withdrawn': '{router} withdrew {prefix}',
  'live.reason.prefix-expired': 'valid lifetime of {prefix} ran out',
  'live.reason.binding-moved': '{address} moved from {from} to {mac}',
  'live.reason.binding-learnt': '{mac} uses {address}',

  'live.ra-diff.flag-set': '{flag} false → true',
  'live.ra-diff.flag-cleared': '{flag} true → false',
  'live.ra-diff.preference': 'preference {from} → {to}',
  'live.ra-diff.router-lifetime': 'router lifetime {from} → {to}',
  'live.ra-diff.hop-limit': 'hop limit {from} → {to}',
  'live.ra-diff.reachable-time': 'reachable time {from} → {to}',
  'live.ra-diff.retrans-timer': 'retrans timer {from} → {to}',
  'live.ra-diff.mtu': 'MTU {from} → {to}',
  'live.ra-diff.prefix-added': 'prefix {prefix} added',
  'live.ra-diff.prefix-gone': 'prefix {prefix} gone',
  'live.ra-diff.prefix-flag-set': '{prefix} {flag} false → true',
  'live.ra-diff.prefix-flag-cleared': '{prefix} {flag} true → false',
  'live.ra-diff.valid-lifetime': '{prefix} valid lifetime {from} → {to}',
  'live.ra-diff.preferred-lifetime': '{prefix} preferred lifetime {from} → {to}',
  'live.ra-diff.rdnss': 'RDNSS {from} → {to}',
  'live.ra-diff.routes': 'routes {from} → {to}',
  'live.ra-value.none': 'none',
  'live.ra-value.prf.high': 'high',
  'live.ra-value.prf.medium': 'medium',
  'live.ra-value.prf.low': 'low',
  'live.ra-value.prf.reserved': 'reserved',
};
