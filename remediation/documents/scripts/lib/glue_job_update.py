# iam: glue:GetJob, glue:UpdateJob
# iam-indirect: iam:PassRole
# (UpdateJob passes the job's role to Glue)
"""Reading a Glue job and writing it back whole (UpdateJob overwrites the whole job definition).

Shared by the job documents: imported as `from lib.<module> import <name>`, inlined by the build.
"""

import hashlib
import json

from botocore.exceptions import ClientError

# JobUpdate members. The rest of what GetJob returns (Name, CreatedOn, LastModifiedOn, ProfileName,
# AutoUpgradeMetadata) cannot be sent back. glue-job-update.handler.test.ts holds this list to
# botocore's JobUpdate shape (the emulator stores too few job fields to notice a missing one).
UPDATABLE_FIELDS = (
    'JobMode',
    'JobRunQueuingEnabled',
    'Description',
    'LogUri',
    'Role',
    'ExecutionProperty',
    'Command',
    'DefaultArguments',
    'NonOverridableArguments',
    'Connections',
    'MaxRetries',
    'AllocatedCapacity',
    'Timeout',
    'MaxCapacity',
    'WorkerType',
    'NumberOfWorkers',
    'SecurityConfiguration',
    'NotificationProperty',
    'GlueVersion',
    'CodeGenConfigurationNodes',
    'ExecutionClass',
    'SourceControlDetails',
    'MaintenanceWindow',
)


def job_update(job):
    """A JobUpdate that redefines the job exactly as GetJob returned it (UpdateJob overwrites)."""
    update = {field: job[field] for field in UPDATABLE_FIELDS if job.get(field) is not None}
    if update.get('WorkerType') or update.get('NumberOfWorkers'):
        # GetJob reports the DPUs computed from the workers as MaxCapacity (and AllocatedCapacity);
        # UpdateJob rejects MaxCapacity next to a worker type.
        update.pop('MaxCapacity', None)
        update.pop('AllocatedCapacity', None)
    elif 'MaxCapacity' in update:
        # AllocatedCapacity is the deprecated mirror of MaxCapacity.
        update.pop('AllocatedCapacity', None)
    return update


def get_job(glue, name):
    try:
        return glue.get_job(JobName=name)['Job']
    except ClientError as error:
        if error.response['Error']['Code'] == 'EntityNotFoundException':
            raise ValueError(f'Glue job {name} does not exist') from None
        raise


class JobConflictError(RuntimeError):
    """Someone else changed the job while this run was remediating it (Glue has no conditional write)."""


def _changed_fields(before, after):
    """The JobUpdate fields whose values differ (names only: arguments may hold secrets)."""
    return sorted(field for field in set(before) | set(after) if before.get(field) != after.get(field))


def job_digest(job):
    """A digest of the job's updatable definition, for comparing reads without keeping their values."""
    canonical = json.dumps(job_update(job), sort_keys=True, separators=(',', ':'), default=str)
    return hashlib.sha256(canonical.encode('utf-8')).hexdigest()


def update_unless_changed(glue, name, read, update):
    """Writes `update` unless the job no longer matches `read`; returns the digest of what was written.

    Glue's UpdateJob has no condition, so the job is read again just before writing: a change made by
    someone else since `read` raises JobConflictError and nothing is written. A change that lands
    between that read and the write cannot be seen here; verify_written catches one that lands after.
    """
    current = get_job(glue, name)
    if job_digest(current) != job_digest(read):
        fields = ', '.join(_changed_fields(job_update(read), job_update(current))) or 'its definition'
        raise JobConflictError(
            f'CONFLICT: job {name} was changed by someone else while it was being remediated ({fields}); '
            'nothing was written: run the remediation again'
        )
    glue.update_job(JobName=name, JobUpdate=update)
    return job_digest(update)


def verify_written(job, written):
    """Raises JobConflictError when the job no longer holds what this run wrote (digest `written`)."""
    if written and job_digest(job) != written:
        raise JobConflictError(
            f'CONFLICT: job {job.get("Name")} changed after this run wrote it: someone else changed it '
            'while it was being remediated, and one of the two writes is lost; check the job'
        )
