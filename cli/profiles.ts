// The named profiles of the shared AWS config and credentials files, read as the SDK reads them
// (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials), so
// that `--profile nosuch` is named before any call and a profile's region is honoured.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Section name -> key -> value of an ini file. */
export function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[') && line.endsWith(']')) {
      const name = line.slice(1, -1).trim();
      current = sections.get(name) ?? {};
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return sections;
}

export interface SharedFiles {
  config: string;
  credentials: string;
}

export function sharedFiles(env: NodeJS.ProcessEnv = process.env): SharedFiles {
  return {
    config: env.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'),
  };
}

const read = (file: string): Map<string, Record<string, string>> =>
  existsSync(file) ? parseIni(readFileSync(file, 'utf8')) : new Map();

/** The profiles of both files: `[profile x]` (or `[default]`) in config, `[x]` in credentials. */
export function profileSettings(files: SharedFiles = sharedFiles()): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [section, values] of read(files.credentials)) out.set(section, { ...values });
  for (const [section, values] of read(files.config)) {
    const name = section === 'default' ? 'default' : /^profile\s+(\S+)$/.exec(section)?.[1];
    if (name) out.set(name, { ...out.get(name), ...values });
  }
  return out;
}

/** A named profile that is in neither file. */
export class UnknownProfileError extends Error {
  override readonly name = 'UnknownProfileError';
}

/**
 * The settings of `profile`; throws UnknownProfileError naming the profile, the files read and the
 * profiles they hold when it is in neither.
 */
export function profile(name: string, files: SharedFiles = sharedFiles()): Record<string, string> {
  const all = profileSettings(files);
  const found = all.get(name);
  if (found) return found;
  const known = [...all.keys()].sort();
  throw new UnknownProfileError(
    `Profile '${name}' is not in ${files.config} or ${files.credentials}` +
      ` (known: ${known.length > 0 ? known.join(', ') : 'none'}; AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE choose the files)`,
  );
}
