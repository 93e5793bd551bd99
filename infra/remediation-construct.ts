import { Annotations, Stack, Validations } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { RemediationSettings } from './config';
import { type ScopeInputs, scopedStatements, wildcardReasons } from './permissions';
import type { RemediationParameterValue } from './remediation-parameters';

type RemediationParameters = Record<string, RemediationParameterValue>;

import type { RemediationDocumentSpec } from './remediations';
import type { GuardrailRule } from './rule-construct';

export interface RemediationDocumentProps {
  spec: RemediationDocumentSpec;
  /** Deployed name (the configured prefix + the file name). */
  documentName: string;
  topic: sns.ITopic;
  key: kms.IKey;
  /** What the role's statements are scoped with (Glue service roles, the password key). */
  scope: ScopeInputs;
}

/** Why the document actions left on "*" cannot be narrower. */
const UNSCOPED_REASON =
  'no resource type in the Service Authorization Reference (list calls and security configurations), ' +
  'so "*" is the only resource IAM accepts';

/**
 * One Automation document and the role SSM assumes to run it: exactly the actions the document
 * calls, each on the narrowest resources IAM supports (infra/permissions.ts), plus publishing its
 * result to the encrypted alert topic.
 */
export class RemediationDocument extends Construct {
  readonly document: ssm.CfnDocument;
  readonly role: iam.Role;
  readonly documentName: string;
  readonly spec: RemediationDocumentSpec;

  constructor(scope: Construct, id: string, props: RemediationDocumentProps) {
    super(scope, id);
    const { spec } = props;
    this.spec = spec;
    this.documentName = props.documentName;
    this.document = new ssm.CfnDocument(this, 'Document', {
      name: props.documentName,
      documentType: 'Automation',
      documentFormat: 'JSON',
      content: spec.content,
      // A named document changes in place as a new default version instead of being replaced.
      updateMethod: 'NewVersion',
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      }),
      description: `glue-guardrails: runs the ${props.documentName} Automation document`,
    });
    // The document's own sns:Publish goes to the alert topic only (its NotificationTopicArn).
    const scoped = scopedStatements(
      spec.permissions.filter((a) => a !== 'sns:Publish'),
      props.scope,
      'DocumentCalls',
    );
    const statements = [
      ...scoped.statements,
      new iam.PolicyStatement({
        sid: 'PublishResult',
        actions: ['sns:Publish'],
        resources: [props.topic.topicArn],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptResult',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.key.keyArn],
      }),
    ];
    const policy = new iam.Policy(this, 'Policy', { statements });
    policy.attachToRole(this.role);
    for (const [id, reason] of wildcardReasons(scoped, UNSCOPED_REASON)) {
      Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[Resource::${id}]`, reason });
    }
    for (const { action, reason } of scoped.withheld) {
      Annotations.of(this).addWarningV2(
        'glue-guardrails:permission-withheld',
        `${props.documentName} is deployed without ${action}: ${reason}`,
      );
    }
  }
}

export interface RemediationLinkProps {
  rule: GuardrailRule;
  document: RemediationDocument;
  settings: RemediationSettings;
  /** From remediationParameters(). */
  parameters: RemediationParameters;
}

/** The RemediationConfiguration linking a Config rule to its document (depends on the rule). */
export class RemediationLink extends Construct {
  readonly configuration: config.CfnRemediationConfiguration;

  constructor(scope: Construct, id: string, props: RemediationLinkProps) {
    super(scope, id);
    const { settings, parameters } = props;
    this.configuration = new config.CfnRemediationConfiguration(this, 'Resource', {
      configRuleName: props.rule.ruleName,
      targetType: 'SSM_DOCUMENT',
      targetId: props.document.documentName,
      parameters,
      automatic: settings.automatic,
      maximumAutomaticAttempts: settings.maximumAutomaticAttempts,
      retryAttemptSeconds: settings.retryAttemptSeconds,
    });
    this.configuration.node.addDependency(props.rule.configRule);
    this.configuration.node.addDependency(props.document.document);
  }
}
