/**
 * The signed part of an update feed: the metadata file electron-builder writes beside the
 * installers (`latest-linux.yml`, `latest.yml`, `beta-linux.yml`…), and a detached Ed25519
 * signature over its exact bytes in `<metadata>.sig` (base64, written by
 * `build/scripts/sign-update.mjs` with the offline signing key). Only bytes whose signature checks
 * against the pinned public key are parsed at all; the installer's sha512 is then read from them.
 *
 * The metadata is parsed with the same js-yaml that electron-updater parses it with (its own
 * dependency, resolved from electron-updater's folder), so the terminal reads the entries the way
 * the updater that downloaded them did, and no second YAML parser ships.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import { createRequire } from 'node:module'
import { z } from 'zod'

/** Why an update was not installed; each is a staff-facing issue code too. */
export const UPDATE_REFUSALS = {
  /** The feed has no signature beside its metadata. */
  signatureMissing: 'UPDATE_SIGNATURE_MISSING',
  /** The signature does not check: the metadata was altered, or signed with another key. */
  signatureInvalid: 'UPDATE_SIGNATURE_INVALID',
  /** Signed metadata that does not describe the downloaded update (unreadable, other version). */
  metadataMismatch: 'UPDATE_METADATA_MISMATCH',
  /** The downloaded file's sha512 is not the one the signed metadata names. */
  fileTampered: 'UPDATE_FILE_TAMPERED',
  /** The feed is not https outside demo mode. */
  feedInsecure: 'UPDATE_FEED_INSECURE',
  /** The public key pinned in this build is missing or not an Ed25519 key (a build fault). */
  keyInvalid: 'UPDATE_KEY_INVALID',
} as const
export type UpdateRefusalCode = (typeof UPDATE_REFUSALS)[keyof typeof UPDATE_REFUSALS]

/** A refusal with a code staff read in words and a sentence for the log (never a secret). */
export class UpdateRefused extends Error {
  constructor(
    readonly code: UpdateRefusalCode,
    message: string,
  ) {
    super(message)
    this.name = 'UpdateRefused'
  }
}

/** An Ed25519 signature is 64 bytes: 88 characters of base64. */
const SIGNATURE_BYTES = 64

/**
 * The pinned public key (PEM, SPKI). Anything but an Ed25519 public key is refused: a build that
 * pinned a wrong file must fail closed, not accept whatever `crypto.verify` makes of it.
 */
export function loadUpdateKey(pem: string): KeyObject {
  let key: KeyObject
  try {
    key = createPublicKey({ key: pem, format: 'pem' })
  } catch {
    throw new UpdateRefused(UPDATE_REFUSALS.keyInvalid, 'the pinned update key is not a PEM key')
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UpdateRefused(UPDATE_REFUSALS.keyInvalid, 'the pinned update key is not Ed25519')
  }
  return key
}

/**
 * Checks the detached signature (`null` when the feed has none) over the metadata's exact bytes.
 * The signature file is base64 with optional surrounding white space, nothing else.
 */
export function checkMetadataSignature(
  metadata: Uint8Array,
  signatureFile: string | null,
  key: KeyObject,
): void {
  if (signatureFile === null || signatureFile.trim() === '') {
    throw new UpdateRefused(UPDATE_REFUSALS.signatureMissing, 'the feed has no metadata signature')
  }
  const text = signatureFile.trim()
  const signature = Buffer.from(text, 'base64')
  // Buffer.from skips what is not base64; re-encoding tells a clean signature from a mangled one.
  if (signature.length !== SIGNATURE_BYTES || signature.toString('base64') !== text) {
    throw new UpdateRefused(UPDATE_REFUSALS.signatureInvalid, 'the metadata signature is malformed')
  }
  if (!verify(null, metadata, key, signature)) {
    throw new UpdateRefused(
      UPDATE_REFUSALS.signatureInvalid,
      'the metadata signature does not match the pinned key (altered metadata or another key)',
    )
  }
}

const sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'a base64 sha512')

/** The fields of electron-builder's update metadata the terminal acts on; others are ignored. */
export const UpdateMetadata = z.object({
  version: z.string().min(1).max(64),
  files: z
    .array(
      z.object({
        url: z.string().min(1).max(500),
        sha512: sha512Base64,
        size: z.number().int().nonnegative().optional(),
      }),
    )
    .min(1)
    .max(50),
})
export type UpdateMetadata = z.infer<typeof UpdateMetadata>
export type UpdateFileEntry = UpdateMetadata['files'][number]

type YamlLoad = (text: string, options?: { json?: boolean }) => unknown

let yamlLoad: YamlLoad | undefined
/** js-yaml's `load` as electron-updater resolves it (a safe schema by default since js-yaml 4). */
function electronUpdaterYaml(): YamlLoad {
  if (!yamlLoad) {
    const here = typeof require === 'function' ? require : createRequire(import.meta.url)
    const updaterRequire = createRequire(here.resolve('electron-updater/package.json'))
    yamlLoad = (updaterRequire('js-yaml') as { load: YamlLoad }).load
  }
  return yamlLoad
}

/** Parses metadata whose signature has checked; an unreadable file is a mismatch, not a crash. */
export function parseUpdateMetadata(metadata: Uint8Array): UpdateMetadata {
  let document: unknown
  try {
    document = electronUpdaterYaml()(Buffer.from(metadata).toString('utf8'))
  } catch {
    throw new UpdateRefused(UPDATE_REFUSALS.metadataMismatch, 'the signed metadata is not YAML')
  }
  const parsed = UpdateMetadata.safeParse(document)
  if (!parsed.success) {
    throw new UpdateRefused(
      UPDATE_REFUSALS.metadataMismatch,
      'the signed metadata lacks a version or files with sha512',
    )
  }
  return parsed.data
}

/**
 * The file name electron-updater stores a download under: the last segment of the entry's URL
 * path, percent-decoded (its `getCacheUpdateFileName`). Relative entries resolve against the feed.
 */
export function entryFileName(entry: Pick<UpdateFileEntry, 'url'>, feedUrl: string): string | null {
  try {
    const path = decodeURIComponent(new URL(entry.url, withSlash(feedUrl)).pathname)
    const name = path.slice(path.lastIndexOf('/') + 1)
    return name === '' || name === '.' || name === '..' ? null : name
  } catch {
    return null
  }
}

/** The folder URL with a trailing slash, so relative entries land inside it. */
export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
