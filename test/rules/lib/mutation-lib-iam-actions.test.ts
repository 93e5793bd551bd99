// Literal-value tests for lib/iam-actions.ts (issue 11: surviving mutants): whitespace around
// patterns, NotAction/NotResource lists of more than one pattern, and account candidates.
import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  coversAllServiceResources,
  resourceMatches,
  statementCoversAction,
  statementCoversAllResources,
  statementCoversResource,
  statementCoversService,
} from '../../../functions/rules/lib/iam-actions';

const actions = (action: string[], notAction: string[] = []) => ({ action, notAction });
const resources = (resource: string[], notResource: string[] = []) => ({ resource, notResource });

describe('lib/iam-actions (mutation)', () => {
  it('trims patterns before matching', () => {
    expect(actionMatches(' glue:* ', 'glue:CreateJob')).toBe(true);
    expect(resourceMatches(' arn:aws:s3:::bucket ', 'arn:aws:s3:::bucket')).toBe(true);
  });

  it('NotAction excludes an action when ANY of its patterns matches', () => {
    const s = actions([], ['glue:Get*', 's3:*']);
    expect(statementCoversAction(s, 'glue:GetJob')).toBe(false);
    expect(statementCoversAction(s, 'glue:CreateJob')).toBe(true);
  });

  it('NotAction excludes a service when ANY of its patterns covers it', () => {
    expect(statementCoversService(actions([], ['glue:*', 's3:GetObject']), 'glue')).toBe(false);
    expect(statementCoversService(actions([], ['glue:GetJob', 's3:GetObject']), 'glue')).toBe(true);
  });

  it('Resource applies when ANY pattern matches; NotResource excludes when ANY matches', () => {
    expect(statementCoversResource(resources(['arn:a', 'arn:b']), 'arn:a')).toBe(true);
    expect(statementCoversResource(resources(['arn:a', 'arn:b']), 'arn:c')).toBe(false);
    expect(statementCoversResource(resources(['arn:x']), 'arn:y')).toBe(false);
    expect(statementCoversResource(resources([]), 'arn:y')).toBe(false);
    expect(statementCoversResource(resources([], ['arn:a', 'arn:b']), 'arn:a')).toBe(false);
    expect(statementCoversResource(resources([], ['arn:a', 'arn:b']), 'arn:c')).toBe(true);
  });

  it('only a 12-digit account field is an account candidate', () => {
    const glue = { service: 'glue', partition: 'aws' };
    expect(coversAllServiceResources('arn:aws:glue:*:123456789012:*', glue)).toBe(true);
    expect(coversAllServiceResources('arn:aws:glue:*:x123456789012:*', glue)).toBe(false);
    expect(coversAllServiceResources('arn:aws:glue:*:123456789012x:*', glue)).toBe(false);
    expect(coversAllServiceResources('arn:aws:glue:*:S*:*', glue)).toBe(false);
    expect(coversAllServiceResources('arn:aws:glue:*:1234*:*', glue)).toBe(false);
    expect(coversAllServiceResources('arn:aws:glue:*:1234*:*', { ...glue, accountId: '123456789012' })).toBe(
      true,
    );
  });

  it('without a scope, no real service name stands for every service', () => {
    expect(statementCoversAllResources(resources(['arn:aws:undefined:*']))).toBe(false);
    expect(statementCoversAllResources(resources(['arn:aws:*']))).toBe(true);
    expect(statementCoversAllResources(resources([], ['arn:*:undefined:*']))).toBe(true);
    expect(statementCoversAllResources(resources([], ['arn:*:*']))).toBe(false);
  });
});
