import type { Connection } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-connection-tagged';
import { evaluateAccount } from '../support/rule-context';

const conn = (name: string): Connection => ({ Name: name, ConnectionType: 'JDBC' });
const lookups = (connections: Connection[], tags: Record<string, Record<string, string>>) => ({
  connections: async () => connections,
  tags: async () => new Map(Object.entries(tags)),
});

describe('Rule: glue-connection-tagged', () => {
  it('1. no connections -> NOT_APPLICABLE', async () => {
    // Act
    const v = await evaluateAccount(rule, lookups([], {}));
    // Assess
    expect(v).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'No Glue connections in this account and region',
    });
  });

  it('2. no requiredTagKeys, a connection with no (or only aws:) tags -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      lookups([conn('ledger-pg'), conn('cards-mysql'), conn('risk-oracle')], {
        'ledger-pg': { owner: 'ledger' },
        'risk-oracle': { 'aws:cloudformation:stack-name': 'risk' },
      }),
    );
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: '2 of 3 connections lack user tags: cards-mysql, risk-oracle',
      offenders: ['cards-mysql', 'risk-oracle'],
    });
  });

  it('3. requiredTagKeys given, a connection lacks one -> NON_COMPLIANT, named', async () => {
    // Act
    const v = await evaluateAccount(
      rule,
      lookups([conn('ledger-pg'), conn('cards-mysql')], {
        'ledger-pg': { owner: 'ledger', 'access-tier': 'restricted' },
        'cards-mysql': { owner: 'cards' },
      }),
      { requiredTagKeys: 'owner,access-tier' },
    );
    // Assess
    expect(v.compliance).toBe('NON_COMPLIANT');
    expect(v.annotation).toBe('1 of 2 connections lack tag keys owner, access-tier: cards-mysql');
  });

  it('4. every connection satisfies the rule -> COMPLIANT', async () => {
    // Act
    const v = await evaluateAccount(rule, lookups([conn('ledger-pg')], { 'ledger-pg': { owner: 'ledger' } }));
    // Assess
    expect(v).toEqual({ compliance: 'COMPLIANT', annotation: 'All 1 connections carry user tags' });
  });

  it('5. many offenders -> annotation truncated, all in offenders', async () => {
    // Prepare
    const many = Array.from({ length: 50 }, (_, i) =>
      conn(`warehouse-replica-${String(i).padStart(2, '0')}`),
    );
    // Act
    const v = await evaluateAccount(rule, lookups(many, {}));
    // Assess
    expect(v.annotation.length).toBeLessThanOrEqual(256);
    expect(v.annotation).toMatch(/and \d+ more$/);
    expect(v.offenders).toHaveLength(50);
  });
});
