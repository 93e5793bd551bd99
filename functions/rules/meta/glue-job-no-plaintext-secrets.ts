import { defineRuleMeta, Severity } from '../../runtime/meta';
import { EQUIVALENTS, mappedFrom } from './frameworks';

/** The metadata of glue-job-no-plaintext-secrets (evaluation: functions/rules/glue-job-no-plaintext-secrets.ts). */
export const meta = defineRuleMeta({
  scope: 'resource',
  id: 'glue-job-no-plaintext-secrets',
  description:
    'Glue job arguments hold no plaintext credentials (passwords, access keys, private keys, tokens).',
  control: 'Data protection: no credentials in job definitions',
  severity: Severity.HIGH,
  resourceType: 'AWS::Glue::Job',
  resourceTypes: ['AWS::Glue::Job'],
  parameters: {},
  iam: ['glue:GetJobs'],
  frameworks: mappedFrom(EQUIVALENTS.CODEBUILD_2),
});
