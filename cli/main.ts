import { errorMessage } from '../functions/runtime/errors';
import packageJson from '../package.json';
import { errorHint } from './error-hints';
import { ExitCode, UsageError } from './errors';

/** What a module in cli/commands/ exports. */
export interface Command {
  /** Runs the command with the arguments after its name; resolves to the exit code (ExitCode). */
  run(argv: string[]): Promise<number>;
  /** The text `glue-guardrails <command> --help` prints. */
  usage: string;
}

/**
 * Subcommands: a one-line summary for the top-level help, and the module, loaded on demand so
 * that `scan` does not pay for the emulator or the runner.
 */
export const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  scan: {
    summary: 'evaluate the rules against an account (or the emulator) without deploying anything',
    load: () => import('./commands/scan'),
  },
  report: {
    summary: 'write the evidence report: one self-contained HTML file (scan, saved scan or aggregator)',
    load: () => import('./commands/report'),
  },
  remediate: {
    summary: "run a rule's remediation document locally on non-compliant resources",
    load: () => import('./commands/remediate'),
  },
  rules: {
    summary: 'list the rules: severity, resource type, trigger, parameters, remediation, frameworks',
    load: () => import('./commands/rules'),
  },
  explain: {
    summary: 'explain one rule: scenarios, parameters, permissions, remediation and what it changes',
    load: () => import('./commands/explain'),
  },
  'conformance-pack': {
    summary: 'write an AWS Config conformance pack template for the enabled rules',
    load: () => import('./commands/conformance-pack'),
  },
  emulator: {
    summary: 'run the local AWS emulator until Ctrl-C (--sample: with a drifted Glue estate)',
    load: () => import('./commands/emulator'),
  },
  demo: {
    summary: 'scan, remediate and re-scan a sample estate on the emulator, end to end',
    load: () => import('./commands/demo'),
  },
};

export const VERSION: string = packageJson.version;

const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
const HELP = `glue-guardrails ${VERSION}: AWS Config rules, remediations and alerts for AWS Glue

Usage: glue-guardrails <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`)
  .join('\n')}

Options:
  ${'--help, -h'.padEnd(width)}this help
  ${'--version'.padEnd(width)}print the version (${VERSION})

Run 'glue-guardrails <command> --help' for a command's options.`;

/** Runs the CLI; returns the process exit code (0 ok, 1 non-compliant found, 2 error). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name ? ExitCode.OK : ExitCode.ERROR;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(VERSION);
    return ExitCode.OK;
  }
  const load = COMMANDS[name]?.load;
  if (!load) {
    console.error(
      `Unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')}). Run 'glue-guardrails --help' for help.`,
    );
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
      // One line: what is wrong and where the options are, not the whole usage block.
      const message = error.message.endsWith('.') ? error.message.slice(0, -1) : error.message;
      console.error(`${message}. Run 'glue-guardrails ${name} --help' for the options.`);
    } else if (isTimeout(error)) {
      console.error(
        `Error: the AWS endpoint did not answer in time, after retries (${errorMessage(error)}). ` +
          'Check --endpoint, the network path and the proxy; raise GLUE_GUARDRAILS_REQUEST_TIMEOUT_MS ' +
          'or GLUE_GUARDRAILS_CONNECTION_TIMEOUT_MS for a slow network.',
      );
    } else {
      console.error(`Error: ${errorMessage(error)}`);
      const hint = errorHint(error);
      if (hint) console.error(hint);
    }
    return ExitCode.ERROR;
  }
}

/** An SDK attempt that ran out of time (connection or response), as the HTTP handler raises it. */
function isTimeout(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown } | null;
  return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
}
