/**
 * Strict parsing of `aws:SourceIp` values (an address or CIDR block, IPv4 or IPv6) and how much of
 * the address space a list of them covers together. Values are attacker data: a value that is not
 * exactly an address with an optional `/prefix` (`0.0.0.0/8x`, `10.0.0.0/033`, `1.2.3`) is
 * invalid, never read as something near it.
 */

/** One address range: [first, last], both inclusive. */
export interface IpRange {
  version: 4 | 6;
  first: bigint;
  last: bigint;
}

const DECIMAL = /^(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function ipv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const part of parts) {
    if (!DECIMAL.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    n = (n << 8n) | BigInt(octet);
  }
  return n;
}

function groups(text: string): bigint[] | undefined {
  if (text === '') return [];
  const out: bigint[] = [];
  const parts = text.split(':');
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = ipv4(part);
      if (v4 === undefined) return undefined;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEX_GROUP.test(part)) {
      out.push(BigInt(Number.parseInt(part, 16)));
    } else {
      return undefined;
    }
  }
  return out;
}

function ipv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<bigint>(missing).fill(0n), ...tail];
  return all.reduce((n, g) => (n << 16n) | g, 0n);
}

/**
 * The range an `aws:SourceIp` value names, or undefined when it is not a valid address or CIDR
 * block. Host bits under the prefix are ignored (`10.1.2.3/8` is 10.0.0.0 - 10.255.255.255).
 *
 * @example
 * parseIpRange('0.0.0.0/8')  // { version: 4, first: 0n, last: 16777215n }
 * parseIpRange('0.0.0.0/8x') // undefined
 */
export function parseIpRange(value: string): IpRange | undefined {
  const text = value.trim();
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const version = address.includes(':') ? 6 : 4;
  const n = version === 4 ? ipv4(address) : ipv6(address);
  if (n === undefined) return undefined;
  const width = version === 4 ? 32 : 128;
  let prefix = width;
  if (prefixText !== undefined) {
    if (!DECIMAL.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > width) return undefined;
  }
  const size = 1n << BigInt(width - prefix);
  const first = (n / size) * size;
  return { version, first, last: first + size - 1n };
}

/** How many addresses the ranges of one version cover together (overlaps counted once). */
export function unionSize(ranges: readonly IpRange[]): bigint {
  const sorted = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  let total = 0n;
  let end = -1n; // last address already counted
  for (const r of sorted) {
    if (r.last <= end) continue;
    total += r.last - (r.first > end ? r.first : end + 1n) + 1n;
    end = r.last;
  }
  return total;
}

/**
 * Our threshold, not AWS's: a source-IP condition whose ranges together cover more than a /8's
 * worth of IPv4 addresses (2^24), or more than a /32's worth of IPv6 addresses (2^96, the size of
 * a regional internet registry's smallest usual allocation to a network operator), confines
 * nothing useful. `0.0.0.0/1` + `128.0.0.0/1`, or all 256 `N.0.0.0/8`, is the whole internet.
 */
export const MAX_CONFINING_ADDRESSES = { 4: 1n << 24n, 6: 1n << 96n } as const;

/**
 * True when every value is a valid address or CIDR block and, per IP version, the values together
 * stay within MAX_CONFINING_ADDRESSES. An empty list or any invalid value confines nothing.
 */
export function ipValuesConfine(values: readonly string[]): boolean {
  if (values.length === 0) return false;
  const ranges: IpRange[] = [];
  for (const v of values) {
    const r = parseIpRange(v);
    if (!r) return false;
    ranges.push(r);
  }
  return ([4, 6] as const).every(
    (version) => unionSize(ranges.filter((r) => r.version === version)) <= MAX_CONFINING_ADDRESSES[version],
  );
}
