import { describe, expect, it } from 'vitest';
import { catalogPolicyFindings } from '../../../functions/rules/lib/catalog-policy';
import { parseIpRange, unionSize } from '../../../functions/rules/lib/ip-ranges';
import { findDuplicateKey } from '../../../functions/rules/lib/json-keys';
import { conditionEntries, PolicyParseError, parsePolicy } from '../../../functions/rules/lib/policy';

const options = { accountId: '123456789012', allowedAccountIds: [], requireSourceVpce: false };

describe('hostile policy parsing (issue 12, finding 3)', () => {
  it('keeps __proto__, constructor and toString as ordinary operators and keys, polluting nothing', () => {
    // Prepare: written as text, since a __proto__ member in an object literal sets the prototype.
    const hostile = `{"Statement":{"Sid":"Open","Effect":"Allow","Principal":"*","Action":"glue:*","Resource":"*",
      "Condition":{"__proto__":{"endpoint":"https://attacker.example"},
        "constructor":{"aws:SourceVpce":"vpce-1"},"toString":{"toString":"x"},
        "StringEquals":{"constructor":"y","__proto__":"z"}}}}`;
    // Act
    const policy = parsePolicy(hostile);
    const entries = conditionEntries(policy.statements[0] as never);
    const findings = catalogPolicyFindings(policy, options);
    // Assess
    expect(({} as Record<string, unknown>).endpoint).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('endpoint');
    expect(entries.map((e) => `${e.operator}/${e.key}`).sort()).toEqual([
      'StringEquals/__proto__',
      'StringEquals/constructor',
      '__proto__/endpoint',
      'constructor/aws:sourcevpce',
      'toString/tostring',
    ]);
    expect(findings).toEqual([
      { statement: 'Open', reason: 'allows any principal without a restricting condition' },
    ]);
  });

  it('refuses a document that repeats a member name, with a named error', () => {
    // Prepare: JSON.parse would keep the second Effect and see a Deny.
    const twice = '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"glue:*","Effect":"Deny"}]}';
    const escaped = '{"Statement":[],"Statem\\u0065nt":[]}';
    // Act / Assess
    expect(() => parsePolicy(twice)).toThrow(PolicyParseError);
    expect(() => parsePolicy(twice)).toThrow("policy repeats the key 'Effect' in Statement[0]");
    expect(() => parsePolicy(encodeURIComponent(escaped))).toThrow(
      "repeats the key 'Statement' in the document",
    );
    expect(() => parsePolicy('{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"}}]')).toThrow(
      PolicyParseError,
    );
  });

  it('finds duplicates per object only, through escapes, strings holding braces and nesting', () => {
    // Act / Assess
    expect(findDuplicateKey('{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}')).toBeUndefined();
    expect(findDuplicateKey('{"a":"}{\\"a\\":","b":[1,{"x":1,"x":2}]}')).toEqual({ key: 'x', path: 'b[1]' });
    expect(findDuplicateKey('{"s":{"k":[],"k\\"":1,"k":2}}')).toEqual({ key: 'k', path: 's' });
    expect(findDuplicateKey('[1,2,{"":0,"":1}]')).toEqual({ key: '', path: '[2]' });
  });
});

describe('aws:SourceIp parsing (issue 12, finding 2)', () => {
  it('parses addresses and CIDR blocks strictly', () => {
    // Act / Assess
    expect(parseIpRange('0.0.0.0/8')).toEqual({ version: 4, first: 0n, last: 16777215n });
    expect(parseIpRange('10.1.2.3/8')).toEqual({ version: 4, first: 10n << 24n, last: (11n << 24n) - 1n });
    expect(parseIpRange(' 203.0.113.7 ')?.last).toBe(parseIpRange('203.0.113.7')?.first);
    expect(parseIpRange('::/0')).toEqual({ version: 6, first: 0n, last: (1n << 128n) - 1n });
    expect(parseIpRange('::ffff:10.0.0.1')?.first).toBe((0xffffn << 32n) | (10n << 24n) | 1n);
    expect(parseIpRange('2001:db8::1/128')?.first).toBe((0x20010db8n << 96n) | 1n);
    for (const bad of [
      '0.0.0.0/8x',
      '0.0.0.0/08',
      '0.0.0.0/33',
      '0.0.0.0/',
      '1.2.3',
      '1.2.3.4.5',
      '256.0.0.0',
      '01.2.3.4',
      '1.2.3.4/-1',
      '2001:db8::/129',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '12345::',
      'fe80::1%eth0',
      '',
      '*',
    ]) {
      expect(parseIpRange(bad), bad).toBeUndefined();
    }
  });

  it('counts the union of ranges once per address', () => {
    // Prepare
    const r = (v: string) => parseIpRange(v) as NonNullable<ReturnType<typeof parseIpRange>>;
    // Act / Assess
    expect(unionSize([r('10.0.0.0/8'), r('10.1.0.0/16'), r('10.0.0.0/8')])).toBe(1n << 24n);
    expect(unionSize([r('0.0.0.0/1'), r('128.0.0.0/1')])).toBe(1n << 32n);
    expect(unionSize([r('10.0.0.0/31'), r('10.0.0.1'), r('10.0.0.2')])).toBe(3n);
    expect(unionSize([])).toBe(0n);
  });
});
