# iam: glue:GetConnection, glue:GetConnections, glue:UpdateConnection, kms:Decrypt
# iam-indirect: kms:Encrypt
# (UpdateConnection: Glue encrypts the password with the catalog key, API_ConnectionPasswordEncryption)
"""Makes every database connection the SSL rule flags require SSL, without losing any other part of it.

Which connections and which property: JDBC_ENFORCE_SSL=true on JDBC connections and on typed
database connections (MYSQL, ORACLE, ...) that carry JDBC_CONNECTION_URL; ENFORCE_SSL=true on typed
connections defined by HOST/PORT/DATABASE. The sets below mirror functions/rules/lib/connections.ts
(which cites the sources) so that this script fixes exactly what glue-connection-ssl-enforced flags:
change both together; the handler test compares them on a connection of every type.

UpdateConnection replaces the whole definition, so each connection is read with its password
(HidePassword=False) and every field is written back. The password stays inside this module:
nothing returned, printed or raised contains a connection property value.

With connection password encryption on and ReturnConnectionPasswordEncrypted true, Glue returns
only ENCRYPTED_PASSWORD. It is decrypted with KMS and sent back as PASSWORD, which Glue encrypts
again on write, as the console does; if it cannot be decrypted the connection is left unchanged.
"""

import base64

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from lib.parameters import name_list
from lib.result import failed_resources, overall_outcome, remediation_result

DOCUMENT = 'EnforceGlueConnectionSsl'
JDBC_SSL = 'JDBC_ENFORCE_SSL'
TYPED_SSL = 'ENFORCE_SSL'
# Same sets as functions/rules/lib/connections.ts (TLS_OPTIONAL_TYPES, DATABASE_CONNECTION_TYPES).
TLS_OPTIONAL_TYPES = frozenset(
    {
        'CLOUDERAHIVE',
        'CLOUDERAIMPALA',
        'DB2',
        'DB2AS400',
        'DOCUMENTDB',
        'MYSQL',
        'ORACLE',
        'POSTGRESQL',
        'REDSHIFT',
        'SAPHANA',
        'SQLSERVER',
        'TERADATA',
        'TERADATANOS',
        'VERTICA',
    }
)
DATABASE_CONNECTION_TYPES = TLS_OPTIONAL_TYPES | {'JDBC', 'AZURESQL', 'MONGODB', 'SNOWFLAKE', 'SYNAPSE'}
# ConnectionInput members that GetConnection returns under the same name and shape.
COPIED_FIELDS = (
    'Description',
    'ConnectionType',
    'MatchCriteria',
    'ConnectionProperties',
    'SparkProperties',
    'AthenaProperties',
    'PythonProperties',
    'PhysicalConnectionRequirements',
)
# AuthenticationConfiguration (output) members that AuthenticationConfigurationInput accepts.
AUTH_FIELDS = ('AuthenticationType', 'SecretArn', 'KmsKeyArn', 'OAuth2Properties')


class ConnectionUpdateError(Exception):
    """Raised instead of the SDK error, whose text may echo the request (and so the password)."""


def _properties(connection):
    return connection.get('ConnectionProperties') or {}


def _type_of(connection):
    """The type in upper case; an untyped definition with a JDBC URL is JDBC (lib/connections.ts typeOf)."""
    if connection.get('ConnectionType'):
        return str(connection['ConnectionType']).upper()
    return 'JDBC' if 'JDBC_CONNECTION_URL' in _properties(connection) else None


def _uses_jdbc_ssl(connection):
    kind = _type_of(connection)
    has_url = str(_properties(connection).get('JDBC_CONNECTION_URL') or '').strip() != ''
    return kind == 'JDBC' or (kind in DATABASE_CONNECTION_TYPES and has_url)


def _ssl_property(connection):
    """The property that makes this connection require SSL, or None (lib/connections.ts sslProperty)."""
    if _uses_jdbc_ssl(connection):
        return JDBC_SSL
    return TYPED_SSL if _type_of(connection) in TLS_OPTIONAL_TYPES else None


def _enforces_ssl(connection):
    prop = _ssl_property(connection)
    value = _properties(connection).get(prop) if prop else None
    return value is not None and str(value).strip().lower() == 'true'


def _connection_input(connection, prop, password=None):
    """The ConnectionInput that redefines this connection as it is, plus prop=true."""
    update = {'Name': connection['Name']}
    for field in COPIED_FIELDS:
        if connection.get(field) is not None:
            update[field] = connection[field]
    update.setdefault('ConnectionType', 'JDBC')
    properties = dict(_properties(connection))
    if password is not None:
        properties['PASSWORD'] = password
    if properties.get('PASSWORD') is not None:
        # Glue encrypts PASSWORD again on write when password encryption is on; sending the old
        # ciphertext as well would keep a stale copy.
        properties.pop('ENCRYPTED_PASSWORD', None)
    properties[prop] = 'true'
    update['ConnectionProperties'] = properties
    auth = connection.get('AuthenticationConfiguration') or {}
    auth_input = {field: auth[field] for field in AUTH_FIELDS if auth.get(field) is not None}
    if auth_input:
        update['AuthenticationConfiguration'] = auth_input
    return update


def _targets(glue, catalog_id, names):
    """(connections whose SSL is judged, names of the others skipped), read without passwords."""
    if names:
        found = []
        for name in names:
            try:
                found.append(glue.get_connection(CatalogId=catalog_id, Name=name, HidePassword=True)['Connection'])
            except ClientError as error:
                if error.response['Error']['Code'] == 'EntityNotFoundException':
                    raise ValueError(f'Connection {name} does not exist in catalog {catalog_id}') from None
                raise
    else:
        found = []
        for page in glue.get_paginator('get_connections').paginate(CatalogId=catalog_id, HidePassword=True):
            found.extend(page['ConnectionList'])
    judged = [c for c in found if _ssl_property(c) is not None]
    skipped = sorted(c['Name'] for c in found if _ssl_property(c) is None)
    return judged, skipped


def _enforce(glue, catalog_id, name, prop):
    """Reads one connection with its password and writes it back with prop=true."""
    try:
        connection = glue.get_connection(CatalogId=catalog_id, Name=name, HidePassword=False)['Connection']
        properties = _properties(connection)
        password = None
        if properties.get('PASSWORD') is None and properties.get('ENCRYPTED_PASSWORD'):
            blob = base64.b64decode(properties['ENCRYPTED_PASSWORD'], validate=True)
            password = boto3.client('kms').decrypt(CiphertextBlob=blob)['Plaintext'].decode('utf-8')
        update = _connection_input(connection, prop, password)
        glue.update_connection(CatalogId=catalog_id, Name=name, ConnectionInput=update)
        return properties.get(prop)
    except ClientError as error:
        code = error.response.get('Error', {}).get('Code', 'Unknown')
        raise ConnectionUpdateError(f'Updating connection {name} failed with {code}') from None
    except (BotoCoreError, KeyError, TypeError, ValueError) as error:
        raise ConnectionUpdateError(f'Updating connection {name} failed ({type(error).__name__})') from None


def _result(events, outcome, changes, message, failures):
    account, resource = events.get('AccountId'), events['CatalogId']
    return remediation_result(events, outcome, changes, message, DOCUMENT, account, resource, failures)


def handler(events, context):
    """Fixes each connection on its own: one that cannot be written is reported and the others still fixed."""
    glue = boto3.client('glue')
    catalog_id = events['CatalogId']
    judged, skipped = _targets(glue, catalog_id, name_list(events.get('ConnectionNames')))
    changes, fixed, failures = [], [], []
    for connection in sorted(judged, key=lambda c: c['Name']):
        if _enforces_ssl(connection):
            continue
        name, prop = connection['Name'], _ssl_property(connection)
        try:
            before = _enforce(glue, catalog_id, name, prop)
        except ConnectionUpdateError as error:
            # The message names the connection and the error code only (see _enforce).
            failures.append({'resource': name, 'error': str(error)})
            continue
        changes.append({'field': f'connection/{name}.ConnectionProperties.{prop}', 'before': before, 'after': 'true'})
        fixed.append(f'{name} ({prop})')
    note = f'; no SSL property judged, left alone: {", ".join(skipped)}' if skipped else ''
    outcome = overall_outcome(changes, failures)
    failed = f'; could not update: {", ".join(f["resource"] for f in failures)}' if failures else ''
    if outcome == 'NO_CHANGE':
        message = f'All {len(judged)} database connections already enforce SSL{note}'
    else:
        message = f'SSL enforced on {", ".join(fixed) or "no connection"}{failed}{note}'
    return _result(events, outcome, changes, message, failures)


def verify(events, context):
    """Every targeted database connection (all of them when none was named) enforces SSL, except those
    the Remediate step reported it could not update (published as failures, and the run then fails)."""
    judged, _ = _targets(boto3.client('glue'), events['CatalogId'], name_list(events.get('ConnectionNames')))
    failed = failed_resources(events)
    judged = [c for c in judged if c['Name'] not in failed]
    failing = sorted(f'{c["Name"]} ({_ssl_property(c)})' for c in judged if not _enforces_ssl(c))
    if failing:
        raise AssertionError(f'Database connections still without SSL enforced: {", ".join(failing)}')
    return {'Verified': True, 'Checked': len(judged)}
