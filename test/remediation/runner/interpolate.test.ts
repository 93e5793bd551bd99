import { describe, expect, it } from 'vitest';
import {
  interpolate,
  references,
  type Scope,
  systemVariables,
} from '../../../remediation/runner/interpolate';
import { select } from '../../../remediation/runner/jsonpath';
import { selectOutputs } from '../../../remediation/runner/outputs';

const scope = (): Scope => ({
  parameters: { Name: 'job1', Names: ['a', 'b'], Force: true, Count: 2, Tags: { k: 'v' } },
  outputs: new Map([['Read', { Role: 'arn:aws:iam::1:role/r', Command: { Name: 'glueetl' } }]]),
  variables: systemVariables({ accountId: '123456789012', region: 'eu-west-1', executionId: 'exec-1' }),
});

describe('Runner: {{ }} interpolation', () => {
  it('keeps the type of a whole-string reference', () => {
    // Act
    const out = interpolate(
      { a: '{{ Names }}', b: '{{Force}}', c: '{{ Count }}', d: '{{ Tags }}', e: '{{ Read.Command }}' },
      scope(),
    );
    // Assess
    expect(out).toEqual({ a: ['a', 'b'], b: true, c: 2, d: { k: 'v' }, e: { Name: 'glueetl' } });
  });

  it('substitutes references inside text, lists and maps as JSON', () => {
    // Act
    const out = interpolate(['job={{ Name }} in {{ global:REGION }}', 'names={{ Names }}'], scope());
    // Assess
    expect(out).toEqual(['job=job1 in eu-west-1', 'names=["a","b"]']);
  });

  it('resolves global and automation variables', () => {
    // Act
    const out = interpolate(
      '{{ global:ACCOUNT_ID }}/{{ global:REGION }}/{{ global:AWS_PARTITION }}/{{ automation:EXECUTION_ID }}',
      scope(),
    );
    // Assess
    expect(out).toBe('123456789012/eu-west-1/aws/exec-1');
  });

  it('names an unresolvable reference', () => {
    expect(() => interpolate({ x: 'a {{ Read.Missing }} b' }, scope())).toThrow(
      "Unresolvable reference '{{ Read.Missing }}'",
    );
  });

  it('leaves unresolvable references as written when lenient (dry runs)', () => {
    expect(interpolate('{{ Later.Value }}-{{ Name }}', scope(), true)).toBe('{{ Later.Value }}-job1');
  });

  it('lists every reference in a value', () => {
    expect(references({ a: ['{{ A }}', 'x {{ B.C }}'], b: { c: '{{global:REGION}}' } })).toEqual([
      'A',
      'B.C',
      'global:REGION',
    ]);
  });
});

describe('Runner: output selectors', () => {
  const data = {
    Job: { Name: 'j', Args: { '--x': '1' } },
    Jobs: [{ Name: 'a' }, { Name: 'b' }],
    N: 3,
    Ok: 'true',
  };

  it('selects names, indexes and wildcards', () => {
    expect(select(data, '$.Job.Name')).toEqual({ found: true, value: 'j' });
    expect(select(data, "$.Job.Args['--x']")).toEqual({ found: true, value: '1' });
    expect(select(data, '$.Jobs[1].Name')).toEqual({ found: true, value: 'b' });
    expect(select(data, '$.Jobs[*].Name')).toEqual({ found: true, value: ['a', 'b'] });
    expect(select(data, '$.Job.Missing')).toEqual({ found: false });
  });

  it('converts to the declared output type and leaves unmatched outputs unset', () => {
    // Act
    const out = selectOutputs(
      [
        { Name: 'Names', Selector: '$.Jobs[*].Name', Type: 'StringList' },
        { Name: 'N', Selector: '$.N', Type: 'Integer' },
        { Name: 'Ok', Selector: '$.Ok', Type: 'Boolean' },
        { Name: 'Args', Selector: '$.Job.Args', Type: 'StringMap' },
        { Name: 'Jobs', Selector: '$.Jobs', Type: 'MapList' },
        { Name: 'Text', Selector: '$.N', Type: 'String' },
        { Name: 'Absent', Selector: '$.Nope', Type: 'String' },
      ],
      data,
    );
    // Assess
    expect(out).toEqual({
      Names: ['a', 'b'],
      N: 3,
      Ok: true,
      Args: { '--x': '1' },
      Jobs: data.Jobs,
      Text: '3',
    });
  });

  it('fails a step output whose value does not have the declared type', () => {
    expect(() => selectOutputs([{ Name: 'X', Selector: '$.Job', Type: 'String' }], data)).toThrow(
      /Output 'X' \(\$\.Job\) is not a String/,
    );
  });
});
