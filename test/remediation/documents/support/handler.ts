import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { documentScript } from '../../../../remediation/catalog/documents';
import type { EmulatorHandle } from '../../../emulator/context';

const REPO = resolve(import.meta.dirname, '..', '..', '..', '..');
const PYTHON = join(REPO, '.venv', 'bin', 'python');

/** What one handler call returned (or raised), and everything it wrote. */
export interface HandlerRun {
  ok: boolean;
  result?: Record<string, unknown>;
  error?: string;
  stdout: string;
  stderr: string;
}

/** The parsed SNS message body a remediate handler prepares. */
export interface RemediationResult {
  document: string;
  executionId: string;
  accountId: string;
  region: string;
  resource: string;
  changes: { field: string; before: unknown; after: unknown }[];
  outcome: 'REMEDIATED' | 'NO_CHANGE' | 'PARTIAL' | 'FAILED';
  message: string;
  /** Multi-resource documents only: each resource that could not be changed, with a secret-free error. */
  failures?: { resource: string; error: string }[];
}

/**
 * Runs `handler(payload, context)` of a remediation document's script with the project's Python
 * and boto3, pointed at the emulator, as aws:executeScript would. The script is the document's
 * resolved `Script` for that handler (lib files included), the very text SSM receives.
 */
export async function runHandler(
  emulator: EmulatorHandle,
  document: string,
  handler: string,
  payload: Record<string, unknown>,
  options: { patch?: string } = {},
): Promise<HandlerRun> {
  const dir = mkdtempSync(join(tmpdir(), 'gg-handler-'));
  const resultFile = join(dir, 'result.json');
  const scriptFile = join(dir, `${document}.py`);
  writeFileSync(scriptFile, documentScript(document, handler));
  const env = {
    PATH: process.env.PATH ?? '',
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_DEFAULT_REGION: emulator.region,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    PYTHONDONTWRITEBYTECODE: '1',
    ...(options.patch ? { HANDLER_PATCH: options.patch } : {}),
  };
  try {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((done, fail) => {
      const child = execFile(
        PYTHON,
        [join(import.meta.dirname, 'run_handler.py'), scriptFile, handler, resultFile],
        { env },
        (error, out, err) =>
          error ? fail(new Error(`${error.message}\n${err}`)) : done({ stdout: out, stderr: err }),
      );
      child.stdin?.end(JSON.stringify(payload));
    });
    const outcome = JSON.parse(readFileSync(resultFile, 'utf8')) as Pick<
      HandlerRun,
      'ok' | 'result' | 'error'
    >;
    return { ...outcome, stdout, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The SNS message body of a successful remediate run. */
export function resultOf(run: HandlerRun): RemediationResult {
  if (!run.ok) throw new Error(`handler failed: ${run.error}\n${run.stderr}`);
  return JSON.parse(String(run.result?.Result)) as RemediationResult;
}

/** The InputPayload fields every remediate step receives from automation variables. */
export function automationFields(emulator: EmulatorHandle): Record<string, string> {
  return { ExecutionId: 'exec-test-1', AccountId: emulator.accountId, Region: emulator.region };
}
