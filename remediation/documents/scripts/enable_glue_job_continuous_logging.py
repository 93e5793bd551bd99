# iam: glue:UpdateJob
# iam-indirect: iam:PassRole
# (UpdateJob passes the job's role to Glue)
"""Turns on continuous CloudWatch logging for a Glue job, keeping every other job field.

UpdateJob overwrites the whole job definition, so the job is read first and written back whole,
with `--enable-continuous-cloudwatch-log` merged into its DefaultArguments.
"""

import boto3

# Inlined before this file by the document:
# lib/result.py (_remediation_result), lib/glue_job_update.py (_get_job, _job_update),
# lib/job_arguments.py (_is_true, _effective_argument, _set_argument_true).

DOCUMENT = 'EnableGlueJobContinuousLogging'
ARGUMENT = '--enable-continuous-cloudwatch-log'


def _result(events, outcome, changes, message):
    account, resource = events.get('AccountId'), events['JobName']
    return _remediation_result(events, outcome, changes, message, DOCUMENT, account, resource)


def handler(events, context):
    glue = boto3.client('glue')
    name = events['JobName']
    job = _get_job(glue, name)
    if _is_true(_effective_argument(job, ARGUMENT)):
        return _result(events, 'NO_CHANGE', [], f'Job {name} already logs continuously to CloudWatch')
    update = _job_update(job)
    changes = _set_argument_true(job, update, ARGUMENT)
    glue.update_job(JobName=name, JobUpdate=update)
    return _result(events, 'REMEDIATED', changes, f'Job {name}: {ARGUMENT} set to true')


def verify(events, context):
    job = _get_job(boto3.client('glue'), events['JobName'])
    if not _is_true(_effective_argument(job, ARGUMENT)):
        raise AssertionError(f"Job {events['JobName']} does not have {ARGUMENT}=true")
    return {'Verified': True}
