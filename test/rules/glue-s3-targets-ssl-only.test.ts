import type { Crawler, Job } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import type { BucketPolicyRead } from '../../functions/lookups/s3';
import { rule } from '../../functions/rules/glue-s3-targets-ssl-only';
import { evaluateAccount, ruleContext } from '../support/rule-context';

const sslOnly = (bucket: string, o: { action?: unknown; resource?: unknown; condition?: object } = {}) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadForEtl',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${bucket}/*`,
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: o.action ?? 's3:*',
        Resource: o.resource ?? [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: o.condition ?? { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
const job = (name: string, script: string, args: Record<string, string> = {}): Job => ({
  Name: name,
  Role: 'arn:aws:iam::123456789012:role/glue-etl',
  Command: { Name: 'glueetl', ScriptLocation: script },
  DefaultArguments: args,
});
const crawler = (name: string, ...paths: string[]): Crawler => ({
  Name: name,
  Targets: { S3Targets: paths.map((Path) => ({ Path })) },
});

function lookups(jobs: Job[], crawlers: Crawler[], policies: Record<string, BucketPolicyRead>) {
  const reads: string[] = [];
  return {
    reads,
    fakes: {
      jobs: async () => jobs,
      crawlers: async () => crawlers,
      bucketPolicy: async (b: string) => {
        reads.push(b);
        return policies[b] ?? { status: 'no-policy' };
      },
    },
  };
}
const policy = (p: string): BucketPolicyRead => ({ status: 'policy', policy: p });

describe('Rule: glue-s3-targets-ssl-only', () => {
  it('1. no job or crawler uses S3 -> NOT_APPLICABLE', async () => {
    // Prepare
    const { fakes, reads } = lookups(
      [{ Name: 'ray', Command: { Name: 'glueray' } }],
      [crawler('jdbc-only')],
      {},
    );
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'No Glue job or crawler uses an S3 bucket',
    });
    expect(reads).toEqual([]);
  });

  it('2. a used bucket has no bucket policy -> NON_COMPLIANT, bucket named', async () => {
    // Prepare
    const { fakes } = lookups([job('ledger', 's3://ledger-scripts/etl.py')], [], {});
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation:
        '1 of 1 Glue buckets do not enforce TLS: ledger-scripts (no bucket policy; 1 jobs, 0 crawlers)',
      offenders: ['ledger-scripts (no bucket policy; 1 jobs, 0 crawlers)'],
    });
  });

  it('3. a policy without the SecureTransport deny, or a conditional one -> NON_COMPLIANT', async () => {
    // Prepare
    const narrowed = sslOnly('b-narrow', {
      condition: {
        Bool: { 'aws:SecureTransport': 'false' },
        StringNotEquals: { 'aws:SourceVpce': 'vpce-1' },
      },
    });
    const objectsOnly = sslOnly('c-objects', {
      resource: 'arn:aws:s3:::c-objects/*',
      action: ['s3:GetObject', 's3:PutObject'],
    });
    const listOnly = sslOnly('d-list', { action: 's3:ListBucket' });
    const { fakes } = lookups(
      [
        job('a', 's3://a-allow-only/a.py'),
        job('b', 's3://b-narrow/b.py'),
        job('c', 's3://c-objects/c.py'),
        job('d', 's3://d-list/d.py'),
      ],
      [],
      {
        'a-allow-only': policy(
          JSON.stringify({
            Statement: [
              {
                Effect: 'Allow',
                Principal: '*',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::a-allow-only/*',
              },
            ],
          }),
        ),
        'b-narrow': policy(narrowed),
        'c-objects': policy(objectsOnly),
        'd-list': policy(listOnly),
      },
    );
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders?.map((o) => o.split(' ')[0])).toEqual([
      'a-allow-only',
      'b-narrow',
      'c-objects',
      'd-list',
    ]);
    expect(v.offenders?.[0]).toContain('policy does not deny requests without aws:SecureTransport');
  });

  it('4. a bucket whose policy is access denied, or that does not exist -> NON_COMPLIANT, reason named', async () => {
    // Prepare
    const { fakes } = lookups(
      [job('x', 's3://partner-drop/x.py', { '--TempDir': 's3://gone-temp/tmp/' })],
      [],
      {
        'partner-drop': { status: 'unreadable', reason: 'AccessDenied' },
        'gone-temp': { status: 'no-bucket' },
      },
    );
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v.offenders).toEqual([
      'gone-temp (bucket does not exist; 1 jobs, 0 crawlers)',
      "partner-drop (policy unreadable (AccessDenied: no s3:GetBucketPolicy, or another account's bucket); 1 jobs, 0 crawlers)",
    ]);
  });

  it('5. every used bucket denies non-TLS requests -> COMPLIANT', async () => {
    // Prepare: one statement for both ARNs, a wildcard ARN, and a split pair of statements.
    const split = JSON.stringify({
      Statement: [
        {
          Sid: 'Bucket',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: '*',
          Resource: 'arn:aws:s3:::temp-zone',
          Condition: { Bool: { 'aws:SecureTransport': false } },
        },
        {
          Sid: 'Objects',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::temp-zone/*',
          Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    const { fakes } = lookups(
      [job('ledger', 's3://scripts/etl.py', { '--TempDir': 's3://temp-zone/tmp' })],
      [crawler('raw', 's3://raw-zone/in')],
      {
        scripts: policy(sslOnly('scripts')),
        'temp-zone': policy(split),
        'raw-zone': policy(sslOnly('raw-zone', { resource: 'arn:aws:s3:::raw-zone*' })),
      },
    );
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'All 3 buckets used by Glue deny requests without TLS',
    });
  });

  it('6. buckets of argument lists and crawler targets are read once each', async () => {
    // Prepare
    const jobs = [
      job('a', 's3://shared/a.py', {
        '--extra-py-files': 's3://libs/a.zip, s3://libs/b.zip,s3://more-libs/c.whl',
        '--extra-jars': 's3://jars/x.jar',
        '--spark-event-logs-path': 's3://spark-ui/logs/',
      }),
      { ...job('b', 's3://shared/b.py'), NonOverridableArguments: { '--TempDir': 's3a://temp/b/' } },
    ];
    const { fakes, reads } = lookups(jobs, [crawler('c', 's3://shared/raw/', 's3://landing/in')], {});
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect([...reads].sort()).toEqual(['jars', 'landing', 'libs', 'more-libs', 'shared', 'spark-ui', 'temp']);
    expect(v.offenders).toContain('shared (no bucket policy; 2 jobs, 1 crawlers)');
  });

  it('7. a bucket in exemptBuckets is neither read nor judged', async () => {
    // Prepare
    const { fakes, reads } = lookups(
      [job('a', 's3://aws-glue-assets-123456789012-us-east-1/a.py')],
      [crawler('c', 's3://ok/x')],
      {
        ok: policy(sslOnly('ok')),
      },
    );
    // Act
    const v = await evaluateAccount(rule, fakes, { exemptBuckets: 'aws-glue-assets-123456789012-us-east-1' });
    // Assess
    expect(reads).toEqual(['ok']);
    expect(v.compliance).toBe('COMPLIANT');
  });

  it('8. an invalid exemptBuckets item -> error naming the parameter', () => {
    // Act / Assess
    expect(() => ruleContext(rule, {}, { exemptBuckets: 'Not_A_Bucket' })).toThrow(
      /Invalid rule parameter 'exemptBuckets': "Not_A_Bucket" is not a valid bucket name/,
    );
  });

  it('9. a Deny that leaves some S3 actions or some objects over HTTP -> NON_COMPLIANT', async () => {
    // Prepare: objects-only actions leave ListBucket, DeleteObject, PutBucketPolicy... over HTTP; a
    // NotResource that names a prefix of the bucket leaves those objects over HTTP.
    const objectActions = sslOnly('a-get-put', { action: ['s3:GetObject', 's3:PutObject'] });
    const starObject = sslOnly('b-star-object', { action: 's3:*Object' });
    const notPublic = JSON.stringify({
      Statement: [
        {
          Sid: 'DenyInsecureTransportButPublic',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          NotResource: ['arn:aws:s3:::c-not-public/public/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    const { fakes } = lookups(
      [job('a', 's3://a-get-put/a.py'), job('b', 's3://b-star-object/b.py')],
      [crawler('c', 's3://c-not-public/in/')],
      {
        'a-get-put': policy(objectActions),
        'b-star-object': policy(starObject),
        'c-not-public': policy(notPublic),
      },
    );
    // Act
    const v = await evaluateAccount(rule, fakes);
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.offenders).toEqual([
      'a-get-put (policy does not deny requests without aws:SecureTransport; 1 jobs, 0 crawlers)',
      'b-star-object (policy does not deny requests without aws:SecureTransport; 1 jobs, 0 crawlers)',
      'c-not-public (policy does not deny requests without aws:SecureTransport; 0 jobs, 1 crawlers)',
    ]);
  });
});
