import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../emulator/context';
import { automationFields, type HandlerRun, runHandler } from './support/handler';

const emulator = useEmulator();
const PROBE = readFileSync(join(import.meta.dirname, 'support', 'job_update_probe.py'), 'utf8');
const MARKER = 'JOB_UPDATE_PROBE ';

interface Probe {
  job: Record<string, unknown>;
  update: Record<string, unknown>;
  jobUpdateMembers: string[];
}

/** Each job document, with the JobUpdate members its remediation means to change. */
const DOCUMENTS = [
  [
    'AttachGlueJobSecurityConfiguration',
    { SecurityConfigurationName: 'encrypted' },
    ['SecurityConfiguration'],
  ],
  ['EnableGlueJobContinuousLogging', {}, ['DefaultArguments']],
  ['SetGlueJobDisableProxy', {}, ['DefaultArguments']],
] as const;

/** What GetJob reports that UpdateJob must not get back, by how the job is sized (lib/glue_job_update.py). */
const DROPPED = {
  // GetJob reports the DPUs computed from the workers; UpdateJob rejects them next to a worker type.
  workers: ['MaxCapacity', 'AllocatedCapacity'],
  // AllocatedCapacity is the deprecated mirror of MaxCapacity.
  capacity: ['AllocatedCapacity'],
} as const;

function probeOf(run: HandlerRun): Probe {
  if (!run.ok) throw new Error(`handler failed: ${run.error}\n${run.stderr}`);
  const line = run.stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (!line) throw new Error(`the handler never called UpdateJob\n${run.stdout}`);
  return JSON.parse(line.slice(MARKER.length)) as Probe;
}

describe('Script: lib/glue_job_update.py through each job document', () => {
  for (const [document, parameters, changed] of DOCUMENTS) {
    for (const sizing of ['workers', 'capacity'] as const) {
      it(`${document} sends back every JobUpdate member GetJob returned (${sizing}-sized job)`, async () => {
        // Prepare: GetJob returns every member of botocore's Job shape (the emulator stores fewer)
        const patch = `SIZING = '${sizing}'\n${PROBE}`;

        // Act
        const run = await runHandler(
          emulator,
          document,
          'handler',
          { JobName: 'load', ...parameters, ...automationFields(emulator) },
          { patch },
        );

        // Assess
        const { job, update, jobUpdateMembers } = probeOf(run);
        const dropped: readonly string[] = DROPPED[sizing];
        const expected = jobUpdateMembers.filter((m) => m in job && !dropped.includes(m));
        expect(expected).toEqual(
          expect.arrayContaining(['JobMode', 'JobRunQueuingEnabled', 'MaintenanceWindow', 'ExecutionClass']),
        );
        expect(Object.keys(update).sort()).toEqual(expected.sort());
        for (const member of expected.filter((m) => !(changed as readonly string[]).includes(m))) {
          expect(update[member], member).toEqual(job[member]);
        }
      });
    }
  }
});
