"""Sets the `--disable-proxy-v2` job parameter on a Glue job that uses connections.

With `--disable-proxy-v2 true`, a job in a VPC sends its calls to S3, CloudWatch and Glue through
the VPC (its NAT or endpoints) rather than the Glue service proxy, which Glue keeps only to publish the
job's CloudWatch logs (AWS Glue developer guide, "Configuring AWS calls to go through your VPC").
The deprecated `--disable-proxy` routes only S3 script and library downloads and is left as it is.
UpdateJob overwrites the whole job definition, so the job is read first and written back whole
with the argument merged in (lib/job_argument_document.py, shared with EnableGlueJobContinuousLogging).
"""

from lib.job_argument_document import set_argument, verify_argument

DOCUMENT = 'SetGlueJobDisableProxy'
ARGUMENT = '--disable-proxy-v2'


def _without_connections(job):
    """Why the argument must not be set on this job (it has no effect outside a VPC), or None."""
    if (job.get('Connections') or {}).get('Connections'):
        return None
    return f'Job {job["Name"]} has no connections: {ARGUMENT} only applies to jobs that run in a VPC'


def handler(events, context):
    return set_argument(events, DOCUMENT, ARGUMENT, f'already has {ARGUMENT}=true', _without_connections)


def verify(events, context):
    return verify_argument(events, ARGUMENT)
