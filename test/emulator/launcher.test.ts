import { CreateJobCommand, GetJobCommand, GlueClient, UpdateDevEndpointCommand } from '@aws-sdk/client-glue';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/launcher';
import { emulatorGap, useEmulator } from './context';

const emulator = useEmulator();
const glue = new GlueClient(emulator.clientConfig);

describe('emulator harness', () => {
  it('starts each test from an empty emulator (part 1: create)', async () => {
    // Act
    await glue.send(new CreateJobCommand({ Name: 'leftover', Role: 'r', Command: { Name: 'glueetl' } }));

    // Assess
    expect((await glue.send(new GetJobCommand({ JobName: 'leftover' }))).Job?.Name).toBe('leftover');
  });

  it('starts each test from an empty emulator (part 2: gone)', async () => {
    // Act
    const get = glue.send(new GetJobCommand({ JobName: 'leftover' }));

    // Assess
    await expect(get).rejects.toMatchObject({ name: 'EntityNotFoundException' });
  });

  it('names an action moto does not implement as an emulator gap', async () => {
    // Act
    const error = await glue
      .send(new UpdateDevEndpointCommand({ EndpointName: 'dev' }))
      .catch((err: unknown) => err);
    const typed = await glue.send(new GetJobCommand({ JobName: 'missing' })).catch((err: unknown) => err);

    // Assess
    expect(emulatorGap('UpdateDevEndpoint', error).message).toBe('emulator gap: UpdateDevEndpoint');
    expect(emulatorGap('GetJob', typed)).toBe(typed);
  });

  it('fails clearly when the interpreter cannot run', async () => {
    // Act
    const start = startEmulator({ python: '/nonexistent/python' });

    // Assess
    await expect(start).rejects.toThrow(/emulator could not start/);
  });

  it('starts and stops a separate emulator on its own loopback port', async () => {
    // Prepare
    const extra = await startEmulator();

    // Act
    const health = await fetch(`${extra.endpoint}/moto-api/glue-guardrails/health`);
    await extra.stop();
    const afterStop = await fetch(`${extra.endpoint}/moto-api/glue-guardrails/health`).catch(() => undefined);

    // Assess
    expect(extra.endpoint).toBe(`http://127.0.0.1:${extra.port}`);
    expect(extra.endpoint).not.toBe(emulator.endpoint);
    expect(health.ok).toBe(true);
    expect(afterStop).toBeUndefined();
  });
});
