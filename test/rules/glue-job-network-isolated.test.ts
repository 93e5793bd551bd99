import type { Connection, Job } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule } from '../../functions/rules/glue-job-network-isolated';
import { evaluateResource } from '../support/rule-context';

const pcr = {
  SubnetId: 'subnet-0a1b2c3d',
  SecurityGroupIdList: ['sg-0a1b2c3d'],
  AvailabilityZone: 'us-east-1a',
};
const CONNECTIONS: Connection[] = [
  { Name: 'vpc-egress', ConnectionType: 'NETWORK', PhysicalConnectionRequirements: pcr },
  {
    Name: 'ledger-pg',
    ConnectionType: 'JDBC',
    ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://ledger.internal:5432/ledger' },
    PhysicalConnectionRequirements: pcr,
  },
  { Name: 'crm-saas', ConnectionType: 'SALESFORCE', ConnectionProperties: {} },
];
const lookups = { connections: async () => CONNECTIONS };
const job = (connections: string[], args: Record<string, string> = {}, command = 'glueetl'): Job => ({
  Name: 'ledger-etl',
  Command: { Name: command, ScriptLocation: 's3://assets/ledger.py' },
  GlueVersion: '4.0',
  DefaultArguments: args,
  ...(connections.length ? { Connections: { Connections: connections } } : {}),
});

describe('Rule: glue-job-network-isolated', () => {
  it('1. Spark job with a NETWORK (or JDBC-in-VPC) connection, no --disable-proxy-v2 -> NON_COMPLIANT', async () => {
    // Act
    const network = await evaluateResource(rule, job(['vpc-egress']), lookups);
    const jdbc = await evaluateResource(rule, job(['ledger-pg']), lookups);
    // Assess
    expect(network).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Job uses VPC connection vpc-egress but --disable-proxy-v2 is not set',
    });
    expect(jdbc.compliance).toBe('NON_COMPLIANT');
  });

  it('2. same job with --disable-proxy-v2 "true" -> COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(
      rule,
      job(['vpc-egress', 'ledger-pg'], { '--disable-proxy-v2': 'true' }),
      lookups,
    );
    // Assess
    expect(v).toEqual({ compliance: 'COMPLIANT', annotation: 'Job in a VPC with --disable-proxy-v2 true' });
  });

  it('3. --disable-proxy-v2 "false" -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job(['ledger-pg'], { '--disable-proxy-v2': 'false' }), lookups);
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Job uses VPC connection ledger-pg but --disable-proxy-v2 is "false"',
    });
  });

  it('4. job names a connection that does not exist, no --disable-proxy-v2 -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job(['retired-conn']), lookups);
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Job uses unknown connection retired-conn but --disable-proxy-v2 is not set',
    });
  });

  it('5. Spark job with no connection, or only non-VPC ones -> NOT_APPLICABLE', async () => {
    // Act
    const none = await evaluateResource(rule, job([]), lookups);
    const saas = await evaluateResource(rule, job(['crm-saas']), lookups);
    // Assess
    expect(none).toEqual({ compliance: 'NOT_APPLICABLE', annotation: 'Job has no VPC connection' });
    expect(saas.compliance).toBe('NOT_APPLICABLE');
  });

  it('6. requireConnection true and a Spark job without a VPC connection -> NON_COMPLIANT', async () => {
    // Act
    const v = await evaluateResource(rule, job(['crm-saas']), lookups, { requireConnection: 'true' });
    // Assess
    expect(v).toEqual({ compliance: 'NON_COMPLIANT', annotation: 'Spark job has no VPC connection' });
  });

  it('7. Python shell or Ray job -> NOT_APPLICABLE', async () => {
    // Act
    const shell = await evaluateResource(rule, job(['vpc-egress'], {}, 'pythonshell'), lookups, {
      requireConnection: 'true',
    });
    const ray = await evaluateResource(rule, job([], {}, 'glueray'), lookups);
    // Assess
    expect(shell).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'The Glue service proxy applies to Spark jobs, not pythonshell',
    });
    expect(ray.compliance).toBe('NOT_APPLICABLE');
  });

  it('8. only the deprecated --disable-proxy "true" -> NON_COMPLIANT', async () => {
    // Prepare
    const legacy = job(['ledger-pg'], { '--disable-proxy': 'true' });
    // Act
    const v = await evaluateResource(rule, legacy, lookups);
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation:
        'Job uses VPC connection ledger-pg but sets only the deprecated --disable-proxy, which routes only ' +
        'S3 script and library downloads through the VPC; set --disable-proxy-v2 true',
    });
  });

  it('9. only the deprecated --disable-proxy "true", acceptLegacyDisableProxy true -> COMPLIANT', async () => {
    // Prepare
    const legacy = job(['ledger-pg'], { '--disable-proxy': 'true' });
    // Act
    const accepted = await evaluateResource(rule, legacy, lookups, { acceptLegacyDisableProxy: 'true' });
    const neither = await evaluateResource(rule, job(['ledger-pg']), lookups, {
      acceptLegacyDisableProxy: 'true',
    });
    // Assess
    expect(accepted).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'Job in a VPC with the deprecated --disable-proxy true (acceptLegacyDisableProxy)',
    });
    expect(neither.compliance).toBe('NON_COMPLIANT');
  });

  it('10. --disable-proxy-v2 "true" by default but "false" non-overridable -> NON_COMPLIANT', async () => {
    // Prepare
    const overridden: Job = {
      ...job(['vpc-egress'], { '--disable-proxy-v2': 'true' }),
      NonOverridableArguments: { '--disable-proxy-v2': 'false' },
    };
    const pinned: Job = {
      ...job(['vpc-egress'], { '--disable-proxy-v2': 'false' }),
      NonOverridableArguments: { '--disable-proxy-v2': 'TRUE' },
    };
    // Act
    const v = await evaluateResource(rule, overridden, lookups);
    const fixed = await evaluateResource(rule, pinned, lookups);
    // Assess
    expect(v).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Job uses VPC connection vpc-egress but --disable-proxy-v2 is "false"',
    });
    expect(fixed.compliance).toBe('COMPLIANT');
  });
});
