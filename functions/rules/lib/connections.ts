import type { Connection } from '@aws-sdk/client-glue';

/*
 * Which Glue connections are database connections, and which property makes each require TLS.
 *
 * Sources:
 * - Glue API reference, ConnectionInput.ConnectionType (botocore 1.44.8 `glue` model): JDBC takes
 *   (USERNAME, PASSWORD) or SECRET_ID and JDBC_ENFORCE_SSL; MONGODB takes (USERNAME, PASSWORD) or
 *   SECRET_ID. The model's ConnectionType enum also lists the typed connectors AZURESQL,
 *   CLOUDERAHIVE, CLOUDERAIMPALA, DB2, DB2AS400, DOCUMENTDB, MYSQL, ORACLE, POSTGRESQL, SAPHANA,
 *   SQLSERVER, SYNAPSE, TERADATA, TERADATANOS, VERTICA (and non-database ones: SaaS apps, KAFKA,
 *   DYNAMODB, OPENSEARCH, BIGQUERY, ...).
 * - AWS Glue Developer Guide, "AWS Glue connection properties"
 *   (https://docs.aws.amazon.com/glue/latest/dg/connection-properties.html): sections for the
 *   DocumentDB, Redshift, MySQL, Oracle, PostgreSQL, SAP HANA, Snowflake, SQL Server, Teradata,
 *   Vertica and Azure SQL connection types (REDSHIFT and SNOWFLAKE are accepted by Glue although the
 *   model's enum omits them), and: "AWS Glue Studio now creates unified connections for MySQL,
 *   Oracle, PostgreSQL, Redshift and SQL Server data sources", which reach Secrets Manager and VPC
 *   resources like JDBC connections do.
 * - Typed connections defined by HOST/PORT/DATABASE carry their TLS switch as ENFORCE_SSL, not
 *   JDBC_ENFORCE_SSL: AWS's connectors read `ENFORCE_SSL` from Connection.ConnectionProperties
 *   (awslabs/aws-athena-query-federation, EnvironmentConstants and the Oracle connector, which
 *   switches to tcps when it is "true"), and a console-made POSTGRESQL connection carries it
 *   (hashicorp/terraform-provider-aws#46586). A typed connection that carries JDBC_CONNECTION_URL
 *   goes through Glue's JDBC path, which reads JDBC_ENFORCE_SSL.
 *
 * remediation/documents/scripts/enforce_glue_connection_ssl.py mirrors these sets and sslProperty:
 * change both together (the handler test compares them on a connection of every type).
 */

/** The two TLS switches a database connection can carry. */
export const SslProperty = {
  /** JDBC connections, and typed connections that carry JDBC_CONNECTION_URL. */
  JDBC: 'JDBC_ENFORCE_SSL',
  /** Typed connections defined by HOST, PORT and DATABASE. */
  TYPED: 'ENFORCE_SSL',
} as const;
export type SslProperty = (typeof SslProperty)[keyof typeof SslProperty];

/**
 * Typed connectors to database engines whose server accepts an unencrypted session unless the
 * client requires TLS: their ENFORCE_SSL (or JDBC_ENFORCE_SSL, with a JDBC URL) is judged.
 */
const TLS_OPTIONAL_TYPES: ReadonlySet<string> = new Set([
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
]);

/**
 * Database connection types: a database server reached over the network with database credentials.
 * Besides TLS_OPTIONAL_TYPES: SNOWFLAKE, AZURESQL and SYNAPSE (the services refuse unencrypted
 * sessions, so no TLS switch is judged unless a JDBC URL is carried) and MONGODB (TLS is an option
 * of its CONNECTION_URL). Not here: connectors authenticated by IAM or a cloud key only (DYNAMODB,
 * TIMESTREAM, OPENSEARCH, BIGQUERY, AZURECOSMOS), streams (KAFKA), SaaS apps, MARKETPLACE and CUSTOM.
 */
export const DATABASE_CONNECTION_TYPES: ReadonlySet<string> = new Set([
  'JDBC',
  ...TLS_OPTIONAL_TYPES,
  'AZURESQL',
  'MONGODB',
  'SNOWFLAKE',
  'SYNAPSE',
]);

/** The connection's type in upper case; an untyped definition with a JDBC URL is JDBC, as it used to be. */
function typeOf(c: Connection): string | undefined {
  if (c.ConnectionType) return c.ConnectionType.toUpperCase();
  return c.ConnectionProperties?.JDBC_CONNECTION_URL !== undefined ? 'JDBC' : undefined;
}

function hasJdbcUrl(c: Connection): boolean {
  return (c.ConnectionProperties?.JDBC_CONNECTION_URL ?? '').trim() !== '';
}

/**
 * A connection of type JDBC (or an untyped one with a JDBC URL).
 *
 * @example isJdbc({ Name: 'core', ConnectionType: 'JDBC' }) // true
 */
export function isJdbc(c: Connection): boolean {
  return typeOf(c) === 'JDBC';
}

/**
 * A connection to a database server: JDBC or one of the typed database connectors.
 *
 * @example isDatabaseConnection({ Name: 'core', ConnectionType: 'MYSQL' }) // true
 */
export function isDatabaseConnection(c: Connection): boolean {
  const type = typeOf(c);
  return type !== undefined && DATABASE_CONNECTION_TYPES.has(type);
}

/**
 * Database and NETWORK connections reach their data store through an ENI in the customer's VPC,
 * placed by PhysicalConnectionRequirements (a member of ConnectionInput for every type).
 *
 * @example isVpcBound({ Name: 'egress', ConnectionType: 'NETWORK' }) // true
 */
export function isVpcBound(c: Connection): boolean {
  return typeOf(c) === 'NETWORK' || isDatabaseConnection(c);
}

/**
 * JDBC_ENFORCE_SSL applies: a JDBC connection, or a typed database connection that carries
 * JDBC_CONNECTION_URL.
 *
 * @example usesJdbcSsl({ Name: 'core', ConnectionType: 'MYSQL', ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:mysql://h/d' } }) // true
 */
export function usesJdbcSsl(c: Connection): boolean {
  return isJdbc(c) || (isDatabaseConnection(c) && hasJdbcUrl(c));
}

/**
 * The property that makes this connection require TLS, or undefined when none is judged (not a
 * database connection, or a service that always encrypts).
 *
 * @example sslProperty({ Name: 'core', ConnectionType: 'ORACLE', ConnectionProperties: { HOST: 'h' } }) // 'ENFORCE_SSL'
 */
export function sslProperty(c: Connection): SslProperty | undefined {
  if (usesJdbcSsl(c)) return SslProperty.JDBC;
  const type = typeOf(c);
  return type !== undefined && TLS_OPTIONAL_TYPES.has(type) ? SslProperty.TYPED : undefined;
}

/**
 * The connection's judged TLS property says "true" (case and surrounding spaces ignored).
 *
 * @example enforcesSsl({ Name: 'core', ConnectionType: 'JDBC', ConnectionProperties: { JDBC_ENFORCE_SSL: 'true' } }) // true
 */
export function enforcesSsl(c: Connection): boolean {
  const property = sslProperty(c);
  if (property === undefined) return false;
  // ENFORCE_SSL is not in the SDK's ConnectionPropertyKey union although typed connections carry it.
  const properties: Record<string, string | undefined> = c.ConnectionProperties ?? {};
  return properties[property]?.trim().toLowerCase() === 'true';
}
