# iam: glue:GetJob
"""Reading a Glue job and writing it back whole (UpdateJob overwrites the whole job definition).

Shared by the job documents: imported as `from lib.<module> import <name>`, inlined by the build.
"""

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
