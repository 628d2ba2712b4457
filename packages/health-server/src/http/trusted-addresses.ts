import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { HealthError } from '../health-error.js';

/**
 * A predicate over the address a request's TCP connection came from, for the explicit
 * `details.trustedAddresses` option: exact addresses (`10.1.2.3`, `::1`) and CIDR ranges
 * (`10.0.0.0/8`, `fd00::/8`). IPv4-mapped IPv6 peers (`::ffff:10.1.2.3`) count as IPv4.
 * Only the socket's address is read, never `X-Forwarded-For`: a header is the caller's word.
 */
export function addressMatcher(
  addresses: readonly string[],
  where: string,
): (req: IncomingMessage) => boolean {
  const list = new BlockList();
  for (const entry of addresses) {
    const [address = '', prefix] = typeof entry === 'string' ? entry.split('/') : [''];
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = family === 6 ? 128 : 32;
    if (
      family === 0 ||
      (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= max))
    ) {
      throw new HealthError(
        'E_CONFIG_INVALID',
        `${where}: ${JSON.stringify(entry)} is not an IP address or CIDR range such as "10.0.0.0/8"`,
      );
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return (req) => {
    const raw = req.socket?.remoteAddress;
    if (!raw) return false;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw)?.[1];
    const address = mapped ?? raw;
    return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  };
}
