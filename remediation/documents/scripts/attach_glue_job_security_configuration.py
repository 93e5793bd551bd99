# iam: glue:GetSecurityConfiguration, glue:UpdateJob
# iam-indirect: iam:PassRole
# (UpdateJob passes the job's role to Glue)
"""Attaches an existing security configuration to a Glue job, keeping every other job field.

UpdateJob overwrites the whole job definition, so the job is read first and written back whole.
"""

import boto3
from botocore.exceptions import ClientError

# Inlined before this file by the document:
# lib/result.py (_remediation_result), lib/glue_job_update.py (_get_job, _job_update).

DOCUMENT = 'AttachGlueJobSecurityConfiguration'


def _result(events, outcome, changes, message):
    account, resource = events.get('AccountId'), events['JobName']
    return _remediation_result(events, outcome, changes, message, DOCUMENT, account, resource)


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
