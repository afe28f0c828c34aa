/**
 * The web host's token: at least 32 characters or the host does not start; `npm run start:web`
 * says why on the console and exits non-zero before it starts anything.
 */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startWebHost } from '../../../electron/web/host'
import { MIN_TOKEN_LENGTH, WebTokenError, webTokenFromEnv } from '../../../electron/web/token'
import { testCore } from '../core/core.fixture'

const ROOT = resolve(__dirname, '../../..')

describe('web host token', () => {
  it('is random per launch when unset, and long enough', () => {
    const a = webTokenFromEnv({})
    const b = webTokenFromEnv({})
    expect(a.length).toBeGreaterThanOrEqual(MIN_TOKEN_LENGTH)
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(a).not.toBe(b)
  })

  it('takes KIOSK_WEB_TOKEN when it has 32 characters or more', () => {
    const token = 'x'.repeat(MIN_TOKEN_LENGTH)
    expect(webTokenFromEnv({ KIOSK_WEB_TOKEN: token })).toBe(token)
  })

  it.each(['', 'short', 'x'.repeat(MIN_TOKEN_LENGTH - 1)])(
    'refuses KIOSK_WEB_TOKEN=%j with a clear message',
    (token) => {
      expect(() => webTokenFromEnv({ KIOSK_WEB_TOKEN: token })).toThrow(WebTokenError)
      expect(() => webTokenFromEnv({ KIOSK_WEB_TOKEN: token })).toThrow(
        `KIOSK_WEB_TOKEN must be at least 32 characters (it has ${token.length})`,
      )
    },
  )

  it('startWebHost refuses an empty or short token before it listens', async () => {
    const { core } = await testCore()
    for (const token of ['', 'y'.repeat(31)]) {
      await expect(
        startWebHost({ core, rendererDir: '/nonexistent', port: 0, token }),
      ).rejects.toThrow(WebTokenError)
    }
  })

  it('npm run start:web prints the reason and exits non-zero', () => {
    const run = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [join(ROOT, 'electron', 'web', 'cli.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, KIOSK_WEB_TOKEN: 'too-short', KIOSK_WEB_PORT: '0' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    )
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      'hall-kiosk web host failed to start: KIOSK_WEB_TOKEN must be at least 32 characters (it has 9)',
    )
    expect(run.stderr).not.toContain('    at ')
    expect(run.stdout).not.toContain('ready')
  }, 60_000)
})
