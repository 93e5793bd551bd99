import { errorMessage } from '../functions/runtime/errors';
import { ExitCode, UsageError } from './errors';

type Command = { run(argv: string[]): Promise<number>; usage: string };

/** Subcommands, loaded on demand so `scan` does not pay for the emulator or the runner. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: () => import('./commands/scan'),
  demo: () => import('./commands/demo'),
  emulator: () => import('./commands/emulator'),
  remediate: () => import('./commands/remediate'),
  'conformance-pack': () => import('./commands/conformance-pack'),
};

const HELP = `glue-guardrails: AWS Config rules, remediations and alerts for AWS Glue

Usage: glue-guardrails <command> [options]

Commands:
${Object.keys(COMMANDS)
  .map((c) => `  ${c}`)
  .join('\n')}

Run 'glue-guardrails <command> --help' for a command's options.`;

/** Runs the CLI; returns the process exit code (0 ok, 1 non-compliant found, 2 error). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name ? ExitCode.OK : ExitCode.ERROR;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`Unknown command '${name}'.\n\n${HELP}`);
    return ExitCode.ERROR;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return ExitCode.OK;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${command.usage}`);
    } else if (isTimeout(error)) {
      console.error(
        `Error: the AWS endpoint did not answer in time, after retries (${errorMessage(error)}). ` +
          'Check --endpoint, the network path and the proxy; raise GLUE_GUARDRAILS_REQUEST_TIMEOUT_MS ' +
          'or GLUE_GUARDRAILS_CONNECTION_TIMEOUT_MS for a slow network.',
      );
    } else {
      console.error(`Error: ${errorMessage(error)}`);
    }
    return ExitCode.ERROR;
  }
}

/** An SDK attempt that ran out of time (connection or response), as the HTTP handler raises it. */
function isTimeout(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown } | null;
  return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
}
