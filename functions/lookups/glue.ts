import {
  type Connection,
  type Crawler,
  type DataCatalogEncryptionSettings,
  type DevEndpoint,
  GetDataCatalogEncryptionSettingsCommand,
  type GetMLTransformsCommandOutput,
  GetResourcePolicyCommand,
  GlueClient,
  type Job,
  paginateGetConnections,
  paginateGetCrawlers,
  paginateGetDevEndpoints,
  paginateGetJobs,
  paginateGetMLTransforms,
  paginateGetSecurityConfigurations,
  type SecurityConfiguration,
} from '@aws-sdk/client-glue';
import { defineLookup } from '../runtime/lookup';
import { distinctPages } from '../runtime/pages';
import { isNotFound } from './errors';

/** Every Glue job in the region (GetJobs, paged). */
export const listJobs = defineLookup('listJobs', ['glue:GetJobs'], async (aws): Promise<Job[]> => {
  const client = aws.client(GlueClient);
  const jobs: Job[] = [];
  const pages = paginateGetJobs({ client, pageSize: 1000 }, {});
  for await (const out of distinctPages('glue:GetJobs', pages, (p) => p.NextToken)) {
    jobs.push(...(out.Jobs ?? []));
  }
  return jobs;
});

/** Every security configuration, by name (GetSecurityConfigurations, paged). */
export const listSecurityConfigurations = defineLookup(
  'listSecurityConfigurations',
  ['glue:GetSecurityConfigurations'],
  async (aws): Promise<Map<string, SecurityConfiguration>> => {
    const client = aws.client(GlueClient);
    const byName = new Map<string, SecurityConfiguration>();
    const pages = paginateGetSecurityConfigurations({ client, pageSize: 1000 }, {});
    for await (const out of distinctPages('glue:GetSecurityConfigurations', pages, (p) => p.NextToken)) {
      for (const sc of out.SecurityConfigurations ?? []) if (sc.Name) byName.set(sc.Name, sc);
    }
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

/** The property maps of a connection that may carry credentials (typed connections add three). */
const PROPERTY_MAPS = [
  'ConnectionProperties',
  'SparkProperties',
  'AthenaProperties',
  'PythonProperties',
] as const;

/** Drops credential-bearing properties from every property map of a connection. */
export function redactConnection(connection: Connection): Connection {
  const out: Connection = { ...connection };
  for (const map of PROPERTY_MAPS) {
    const props = connection[map];
    if (!props) continue;
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries(props)) if (!SECRET_PROPERTY.test(k)) kept[k] = v;
    out[map] = kept;
  }
  return out;
}

/** Every connection in the Data Catalog, passwords hidden (GetConnections, paged). */
export const listConnections = defineLookup(
  'listConnections',
  ['glue:GetConnections'],
  async (aws, catalogId: string): Promise<Connection[]> => {
    const client = aws.client(GlueClient);
    const connections: Connection[] = [];
    const pages = paginateGetConnections(
      { client, pageSize: 1000 },
      { CatalogId: catalogId, HidePassword: true },
    );
    for await (const out of distinctPages('glue:GetConnections', pages, (p) => p.NextToken)) {
      for (const c of out.ConnectionList ?? []) connections.push(redactConnection(c));
    }
    return connections;
  },
);

/** Every crawler (GetCrawlers, paged). */
export const listCrawlers = defineLookup(
  'listCrawlers',
  ['glue:GetCrawlers'],
  async (aws): Promise<Crawler[]> => {
    const client = aws.client(GlueClient);
    const crawlers: Crawler[] = [];
    const pages = paginateGetCrawlers({ client, pageSize: 1000 }, {});
    for await (const out of distinctPages('glue:GetCrawlers', pages, (p) => p.NextToken)) {
      crawlers.push(...(out.Crawlers ?? []));
    }
    return crawlers;
  },
);

/** Every development endpoint (GetDevEndpoints, paged). */
export const listDevEndpoints = defineLookup(
  'listDevEndpoints',
  ['glue:GetDevEndpoints'],
  async (aws): Promise<DevEndpoint[]> => {
    const client = aws.client(GlueClient);
    const endpoints: DevEndpoint[] = [];
    const pages = paginateGetDevEndpoints({ client, pageSize: 1000 }, {});
    for await (const out of distinctPages('glue:GetDevEndpoints', pages, (p) => p.NextToken)) {
      endpoints.push(...(out.DevEndpoints ?? []));
    }
    return endpoints;
  },
);

export type MLTransform = NonNullable<GetMLTransformsCommandOutput['Transforms']>[number];

/** Every ML transform (GetMLTransforms, paged). */
export const listMLTransforms = defineLookup(
  'listMLTransforms',
  ['glue:GetMLTransforms'],
  async (aws): Promise<MLTransform[]> => {
    const client = aws.client(GlueClient);
    const transforms: MLTransform[] = [];
    const pages = paginateGetMLTransforms({ client, pageSize: 100 }, {});
    for await (const out of distinctPages('glue:GetMLTransforms', pages, (p) => p.NextToken)) {
      transforms.push(...(out.Transforms ?? []));
    }
    return transforms;
  },
);

/** The Data Catalog resource policy as a JSON string, or undefined when none is set. */
export const getCatalogResourcePolicy = defineLookup(
  'getCatalogResourcePolicy',
  ['glue:GetResourcePolicy'],
  async (aws): Promise<string | undefined> => {
    try {
      const out = await aws.client(GlueClient).send(new GetResourcePolicyCommand({}));
      return out.PolicyInJson || undefined;
    } catch (error) {
      // No policy is answered with EntityNotFoundException.
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },
);
