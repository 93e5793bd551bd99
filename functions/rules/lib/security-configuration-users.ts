import type { SecurityConfiguration } from '@aws-sdk/client-glue';
import { type EncryptionNeeds, encryptionGaps } from './security-configuration';

/** A resource that names a security configuration (a crawler, a dev endpoint). */
export interface SecurityConfigurationUser {
  name: string;
  securityConfiguration?: string | undefined;
}

/**
 * Each user whose security configuration is missing, does not exist, or does not meet `needs`,
 * as `name (reason)`, sorted by name. Configurations come from one listing, so a sweep of many
 * resources makes one paged call.
 */
export function securityConfigurationOffenders(
  users: readonly SecurityConfigurationUser[],
  configurations: ReadonlyMap<string, SecurityConfiguration>,
  needs: EncryptionNeeds,
): string[] {
  const offenders: string[] = [];
  for (const user of [...users].sort((a, b) => a.name.localeCompare(b.name))) {
    const name = user.securityConfiguration?.trim();
    if (!name) {
      offenders.push(`${user.name} (no security configuration)`);
      continue;
    }
    const sc = configurations.get(name);
    if (!sc) {
      offenders.push(`${user.name} (security configuration '${name}' does not exist)`);
      continue;
    }
    const gaps = encryptionGaps(sc, needs);
    if (gaps.length > 0) offenders.push(`${user.name} ('${name}': ${gaps.join('; ')})`);
  }
  return offenders;
}
