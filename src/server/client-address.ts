/**
 * Client addresses as the limits see them: an IPv4 address as is (also when
 * it arrives IPv4-mapped, `::ffff:203.0.113.9`), an IPv6 address by its /64
 * (one subscriber's whole prefix is one client), anything else verbatim.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { forwardedClientReader, trustsForwardedFor, type ForwardedForTrust } from './forwarded-for.js';

/** The key per-client limits count on: IPv4 as is, IPv6 as its first four groups + `::/64`. */
export function clientLimitKey(ip: string): string {
  if (isIPv4(ip)) return ip;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  const groups = ipv6Groups(ip);
  if (!groups) return ip;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (zone removed, embedded IPv4 read), or undefined when it is not one. */
export function ipv6Groups(ip: string): number[] | undefined {
  const address = ip.replace(/%.*$/, '');
  if (!isIPv6(address)) return undefined;
  let text = address.toLowerCase();
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

const PRIVATE = new BlockList();
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4');
PRIVATE.addSubnet('169.254.0.0', 16, 'ipv4');
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

/**
 * True for loopback, private (RFC 1918, unique local), carrier-grade NAT and
 * link-local addresses: where a load balancer or reverse proxy usually sits.
 */
export function isPrivateAddress(ip: string): boolean {
  const key = clientLimitKey(ip);
  if (isIPv4(key)) return PRIVATE.check(key, 'ipv4');
  const address = ip.replace(/%.*$/, '');
  return isIPv6(address) && PRIVATE.check(address, 'ipv6');
}

export interface ClientAddressOptions extends ForwardedForTrust {
  warn: (message: string) => void;
}

/**
 * The client address of a request: the socket's, or read from `X-Forwarded-For` behind trusted proxies
 * (forwarded-for.ts). Warns once when a private peer sends X-Forwarded-For that nothing says to trust,
 * and once when a request comes with no address and nothing to read one from (every client is then
 * "unknown"). Throws at creation on a `trustedProxies` entry that is not an address or range.
 */
export function createClientAddress({ warn, ...trust }: ClientAddressOptions) {
  const trusting = trustsForwardedFor(trust);
  const forwardedClient = forwardedClientReader(trust);
  let warnedForwardedFor = false;
  let warnedNoAddress = false;

  return function clientAddress(
    headers: { get(name: string): string | null; has(name: string): boolean },
    socketIp: string | undefined,
  ): string {
    if (trusting) return forwardedClient(headers.get('x-forwarded-for'), socketIp) ?? socketIp ?? 'unknown';
    if (socketIp === undefined) {
      if (!warnedNoAddress) {
        warnedNoAddress = true;
        warn(
          'vlens proxy: a request came with no client address and neither trustProxy nor trustedProxies is set, so ' +
            'every client shares one IP budget ("unknown"). Behind proxies that set X-Forwarded-For (Vercel, a load ' +
            'balancer) set trustProxy to their number or trustedProxies to their addresses; else pass { clientIp }.',
        );
      }
      return 'unknown';
    }
    if (!warnedForwardedFor && headers.has('x-forwarded-for') && isPrivateAddress(socketIp)) {
      warnedForwardedFor = true;
      warn(
        `vlens proxy: requests arrive from the private address ${socketIp} with X-Forwarded-For, but trustProxy is off: ` +
          'every client behind that proxy shares one IP budget. Set trustProxy to the number of proxies in front ' +
          '(or trustedProxies to their addresses).',
      );
    }
    return socketIp;
  };
}
