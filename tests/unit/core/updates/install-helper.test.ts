/**
 * build/linux/hall-kiosk-install-update, the root helper that installs a deb the kiosk handed
 * over: run for real with bash and openssl, fed by the terminal's own hand-off
 * (electron/core/updates/install-spool.ts) from a signed feed. dpkg, dpkg-deb, dpkg-query and
 * systemctl are stand-ins on PATH that record what they were asked (version comparison is the
 * real dpkg's where there is one).
 */
import { execFile } from 'node:child_process'
import { sign } from 'node:crypto'
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { handOffToInstallHelper } from '../../../../electron/core/updates/install-spool'
import { loadUpdateKey } from '../../../../electron/core/updates/signed-metadata'
import { verifyDownloadedUpdate } from '../../../../electron/core/updates/verify-update'
import { makeKeys, serveSignedFeed, type SignedFeed } from './signed-feed.fixture'

const HELPER = resolve('build/linux/hall-kiosk-install-update')
const run = promisify(execFile)
const haveDpkg = existsSync('/usr/bin/dpkg')

const keys = makeKeys()
let feed: SignedFeed
let root: string
let spool: string
let calls: string
beforeEach(async () => {
  feed = await serveSignedFeed(keys)
  root = mkdtempSync(join(tmpdir(), 'install-helper-'))
  spool = join(root, 'spool')
  mkdirSync(spool)
  calls = join(root, 'calls.log')
  writeFileSync(join(root, 'key.pem'), keys.publicPem)
  const bin = join(root, 'bin')
  mkdirSync(bin)
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`)
    chmodSync(join(bin, name), 0o755)
  }
  stub(
    'dpkg',
    [
      `if [ "$1" = --compare-versions ]; then`,
      haveDpkg ? `  exec /usr/bin/dpkg "$@"` : `  [ "$2" != "$4" ]; exit $?`,
      `fi`,
      `echo "dpkg $*" >> '${calls}'`,
    ].join('\n'),
  )
  stub('dpkg-deb', `[ "$3" = Package ] && echo hall-kiosk || echo "$FAKE_NEW_VERSION"`)
  stub('dpkg-query', `echo -n "$FAKE_INSTALLED"`)
  stub('systemctl', `echo "systemctl $*" >> '${calls}'`)
})
afterEach(() => feed.close())

/** The terminal's part: verify, then hand over to the spool. */
async function handOff(): Promise<void> {
  const verified = await verifyDownloadedUpdate({
    feedUrl: feed.url,
    channel: 'latest',
    key: loadUpdateKey(keys.publicPem),
    downloadedFile: feed.downloadedFile,
    version: feed.version,
    allowHttp: true,
    platform: 'linux',
    arch: 'x64',
  })
  await handOffToInstallHelper(spool, feed.downloadedFile, verified)
}

async function helper(env: { installed?: string; newVersion?: string } = {}) {
  const result = await run('bash', [HELPER], {
    env: {
      PATH: `${join(root, 'bin')}:/usr/bin:/bin`,
      HALL_KIOSK_UPDATE_SPOOL: spool,
      HALL_KIOSK_UPDATE_WORK: join(root, 'work'),
      HALL_KIOSK_UPDATE_KEY: join(root, 'key.pem'),
      FAKE_INSTALLED: env.installed ?? '0.1.0',
      FAKE_NEW_VERSION: env.newVersion ?? '0.2.0',
    },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, out: stdout + stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({
      code: err.code,
      out: err.stdout + err.stderr,
    }),
  )
  const log = existsSync(calls) ? readFileSync(calls, 'utf8') : ''
  return { ...result, installed: log.includes('dpkg -i'), log }
}

describe('the root install helper', () => {
  it('installs a handed-over deb whose signature and sha512 check, then restarts the kiosk', async () => {
    await handOff()
    const result = await helper()
    expect(result.code).toBe(0)
    expect(result.log).toBe(
      `dpkg -i ${feed.packageName}\nsystemctl try-restart hall-kiosk.service\n`,
    )
    expect(existsSync(join(spool, 'request'))).toBe(false) // the path unit does not fire again
  })

  it('refuses a package swapped in the spool after the hand-off', async () => {
    await handOff()
    appendFileSync(join(spool, feed.packageName), 'evil')
    const result = await helper()
    expect(result).toMatchObject({ code: 1, installed: false })
    expect(result.out).toMatch(/does not match the signed sha512/)
  })

  it('refuses metadata altered in the spool', async () => {
    await handOff()
    appendFileSync(join(spool, 'latest-linux.yml'), '# more\n')
    const result = await helper()
    expect(result).toMatchObject({ code: 1, installed: false })
    expect(result.out).toMatch(/does not match the pinned key/)
  })

  it('refuses a hand-off signed with another key (forged into the spool)', async () => {
    const bytes = readFileSync(join(feed.dir, 'latest-linux.yml'))
    writeFileSync(join(spool, feed.packageName), readFileSync(feed.downloadedFile))
    writeFileSync(join(spool, 'latest-linux.yml'), bytes)
    const signature = sign(null, bytes, makeKeys().privateKey).toString('base64')
    writeFileSync(join(spool, 'latest-linux.yml.sig'), signature)
    writeFileSync(
      join(spool, 'request'),
      `package=${feed.packageName}\nmetadata=latest-linux.yml\n`,
    )
    const result = await helper()
    expect(result).toMatchObject({ code: 1, installed: false })
    expect(result.out).toMatch(/does not match the pinned key/)
  })

  it('refuses a request without a signature, or naming a path', async () => {
    await handOff()
    rmSync(join(spool, 'latest-linux.yml.sig'))
    expect(await helper()).toMatchObject({ code: 1, installed: false })
    writeFileSync(join(spool, 'request'), 'package=../../etc/x.deb\nmetadata=latest-linux.yml\n')
    const result = await helper()
    expect(result).toMatchObject({ code: 1, installed: false })
    expect(result.out).toMatch(/bad package name/)
  })

  it('refuses an older signed release (no way back to an old version)', async () => {
    await handOff()
    const result = await helper({ installed: '0.3.0', newVersion: '0.2.0' })
    expect(result).toMatchObject({ code: 1, installed: false })
    expect(result.out).toMatch(/not newer/)
  })
})
