import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { documentContent, listDocuments, loadDocument } from '../../../remediation/catalog/documents';
import {
  documentPermissions,
  iamPrefix,
  scriptPermissions,
  scriptPermissionsByKind,
} from '../../../remediation/catalog/permissions';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

describe('Catalog: documents', () => {
  it('lists the documents of a directory', () => {
    expect(listDocuments(FIXTURES)).toEqual([
      'FixtureInvalid',
      'FixtureScriptPayload',
      'FixtureSetJobDescription',
    ]);
  });

  it('inlines !InlineScript files so the result is what CreateDocument receives', () => {
    // Prepare
    const script = readFileSync(join(FIXTURES, 'scripts', 'fixture_read_connection.py'), 'utf8');
    // Act
    const doc = loadDocument('FixtureScriptPayload', FIXTURES);
    const content = documentContent('FixtureScriptPayload', FIXTURES);
    // Assess
    expect(doc.mainSteps[0]!.inputs.Script).toBe(script);
    expect(content).not.toContain('!InlineScript');
    expect(parse(content)).toEqual(doc);
  });

  it('names a missing document and the known ones', () => {
    expect(() => loadDocument('NoSuchDocument', FIXTURES)).toThrow(
      /No document 'NoSuchDocument' .* Known: FixtureInvalid, FixtureScriptPayload, FixtureSetJobDescription/,
    );
  });
});

describe('Catalog: documentPermissions', () => {
  it('derives IAM actions from API steps and script headers', () => {
    // Act / Assess
    expect(documentPermissions(loadDocument('FixtureSetJobDescription', FIXTURES))).toEqual([
      'glue:GetJob',
      'glue:UpdateJob',
      'sns:Publish',
    ]);
    expect(documentPermissions(loadDocument('FixtureScriptPayload', FIXTURES))).toEqual([
      'glue:GetConnection',
      'kms:Decrypt',
    ]);
  });

  it('maps boto3 service names to IAM prefixes', () => {
    expect([
      iamPrefix('glue'),
      iamPrefix('stepfunctions'),
      iamPrefix('cloudwatch'),
      iamPrefix('elbv2'),
    ]).toEqual(['glue', 'states', 'cloudwatch', 'elasticloadbalancing']);
  });

  it('reads every # iam: header line and refuses a malformed entry', () => {
    expect(scriptPermissions('# iam: glue:GetJob, glue:UpdateJob\n#iam: sns:Publish\nx = 1')).toEqual([
      'glue:GetJob',
      'glue:UpdateJob',
      'sns:Publish',
    ]);
    expect(() => scriptPermissions('# iam: GetJob')).toThrow("Malformed '# iam:' entry 'GetJob'");
    expect(
      scriptPermissionsByKind('# iam: glue:UpdateJob\n# iam-indirect: iam:PassRole, kms:Decrypt'),
    ).toEqual({
      direct: ['glue:UpdateJob'],
      indirect: ['iam:PassRole', 'kms:Decrypt'],
    });
  });
});
