/**
 * The client's address from `X-Forwarded-For`, as far as the proxies in front can be trusted: each
 * proxy appends the address it received the request from, so the right-most entries are the
 * trusted ones' and the client is the right-most entry that is not a trusted proxy. Entries that
 * are not IP addresses (`unknown`, a hostname) are ignored.
 */
import { BlockList, isIP } from 'node:net';

/** How much of `X-Forwarded-For` to believe. */
export interface ForwardedForTrust {
  /** The number of proxies in front (`true`: one). */
  trustProxy?: boolean | number;
  /** The addresses and CIDR ranges (`10.0.0.0/8`, `2001:db8::/32`) of the proxies in front. */
  trustedProxies?: readonly string[];
}

/** Whether `trust` says anything about the proxies in front. */
export function trustsForwardedFor(trust: ForwardedForTrust): boolean {
  return hopsOf(trust.trustProxy) > 0 || (trust.trustedProxies?.length ?? 0) > 0;
}

const hopsOf = (trustProxy: boolean | number | undefined) => (trustProxy === true ? 1 : Number(trustProxy) || 0);

/** A BlockList of addresses and CIDR ranges; throws on an entry that is neither (a typo must not trust the world). */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits, extra] = entry.trim().split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const max = family === 6 ? 128 : 32;
    if (
      !family ||
      extra !== undefined ||
      (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))
    )
      throw new Error(`trustedProxies: "${entry}" is not an IP address or CIDR range`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/** Whether `ip` is in `list`; an IPv4-mapped address (`::ffff:10.0.0.1`, a dual-stack socket's) as its IPv4 one. */
function isTrusted(list: BlockList, ip: string): boolean {
  const address = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)?.[1] ?? ip;
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Reads the client's address under a fixed trust, from `X-Forwarded-For` and the peer (the socket's
 * address, when the host gives one):
 * - `trustedProxies`: the right-most address of the chain (the header's entries, then the peer)
 *   that is not a trusted proxy; the header is read only when the peer is trusted;
 * - else `trustProxy: n`: the n-th entry from the right of the header (the left-most when it is
 *   shorter), the peer being the n-th proxy;
 * - no peer (a fetch-style host that gives none, as Next.js route handlers): the header as it stands.
 * Undefined when nothing is trusted or the chain has no address.
 */
export function forwardedClientReader(
  trust: ForwardedForTrust,
): (header: string | null, peer?: string) => string | undefined {
  const list = trust.trustedProxies?.length ? trustedProxyList(trust.trustedProxies) : undefined;
  const hops = hopsOf(trust.trustProxy);
  return (header, peer) => {
    if (!list && hops === 0) return undefined;
    const entries = (header ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => isIP(entry) !== 0);
    if (list) {
      const chain = peer === undefined ? entries : [...entries, peer];
      for (let i = chain.length - 1; i >= 0; i--) if (!isTrusted(list, chain[i])) return chain[i];
      return chain[0];
    }
    return entries.length ? entries[Math.max(0, entries.length - hops)] : peer;
  };
}
