# iam: glue:GetJob, glue:UpdateJob
# iam-indirect: iam:PassRole
# (UpdateJob passes the job's role to Glue)
"""Turns on continuous CloudWatch logging for a Glue job, keeping every other job field.

UpdateJob overwrites the whole job definition, so the job is read first and written back whole,
with `--enable-continuous-cloudwatch-log` merged into its DefaultArguments.
"""

import json

import boto3
from botocore.exceptions import ClientError

DOCUMENT = 'EnableGlueJobContinuousLogging'
ARGUMENT = '--enable-continuous-cloudwatch-log'

# JobUpdate members. The rest of what GetJob returns (Name, CreatedOn, LastModifiedOn, ProfileName,
# AutoUpgradeMetadata) cannot be sent back.
UPDATABLE_FIELDS = (
    'JobMode',
    'JobRunQueuingEnabled',
    'Description',
    'LogUri',
    'Role',
    'ExecutionProperty',
    'Command',
    'DefaultArguments',
    'NonOverridableArguments',
    'Connections',
    'MaxRetries',
    'AllocatedCapacity',
    'Timeout',
    'MaxCapacity',
    'WorkerType',
    'NumberOfWorkers',
    'SecurityConfiguration',
    'NotificationProperty',
    'GlueVersion',
    'CodeGenConfigurationNodes',
    'ExecutionClass',
    'SourceControlDetails',
    'MaintenanceWindow',
)


def _job_update(job):
    """A JobUpdate that redefines the job exactly as GetJob returned it (UpdateJob overwrites)."""
    update = {field: job[field] for field in UPDATABLE_FIELDS if job.get(field) is not None}
    if update.get('WorkerType') or update.get('NumberOfWorkers'):
        # GetJob reports the DPUs computed from the workers as MaxCapacity (and AllocatedCapacity);
        # UpdateJob rejects MaxCapacity next to a worker type.
        update.pop('MaxCapacity', None)
        update.pop('AllocatedCapacity', None)
    elif 'MaxCapacity' in update:
        # AllocatedCapacity is the deprecated mirror of MaxCapacity.
        update.pop('AllocatedCapacity', None)
    return update


def _get_job(glue, name):
    try:
        return glue.get_job(JobName=name)['Job']
    except ClientError as error:
        if error.response['Error']['Code'] == 'EntityNotFoundException':
            raise ValueError(f'Glue job {name} does not exist') from None
        raise


def _result(events, outcome, changes, message):
    body = {
        'document': DOCUMENT,
        'executionId': events.get('ExecutionId'),
        'accountId': events.get('AccountId'),
        'region': events.get('Region'),
        'resource': events['JobName'],
        'changes': changes,
        'outcome': outcome,
        'message': message,
    }
    return {'Outcome': outcome, 'Result': json.dumps(body), 'Changes': json.dumps(changes)}


def _blocked(job):
    """A non-overridable argument wins over the default one, so it must not say otherwise."""
    value = (job.get('NonOverridableArguments') or {}).get(ARGUMENT)
    return value is not None and value.strip().lower() != 'true'


def _enabled(job):
    value = (job.get('DefaultArguments') or {}).get(ARGUMENT, '')
    return value.strip().lower() == 'true' and not _blocked(job)


def handler(events, context):
    glue = boto3.client('glue')
    name = events['JobName']
    job = _get_job(glue, name)
    if _enabled(job):
        return _result(events, 'NO_CHANGE', [], f'Job {name} already logs continuously to CloudWatch')
    update = _job_update(job)
    changes = []
    before = (job.get('DefaultArguments') or {}).get(ARGUMENT)
    if before != 'true':
        update['DefaultArguments'] = {**(job.get('DefaultArguments') or {}), ARGUMENT: 'true'}
        changes.append({'field': f'DefaultArguments.{ARGUMENT}', 'before': before, 'after': 'true'})
    if _blocked(job):
        blocking = job['NonOverridableArguments'][ARGUMENT]
        update['NonOverridableArguments'] = {**job['NonOverridableArguments'], ARGUMENT: 'true'}
        changes.append({'field': f'NonOverridableArguments.{ARGUMENT}', 'before': blocking, 'after': 'true'})
    glue.update_job(JobName=name, JobUpdate=update)
    return _result(events, 'REMEDIATED', changes, f'Job {name}: {ARGUMENT} set to true')


def verify(events, context):
    job = _get_job(boto3.client('glue'), events['JobName'])
    if not _enabled(job):
        raise AssertionError(f"Job {events['JobName']} does not have {ARGUMENT}=true")
    return {'Verified': True}
