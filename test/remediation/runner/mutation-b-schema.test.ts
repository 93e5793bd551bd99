import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../remediation/catalog/errors';
import type { AutomationDocument } from '../../../remediation/catalog/types';
import { assertSupported, targetStep } from '../../../remediation/runner/schema';

const sleep = { name: 'Wait', action: 'aws:sleep', inputs: { Duration: 'PT0S' } };
const docWith = (patch: Record<string, unknown>): AutomationDocument =>
  ({ schemaVersion: '0.3', mainSteps: [sleep], ...patch }) as AutomationDocument;
const steps = (...mainSteps: unknown[]) => docWith({ mainSteps });

describe('assertSupported: steps it refuses, with the message the author reads', () => {
  it('refuses a document with missing or empty mainSteps', () => {
    expect(() => assertSupported(docWith({ mainSteps: [] }), 'Doc')).toThrow(
      new DocumentError("Document 'Doc' has no mainSteps"),
    );
    expect(() => assertSupported(docWith({ mainSteps: undefined }), 'Doc')).toThrow(
      new DocumentError("Document 'Doc' has no mainSteps"),
    );
  });

  it('refuses a missing step or a step without a string name', () => {
    expect(() => assertSupported(steps(null), 'Doc')).toThrow(
      new DocumentError("Document 'Doc': invalid step name 'undefined'"),
    );
    expect(() =>
      assertSupported(steps({ action: 'aws:sleep', inputs: { Duration: 'PT0S' } }), 'Doc'),
    ).toThrow(new DocumentError("Document 'Doc': invalid step name 'undefined'"));
    expect(() => assertSupported(steps({ ...sleep, name: 5 }), 'Doc')).toThrow(
      new DocumentError("Document 'Doc': invalid step name '5'"),
    );
  });

  it('accepts timeoutSeconds and maxAttempts of 1', () => {
    expect(() =>
      assertSupported(steps({ ...sleep, timeoutSeconds: 1, maxAttempts: 1 }), 'Doc'),
    ).not.toThrow();
  });

  it('needs exactly one of Duration or Timestamp on aws:sleep', () => {
    const message = new DocumentError("Step 'Wait': aws:sleep takes exactly one of Duration or Timestamp");
    expect(() =>
      assertSupported(
        steps({ ...sleep, inputs: { Duration: 'PT0S', Timestamp: '2026-01-01T00:00:00Z' } }),
        'Doc',
      ),
    ).toThrow(message);
    expect(() => assertSupported(steps({ ...sleep, inputs: {} }), 'Doc')).toThrow(message);
    expect(() =>
      assertSupported(steps({ ...sleep, inputs: { Timestamp: '2026-01-01T00:00:00Z' } }), 'Doc'),
    ).not.toThrow();
  });

  it('names the step when an output has an unknown field', () => {
    const out = { Name: 'X', Selector: '$.x', Type: 'String', Extra: 1 };
    expect(() => assertSupported(steps({ ...sleep, outputs: [out] }), 'Doc')).toThrow(
      "Step 'Wait' output: field 'Extra' is not supported by the local runner",
    );
  });

  it("allows '{{' in an API parameter named Script (only aws:executeScript code is protected)", () => {
    const call = {
      name: 'Call',
      action: 'aws:executeAwsApi',
      inputs: { Service: 'glue', Api: 'GetJob', Script: '{{ Name }}' },
    };
    expect(() =>
      assertSupported(docWith({ parameters: { Name: { type: 'String' } }, mainSteps: [call] }), 'Doc'),
    ).not.toThrow();
  });

  it('leaves a non-string Script to the action (which reports it as an empty Script)', () => {
    const run = {
      name: 'Run',
      action: 'aws:executeScript',
      inputs: { Runtime: 'python3.11', Handler: 'handler', Script: 5 },
    };
    expect(() => assertSupported(steps(run), 'Doc')).not.toThrow();
  });

  it('accepts onFailure Continue but not onCancel Continue', () => {
    expect(() => assertSupported(steps({ ...sleep, onFailure: 'Continue' }), 'Doc')).not.toThrow();
    expect(() => assertSupported(steps({ ...sleep, onCancel: 'Continue' }), 'Doc')).toThrow(
      new DocumentError("Step 'Wait': onCancel 'Continue' names no step"),
    );
  });
});

describe('targetStep', () => {
  it('gives the step of step:Name and nothing for Abort, Continue or nothing', () => {
    expect(targetStep('step:Wait')).toBe('Wait');
    expect(targetStep('Abort')).toBeUndefined();
    expect(targetStep('Continue')).toBeUndefined();
    expect(targetStep(undefined)).toBeUndefined();
  });
});
