import { startEmulator } from '../../emulator/launcher';
import { seedSampleEstate } from '../../emulator/sample-estate';
import { createAwsContext } from '../../functions/runtime/aws';
import { ExitCode } from '../errors';
import { parse } from '../options';
import { callerAccount } from '../scan-account';

export const usage = `Usage: glue-guardrails emulator [--sample]

Starts the embedded AWS API emulator (moto with the project's fidelity patches) on a free
loopback port, prints the endpoint, and stays up until interrupted (Ctrl-C or SIGTERM), which
stops the emulator and exits 0. Nothing is kept between runs.

Options:
  --sample            seed the demo's drifted sample Glue estate (us-east-1), so that a scan
                      finds something non-compliant

Point the CLI at it (no credentials needed for a loopback endpoint):
  glue-guardrails scan --endpoint <endpoint> --region us-east-1`;

const REGION = 'us-east-1';

/**
 * Runs the emulator until SIGINT/SIGTERM, or until `stopWhen` settles (tests run it in process
 * that way, without signalling the test process).
 */
export async function run(argv: string[], stopWhen?: Promise<unknown>): Promise<number> {
  const { values } = parse({
    args: argv,
    options: { sample: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  // Listen before starting: a Ctrl-C while the server boots must still stop it.
  let interrupted: (signal: NodeJS.Signals) => void = () => {};
  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    interrupted = resolve;
  });
  const onSignal = (signal: NodeJS.Signals): void => interrupted(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    // holdProcess: the server's process and pipes keep this process alive until stop().
    const emulator = await startEmulator({ holdProcess: true });
    try {
      if (values.sample) {
        const aws = createAwsContext({
          region: REGION,
          endpoint: emulator.endpoint,
          credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        });
        await seedSampleEstate(aws, await callerAccount(aws));
      }
      console.log(`Emulator listening on ${emulator.endpoint}`);
      if (values.sample) console.log(`Seeded the sample Glue estate (with drift) in ${REGION}.`);
      console.log(`Scan it: npx glue-guardrails scan --endpoint ${emulator.endpoint} --region ${REGION}`);
      console.log(`Reset all state: curl -X POST ${emulator.endpoint}/moto-api/reset`);
      console.log('Press Ctrl-C to stop.');
      const outcome = await Promise.race([
        signalled,
        emulator.exited.then(() => 'exited' as const),
        ...(stopWhen ? [stopWhen.then(() => 'stopped' as const)] : []),
      ]);
      if (outcome === 'exited') {
        console.error('The emulator process exited unexpectedly.');
        return ExitCode.ERROR;
      }
      return ExitCode.OK;
    } finally {
      await emulator.stop();
      console.log('Emulator stopped');
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
