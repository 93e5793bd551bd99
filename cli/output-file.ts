import { closeSync, constants, lstatSync, openSync, writeSync } from 'node:fs';

/** Why an output file was not written; the message names the path. */
export class OutputFileError extends Error {
  override readonly name = 'OutputFileError';
}

/**
 * Writes `text` to `path` for an `--out` option. Never follows a symbolic link at `path` (even
 * with `force`), and never replaces an existing file unless `force`. The checks are made by the
 * open call itself (O_EXCL / O_NOFOLLOW), so a link or file created meanwhile is refused too.
 */
export function writeOutputFile(path: string, text: string, options: { force?: boolean } = {}): void {
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) {
    throw new OutputFileError(`${path} is a symbolic link; refusing to follow it (give the real path)`);
  }
  if (existing?.isDirectory()) throw new OutputFileError(`${path} is a directory`);
  if (existing && !options.force) {
    throw new OutputFileError(`${path} already exists; pass --force to overwrite it`);
  }
  const flags =
    constants.O_WRONLY |
    constants.O_CREAT |
    constants.O_NOFOLLOW |
    (options.force ? constants.O_TRUNC : constants.O_EXCL);
  let fd: number;
  try {
    fd = openSync(path, flags, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new OutputFileError(`${path} is a symbolic link; refusing to follow it`);
    if (code === 'EEXIST') throw new OutputFileError(`${path} already exists; pass --force to overwrite it`);
    throw new OutputFileError(`${path}: ${(error as Error).message}`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
