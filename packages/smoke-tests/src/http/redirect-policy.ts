import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a smoke run never goes to on a redirect: link-local ranges, where cloud
 * instance metadata answers (169.254.169.254 holds a CI runner's cloud credentials), and
 * the metadata services that live elsewhere. A smoke suite runs with the CI runner's network
 * access; a target that answers with a redirect must not be able to point it there (SSRF).
 */
const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4');
FORBIDDEN.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6');
FORBIDDEN.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6

const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'instance-data']);

/** True for a link-local or cloud-metadata address (IPv4-mapped IPv6 included). */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1] ?? bare;
  const family = isIP(mapped);
  if (family === 0) return false;
  return FORBIDDEN.check(mapped, family === 6 ? 'ipv6' : 'ipv4');
}

/** Why a redirect to `next` may not be followed from `target`, or undefined when it may. */
export function redirectRefusal(
  status: number,
  target: URL,
  next: URL,
  allowCrossOrigin: boolean,
): string | undefined {
  const host = next.hostname.toLowerCase().replace(/\.$/, '');
  if (isForbiddenAddress(host) || METADATA_HOSTS.has(host)) {
    return `HTTP ${status} redirects to ${next.host}, a link-local or cloud-metadata address; never followed`;
  }
  if (!allowCrossOrigin && next.origin !== target.origin) {
    return `HTTP ${status} redirects to another origin (${next.origin}); only redirects within ${target.origin} are followed`;
  }
  return undefined;
}

/**
 * A DNS lookup that refuses names resolving to a forbidden address, for redirect hops: a
 * harmless-looking host name may resolve to 169.254.169.254.
 */
export function guardedLookup(inner: LookupFunction = dnsLookup as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    inner(hostname, options, (error, address, family) => {
      if (error) {
        callback(error, address, family);
        return;
      }
      const all = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const bad = all.find((a) => typeof a === 'string' && isForbiddenAddress(a));
      if (bad) {
        const refused = Object.assign(
          new Error(
            `${hostname} resolves to ${bad}, a link-local or cloud-metadata address; never followed`,
          ),
          { code: 'E_FORBIDDEN_ADDRESS' },
        );
        callback(refused, address, family);
        return;
      }
      callback(null, address, family);
    });
  };
}
