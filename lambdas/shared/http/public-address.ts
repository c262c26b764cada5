import { isIP } from 'node:net';

/**
 * Where an IP address leads, for the callback guard (SSRF): a callback may only reach the public internet.
 * Everything a server can reach that a stranger could not is refused: this host, the private networks, the
 * cloud's metadata and DNS services, link-local and unroutable ranges, multicast. IPv4 inside IPv6
 * (`::ffff:10.0.0.1`, NAT64, 6to4) is judged as the IPv4 address it carries.
 */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'reserved'
  | 'not an IP address';

export function addressKind(address: string): AddressKind {
  const family = isIP(address);
  if (family === 4) return ipv4Kind(ipv4Octets(address));
  if (family === 6) return ipv6Kind(ipv6Words(address));
  return 'not an IP address';
}

function ipv4Octets(address: string): number[] {
  return address.split('.').map(Number);
}

function ipv4Kind([a = 0, b = 0, c = 0, d = 0]: number[]): AddressKind {
  // The instance metadata service, and Amazon's DNS resolver on its link-local address.
  if (a === 169 && b === 254 && c === 169 && (d === 254 || d === 253)) return 'metadata';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  // Carrier-grade NAT (100.64/10) and benchmarking (198.18/15) are private to some network, not ours to call.
  if ((a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19))) return 'private';
  // IETF protocol assignments, the documentation nets, multicast and the old class E.
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return 'reserved';
  if ((a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'reserved';
  if (a >= 224) return 'reserved';
  return 'public';
}

/** The eight 16-bit words of an IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function ipv6Words(address: string): number[] {
  let text = address.toLowerCase().split('%')[0] as string;
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = ipv4Octets(dotted[1] as string);
    text = `${text.slice(0, -(dotted[1] as string).length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const words = (part: string) =>
    part === '' ? [] : part.split(':').map((word) => Number.parseInt(word, 16));
  const front = words(head);
  const back = tail === undefined ? [] : words(tail);
  return [...front, ...new Array(8 - front.length - back.length).fill(0), ...back];
}

function ipv6Kind(w: number[]): AddressKind {
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0] = w;
  const embedded = () => ipv4Kind([w6 >> 8, w6 & 0xff, w7 >> 8, w7 & 0xff]);
  const zeroTo = (n: number) => w.slice(0, n).every((word) => word === 0);
  if (zeroTo(7) && w7 === 1) return 'loopback';
  if (zeroTo(8)) return 'unspecified';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96): the IPv4 decides.
  if (zeroTo(5) && (w5 === 0xffff || w5 === 0)) return embedded();
  if (w0 === 0x64 && w1 === 0xff9b && [w2, w3, w4, w5].every((word) => word === 0)) return embedded();
  // 6to4 (2002::/16) carries an IPv4 address in its next two words.
  if (w0 === 0x2002) return ipv4Kind([w1 >> 8, w1 & 0xff, w2 >> 8, w2 & 0xff]);
  // The metadata service's IPv6 address on Nitro instances.
  if (w0 === 0xfd00 && w1 === 0x0ec2 && [w2, w3, w4, w5, w6].every((word) => word === 0) && w7 === 0x254)
    return 'metadata';
  if ((w0 & 0xfe00) === 0xfc00) return 'private';
  if ((w0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((w0 & 0xff00) === 0xff00) return 'reserved';
  // Documentation (2001:db8::/32) and the discard prefix (100::/64).
  if ((w0 === 0x2001 && w1 === 0x0db8) || (w0 === 0x0100 && w1 === 0 && w2 === 0 && w3 === 0))
    return 'reserved';
  return 'public';
}
