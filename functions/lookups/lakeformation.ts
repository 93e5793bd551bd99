import {
  type DataLakeSettings,
  GetDataLakeSettingsCommand,
  LakeFormationClient,
} from '@aws-sdk/client-lakeformation';
import { defineLookup } from '../runtime/lookup';

/**
 * The Lake Formation data lake settings of a catalog (GetDataLakeSettings; one call, no paging).
 * A response without settings is an error, not "nothing granted": the rule must not pass what
 * it could not read.
 */
export const getDataLakeSettings = defineLookup(
  'getDataLakeSettings',
  ['lakeformation:GetDataLakeSettings'],
  async (aws, catalogId: string): Promise<DataLakeSettings> => {
    const out = await aws
      .client(LakeFormationClient)
      .send(new GetDataLakeSettingsCommand({ CatalogId: catalogId }));
    if (!out.DataLakeSettings) {
      throw new Error(`Lake Formation returned no DataLakeSettings for catalog ${catalogId}`);
    }
    return out.DataLakeSettings;
  },
);
