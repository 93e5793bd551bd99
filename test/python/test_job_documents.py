"""The job documents' scripts: what each changes, keeps and refuses (Glue stubbed with botocore's Stubber)."""

import attach_glue_job_security_configuration as attach_job
import enable_glue_job_continuous_logging as logging_doc
import pytest
import set_glue_job_disable_proxy as proxy_doc
from botocore.stub import ANY
from conftest import body, events

ROLE = 'arn:aws:iam::123456789012:role/glue'
KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'


def job(**fields):
    return {
        'Name': 'load',
        'Role': ROLE,
        'Command': {'Name': 'glueetl', 'ScriptLocation': 's3://scripts/load.py'},
        'CreatedOn': '2026-01-01T00:00:00Z',
        **fields,
    }


def test_logging_sets_the_argument_and_keeps_every_other_field(stubs):
    current = job(DefaultArguments={'--job-language': 'python'}, Timeout=60)
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})
    update = {
        'Role': ROLE,
        'Command': current['Command'],
        'Timeout': 60,
        'DefaultArguments': {'--job-language': 'python', '--enable-continuous-cloudwatch-log': 'true'},
    }
    stubs['glue'].add_response('update_job', {'JobName': 'load'}, {'JobName': 'load', 'JobUpdate': update})
    result = logging_doc.handler(events(JobName='load'), {})
    assert result['Outcome'] == 'REMEDIATED'
    assert body(result)['document'] == 'EnableGlueJobContinuousLogging'


def test_logging_reports_no_change_when_the_effective_value_is_true(stubs):
    current = job(
        DefaultArguments={'--enable-continuous-cloudwatch-log': 'false'},
        NonOverridableArguments={'--enable-continuous-cloudwatch-log': 'True'},
    )
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})
    result = logging_doc.handler(events(JobName='load'), {})  # no update_job queued: Stubber fails a call
    assert result['Outcome'] == 'NO_CHANGE'
    assert body(result)['message'] == 'Job load already logs continuously to CloudWatch'


def test_logging_verify_fails_while_a_non_overridable_false_wins(stubs):
    current = job(
        DefaultArguments={'--enable-continuous-cloudwatch-log': 'true'},
        NonOverridableArguments={'--enable-continuous-cloudwatch-log': 'false'},
    )
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})
    with pytest.raises(AssertionError, match='does not have --enable-continuous-cloudwatch-log=true'):
        logging_doc.verify(events(JobName='load'), {})


def test_proxy_refuses_a_job_without_connections_and_changes_nothing(stubs):
    stubs['glue'].add_response('get_job', {'Job': job()}, {'JobName': 'load'})
    with pytest.raises(ValueError, match='has no connections: --disable-proxy-v2 only applies'):
        proxy_doc.handler(events(JobName='load'), {})


def test_proxy_sets_default_and_overrides_a_blocking_non_overridable_value(stubs):
    current = job(Connections={'Connections': ['vpc']}, NonOverridableArguments={'--disable-proxy-v2': 'false'})
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})
    stubs['glue'].add_response('update_job', {'JobName': 'load'}, {'JobName': 'load', 'JobUpdate': ANY})
    result = proxy_doc.handler(events(JobName='load'), {})
    assert result['Outcome'] == 'REMEDIATED'
    fields = [change['field'] for change in body(result)['changes']]
    assert fields == ['DefaultArguments.--disable-proxy-v2', 'NonOverridableArguments.--disable-proxy-v2']


def test_proxy_verify_passes_once_true(stubs):
    current = job(Connections={'Connections': ['vpc']}, DefaultArguments={'--disable-proxy-v2': 'true'})
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})
    assert proxy_doc.verify(events(JobName='load'), {}) == {'Verified': True}


def configuration(s3='SSE-KMS', cloudwatch='SSE-KMS', bookmarks='CSE-KMS'):
    return {
        'SecurityConfiguration': {
            'Name': 'secure',
            'EncryptionConfiguration': {
                'S3Encryption': [{'S3EncryptionMode': s3, 'KmsKeyArn': KEY}],
                'CloudWatchEncryption': {'CloudWatchEncryptionMode': cloudwatch, 'KmsKeyArn': KEY},
                'JobBookmarksEncryption': {'JobBookmarksEncryptionMode': bookmarks, 'KmsKeyArn': KEY},
            },
        }
    }


def test_attach_refuses_a_configuration_the_rule_would_reject(stubs):
    stubs['glue'].add_response(
        'get_security_configuration', configuration(s3='SSE-S3', bookmarks='DISABLED'), {'Name': 'secure'}
    )
    with pytest.raises(ValueError, match='S3 data is not encrypted with SSE-KMS; job bookmarks are not encrypted'):
        attach_job.handler(events(JobName='load', SecurityConfigurationName='secure'), {})


def test_attach_accepts_sse_s3_when_allowed_and_keeps_the_job(stubs):
    stubs['glue'].add_response('get_security_configuration', configuration(s3='SSE-S3'), {'Name': 'secure'})
    stubs['glue'].add_response('get_job', {'Job': job(SecurityConfiguration='old', MaxRetries=2)}, {'JobName': 'load'})
    update = {'Role': ROLE, 'Command': job()['Command'], 'MaxRetries': 2, 'SecurityConfiguration': 'secure'}
    stubs['glue'].add_response('update_job', {'JobName': 'load'}, {'JobName': 'load', 'JobUpdate': update})
    result = attach_job.handler(events(JobName='load', SecurityConfigurationName='secure', AllowSseS3='true'), {})
    assert body(result)['changes'] == [{'field': 'SecurityConfiguration', 'before': 'old', 'after': 'secure'}]


def test_attach_reports_no_change_when_already_attached(stubs):
    stubs['glue'].add_response('get_security_configuration', configuration(), {'Name': 'secure'})
    stubs['glue'].add_response('get_job', {'Job': job(SecurityConfiguration='secure')}, {'JobName': 'load'})
    result = attach_job.handler(events(JobName='load', SecurityConfigurationName='secure'), {})
    assert result['Outcome'] == 'NO_CHANGE'


def test_attach_names_a_missing_configuration(stubs):
    stubs['glue'].add_client_error('get_security_configuration', 'EntityNotFoundException', 'nope')
    with pytest.raises(ValueError, match='Security configuration secure does not exist'):
        attach_job.handler(events(JobName='load', SecurityConfigurationName='secure'), {})
