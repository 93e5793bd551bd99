/**
 * Normalisation of IAM-style policy documents (identity policies, resource policies such as the
 * Glue Data Catalog or S3 bucket policies). The JSON grammar allows a single value or an array in
 * most places and mixed-case condition keys; rules reason more simply, and more correctly, over
 * one canonical shape. Semantics follow the IAM JSON policy reference: context key names are not
 * case-sensitive, condition values are, and several values for one key are ORed while several
 * keys or operators in one Condition block are ANDed.
 */

import { findDuplicateKey } from './json-keys';

/** A policy document that is not valid JSON, repeats a member name, or is not shaped like a policy. */
export class PolicyParseError extends Error {
  override readonly name = 'PolicyParseError';
}

/** Who a statement's Principal (or NotPrincipal) names. */
export interface NormalizedPrincipal {
  /** `"*"` or `{"AWS": "*"}`: every principal, authenticated or not. */
  wildcard: boolean;
  /** AWS entries as written (account ids, ARNs, `*`, unique ids). */
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
  /** Twelve-digit account ids named by the AWS entries (bare ids and ARNs), deduplicated. */
  accountIds: string[];
}

/**
 * Condition operator -> lower-cased context key -> values (each value as a string). Both levels are
 * null-prototype objects: operators and keys are attacker data (`__proto__`, `constructor`).
 */
export type NormalizedCondition = Record<string, Record<string, string[]>>;

export interface NormalizedStatement {
  /** Position in the document (0-based), for naming statements without a Sid. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Absent in identity-based policies. */
  principal?: NormalizedPrincipal;
  notPrincipal?: NormalizedPrincipal;
  action: string[];
  notAction: string[];
  resource: string[];
  notResource: string[];
  condition: NormalizedCondition;
}

export interface NormalizedPolicy {
  version?: string;
  id?: string;
  statements: NormalizedStatement[];
}

/** One operator/key test of a Condition block, with the operator taken apart. */
export interface ConditionEntry {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** Without set qualifier and IfExists, e.g. `StringLike`. */
  baseOperator: string;
  setQualifier?: 'ForAnyValue' | 'ForAllValues';
  /** `...IfExists`: the test passes when the key is absent from the request. */
  ifExists: boolean;
  /** Lower-cased context key. */
  key: string;
  values: string[];
}

const ACCOUNT_ID = /^\d{12}$/;
const ARN_ACCOUNT = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/;

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function asStrings(value: unknown, where: string): string[] {
  return asArray(value).map((v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new PolicyParseError(`${where} must hold strings`);
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The account id an AWS principal or ARN names: a bare 12-digit id or the account field of an ARN. */
export function accountIdOf(value: string): string | undefined {
  const v = value.trim();
  if (ACCOUNT_ID.test(v)) return v;
  return ARN_ACCOUNT.exec(v)?.[1];
}

/** Normalises a Principal / NotPrincipal element. */
export function normalizePrincipal(raw: unknown): NormalizedPrincipal {
  const p: NormalizedPrincipal = {
    wildcard: false,
    aws: [],
    service: [],
    federated: [],
    canonicalUser: [],
    accountIds: [],
  };
  if (raw === '*') {
    p.wildcard = true;
    return p;
  }
  if (!isRecord(raw)) throw new PolicyParseError('Principal must be "*" or an object');
  for (const [kind, value] of Object.entries(raw)) {
    const values = asStrings(value, `Principal.${kind}`);
    switch (kind.toLowerCase()) {
      case 'aws':
        p.aws.push(...values);
        break;
      case 'service':
        p.service.push(...values);
        break;
      case 'federated':
        p.federated.push(...values);
        break;
      case 'canonicaluser':
        p.canonicalUser.push(...values);
        break;
      default:
        throw new PolicyParseError(`unknown principal type '${kind}'`);
    }
  }
  p.wildcard = p.aws.some((a) => a.trim() === '*');
  p.accountIds = [...new Set(p.aws.map(accountIdOf).filter((a): a is string => a !== undefined))];
  return p;
}

/** Normalises a Condition element: operator -> lower-cased key -> values. */
export function normalizeCondition(raw: unknown): NormalizedCondition {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw new PolicyParseError('Condition must be an object');
  const out: NormalizedCondition = Object.create(null);
  for (const [operator, tests] of Object.entries(raw)) {
    if (!isRecord(tests)) throw new PolicyParseError(`Condition.${operator} must be an object`);
    const byKey: Record<string, string[]> = Object.hasOwn(out, operator)
      ? (out[operator] as Record<string, string[]>)
      : Object.create(null);
    for (const [key, values] of Object.entries(tests)) {
      const k = key.toLowerCase();
      const before = Object.hasOwn(byKey, k) ? (byKey[k] as string[]) : [];
      byKey[k] = [...before, ...asStrings(values, `Condition.${operator}.${key}`)];
    }
    out[operator] = byKey;
  }
  return out;
}

function normalizeStatement(raw: unknown, index: number): NormalizedStatement {
  if (!isRecord(raw)) throw new PolicyParseError(`Statement ${index} must be an object`);
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new PolicyParseError(`Statement ${index} has Effect ${JSON.stringify(effect)}`);
  }
  const s: NormalizedStatement = {
    index,
    effect,
    action: asStrings(raw.Action, 'Action'),
    notAction: asStrings(raw.NotAction, 'NotAction'),
    resource: asStrings(raw.Resource, 'Resource'),
    notResource: asStrings(raw.NotResource, 'NotResource'),
    condition: normalizeCondition(raw.Condition),
  };
  if (typeof raw.Sid === 'string' && raw.Sid !== '') s.sid = raw.Sid;
  if (raw.Principal !== undefined) s.principal = normalizePrincipal(raw.Principal);
  if (raw.NotPrincipal !== undefined) s.notPrincipal = normalizePrincipal(raw.NotPrincipal);
  return s;
}

/**
 * Parses and normalises a policy document (a JSON string, possibly URL-encoded as IAM returns
 * it, or an already parsed object). A JSON text that repeats a member name in one object is
 * refused with a PolicyParseError, as IAM refuses it: `JSON.parse` would silently keep the last.
 *
 * @example
 * parsePolicy('{"Statement":{"Effect":"Allow","Principal":"*","Action":"glue:*"}}').statements[0].action
 * // ['glue:*']
 */
export function parsePolicy(document: string | object): NormalizedPolicy {
  let raw: unknown = document;
  if (typeof document === 'string') {
    const trimmed = document.trim();
    let text: string;
    try {
      // IAM's GetPolicyVersion returns the document URL-encoded.
      text = trimmed.startsWith('{') ? trimmed : decodeURIComponent(trimmed);
      raw = JSON.parse(text);
    } catch {
      throw new PolicyParseError('policy is not valid JSON');
    }
    const duplicate = findDuplicateKey(text);
    if (duplicate) {
      const where = duplicate.path === '' ? 'the document' : duplicate.path;
      throw new PolicyParseError(`policy repeats the key '${duplicate.key}' in ${where}`);
    }
  }
  if (!isRecord(raw)) throw new PolicyParseError('policy must be a JSON object');
  const policy: NormalizedPolicy = {
    statements: asArray(raw.Statement).map((s, i) => normalizeStatement(s, i)),
  };
  if (typeof raw.Version === 'string') policy.version = raw.Version;
  if (typeof raw.Id === 'string') policy.id = raw.Id;
  return policy;
}

/** Takes an operator apart: `ForAllValues:StringLikeIfExists` -> set qualifier, base, IfExists. */
export function parseOperator(operator: string): Omit<ConditionEntry, 'key' | 'values'> {
  let rest = operator;
  let setQualifier: ConditionEntry['setQualifier'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon).toLowerCase();
    if (q === 'foranyvalue') setQualifier = 'ForAnyValue';
    else if (q === 'forallvalues') setQualifier = 'ForAllValues';
    rest = rest.slice(colon + 1);
  }
  // The Null operator has no IfExists form; every other operator may carry the suffix.
  const ifExists = /IfExists$/i.test(rest) && rest.toLowerCase() !== 'null';
  const baseOperator = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const entry: Omit<ConditionEntry, 'key' | 'values'> = { operator, baseOperator, ifExists };
  if (setQualifier) entry.setQualifier = setQualifier;
  return entry;
}

/** Every operator/key test of a statement, flattened (all of them must hold: they are ANDed). */
export function conditionEntries(statement: Pick<NormalizedStatement, 'condition'>): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  for (const [operator, byKey] of Object.entries(statement.condition)) {
    const parsed = parseOperator(operator);
    for (const [key, values] of Object.entries(byKey)) entries.push({ ...parsed, key, values });
  }
  return entries;
}

/**
 * Operators whose values are patterns in which `*` and `?` are wildcards (IAM JSON policy reference,
 * condition operators; ArnEquals matches exactly like ArnLike). Lower case.
 */
const PATTERN_OPERATORS = new Set([
  'stringlike',
  'stringnotlike',
  'arnlike',
  'arnnotlike',
  'arnequals',
  'arnnotequals',
]);
/** The policy-variable spellings of a literal `*`, `?` and `$`. */
const LITERAL_ESCAPES = /\$\{[*?$]\}/g;

/**
 * True when a condition value is a wildcard pattern under its operator: it holds `*` or `?` and
 * the operator is a pattern operator (`StringLike`, `ArnLike`, ...). Under `StringEquals` and the
 * other exact operators the characters are literal, as they are anywhere when escaped as `${*}`
 * and `${?}`.
 */
export function isWildcardValue(entry: Pick<ConditionEntry, 'baseOperator'>, value: string): boolean {
  return (
    PATTERN_OPERATORS.has(entry.baseOperator.toLowerCase()) && /[*?]/.test(value.replace(LITERAL_ESCAPES, ''))
  );
}

/**
 * True when a condition value holds a policy variable (`${aws:PrincipalAccount}`, `${aws:username}`):
 * IAM substitutes the request's own value, so the test compares the request with itself and pins
 * nothing (IAM user guide, policy variables). The escapes `${*}`, `${?}` and `${$}` are literals.
 */
export function hasPolicyVariable(value: string): boolean {
  // `${` with a `}` somewhere after it, found in one pass: the first `${` has a closing brace
  // after it whenever any later one does (an unanchored /\$\{[^}]*\}/ is quadratic on `${${${…`).
  // Each escape becomes one neutral character, not nothing: removing it would splice the text
  // around it, and `$${*}{x}` (the literal `$*{x}`) would read as the variable `${x}`.
  const rest = value.replace(LITERAL_ESCAPES, '\u0000');
  const open = rest.indexOf('${');
  return open >= 0 && rest.indexOf('}', open + 2) >= 0;
}

/** A readable name for a statement in annotations: its Sid, or its position. */
export function statementLabel(statement: Pick<NormalizedStatement, 'sid' | 'index'>): string {
  return statement.sid ?? `Statement[${statement.index}]`;
}
