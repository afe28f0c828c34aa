/**
 * The check an update must pass before the terminal installs it (docs/deployment.md, "Updates").
 *
 * Why this design: electron-updater checks the downloaded file's sha512 against the metadata it
 * fetched, but nothing vouches for that metadata, and its only signature hook
 * (`verifyUpdateCodeSignature`) is Windows Authenticode. So once electron-updater reports a
 * download, the terminal fetches the feed's metadata file and its detached `.sig` itself, over
 * https, checks the Ed25519 signature with the public key pinned in the build, and only then
 * looks in those signed bytes for the downloaded file's name, its sha512 and the version. The
 * file on disk is hashed here, not taken on electron-updater's word. A feed that served
 * electron-updater one metadata and this check another gains nothing: what gets installed is the
 * file on disk, and its hash must be in metadata signed with the offline key.
 *
 * Plain Node (no Electron): the shell glue (electron/shell/updates.ts) calls it, the tests call
 * it against a real HTTP server on loopback.
 */
import { createHash, type KeyObject } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import {
  checkMetadataSignature,
  entryFileName,
  parseUpdateMetadata,
  UPDATE_REFUSALS,
  UpdateRefused,
  withSlash,
  type UpdateFileEntry,
} from './signed-metadata'

/** Metadata files are a few hundred bytes; a feed that sends more is not read further. */
const MAX_METADATA_BYTES = 256 * 1024
const MAX_SIGNATURE_BYTES = 1024

/**
 * The metadata file electron-updater reads for a channel (its `getChannelFilename` with the
 * provider's platform suffix): `latest.yml` on Windows, `latest-linux.yml` on Linux x64,
 * `latest-linux-arm64.yml` on arm64, `latest-mac.yml` on macOS.
 */
export function channelFileName(
  channel: string,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): string {
  if (platform === 'linux') return `${channel}-linux${arch === 'x64' ? '' : `-${arch}`}.yml`
  if (platform === 'darwin') return `${channel}-mac.yml`
  return `${channel}.yml`
}

/**
 * Throws `UPDATE_FEED_INSECURE` unless the feed is https (http only where `allowHttp`, i.e. demo
 * mode). Decided on the URL as the WHATWG parser reads it, which is how fetch and electron-updater
 * read it too (`HTTP://`, white space around it and the like land on the same answer).
 */
export function assertSecureFeed(url: string, allowHttp: boolean): void {
  let protocol: string
  try {
    protocol = new URL(url).protocol
  } catch {
    throw new UpdateRefused(UPDATE_REFUSALS.feedInsecure, 'the update feed is not a URL')
  }
  if (protocol === 'https:' || (allowHttp && protocol === 'http:')) return
  throw new UpdateRefused(
    UPDATE_REFUSALS.feedInsecure,
    `the update feed must be https outside demo mode (got ${protocol})`,
  )
}

/** The downloaded file's sha512, base64 as in electron-builder's metadata. */
export async function sha512OfFile(path: string): Promise<string> {
  const hash = createHash('sha512')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('base64')
}

/**
 * Throws `UPDATE_FILE_TAMPERED` unless the file has the signed entry's size (when given) and
 * sha512. Run again right before installing: the file may sit on disk for hours first.
 */
export async function checkFileAgainstEntry(path: string, entry: UpdateFileEntry): Promise<void> {
  const size = (await stat(path)).size
  if (entry.size !== undefined && size !== entry.size) {
    throw new UpdateRefused(
      UPDATE_REFUSALS.fileTampered,
      'the downloaded file does not have the size in the signed metadata',
    )
  }
  if ((await sha512OfFile(path)) !== entry.sha512) {
    throw new UpdateRefused(
      UPDATE_REFUSALS.fileTampered,
      'the downloaded file does not match the sha512 in the signed metadata',
    )
  }
}

/** The feed could not be read (network, server error): no verdict, try again at the next check. */
export class UpdateFeedUnreachable extends Error {
  override name = 'UpdateFeedUnreachable'
}

type Fetch = typeof fetch

/** GETs one small file of the feed; `null` for 404/410 (absent), throws for other failures. */
async function fetchSmall(
  url: URL,
  max: number,
  options: { fetch: Fetch; allowHttp: boolean; timeoutMs: number },
): Promise<Buffer | null> {
  let response: Response
  try {
    response = await options.fetch(url, {
      redirect: 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    })
  } catch (err) {
    throw new UpdateFeedUnreachable(`${url.pathname}: ${(err as Error).message}`)
  }
  // A redirect must not take the feed off https either.
  if (response.url) assertSecureFeed(response.url, options.allowHttp)
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel()
    return null
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel()
    throw new UpdateFeedUnreachable(`${url.pathname}: HTTP ${response.status}`)
  }
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of response.body) {
    length += (chunk as Uint8Array).length
    if (length > max) {
      throw new UpdateRefused(UPDATE_REFUSALS.metadataMismatch, `${url.pathname} is too large`)
    }
    chunks.push(Buffer.from(chunk as Uint8Array))
  }
  return Buffer.concat(chunks)
}

export interface VerifyUpdateOptions {
  /** The feed folder (the hall config's `updates.url`). */
  feedUrl: string
  /** `latest` or `beta` (the hall config's `updates.channel`). */
  channel: string
  /** The pinned public key ({@link import('./signed-metadata').loadUpdateKey}). */
  key: KeyObject
  /** Where electron-updater saved the download (`update-downloaded`'s `downloadedFile`). */
  downloadedFile: string
  /** The version electron-updater is about to install. */
  version: string
  /** Demo mode only: an http feed on loopback for the bundled set-up. */
  allowHttp?: boolean
  platform?: NodeJS.Platform
  arch?: string
  fetch?: Fetch
  timeoutMs?: number
}

/** What passed: the signed bytes (for the root install helper to check again) and the entry. */
export interface VerifiedUpdate {
  version: string
  metadataFile: string
  metadata: Buffer
  signature: string
  entry: UpdateFileEntry
}

/**
 * Fetches the channel's metadata and signature, checks the signature with the pinned key, finds
 * the downloaded file among the signed entries and checks its sha512. Resolves with what passed;
 * rejects with {@link UpdateRefused} (install nothing, tell staff) or
 * {@link UpdateFeedUnreachable} (no verdict yet).
 */
export async function verifyDownloadedUpdate(
  options: VerifyUpdateOptions,
): Promise<VerifiedUpdate> {
  const allowHttp = options.allowHttp ?? false
  assertSecureFeed(options.feedUrl, allowHttp)
  const fetchOptions = {
    fetch: options.fetch ?? fetch,
    allowHttp,
    timeoutMs: options.timeoutMs ?? 30_000,
  }
  const metadataFile = channelFileName(options.channel, options.platform, options.arch)
  const base = withSlash(options.feedUrl)
  const metadataUrl = new URL(metadataFile, base)
  const metadata = await fetchSmall(metadataUrl, MAX_METADATA_BYTES, fetchOptions)
  if (metadata === null) throw new UpdateFeedUnreachable(`${metadataUrl.pathname}: not found`)
  const signatureBytes = await fetchSmall(
    new URL(`${metadataFile}.sig`, base),
    MAX_SIGNATURE_BYTES,
    fetchOptions,
  )
  const signature = signatureBytes === null ? null : signatureBytes.toString('utf8')
  checkMetadataSignature(metadata, signature, options.key)

  const signed = parseUpdateMetadata(metadata)
  if (signed.version !== options.version) {
    throw new UpdateRefused(
      UPDATE_REFUSALS.metadataMismatch,
      `the signed metadata is for version ${signed.version}, not ${options.version}`,
    )
  }
  const name = basename(options.downloadedFile)
  const entry = signed.files.find((file) => entryFileName(file, options.feedUrl) === name)
  if (!entry) {
    throw new UpdateRefused(
      UPDATE_REFUSALS.metadataMismatch,
      'the downloaded file is not listed in the signed metadata',
    )
  }
  await checkFileAgainstEntry(options.downloadedFile, entry)
  return { version: signed.version, metadataFile, metadata, signature: signature!.trim(), entry }
}
