// Property tests (issue 12): adversarial policies, generated, go through every policy parser and
// evaluator. Each returns a verdict or a named error (PolicyParseError), never another exception,
// never touches Object.prototype, and the wildcard matchers stay within a step budget linear in
// the document's size (every text they match against has a fixed length).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerManagedPolicy } from '../../../functions/lookups/iam';
import { judgeJobVpcRestriction } from '../../../functions/rules/glue-iam-job-vpc-restricted';
import { judgeLeastPrivilege } from '../../../functions/rules/glue-iam-policy-least-privilege';
import { catalogPolicyFindings } from '../../../functions/rules/lib/catalog-policy';
import { globMatch, globSteps } from '../../../functions/rules/lib/glob';
import { ipValuesConfine, parseIpRange } from '../../../functions/rules/lib/ip-ranges';
import { findDuplicateKey } from '../../../functions/rules/lib/json-keys';
import { PolicyParseError, parsePolicy } from '../../../functions/rules/lib/policy';
import { enforcesSslOnly } from '../../../functions/rules/lib/s3-policy';

const WEIRD_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', ''];
const OPERATORS = [
  'StringEquals',
  'StringLike',
  'ForAnyValue:StringEquals',
  'ForAllValues:StringLike',
  'StringEqualsIfExists',
  'IpAddress',
  'NotIpAddress',
  'Bool',
  'ArnLike',
  'Null',
  'Foo:Bar:Baz',
  ...WEIRD_KEYS,
];
const KEYS = [
  'aws:SourceVpce',
  'aws:PrincipalOrgID',
  'aws:SourceIp',
  'glue:VpcIds',
  'aws:SecureTransport',
  ...WEIRD_KEYS,
];

/** A run of wildcards: long star runs, alternating `*?`, or stars between letters. */
const wildRun = fc.oneof(
  fc.integer({ min: 0, max: 300 }).map((n) => '*'.repeat(n)),
  fc.integer({ min: 0, max: 150 }).map((n) => '*?'.repeat(n)),
  fc.integer({ min: 0, max: 100 }).map((n) => '*a'.repeat(n)),
);
const pattern = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('glue:', 's3:', 'arn:aws:glue:', 'arn:aws:s3:::bucket', 'GLUE:Get', ''),
      wildRun,
      fc.string(),
    )
    .map(([a, b, c]) => a + b + c),
  fc.string(),
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a JS placeholder
  fc.constantFrom('*', 'glue:*', 's3:*', '${aws:username}', '0.0.0.0/8x', '::/0', '10.0.0.0/8'),
);
const values = fc.oneof(
  pattern,
  fc.array(pattern, { maxLength: 4 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const condition = fc.dictionary(
  fc.constantFrom(...OPERATORS),
  fc.oneof(fc.dictionary(fc.constantFrom(...KEYS), values, { maxKeys: 4 }), values),
  { maxKeys: 4 },
);
const principal = fc.oneof(
  fc.constant('*'),
  fc.record({ AWS: fc.oneof(fc.constant('*'), fc.constant('123456789012'), pattern) }),
  fc.dictionary(fc.constantFrom('AWS', 'Service', 'aws', ...WEIRD_KEYS), values, { maxKeys: 2 }),
);
const statement = fc.record(
  {
    Sid: fc.string(),
    Effect: fc.constantFrom('Allow', 'Deny', 'allow', 3),
    Principal: principal,
    NotPrincipal: principal,
    Action: fc.oneof(pattern, fc.array(pattern, { maxLength: 3 })),
    NotAction: fc.oneof(pattern, fc.array(pattern, { maxLength: 3 })),
    Resource: fc.oneof(pattern, fc.array(pattern, { maxLength: 3 })),
    NotResource: fc.oneof(pattern, fc.array(pattern, { maxLength: 3 })),
    Condition: fc.oneof(condition, fc.jsonValue({ maxDepth: 3 })),
  },
  { requiredKeys: ['Effect'] },
);
const document = fc.oneof(
  fc.record({
    Version: fc.constant('2012-10-17'),
    Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })),
  }),
  fc.jsonValue({ maxDepth: 4 }),
);

/** The document as text: usually plain JSON, sometimes with weird or repeated member names spliced in. */
const documentText = fc
  .tuple(
    document,
    fc.constantFrom('', '"__proto__":{"x":1},', '"Statement":[],', '"constructor":"y",'),
    fc.boolean(),
  )
  .map(([doc, splice, encode]) => {
    const json = JSON.stringify(doc) ?? 'null';
    const text = splice && json.startsWith('{') && json.length > 2 ? `{${splice}${json.slice(1)}` : json;
    return encode ? encodeURIComponent(text) : text;
  });

const iam = (document: string): CustomerManagedPolicy => ({
  policyId: 'ANPAEXAMPLE000000010',
  policyName: 'generated',
  arn: 'arn:aws:iam::123456789012:policy/generated',
  document,
});

/** Runs one evaluator: a result, or PolicyParseError; anything else fails the property. */
function verdictOrNamedError(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof PolicyParseError)) throw error;
  }
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('policy parsers and evaluators on generated hostile policies', () => {
  it('return a verdict or PolicyParseError within a step budget linear in the document size', () => {
    const before = prototypeKeys();
    fc.assert(
      fc.property(documentText, (text) => {
        globSteps.count = 0;
        verdictOrNamedError(() => judgeLeastPrivilege(iam(text)));
        verdictOrNamedError(() => judgeJobVpcRestriction(iam(text), ['vpc-0a1b2c3d4e5f60718']));
        verdictOrNamedError(() => enforcesSslOnly(text, 'bucket'));
        verdictOrNamedError(() =>
          catalogPolicyFindings(parsePolicy(text), {
            accountId: '123456789012',
            allowedAccountIds: ['777788889999'],
            requireSourceVpce: true,
          }),
        );
        expect(globSteps.count).toBeLessThanOrEqual(1000 * (text.length + 1));
        expect(({} as Record<string, unknown>).x).toBeUndefined();
      }),
      { numRuns: 300 },
    );
    expect(prototypeKeys()).toEqual(before);
  });

  it('the duplicate-key scanner agrees with a parse that keeps every member', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, duplicate) => {
        // Prepare: optionally repeat the first member of the outermost object.
        let text = JSON.stringify(value) ?? 'null';
        const first = /^\{("(?:[^"\\]|\\.)*"):/.exec(text)?.[1];
        if (duplicate && first) text = `{${first}:0,${text.slice(1)}`;
        // Act
        const found = findDuplicateKey(text);
        // Assess
        if (duplicate && first) expect(found?.path).toBe('');
        else if (value !== null && typeof value === 'object') expect(found).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('globMatch takes at most (pattern + 1) x (text + 1) steps, and agrees with a reference matcher', () => {
    // A memoised reference (dynamic programming), correct by construction, for short inputs.
    const reference = (p: string, t: string): boolean => {
      const memo = new Map<string, boolean>();
      const go = (i: number, j: number): boolean => {
        const key = `${i},${j}`;
        const hit = memo.get(key);
        if (hit !== undefined) return hit;
        let r: boolean;
        if (i === p.length) r = j === t.length;
        else if (p[i] === '*') r = go(i + 1, j) || (j < t.length && go(i, j + 1));
        else r = j < t.length && (p[i] === '?' || p[i] === t[j]) && go(i + 1, j + 1);
        memo.set(key, r);
        return r;
      };
      return go(0, 0);
    };
    const alphabet = fc.constantFrom('a', 'b', '*', '?', ':');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')),
        fc.array(fc.constantFrom('a', 'b', ':', '*'), { maxLength: 40 }).map((a) => a.join('')),
        (p, t) => {
          globSteps.count = 0;
          const got = globMatch(p, t);
          expect(globSteps.count).toBeLessThanOrEqual((p.length + 1) * (t.length + 1));
          expect(got).toBe(reference(p, t));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('IP parsing never throws, and a value list confines only if every value parses', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.ipV4Extended()), { maxLength: 5 }),
        (vs) => {
          const confines = ipValuesConfine(vs);
          if (vs.some((v) => parseIpRange(v) === undefined)) expect(confines).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
