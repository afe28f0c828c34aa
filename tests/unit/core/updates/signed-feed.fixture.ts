/**
 * A real update feed for tests: an installer, electron-builder-style metadata
 * (`latest-linux.yml`), its detached Ed25519 signature made with a key pair generated here, and a
 * static HTTP server on 127.0.0.1 serving the folder. Each test can then alter one thing.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

export interface UpdateKeys {
  publicPem: string
  privateKey: KeyObject
}

export function makeKeys(): UpdateKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey }
}

export const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64')

/** Metadata as electron-builder writes it for Linux. */
export function metadataFor(version: string, files: { name: string; bytes: Buffer }[]): string {
  const entries = files
    .map((f) => `  - url: ${f.name}\n    sha512: ${sha512(f.bytes)}\n    size: ${f.bytes.length}\n`)
    .join('')
  return (
    `version: ${version}\nfiles:\n${entries}path: ${files[0]!.name}\n` +
    `sha512: ${sha512(files[0]!.bytes)}\nreleaseDate: '2025-03-01T08:00:00.000Z'\n`
  )
}

export interface SignedFeed {
  /** The served folder (change files here to tamper). */
  dir: string
  url: string
  version: string
  packageName: string
  metadataFile: string
  /** Where "electron-updater" saved the download: a copy of the served package. */
  downloadedFile: string
  /** Re-signs the metadata file on disk with `key` (default: the feed's key). */
  sign(key?: KeyObject): void
  close(): Promise<void>
}

/** Serves a signed feed for `version` with one deb; the download is already in a cache folder. */
export async function serveSignedFeed(
  keys: UpdateKeys,
  options: { version?: string; packageName?: string; metadataFile?: string } = {},
): Promise<SignedFeed> {
  const version = options.version ?? '0.2.0'
  const packageName = options.packageName ?? `hall-kiosk_${version}_amd64.deb`
  const metadataFile = options.metadataFile ?? 'latest-linux.yml'
  const root = mkdtempSync(join(tmpdir(), 'update-feed-'))
  const dir = join(root, 'feed')
  const cache = join(root, 'cache', 'pending')
  mkdirSync(dir, { recursive: true })
  mkdirSync(cache, { recursive: true })
  const bytes = Buffer.from(`deb package ${version} `.repeat(5000))
  writeFileSync(join(dir, packageName), bytes)
  writeFileSync(join(dir, metadataFile), metadataFor(version, [{ name: packageName, bytes }]))
  const signFile = (key: KeyObject = keys.privateKey) => {
    const signature = sign(null, readFileSync(join(dir, metadataFile)), key).toString('base64')
    writeFileSync(join(dir, `${metadataFile}.sig`), `${signature}\n`)
  }
  signFile()
  const downloadedFile = join(cache, packageName)
  copyFileSync(join(dir, packageName), downloadedFile)

  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1))
    try {
      const body = readFileSync(join(dir, basename(name)))
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    dir,
    url: `http://127.0.0.1:${port}/hall-kiosk/`,
    version,
    packageName,
    metadataFile,
    downloadedFile,
    sign: signFile,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      rmSync(root, { recursive: true, force: true })
    },
  }
}
