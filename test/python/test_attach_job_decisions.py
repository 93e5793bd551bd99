"""AttachGlueJobSecurityConfiguration's decisions pinned with literal results (mutation testing, issue 11):
which configurations it refuses and why, and the exact result it returns."""

import json

import attach_glue_job_security_configuration as attach_job
import pytest
from botocore.stub import ANY
from conftest import ACCOUNT, REGION, events

from lib.glue_job_update import job_digest

ROLE = 'arn:aws:iam::123456789012:role/glue'
KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
S3_KMS_ONLY = 'S3 data is not encrypted with SSE-KMS'
S3_EITHER = 'S3 data is not encrypted with SSE-KMS or SSE-S3'
CLOUDWATCH = 'CloudWatch logs are not encrypted with SSE-KMS'
BOOKMARKS = 'job bookmarks are not encrypted with CSE-KMS'


def settings(s3=('SSE-KMS',), cloudwatch='SSE-KMS', bookmarks='CSE-KMS'):
    return {
        'EncryptionConfiguration': {
            'S3Encryption': [{'S3EncryptionMode': mode, 'KmsKeyArn': KEY} for mode in s3],
            'CloudWatchEncryption': {'CloudWatchEncryptionMode': cloudwatch, 'KmsKeyArn': KEY},
            'JobBookmarksEncryption': {'JobBookmarksEncryptionMode': bookmarks, 'KmsKeyArn': KEY},
        }
    }


@pytest.mark.parametrize(
    ('configuration', 'allow_sse_s3', 'gaps'),
    [
        (settings(), None, []),
        (settings(s3=('SSE-S3',)), None, [S3_KMS_ONLY]),
        (settings(s3=('SSE-S3',)), 'true', []),
        (settings(s3=('SSE-S3',)), ' TRUE ', []),
        (settings(s3=('SSE-S3',)), True, []),
        (settings(s3=('SSE-S3',)), 'false', [S3_KMS_ONLY]),
        (settings(s3=('DISABLED',)), 'true', [S3_EITHER]),
        (settings(s3=('SSE-KMS', 'DISABLED')), None, [S3_KMS_ONLY]),
        (settings(s3=()), None, [S3_KMS_ONLY]),
        (settings(cloudwatch='DISABLED'), None, [CLOUDWATCH]),
        (settings(bookmarks='DISABLED'), None, [BOOKMARKS]),
        (settings(bookmarks='SSE-KMS'), None, [BOOKMARKS]),
        ({}, None, [S3_KMS_ONLY, CLOUDWATCH, BOOKMARKS]),
        ({'EncryptionConfiguration': None}, 'true', [S3_EITHER, CLOUDWATCH, BOOKMARKS]),
        (
            {'EncryptionConfiguration': {'S3Encryption': None, 'CloudWatchEncryption': None}},
            None,
            [S3_KMS_ONLY, CLOUDWATCH, BOOKMARKS],
        ),
        (
            {
                'EncryptionConfiguration': {
                    'S3Encryption': [{'KmsKeyArn': KEY}],
                    'CloudWatchEncryption': {'KmsKeyArn': KEY},
                    'JobBookmarksEncryption': {'KmsKeyArn': KEY},
                }
            },
            None,
            [S3_KMS_ONLY, CLOUDWATCH, BOOKMARKS],
        ),
    ],
)
def test_gaps_are_what_the_rule_would_reject(configuration, allow_sse_s3, gaps):
    assert attach_job._gaps(configuration, {'AllowSseS3': allow_sse_s3}) == gaps


def job(**fields):
    return {'Name': 'load', 'Role': ROLE, 'Command': {'Name': 'glueetl', 'ScriptLocation': 's3://s/l.py'}, **fields}


def test_refusal_names_the_configuration_the_job_and_every_gap(stubs):
    stubs['glue'].add_response(
        'get_security_configuration',
        {'SecurityConfiguration': {'Name': 'weak', **settings(cloudwatch='DISABLED', bookmarks='DISABLED')}},
        {'Name': 'weak'},
    )
    with pytest.raises(ValueError) as raised:
        attach_job.handler(events(JobName='load', SecurityConfigurationName='weak'), {})
    assert str(raised.value) == f'Security configuration weak cannot secure job load: {CLOUDWATCH}; {BOOKMARKS}'


def test_a_missing_configuration_is_named_exactly(stubs):
    stubs['glue'].add_client_error('get_security_configuration', 'EntityNotFoundException', 'nope')
    with pytest.raises(ValueError) as raised:
        attach_job.handler(events(JobName='load', SecurityConfigurationName='secure'), {})
    assert str(raised.value) == (
        'Security configuration secure does not exist in this account and region: create it first'
    )


def test_another_error_reading_the_configuration_is_raised_as_it_is(stubs):
    stubs['glue'].add_client_error('get_security_configuration', 'AccessDeniedException', 'denied')
    with pytest.raises(Exception) as raised:
        attach_job.handler(events(JobName='load', SecurityConfigurationName='secure'), {})
    assert raised.value.response['Error']['Code'] == 'AccessDeniedException'


def test_no_change_result_is_exact(stubs):
    stubs['glue'].add_response('get_security_configuration', {'SecurityConfiguration': settings()}, {'Name': 'secure'})
    stubs['glue'].add_response('get_job', {'Job': job(SecurityConfiguration='secure')}, {'JobName': 'load'})
    result = attach_job.handler(events(JobName='load', SecurityConfigurationName='secure'), {})
    assert result == {
        'Outcome': 'NO_CHANGE',
        'Result': json.dumps(
            {
                'document': 'AttachGlueJobSecurityConfiguration',
                'executionId': 'exec-1',
                'accountId': ACCOUNT,
                'region': REGION,
                'resource': 'load',
                'changes': [],
                'outcome': 'NO_CHANGE',
                'message': 'Job load already uses security configuration secure',
            }
        ),
        'Changes': '[]',
        'Written': '',
    }


def test_remediated_result_is_exact_and_carries_the_digest_of_what_was_written(stubs):
    stubs['glue'].add_response('get_security_configuration', {'SecurityConfiguration': settings()}, {'Name': 'secure'})
    stubs['glue'].add_response('get_job', {'Job': job()}, {'JobName': 'load'})
    stubs['glue'].add_response('get_job', {'Job': job()}, {'JobName': 'load'})
    stubs['glue'].add_response('update_job', {'JobName': 'load'}, {'JobName': 'load', 'JobUpdate': ANY})
    result = attach_job.handler(events(JobName='load', SecurityConfigurationName='secure'), {})
    changes = [{'field': 'SecurityConfiguration', 'before': None, 'after': 'secure'}]
    assert result == {
        'Outcome': 'REMEDIATED',
        'Result': json.dumps(
            {
                'document': 'AttachGlueJobSecurityConfiguration',
                'executionId': 'exec-1',
                'accountId': ACCOUNT,
                'region': REGION,
                'resource': 'load',
                'changes': changes,
                'outcome': 'REMEDIATED',
                'message': 'Job load now uses security configuration secure',
            }
        ),
        'Changes': json.dumps(changes),
        'Written': job_digest(job(SecurityConfiguration='secure')),
    }


def test_verify_passes_for_the_job_as_written_and_names_job_and_configuration_otherwise(stubs):
    written = job_digest(job(SecurityConfiguration='secure'))
    stubs['glue'].add_response('get_job', {'Job': job(SecurityConfiguration='secure')}, {'JobName': 'load'})
    assert attach_job.verify(events(JobName='load', SecurityConfigurationName='secure', Written=written), {}) == {
        'Verified': True
    }
    stubs['glue'].add_response('get_job', {'Job': job()}, {'JobName': 'load'})
    with pytest.raises(AssertionError) as raised:
        attach_job.verify(events(JobName='load', SecurityConfigurationName='secure', Written=written), {})
    assert str(raised.value) == 'Job load does not use security configuration secure'
