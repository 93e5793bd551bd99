# iam: glue:GetSecurityConfiguration
"""Attaches an existing security configuration to a Glue job, keeping every other job field.

UpdateJob overwrites the whole job definition, so the job is read first and written back whole.
"""

import boto3
from botocore.exceptions import ClientError

from lib.glue_job_update import get_job, job_update, update_unless_changed, verify_written
from lib.parameters import flag
from lib.result import remediation_result

DOCUMENT = 'AttachGlueJobSecurityConfiguration'


def _result(events, outcome, changes, message):
    account, resource = events.get('AccountId'), events['JobName']
    return remediation_result(events, outcome, changes, message, DOCUMENT, account, resource)


def _gaps(configuration, events):
    """What the rule (glue-job-security-configuration-encrypted) would reject in the configuration."""
    settings = configuration.get('EncryptionConfiguration') or {}
    s3_modes = [entry.get('S3EncryptionMode', 'DISABLED') for entry in settings.get('S3Encryption') or []]
    accepted = {'SSE-KMS', 'SSE-S3'} if flag(events.get('AllowSseS3')) else {'SSE-KMS'}
    cloudwatch = (settings.get('CloudWatchEncryption') or {}).get('CloudWatchEncryptionMode', 'DISABLED')
    bookmarks = (settings.get('JobBookmarksEncryption') or {}).get('JobBookmarksEncryptionMode', 'DISABLED')
    gaps = []
    if not s3_modes or any(mode not in accepted for mode in s3_modes):
        gaps.append(f'S3 data is not encrypted with {" or ".join(sorted(accepted))}')
    if cloudwatch != 'SSE-KMS':
        gaps.append('CloudWatch logs are not encrypted with SSE-KMS')
    if bookmarks != 'CSE-KMS':
        gaps.append('job bookmarks are not encrypted with CSE-KMS')
    return gaps


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
    gaps = _gaps(configuration, events)
    if gaps:
        raise ValueError(f'Security configuration {wanted} cannot secure job {name}: ' + '; '.join(gaps))
    job = get_job(glue, name)
    before = job.get('SecurityConfiguration')
    if before == wanted:
        message = f'Job {name} already uses security configuration {wanted}'
        return {**_result(events, 'NO_CHANGE', [], message), 'Written': ''}
    update = job_update(job)
    update['SecurityConfiguration'] = wanted
    written = update_unless_changed(glue, name, job, update)
    changes = [{'field': 'SecurityConfiguration', 'before': before, 'after': wanted}]
    message = f'Job {name} now uses security configuration {wanted}'
    return {**_result(events, 'REMEDIATED', changes, message), 'Written': written}


def verify(events, context):
    """Reads the job again: it must use the configuration and still hold what Remediate wrote."""
    job = get_job(boto3.client('glue'), events['JobName'])
    if job.get('SecurityConfiguration') != events['SecurityConfigurationName']:
        raise AssertionError(
            f'Job {events["JobName"]} does not use security configuration {events["SecurityConfigurationName"]}'
        )
    verify_written(job, events.get('Written'))
    return {'Verified': True}
