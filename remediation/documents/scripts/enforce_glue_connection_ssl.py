# iam: glue:GetConnection, glue:GetConnections, glue:UpdateConnection, kms:Decrypt
# iam-indirect: kms:Encrypt
# (UpdateConnection: Glue encrypts the password with the catalog key, API_ConnectionPasswordEncryption)
"""Sets JDBC_ENFORCE_SSL=true on JDBC connections without losing any other part of them.

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

# Inlined before this file by the document: lib/parameters.py (_name_list), lib/result.py (_remediation_result).

DOCUMENT = 'EnforceGlueConnectionSsl'
SSL = 'JDBC_ENFORCE_SSL'
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


def _is_jdbc(connection):
    if connection.get('ConnectionType'):
        return connection['ConnectionType'] == 'JDBC'
    return 'JDBC_CONNECTION_URL' in (connection.get('ConnectionProperties') or {})


def _enforces_ssl(connection):
    value = (connection.get('ConnectionProperties') or {}).get(SSL)
    return str(value).strip().lower() == 'true'


def _connection_input(connection, password=None):
    """The ConnectionInput that redefines this connection as it is, plus JDBC_ENFORCE_SSL=true."""
    update = {'Name': connection['Name']}
    for field in COPIED_FIELDS:
        if connection.get(field) is not None:
            update[field] = connection[field]
    update.setdefault('ConnectionType', 'JDBC')
    properties = dict(connection.get('ConnectionProperties') or {})
    if password is not None:
        properties['PASSWORD'] = password
    if properties.get('PASSWORD') is not None:
        # Glue encrypts PASSWORD again on write when password encryption is on; sending the old
        # ciphertext as well would keep a stale copy.
        properties.pop('ENCRYPTED_PASSWORD', None)
    properties[SSL] = 'true'
    update['ConnectionProperties'] = properties
    auth = connection.get('AuthenticationConfiguration') or {}
    auth_input = {field: auth[field] for field in AUTH_FIELDS if auth.get(field) is not None}
    if auth_input:
        update['AuthenticationConfiguration'] = auth_input
    return update


def _targets(glue, catalog_id, names):
    """(JDBC connections to check, names of non-JDBC connections skipped), read without passwords."""
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
    jdbc = [c for c in found if _is_jdbc(c)]
    skipped = sorted(c['Name'] for c in found if not _is_jdbc(c))
    return jdbc, skipped


def _enforce(glue, catalog_id, name):
    """Reads one connection with its password and writes it back with SSL enforced."""
    try:
        connection = glue.get_connection(CatalogId=catalog_id, Name=name, HidePassword=False)['Connection']
        properties = connection.get('ConnectionProperties') or {}
        password = None
        if properties.get('PASSWORD') is None and properties.get('ENCRYPTED_PASSWORD'):
            blob = base64.b64decode(properties['ENCRYPTED_PASSWORD'], validate=True)
            password = boto3.client('kms').decrypt(CiphertextBlob=blob)['Plaintext'].decode('utf-8')
        update = _connection_input(connection, password)
        glue.update_connection(CatalogId=catalog_id, Name=name, ConnectionInput=update)
        return properties.get(SSL)
    except ClientError as error:
        code = error.response.get('Error', {}).get('Code', 'Unknown')
        raise ConnectionUpdateError(f'Updating connection {name} failed with {code}') from None
    except (BotoCoreError, KeyError, TypeError, ValueError) as error:
        raise ConnectionUpdateError(f'Updating connection {name} failed ({type(error).__name__})') from None


def _result(events, outcome, changes, message):
    account, resource = events.get('AccountId'), events['CatalogId']
    return _remediation_result(events, outcome, changes, message, DOCUMENT, account, resource)


def handler(events, context):
    glue = boto3.client('glue')
    catalog_id = events['CatalogId']
    jdbc, skipped = _targets(glue, catalog_id, _name_list(events.get('ConnectionNames')))
    changes = []
    for connection in sorted(jdbc, key=lambda c: c['Name']):
        if _enforces_ssl(connection):
            continue
        before = _enforce(glue, catalog_id, connection['Name'])
        changes.append(
            {'field': f"connection/{connection['Name']}.ConnectionProperties.{SSL}", 'before': before, 'after': 'true'}
        )
    note = f'; not JDBC, left alone: {", ".join(skipped)}' if skipped else ''
    if not changes:
        return _result(events, 'NO_CHANGE', [], f'All {len(jdbc)} JDBC connections already enforce SSL{note}')
    names = ', '.join(change['field'].split('/', 1)[1].split('.', 1)[0] for change in changes)
    return _result(events, 'REMEDIATED', changes, f'{SSL}=true set on {names}{note}')


def verify(events, context):
    """Every targeted JDBC connection (all of them when none was named) enforces SSL."""
    jdbc, _ = _targets(boto3.client('glue'), events['CatalogId'], _name_list(events.get('ConnectionNames')))
    failing = sorted(c['Name'] for c in jdbc if not _enforces_ssl(c))
    if failing:
        raise AssertionError(f'JDBC connections still without {SSL}=true: {", ".join(failing)}')
    return {'Verified': True, 'Checked': len(jdbc)}
