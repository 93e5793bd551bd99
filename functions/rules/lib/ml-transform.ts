import type { GlueTable, TransformEncryption, TransformParameters } from '@aws-sdk/client-glue';
import type { MLTransform } from '../../lookups/glue';
import { InvalidEventError } from '../../runtime/errors';
import { optionalRecord, optionalString, requireRecord } from '../../runtime/shape';
import type { ConfigurationItem, RuleResource } from '../../runtime/types';
import { ML_TRANSFORM_TYPE } from '../meta/shared';

export { ML_TRANSFORM_TYPE };

/**
 * An AWS::Glue::MLTransform configuration item as AWS Config records it: the CloudFormation
 * resource's shape (aws-config-resource-schema, AWS::Glue::MLTransform.properties.json), not
 * GetMLTransform's: `Id`, `InputRecordTables.GlueTables`, `TransformParameters` and
 * `TransformEncryption.MLUserDataEncryption.MLUserDataEncryptionMode` (capital ML).
 */
interface RecordedMLTransform {
  Id?: string;
  Name?: string;
  Description?: string;
  Role?: string;
  GlueVersion?: string;
  MaxCapacity?: number;
  WorkerType?: string;
  NumberOfWorkers?: number;
  Timeout?: number;
  MaxRetries?: number;
  InputRecordTables?: { GlueTables?: GlueTable[] };
  TransformParameters?: TransformParameters;
  TransformEncryption?: {
    MLUserDataEncryption?: { MLUserDataEncryptionMode?: string; KmsKeyId?: string };
    TaskRunSecurityConfigurationName?: string;
  } & TransformEncryption;
}

/** Maps a recorded item to the GetMLTransforms shape, so the sweep and the change path agree. */
export function mlTransformFromItem(item: ConfigurationItem): RuleResource<MLTransform> {
  if (item.configuration === null || item.configuration === undefined) {
    throw new InvalidEventError(`The configuration item for ${item.resourceId} has no configuration`);
  }
  const c = requireRecord(item.configuration, 'configuration') as RecordedMLTransform;
  // The fields the encryption verdict reads, checked so a wrong shape is an error, not a guess.
  const encRecord = optionalRecord(c.TransformEncryption, 'TransformEncryption');
  for (const spelling of ['MLUserDataEncryption', 'MlUserDataEncryption'] as const) {
    const userData = optionalRecord(encRecord?.[spelling], `TransformEncryption.${spelling}`);
    for (const field of ['MLUserDataEncryptionMode', 'MlUserDataEncryptionMode', 'KmsKeyId']) {
      optionalString(userData?.[field], `TransformEncryption.${spelling}.${field}`);
    }
  }
  const enc = c.TransformEncryption;
  // Accept the API spelling too, in case the recorder ever switches to it.
  const userData = enc?.MLUserDataEncryption
    ? {
        MlUserDataEncryptionMode: enc.MLUserDataEncryption.MLUserDataEncryptionMode,
        KmsKeyId: enc.MLUserDataEncryption.KmsKeyId,
      }
    : enc?.MlUserDataEncryption;
  const transform: MLTransform = {
    TransformId: c.Id ?? item.resourceId,
    Name: c.Name ?? item.resourceName,
    Description: c.Description,
    Role: c.Role,
    GlueVersion: c.GlueVersion,
    MaxCapacity: c.MaxCapacity,
    WorkerType: c.WorkerType as MLTransform['WorkerType'],
    NumberOfWorkers: c.NumberOfWorkers,
    Timeout: c.Timeout,
    MaxRetries: c.MaxRetries,
    InputRecordTables: c.InputRecordTables?.GlueTables,
    Parameters: c.TransformParameters,
  };
  if (enc) {
    transform.TransformEncryption = {
      MlUserDataEncryption: userData as TransformEncryption['MlUserDataEncryption'],
      TaskRunSecurityConfigurationName: enc.TaskRunSecurityConfigurationName,
    };
  }
  return {
    resourceType: ML_TRANSFORM_TYPE,
    resourceId: item.resourceId,
    configuration: transform,
    tags: item.tags ?? {},
  };
}

/** A swept transform, reported by its transform id (the id Config records). */
export function mlTransformResource(
  transform: MLTransform,
  tags?: Record<string, string>,
): RuleResource<MLTransform> {
  const resource: RuleResource<MLTransform> = {
    resourceType: ML_TRANSFORM_TYPE,
    resourceId: transform.TransformId ?? '',
    configuration: transform,
  };
  if (tags) resource.tags = tags;
  return resource;
}
