"""HANDLER_PATCH for a job document's handler: Glue answers GetJob with every member of botocore's
`Job` shape set, and the JobUpdate the handler sends is printed for the test to compare.

The test prefixes `SIZING = 'workers'` or `SIZING = 'capacity'`. The emulator cannot show this: it
stores neither JobMode, JobRunQueuingEnabled nor MaintenanceWindow, so a member missing from the
builder's list would pass the end-to-end tests and still be reset by UpdateJob in AWS.
"""

import json

import botocore.session
from botocore.utils import ArgumentGenerator

MARKER = 'JOB_UPDATE_PROBE '
_model = botocore.session.get_session().get_service_model('glue')
_job = ArgumentGenerator(use_member_names=True).generate_skeleton(_model.shape_for('Job'))
_job = json.loads(json.dumps(_job, default=str))
# Values the handlers act on are realistic; every other member keeps its generated value.
_job.update(
    Name='load',
    Command={'Name': 'glueetl', 'ScriptLocation': 's3://scripts/load.py', 'PythonVersion': '3'},
    GlueVersion='4.0',
    Connections={'Connections': ['warehouse']},
    DefaultArguments={'--job-language': 'python'},
    NonOverridableArguments={'--enable-metrics': 'true'},
    SecurityConfiguration='old',
    Timeout=60,
    JobRunQueuingEnabled=False,
)
if SIZING == 'workers':  # noqa: F821 (set by the test)
    _job.update(WorkerType='G.1X', NumberOfWorkers=5, MaxCapacity=5.0, AllocatedCapacity=5)
else:
    _job.update(MaxCapacity=2.0, AllocatedCapacity=2)
    _job.pop('WorkerType')
    _job.pop('NumberOfWorkers')


class _Glue:
    def get_job(self, JobName):
        return {'Job': json.loads(json.dumps(_job))}

    def get_security_configuration(self, Name):
        key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
        return {
            'SecurityConfiguration': {
                'Name': Name,
                'EncryptionConfiguration': {
                    'S3Encryption': [{'S3EncryptionMode': 'SSE-KMS', 'KmsKeyArn': key}],
                    'CloudWatchEncryption': {'CloudWatchEncryptionMode': 'SSE-KMS', 'KmsKeyArn': key},
                    'JobBookmarksEncryption': {'JobBookmarksEncryptionMode': 'CSE-KMS', 'KmsKeyArn': key},
                },
            }
        }

    def update_job(self, JobName, JobUpdate):
        print(
            MARKER
            + json.dumps(
                {
                    'job': _job,
                    'update': JobUpdate,
                    'jobUpdateMembers': sorted(_model.shape_for('JobUpdate').members),
                },
                default=str,
            )
        )
        return {'JobName': JobName}


class _Boto3:
    def client(self, service, *args, **kwargs):
        assert service == 'glue', f'the probe fakes only Glue, not {service}'
        return _Glue()


module.boto3 = _Boto3()  # noqa: F821 (bound by run_handler.py)
