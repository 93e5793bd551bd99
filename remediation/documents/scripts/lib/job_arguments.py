"""Job arguments as a Glue job run receives them, and setting one to "true" so that it wins.

A run gets NonOverridableArguments over DefaultArguments, so the effective value is the
non-overridable one when set; Glue reads boolean arguments case-insensitively. These are the same
semantics as the rules' `effectiveArgument` (functions/rules/lib/glue-job.ts), so a document
reports NO_CHANGE exactly when its rule reports the job compliant.

Shared by several documents: imported as `from lib.<module> import <name>`, inlined by the build.
"""


def is_true(value):
    return value is not None and value.strip().lower() == 'true'


def effective_argument(job, argument):
    value = (job.get('NonOverridableArguments') or {}).get(argument)
    if value is None:
        value = (job.get('DefaultArguments') or {}).get(argument)
    return value


def set_argument_true(job, update, argument):
    """Merges `argument: "true"` into the JobUpdate and returns the changes made.

    DefaultArguments gets the value unless it already says true; NonOverridableArguments is
    changed only when it holds another value, since that would win over the default.
    """
    changes = []
    before = (job.get('DefaultArguments') or {}).get(argument)
    if not is_true(before):
        update['DefaultArguments'] = {**(job.get('DefaultArguments') or {}), argument: 'true'}
        changes.append({'field': f'DefaultArguments.{argument}', 'before': before, 'after': 'true'})
    blocking = (job.get('NonOverridableArguments') or {}).get(argument)
    if blocking is not None and not is_true(blocking):
        update['NonOverridableArguments'] = {**job['NonOverridableArguments'], argument: 'true'}
        changes.append({'field': f'NonOverridableArguments.{argument}', 'before': blocking, 'after': 'true'})
    return changes
