import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { EVALUATION_MAX_AGE_ENV } from '../functions/runtime/evaluations';
import {
  EXEMPTION_MAX_DAYS_ENV,
  EXEMPTIONS_PATH_ENV,
  TAG_EXEMPTIONS_ENV,
} from '../functions/runtime/exemptions';
import type { AnyRuleMeta } from '../functions/runtime/meta';
import type { GuardrailsConfig } from './config';
import { exemptionChunks, exemptionsPath, tagReadableTypes } from './exemptions';
import { scopeInputs } from './permission-settings';
import { scopedStatements, wildcardReasons } from './permissions';
import { changeScope, configRuleName, isChangeTriggered, ruleFunctionName } from './rule-wiring';
import { SuiteFunction } from './suite-function';

export interface GuardrailRuleProps {
  /** Metadata only: the stack never loads evaluation code. */
  rule: AnyRuleMeta;
  config: GuardrailsConfig;
  code: lambda.Code;
  topic: sns.ITopic;
  key: kms.IKey;
  /** On-failure destination of the function's asynchronous invocations (encrypted with `key`). */
  failedInvocations: sqs.IQueue;
}

/** One registry rule deployed: its function, its role, and its AWS Config custom rule. */
export class GuardrailRule extends Construct {
  readonly configRule: config.CustomRule;
  readonly handler: SuiteFunction;
  readonly ruleName: string;
  /** The SSM path the rule reads its exemptions from, and the parameters written under it. */
  readonly exemptionsPath: string;
  readonly exemptionParameters: ssm.StringParameter[] = [];

  constructor(scope: Construct, id: string, props: GuardrailRuleProps) {
    super(scope, id);
    const { rule, config: cfg } = props;
    const stack = Stack.of(this);
    this.ruleName = configRuleName(cfg, rule);
    const lookups = scopedStatements(rule.iam, scopeInputs(cfg), 'RuleLookups');
    const statements = [
      ...lookups.statements,
      new iam.PolicyStatement({
        sid: 'ReportEvaluations',
        actions: ['config:PutEvaluations'],
        resources: ['*'],
      }),
    ];
    if (rule.periodic) {
      // Config rule ARNs end in a generated id, not the name: the rule's own ARN is not known here
      // without a dependency cycle (the rule depends on the function).
      statements.push(
        new iam.PolicyStatement({
          sid: 'ReadOwnEvaluations',
          actions: ['config:GetComplianceDetailsByConfigRule'],
          resources: [stack.formatArn({ service: 'config', resource: 'config-rule', resourceName: '*' })],
        }),
      );
    }
    if (isChangeTriggered(rule)) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'ReadOversizedItems',
          actions: ['config:GetResourceConfigHistory'],
          resources: ['*'],
        }),
      );
    }
    // Exemptions: this rule's path only (GetParametersByPath is authorized against the path).
    this.exemptionsPath = exemptionsPath(this.ruleName);
    statements.push(
      new iam.PolicyStatement({
        sid: 'ReadOwnExemptions',
        actions: ['ssm:GetParametersByPath'],
        resources: [
          stack.formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: this.exemptionsPath.slice(1),
          }),
        ],
      }),
    );
    const tagsAllowed = cfg.tagExemptionRules.includes(rule.id);
    // Only a periodic sweep lists resources without their tags (a change trigger's configuration
    // item carries them), and IAM defines GetTags on jobs but not on ML transforms.
    const tagTypes = rule.periodic ? tagReadableTypes(rule).filter((t) => t === 'job') : [];
    if (tagsAllowed && tagTypes.length > 0) {
      // A swept job or ML transform is listed without its tags: GetTags reads its exemption tag.
      statements.push(
        new iam.PolicyStatement({
          sid: 'ReadExemptionTags',
          actions: ['glue:GetTags'],
          resources: tagTypes.map((t) =>
            stack.formatArn({ service: 'glue', resource: t, resourceName: '*' }),
          ),
        }),
      );
    }
    statements.push(
      new iam.PolicyStatement({
        sid: 'PublishAlerts',
        actions: ['sns:Publish'],
        resources: [props.topic.topicArn],
      }),
    );
    this.handler = new SuiteFunction(this, 'Handler', {
      functionName: ruleFunctionName(cfg, rule),
      code: props.code,
      description: `AWS Config rule ${this.ruleName}: ${rule.description}`,
      timeoutSeconds: cfg.functionTimeoutSeconds,
      memoryMb: cfg.functionMemoryMb,
      logRetentionDays: cfg.logRetentionDays,
      environment: {
        ALERT_TOPIC_ARN: props.topic.topicArn,
        [EVALUATION_MAX_AGE_ENV]: String(cfg.evaluationMaxAgeHours),
        [EXEMPTIONS_PATH_ENV]: this.exemptionsPath,
        [TAG_EXEMPTIONS_ENV]: String(tagsAllowed),
        [EXEMPTION_MAX_DAYS_ENV]: String(cfg.exemptionMaxDays),
      },
      statements,
      key: props.key,
      failedInvocations: props.failedInvocations,
      // How Config invokes the rule function: asynchronously (InvocationType Event). "AWS Config
      // invokes the rule's Lambda function by publishing an event"
      // (https://docs.aws.amazon.com/config/latest/developerguide/evaluate-config_develop-rules_examples.html),
      // and the AWS Lambda Developer Guide, "Using AWS Lambda with Other Services"
      // (https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html; its source,
      // https://github.com/awsdocs/aws-lambda-developer-guide/blob/main/doc_source/lambda-services.md),
      // lists "AWS Config" under "Services That Invoke Lambda Functions Asynchronously": "Lambda queues
      // the event before passing it to your function ... If an error occurs, Lambda handles retries".
      // (Lambda's page for Config, services-config.html, shows the event but does not name the
      // invocation type; the current lambda-services page no longer lists services by type.) So
      // Lambda retries a failed run twice, then keeps the event with its error in the failed-invocation queue.
      retryAttempts: 2,
    });
    const reasons = wildcardReasons(
      lookups,
      'list or read calls with no resource type in the Service Authorization Reference, or on resources ' +
        'named only at run time (the rule sweeps the whole estate of the account and region)',
    );
    const configCalls =
      'config:PutEvaluations and config:GetResourceConfigHistory support no resource-level permissions';
    reasons.set('*', [reasons.get('*'), configCalls].filter(Boolean).join('; '));
    for (const [resource, reason] of reasons) this.handler.acknowledgeWildcard(resource, reason);
    if (tagsAllowed)
      for (const t of tagTypes)
        this.handler.acknowledgeWildcard(
          `arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:${t}/*`,
          `glue:GetTags only: any ${t} of this account and region may carry an exemption tag (tagExemptionRules)`,
        );
    const mine = cfg.exemptions.filter((e) => e.rule === rule.id);
    for (const [i, value] of exemptionChunks(mine).entries()) {
      this.exemptionParameters.push(
        new ssm.StringParameter(this, `Exemptions${i}`, {
          parameterName: `${this.exemptionsPath}/${String(i).padStart(3, '0')}`,
          stringValue: value,
          tier: ssm.ParameterTier.STANDARD,
          description: `glue-guardrails exemptions of ${this.ruleName} (part ${i + 1})`,
        }),
      );
    }
    if (rule.periodic) {
      this.handler.acknowledgeWildcard(
        'arn:<AWS::Partition>:config:<AWS::Region>:<AWS::AccountId>:config-rule/*',
        'a Config rule ARN ends in an id generated at creation, and the rule depends on this function, ' +
          'so the policy cannot name it; scoped to this account and region',
      );
    }
    const changes = isChangeTriggered(rule);
    const changeTypes = changeScope(rule);
    const inputParameters = cfg.rules[rule.id]?.parameters ?? {};
    this.configRule = new config.CustomRule(this, 'ConfigRule', {
      configRuleName: this.ruleName,
      description: rule.description,
      // A same-environment reference: CustomRule's dependency then lands on the invoke permission
      // only (the function is already ordered by the GetAtt in Source).
      lambdaFunction: lambda.Function.fromFunctionAttributes(this, 'FunctionRef', {
        functionArn: this.handler.function.functionArn,
        sameEnvironment: true,
      }),
      configurationChanges: changes,
      periodic: rule.periodic !== undefined,
      maximumExecutionFrequency: rule.periodic as config.MaximumExecutionFrequency | undefined,
      // A periodic-only rule must carry no scope: PutConfigRule rejects it (CONTRACTS §4).
      ruleScope: changeTypes
        ? config.RuleScope.fromResources(changeTypes.map((t) => config.ResourceType.of(t)))
        : undefined,
      inputParameters: Object.keys(inputParameters).length > 0 ? inputParameters : undefined,
    });
  }
}
