import type { ComplianceType, ExemptionNote } from '../functions/runtime/types';

/**
 * The shapes a scan produces, shared by the scanners (one account-region, many, the Config
 * aggregator) and the outputs (table, json, csv, asff, Security Hub). `scan --format json` prints
 * `ScanReport.evaluations` as one JSON array: fields may be added, the array is never wrapped.
 */

/** A verdict, or ERROR when a rule, resource, account or region could not be evaluated. */
export type ScanCompliance = ComplianceType | 'ERROR';

export interface ScanEvaluation {
  /** 12-digit account id the evaluation is about. */
  account: string;
  region: string;
  /** Rule id (e.g. glue-job-security-configuration-encrypted). */
  rule: string;
  /** The rule's severity (CRITICAL, HIGH, MEDIUM, LOW). */
  severity: string;
  /** The control the rule enforces, as in the rule's metadata. */
  control: string;
  /** AWS resource type (e.g. AWS::Glue::Job); for an ERROR about a whole rule, the rule's type. */
  resourceType: string;
  /** Resource id; for an ERROR about a whole rule, account or region, the account id. */
  resourceId: string;
  compliance: ScanCompliance;
  /** Why: the rule's annotation, or for ERROR the error message (never a secret). */
  annotation: string;
  /** ISO 8601 time the evaluation was made (or, from the aggregator, recorded). */
  evaluatedAt: string;
  /** Account-level rules: the offending resources. */
  offenders?: string[];
  /** ERROR only: the error message. */
  error?: string;
  /** The SSM Automation document that fixes it, when the rule has one. */
  remediation?: string;
  /** The exemption that made it NOT_APPLICABLE (or that expired and no longer applies). */
  exemption?: ExemptionNote;
  /** With `scan --framework F`: the control ids of F the rule supports (rule metadata). */
  frameworks?: string[];
}

/** An accepted risk on record (issue 9): one shape for the rules and the CLI. */
export type { ExemptionNote };

export interface ScanMetadata {
  tool: { name: string; version: string };
  startedAt: string;
  finishedAt: string;
  /** Who ran the scan (STS GetCallerIdentity of the starting credentials). */
  caller: { account: string; arn: string };
  /** Where the verdicts came from. */
  source: 'scan' | 'aggregator';
  accounts: string[];
  regions: string[];
  rules: string[];
  /** Rule parameters given with --param, by rule id. */
  parameters: Record<string, Record<string, string>>;
}

export interface ScanReport {
  metadata: ScanMetadata;
  evaluations: ScanEvaluation[];
  /** Every exemption in force, and those expired, seen by the scan. */
  exemptions?: ExemptionNote[];
}
