import {
  type DataLakeSettings,
  GetDataLakeSettingsCommand,
  LakeFormationClient,
} from '@aws-sdk/client-lakeformation';
import { defineLookup } from '../runtime/lookup';

/** The Lake Formation data lake settings of a catalog (GetDataLakeSettings; one call, no paging). */
export const getDataLakeSettings = defineLookup(
  'getDataLakeSettings',
  ['lakeformation:GetDataLakeSettings'],
  async (aws, catalogId: string): Promise<DataLakeSettings> => {
    const out = await aws
      .client(LakeFormationClient)
      .send(new GetDataLakeSettingsCommand({ CatalogId: catalogId }));
    return out.DataLakeSettings ?? {};
  },
);
