// Literal-value tables for lib/secret-references.ts (issue 11: surviving mutants). Each row pins
// the kind the parser must return for one value; most rows sit on the edge of one check.
import { describe, expect, it } from 'vitest';
import {
  parseDynamicReference,
  parseSecretArn,
  parseSecretReference,
} from '../../../functions/rules/lib/secret-references';

const ACCT = '123456789012';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const kmsArn = (partition: string, region: string) => `arn:${partition}:kms:${region}:${ACCT}:alias/etl`;

describe('parseSecretArn: partitions', () => {
  it.each([
    ['aws', 'kms-key-arn'],
    ['aws-cn', 'kms-key-arn'],
    ['aws-us-gov', 'kms-key-arn'],
    ['aws-iso-b-x', 'kms-key-arn'],
    ['aws-iso-b-x-y', undefined],
    ['gcp', undefined],
    ['xaws', undefined],
    ['aws-CN', undefined],
    ['aws-1', undefined],
  ])('partition %s -> %s', (partition, kind) => {
    expect(parseSecretArn(kmsArn(partition, 'us-east-1'))).toBe(kind);
  });
});

describe('parseSecretArn: regions', () => {
  it.each([
    ['us-east-1', 'kms-key-arn'],
    ['us-gov-west-1', 'kms-key-arn'],
    ['a-b-c-d-1', 'kms-key-arn'],
    ['a-b-c-d-e-1', undefined],
    ['us-1', undefined],
    ['us', undefined],
    ['us-east-x', undefined],
    ['us-EAST-1', undefined],
    ['US-east-1', undefined],
  ])('region %s -> %s', (region, kind) => {
    expect(parseSecretArn(kmsArn('aws', region))).toBe(kind);
  });
});

describe('parseSecretArn: fields and resources', () => {
  const head = (service: string) => `arn:aws:${service}:us-east-1:${ACCT}`;
  it.each([
    [`urn:aws:kms:us-east-1:${ACCT}:alias/etl`, undefined],
    [`arn:gcp:kms:us-east-1:${ACCT}:alias/etl`, undefined],
    [`arn:aws:kms:moon:${ACCT}:alias/etl`, undefined],
    [`arn:aws:kms:us-east-1:12345:alias/etl`, undefined],
    [`arn:aws:kms:us-east-1:${ACCT}`, undefined],
    [`${head('secretsmanager')}:secret:etl/db-AbCdEf`, 'secretsmanager-arn'],
    [`${head('secretsmanager')}:secret:a:b`, undefined],
    [`${head('secretsmanager')}:notsecret:etl`, undefined],
    [`${head('secretsmanager')}:secret:bad name`, undefined],
    [`${head('secretsmanager')}:secret`, undefined],
    [`${head('ssm')}:parameter/etl/db`, 'ssm-parameter-arn'],
    [`${head('ssm')}:parameter/abc`, 'ssm-parameter-arn'],
    [`${head('ssm')}:parameter/a:b`, undefined],
    [`${head('ssm')}:parametrs/abcdef`, undefined],
    [`${head('ssm')}:parameter//abc`, undefined],
    [`${head('ssm')}:parameter/bad name`, undefined],
    [`${head('ssm')}:parameter/`, undefined],
    [`${head('kms')}:key/${KEY}`, 'kms-key-arn'],
    [`${head('kms')}:key/mrk-${KEY.replaceAll('-', '')}`, 'kms-key-arn'],
    [`${head('kms')}:key/zzz`, undefined],
    [`${head('kms')}:kez/${KEY}`, undefined],
    [`${head('kms')}:alias/etl`, 'kms-key-arn'],
    [`${head('kms')}:alias/`, undefined],
    [`${head('iam')}:alias/etl`, undefined],
    [`${head('iam')}:key/${KEY}`, undefined],
  ])('%s -> %s', (value, kind) => {
    expect(parseSecretArn(value)).toBe(kind);
  });
});

describe('parseDynamicReference', () => {
  const ssmArn = `arn:aws:ssm:us-east-1:${ACCT}:parameter/abc`;
  const smArn = `arn:aws:secretsmanager:us-east-1:${ACCT}:secret:etl-AbCdEf`;
  it.each([
    ['{{resolve:ssm:abc}}', 'dynamic-ssm'],
    ['{{resolve:ssm-secure:abc}}', 'dynamic-ssm-secure'],
    ['{{resolve:ssm:abc:3}}', 'dynamic-ssm'],
    ['{{resolve:ssm-secure:abc:12}}', 'dynamic-ssm-secure'],
    ['XXresolve:ssm:abc}}', undefined],
    ['{{resolve:ssm:abcXX', undefined],
    ['{{resolve:ssm:abc}}}', undefined],
    [`{{resolve:ssm:${ssmArn}}}`, 'dynamic-ssm'],
    [`{{resolve:ssm-secure:${ssmArn}:2}}`, 'dynamic-ssm-secure'],
    [`{{resolve:ssm:${ssmArn.replace('parameter/', 'parameter//')}}}`, undefined],
    [`{{resolve:ssm:${smArn}}}`, undefined],
    ['{{resolve:ssm:abc:x}}', undefined],
    ['{{resolve:ssm:abc:1:2}}', undefined],
    ['{{resolve:ssm:a b}}', undefined],
    ['{{resolve:other:abc}}', undefined],
    ['{{resolve:secretsmanager:abc}}', 'dynamic-secretsmanager'],
    ['{{resolve:secretsmanager:abc:SecretString:key}}', 'dynamic-secretsmanager'],
    ['{{resolve:secretsmanager:abc::key}}', 'dynamic-secretsmanager'],
    ['{{resolve:secretsmanager:abc:SecretString:k:AWSCURRENT:id}}', 'dynamic-secretsmanager'],
    ['{{resolve:secretsmanager:abc:SecretString:k:AWSCURRENT:id:extra}}', undefined],
    ['{{resolve:secretsmanager:abc:SecretBinary:key}}', undefined],
    ['{{resolve:secretsmanager:abc:SecretString:bad key}}', undefined],
    ['{{resolve:secretsmanager:abc:SecretString:good:bad key}}', undefined],
    ['{{resolve:secretsmanager:bad name}}', undefined],
    [`{{resolve:secretsmanager:${smArn}:SecretString:password}}`, 'dynamic-secretsmanager'],
    [`{{resolve:secretsmanager:${smArn.replace('aws', 'gcp')}}}`, undefined],
    [`{{resolve:secretsmanager:${ssmArn}:x}}`, undefined],
  ])('%s -> %s', (value, kind) => {
    expect(parseDynamicReference(value)).toBe(kind);
  });
});

describe('parseSecretReference', () => {
  it('trims the value before parsing it', () => {
    expect(parseSecretReference('  {{resolve:ssm:abc}}  ')).toBe('dynamic-ssm');
    expect(parseSecretReference(` arn:aws:kms:us-east-1:${ACCT}:alias/etl `)).toBe('kms-key-arn');
  });
  it.each([
    ['/etl/db/password', true, 'ssm-parameter-name'],
    ['/etl/db/password', false, undefined],
    ['/', true, undefined],
    ['/a', true, 'ssm-parameter-name'],
    ['etl/db', true, undefined],
    ['/etl//db', true, undefined],
    ['/etl db', true, undefined],
  ])('%s (parameterNames %s) -> %s', (value, parameterNames, kind) => {
    expect(parseSecretReference(value, { parameterNames })).toBe(kind);
  });
});
