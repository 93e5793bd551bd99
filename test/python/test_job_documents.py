"""The job documents' scripts: what each changes, keeps and refuses (Glue stubbed with botocore's Stubber)."""

import attach_glue_job_security_configuration as attach_job
import enable_glue_job_continuous_logging as logging_doc
import pytest
import set_glue_job_disable_proxy as proxy_doc
from botocore.stub import ANY
from conftest import body, events

from lib.glue_job_update import job_digest

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
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})  # read again before writing
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


# UpdateJob race: Glue has no conditional write, so the scripts read the job again just before
# writing and, when verifying, compare the job with what they wrote.


def test_logging_refuses_to_write_over_a_job_changed_since_it_was_read(stubs):
    read = job(DefaultArguments={'--job-language': 'python'}, Timeout=60)
    changed = job(DefaultArguments={'--job-language': 'python', '--extra-py-files': 's3://x/y.zip'}, Timeout=60)
    stubs['glue'].add_response('get_job', {'Job': read}, {'JobName': 'load'})
    stubs['glue'].add_response('get_job', {'Job': changed}, {'JobName': 'load'})  # no update_job queued
    with pytest.raises(RuntimeError, match=r'^CONFLICT: job load was changed by someone else .*\(DefaultArguments\)'):
        logging_doc.handler(events(JobName='load'), {})


def test_the_conflict_names_fields_but_never_their_values(stubs):
    read = job(DefaultArguments={'--password': 'hunter2'})
    changed = job(DefaultArguments={'--password': 'correct-horse'}, Connections={'Connections': ['vpc']})
    stubs['glue'].add_response('get_job', {'Job': read}, {'JobName': 'load'})
    stubs['glue'].add_response('get_job', {'Job': changed}, {'JobName': 'load'})
    with pytest.raises(RuntimeError) as raised:
        logging_doc.handler(events(JobName='load'), {})
    assert '(Connections, DefaultArguments)' in str(raised.value)
    assert 'hunter2' not in str(raised.value) and 'correct-horse' not in str(raised.value)


def test_attach_refuses_to_write_over_a_job_changed_since_it_was_read(stubs):
    stubs['glue'].add_response('get_security_configuration', configuration(), {'Name': 'secure'})
    stubs['glue'].add_response('get_job', {'Job': job(SecurityConfiguration='old')}, {'JobName': 'load'})
    stubs['glue'].add_response('get_job', {'Job': job(SecurityConfiguration='other')}, {'JobName': 'load'})
    with pytest.raises(RuntimeError, match=r'^CONFLICT: .*\(SecurityConfiguration\); nothing was written'):
        attach_job.handler(events(JobName='load', SecurityConfigurationName='secure'), {})


def test_a_change_only_to_fields_update_job_cannot_send_is_no_conflict(stubs):
    read = job(DefaultArguments={}, LastModifiedOn='2026-01-01T00:00:00Z')
    again = job(DefaultArguments={}, LastModifiedOn='2026-02-01T00:00:00Z')
    stubs['glue'].add_response('get_job', {'Job': read}, {'JobName': 'load'})
    stubs['glue'].add_response('get_job', {'Job': again}, {'JobName': 'load'})
    stubs['glue'].add_response('update_job', {'JobName': 'load'}, {'JobName': 'load', 'JobUpdate': ANY})
    assert logging_doc.handler(events(JobName='load'), {})['Outcome'] == 'REMEDIATED'


def remediated(stubs, current):
    """Runs the logging handler on an unchanging job; returns its result (with the Written digest)."""
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})
    stubs['glue'].add_response('update_job', {'JobName': 'load'}, {'JobName': 'load', 'JobUpdate': ANY})
    return logging_doc.handler(events(JobName='load'), {})


def test_verify_passes_when_the_job_holds_what_was_written(stubs):
    result = remediated(stubs, job(DefaultArguments={'--job-language': 'python'}))
    assert len(result['Written']) == 64
    written = job(DefaultArguments={'--job-language': 'python', '--enable-continuous-cloudwatch-log': 'true'})
    stubs['glue'].add_response('get_job', {'Job': written}, {'JobName': 'load'})
    assert logging_doc.verify(events(JobName='load', Written=result['Written']), {}) == {'Verified': True}


def test_verify_reports_a_conflict_when_the_job_changed_after_the_write(stubs):
    result = remediated(stubs, job(DefaultArguments={'--job-language': 'python'}))
    overwritten = job(
        DefaultArguments={'--job-language': 'python', '--enable-continuous-cloudwatch-log': 'true'}, MaxRetries=3
    )
    stubs['glue'].add_response('get_job', {'Job': overwritten}, {'JobName': 'load'})
    with pytest.raises(RuntimeError, match='^CONFLICT: job load changed after this run wrote it'):
        logging_doc.verify(events(JobName='load', Written=result['Written']), {})


def test_attach_verify_reports_a_conflict_and_checks_the_configuration(stubs):
    changed = job(SecurityConfiguration='secure', MaxRetries=1)
    stubs['glue'].add_response('get_job', {'Job': changed}, {'JobName': 'load'})
    written = job_digest(job(SecurityConfiguration='secure'))
    with pytest.raises(RuntimeError, match='^CONFLICT'):
        attach_job.verify(events(JobName='load', SecurityConfigurationName='secure', Written=written), {})
    stubs['glue'].add_response('get_job', {'Job': job(SecurityConfiguration='old')}, {'JobName': 'load'})
    with pytest.raises(AssertionError, match='does not use security configuration secure'):
        attach_job.verify(events(JobName='load', SecurityConfigurationName='secure', Written=written), {})


# Pinned for mutation testing (issue 11): the literal values a wrong decision or a wrong message would change.


def test_the_argument_documents_state_account_resource_document_and_message(stubs):
    current = job(Connections={'Connections': ['vpc']}, DefaultArguments={'--disable-proxy-v2': 'TRUE'})
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})
    result = proxy_doc.handler(events(JobName='load'), {})
    assert result['Written'] == ''
    assert body(result) == {
        'document': 'SetGlueJobDisableProxy',
        'executionId': 'exec-1',
        'accountId': '123456789012',
        'region': 'us-east-1',
        'resource': 'load',
        'changes': [],
        'outcome': 'NO_CHANGE',
        'message': 'Job load already has --disable-proxy-v2=true',
    }
    current = job(DefaultArguments={'--enable-continuous-cloudwatch-log': 'false'})
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})
    stubs['glue'].add_response('get_job', {'Job': current}, {'JobName': 'load'})
    stubs['glue'].add_response('update_job', {'JobName': 'load'}, {'JobName': 'load', 'JobUpdate': ANY})
    result = logging_doc.handler(events(JobName='load'), {})
    assert body(result) == {
        'document': 'EnableGlueJobContinuousLogging',
        'executionId': 'exec-1',
        'accountId': '123456789012',
        'region': 'us-east-1',
        'resource': 'load',
        'changes': [
            {'field': 'DefaultArguments.--enable-continuous-cloudwatch-log', 'before': 'false', 'after': 'true'}
        ],
        'outcome': 'REMEDIATED',
        'message': 'Job load: --enable-continuous-cloudwatch-log set to true',
    }
