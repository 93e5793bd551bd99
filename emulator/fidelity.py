"""Fidelity patches for moto 5.2.5 (pinned in requirements.txt).

Each patch adds behaviour the pinned moto lacks, following the AWS API reference page named in its
comment. None of them makes the emulator accept anything AWS would reject. The routes under
/moto-api/glue-guardrails/ are test-only: they stand in for the parts of AWS Config that the tests
play themselves (issuing result tokens, recording configuration items) and never exist in AWS.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from datetime import UTC, datetime
from typing import Any

import botocore.session
from moto.config.exceptions import (
    InvalidLimitException,
    InvalidNextTokenException,
    InvalidParameterValueException,
    InvalidResultTokenException,
    NoSuchConfigRuleException,
    NoSuchConfigurationAggregatorException,
    ValidationException,
)
from moto.config.models import ConfigBackend, config_backends
from moto.config.responses import ConfigResponse
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import utcnow
from moto.glue.exceptions import (
    AlreadyExistsException,
    CrawlerRunningException,
    EntityNotFoundException,
    GlueClientError,
    InvalidInputException,
)
from moto.glue.models import FakeConnection, FakeJob
from moto.glue.responses import GlueResponse
from moto.iam.models import ManagedPolicy

DEFAULT_REGION = 'us-east-1'
# Must match emulator/config-service.ts.
RESULT_TOKEN_PREFIX = 'ggtest1.'

_config_model = botocore.session.get_session().get_service_model('config')
# PutEvaluations rejects a ComplianceResourceType Config does not know (aws-config-rdk#290);
# AWS::::Account is what periodic rules report against.
_EVALUATION_RESOURCE_TYPES = frozenset(_config_model.shape_for('ResourceType').enum) | {'AWS::::Account'}
_COMPLIANCE_TYPES = ('COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE', 'INSUFFICIENT_DATA')
_EVALUATION_REQUIRED = (
    'ComplianceResourceType',
    'ComplianceResourceId',
    'ComplianceType',
    'OrderingTimestamp',
)
_EVALUATION_MAX_LENGTHS = (
    ('ComplianceResourceType', 256),
    ('ComplianceResourceId', 768),
    ('Annotation', 256),
)

_hooks_lock = threading.Lock()
_fail_next_put_evaluations = 0


class InvalidTimeRangeException(JsonRESTError):
    code = 400

    def __init__(self) -> None:
        super().__init__('InvalidTimeRangeException', 'The earlierTime must be before the laterTime.')


class GlueValidationException(GlueClientError):
    def __init__(self, msg: str) -> None:
        super().__init__('ValidationException', msg)


def _constraint_error(cls: type, problems: list[str]) -> JsonRESTError:
    # Smithy/Coral services report every failed model constraint in one message.
    plural = 's' if len(problems) > 1 else ''
    return cls(f'{len(problems)} validation error{plural} detected: ' + '; '.join(problems))


def _epoch(value: Any) -> float | None:
    """Timestamps arrive as epoch seconds (awsJson 1.1); seeded items may use ISO 8601."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    parsed = datetime.fromisoformat(str(value).replace('Z', '+00:00'))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def _now() -> float:
    return datetime.now(UTC).timestamp()


def _offset_token(offset: int, scope: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({'o': offset, 's': scope}).encode()).decode()


def _read_offset_token(token: str | None, scope: str) -> int | None:
    if not token:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        return int(data['o']) if data.get('s') == scope else None
    except (ValueError, KeyError, TypeError):
        return None


def _state(backend: Any, name: str, factory: type) -> Any:
    # Stored on the backend instance so POST /moto-api/reset (which empties every backend's
    # __dict__) clears it together with moto's own state.
    return backend.__dict__.setdefault(f'_glue_guardrails_{name}', factory())


# --- Glue ------------------------------------------------------------------------------------

# GetConnection / GetConnections (Glue API reference, "Connection" structure and "HidePassword"):
# the response carries the stored ConnectionInput fields (ConnectionType, MatchCriteria, ...), and
# HidePassword returns the metadata without the password. moto 5.2.5 drops ConnectionType and
# MatchCriteria and still returns ENCRYPTED_PASSWORD when asked to hide the password.
_HIDDEN_WITH_HIDE_PASSWORD = ('PASSWORD', 'ENCRYPTED_PASSWORD')
_CONNECTION_OPTIONAL_FIELDS = (
    'Description',
    'ConnectionType',
    'MatchCriteria',
    'PhysicalConnectionRequirements',
    'SparkProperties',
    'AthenaProperties',
    'PythonProperties',
    'AuthenticationConfiguration',
)


def _connection_as_dict(self: FakeConnection, hide_password: bool = False) -> dict[str, Any]:
    stored = self.connection_input
    properties = dict(stored.get('ConnectionProperties') or {})
    if hide_password:
        for key in _HIDDEN_WITH_HIDE_PASSWORD:
            properties.pop(key, None)
    result: dict[str, Any] = {
        'Name': stored['Name'],
        'ConnectionProperties': properties,
        'CreationTime': self.created_time,
        'LastUpdatedTime': self.updated_time,
        'Status': self.status,
    }
    for field in _CONNECTION_OPTIONAL_FIELDS:
        if stored.get(field) is not None:
            result[field] = stored[field]
    return result


def _require_connection_input(connection_input: Any) -> dict[str, Any]:
    # ConnectionInput's Name, ConnectionType and ConnectionProperties are required members.
    if not isinstance(connection_input, dict):
        problem = "Value null at 'connectionInput' failed to satisfy constraint: Member must not be null"
        raise _constraint_error(GlueValidationException, [problem])
    missing = [
        f"Value null at 'connectionInput.{field[0].lower() + field[1:]}' failed to satisfy constraint: "
        'Member must not be null'
        for field in ('Name', 'ConnectionType', 'ConnectionProperties')
        if connection_input.get(field) is None
    ]
    if missing:
        raise _constraint_error(GlueValidationException, missing)
    return connection_input


def _update_connection(self: GlueResponse) -> EmptyResult:
    # UpdateConnection: "ConnectionInput - A ConnectionInput object that redefines the connection";
    # the stored definition is replaced, so omitted fields are gone. Tags belong to the ARN.
    backend = self.glue_backend
    name = self._get_param('Name')
    connection_input = _require_connection_input(self._get_param('ConnectionInput'))
    old = backend.connections.get(name)
    if old is None:
        raise EntityNotFoundException(f'Connection {name} not found.')
    new_name = connection_input['Name']
    tags: dict[str, str] = {}
    if new_name != name:
        if new_name in backend.connections:
            raise AlreadyExistsException('Connection')
        tags = backend.get_tags(old.arn)
        backend.tagger.delete_all_tags_for_resource(old.arn)
        del backend.connections[name]
    replacement = FakeConnection(backend, old.catalog_id, connection_input, tags)
    replacement.created_time = old.created_time
    backend.connections[new_name] = replacement
    return EmptyResult()


def _delete_connection(self: GlueResponse) -> EmptyResult:
    # DeleteConnection: EntityNotFoundException for a name that does not exist.
    backend = self.glue_backend
    name = self._get_param('ConnectionName')
    connection = backend.connections.pop(name, None)
    if connection is None:
        raise EntityNotFoundException(f'Connection {name} not found.')
    backend.tagger.delete_all_tags_for_resource(connection.arn)
    return EmptyResult()


def _get_resource_policy(self: GlueResponse) -> ActionResult:
    # GetResourcePolicy (AWS Glue API reference, Errors: EntityNotFoundException, "A specified entity
    # does not exist"): a resource without a policy is answered with EntityNotFoundException. moto
    # 5.2.5 answers 200 with an empty body instead.
    resource_arn = json.loads(self.body or '{}').get('ResourceArn') or self.glue_backend.default_catalog_arn
    if resource_arn not in self.glue_backend.resource_policies:
        raise EntityNotFoundException('Policy not found')
    return _original_get_resource_policy(self)


_original_get_resource_policy = GlueResponse.get_resource_policy


# CreateJob / UpdateJob ("MaxCapacity": do not set Maximum capacity if using WorkerType and
# NumberOfWorkers). AWS answers InvalidInputException with this message.
def _check_capacity(job: dict[str, Any]) -> None:
    if job.get('MaxCapacity') is not None and (job.get('WorkerType') or job.get('NumberOfWorkers')):
        raise InvalidInputException('', 'Please do not set Max Capacity if using Worker Type and Number of Workers.')


_original_create_job = GlueResponse.create_job


def _create_job(self: GlueResponse) -> ActionResult:
    _check_capacity(self.parameters)
    return _original_create_job(self)


def _update_job(self: GlueResponse) -> ActionResult:
    # UpdateJob: "JobUpdate - Specifies the values with which to update the job definition.
    # Unspecified configuration is removed or reset to default values." Only the name, creation
    # time, run history and tags (they belong to the ARN) survive.
    backend = self.glue_backend
    name = self._get_param('JobName')
    update = self._get_param('JobUpdate') or {}
    old = backend.get_job(name)
    _check_capacity(update)
    job = FakeJob(
        name,
        update.get('Role'),
        update.get('Command'),
        update.get('Description'),
        update.get('LogUri'),
        update.get('ExecutionProperty'),
        update.get('DefaultArguments'),
        update.get('NonOverridableArguments'),
        update.get('Connections'),
        update.get('MaxRetries'),
        update.get('AllocatedCapacity'),
        update.get('Timeout'),
        update.get('MaxCapacity'),
        update.get('SecurityConfiguration'),
        {},
        update.get('NotificationProperty'),
        update.get('GlueVersion'),
        update.get('NumberOfWorkers'),
        update.get('WorkerType'),
        update.get('CodeGenConfigurationNodes'),
        update.get('ExecutionClass'),
        update.get('SourceControlDetails'),
        backend=backend,
    )
    job.created_on = old.created_on
    job.job_runs = old.job_runs
    backend.jobs[name] = job
    return ActionResult({'JobName': name})


# GetJob ("MaxCapacity"): for jobs sized by WorkerType and NumberOfWorkers AWS reports the
# computed DPU count, which is why a GetJob -> UpdateJob round trip must drop MaxCapacity.
_original_job_as_dict = FakeJob.as_dict
_DPU_PER_WORKER = re.compile(r'^[GR]\.(\d+)X$')


def _job_as_dict(self: FakeJob) -> dict[str, Any]:
    result = _original_job_as_dict(self)
    match = _DPU_PER_WORKER.match(self.worker_type or '')
    if self.max_capacity is None and self.number_of_workers and match:
        digits = match.group(1)
        per_worker = float(digits) if not digits.startswith('0') else float(f'0.{digits[1:]}')
        result['MaxCapacity'] = per_worker * self.number_of_workers
    return result


_CRAWLER_FIELDS = {
    'Role': 'role',
    'DatabaseName': 'database_name',
    'Description': 'description',
    'Targets': 'targets',
    'Schedule': 'schedule',
    'Classifiers': 'classifiers',
    'TablePrefix': 'table_prefix',
    'SchemaChangePolicy': 'schema_change_policy',
    'RecrawlPolicy': 'recrawl_policy',
    'LineageConfiguration': 'lineage_configuration',
    'Configuration': 'configuration',
    'CrawlerSecurityConfiguration': 'crawler_security_configuration',
}


def _update_crawler(self: GlueResponse) -> EmptyResult:
    # UpdateCrawler: "Updates a crawler. If a crawler is running, you must stop it using
    # StopCrawler before updating it." Only the members given change.
    params = self.parameters
    crawler = self.glue_backend.get_crawler(params.get('Name'))
    if crawler.status == 'RUNNING':
        raise CrawlerRunningException(f'Crawler with name {crawler.name} has already started')
    for member, attribute in _CRAWLER_FIELDS.items():
        if member in params:
            setattr(crawler, attribute, params[member])
    crawler.last_updated = utcnow()
    crawler.version += 1
    return EmptyResult()


def _get_security_configurations(self: GlueResponse) -> ActionResult:
    # GetSecurityConfigurations: MaxResults / NextToken paging (moto returns everything at once).
    items = self.glue_backend.get_security_configurations()
    max_results = self._get_param('MaxResults')
    start = _read_offset_token(self._get_param('NextToken'), 'security-configurations')
    if start is None:
        raise InvalidInputException('GetSecurityConfigurations', 'Invalid NextToken.')
    end = start + int(max_results) if max_results else len(items)
    return ActionResult(
        {
            'SecurityConfigurations': [item.as_dict() for item in items[start:end]],
            'NextToken': _offset_token(end, 'security-configurations') if end < len(items) else None,
        }
    )


# --- AWS Config: evaluations -----------------------------------------------------------------


def decode_result_token(token: str) -> dict[str, Any] | None:
    """Tokens minted by the tests (config-service.ts mintResultToken); anything else is invalid."""
    if not token.startswith(RESULT_TOKEN_PREFIX):
        return None
    body = token[len(RESULT_TOKEN_PREFIX) :]
    try:
        data = json.loads(base64.urlsafe_b64decode(body + '=' * (-len(body) % 4)))
    except ValueError:
        return None
    rule = data.get('configRuleName') if isinstance(data, dict) else None
    if not isinstance(rule, str) or not 1 <= len(rule) <= 128:
        return None
    return data


def _validate_evaluations(evaluations: Any) -> None:
    # PutEvaluations / Evaluation (Config API reference): at most 100 evaluations;
    # ComplianceResourceType 1-256, ComplianceResourceId 1-768, Annotation 1-256 characters,
    # ComplianceType and OrderingTimestamp required.
    if not isinstance(evaluations, list):
        problem = "Value at 'evaluations' failed to satisfy constraint: Member must be a list"
        raise _constraint_error(ValidationException, [problem])
    problems: list[str] = []
    if len(evaluations) > 100:
        problems.append(
            "Value at 'evaluations' failed to satisfy constraint: Member must have length less than or equal to 100"
        )
    for index, evaluation in enumerate(evaluations, start=1):
        path = f'evaluations.{index}.member'
        for member in _EVALUATION_REQUIRED:
            if evaluation.get(member) is None:
                field = member[0].lower() + member[1:]
                problems.append(f"Value null at '{path}.{field}' failed to satisfy constraint: Member must not be null")
        for member, maximum in _EVALUATION_MAX_LENGTHS:
            value = evaluation.get(member)
            if value is not None and not 1 <= len(value) <= maximum:
                field = member[0].lower() + member[1:]
                problems.append(
                    f"Value '{value}' at '{path}.{field}' failed to satisfy constraint: "
                    f'Member must have length between 1 and {maximum}'
                )
        compliance = evaluation.get('ComplianceType')
        if compliance is not None and compliance not in _COMPLIANCE_TYPES:
            problems.append(
                f"Value '{compliance}' at '{path}.complianceType' failed to satisfy constraint: "
                f'Member must satisfy enum value set: [{", ".join(_COMPLIANCE_TYPES)}]'
            )
    if problems:
        raise _constraint_error(ValidationException, problems)
    for evaluation in evaluations:
        # Evaluation.ComplianceType: "Config does not support the INSUFFICIENT_DATA value for this
        # data type."
        if evaluation['ComplianceType'] == 'INSUFFICIENT_DATA':
            raise InvalidParameterValueException(
                'The ComplianceType INSUFFICIENT_DATA is not supported for evaluations. '
                'Use COMPLIANT, NON_COMPLIANT or NOT_APPLICABLE.'
            )
        if evaluation['ComplianceResourceType'] not in _EVALUATION_RESOURCE_TYPES:
            raise InvalidParameterValueException(
                f'The resource type {evaluation["ComplianceResourceType"]} is not supported by Config.'
            )


def _put_evaluations(self: ConfigResponse) -> str:
    # PutEvaluations: "Used by an Lambda function to deliver evaluation results to Config."
    # TestMode: "No updates occur to your existing evaluations ... PutEvaluations doesn't require a
    # valid value for the ResultToken parameter, but the value cannot be null."
    global _fail_next_put_evaluations
    params = json.loads(self.body or '{}')
    evaluations = params.get('Evaluations')
    evaluations = [] if evaluations is None else evaluations
    token = params.get('ResultToken')
    _validate_evaluations(evaluations)
    if not token:
        raise InvalidResultTokenException()
    issued = decode_result_token(token)
    if params.get('TestMode'):
        return json.dumps({'FailedEvaluations': []})
    if issued is None:
        raise InvalidResultTokenException()
    with _hooks_lock:
        failing, _fail_next_put_evaluations = _fail_next_put_evaluations, 0
    failed, accepted = evaluations[:failing], evaluations[failing:]
    rule = issued['configRuleName']
    invoked = _epoch(issued.get('issuedAt')) or _now()
    _state(self.config_backend, 'rules', set).add(rule)
    results: dict[tuple[str, str, str], dict[str, Any]] = _state(self.config_backend, 'results', dict)
    for evaluation in accepted:
        key = (rule, evaluation['ComplianceResourceType'], evaluation['ComplianceResourceId'])
        ordering = _epoch(evaluation['OrderingTimestamp'])
        previous = results.get(key)
        # OrderingTimestamp orders results: one for an older event does not replace a newer one.
        if previous is not None and previous['OrderingTimestamp'] > ordering:
            continue
        results[key] = {
            'ConfigRuleName': rule,
            'ResourceType': key[1],
            'ResourceId': key[2],
            'ComplianceType': evaluation['ComplianceType'],
            'Annotation': evaluation.get('Annotation'),
            'OrderingTimestamp': ordering,
            'ResultRecordedTime': _now(),
            'ConfigRuleInvokedTime': invoked,
        }
    return json.dumps({'FailedEvaluations': failed})


def _known_rule(backend: ConfigBackend, rule: str) -> bool:
    return rule in backend.config_rules or rule in _state(backend, 'rules', set)


def _stored_results(backend: ConfigBackend, rule: str) -> list[dict[str, Any]]:
    results = _state(backend, 'results', dict)
    return [results[key] for key in sorted(results) if key[0] == rule]


def _get_compliance_details_by_config_rule(self: ConfigResponse) -> str:
    # GetComplianceDetailsByConfigRule: Limit default 10, at most 100, 0 means the default;
    # INSUFFICIENT_DATA "cannot be used as a ComplianceType for filtering results".
    params = json.loads(self.body or '{}')
    rule = params.get('ConfigRuleName')
    limit = params.get('Limit') or 0
    wanted = params.get('ComplianceTypes') or []
    if not 0 <= limit <= 100:
        raise _constraint_error(
            ValidationException,
            [
                f"Value '{limit}' at 'limit' failed to satisfy constraint: "
                'Member must have value less than or equal to 100'
            ],
        )
    if 'INSUFFICIENT_DATA' in wanted:
        raise InvalidParameterValueException('INSUFFICIENT_DATA cannot be used as a ComplianceType filter.')
    if not rule or not _known_rule(self.config_backend, rule):
        raise NoSuchConfigRuleException(rule)
    stored = _stored_results(self.config_backend, rule)
    rows = [row for row in stored if not wanted or row['ComplianceType'] in wanted]
    start = _read_offset_token(params.get('NextToken'), f'compliance:{rule}')
    if start is None:
        raise InvalidNextTokenException()
    end = start + (limit or 10)
    page = [
        {
            'EvaluationResultIdentifier': {
                'EvaluationResultQualifier': {
                    'ConfigRuleName': row['ConfigRuleName'],
                    'ResourceType': row['ResourceType'],
                    'ResourceId': row['ResourceId'],
                    'EvaluationMode': 'DETECTIVE',
                },
                'OrderingTimestamp': row['OrderingTimestamp'],
            },
            'ComplianceType': row['ComplianceType'],
            'ResultRecordedTime': row['ResultRecordedTime'],
            'ConfigRuleInvokedTime': row['ConfigRuleInvokedTime'],
            **({'Annotation': row['Annotation']} if row['Annotation'] is not None else {}),
        }
        for row in rows[start:end]
    ]
    response: dict[str, Any] = {'EvaluationResults': page}
    if end < len(rows):
        response['NextToken'] = _offset_token(end, f'compliance:{rule}')
    return json.dumps(response)


# --- AWS Config: aggregate compliance ------------------------------------------------------

# DescribeAggregateComplianceByConfigRules and GetAggregateComplianceDetailsByConfigRule (Config API
# reference, https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeAggregateComplianceByConfigRules.html
# and .../API_GetAggregateComplianceDetailsByConfigRule.html; request and response shapes as in
# botocore's config model). moto 5.2.5 stores aggregators (PutConfigurationAggregator) but has no
# aggregate compliance; here an aggregator reads the results PutEvaluations stored in each source
# account and region: for an OrganizationAggregationSource every account holding results (the
# emulator has no organization membership to consult), for AccountAggregationSources the listed
# accounts; AwsRegions, or every region with AllAwsRegions. AggregationEvaluationResult "supports
# only the COMPLIANT and NON_COMPLIANT" values, so NOT_APPLICABLE results are not aggregated, and
# "Does not display rules that do not have compliance results".
_AGGREGATE_COMPLIANCE = ('COMPLIANT', 'NON_COMPLIANT')
# ComplianceContributorCount is capped "up to a maximum number"; the reference gives no figure.
_CONTRIBUTOR_CAP = 100


def _aggregator(backend: ConfigBackend, name: Any) -> Any:
    aggregator = backend.config_aggregators.get(name) if isinstance(name, str) else None
    if aggregator is None:
        raise NoSuchConfigurationAggregatorException()
    return aggregator


def _aggregator_sources(aggregator: Any) -> list[tuple[str, str]]:
    """The (account, region) pairs whose stored results the aggregator reads, sorted."""
    org = aggregator.organization_aggregation_source
    if org is not None:
        wanted_accounts = None
        all_regions, regions = org.all_aws_regions, org.aws_regions
    else:
        source = aggregator.account_aggregation_sources[0]
        wanted_accounts = set(source.account_ids)
        all_regions, regions = source.all_aws_regions, source.aws_regions
    pairs = []
    for account_id, by_region in list(config_backends.items()):
        if wanted_accounts is not None and account_id not in wanted_accounts:
            continue
        for region, backend in list(by_region.items()):
            if not all_regions and region not in (regions or []):
                continue
            if backend.__dict__.get('_glue_guardrails_results'):
                pairs.append((account_id, region))
    return sorted(pairs)


def _aggregate_limit(params: dict[str, Any], maximum: int, default: int) -> int:
    limit = params.get('Limit') or 0
    if not isinstance(limit, int) or not 0 <= limit <= maximum:
        raise _constraint_error(
            ValidationException,
            [
                f"Value '{limit}' at 'limit' failed to satisfy constraint: "
                f'Member must have value less than or equal to {maximum}'
            ],
        )
    return limit or default


def _aggregate_compliance_type(value: Any, path: str) -> None:
    if value is not None and value not in _AGGREGATE_COMPLIANCE:
        raise _constraint_error(
            ValidationException,
            [f"Value '{value}' at '{path}' is not supported: only COMPLIANT and NON_COMPLIANT are aggregated"],
        )


def _describe_aggregate_compliance_by_config_rules(self: ConfigResponse) -> str:
    # Limit 0-1000, "The default is maximum. If you specify 0, Config uses the default."
    # Filters (ConfigRuleComplianceFilters): ConfigRuleName, ComplianceType (COMPLIANT or
    # NON_COMPLIANT only), AccountId, AwsRegion.
    params = json.loads(self.body or '{}')
    name = params.get('ConfigurationAggregatorName')
    filters = params.get('Filters') or {}
    _aggregate_compliance_type(filters.get('ComplianceType'), 'filters.complianceType')
    limit = _aggregate_limit(params, 1000, 1000)
    aggregator = _aggregator(self.config_backend, name)
    rows = []
    for account_id, region in _aggregator_sources(aggregator):
        if filters.get('AccountId') not in (None, account_id) or filters.get('AwsRegion') not in (None, region):
            continue
        by_rule: dict[str, list[str]] = {}
        for key, row in sorted(config_backends[account_id][region]._glue_guardrails_results.items()):
            if row['ComplianceType'] in _AGGREGATE_COMPLIANCE:
                by_rule.setdefault(key[0], []).append(row['ComplianceType'])
        for rule, verdicts in sorted(by_rule.items()):
            if filters.get('ConfigRuleName') not in (None, rule):
                continue
            failing = verdicts.count('NON_COMPLIANT')
            compliance: dict[str, Any] = {'ComplianceType': 'NON_COMPLIANT' if failing else 'COMPLIANT'}
            if failing:
                compliance['ComplianceContributorCount'] = {
                    'CappedCount': min(failing, _CONTRIBUTOR_CAP),
                    'CapExceeded': failing > _CONTRIBUTOR_CAP,
                }
            if filters.get('ComplianceType') not in (None, compliance['ComplianceType']):
                continue
            rows.append(
                {'ConfigRuleName': rule, 'Compliance': compliance, 'AccountId': account_id, 'AwsRegion': region}
            )
    scope = 'aggregate-rules:' + json.dumps([name, filters], sort_keys=True)
    start = _read_offset_token(params.get('NextToken'), scope)
    if start is None:
        raise InvalidNextTokenException()
    end = start + limit
    response: dict[str, Any] = {'AggregateComplianceByConfigRules': rows[start:end]}
    if end < len(rows):
        response['NextToken'] = _offset_token(end, scope)
    return json.dumps(response)


def _get_aggregate_compliance_details_by_config_rule(self: ConfigResponse) -> str:
    # ConfigurationAggregatorName, ConfigRuleName, AccountId and AwsRegion are required; Limit
    # 0-100, "The default is 50 ... If you specify 0, Config uses the default"; ComplianceType
    # COMPLIANT or NON_COMPLIANT.
    params = json.loads(self.body or '{}')
    missing = [
        f"Value null at '{field[0].lower() + field[1:]}' failed to satisfy constraint: Member must not be null"
        for field in ('ConfigurationAggregatorName', 'ConfigRuleName', 'AccountId', 'AwsRegion')
        if not params.get(field)
    ]
    if missing:
        raise _constraint_error(ValidationException, missing)
    wanted = params.get('ComplianceType')
    _aggregate_compliance_type(wanted, 'complianceType')
    limit = _aggregate_limit(params, 100, 50)
    name, rule = params['ConfigurationAggregatorName'], params['ConfigRuleName']
    account_id, region = params['AccountId'], params['AwsRegion']
    aggregator = _aggregator(self.config_backend, name)
    rows = []
    if (account_id, region) in _aggregator_sources(aggregator):
        rows = [
            row
            for row in _stored_results(config_backends[account_id][region], rule)
            if row['ComplianceType'] in _AGGREGATE_COMPLIANCE and wanted in (None, row['ComplianceType'])
        ]
    scope = 'aggregate-details:' + json.dumps([name, rule, account_id, region, wanted])
    start = _read_offset_token(params.get('NextToken'), scope)
    if start is None:
        raise InvalidNextTokenException()
    end = start + limit
    page = [
        {
            'EvaluationResultIdentifier': {
                'EvaluationResultQualifier': {
                    'ConfigRuleName': row['ConfigRuleName'],
                    'ResourceType': row['ResourceType'],
                    'ResourceId': row['ResourceId'],
                    'EvaluationMode': 'DETECTIVE',
                },
                'OrderingTimestamp': row['OrderingTimestamp'],
            },
            'ComplianceType': row['ComplianceType'],
            'ResultRecordedTime': row['ResultRecordedTime'],
            'ConfigRuleInvokedTime': row['ConfigRuleInvokedTime'],
            'AccountId': account_id,
            'AwsRegion': region,
            **({'Annotation': row['Annotation']} if row['Annotation'] is not None else {}),
        }
        for row in rows[start:end]
    ]
    response: dict[str, Any] = {'AggregateEvaluationResults': page}
    if end < len(rows):
        response['NextToken'] = _offset_token(end, scope)
    return json.dumps(response)


# --- AWS Config: configuration history -------------------------------------------------------

_original_get_resource_config_history = ConfigResponse.get_resource_config_history


def _get_resource_config_history(self: ConfigResponse) -> str:
    # GetResourceConfigHistory: moto records nothing for Glue, so items seeded by the tests are
    # served here in the documented shape (configuration as a JSON string). laterTime defaults to
    # now, limit defaults to 10 (0 means the default, at most 100), newest first unless
    # chronologicalOrder is Forward.
    params = json.loads(self.body or '{}')
    resource_type, resource_id = params.get('resourceType'), params.get('resourceId')
    seeded = [
        item
        for item in _state(self.config_backend, 'config_items', list)
        if item['resourceType'] == resource_type and item['resourceId'] == resource_id
    ]
    if not seeded:
        return _original_get_resource_config_history(self)
    limit = params.get('limit') or 0
    if not 0 <= limit <= 100:
        raise InvalidLimitException(limit)
    later, earlier = _epoch(params.get('laterTime')), _epoch(params.get('earlierTime'))
    if later is not None and earlier is not None and earlier > later:
        raise InvalidTimeRangeException()
    items = [
        item
        for item in seeded
        if (later is None or item['configurationItemCaptureTime'] <= later)
        and (earlier is None or item['configurationItemCaptureTime'] >= earlier)
    ]
    newest_first = params.get('chronologicalOrder') != 'Forward'
    items.sort(key=lambda item: item['configurationItemCaptureTime'], reverse=newest_first)
    scope = f'history:{resource_type}:{resource_id}'
    start = _read_offset_token(params.get('nextToken'), scope)
    if start is None:
        raise InvalidNextTokenException()
    end = start + (limit or 10)
    response: dict[str, Any] = {'configurationItems': items[start:end]}
    if end < len(items):
        response['nextToken'] = _offset_token(end, scope)
    return json.dumps(response)


def _as_json_string(value: Any) -> str | None:
    return value if value is None or isinstance(value, str) else json.dumps(value)


def seed_config_item(account_id: str, item: dict[str, Any]) -> dict[str, Any]:
    """Test-only: record a configuration item as Config would (API field names, ConfigurationItem)."""
    if not item.get('resourceType') or not item.get('resourceId'):
        raise ValueError('resourceType and resourceId are required')
    region = item.get('awsRegion') or DEFAULT_REGION
    stored = {
        'version': '1.3',
        'configurationItemStatus': 'OK',
        'tags': {},
        'relatedEvents': [],
        'relationships': [],
        **item,
        'accountId': item.get('accountId') or account_id,
        'awsRegion': region,
        'configurationItemCaptureTime': _epoch(item.get('configurationItemCaptureTime')) or _now(),
        'configuration': _as_json_string(item.get('configuration')),
        'supplementaryConfiguration': {
            key: _as_json_string(value) for key, value in (item.get('supplementaryConfiguration') or {}).items()
        },
    }
    for field in ('resourceCreationTime', 'configurationItemDeliveryTime'):
        if stored.get(field) is not None:
            stored[field] = _epoch(stored[field])
    if stored['configuration'] is None:
        del stored['configuration']
    _state(config_backends[stored['accountId']][region], 'config_items', list).append(stored)
    return stored


# --- IAM ---------------------------------------------------------------------------------------


# GetAccountAuthorizationDetails (IAM API reference, "ManagedPolicyDetail"): every policy carries
# PolicyName and PolicyId. moto 5.2.5 keeps them as `name` and `id`, which its serializer does not
# map onto ManagedPolicyDetail, so both are missing from the response.
def _patch_managed_policy_detail() -> None:
    ManagedPolicy.policy_name = property(lambda self: self.name)  # type: ignore[attr-defined]
    ManagedPolicy.policy_id = property(lambda self: self.id)  # type: ignore[attr-defined]


# --- Test-only hooks -------------------------------------------------------------------------


def fail_next_put_evaluations(count: int) -> None:
    """Test-only: the next PutEvaluations reports its first `count` evaluations as failed."""
    global _fail_next_put_evaluations
    with _hooks_lock:
        _fail_next_put_evaluations = max(0, int(count))


def register_config_rule(account_id: str, region: str, rule: str) -> None:
    """Test-only: the tests play Config, so a rule they invoke exists without a Lambda behind it."""
    _state(config_backends[account_id][region], 'rules', set).add(rule)


def stored_evaluations(account_id: str, region: str, rule: str) -> list[dict[str, Any]]:
    return _stored_results(config_backends[account_id][region], rule)


def reset_hooks() -> None:
    fail_next_put_evaluations(0)


def apply() -> None:
    FakeConnection.as_dict = _connection_as_dict
    FakeJob.as_dict = _job_as_dict
    GlueResponse.create_job = _create_job
    GlueResponse.update_job = _update_job
    GlueResponse.update_connection = _update_connection
    GlueResponse.delete_connection = _delete_connection
    GlueResponse.update_crawler = _update_crawler
    GlueResponse.get_security_configurations = _get_security_configurations
    GlueResponse.get_resource_policy = _get_resource_policy
    ConfigResponse.put_evaluations = _put_evaluations
    ConfigResponse.get_compliance_details_by_config_rule = _get_compliance_details_by_config_rule
    ConfigResponse.get_resource_config_history = _get_resource_config_history
    ConfigResponse.describe_aggregate_compliance_by_config_rules = _describe_aggregate_compliance_by_config_rules
    ConfigResponse.get_aggregate_compliance_details_by_config_rule = _get_aggregate_compliance_details_by_config_rule
    _patch_managed_policy_detail()
