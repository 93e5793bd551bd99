import { Annotations, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AnyRuleMeta } from '../functions/runtime/meta';
import { AlertTopic, Notifier } from './alerting';
import { NOTIFIER_NAME } from './bundle';
import type { CodeProvider } from './code';
import type { GuardrailsConfig } from './config';
import { scopeInputs } from './permission-settings';
import { ConfigRecorder } from './recorder';
import { RemediationDocument, RemediationLink } from './remediation-construct';
import { deploymentParameters } from './remediation-parameters';
import type { RemediationDocumentSpec } from './remediations';
import { GuardrailRule } from './rule-construct';
import { isChangeTriggered } from './rule-wiring';

export interface AccountStackProps extends StackProps {
  config: GuardrailsConfig;
  /** The enabled rules, in catalog order. */
  rules: readonly AnyRuleMeta[];
  /** Every document the enabled rules link to, by file name. */
  documents: ReadonlyMap<string, RemediationDocumentSpec>;
  code: CodeProvider;
}

/** Everything one account and region needs, built by looping over the rule catalog. */
export class GlueGuardrailsStack extends Stack {
  readonly rules = new Map<string, GuardrailRule>();
  readonly documents = new Map<string, RemediationDocument>();
  readonly alerts: AlertTopic;
  /** Rules whose remediation lacks required parameters (a synth warning names them). */
  readonly skippedRemediations: string[] = [];

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.alerts = new AlertTopic(this, 'Alerts', { config });
    const recorder = config.createConfigRecorder
      ? new ConfigRecorder(this, 'ConfigRecorder', {
          resourceTypes: recordedTypes(props.rules),
        })
      : undefined;
    for (const rule of props.rules) {
      const deployed = new GuardrailRule(this, `Rule-${rule.id}`, {
        rule,
        config,
        code: props.code(rule.id),
        topic: this.alerts.topic,
        key: this.alerts.key,
        failedInvocations: this.alerts.failedInvocations,
      });
      if (recorder) deployed.configRule.node.addDependency(recorder.recorder);
      this.rules.set(rule.id, deployed);
      this.addRemediation(rule, deployed, props);
    }
    const notifier = new Notifier(this, 'Notifier', {
      config,
      code: props.code(NOTIFIER_NAME),
      alerts: this.alerts,
      ruleNames: [...this.rules.values()].map((r) => r.ruleName),
      documentNames: [...this.documents.values()].map((d) => d.documentName),
    });
    this.alerts.allowPublishers([
      ...[...this.rules.values()].map((r) => r.handler.role),
      ...[...this.documents.values()].map((d) => d.role),
      notifier.handler.role,
    ]);
  }

  /** The rule's RemediationConfiguration (and its document, once per document). */
  private addRemediation(rule: AnyRuleMeta, deployed: GuardrailRule, props: AccountStackProps): void {
    const link = rule.remediation;
    const settings = props.config.rules[rule.id]?.remediation;
    if (!link || !settings) return;
    const spec = props.documents.get(link.document);
    if (!spec) throw new Error(`Remediation document '${link.document}' was not loaded`);
    const mapping = (assumeRoleArn: string, topicArn: string) =>
      deploymentParameters({
        rule,
        document: spec,
        assumeRoleArn,
        topicArn,
        ruleName: deployed.ruleName,
        configured: settings.parameters,
        ruleParameters: props.config.rules[rule.id]?.parameters ?? {},
      });
    const { missing } = mapping('', '');
    if (missing.length > 0) {
      // Not an error: the rule still reports; its remediation waits for the values only the
      // deployer knows (a KMS key, a security configuration name).
      const where = missing.map((m) => `rules.${rule.id}.remediation.parameters.${m}`).join(', ');
      Annotations.of(deployed).addWarningV2(
        'glue-guardrails:remediation-not-deployed',
        `Remediation ${link.document} of ${rule.id} is not deployed: set ${where}`,
      );
      this.skippedRemediations.push(rule.id);
      return;
    }
    const document = this.documentFor(link.document, props.documents, props.config);
    new RemediationLink(this, `Remediation-${rule.id}`, {
      rule: deployed,
      document,
      settings,
      parameters: mapping(document.role.roleArn, this.alerts.topic.topicArn).parameters ?? {},
    });
  }

  private documentFor(
    name: string,
    specs: ReadonlyMap<string, RemediationDocumentSpec>,
    config: GuardrailsConfig,
  ): RemediationDocument {
    const existing = this.documents.get(name);
    if (existing) return existing;
    const spec = specs.get(name);
    if (!spec) throw new Error(`Remediation document '${name}' was not loaded`);
    const document = new RemediationDocument(this, `Document-${name}`, {
      spec,
      documentName: `${config.namePrefix}${name}`,
      topic: this.alerts.topic,
      key: this.alerts.key,
      scope: scopeInputs(config),
    });
    this.documents.set(name, document);
    return document;
  }
}

/** The resource types the enabled change-triggered rules need recorded. */
export function recordedTypes(rules: readonly AnyRuleMeta[]): string[] {
  const types = new Set<string>();
  for (const rule of rules) {
    if (rule.scope === 'resource' && isChangeTriggered(rule))
      for (const t of rule.resourceTypes) types.add(t);
  }
  // Periodic rules still need a running recorder; record one Glue type so the group is not empty.
  if (types.size === 0) types.add('AWS::Glue::Job');
  return [...types].sort();
}
