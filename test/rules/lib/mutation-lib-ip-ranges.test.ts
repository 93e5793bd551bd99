// Literal-value tests for lib/ip-ranges.ts (issue 11: surviving mutants): parsed ranges, the
// union size of unsorted and overlapping ranges, and the empty list.
import { describe, expect, it } from 'vitest';
import { ipValuesConfine, parseIpRange, unionSize } from '../../../functions/rules/lib/ip-ranges';

const v4 = (first: bigint, last: bigint) => ({ version: 4, first, last });
const v6 = (first: bigint, last: bigint) => ({ version: 6, first, last });

describe('parseIpRange', () => {
  it.each([
    ['255.255.255.255', v4(4294967295n, 4294967295n)],
    ['255.0.0.0/8', v4(4278190080n, 4294967295n)],
    ['256.0.0.0', undefined],
    ['1.2.3.4/32', v4(16909060n, 16909060n)],
    ['/8', undefined],
    ['2001:db8::1', v6(0x20010db8000000000000000000000001n, 0x20010db8000000000000000000000001n)],
    ['1:2:3:4:5:6:7:8', v6(0x00010002000300040005000600070008n, 0x00010002000300040005000600070008n)],
    ['1:2:3:4:5:6:7', undefined],
    ['1:2:3:4::5:6:7', v6(0x00010002000300040000000500060007n, 0x00010002000300040000000500060007n)],
    ['1:2:3:4::5:6:7:8', undefined],
    ['1::2::3', undefined],
    ['1:2:3:4:5:6:7:8::9::0', undefined],
    ['::ffff:1.2.3.4', v6(0xffff01020304n, 0xffff01020304n)],
    ['::ffff:1.2.3', undefined],
    ['::ffff:1.2.3.4:5', undefined],
    ['::/0', v6(0n, (1n << 128n) - 1n)],
    ['::', v6(0n, 0n)],
  ])('%s', (value, range) => {
    expect(parseIpRange(value)).toStrictEqual(range);
  });
});

describe('unionSize', () => {
  const r = (first: bigint, last: bigint) => ({ version: 4 as const, first, last });
  it('sorts the ranges before counting', () => {
    expect(unionSize([r(10n, 20n), r(0n, 5n)])).toBe(17n);
    expect(unionSize([r(30n, 39n), r(10n, 20n), r(0n, 5n), r(50n, 50n)])).toBe(28n);
    expect(unionSize([r(50n, 50n), r(0n, 5n), r(30n, 39n), r(10n, 20n)])).toBe(28n);
  });
  it('counts overlapping and touching ranges once', () => {
    expect(unionSize([r(0n, 10n), r(5n, 20n)])).toBe(21n);
    expect(unionSize([r(5n, 20n), r(0n, 10n)])).toBe(21n);
    expect(unionSize([r(0n, 10n), r(10n, 20n)])).toBe(21n);
    expect(unionSize([r(0n, 10n), r(11n, 20n)])).toBe(21n);
    expect(unionSize([r(0n, 20n), r(5n, 10n)])).toBe(21n);
    expect(unionSize([r(0n, 20n), r(5n, 20n), r(21n, 21n)])).toBe(22n);
  });
  it('is zero for no ranges', () => {
    expect(unionSize([])).toBe(0n);
  });
});

describe('ipValuesConfine', () => {
  it('an empty list confines nothing', () => {
    expect(ipValuesConfine([])).toBe(false);
  });
  it('pins the thresholds', () => {
    expect(ipValuesConfine(['10.0.0.0/8'])).toBe(true);
    expect(ipValuesConfine(['10.0.0.0/8', '11.0.0.0/32'])).toBe(false);
    expect(ipValuesConfine(['10.0.0.0/8', '10.1.0.0/16', '2001:db8::/32'])).toBe(true);
    expect(ipValuesConfine(['2001:db8::/31'])).toBe(false);
    expect(ipValuesConfine(['10.0.0.0/8', 'x'])).toBe(false);
  });
});
