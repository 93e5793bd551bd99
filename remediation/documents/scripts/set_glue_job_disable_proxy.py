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
# lib/result.py (_remediation_result), lib/glue_job_update.py (_get_job, _job_update),
# lib/job_arguments.py (_is_true, _effective_argument, _set_argument_true).

DOCUMENT = 'SetGlueJobDisableProxy'
ARGUMENT = '--disable-proxy-v2'


def _result(events, outcome, changes, message):
    account, resource = events.get('AccountId'), events['JobName']
    return _remediation_result(events, outcome, changes, message, DOCUMENT, account, resource)


def _connections(job):
    return (job.get('Connections') or {}).get('Connections') or []


def handler(events, context):
    glue = boto3.client('glue')
    name = events['JobName']
    job = _get_job(glue, name)
    if not _connections(job):
        raise ValueError(f'Job {name} has no connections: {ARGUMENT} only applies to jobs that run in a VPC')
    if _is_true(_effective_argument(job, ARGUMENT)):
        return _result(events, 'NO_CHANGE', [], f'Job {name} already has {ARGUMENT}=true')
    update = _job_update(job)
    changes = _set_argument_true(job, update, ARGUMENT)
    glue.update_job(JobName=name, JobUpdate=update)
    return _result(events, 'REMEDIATED', changes, f'Job {name}: {ARGUMENT} set to true')


def verify(events, context):
    job = _get_job(boto3.client('glue'), events['JobName'])
    if not _is_true(_effective_argument(job, ARGUMENT)):
        raise AssertionError(f"Job {events['JobName']} does not have {ARGUMENT}=true")
    return {'Verified': True}
