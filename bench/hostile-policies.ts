// Evaluate time of each policy rule on worst-case hostile policies (issue 12): a 6,144-character
// IAM policy (the managed-policy size limit) and a 20 KB resource policy (S3 bucket policies may
// be 20 KB), both built from the shapes that made regular-expression matching backtrack (star
// runs, `*?` runs that star collapsing cannot shorten, `*a` runs), policy variables, internet-wide
// source IP lists and hostile member names. Figures only: median and max of repeated runs.
import type { CustomerManagedPolicy } from '../functions/lookups/iam';
import { rule as catalogRule } from '../functions/rules/glue-catalog-policy-restricted';
import { rule as jobVpcRule } from '../functions/rules/glue-iam-job-vpc-restricted';
import { rule as leastPrivilegeRule } from '../functions/rules/glue-iam-policy-least-privilege';
import { rule as sslRule } from '../functions/rules/glue-s3-targets-ssl-only';
import { globSteps } from '../functions/rules/lib/glob';
import { evaluateAccount, evaluateResource } from './support/rule-context';

const RUNS = 25;

/** Statements made by `make(i)` until the document would pass `limit` characters. */
function fill(limit: number, make: (i: number) => object): string {
  const statements: object[] = [];
  let text = JSON.stringify({ Version: '2012-10-17', Statement: statements });
  for (let i = 0; ; i++) {
    const next = JSON.stringify({ Version: '2012-10-17', Statement: [...statements, make(i)] });
    if (next.length > limit) {
      // Pad the first Sid so the document is exactly `limit` characters.
      const doc = JSON.parse(text) as { Statement: { Sid: string }[] };
      const first = doc.Statement[0];
      if (first) first.Sid += 'x'.repeat(limit - text.length);
      return JSON.stringify(doc);
    }
    statements.push(make(i));
    text = next;
  }
}

const rep = (s: string, n: number) => s.repeat(n);
// biome-ignore lint/suspicious/noTemplateCurlyInString: IAM policy variables, not JS placeholders
const VARIABLES = ['${aws:PrincipalAccount}', '${aws:SourceVpce}'];

/** Each statement carries long wildcard runs in Action, NotAction and Resource. */
function iamStatement(i: number): object {
  const shapes = [
    { Effect: 'Allow', Action: `glue:Get${rep('*?', 60)}x`, Resource: `arn:aws:glue:${rep('*', 200)}` },
    // Fail only after every star has been tried (the shape that hung the regular expressions).
    { Effect: 'Allow', Action: `glue:${rep('*', 150)}zz`, Resource: `arn:aws:glue:${rep('*a', 100)}zz` },
    { Effect: 'Allow', NotAction: `glue:${rep('*a', 60)}b`, NotResource: `arn:aws:glue:${rep('*?', 80)}` },
    {
      Effect: 'Allow',
      Action: [`gl${rep('*', 100)}:${rep('*?', 40)}Job`],
      Resource: `arn:${rep('*a', 50)}:glue:*`,
      Condition: { 'ForAnyValue:StringLike': { 'glue:VpcIds': [`vpc-${rep('*?', 30)}`, VARIABLES[0]] } },
    },
  ];
  return { Sid: `S${i}`, ...(shapes[i % shapes.length] as object) };
}

/** Deny statements shaped like the TLS statement, with wildcard runs everywhere a pattern goes. */
function bucketStatement(i: number): object {
  const shapes = [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: `s3:${rep('*?', 120)}`,
      Resource: [
        `arn:aws:s3:::bucket/${rep('*', 256)}q`,
        `arn:aws:s3:::bucket${rep('*', 256)}`,
        `arn:aws:s3:::bucket/${rep('*a', 100)}`,
      ],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Effect: 'Deny',
      Principal: '*',
      NotAction: `s3:${rep('*?', 100)}x`,
      NotResource: `arn:aws:s3:::bucket/${rep('*?', 120)}y`,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'glue:GetTables',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalAccount': VARIABLES[0], 'aws:SourceVpce': VARIABLES[1] },
        IpAddress: { 'aws:SourceIp': Array.from({ length: 64 }, (_, n) => `${n * 4}.0.0.0/6`) },
      },
    },
  ];
  return { Sid: `B${i}`, ...(shapes[i % shapes.length] as object) };
}

async function measure(label: string, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm-up
  const times: number[] = [];
  globSteps.count = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const max = times[times.length - 1] ?? 0;
  const steps = Math.round(globSteps.count / RUNS);
  console.log(
    `${label.padEnd(58)} ${median.toFixed(2).padStart(8)} ${max.toFixed(2).padStart(8)} ${String(steps).padStart(10)}`,
  );
}

export async function run(): Promise<void> {
  const iamText = fill(6_144, iamStatement);
  const bucketText = fill(20 * 1024, bucketStatement);
  const policy: CustomerManagedPolicy = {
    policyId: 'ANPAEXAMPLE000000011',
    policyName: 'hostile',
    arn: 'arn:aws:iam::123456789012:policy/hostile',
    document: iamText,
  };
  const jobs = async () => [
    { Name: 'etl', Command: { Name: 'glueetl', ScriptLocation: 's3://bucket/etl.py' } },
  ];
  console.log(
    `IAM policy: ${iamText.length} characters; bucket/catalog policy: ${bucketText.length} characters`,
  );
  console.log(
    `${'rule / policy'.padEnd(58)} ${'median ms'.padStart(8)} ${'max ms'.padStart(8)} ${'steps'.padStart(10)}`,
  );
  await measure(`glue-iam-policy-least-privilege / IAM ${iamText.length} ch`, () =>
    evaluateResource(leastPrivilegeRule, policy, {}),
  );
  await measure(`glue-iam-job-vpc-restricted / IAM ${iamText.length} ch`, () =>
    evaluateResource(jobVpcRule, policy, {}, { allowedVpcIds: 'vpc-0a1b2c3d4e5f60718' }),
  );
  await measure(`glue-s3-targets-ssl-only / bucket ${bucketText.length} ch`, () =>
    evaluateAccount(sslRule, {
      jobs,
      crawlers: async () => [],
      bucketPolicy: async () => ({ status: 'policy', policy: bucketText }),
    }),
  );
  await measure(`glue-catalog-policy-restricted / resource ${bucketText.length} ch`, () =>
    evaluateAccount(catalogRule, { catalogPolicy: async () => bucketText }, { requireSourceVpce: 'true' }),
  );
}
