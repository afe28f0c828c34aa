/**
 * Whether this process could change the hall config file. The config holds the terminal's key,
 * the centre's address and the update feed: a kiosk account that can rewrite it can point the
 * terminal anywhere. It must be owned by root and only readable by the kiosk account
 * (docs/deployment.md, "Hardening"); a writable one is reported to staff as `CONFIG_WRITABLE`.
 */
import { accessSync, constants, statSync, type Stats } from 'node:fs'
import { dirname } from 'node:path'

/** The identity whose rights are checked (this process's by default). */
export interface PosixIdentity {
  uid: number
  gids: readonly number[]
}

function currentIdentity(): PosixIdentity | null {
  if (typeof process.getuid !== 'function' || typeof process.getgroups !== 'function') return null
  return { uid: process.getuid(), gids: [process.getgid!(), ...process.getgroups()] }
}

/** The write bit that applies to `who` on `stats` (owner, else group, else others). */
function mayWrite(stats: Stats, who: PosixIdentity): boolean {
  if (stats.uid === who.uid) return (stats.mode & 0o200) !== 0
  if (who.gids.includes(stats.gid)) return (stats.mode & 0o020) !== 0
  return (stats.mode & 0o002) !== 0
}

/**
 * True when `who` can write the file, or replace it through its folder (a writable folder without
 * the sticky bit, or with it when `who` owns the file). Root can write everything, so a kiosk
 * running as root always counts as writable. On Windows only the read-only attribute is seen (no
 * ACLs): there the deployment guide's `icacls` line is what protects the file.
 */
export function configWritable(
  path: string,
  who: PosixIdentity | null = currentIdentity(),
): boolean {
  if (who === null) {
    try {
      accessSync(path, constants.W_OK)
      return true
    } catch {
      return false
    }
  }
  if (who.uid === 0) return true
  let file: Stats
  let folder: Stats
  try {
    file = statSync(path)
    folder = statSync(dirname(path))
  } catch {
    return false
  }
  if (mayWrite(file, who)) return true
  const sticky = (folder.mode & 0o1000) !== 0
  return mayWrite(folder, who) && (!sticky || file.uid === who.uid || folder.uid === who.uid)
}
