// The CDK app (cdk.json "app"): `npx cdk synth` builds the account, StackSet member and
// organization stacks from the rule catalog and the configuration in cdk.json context.
import { errorMessage } from '../functions/runtime/errors';
import { buildApp } from './build-app';

try {
  const { app } = await buildApp();
  app.synth();
} catch (error) {
  console.error(errorMessage(error));
  process.exitCode = 1;
}
