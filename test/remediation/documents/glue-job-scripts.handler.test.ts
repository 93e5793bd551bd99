import { CreateSecurityConfigurationCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../emulator/context';
import { automationFields, resultOf, runHandler } from './support/handler';
import {
  createJob,
  createKey,
  createSecurityConfiguration,
  glue,
  readJob,
  sparkJob,
  without,
} from './support/seed';

const emulator = useEmulator();
const ATTACH = 'AttachGlueJobSecurityConfiguration';
const LOGGING = 'EnableGlueJobContinuousLogging';
const PROXY = 'SetGlueJobDisableProxy';
const IGNORED = ['LastModifiedOn'];

function payload(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { JobName: 'load', ...automationFields(emulator), ...extra };
}

describe('Script: attach_glue_job_security_configuration.py', () => {
  it('attaches the configuration and keeps every other job field (worker-sized job)', async () => {
    // Prepare
    await createSecurityConfiguration(emulator, 'encrypted', await createKey(emulator));
    await createJob(emulator, sparkJob('load'));
    const before = await readJob(emulator, 'load');

    // Act
    const result = resultOf(
      await runHandler(emulator, ATTACH, 'handler', payload({ SecurityConfigurationName: 'encrypted' })),
    );

    // Assess
    expect(result).toMatchObject({
      outcome: 'REMEDIATED',
      resource: 'load',
      changes: [{ field: 'SecurityConfiguration', before: null, after: 'encrypted' }],
    });
    const after = await readJob(emulator, 'load');
    expect(after.SecurityConfiguration).toBe('encrypted');
    expect(without(after, 'SecurityConfiguration', ...IGNORED)).toEqual(
      without(before, 'SecurityConfiguration', ...IGNORED),
    );
  });

  it('keeps MaxCapacity of a Python shell job', async () => {
    // Prepare
    await createSecurityConfiguration(emulator, 'encrypted', await createKey(emulator));
    await createJob(
      emulator,
      sparkJob('load', {
        Command: { Name: 'pythonshell', ScriptLocation: 's3://scripts/small.py', PythonVersion: '3.9' },
        WorkerType: undefined,
        NumberOfWorkers: undefined,
        GlueVersion: '3.0',
        MaxCapacity: 0.0625,
      }),
    );
    const before = await readJob(emulator, 'load');

    // Act
    const run = await runHandler(
      emulator,
      ATTACH,
      'handler',
      payload({ SecurityConfigurationName: 'encrypted' }),
    );

    // Assess
    expect(resultOf(run).outcome).toBe('REMEDIATED');
    const after = await readJob(emulator, 'load');
    expect(after.SecurityConfiguration).toBe('encrypted');
    expect(after.MaxCapacity).toBe(0.0625);
    expect(without(after, 'SecurityConfiguration', ...IGNORED)).toEqual(
      without(before, 'SecurityConfiguration', ...IGNORED),
    );
  });

  it('fails clearly when the security configuration does not exist, leaving the job alone', async () => {
    // Prepare
    await createJob(emulator, sparkJob('load'));
    const before = await readJob(emulator, 'load');

    // Act
    const run = await runHandler(emulator, ATTACH, 'handler', payload({ SecurityConfigurationName: 'nope' }));

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain('Security configuration nope does not exist in this account and region');
    expect(await readJob(emulator, 'load')).toEqual(before);
  });

  it('refuses a configuration that leaves job bookmarks unencrypted', async () => {
    // Prepare
    await glue(emulator).send(
      new CreateSecurityConfigurationCommand({
        Name: 'partial',
        EncryptionConfiguration: {
          S3Encryption: [{ S3EncryptionMode: 'SSE-S3' }],
          CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: await createKey(emulator) },
          JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'DISABLED' },
        },
      }),
    );
    await createJob(emulator, sparkJob('load'));

    // Act
    const run = await runHandler(
      emulator,
      ATTACH,
      'handler',
      payload({ SecurityConfigurationName: 'partial' }),
    );

    // Assess
    expect(run.error).toContain('Security configuration partial cannot secure job load:');
    expect(run.error).toContain('job bookmarks are not encrypted with CSE-KMS');
    expect((await readJob(emulator, 'load')).SecurityConfiguration).toBeUndefined();
  });

  it('refuses an SSE-S3 configuration unless AllowSseS3 is true, as the rule judges it', async () => {
    // Prepare
    await createSecurityConfiguration(emulator, 'sse-s3', await createKey(emulator), 'SSE-S3');
    await createJob(emulator, sparkJob('load'));
    const name = { SecurityConfigurationName: 'sse-s3' };

    // Act
    const refused = await runHandler(emulator, ATTACH, 'handler', payload({ ...name, AllowSseS3: 'false' }));
    const defaulted = await runHandler(emulator, ATTACH, 'handler', payload(name));
    const allowed = resultOf(
      await runHandler(emulator, ATTACH, 'handler', payload({ ...name, AllowSseS3: true })),
    );

    // Assess
    for (const run of [refused, defaulted]) {
      expect(run.ok).toBe(false);
      expect(run.error).toContain(
        'Security configuration sse-s3 cannot secure job load: S3 data is not encrypted with SSE-KMS',
      );
    }
    expect(allowed).toMatchObject({ outcome: 'REMEDIATED' });
    expect((await readJob(emulator, 'load')).SecurityConfiguration).toBe('sse-s3');
  });

  it('does not report NO_CHANGE for a job already on a configuration the rule rejects', async () => {
    // Prepare
    await createSecurityConfiguration(emulator, 'sse-s3', await createKey(emulator), 'SSE-S3');
    await createJob(emulator, sparkJob('load', { SecurityConfiguration: 'sse-s3' }));

    // Act
    const run = await runHandler(
      emulator,
      ATTACH,
      'handler',
      payload({ SecurityConfigurationName: 'sse-s3' }),
    );

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain('S3 data is not encrypted with SSE-KMS');
  });

  it('reports NO_CHANGE when the job already uses the configuration', async () => {
    // Prepare
    await createSecurityConfiguration(emulator, 'encrypted', await createKey(emulator));
    await createJob(emulator, sparkJob('load', { SecurityConfiguration: 'encrypted' }));

    // Act
    const result = resultOf(
      await runHandler(emulator, ATTACH, 'handler', payload({ SecurityConfigurationName: 'encrypted' })),
    );

    // Assess
    expect(result).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
  });

  it('fails clearly for a job that does not exist', async () => {
    // Prepare
    await createSecurityConfiguration(emulator, 'encrypted', await createKey(emulator));

    // Act
    const run = await runHandler(
      emulator,
      ATTACH,
      'handler',
      payload({ SecurityConfigurationName: 'encrypted' }),
    );

    // Assess
    expect(run.error).toContain('Glue job load does not exist');
  });
});

describe('Script: enable_glue_job_continuous_logging.py', () => {
  it('merges the argument into DefaultArguments and keeps the rest of the job', async () => {
    // Prepare
    await createJob(emulator, sparkJob('load'));
    const before = await readJob(emulator, 'load');

    // Act
    const result = resultOf(await runHandler(emulator, LOGGING, 'handler', payload()));

    // Assess
    expect(result.changes).toEqual([
      { field: 'DefaultArguments.--enable-continuous-cloudwatch-log', before: null, after: 'true' },
    ]);
    const after = await readJob(emulator, 'load');
    expect(after.DefaultArguments).toEqual({
      ...before.DefaultArguments,
      '--enable-continuous-cloudwatch-log': 'true',
    });
    expect(without(after, 'DefaultArguments', ...IGNORED)).toEqual(
      without(before, 'DefaultArguments', ...IGNORED),
    );
    expect((await runHandler(emulator, LOGGING, 'verify', payload())).ok).toBe(true);
  });

  it('also fixes a non-overridable "false", which would win over the default', async () => {
    // Prepare
    await createJob(
      emulator,
      sparkJob('load', {
        DefaultArguments: { '--enable-continuous-cloudwatch-log': 'true' },
        NonOverridableArguments: {
          '--enable-continuous-cloudwatch-log': 'false',
          '--enable-metrics': 'true',
        },
      }),
    );

    // Act
    const result = resultOf(await runHandler(emulator, LOGGING, 'handler', payload()));

    // Assess
    expect(result.changes).toEqual([
      { field: 'NonOverridableArguments.--enable-continuous-cloudwatch-log', before: 'false', after: 'true' },
    ]);
    expect((await readJob(emulator, 'load')).NonOverridableArguments).toEqual({
      '--enable-continuous-cloudwatch-log': 'true',
      '--enable-metrics': 'true',
    });
  });

  it('reports NO_CHANGE when a non-overridable "true" already wins, as the rule judges it', async () => {
    // Prepare
    await createJob(
      emulator,
      sparkJob('load', { NonOverridableArguments: { '--enable-continuous-cloudwatch-log': 'True' } }),
    );
    const before = await readJob(emulator, 'load');

    // Act
    const result = resultOf(await runHandler(emulator, LOGGING, 'handler', payload()));

    // Assess
    expect(result).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
    expect(await readJob(emulator, 'load')).toEqual(before);
    expect((await runHandler(emulator, LOGGING, 'verify', payload())).ok).toBe(true);
  });

  it('reports NO_CHANGE on a second run', async () => {
    // Prepare
    await createJob(emulator, sparkJob('load'));
    await runHandler(emulator, LOGGING, 'handler', payload());

    // Act
    const result = resultOf(await runHandler(emulator, LOGGING, 'handler', payload()));

    // Assess
    expect(result).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
  });
});

describe('Script: set_glue_job_disable_proxy.py', () => {
  it('sets --disable-proxy-v2 on a job with connections and keeps the rest of the job', async () => {
    // Prepare
    await createJob(emulator, sparkJob('load'));
    const before = await readJob(emulator, 'load');

    // Act
    const result = resultOf(await runHandler(emulator, PROXY, 'handler', payload()));

    // Assess
    expect(result.changes).toEqual([
      { field: 'DefaultArguments.--disable-proxy-v2', before: null, after: 'true' },
    ]);
    const after = await readJob(emulator, 'load');
    expect(after.DefaultArguments).toEqual({ ...before.DefaultArguments, '--disable-proxy-v2': 'true' });
    expect(without(after, 'DefaultArguments', ...IGNORED)).toEqual(
      without(before, 'DefaultArguments', ...IGNORED),
    );
    expect((await runHandler(emulator, PROXY, 'verify', payload())).ok).toBe(true);
  });

  it('adds --disable-proxy-v2 next to a deprecated --disable-proxy, which it leaves untouched', async () => {
    // Prepare
    const legacy = { '--job-language': 'python', '--disable-proxy': 'true' };
    await createJob(emulator, sparkJob('load', { DefaultArguments: legacy }));
    const verifiedBefore = await runHandler(emulator, PROXY, 'verify', payload());

    // Act
    const result = resultOf(await runHandler(emulator, PROXY, 'handler', payload()));

    // Assess
    expect(verifiedBefore.ok).toBe(false);
    expect(verifiedBefore.error).toContain('Job load does not have --disable-proxy-v2=true');
    expect(result).toMatchObject({
      outcome: 'REMEDIATED',
      changes: [{ field: 'DefaultArguments.--disable-proxy-v2', before: null, after: 'true' }],
    });
    expect((await readJob(emulator, 'load')).DefaultArguments).toEqual({
      ...legacy,
      '--disable-proxy-v2': 'true',
    });
  });

  it('also fixes a non-overridable "false", which would win over the default', async () => {
    // Prepare
    await createJob(
      emulator,
      sparkJob('load', {
        DefaultArguments: { '--disable-proxy-v2': 'true' },
        NonOverridableArguments: { '--disable-proxy-v2': 'false', '--enable-metrics': 'true' },
      }),
    );

    // Act
    const result = resultOf(await runHandler(emulator, PROXY, 'handler', payload()));

    // Assess
    expect(result.changes).toEqual([
      { field: 'NonOverridableArguments.--disable-proxy-v2', before: 'false', after: 'true' },
    ]);
    const after = await readJob(emulator, 'load');
    expect(after.DefaultArguments).toEqual({ '--disable-proxy-v2': 'true' });
    expect(after.NonOverridableArguments).toEqual({
      '--disable-proxy-v2': 'true',
      '--enable-metrics': 'true',
    });
  });

  it('reports NO_CHANGE when a non-overridable "true" already wins', async () => {
    // Prepare
    await createJob(
      emulator,
      sparkJob('load', { NonOverridableArguments: { '--disable-proxy-v2': 'TRUE' } }),
    );
    const before = await readJob(emulator, 'load');

    // Act
    const result = resultOf(await runHandler(emulator, PROXY, 'handler', payload()));

    // Assess
    expect(result).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
    expect(await readJob(emulator, 'load')).toEqual(before);
  });

  it('refuses a job without connections', async () => {
    // Prepare
    await createJob(emulator, sparkJob('load', { Connections: undefined }));

    // Act
    const run = await runHandler(emulator, PROXY, 'handler', payload());

    // Assess
    expect(run.ok).toBe(false);
    expect(run.error).toContain('Job load has no connections');
  });

  it('reports NO_CHANGE on a second run', async () => {
    // Prepare
    await createJob(emulator, sparkJob('load'));
    await runHandler(emulator, PROXY, 'handler', payload());

    // Act
    const result = resultOf(await runHandler(emulator, PROXY, 'handler', payload()));

    // Assess
    expect(result).toMatchObject({ outcome: 'NO_CHANGE', changes: [] });
  });
});
