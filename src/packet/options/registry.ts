// Which codec decodes which option type (see ../options.ts for the policy).

import { dnsslCodec, rdnssCodec } from './dns.ts';
import { captivePortalCodec } from './captive-portal.ts';
import { linkLayerAddressCodec } from './link-layer.ts';
import { mtuCodec, nonceCodec, redirectedHeaderCodec } from './basic.ts';
import { pref64Codec } from './pref64.ts';
import { prefixInformationCodec } from './prefix-information.ts';
import { routeInformationCodec } from './route-information.ts';
import type { OptionCodec } from './wire.ts';

export const OPTION_CODECS: ReadonlyArray<readonly [number, OptionCodec]> = [
  [1, linkLayerAddressCodec as OptionCodec],
  [2, linkLayerAddressCodec as OptionCodec],
  [3, prefixInformationCodec as OptionCodec],
  [4, redirectedHeaderCodec as OptionCodec],
  [5, mtuCodec as OptionCodec],
  [14, nonceCodec as OptionCodec],
  [24, routeInformationCodec as OptionCodec],
  [25, rdnssCodec as OptionCodec],
  [31, dnsslCodec as OptionCodec],
  [37, captivePortalCodec as OptionCodec],
  [38, pref64Codec as OptionCodec],
];
