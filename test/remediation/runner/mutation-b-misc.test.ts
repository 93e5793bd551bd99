import { afterEach, describe, expect, it, vi } from 'vitest';
import { DocumentError } from '../../../remediation/catalog/errors';
import type { ActionContext } from '../../../remediation/runner/actions/context';
import { executeScript } from '../../../remediation/runner/actions/script';
import { StepFailure, UnsupportedFeatureError } from '../../../remediation/runner/errors';
import {
  interpolate,
  references,
  systemVariables,
  UnresolvedReferenceError,
} from '../../../remediation/runner/interpolate';
import { SelectorError, select } from '../../../remediation/runner/jsonpath';
import { selectOutputs } from '../../../remediation/runner/outputs';

const out = (Type: string, value: unknown) =>
  selectOutputs([{ Name: 'O', Selector: '$.v', Type } as never], { v: value });

describe('step outputs: type checks', () => {
  it('refuses a string as a StringMap', () => {
    expect(() => out('StringMap', 'str')).toThrow(
      new StepFailure(`Output 'O' ($.v) is not a StringMap: "str"`),
    );
  });

  it('takes whole-number strings as Integer, not exponent or hex forms', () => {
    expect(out('Integer', '-5')).toEqual({ O: -5 });
    expect(() => out('Integer', '1e3')).toThrow(new StepFailure(`Output 'O' ($.v) is not a Integer: "1e3"`));
    expect(() => out('Integer', '0x10')).toThrow(
      new StepFailure(`Output 'O' ($.v) is not a Integer: "0x10"`),
    );
  });

  it('refuses a StringList or MapList with one wrong item', () => {
    expect(() => out('StringList', ['a', {}])).toThrow(
      new StepFailure(`Output 'O' ($.v) is not a StringList: ["a",{}]`),
    );
    expect(out('StringList', ['a', 1, false])).toEqual({ O: ['a', '1', 'false'] });
    expect(() => out('MapList', [{}, 1])).toThrow(
      new StepFailure(`Output 'O' ($.v) is not a MapList: [{},1]`),
    );
  });
});

describe('selectors and references', () => {
  it('does not index into a string, and names its error class', () => {
    expect(select('abc', '$[0]')).toEqual({ found: false });
    expect(new SelectorError('x').name).toBe('SelectorError');
  });

  it('finds references in nested values, skipping null and numbers', () => {
    expect(references({ a: null, b: 5, c: '{{ X }}', d: ['{{ Y.Z }} and {{ W }}'] })).toEqual([
      'X',
      'Y.Z',
      'W',
    ]);
    expect(references('{{ Top }}')).toEqual(['Top']);
  });

  it('throws a named error for an unresolvable whole-value reference', () => {
    const scope = { parameters: {}, outputs: new Map(), variables: {} };
    const error = (() => {
      try {
        interpolate('{{ Missing }}', scope);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnresolvedReferenceError);
    expect((error as Error).name).toBe('UnresolvedReferenceError');
    expect((error as Error).message).toBe("Unresolvable reference '{{ Missing }}'");
  });
});

describe('system variables', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('formats global:DATE as yyyy-MM-dd and global:DATE_TIME as yyyy-MM-dd_HH.mm.ss (UTC)', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-04T05:06:07.890Z'));
    expect(systemVariables({ accountId: '123456789012', region: 'cn-north-1', executionId: 'e-1' })).toEqual({
      'global:ACCOUNT_ID': '123456789012',
      'global:REGION': 'cn-north-1',
      'global:AWS_PARTITION': 'aws-cn',
      'global:DATE': '2026-03-04',
      'global:DATE_TIME': '2026-03-04_05.06.07',
      'automation:EXECUTION_ID': 'e-1',
    });
  });
});

/** A script step's context with a fake bridge answering `response`. */
function scriptContext(
  inputs: Record<string, unknown>,
  response: Record<string, unknown> = { ok: true, result: 1 },
) {
  const requests: Array<Record<string, unknown>> = [];
  const logs: string[] = [];
  const ctx: ActionContext = {
    step: { name: 'Run', action: 'aws:executeScript', inputs },
    inputs,
    bridge: {
      call: async (request: Record<string, unknown>) => {
        requests.push(request);
        return response;
      },
    } as never,
    deadline: Number.MAX_SAFE_INTEGER,
    limits: {},
    dryRun: false,
    dryRunCalls: [],
    variables: {},
    log: (text) => logs.push(text),
  };
  return { ctx, requests, logs };
}
const script = { Runtime: 'python3.11', Handler: 'handler', Script: 'def handler(e, c):\n  return 1\n' };

describe('aws:executeScript without Python', () => {
  it('refuses a non-Python runtime, naming it', async () => {
    await expect(executeScript(scriptContext({ ...script, Runtime: 'nodejs18.x' }).ctx)).rejects.toThrow(
      new UnsupportedFeatureError("aws:executeScript Runtime 'nodejs18.x' is not supported (Python 3 only)"),
    );
  });

  it.each([['   \n'], [''], [5]])('refuses an empty or non-string Script (%j)', async (text) => {
    await expect(executeScript(scriptContext({ ...script, Script: text }).ctx)).rejects.toThrow(
      new DocumentError("Step 'Run': empty Script"),
    );
  });

  it('sends a script request and returns the payload as OutputPayload', async () => {
    const { ctx, requests } = scriptContext(script, { ok: true, result: { n: 1 } });
    expect(await executeScript(ctx)).toEqual({
      data: { Payload: { n: 1 } },
      builtinOutputs: { OutputPayload: '{"Payload":{"n":1}}' },
    });
    expect(requests.map((r) => [r.op, r.handler])).toEqual([['script', 'handler']]);
  });

  it("logs a failing script's output, and only when there is some", async () => {
    const failing = scriptContext(script, { ok: false, error: 'ValueError: boom', logs: 'trace line' });
    await expect(executeScript(failing.ctx)).rejects.toThrow(
      new StepFailure('handler raised ValueError: boom'),
    );
    expect(failing.logs).toEqual(['trace line']);
    const quiet = scriptContext(script, { ok: false, error: 'ValueError: boom' });
    await expect(executeScript(quiet.ctx)).rejects.toThrow(StepFailure);
    expect(quiet.logs).toEqual([]);
  });
});
