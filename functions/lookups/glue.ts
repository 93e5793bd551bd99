import {
  type Connection,
  type DataCatalogEncryptionSettings,
  GetConnectionsCommand,
  GetDataCatalogEncryptionSettingsCommand,
  GetJobsCommand,
  GetSecurityConfigurationsCommand,
  GlueClient,
  type Job,
  type SecurityConfiguration,
} from '@aws-sdk/client-glue';
import { defineLookup } from '../runtime/lookup';

/** Every Glue job in the region (GetJobs, paged). */
export const listJobs = defineLookup('listJobs', ['glue:GetJobs'], async (aws): Promise<Job[]> => {
  const glue = aws.client(GlueClient);
  const jobs: Job[] = [];
  let NextToken: string | undefined;
  do {
    const out = await glue.send(new GetJobsCommand({ NextToken, MaxResults: 1000 }));
    jobs.push(...(out.Jobs ?? []));
    NextToken = out.NextToken;
  } while (NextToken);
  return jobs;
});

/** Every security configuration, by name (GetSecurityConfigurations, paged). */
export const listSecurityConfigurations = defineLookup(
  'listSecurityConfigurations',
  ['glue:GetSecurityConfigurations'],
  async (aws): Promise<Map<string, SecurityConfiguration>> => {
    const glue = aws.client(GlueClient);
    const byName = new Map<string, SecurityConfiguration>();
    let NextToken: string | undefined;
    do {
      const out = await glue.send(new GetSecurityConfigurationsCommand({ NextToken, MaxResults: 1000 }));
      for (const sc of out.SecurityConfigurations ?? []) if (sc.Name) byName.set(sc.Name, sc);
      NextToken = out.NextToken;
    } while (NextToken);
    return byName;
  },
);

/** The Data Catalog's encryption settings (both blocks). */
export const getCatalogEncryption = defineLookup(
  'getCatalogEncryption',
  ['glue:GetDataCatalogEncryptionSettings'],
  async (aws, catalogId: string): Promise<DataCatalogEncryptionSettings> => {
    const out = await aws
      .client(GlueClient)
      .send(new GetDataCatalogEncryptionSettingsCommand({ CatalogId: catalogId }));
    return out.DataCatalogEncryptionSettings ?? {};
  },
);

/**
 * Connection properties that hold or wrap a credential. Evaluators never see them: they are
 * asked hidden (HidePassword) and stripped again in case an endpoint ignores the flag.
 */
const SECRET_PROPERTY = /PASSWORD|PRIVATE_KEY|CLIENT_SECRET|SECRET_KEY/i;

/** Drops credential-bearing properties from a connection. */
export function redactConnection(connection: Connection): Connection {
  const props = connection.ConnectionProperties;
  if (!props) return connection;
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) if (!SECRET_PROPERTY.test(k)) kept[k] = v;
  return { ...connection, ConnectionProperties: kept };
}

/** Every connection in the Data Catalog, passwords hidden (GetConnections, paged). */
export const listConnections = defineLookup(
  'listConnections',
  ['glue:GetConnections'],
  async (aws, catalogId: string): Promise<Connection[]> => {
    const glue = aws.client(GlueClient);
    const connections: Connection[] = [];
    let NextToken: string | undefined;
    do {
      const out = await glue.send(
        new GetConnectionsCommand({ CatalogId: catalogId, HidePassword: true, NextToken, MaxResults: 1000 }),
      );
      for (const c of out.ConnectionList ?? []) connections.push(redactConnection(c));
      NextToken = out.NextToken;
    } while (NextToken);
    return connections;
  },
);
