import { App, Stage, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GlueGuardrailsStack } from './account-stack';
import { functionEntries } from './bundle';
import { prepareCode, SKIP_BUNDLING_CONTEXT_KEY } from './code';
import { configFromContext, enabledRules, type GuardrailsConfig } from './config';
import { GlueGuardrailsOrgStack } from './organization-stack';
import { loadRemediationDocuments } from './remediations';
import { StackSetAssetSynthesizer } from './stackset-synthesizer';

/** Stack and stage names (what `cdk deploy` / `cdk publish-assets` take). */
export const StackNames = {
  ACCOUNT: 'GlueGuardrails',
  MEMBER_STAGE: 'GlueGuardrailsMember',
  MEMBER: 'GlueGuardrails',
  ORGANIZATION: 'GlueGuardrailsOrg',
} as const;

export interface BuildAppOptions {
  /** CDK context (tests pass the configuration here). */
  context?: Record<string, unknown>;
  outdir?: string;
  /** Overrides the `glueGuardrails:skipBundling` context flag. */
  skipBundling?: boolean;
  /** Where bundles are written (default dist/lambda). */
  bundleDir?: string;
  /** Run cdk-nag AwsSolutions on every stack (default: the `glueGuardrails:nag` context flag, on). */
  nag?: boolean;
  /** CDK's built-in CloudFormation validation (default on; tests run cfn-lint instead, faster). */
  builtinValidation?: boolean;
}

export interface GuardrailsApp {
  app: App;
  config: GuardrailsConfig;
  account: GlueGuardrailsStack;
  member: GlueGuardrailsStack;
  organization: GlueGuardrailsOrgStack;
}

function flag(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  return value === true || value === 'true';
}

/**
 * Builds the CDK app: the account stack, the StackSet member stack (a nested stage, synthesized
 * first so the organization stack can carry its template) and the organization stack.
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<GuardrailsApp> {
  const app = new App({
    context: options.context,
    outdir: options.outdir,
    ...(options.builtinValidation === false ? { builtinCloudFormationValidation: false } : {}),
  });
  const config = configFromContext((key) => app.node.tryGetContext(key));
  const rules = enabledRules(config);
  const skip = options.skipBundling ?? flag(app.node.tryGetContext(SKIP_BUNDLING_CONTEXT_KEY)) ?? false;
  const nag = options.nag ?? flag(app.node.tryGetContext('glueGuardrails:nag')) ?? true;
  const code = await prepareCode(
    functionEntries(rules.map((r) => r.id)),
    options.bundleDir ? { skip, outDir: options.bundleDir } : { skip },
  );
  const documents = loadRemediationDocuments(
    rules.flatMap((r) => (r.remediation ? [r.remediation.document] : [])),
  );
  const description = 'glue-guardrails: AWS Config rules, remediations and alerts for AWS Glue';
  const props = { config, rules, documents, code, description };

  const account = new GlueGuardrailsStack(app, StackNames.ACCOUNT, props);
  const stage = new Stage(app, StackNames.MEMBER_STAGE);
  const synthesizer = new StackSetAssetSynthesizer(config.organization);
  const member = new GlueGuardrailsStack(stage, StackNames.MEMBER, { ...props, synthesizer });
  // Registered on the app, the pack also checks the nested member stage.
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const memberAssembly = stage.synth();
  const organization = new GlueGuardrailsOrgStack(app, StackNames.ORGANIZATION, {
    config,
    memberTemplatePath: memberAssembly.getStackArtifact(member.artifactId).templateFullPath,
    memberUsesAssets: synthesizer.usesAssets,
    description: 'glue-guardrails: StackSet deploying the guardrails to organizational units',
  });
  return { app, config, account, member, organization };
}
