/**
 * Hands a verified deb to the root-owned install helper (build/linux/hall-kiosk-install-update),
 * so the kiosk user never needs sudo or pkexec. The spool folder is root:kiosk 2770; the helper's
 * systemd path unit starts it when `request` appears. The helper copies everything out of the
 * spool into a folder only root can write, checks the metadata signature and the file's sha512
 * again with the pinned key (`openssl pkeyutl -verify -rawin`), and only then runs `dpkg -i` and
 * restarts the kiosk. What the terminal writes here is therefore a request, not an authority.
 */
import { randomUUID } from 'node:crypto'
import { copyFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { VerifiedUpdate } from './verify-update'

/** The spool folder the deb package's helper units watch (build/linux/). */
export const INSTALL_SPOOL_DIR = '/var/spool/hall-kiosk-update'

/** The file whose appearance starts the helper; written last. */
export const SPOOL_REQUEST_FILE = 'request'

/** Names the helper accepts: no path, no shell metacharacters. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/

/**
 * Copies the package, the signed metadata and its signature into the spool, each written under a
 * temporary name and renamed, then the request naming them. Throws on an unsafe name or a write
 * error (the shell logs it and tries again at the next check).
 */
export async function handOffToInstallHelper(
  spoolDir: string,
  downloadedFile: string,
  update: VerifiedUpdate,
): Promise<void> {
  const packageName = basename(downloadedFile)
  for (const name of [packageName, update.metadataFile]) {
    if (!SAFE_NAME.test(name)) throw new Error(`unsafe file name for the install helper: ${name}`)
  }
  const place = async (name: string, write: (tmp: string) => Promise<void>) => {
    const tmp = join(spoolDir, `.${randomUUID()}.tmp`)
    try {
      await write(tmp)
      await rename(tmp, join(spoolDir, name))
    } catch (err) {
      await rm(tmp, { force: true })
      throw err
    }
  }
  await place(packageName, (tmp) => copyFile(downloadedFile, tmp))
  await place(update.metadataFile, (tmp) => writeFile(tmp, update.metadata, { mode: 0o640 }))
  await place(`${update.metadataFile}.sig`, (tmp) =>
    writeFile(tmp, `${update.signature}\n`, { mode: 0o640 }),
  )
  await place(SPOOL_REQUEST_FILE, (tmp) =>
    writeFile(tmp, `package=${packageName}\nmetadata=${update.metadataFile}\n`, { mode: 0o640 }),
  )
}
