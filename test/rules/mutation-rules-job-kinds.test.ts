import type { Connection, Job } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { rule as logging } from '../../functions/rules/glue-job-logging-enabled';
import { isVpcConnection, rule as network } from '../../functions/rules/glue-job-network-isolated';
import { rule as version } from '../../functions/rules/glue-job-supported-version';
import { evaluateResource } from '../support/rule-context';

// Job rules: a job without a Command, GlueVersion with spaces, and how glue-job-network-isolated
// reads connections (issue 11: survivors of the mutation run), with literal expected values.

const noCommand: Job = { Name: 'bare' };

describe('a job without a Command is no Spark job', () => {
  it.each([
    [logging, 'Continuous logging applies to Spark jobs, not this job kind'],
    [network, 'The Glue service proxy applies to Spark jobs, not this job kind'],
    [version, 'Only Spark jobs are judged, not this job kind'],
  ])('%#', async (rule, annotation) => {
    expect(await evaluateResource(rule, noCommand, {})).toEqual({ compliance: 'NOT_APPLICABLE', annotation });
  });
});

describe('glue-job-supported-version: GlueVersion is read trimmed', () => {
  const spark = (GlueVersion: string): Job => ({ Name: 'j', Command: { Name: 'glueetl' }, GlueVersion });
  it('judges " 4.0 " as 4.0, and blanks as no version', async () => {
    expect(await evaluateResource(version, spark(' 4.0 '), {})).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'Glue 4.0 (minimum 3.0)',
    });
    expect(await evaluateResource(version, spark('   '), {})).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Spark job has no GlueVersion (minimum 3.0)',
    });
  });
});

describe('glue-job-network-isolated: connections', () => {
  it.each<[Connection, boolean]>([
    [{ Name: 'n', ConnectionType: 'NETWORK' }, true],
    [{ Name: 'j', ConnectionType: 'JDBC', PhysicalConnectionRequirements: { SubnetId: 'subnet-1' } }, true],
    [{ Name: 'j', ConnectionType: 'JDBC', PhysicalConnectionRequirements: { SubnetId: '' } }, false],
    [{ Name: 's', ConnectionType: 'SALESFORCE' }, false],
  ])('isVpcConnection(%j) is %s', (c, expected) => {
    expect(isVpcConnection(c)).toBe(expected);
  });

  const job = (connections?: string[]): Job => ({
    Name: 'etl',
    Command: { Name: 'glueetl' },
    GlueVersion: '4.0',
    ...(connections ? { Connections: { Connections: connections } } : {}),
  });

  it('does not read connections for a job that names none', async () => {
    let reads = 0;
    const lookups = {
      connections: async () => {
        reads += 1;
        return [];
      },
    };
    expect(await evaluateResource(network, job(), lookups)).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'Job has no VPC connection',
    });
    expect(await evaluateResource(network, job([]), lookups)).toEqual({
      compliance: 'NOT_APPLICABLE',
      annotation: 'Job has no VPC connection',
    });
    expect(reads).toBe(0);
  });

  it('names every VPC connection, or every unknown one, comma-separated', async () => {
    const lookups = {
      connections: async (): Promise<Connection[]> => [
        { Name: 'net-a', ConnectionType: 'NETWORK' },
        { Name: 'net-b', ConnectionType: 'NETWORK' },
      ],
    };
    expect(await evaluateResource(network, job(['net-a', 'gone', 'net-b']), lookups)).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Job uses VPC connection net-a, net-b but --disable-proxy-v2 is not set',
    });
    expect(await evaluateResource(network, job(['gone-1', 'gone-2']), lookups)).toEqual({
      compliance: 'NON_COMPLIANT',
      annotation: 'Job uses unknown connection gone-1, gone-2 but --disable-proxy-v2 is not set',
    });
  });
});
