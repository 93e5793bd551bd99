"""The remediate and verify handlers of a document that sets one job argument to "true".

UpdateJob overwrites the whole job definition, so the job is read first and written back whole
with the argument merged in (lib/job_arguments.py decides where). Shared by
EnableGlueJobContinuousLogging and SetGlueJobDisableProxy: imported as
`from lib.job_argument_document import set_argument, verify_argument`, inlined by the build.
"""

import boto3

from lib.glue_job_update import get_job, job_update, update_unless_changed, verify_written
from lib.job_arguments import effective_argument, is_true, set_argument_true
from lib.result import remediation_result


def set_argument(events, document, argument, already, refuse=None):
    """Sets `argument` to "true" on the job `events['JobName']`; NO_CHANGE when it already wins as true.

    `already` completes the NO_CHANGE message `Job <name> <already>`; `refuse(job)`, when
    given, returns why the job must not be changed (the handler then fails), or None.
    """
    glue = boto3.client('glue')
    name, account = events['JobName'], events.get('AccountId')
    job = get_job(glue, name)
    reason = refuse(job) if refuse else None
    if reason:
        raise ValueError(reason)
    if is_true(effective_argument(job, argument)):
        result = remediation_result(events, 'NO_CHANGE', [], f'Job {name} {already}', document, account, name)
        return {**result, 'Written': ''}
    update = job_update(job)
    changes = set_argument_true(job, update, argument)
    written = update_unless_changed(glue, name, job, update)
    message = f'Job {name}: {argument} set to true'
    result = remediation_result(events, 'REMEDIATED', changes, message, document, account, name)
    return {**result, 'Written': written}


def verify_argument(events, argument):
    """Reads the job again and fails unless `argument` is effectively "true" and the job still holds
    what the Remediate step wrote (`events['Written']`, its digest; empty when nothing was written)."""
    job = get_job(boto3.client('glue'), events['JobName'])
    if not is_true(effective_argument(job, argument)):
        raise AssertionError(f'Job {events["JobName"]} does not have {argument}=true')
    verify_written(job, events.get('Written'))
    return {'Verified': True}
