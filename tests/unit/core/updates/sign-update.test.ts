/**
 * build/scripts/sign-update.mjs: what it signs, the terminal accepts; a key that is not the pinned
 * one signs nothing; a private key is never written into the repository.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import {
  checkMetadataSignature,
  loadUpdateKey,
} from '../../../../electron/core/updates/signed-metadata'

const run = (args: string[]) =>
  promisify(execFile)('node', ['build/scripts/sign-update.mjs', ...args]).then(
    () => 0,
    (err: { code: number }) => err.code,
  )

describe('sign-update.mjs', () => {
  it('signs metadata the terminal then accepts with the matching public key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sign-update-'))
    const pub = join(dir, 'pub.pem')
    expect(await run(['--generate-key', join(dir, 'k.pem'), '--public-key', pub])).toBe(0)
    const yml = join(dir, 'latest-linux.yml')
    writeFileSync(yml, 'version: 1.0.0\n')
    expect(await run(['--key', join(dir, 'k.pem'), '--public-key', pub, yml])).toBe(0)
    expect(() =>
      checkMetadataSignature(
        readFileSync(yml),
        readFileSync(`${yml}.sig`, 'utf8'),
        loadUpdateKey(readFileSync(pub, 'utf8')),
      ),
    ).not.toThrow()

    // Against the build's pinned key, this fresh key signs nothing.
    writeFileSync(yml, 'version: 1.0.1\n')
    expect(await run(['--key', join(dir, 'k.pem'), yml])).toBe(2)
    expect(readFileSync(`${yml}.sig`, 'utf8')).not.toBe('') // the old signature, not a new one
  })

  it('refuses to write a private key inside the repository', async () => {
    expect(await run(['--generate-key', 'build/leaked.pem'])).toBe(2)
    expect(existsSync('build/leaked.pem')).toBe(false)
  })
})
