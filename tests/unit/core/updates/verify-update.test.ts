/**
 * electron/core/updates: an update is accepted only when the feed's metadata is signed with the
 * pinned Ed25519 key and the downloaded file's sha512 is in those signed bytes. The feed is a real
 * HTTP server on loopback (allowHttp stands for demo mode; the https rule has its own tests).
 */
import { generateKeyPairSync, sign } from 'node:crypto'
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PINNED_UPDATE_KEY_PEM } from '../../../../electron/shell/pinned-update-key'
import {
  checkMetadataSignature,
  loadUpdateKey,
  parseUpdateMetadata,
  UpdateRefused,
} from '../../../../electron/core/updates/signed-metadata'
import {
  assertSecureFeed,
  channelFileName,
  UpdateFeedUnreachable,
  verifyDownloadedUpdate,
} from '../../../../electron/core/updates/verify-update'
import { makeKeys, serveSignedFeed, type SignedFeed } from './signed-feed.fixture'

const keys = makeKeys()
let feed: SignedFeed
beforeEach(async () => {
  feed = await serveSignedFeed(keys)
})
afterEach(() => feed.close())

const verify = (overrides: Partial<Parameters<typeof verifyDownloadedUpdate>[0]> = {}) =>
  verifyDownloadedUpdate({
    feedUrl: feed.url,
    channel: 'latest',
    key: loadUpdateKey(keys.publicPem),
    downloadedFile: feed.downloadedFile,
    version: feed.version,
    allowHttp: true,
    platform: 'linux',
    arch: 'x64',
    ...overrides,
  })

/** The refusal's code, or 'accepted'. */
const verdict = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (err: unknown) => (err instanceof UpdateRefused ? err.code : `other: ${String(err)}`),
  )

describe('verifying a downloaded update', () => {
  it('accepts a signed feed and returns the signed entry and bytes for the install helper', async () => {
    const verified = await verify()
    expect(verified).toMatchObject({
      version: '0.2.0',
      metadataFile: 'latest-linux.yml',
      entry: { url: feed.packageName },
    })
    expect(verified.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/)
  })

  it('refuses a file altered after download', async () => {
    appendFileSync(feed.downloadedFile, 'x')
    expect(await verdict(verify())).toBe('UPDATE_FILE_TAMPERED')
    // Same size, other bytes: the hash decides.
    const same = await serveSignedFeed(keys)
    writeFileSync(same.downloadedFile, Buffer.alloc(Buffer.byteLength(`deb package 0.2.0 `) * 5000))
    expect(await verdict(verify({ feedUrl: same.url, downloadedFile: same.downloadedFile }))).toBe(
      'UPDATE_FILE_TAMPERED',
    )
    await same.close()
  })

  it('refuses altered metadata (a hash swapped in after signing)', async () => {
    const path = join(feed.dir, feed.metadataFile)
    const text = readFileSync(path, 'utf8')
    writeFileSync(path, text.replace('version: 0.2.0', 'version: 0.2.1'))
    expect(await verdict(verify({ version: '0.2.1' }))).toBe('UPDATE_SIGNATURE_INVALID')
  })

  it('refuses metadata signed with another key', async () => {
    feed.sign(makeKeys().privateKey)
    expect(await verdict(verify())).toBe('UPDATE_SIGNATURE_INVALID')
  })

  it('refuses a feed without a signature, or with a mangled one', async () => {
    writeFileSync(join(feed.dir, `${feed.metadataFile}.sig`), 'not base64 at all!\n')
    expect(await verdict(verify())).toBe('UPDATE_SIGNATURE_INVALID')
    rmSync(join(feed.dir, `${feed.metadataFile}.sig`))
    expect(await verdict(verify())).toBe('UPDATE_SIGNATURE_MISSING')
  })

  it('refuses signed metadata for another version, or without the downloaded file', async () => {
    expect(await verdict(verify({ version: '0.3.0' }))).toBe('UPDATE_METADATA_MISMATCH')
    const renamed = join(feed.downloadedFile, '..', 'hall-kiosk_0.2.0_arm64.deb')
    writeFileSync(renamed, 'x')
    expect(await verdict(verify({ downloadedFile: renamed }))).toBe('UPDATE_METADATA_MISMATCH')
  })

  it('gives no verdict when the feed cannot be read (tries again at the next check)', async () => {
    rmSync(join(feed.dir, feed.metadataFile))
    await expect(verify()).rejects.toBeInstanceOf(UpdateFeedUnreachable)
    await expect(verify({ feedUrl: 'http://127.0.0.1:1/feed/' })).rejects.toBeInstanceOf(
      UpdateFeedUnreachable,
    )
  })

  it('refuses an http feed unless allowed (demo), whatever its spelling', async () => {
    expect(await verdict(verify({ allowHttp: false }))).toBe('UPDATE_FEED_INSECURE')
    for (const url of [
      'http://u.example/',
      'HTTP://u.example/',
      ' http://u.example/',
      'ftp://u/',
    ]) {
      expect(() => assertSecureFeed(url, false), url).toThrow(UpdateRefused)
    }
    expect(() => assertSecureFeed('HTTPS://u.example/', false)).not.toThrow()
    expect(() => assertSecureFeed('ftp://u/', true)).toThrow(UpdateRefused)
  })

  it('reads the metadata file electron-updater reads for the platform and channel', () => {
    expect(channelFileName('latest', 'linux', 'x64')).toBe('latest-linux.yml')
    expect(channelFileName('beta', 'linux', 'arm64')).toBe('beta-linux-arm64.yml')
    expect(channelFileName('latest', 'win32', 'x64')).toBe('latest.yml')
  })
})

describe('the pinned key and the signed bytes', () => {
  it('the build pins an Ed25519 public key', () => {
    expect(loadUpdateKey(PINNED_UPDATE_KEY_PEM).asymmetricKeyType).toBe('ed25519')
  })

  it('refuses a key that is not Ed25519 or not a key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey
    for (const pem of [rsa.export({ type: 'spki', format: 'pem' }).toString(), 'garbage', '']) {
      expect(() => loadUpdateKey(pem)).toThrow(UpdateRefused)
    }
  })

  it('checks the exact bytes: a trailing newline added to signed metadata fails', () => {
    const key = loadUpdateKey(keys.publicPem)
    const bytes = Buffer.from('version: 1.0.0\n')
    const signature = sign(null, bytes, keys.privateKey).toString('base64')
    expect(() => checkMetadataSignature(bytes, ` ${signature}\n`, key)).not.toThrow()
    expect(() => checkMetadataSignature(Buffer.from('version: 1.0.0\n\n'), signature, key)).toThrow(
      UpdateRefused,
    )
  })

  it('parses with a safe schema: YAML tags that would run code are refused as unreadable', () => {
    const files = `files:\n  - url: a.deb\n    sha512: ${'A'.repeat(86)}==\n`
    expect(parseUpdateMetadata(Buffer.from(`version: 1.0.0\n${files}`)).version).toBe('1.0.0')
    expect(() =>
      parseUpdateMetadata(Buffer.from(`version: !!js/function "function(){}"\n${files}`)),
    ).toThrow(UpdateRefused)
  })
})
