# iam: glue:GetJob, glue:GetSecurityConfiguration, glue:UpdateJob
# iam-indirect: iam:PassRole
# (UpdateJob passes the job's role to Glue)
"""Attaches an existing security configuration to a Glue job, keeping every other job field.

UpdateJob overwrites the whole job definition, so the job is read first and written back whole.
"""

import json

import boto3
from botocore.exceptions import ClientError

DOCUMENT = 'AttachGlueJobSecurityConfiguration'

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


def _unencrypted(configuration):
    """What the configuration does not encrypt at all (SSE-S3 counts as encrypted: the rule may allow it)."""
    settings = configuration.get('EncryptionConfiguration') or {}
    s3_modes = [entry.get('S3EncryptionMode', 'DISABLED') for entry in settings.get('S3Encryption') or []]
    cloudwatch = (settings.get('CloudWatchEncryption') or {}).get('CloudWatchEncryptionMode', 'DISABLED')
    bookmarks = (settings.get('JobBookmarksEncryption') or {}).get('JobBookmarksEncryptionMode', 'DISABLED')
    missing = []
    if not s3_modes or 'DISABLED' in s3_modes:
        missing.append('S3 data')
    if cloudwatch == 'DISABLED':
        missing.append('CloudWatch logs')
    if bookmarks == 'DISABLED':
        missing.append('job bookmarks')
    return missing


def handler(events, context):
    glue = boto3.client('glue')
    name, wanted = events['JobName'], events['SecurityConfigurationName']
    try:
        configuration = glue.get_security_configuration(Name=wanted)['SecurityConfiguration']
    except ClientError as error:
        if error.response['Error']['Code'] == 'EntityNotFoundException':
            raise ValueError(
                f'Security configuration {wanted} does not exist in this account and region: create it first'
            ) from None
        raise
    unencrypted = _unencrypted(configuration)
    if unencrypted:
        raise ValueError(f'Security configuration {wanted} leaves {", ".join(unencrypted)} unencrypted')
    job = _get_job(glue, name)
    before = job.get('SecurityConfiguration')
    if before == wanted:
        return _result(events, 'NO_CHANGE', [], f'Job {name} already uses security configuration {wanted}')
    update = _job_update(job)
    update['SecurityConfiguration'] = wanted
    glue.update_job(JobName=name, JobUpdate=update)
    changes = [{'field': 'SecurityConfiguration', 'before': before, 'after': wanted}]
    return _result(events, 'REMEDIATED', changes, f'Job {name} now uses security configuration {wanted}')
