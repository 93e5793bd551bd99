import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../remediation/catalog/errors';
import type { AutomationDocument } from '../../../remediation/catalog/types';
import { UnsupportedFeatureError } from '../../../remediation/runner/errors';
import { assertSupported } from '../../../remediation/runner/schema';

const sleep = { name: 'Wait', action: 'aws:sleep', inputs: { Duration: 'PT0S' } };
const docWith = (patch: Record<string, unknown>): AutomationDocument =>
  ({ schemaVersion: '0.3', mainSteps: [sleep], ...patch }) as AutomationDocument;

describe('Runner: what it refuses before running', () => {
  it('accepts a minimal document', () => {
    expect(() => assertSupported(docWith({}), 'Doc')).not.toThrow();
  });

  it('refuses another schema version and unknown document or parameter fields', () => {
    expect(() => assertSupported(docWith({ schemaVersion: '2.2' }), 'Doc')).toThrow(
      new UnsupportedFeatureError("Document 'Doc': schemaVersion must be '0.3', got '2.2'"),
    );
    expect(() => assertSupported(docWith({ files: {} }), 'Doc')).toThrow(
      "Document 'Doc': field 'files' is not supported by the local runner",
    );
    expect(() =>
      assertSupported(docWith({ parameters: { P: { type: 'String', displayType: 'textarea' } } }), 'Doc'),
    ).toThrow("Parameter 'P': field 'displayType' is not supported by the local runner");
    expect(() => assertSupported(docWith({ parameters: { P: { type: 'Secret' } } }), 'Doc')).toThrow(
      "Parameter 'P': type 'Secret' is not supported",
    );
  });

  it("refuses a Script containing '{{', which interpolation would turn into code", () => {
    const script = (text: string) =>
      docWith({
        mainSteps: [
          {
            name: 'Run',
            action: 'aws:executeScript',
            isEnd: true,
            inputs: { Runtime: 'python3.11', Handler: 'handler', Script: text },
          },
        ],
      });
    expect(() => assertSupported(script("def handler(e, c):\n    return '{{ JobName }}'\n"), 'Doc')).toThrow(
      new DocumentError(
        "Step 'Run': Script contains '{{', which would interpolate input into code; pass values through InputPayload",
      ),
    );
    expect(() => assertSupported(script('def handler(e, c):\n    return {}\n'), 'Doc')).not.toThrow();
  });

  it('refuses steps that name missing targets, repeat a name, or carry bad common fields', () => {
    const step = (extra: Record<string, unknown>) => docWith({ mainSteps: [{ ...sleep, ...extra }] });
    expect(() => assertSupported(step({ nextStep: 'Nowhere' }), 'Doc')).toThrow(
      new DocumentError("Step 'Wait': nextStep 'Nowhere' names no step"),
    );
    expect(() => assertSupported(step({ onFailure: 'step:Nowhere' }), 'Doc')).toThrow(
      "onFailure 'step:Nowhere' names no step",
    );
    expect(() => assertSupported(step({ onCancel: 'Continue' }), 'Doc')).toThrow(
      "onCancel 'Continue' names no step",
    );
    expect(() => assertSupported(step({ timeoutSeconds: 0 }), 'Doc')).toThrow(
      'timeoutSeconds must be a positive integer',
    );
    expect(() => assertSupported(step({ isCritical: 'no' }), 'Doc')).toThrow(
      'isCritical must be true or false',
    );
    expect(() => assertSupported(docWith({ mainSteps: [sleep, sleep] }), 'Doc')).toThrow(
      "duplicate step name 'Wait'",
    );
  });

  it('refuses missing required inputs and unknown output types', () => {
    expect(() =>
      assertSupported(
        docWith({ mainSteps: [{ name: 'Call', action: 'aws:executeAwsApi', inputs: { Service: 'glue' } }] }),
        'Doc',
      ),
    ).toThrow("Step 'Call': aws:executeAwsApi requires input 'Api'");
    expect(() =>
      assertSupported(
        docWith({ mainSteps: [{ ...sleep, outputs: [{ Name: 'X', Selector: '$.X', Type: 'Blob' }] }] }),
        'Doc',
      ),
    ).toThrow("Step 'Wait': output type 'Blob' is not supported");
  });
});
