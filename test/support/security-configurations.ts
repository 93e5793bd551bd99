import type { EncryptionConfiguration, SecurityConfiguration } from '@aws-sdk/client-glue';
import { fixture } from './config-events';

/** The KMS-everywhere configuration of the fixture, with some targets switched off. */
export function kmsEncryption(off: { logs?: boolean; bookmarks?: boolean } = {}): EncryptionConfiguration {
  const base = fixture<SecurityConfiguration>('glue-security-configuration-encrypted-kms.json')
    .EncryptionConfiguration!;
  return {
    ...base,
    ...(off.logs ? { CloudWatchEncryption: { CloudWatchEncryptionMode: 'DISABLED' } } : {}),
    ...(off.bookmarks ? { JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'DISABLED' } } : {}),
  };
}
