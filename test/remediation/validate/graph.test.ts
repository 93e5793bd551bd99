import { describe, expect, it } from 'vitest';
import type { AutomationDocument, AutomationStep } from '../../../remediation/catalog/types';
import {
  everyPathReaches,
  failureSuccessors,
  isChange,
  isPublish,
  isVerification,
  successSuccessors,
  unreachableSteps,
} from '../../../remediation/validate/graph';
import { flowProblems, structureProblems } from '../../../remediation/validate/structure';

const api = (
  name: string,
  Service: string,
  Api: string,
  fields: Partial<AutomationStep> = {},
): AutomationStep => ({
  name,
  action: 'aws:executeAwsApi',
  inputs: { Service, Api },
  ...fields,
});
const script = (name: string, iam: string): AutomationStep => ({
  name,
  action: 'aws:executeScript',
  inputs: {
    Runtime: 'python3.11',
    Handler: 'handler',
    Script: `# iam: ${iam}\ndef handler(e, c):\n    return {}\n`,
  },
});
const doc = (...mainSteps: AutomationStep[]): AutomationDocument => ({ schemaVersion: '0.3', mainSteps });

describe('Document graph: what a step is', () => {
  it.each([
    [api('P', 'SNS', 'Publish'), { publish: true, change: false, verification: false }],
    [api('P', 'sns', 'Publish'), { publish: true, change: false, verification: false }],
    [api('R', 'glue', 'GetJob'), { publish: false, change: false, verification: false }],
    [api('W', 'glue', 'UpdateJob'), { publish: false, change: true, verification: false }],
    [api('D', 'kms', 'Decrypt'), { publish: false, change: false, verification: false }],
    [script('Fix', 'glue:UpdateJob'), { publish: false, change: true, verification: false }],
    [script('Read', 'glue:GetJob'), { publish: false, change: false, verification: false }],
    [script('Notify', 'sns:Publish'), { publish: true, change: false, verification: false }],
    [script('VerifyJob', 'glue:UpdateJob'), { publish: false, change: false, verification: true }],
    [
      { name: 'Check', action: 'aws:assertAwsResourceProperty', inputs: {} },
      { publish: false, change: false, verification: true },
    ],
    [
      { name: 'Wait', action: 'aws:waitForAwsResourceProperty', inputs: {} },
      { publish: false, change: false, verification: true },
    ],
    [
      { name: 'Nap', action: 'aws:sleep', inputs: {} },
      { publish: false, change: false, verification: false },
    ],
    [
      { name: 'Broken', action: 'aws:executeScript', inputs: { Script: '# iam: not an action\n' } },
      { publish: false, change: false, verification: false },
    ],
  ])('%j', (step, kind) => {
    expect({ publish: isPublish(step), change: isChange(step), verification: isVerification(step) }).toEqual(
      kind,
    );
  });
});

describe('Document graph: where a step goes', () => {
  const branching = doc(
    {
      name: 'Choose',
      action: 'aws:branch',
      inputs: {
        Choices: [{ NextStep: 'B' }, { NextStep: 'A' }, 'not a choice', { Variable: 'x' }],
        Default: 'C',
      },
    },
    { name: 'A', action: 'aws:sleep', inputs: {}, nextStep: 'C' },
    { name: 'B', action: 'aws:sleep', inputs: {}, isEnd: true },
    { name: 'C', action: 'aws:sleep', inputs: {}, onFailure: 'Continue' },
    { name: 'D', action: 'aws:sleep', inputs: {}, onFailure: 'step:A' },
  );

  it.each([
    [0, ['B', 'A', 'C']],
    [1, ['C']],
    [2, []],
    [3, ['D']],
    [4, []],
  ])('on success step %i goes to %j', (index, next) => {
    expect(successSuccessors(branching, index)).toEqual(next);
  });

  it.each([
    [0, []],
    [3, ['D']],
    [4, ['A']],
  ])('on failure step %i goes to %j', (index, next) => {
    expect(failureSuccessors(branching, index)).toEqual(next);
  });

  it('a branch without Default falls through to the next step; Choices that are not a list add nothing', () => {
    const open = doc(
      { name: 'Choose', action: 'aws:branch', inputs: { Choices: 'x' } },
      { name: 'Next', action: 'aws:sleep', inputs: {} },
    );
    expect(successSuccessors(open, 0)).toEqual(['Next']);
    expect(successSuccessors(doc({ name: 'Only', action: 'aws:branch', inputs: {} }), 0)).toEqual([]);
    expect(
      failureSuccessors(doc({ name: 'Last', action: 'aws:sleep', inputs: {}, onFailure: 'Continue' }), 0),
    ).toEqual([]);
  });

  it('finds the steps no path reaches', () => {
    const steps = doc(
      { name: 'A', action: 'aws:sleep', inputs: {}, nextStep: 'C' },
      { name: 'B', action: 'aws:sleep', inputs: {} },
      { name: 'C', action: 'aws:sleep', inputs: {}, onFailure: 'step:E', isEnd: true },
      { name: 'D', action: 'aws:sleep', inputs: {}, nextStep: 'Nowhere' },
      { name: 'E', action: 'aws:sleep', inputs: {}, isEnd: true },
    );
    expect(unreachableSteps(steps)).toEqual(['B', 'D']);
  });

  it('every path reaches a goal only when no success path ends or leaves the document first', () => {
    const publish = api('Publish', 'SNS', 'Publish', { isEnd: true });
    const loop = doc(
      { name: 'A', action: 'aws:sleep', inputs: {}, nextStep: 'B' },
      { name: 'B', action: 'aws:sleep', inputs: {}, nextStep: 'A' },
    );
    expect(everyPathReaches(doc({ name: 'A', action: 'aws:sleep', inputs: {} }, publish), 0, isPublish)).toBe(
      true,
    );
    expect(
      everyPathReaches(
        doc({ name: 'A', action: 'aws:sleep', inputs: {}, isEnd: true }, publish),
        0,
        isPublish,
      ),
    ).toBe(false);
    expect(
      everyPathReaches(
        doc({ name: 'A', action: 'aws:sleep', inputs: {}, nextStep: 'Gone' }, publish),
        0,
        isPublish,
      ),
    ).toBe(false);
    expect(everyPathReaches(loop, 0, isPublish)).toBe(true);
  });
});

describe('Document conventions', () => {
  it('names every structural problem of a bare document', () => {
    const bare = {
      schemaVersion: '0.2',
      mainSteps: [{ name: 'Nap', action: 'aws:sleep', inputs: { Duration: 'PT1S' } }],
    };
    expect(structureProblems('Bare', bare as AutomationDocument)).toEqual([
      "Document 'Bare': schemaVersion must be '0.3', got '0.2'",
      "schemaVersion must be the string '0.3'",
      "assumeRole must be '{{ AutomationAssumeRole }}'",
      "description must start with a Markdown heading naming 'Bare', got ''",
      'AutomationAssumeRole String parameter is missing',
      'the document declares no outputs',
    ]);
  });

  it('a heading must name the document as a whole word, and every parameter needs a description', () => {
    const named = {
      schemaVersion: '0.3',
      assumeRole: '{{ AutomationAssumeRole }}',
      description: '\n# BareBones fixes it\n',
      parameters: { AutomationAssumeRole: { type: 'String', allowedPattern: '^arn:.*$' } },
      outputs: ['Nap.Out'],
      mainSteps: [{ name: 'Nap', action: 'aws:sleep', inputs: { Duration: 'PT1S' } }],
    };
    expect(structureProblems('Bare', named as AutomationDocument)).toEqual([
      "description must start with a Markdown heading naming 'Bare', got '# BareBones fixes it'",
      "Parameter 'AutomationAssumeRole' has no description",
    ]);
    expect(structureProblems('BareBones', named as AutomationDocument)).toEqual([
      "Parameter 'AutomationAssumeRole' has no description",
    ]);
  });

  it('flags a failure path that never publishes, and a document without steps', () => {
    const steps = doc(
      api('Read', 'glue', 'GetJob', { onFailure: 'step:Cleanup' }),
      api('Publish', 'SNS', 'Publish', { isEnd: true }),
      { name: 'Cleanup', action: 'aws:sleep', inputs: {}, isEnd: true },
    );
    expect(flowProblems(steps)).toEqual([
      "Step 'Read': its failure path does not reach an SNS publish step",
      "Step 'Cleanup' ends the execution without publishing to SNS",
      "Step 'Cleanup' aborts on failure without publishing (onFailure: step:<publish step>)",
    ]);
    expect(flowProblems({ schemaVersion: '0.3' } as AutomationDocument)).toEqual(['no mainSteps']);
  });
});
