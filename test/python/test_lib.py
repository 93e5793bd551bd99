"""The shared lib modules: outcomes, parameters, job arguments and the JobUpdate built from GetJob."""

import json

import pytest
from botocore.exceptions import ClientError

from lib.glue_job_update import JobConflictError, get_job, job_digest, job_update, verify_written
from lib.job_arguments import effective_argument, is_true, set_argument_true
from lib.parameters import flag, name_list
from lib.result import failed_resources, overall_outcome, remediation_result


def test_overall_outcome_partial_only_when_some_changed_and_some_failed():
    assert overall_outcome([], []) == 'NO_CHANGE'
    assert overall_outcome([{'field': 'x'}], []) == 'REMEDIATED'
    assert overall_outcome([{'field': 'x'}], [{'resource': 'b'}]) == 'PARTIAL'
    assert overall_outcome([], [{'resource': 'b'}]) == 'FAILED'


def test_remediation_result_carries_failures_only_when_given():
    events = {'ExecutionId': 'e', 'Region': 'us-east-1'}
    plain = remediation_result(events, 'NO_CHANGE', [], 'ok', 'Doc', '1', 'r')
    assert 'Failures' not in plain
    assert 'failures' not in json.loads(plain['Result'])
    multi = remediation_result(events, 'PARTIAL', [], 'ok', 'Doc', '1', 'r', [{'resource': 'b', 'error': 'x'}])
    assert json.loads(multi['Failures']) == [{'resource': 'b', 'error': 'x'}]
    assert json.loads(multi['Result'])['failures'] == [{'resource': 'b', 'error': 'x'}]


def test_failed_resources_reads_the_json_list_or_nothing():
    assert failed_resources({}) == set()
    assert failed_resources({'Failures': json.dumps([{'resource': 'a'}, {'resource': 'b'}])}) == {'a', 'b'}


def test_flag_and_name_list_accept_what_aws_config_passes():
    assert flag(True) and flag(' TRUE ') and not flag('false') and not flag(None)
    assert name_list('b, a,,a') == ['a', 'b']
    assert name_list(['x', '', 'x']) == ['x']
    assert name_list(None) == []


def test_effective_argument_prefers_non_overridable():
    job = {'DefaultArguments': {'--a': 'true'}, 'NonOverridableArguments': {'--a': 'false'}}
    assert effective_argument(job, '--a') == 'false'
    assert not is_true(effective_argument(job, '--a'))
    assert is_true(' True ')


def test_set_argument_true_changes_a_blocking_non_overridable_value_and_keeps_the_rest():
    job = {
        'DefaultArguments': {'--a': 'TRUE', '--keep': '1'},
        'NonOverridableArguments': {'--a': 'false', '--other': 'x'},
    }
    update = {}
    changes = set_argument_true(job, update, '--a')
    assert 'DefaultArguments' not in update  # already true there
    assert update['NonOverridableArguments'] == {'--a': 'true', '--other': 'x'}
    assert changes == [{'field': 'NonOverridableArguments.--a', 'before': 'false', 'after': 'true'}]


def test_job_update_drops_capacity_glue_rejects_next_to_workers():
    job = {
        'Name': 'j',
        'Role': 'r',
        'WorkerType': 'G.1X',
        'NumberOfWorkers': 2,
        'MaxCapacity': 2.0,
        'AllocatedCapacity': 2,
        'CreatedOn': 'x',
        'Timeout': None,
    }
    assert job_update(job) == {'Role': 'r', 'WorkerType': 'G.1X', 'NumberOfWorkers': 2}
    assert job_update({'Role': 'r', 'MaxCapacity': 1.0, 'AllocatedCapacity': 1}) == {'Role': 'r', 'MaxCapacity': 1.0}


def test_verify_written_passes_without_a_digest_or_on_the_same_job_and_names_the_job_otherwise():
    job = {'Name': 'load', 'Role': 'r', 'Command': {'Name': 'glueetl'}}
    verify_written(job, '')
    verify_written(job, None)
    verify_written(job, job_digest(job))
    with pytest.raises(JobConflictError) as raised:
        verify_written({**job, 'MaxRetries': 1}, job_digest(job))
    assert str(raised.value) == (
        'CONFLICT: job load changed after this run wrote it: someone else changed it while it was being '
        'remediated, and one of the two writes is lost; check the job'
    )


# Pinned for mutation testing (issue 11): the literal values a wrong decision or a wrong message would change.


def test_flag_is_false_for_the_boolean_false():
    assert not flag(False)
    assert flag(True)


def test_set_argument_true_records_a_default_change_and_leaves_a_true_non_overridable_value():
    job = {'DefaultArguments': {'--keep': '1'}, 'NonOverridableArguments': {'--a': ' TRUE'}}
    update = {}
    assert set_argument_true(job, update, '--a') == [{'field': 'DefaultArguments.--a', 'before': None, 'after': 'true'}]
    assert update == {'DefaultArguments': {'--keep': '1', '--a': 'true'}}


@pytest.mark.parametrize(
    ('job', 'expected'),
    [
        # Either worker field alone means a worker-sized job: Glue rejects MaxCapacity next to it.
        (
            {'Role': 'r', 'WorkerType': 'G.1X', 'MaxCapacity': 2.0, 'AllocatedCapacity': 2},
            {'Role': 'r', 'WorkerType': 'G.1X'},
        ),
        ({'Role': 'r', 'NumberOfWorkers': 2, 'MaxCapacity': 2.0}, {'Role': 'r', 'NumberOfWorkers': 2}),
        # Capacity fields absent: nothing to drop, and no error.
        (
            {'Role': 'r', 'WorkerType': 'G.1X', 'NumberOfWorkers': 2},
            {'Role': 'r', 'WorkerType': 'G.1X', 'NumberOfWorkers': 2},
        ),
        ({'Role': 'r', 'WorkerType': 'G.1X', 'MaxCapacity': 2.0}, {'Role': 'r', 'WorkerType': 'G.1X'}),
        ({'Role': 'r', 'MaxCapacity': 0.0625}, {'Role': 'r', 'MaxCapacity': 0.0625}),
        ({'Role': 'r', 'AllocatedCapacity': 10}, {'Role': 'r', 'AllocatedCapacity': 10}),
    ],
)
def test_job_update_capacity_fields(job, expected):
    assert job_update(job) == expected


def test_job_digest_does_not_depend_on_field_or_key_order():
    one = {'Role': 'r', 'DefaultArguments': {'--a': '1', '--b': '2'}, 'Timeout': 60}
    other = {'Timeout': 60, 'DefaultArguments': {'--b': '2', '--a': '1'}, 'Role': 'r'}
    assert job_digest(one) == job_digest(other)
    assert job_digest(one) != job_digest({**one, 'Timeout': 61})


def test_get_job_names_a_missing_job_and_raises_other_errors_as_they_are(stubs):
    glue = stubs['glue']
    client = stubs.client('glue')
    glue.add_client_error('get_job', 'EntityNotFoundException', 'not found', expected_params={'JobName': 'gone'})
    with pytest.raises(ValueError) as raised:
        get_job(client, 'gone')
    assert str(raised.value) == 'Glue job gone does not exist'
    glue.add_client_error('get_job', 'AccessDeniedException', 'denied', expected_params={'JobName': 'load'})
    with pytest.raises(ClientError) as denied:
        get_job(client, 'load')
    assert denied.value.response['Error']['Code'] == 'AccessDeniedException'
