# iam: glue:UpdateJob
# iam-indirect: iam:PassRole
# (UpdateJob passes the job's role to Glue)
"""Turns on continuous CloudWatch logging for a Glue job, keeping every other job field.

UpdateJob overwrites the whole job definition, so the job is read first and written back whole,
with `--enable-continuous-cloudwatch-log` merged into its DefaultArguments.
"""

import boto3

# Inlined before this file by the document:
# lib/result.py (_remediation_result), lib/glue_job_update.py (_get_job, _job_update).

DOCUMENT = 'EnableGlueJobContinuousLogging'
ARGUMENT = '--enable-continuous-cloudwatch-log'


def _result(events, outcome, changes, message):
    account, resource = events.get('AccountId'), events['JobName']
    return _remediation_result(events, outcome, changes, message, DOCUMENT, account, resource)


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
