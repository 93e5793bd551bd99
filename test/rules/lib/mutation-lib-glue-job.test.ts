// Literal-value tests for lib/glue-job.ts and lib/ml-transform.ts (issue 11: surviving mutants):
// the resources they build, the version order, and the field each shape error names.
import { describe, expect, it } from 'vitest';
import {
  checkedJob,
  compareGlueVersions,
  isSparkJob,
  jobResource,
} from '../../../functions/rules/lib/glue-job';
import { mlTransformFromItem, mlTransformResource } from '../../../functions/rules/lib/ml-transform';
import { InvalidEventError } from '../../../functions/runtime/errors';
import { ConfigurationShapeError } from '../../../functions/runtime/shape';
import type { ConfigurationItem } from '../../../functions/runtime/types';

/** The field a ConfigurationShapeError names, or 'no error'. */
function shapeErrorField(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigurationShapeError) return e.field;
    throw e;
  }
  return 'no error';
}

describe('lib/glue-job', () => {
  it('isSparkJob reads Command.Name and tolerates a job without Command', () => {
    expect(isSparkJob({})).toBe(false);
    expect(isSparkJob({ Command: {} })).toBe(false);
    expect(isSparkJob({ Command: { Name: 'glueetl' } })).toBe(true);
    expect(isSparkJob({ Command: { Name: 'pythonshell' } })).toBe(false);
  });

  it('compareGlueVersions compares the minor number when the majors are equal', () => {
    expect(compareGlueVersions('4.1', '4.0')).toBe(1);
    expect(compareGlueVersions('4.0', '4.2')).toBe(-2);
    expect(compareGlueVersions('5.0', '3.0')).toBe(2);
    expect(compareGlueVersions('4.0', '4.0')).toBe(0);
    expect(compareGlueVersions('4', '4.0')).toBe(0);
  });

  it('jobResource reports the job by name, with tags only when given', () => {
    const job = { Name: 'etl', Role: 'r' };
    expect(jobResource(job)).toStrictEqual({
      resourceType: 'AWS::Glue::Job',
      resourceId: 'etl',
      configuration: job,
    });
    expect(jobResource(job, { team: 'a' })).toStrictEqual({
      resourceType: 'AWS::Glue::Job',
      resourceId: 'etl',
      configuration: job,
      tags: { team: 'a' },
    });
    expect(jobResource({})).toStrictEqual({
      resourceType: 'AWS::Glue::Job',
      resourceId: '',
      configuration: {},
    });
  });

  it('checkedJob accepts the documented shape and an empty job', () => {
    const job = {
      Name: 'etl',
      DefaultArguments: { '--a': 'x' },
      NonOverridableArguments: { '--b': 'y' },
      Command: { Name: 'glueetl' },
      Connections: { Connections: ['c1', 'c2'] },
      GlueVersion: '4.0',
      SecurityConfiguration: 'sc',
    };
    expect(checkedJob(job)).toBe(job);
    expect(checkedJob({})).toStrictEqual({});
    expect(checkedJob({ Connections: {} })).toStrictEqual({ Connections: {} });
  });

  it.each([
    ['not an object', 'configuration'],
    [{ DefaultArguments: { '--a': 1 } }, 'DefaultArguments.--a'],
    [{ DefaultArguments: 'x' }, 'DefaultArguments'],
    [{ NonOverridableArguments: { '--b': true } }, 'NonOverridableArguments.--b'],
    [{ Command: 'glueetl' }, 'Command'],
    [{ Command: { Name: 3 } }, 'Command.Name'],
    [{ Connections: 'c1' }, 'Connections'],
    [{ Connections: { Connections: 'c1' } }, 'Connections.Connections'],
    [{ Connections: { Connections: [1] } }, 'Connections.Connections[0]'],
    [{ Connections: { Connections: ['c1', {}] } }, 'Connections.Connections[1]'],
    [{ GlueVersion: 4 }, 'GlueVersion'],
    [{ SecurityConfiguration: ['sc'] }, 'SecurityConfiguration'],
  ])('checkedJob(%j) names %s', (configuration, field) => {
    expect(shapeErrorField(() => checkedJob(configuration))).toBe(field);
  });
});

const item = (configuration: unknown, extra: Partial<ConfigurationItem> = {}): ConfigurationItem => ({
  configurationItemStatus: 'OK',
  resourceType: 'AWS::Glue::MLTransform',
  resourceId: 'tfm-recorded',
  configurationItemCaptureTime: '2026-01-01T00:00:00.000Z',
  configuration,
  ...extra,
});

describe('lib/ml-transform', () => {
  it.each([null, undefined])('an item whose configuration is %s is an invalid event', (configuration) => {
    const run = () => mlTransformFromItem(item(configuration));
    expect(run).toThrow(InvalidEventError);
    expect(run).toThrow('The configuration item for tfm-recorded has no configuration');
  });

  it('maps an item without encryption or tables', () => {
    const r = mlTransformFromItem(item({}, { resourceName: 'recorded-name' }));
    expect(r).toEqual({
      resourceType: 'AWS::Glue::MLTransform',
      resourceId: 'tfm-recorded',
      configuration: { TransformId: 'tfm-recorded', Name: 'recorded-name' },
      tags: {},
    });
    expect('TransformEncryption' in r.configuration).toBe(false);
  });

  it('prefers the recorded Id and Name and copies the fields', () => {
    const r = mlTransformFromItem(
      item(
        {
          Id: 'tfm-1',
          Name: 'dedupe',
          Role: 'role',
          GlueVersion: '2.0',
          InputRecordTables: { GlueTables: [{ DatabaseName: 'db', TableName: 't' }] },
          TransformEncryption: {
            MLUserDataEncryption: { MLUserDataEncryptionMode: 'SSE-KMS', KmsKeyId: 'key-1' },
            TaskRunSecurityConfigurationName: 'sc',
          },
        },
        { resourceName: 'other-name', tags: { team: 'a' } },
      ),
    );
    expect(r.resourceId).toBe('tfm-recorded');
    expect(r.tags).toStrictEqual({ team: 'a' });
    expect(r.configuration).toEqual({
      TransformId: 'tfm-1',
      Name: 'dedupe',
      Role: 'role',
      GlueVersion: '2.0',
      InputRecordTables: [{ DatabaseName: 'db', TableName: 't' }],
      TransformEncryption: {
        MlUserDataEncryption: { MlUserDataEncryptionMode: 'SSE-KMS', KmsKeyId: 'key-1' },
        TaskRunSecurityConfigurationName: 'sc',
      },
    });
  });

  it('accepts the API spelling MlUserDataEncryption', () => {
    const enc = { MlUserDataEncryption: { MlUserDataEncryptionMode: 'DISABLED' } };
    const r = mlTransformFromItem(item({ TransformEncryption: enc }));
    expect(r.configuration.TransformEncryption).toEqual({
      MlUserDataEncryption: { MlUserDataEncryptionMode: 'DISABLED' },
    });
    const bare = mlTransformFromItem(
      item({ TransformEncryption: { TaskRunSecurityConfigurationName: 'sc' } }),
    );
    expect(bare.configuration.TransformEncryption).toEqual({ TaskRunSecurityConfigurationName: 'sc' });
  });

  it.each([
    ['x', 'configuration'],
    [{ TransformEncryption: 'x' }, 'TransformEncryption'],
    [{ TransformEncryption: { MLUserDataEncryption: 'x' } }, 'TransformEncryption.MLUserDataEncryption'],
    [{ TransformEncryption: { MlUserDataEncryption: [] } }, 'TransformEncryption.MlUserDataEncryption'],
    [
      { TransformEncryption: { MLUserDataEncryption: { MLUserDataEncryptionMode: 1 } } },
      'TransformEncryption.MLUserDataEncryption.MLUserDataEncryptionMode',
    ],
    [
      { TransformEncryption: { MLUserDataEncryption: { MlUserDataEncryptionMode: 1 } } },
      'TransformEncryption.MLUserDataEncryption.MlUserDataEncryptionMode',
    ],
    [
      { TransformEncryption: { MLUserDataEncryption: { KmsKeyId: {} } } },
      'TransformEncryption.MLUserDataEncryption.KmsKeyId',
    ],
    [
      { TransformEncryption: { MlUserDataEncryption: { MLUserDataEncryptionMode: 1 } } },
      'TransformEncryption.MlUserDataEncryption.MLUserDataEncryptionMode',
    ],
    [
      { TransformEncryption: { MlUserDataEncryption: { MlUserDataEncryptionMode: 1 } } },
      'TransformEncryption.MlUserDataEncryption.MlUserDataEncryptionMode',
    ],
    [
      { TransformEncryption: { MlUserDataEncryption: { KmsKeyId: 2 } } },
      'TransformEncryption.MlUserDataEncryption.KmsKeyId',
    ],
  ])('mlTransformFromItem(%j) names %s', (configuration, field) => {
    expect(shapeErrorField(() => mlTransformFromItem(item(configuration)))).toBe(field);
  });

  it('mlTransformResource reports the transform by id, with tags only when given', () => {
    const t = { TransformId: 'tfm-1', Name: 'n' };
    expect(mlTransformResource(t)).toStrictEqual({
      resourceType: 'AWS::Glue::MLTransform',
      resourceId: 'tfm-1',
      configuration: t,
    });
    expect(mlTransformResource(t, { a: 'b' })).toStrictEqual({
      resourceType: 'AWS::Glue::MLTransform',
      resourceId: 'tfm-1',
      configuration: t,
      tags: { a: 'b' },
    });
    expect(mlTransformResource({})).toStrictEqual({
      resourceType: 'AWS::Glue::MLTransform',
      resourceId: '',
      configuration: {},
    });
  });
});
