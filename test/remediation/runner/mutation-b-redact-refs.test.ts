import { describe, expect, it } from 'vitest';
import type { AutomationDocument } from '../../../remediation/catalog/types';
import { ParameterError, StepFailure, UnsupportedFeatureError } from '../../../remediation/runner/errors';
import { REDACTED, Redactor, scrubSteps } from '../../../remediation/runner/redact';
import { referenceProblems, stepOutputNames } from '../../../remediation/runner/refs';

type Step = AutomationDocument['mainSteps'][number];
const doc = (mainSteps: unknown[], outputs?: string[]): AutomationDocument =>
  ({
    schemaVersion: '0.3',
    parameters: { Name: { type: 'String' } },
    mainSteps,
    outputs,
  }) as AutomationDocument;
const sleepStep = (name: string, inputs: Record<string, unknown> = { Duration: 'PT1S' }): unknown => ({
  name,
  action: 'aws:sleep',
  inputs,
});

describe('Redactor: learned secrets', () => {
  it('replaces the longest learned secret first, so a shorter prefix secret leaves no tail', () => {
    // Arrange: the short secret is learned first (insertion order would scrub it first).
    const r = new Redactor();
    r.learn({ Password: 'abcd' });
    r.learn({ ClientSecret: 'abcdefgh' });
    // Act / Assess
    expect(r.scrubKnown('token abcdefgh end')).toBe(`token ${REDACTED} end`);
  });

  it('learns string secrets of four characters or more, and nothing shorter or non-string', () => {
    const r = new Redactor();
    r.learn({ Password: 'abcd', PRIVATE_KEY: 'xyz', SecretKey: 98765 });
    expect(r.scrubKnown('a abcd b')).toBe(`a ${REDACTED} b`);
    expect(r.scrubKnown('xyz and 98765')).toBe('xyz and 98765');
  });

  it('redacts every element of a secret-keyed list and learns each one', () => {
    const r = new Redactor();
    expect(r.redact({ Passwords: ['first-secret', 'second-secret'] })).toEqual({
      Passwords: [REDACTED, REDACTED],
    });
    expect(r.scrubKnown('first-secret/second-secret')).toBe(`${REDACTED}/${REDACTED}`);
  });
});

describe('Redactor.scrub: key names and quoted values', () => {
  it('treats z and Z as letters of a key name', () => {
    const r = new Redactor();
    expect(r.scrub('passwordz=hunter2')).toBe(`passwordz=${REDACTED}`);
    expect(r.scrub('PASSWORDZ=hunter2')).toBe(`PASSWORDZ=${REDACTED}`);
  });

  it.each([
    ['\\n', '\n'],
    ['\\r', '\r'],
    ['\\u2028', '\u2028'],
    ['\\u2029', '\u2029'],
  ])('does not let a backslash escape a line break (%s) inside a double-quoted value', (_label, br) => {
    // `"a\` then a line break: the quoted string is unterminated, so the value is the bare word `"a\`.
    const r = new Redactor();
    expect(r.scrub(`password="a\\${br}b" tail`)).toBe(`password="${REDACTED}"${br}b" tail`);
  });

  it('charges at least one step per character scanned (the meter the linearity tests rely on)', () => {
    const r = new Redactor();
    const text = 'user=etl PASSWORD="x y" note: plain text, no secrets here';
    const before = scrubSteps();
    r.scrub(text);
    expect(scrubSteps() - before).toBeGreaterThanOrEqual(text.length);
  });
});

describe('referenceProblems: the messages a document author reads', () => {
  it('refuses global: and automation: variables it does not support, by name', () => {
    const d = doc([
      sleepStep('Wait', { Duration: '{{ global:DATE_LOCAL }}', Other: '{{ automation:EXECUTION_ROLE }}' }),
    ]);
    expect(referenceProblems(d, true)).toEqual([
      "Step 'Wait': unsupported variable '{{ global:DATE_LOCAL }}'",
      "Step 'Wait': unsupported variable '{{ automation:EXECUTION_ROLE }}'",
    ]);
  });

  it('names a missing parameter and a missing step output, with the scope searched', () => {
    const d = doc([sleepStep('Wait', { Duration: '{{ Nope }}', X: '{{ Later.Out }}' }), sleepStep('Later')]);
    expect(referenceProblems(d, true)).toEqual([
      "Step 'Wait': '{{ Nope }}' names no parameter",
      "Step 'Wait': '{{ Later.Out }}' names no output of an earlier step",
    ]);
    expect(referenceProblems(d, false)).toEqual([
      "Step 'Wait': '{{ Nope }}' names no parameter",
      "Step 'Wait': '{{ Later.Out }}' names no output of a step",
    ]);
  });

  it("accepts an earlier script step's OutputPayload and declared outputs, not a sleep step's", () => {
    const script = {
      name: 'Run',
      action: 'aws:executeScript',
      inputs: { Runtime: 'python3.11', Handler: 'h', Script: 'def h(e, c): return {}' },
      outputs: [{ Name: 'Count', Selector: '$.Payload.n', Type: 'Integer' }],
    };
    const d = doc(
      [
        script,
        sleepStep('Nap'),
        sleepStep('Use', {
          Duration: '{{ Run.OutputPayload }}',
          A: '{{ Run.Count }}',
          B: '{{ Nap.OutputPayload }}',
        }),
      ],
      ['Run.Count', 'Nap.OutputPayload', 'Ghost.Out', 'NoDot'],
    );
    expect(referenceProblems(d, true)).toEqual([
      "Step 'Use': '{{ Nap.OutputPayload }}' names no output of an earlier step",
      "Document output 'Nap.OutputPayload' names no step output",
      "Document output 'Ghost.Out' names no step output",
      "Document output 'NoDot' names no step output",
    ]);
  });

  it('lists OutputPayload only for aws:executeScript', () => {
    const outputs = [{ Name: 'Count', Selector: '$.n', Type: 'Integer' }];
    expect(
      stepOutputNames({ name: 'S', action: 'aws:executeScript', inputs: {}, outputs } as unknown as Step),
    ).toEqual(['Count', 'OutputPayload']);
    expect(
      stepOutputNames({ name: 'T', action: 'aws:sleep', inputs: {}, outputs } as unknown as Step),
    ).toEqual(['Count']);
  });
});

describe('runner errors', () => {
  it('carry the names callers and records show', () => {
    expect(new ParameterError('bad').name).toBe('ParameterError');
    expect(new UnsupportedFeatureError('no').name).toBe('UnsupportedFeatureError');
    expect(new StepFailure('x').name).toBe('StepFailure');
  });
});
