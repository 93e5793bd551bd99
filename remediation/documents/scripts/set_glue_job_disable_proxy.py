# iam: glue:UpdateJob
# iam-indirect: iam:PassRole
# (UpdateJob passes the job's role to Glue)
"""Sets the `--disable-proxy-v2` job parameter on a Glue job that uses connections.

With `--disable-proxy-v2 true`, a job in a VPC sends its calls to S3, CloudWatch and Glue through
the VPC (its NAT or endpoints) rather than the Glue service proxy, which Glue keeps only to publish the
job's CloudWatch logs (AWS Glue developer guide, "Configuring AWS calls to go through your VPC").
The deprecated `--disable-proxy` routes only S3 script and library downloads and is left as it is.
UpdateJob overwrites the whole job definition, so the job is read first and written back whole
with the argument merged in.
"""

import boto3

# Inlined before this file by the document:
# lib/result.py (_remediation_result), lib/glue_job_update.py (_get_job, _job_update).

DOCUMENT = 'SetGlueJobDisableProxy'
ARGUMENT = '--disable-proxy-v2'


def _result(events, outcome, changes, message):
    account, resource = events.get('AccountId'), events['JobName']
    return _remediation_result(events, outcome, changes, message, DOCUMENT, account, resource)


def _connections(job):
    return (job.get('Connections') or {}).get('Connections') or []


def _is_true(value):
    """Glue reads the argument case-insensitively."""
    return value is not None and value.strip().lower() == 'true'


def _blocked(job):
    """A non-overridable argument wins over the default one, so it must not say otherwise."""
    value = (job.get('NonOverridableArguments') or {}).get(ARGUMENT)
    return value is not None and not _is_true(value)


def _disabled(job):
    """The value a run receives: the non-overridable argument when set, else the default one."""
    value = (job.get('NonOverridableArguments') or {}).get(ARGUMENT)
    if value is None:
        value = (job.get('DefaultArguments') or {}).get(ARGUMENT)
    return _is_true(value)


def handler(events, context):
    glue = boto3.client('glue')
    name = events['JobName']
    job = _get_job(glue, name)
    if not _connections(job):
        raise ValueError(f'Job {name} has no connections: {ARGUMENT} only applies to jobs that run in a VPC')
    if _disabled(job):
        return _result(events, 'NO_CHANGE', [], f'Job {name} already has {ARGUMENT}=true')
    update = _job_update(job)
    changes = []
    before = (job.get('DefaultArguments') or {}).get(ARGUMENT)
    if not _is_true(before):
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
    if not _disabled(job):
        raise AssertionError(f"Job {events['JobName']} does not have {ARGUMENT}=true")
    return {'Verified': True}
