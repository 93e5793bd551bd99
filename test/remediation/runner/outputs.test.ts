import { describe, expect, it } from 'vitest';
import type { StepOutputSpec } from '../../../remediation/catalog/types';
import { StepFailure } from '../../../remediation/runner/errors';
import { SelectorError, select } from '../../../remediation/runner/jsonpath';
import { outputStrings, selectOutputs } from '../../../remediation/runner/outputs';

const data = {
  Job: { Name: 'etl', Arguments: { '--enable-metrics': 'true' }, MaxRetries: 2 },
  Jobs: [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }],
  Flags: { x: 1, y: 2 },
  Nothing: null,
};

describe('Runner: JSONPath selectors of step outputs', () => {
  it.each([
    ['$', data],
    ['$.Job.Name', 'etl'],
    ["$.Job.Arguments['--enable-metrics']", 'true'],
    ['$.Jobs[0].Name', 'a'],
    ['$.Jobs[-1].Name', 'c'],
    ['$.Jobs[*].Name', ['a', 'b', 'c']],
    ['$.Flags.*', [1, 2]],
    ['$.Job.Name.*', []],
    ['$.Nothing', null],
  ])('%s selects %j', (selector, value) => {
    // Act / Assess
    expect(select(data, selector)).toEqual({ found: true, value });
  });

  it.each(['$.Missing', '$.Jobs[3]', '$.Jobs[-4]', '$.Job[0]', '$.Jobs.Name', '$.Job.Name.Length'])(
    '%s selects nothing',
    (selector) => {
      // Act / Assess
      expect(select(data, selector)).toEqual({ found: false });
    },
  );

  it.each([
    ['Job.Name', "Selector 'Job.Name' must start with '$'"],
    ['$.Job..Name', "Selector '$.Job..Name' is not supported at '..Name'"],
    ['$[?(@.Name)]', "Selector '$[?(@.Name)]' is not supported at '[?(@.Name)]'"],
  ])('refuses %s', (selector, message) => {
    // Act / Assess
    expect(() => select(data, selector)).toThrow(new SelectorError(message));
  });
});

describe('Runner: typed step outputs', () => {
  const out = (Type: StepOutputSpec['Type'], value: unknown) =>
    selectOutputs([{ Name: 'Out', Selector: '$.v', Type }], { v: value });

  it.each([
    ['String', 'etl', 'etl'],
    ['String', 42, '42'],
    ['String', false, 'false'],
    ['Integer', 7, 7],
    ['Integer', '-12', -12],
    ['Boolean', true, true],
    ['Boolean', 'false', false],
    ['Boolean', 'true', true],
    ['StringList', ['a', 1, true], ['a', '1', 'true']],
    ['StringMap', { k: 'v' }, { k: 'v' }],
    ['MapList', [{ a: 1 }], [{ a: 1 }]],
  ] as const)('%s output from %j is %j', (type, value, expected) => {
    // Act / Assess
    expect(out(type, value)).toEqual({ Out: expected });
  });

  it.each([
    ['String', { a: 1 }, 'Output \'Out\' ($.v) is not a String: {"a":1}'],
    ['Integer', '1.5', 'Output \'Out\' ($.v) is not a Integer: "1.5"'],
    ['Integer', 2.5, "Output 'Out' ($.v) is not a Integer: 2.5"],
    ['Boolean', 'yes', 'Output \'Out\' ($.v) is not a Boolean: "yes"'],
    ['StringList', 'a', 'Output \'Out\' ($.v) is not a StringList: "a"'],
    ['StringList', [{ a: 1 }], 'Output \'Out\' ($.v) is not a StringList: [{"a":1}]'],
    ['StringMap', ['k'], 'Output \'Out\' ($.v) is not a StringMap: ["k"]'],
    ['MapList', [1], "Output 'Out' ($.v) is not a MapList: [1]"],
    ['MapList', { a: 1 }, 'Output \'Out\' ($.v) is not a MapList: {"a":1}'],
  ] as const)('a %s output refuses %j', (type, value, message) => {
    // Act / Assess
    expect(() => out(type, value)).toThrow(new StepFailure(message));
  });

  it('leaves an output unset when its selector matches nothing or null, and without specs', () => {
    // Act / Assess
    expect(selectOutputs([{ Name: 'Out', Selector: '$.missing', Type: 'String' }], { v: 1 })).toEqual({});
    expect(out('String', null)).toEqual({});
    expect(selectOutputs(undefined, { v: 1 })).toEqual({});
  });

  it('lists values as GetAutomationExecution does: one string per item', () => {
    // Act / Assess
    expect(outputStrings('etl')).toEqual(['etl']);
    expect(outputStrings(3)).toEqual(['3']);
    expect(outputStrings(true)).toEqual(['true']);
    expect(outputStrings(['a', 'b'])).toEqual(['a', 'b']);
    expect(outputStrings([{ a: 1 }])).toEqual(['{"a":1}']);
    expect(outputStrings({ k: 'v' })).toEqual(['{"k":"v"}']);
  });
});
