// Framework controls the rules support, each with its public source (issue 9 §2). A rule is
// mapped through an AWS Config managed rule that checks the same property (on Glue, or on another
// service when AWS has no Glue rule for it), taking the NIST SP 800-53 Rev. 5 and PCI DSS v4.0
// controls AWS lists for that managed rule in the Security Hub control reference ("Related
// requirements"; AWS maps PCI DSS v4.0.1, whose requirement numbers are those of v4.0). Base
// controls only: where AWS lists only enhancements of a control (e.g. AC-17(2)), the control is
// left out rather than widened. docs/frameworks.md holds the table and what is left unmapped (and
// why); test/rules/frameworks.test.ts checks both against each other.
import type { FrameworkMapping } from '../../runtime/meta';

const HUB = 'https://docs.aws.amazon.com/securityhub/latest/userguide';

/** NIST SP 800-53 Rev. 5 control titles used below. */
const NIST = {
  'AC-2': 'Account Management',
  'AC-3': 'Access Enforcement',
  'AC-4': 'Information Flow Enforcement',
  'AC-5': 'Separation of Duties',
  'AC-6': 'Least Privilege',
  'AC-21': 'Information Sharing',
  'AU-2': 'Event Logging',
  'AU-3': 'Content of Audit Records',
  'AU-10': 'Non-repudiation',
  'AU-12': 'Audit Record Generation',
  'CA-7': 'Continuous Monitoring',
  'CM-2': 'Baseline Configuration',
  'SA-3': 'System Development Life Cycle',
  'SC-7': 'Boundary Protection',
  'SC-8': 'Transmission Confidentiality and Integrity',
  'SC-13': 'Cryptographic Protection',
  'SC-23': 'Session Authenticity',
  'SI-2': 'Flaw Remediation',
  'SI-12': 'Information Management and Retention',
} as const;

/** PCI DSS v4.0 requirements used below (short titles). */
const PCI = {
  '4.2.1': 'Strong cryptography protects PAN during transmission over open, public networks',
  '7.2.1': 'An access control model is defined and grants access by business need',
  '8.3.2': 'Strong cryptography renders authentication factors unreadable in transmission and storage',
} as const;

/**
 * One Security Hub control: the managed Config rule it runs, its reference page, and the NIST and
 * PCI controls AWS lists for it.
 */
export interface EquivalentControl {
  /** Security Hub control id, e.g. S3.5. */
  hubControl: string;
  /** The AWS Config managed rule the control evaluates with. */
  managedRule: string;
  source: string;
  nist: ReadonlyArray<keyof typeof NIST>;
  pci: ReadonlyArray<keyof typeof PCI>;
}

const control = (
  hubControl: string,
  managedRule: string,
  page: string,
  nist: EquivalentControl['nist'],
  pci: EquivalentControl['pci'] = [],
): EquivalentControl => ({
  hubControl,
  managedRule,
  source: `${HUB}/${page}-controls.html#${hubControl.toLowerCase().replace('.', '-')}`,
  nist,
  pci,
});

/** The Security Hub controls whose managed rules are equivalents of ours. */
export const EQUIVALENTS = {
  /** s3-bucket-ssl-requests-only */
  S3_5: control('S3.5', 's3-bucket-ssl-requests-only', 's3', ['AC-4', 'SC-8', 'SC-13', 'SC-23'], ['4.2.1']),
  /** dms-endpoint-ssl-configured: a database endpoint that must use SSL, as a Glue connection. */
  DMS_9: control(
    'DMS.9',
    'dms-endpoint-ssl-configured',
    'dms',
    ['AC-4', 'SC-8', 'SC-13', 'SC-23'],
    ['4.2.1'],
  ),
  /** multi-region-cloudtrail-enabled */
  CLOUDTRAIL_1: control('CloudTrail.1', 'multi-region-cloudtrail-enabled', 'cloudtrail', [
    'AU-2',
    'AU-3',
    'AU-10',
    'AU-12',
    'CA-7',
  ]),
  /** iam-policy-no-statements-with-full-access: no service-wide wildcard actions (glue:*). */
  IAM_21: control('IAM.21', 'iam-policy-no-statements-with-full-access', 'iam', [
    'AC-2',
    'AC-3',
    'AC-5',
    'AC-6',
  ]),
  /** codebuild-project-envvar-awscred-check: no clear-text credentials in a job definition. */
  CODEBUILD_2: control(
    'CodeBuild.2',
    'codebuild-project-envvar-awscred-check',
    'codebuild',
    ['SA-3'],
    ['8.3.2'],
  ),
  /** glue-spark-job-supported-version */
  GLUE_4: control('Glue.4', 'glue-spark-job-supported-version', 'glue', ['CM-2', 'SI-2']),
  /** vpc-endpoint-enabled (a VPC's interface endpoint for an AWS service API). */
  EC2_10: control('EC2.10', 'vpc-endpoint-enabled', 'ec2', ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7']),
  /** emr-security-configuration-encryption-rest: a security configuration that encrypts at rest. */
  EMR_3: control('EMR.3', 'emr-security-configuration-encryption-rest', 'emr', ['SI-12']),
  /** lambda-function-public-access-prohibited: a resource policy granting no public access. */
  LAMBDA_1: control(
    'Lambda.1',
    'lambda-function-public-access-prohibited',
    'lambda',
    ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7'],
    ['7.2.1'],
  ),
  /** lambda-inside-vpc: compute that reaches data stores from inside a VPC. */
  LAMBDA_3: control('Lambda.3', 'lambda-inside-vpc', 'lambda', ['AC-3', 'AC-4', 'AC-6', 'AC-21', 'SC-7']),
} as const satisfies Record<string, EquivalentControl>;

/** The framework mappings one or more equivalent controls support (deduplicated, NIST first). */
export function mappedFrom(...equivalents: EquivalentControl[]): FrameworkMapping[] {
  const out: FrameworkMapping[] = [];
  const seen = new Set<string>();
  const add = (m: FrameworkMapping): void => {
    const key = `${m.framework} ${m.control}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };
  for (const e of equivalents)
    for (const id of e.nist)
      add({ framework: 'nist-800-53-r5', control: id, title: NIST[id], source: e.source });
  for (const e of equivalents)
    for (const id of e.pci) add({ framework: 'pci-dss-4.0', control: id, title: PCI[id], source: e.source });
  return out;
}
