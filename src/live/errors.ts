// What can go wrong at the live edge (libpcap through the optional `cap`
// addon), as values: one code per cause and one line a person can act on.
// The CLI maps every code to EXIT.ENVIRONMENT (src/cli/errors.ts) and prints
// `message` as is. Exceptions are kept for programming errors, and for the
// one guard that must never be silently skipped: sending without permission.

export type LiveErrorCode =
  /** `cap` is not installed, or its native part did not build / load. */
  | 'cap-unavailable'
  /** libpcap refused to open the device: not root and no CAP_NET_RAW. */
  | 'no-permission'
  /** No capture device by that name. */
  | 'unknown-interface'
  /** The device is not Ethernet (DLT_EN10MB): ndsim decodes Ethernet only. */
  | 'link-type'
  /** libpcap rejected the BPF filter. */
  | 'bad-filter'
  /** A send was attempted on a capture opened without allowSend. */
  | 'send-not-allowed'
  /** libpcap failed to transmit a frame. */
  | 'send-failed'
  /** Anything else libpcap reported, with its own text. */
  | 'capture-failed';

export interface LiveError {
  code: LiveErrorCode;
  /** One sentence, with the fix when there is one. */
  message: string;
  /** The underlying library text, for --verbose. */
  detail?: string;
}

export const LIBPCAP_HINT = 'live capture needs libpcap: apt-get install libpcap-dev && npm rebuild cap';
export const PERMISSION_HINT = 'needs root or CAP_NET_RAW: run with sudo, or setcap cap_net_raw+ep $(which node)';
export const SEND_HINT = 'nothing is transmitted without --allow-send';

export function capUnavailable(detail?: string): LiveError {
  return { code: 'cap-unavailable', message: LIBPCAP_HINT, detail };
}

export function noPermission(iface: string, detail?: string): LiveError {
  return { code: 'no-permission', message: `capturing on ${iface} ${PERMISSION_HINT}`, detail };
}

export function unknownInterface(iface: string, known: readonly string[], detail?: string): LiveError {
  const list = known.length > 0 ? known.join(', ') : 'none found';
  return { code: 'unknown-interface', message: `no interface named ${iface}; interfaces here: ${list}`, detail };
}

export function badLinkType(iface: string, linkType: string): LiveError {
  return {
    code: 'link-type',
    message: `${iface} has link type ${linkType}, not Ethernet; ndsim decodes Ethernet frames only`,
  };
}

export function sendNotAllowed(): LiveError {
  return { code: 'send-not-allowed', message: SEND_HINT };
}

/** Thrown, not returned: a send without --allow-send is a bug in the caller,
 *  and must not fail quietly. Carries the LiveError for the CLI. */
export class LiveFailure extends Error {
  constructor(readonly error: LiveError) {
    super(error.message);
    this.name = 'LiveFailure';
  }
}

/**
 * Sorts a libpcap error text into one of our codes. libpcap's wording
 * (pcap-linux.c) is stable enough to match: "You don't have permission to
 * capture on that device (socket: Operation not permitted)", "No such device
 * exists", "can't parse filter expression" / "syntax error".
 */
export function classifyPcapError(iface: string, text: string, known: readonly string[]): LiveError {
  const t = text.toLowerCase();
  if (t.includes('permission') || t.includes('operation not permitted')) return noPermission(iface, text);
  if (t.includes('no such device')) return unknownInterface(iface, known, text);
  if (t.includes('syntax error') || t.includes("can't parse filter") || t.includes('filter')) {
    return { code: 'bad-filter', message: `libpcap rejected the capture filter: ${text}`, detail: text };
  }
  if (t.includes('not up')) {
    return { code: 'capture-failed', message: `capture on ${iface} failed: the interface is down (bring it up: ip link set ${iface} up)`, detail: text };
  }
  return { code: 'capture-failed', message: `capture on ${iface} failed: ${text}`, detail: text };
}
