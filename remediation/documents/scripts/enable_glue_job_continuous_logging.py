"""Turns on continuous CloudWatch logging for a Glue job, keeping every other job field.

UpdateJob overwrites the whole job definition, so the job is read first and written back whole,
with `--enable-continuous-cloudwatch-log` merged into its DefaultArguments
(lib/job_argument_document.py, shared with SetGlueJobDisableProxy).
"""

from lib.job_argument_document import set_argument, verify_argument

DOCUMENT = 'EnableGlueJobContinuousLogging'
ARGUMENT = '--enable-continuous-cloudwatch-log'


def handler(events, context):
    return set_argument(events, DOCUMENT, ARGUMENT, 'already logs continuously to CloudWatch')


def verify(events, context):
    return verify_argument(events, ARGUMENT)
