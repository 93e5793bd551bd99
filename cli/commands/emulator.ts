import { startEmulator } from '../../emulator/launcher';
import { parse } from '../options';

export const usage = `Usage: glue-guardrails emulator

Starts the embedded AWS API emulator (moto with the project's fidelity patches) on a free
loopback port, prints the endpoint, and stays up until interrupted (Ctrl-C).
Point the CLI at it: glue-guardrails scan --endpoint <endpoint> --region us-east-1`;

export async function run(argv: string[]): Promise<number> {
  parse({ args: argv, options: {}, strict: true, allowPositionals: false });
  const emulator = await startEmulator();
  console.log(`Emulator listening on ${emulator.endpoint}`);
  console.log(
    'Any credentials work: AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1',
  );
  console.log(`Reset all state: curl -X POST ${emulator.endpoint}/moto-api/reset`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.stop();
  console.log('Emulator stopped');
  return 0;
}
