import { createAwsContext } from '../../functions/runtime/aws';
import { startEmulator } from '../../test/emulator/launcher';
import { seedSampleEstate } from '../demo/seed';
import { formatTable } from '../format';
import { parse } from '../options';
import { callerAccount, scanAccount } from '../scan';

export const usage = `Usage: glue-guardrails demo

Runs the whole loop locally on the embedded emulator: starts it, seeds a small Glue estate
with realistic drift, scans it with every rule and prints the result, then stops the emulator.`;

export async function run(argv: string[]): Promise<number> {
  parse({ args: argv, options: {}, strict: true, allowPositionals: false });
  console.log('Starting the embedded AWS emulator...');
  const emulator = await startEmulator();
  try {
    const aws = createAwsContext({
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
    });
    const accountId = await callerAccount(aws);
    await seedSampleEstate(aws, accountId);
    console.log(`Seeded a sample Glue estate in account ${accountId} (us-east-1). Scanning...\n`);
    const result = await scanAccount(aws, { accountId });
    console.log(formatTable(result));
    return result.errors.length > 0 ? 2 : 0;
  } finally {
    await emulator.stop();
  }
}
