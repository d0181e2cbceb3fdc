/**
 * Client addresses as the budgets see them, and where the client address
 * comes from behind proxies.
 *
 * Keys: an IPv4 address as is, also when it arrives IPv4-mapped in any
 * spelling (`::ffff:203.0.113.9`, `::ffff:cb00:7109`); an IPv6 address by
 * its /64 (one subscriber's LAN) and by its /48 (one site: what an ordinary
 * customer is given, 65,536 /64s); anything else verbatim. IPv4 has no block
 * key: Egyptian mobile carriers put whole towns behind a few CGNAT
 * addresses, so neighbours in a /24 are many unrelated people, while an
 * attacker with many IPv4 addresses pays for each (unlike IPv6 /64s).
 *
 * Parsing and CIDR matching: ipaddr.js (the library behind Express's
 * `trust proxy`).
 */
import { isIPv4 } from 'node:net';
import type IpAddr from 'ipaddr.js';
import { importPeer } from './optional-peer.js';

// An optional peer: without it, `vlens-register/server` fails with one line naming the npm install.
const { default: ipaddr } = await importPeer('ipaddr.js', 'vlens-register/server', () => import('ipaddr.js'));

type Address = IpAddr.IPv4 | IpAddr.IPv6;

/** `text` as an address (a zone, brackets and a port removed; IPv4-mapped IPv6 as its IPv4), or undefined when it is not one. */
export function parseAddress(text: string): Address | undefined {
  let address = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.indexOf(':'));
  address = address.replace(/%.*$/, '');
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return ipaddr.IPv4.parse(address);
  if (!ipaddr.IPv6.isValid(address)) return undefined;
  const v6 = ipaddr.IPv6.parse(address);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** The address as the proxy writes it (RFC 5952 for IPv6), or `text` as given when it is not an address. */
export function addressText(text: string): string {
  if (isIPv4(text)) return text;
  return parseAddress(text)?.toString() ?? text;
}

/** The first `groups` 16-bit groups of an IPv6 address, as `a:b:c::/bits`. */
function v6Prefix(address: IpAddr.IPv6, groups: number): string {
  return `${address.parts
    .slice(0, groups)
    .map((g) => g.toString(16))
    .join(':')}::/${groups * 16}`;
}

/** The key per-client limits count on: IPv4 as is, IPv6 as its /64. */
export function clientLimitKey(ip: string): string {
  if (isIPv4(ip)) return ip;
  const address = parseAddress(ip);
  if (!address) return ip;
  return address.kind() === 'ipv4' ? address.toString() : v6Prefix(address as IpAddr.IPv6, 4);
}

/** The key per-site limits count on: an IPv6 address's /48; undefined for IPv4 (see above) and non-addresses. */
export function clientBlockKey(ip: string): string | undefined {
  if (isIPv4(ip)) return undefined;
  const address = parseAddress(ip);
  return address?.kind() === 'ipv6' ? v6Prefix(address as IpAddr.IPv6, 3) : undefined;
}

const PRIVATE_RANGES = new Set(['private', 'loopback', 'carrierGradeNat', 'linkLocal', 'uniqueLocal']);

/**
 * True for loopback, private (RFC 1918, unique local), carrier-grade NAT and
 * link-local addresses: where a load balancer or reverse proxy usually sits.
 */
export function isPrivateAddress(ip: string): boolean {
  const address = parseAddress(ip);
  return address !== undefined && PRIVATE_RANGES.has(address.range());
}

export interface ClientAddressOptions {
  trustProxy?: boolean | number;
  trustedProxies?: readonly string[];
  warn: (message: string) => void;
}

type Header = { get(name: string): string | null; has(name: string): boolean };

/** Parses `trustedProxies` (addresses and CIDRs); throws on an entry that is neither. */
function trustedRanges(entries: readonly string[]): Array<[Address, number]> {
  return entries.map((entry) => {
    const text = entry.trim();
    try {
      if (text.includes('/')) {
        const [address, bits] = ipaddr.parseCIDR(text);
        // A mapped IPv4 range (::ffff:10.0.0.0/104) matches the IPv4 addresses it carries.
        if (address.kind() === 'ipv6' && (address as IpAddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
          return [(address as IpAddr.IPv6).toIPv4Address(), bits - 96];
        }
        return [address, bits];
      }
    } catch {
      throw new Error(`createVlensProxy: trustedProxies entry "${entry}" is not an address or CIDR`);
    }
    const address = parseAddress(text);
    if (!address) throw new Error(`createVlensProxy: trustedProxies entry "${entry}" is not an address or CIDR`);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  });
}

/**
 * The client address of a request. Without a trust setting: the socket's
 * address (X-Forwarded-For is never read). With one: hop 0 is the socket's
 * peer, hop 1 the right-most `X-Forwarded-For` entry, and so on leftwards;
 * a hop is trusted when its index is below `trustProxy` (a hop count) or its
 * address is in `trustedProxies`. The client is the first hop that is not
 * trusted, so the header is read only when the peer itself is trusted. An
 * entry that is not an IP address is skipped (it never becomes a client).
 * When every hop is trusted, the left-most address is the client.
 *
 * No socket address (an adapter that has none, e.g. a serverless platform):
 * the missing peer counts as one trusted hop when any trust setting is
 * given (the platform's front end is the peer the adapter cannot see), so
 * `trustProxy: 1` takes the right-most entry; with no trust setting the
 * client is 'unknown' (one shared budget) and one warning says so.
 */
export function createClientAddress({ trustProxy, trustedProxies = [], warn }: ClientAddressOptions) {
  const trustedHops = trustProxy === true ? 1 : typeof trustProxy === 'number' ? Math.max(0, trustProxy) : 0;
  const ranges = trustedRanges(trustedProxies);
  const trustsAny = trustedHops > 0 || ranges.length > 0;
  let warnedForwardedFor = false;
  let warnedNoAddress = false;

  const isTrusted = (address: Address, hop: number) =>
    hop < trustedHops || ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));

  function untrusted(headers: Header, socketIp: string | undefined): string {
    if (!socketIp) {
      if (!warnedNoAddress) {
        warnedNoAddress = true;
        warn(
          'vlens proxy: the handler was called without a client address and no trustProxy/trustedProxies: ' +
            'every client shares one budget. Pass { clientIp }, or set trustProxy to the hops in front (1 for Vercel ' +
            'or one load balancer) or trustedProxies to their addresses.',
        );
      }
      return 'unknown';
    }
    if (!warnedForwardedFor && headers.has('x-forwarded-for') && isPrivateAddress(socketIp)) {
      warnedForwardedFor = true;
      warn(
        `vlens proxy: requests arrive from the private address ${socketIp} with X-Forwarded-For, but trustProxy is off: ` +
          'every client behind that proxy shares one IP budget. Set trustProxy to the number of proxies in front, or trustedProxies to their addresses.',
      );
    }
    return addressText(socketIp);
  }

  return function clientAddress(headers: Header, socketIp: string | undefined): string {
    if (!trustsAny) return untrusted(headers, socketIp);
    let client: string | undefined;
    if (socketIp) {
      const peer = parseAddress(socketIp);
      if (!peer) return socketIp;
      client = peer.toString();
      if (!isTrusted(peer, 0)) return client;
    }
    const forwarded = headers.get('x-forwarded-for');
    if (!forwarded) return client ?? 'unknown';
    const entries = forwarded.split(',');
    let hop = 1;
    for (let i = entries.length - 1; i >= 0; i--) {
      const address = parseAddress(entries[i]);
      if (!address) continue;
      client = address.toString();
      if (!isTrusted(address, hop++)) return client;
    }
    return client ?? 'unknown';
  };
}
