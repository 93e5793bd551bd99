import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  coversAllServiceResources,
  coversEveryResourceUnder,
  coversWholeService,
  resourceMatches,
  statementCoversAction,
  statementCoversAllResources,
  statementCoversResource,
  statementCoversService,
} from '../../../functions/rules/lib/iam-actions';

const stmt = (p: {
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
}) => ({
  action: p.action ?? [],
  notAction: p.notAction ?? [],
  resource: p.resource ?? [],
  notResource: p.notResource ?? [],
});

describe('lib/iam-actions', () => {
  it('matches action wildcards case-insensitively, in the service prefix too', () => {
    // Act / Assess
    expect(actionMatches('glue:Create*', 'glue:CreateJob')).toBe(true);
    expect(actionMatches('GLUE:createjob', 'glue:CreateJob')).toBe(true);
    expect(actionMatches('glue:?reateJob', 'glue:CreateJob')).toBe(true);
    expect(actionMatches('gl*:*Job', 'glue:UpdateJob')).toBe(true);
    expect(actionMatches('*', 'glue:UpdateJob')).toBe(true);
    expect(actionMatches('glue:Create*', 'glue:UpdateJob')).toBe(false);
    expect(actionMatches('glue:CreateJob', 'glue:CreateJobs')).toBe(false);
    expect(actionMatches('glue.Create*', 'glue:CreateJob')).toBe(false);
  });

  it('matches resource ARNs case-sensitively', () => {
    // Act / Assess
    expect(resourceMatches('arn:aws:s3:::ledger/*', 'arn:aws:s3:::ledger/a/b.csv')).toBe(true);
    expect(resourceMatches('arn:aws:s3:::Ledger/*', 'arn:aws:s3:::ledger/a')).toBe(false);
  });

  it('tells a whole-service wildcard from a partial one', () => {
    // Act / Assess
    expect(
      ['*', 'glue:*', 'GLUE:*', 'g*', '*:*', 'gl?e:*'].map((p) => coversWholeService(p, 'glue')),
    ).toEqual([true, true, true, true, true, true]);
    expect(
      ['glue:Get*', 'glue:*Job*', 's3:*', 'glue:CreateJob'].map((p) => coversWholeService(p, 'glue')),
    ).toEqual([false, false, false, false]);
  });

  it('tells a prefix wildcard that covers every object from a narrower one', () => {
    // Act / Assess
    expect(coversEveryResourceUnder('arn:aws:s3:::ledger/*', 'arn:aws:s3:::ledger/')).toBe(true);
    expect(coversEveryResourceUnder('arn:aws:s3:::ledger*', 'arn:aws:s3:::ledger/')).toBe(true);
    expect(coversEveryResourceUnder('*', 'arn:aws:s3:::ledger/')).toBe(true);
    expect(coversEveryResourceUnder('arn:aws:s3:::ledger/logs/*', 'arn:aws:s3:::ledger/')).toBe(false);
    expect(coversEveryResourceUnder('arn:aws:s3:::ledger', 'arn:aws:s3:::ledger/')).toBe(false);
  });

  it('applies NotAction and NotResource as "everything but"', () => {
    // Prepare
    const allButIam = stmt({ notAction: ['iam:*'], notResource: ['arn:aws:s3:::vault/*'] });
    const allButGlueDelete = stmt({ notAction: ['glue:Delete*'] });
    const allButGlue = stmt({ notAction: ['glue:*'] });
    // Act / Assess
    expect(statementCoversAction(allButIam, 'glue:CreateJob')).toBe(true);
    expect(statementCoversAction(allButIam, 'iam:PassRole')).toBe(false);
    expect(statementCoversService(allButIam, 'glue')).toBe(true);
    expect(statementCoversService(allButGlueDelete, 'glue')).toBe(true);
    expect(statementCoversAction(allButGlueDelete, 'glue:DeleteJob')).toBe(false);
    expect(statementCoversService(allButGlue, 'glue')).toBe(false);
    expect(statementCoversResource(allButIam, 'arn:aws:s3:::vault/x')).toBe(false);
    expect(statementCoversResource(allButIam, 'arn:aws:s3:::other')).toBe(true);
    expect(statementCoversAllResources(allButIam)).toBe(true);
    expect(statementCoversAllResources(stmt({ notResource: ['*'] }))).toBe(false);
  });

  it('without a service, treats only patterns covering every ARN ("*") as all resources', () => {
    // Act / Assess
    expect(statementCoversAllResources(stmt({ resource: ['arn:aws:glue:*:*:job/a', '*'] }))).toBe(true);
    expect(statementCoversAllResources(stmt({ resource: ['arn:aws:glue:us-east-1:123456789012:*'] }))).toBe(
      false,
    );
    expect(statementCoversService(stmt({ action: ['glue:GetJob', 'glue:*'] }), 'glue')).toBe(true);
  });

  it('treats an ARN pattern covering every Glue resource of an account in every region as all of Glue', () => {
    // Prepare
    const glue = { service: 'glue' };
    const own = { service: 'glue', partition: 'aws', accountId: '123456789012' };
    const wide = [
      '*',
      'arn:aws:glue:*:*:*',
      'arn:aws-cn:glue:*:*:*',
      'arn:aws-us-gov:glue:*:*:*',
      'arn:*:glue:*',
      'arn:aws:glue:*',
      'arn:aws:glue:*:*:*/*',
      'arn:aws:glue:*:????????????:*',
      'arn:aws:glue:*:123456789012:*',
      'arn:aws:gl*:*:*:*',
    ];
    const narrow = [
      'arn:aws:glue:us-east-1:123456789012:*',
      'arn:aws:glue:*:*:job/*',
      'arn:aws:glue:*:*:table/*',
      'arn:aws:s3:::*',
      'arn:aws:glue:eu-*:*:*',
    ];
    // Act / Assess
    expect(wide.filter((p) => !coversAllServiceResources(p, glue))).toEqual([]);
    expect(narrow.filter((p) => coversAllServiceResources(p, glue))).toEqual([]);
    expect(coversAllServiceResources('arn:aws:glue:*:1234*:*', own)).toBe(true);
    expect(coversAllServiceResources('arn:aws:glue:*:1234*:*', glue)).toBe(false);
    expect(coversAllServiceResources('arn:aws-cn:glue:*:*:*', own)).toBe(false);
    expect(
      statementCoversAllResources(stmt({ resource: ['arn:aws:glue:*:*:job/a', 'arn:*:glue:*'] }), glue),
    ).toBe(true);
    expect(statementCoversAllResources(stmt({ resource: ['arn:aws:glue:*:*:*'] }))).toBe(false);
  });

  it('treats NotResource as all of Glue unless it excludes every Glue resource', () => {
    // Prepare
    const glue = { service: 'glue' };
    const own = { service: 'glue', partition: 'aws', accountId: '123456789012' };
    // Act / Assess
    expect(statementCoversAllResources(stmt({ notResource: ['arn:aws:s3:::vault/*'] }), glue)).toBe(true);
    expect(statementCoversAllResources(stmt({ notResource: ['arn:aws:glue:*:*:job/payroll'] }), own)).toBe(
      true,
    );
    expect(statementCoversAllResources(stmt({ notResource: ['arn:aws:glue:*:*:*'] }), own)).toBe(false);
    expect(statementCoversAllResources(stmt({ notResource: ['arn:*:glue:*'] }), glue)).toBe(false);
    // Glue in the other partitions is still granted when the policy's partition is unknown.
    expect(statementCoversAllResources(stmt({ notResource: ['arn:aws:glue:*:*:*'] }), glue)).toBe(true);
    expect(statementCoversAllResources(stmt({ notResource: ['*'] }), glue)).toBe(false);
  });
});
