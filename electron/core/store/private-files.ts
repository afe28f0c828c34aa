/**
 * The terminal's data on disk (store, journal, logs) is readable by the kiosk account only: files
 * 0600, folders 0700, whatever the process umask. The outbox, the audit log and the logs hold
 * masked personal data and pseudonyms that another local account (a maintenance login, a
 * compromised service) has no business reading. Versions before this one created them 0644 / 0755:
 * {@link makePrivateFolder} tightens what it finds at start.
 *
 * On Windows the modes mean little (chmod only sets the read-only flag); the data folder is
 * protected there by its ACL (docs/deployment.md).
 */
import { chmodSync, fchmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** Mode of every file the core writes. */
export const PRIVATE_FILE_MODE = 0o600
/** Mode of every folder the core creates. */
export const PRIVATE_FOLDER_MODE = 0o700

/**
 * Creates `path` (and missing parents) 0700, then tightens the folder itself to 0700 and, unless
 * `files` is false, every regular file directly in it to 0600 (symlinks and subfolders are left
 * alone: a subfolder is made private by its own owner; the data root may also hold the host's
 * files, such as Electron's profile, hence `files: false` there). Tightening is best effort: a file it cannot chmod (owned by
 * another account) is reported in the returned list, not thrown, so the terminal still starts.
 */
export function makePrivateFolder(path: string, options: { files?: boolean } = {}): string[] {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER_MODE })
  const untightened: string[] = []
  const tighten = (target: string, mode: number) => {
    try {
      if ((lstatSync(target).mode & 0o777) !== mode) chmodSync(target, mode)
    } catch {
      untightened.push(target)
    }
  }
  tighten(path, PRIVATE_FOLDER_MODE)
  if (options.files === false) return untightened
  let names: string[] = []
  try {
    names = readdirSync(path)
  } catch {
    untightened.push(path)
  }
  for (const name of names) {
    const target = join(path, name)
    try {
      if (lstatSync(target).isFile()) tighten(target, PRIVATE_FILE_MODE)
    } catch {
      untightened.push(target)
    }
  }
  return untightened
}

/**
 * Sets an open file to 0600: `open(…, mode)` only applies the mode when it creates the file, so a
 * left-over file (a temp file from a crash under an older version) would keep its old mode.
 */
export function makeFilePrivate(fd: number): void {
  if (process.platform === 'win32') return
  fchmodSync(fd, PRIVATE_FILE_MODE)
}
