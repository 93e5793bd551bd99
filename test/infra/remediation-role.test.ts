import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AlertTopic } from '../../infra/alerting';
import { parseConfig } from '../../infra/config';
import { RemediationDocument } from '../../infra/remediation-construct';

type Statement = { Sid: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

describe('Infrastructure: remediation roles', () => {
  it('scopes a document’s iam:PassRole to Glue and its sns:Publish to the alert topic', () => {
    // Prepare
    const stack = new Stack(new App(), 'Test');
    const alerts = new AlertTopic(stack, 'Alerts', { config: parseConfig({}) });
    const document = { schemaVersion: '0.3', mainSteps: [] };

    // Act
    new RemediationDocument(stack, 'Doc', {
      spec: {
        name: 'UpdateSomething',
        content: document,
        document,
        permissions: ['glue:GetJob', 'glue:UpdateJob', 'iam:PassRole', 'sns:Publish'],
      },
      documentName: 'UpdateSomething',
      topic: alerts.topic,
      key: alerts.key,
    });

    // Assess
    const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
    const statements = policies.flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
          .Statement,
    );
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.DocumentCalls?.Action).toEqual(['glue:GetJob', 'glue:UpdateJob']);
    expect(bySid.PassRolesToGlueOnly).toMatchObject({
      Action: 'iam:PassRole',
      Condition: { StringEquals: { 'iam:PassedToService': 'glue.amazonaws.com' } },
    });
    expect(bySid.PublishResult?.Resource).toEqual({ Ref: expect.stringMatching(/^AlertsTopic/) });
  });
});
