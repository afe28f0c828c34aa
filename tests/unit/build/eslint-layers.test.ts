/**
 * The layer rules in eslint.config.mjs are live (docs/architecture.md, "Layers"): a forbidden import placed
 * in each layer is reported, and the imports each layer does make are not. In a flat config a
 * later block's `no-restricted-imports` replaces an earlier one's for the same file; the core's
 * bans on `main` and `preload` were once lost that way without any lint run noticing.
 *
 * Snippets are linted in memory at paths where real files sit (`lintText` with `filePath`), so
 * the config picks its blocks for them exactly as for the code.
 */
import { readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: resolve(ROOT, 'eslint.config.mjs') })
})

/** The rule ids (and messages) lint reports for `code` placed at `file`. */
async function lint(file: string, code: string) {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: resolve(ROOT, file) })
  return result.messages.map((m) => ({ rule: m.ruleId, message: m.message }))
}

/** The import `spec` at `file`, as its only line, is refused by the layer rule. */
async function expectRefused(file: string, spec: string) {
  const messages = await lint(file, `import '${spec}'`)
  expect(messages, `${spec} from ${file}`).toContainEqual(
    expect.objectContaining({ rule: 'no-restricted-imports' }),
  )
}

async function expectAllowed(file: string, spec: string) {
  expect(await lint(file, `import '${spec}'`), `${spec} from ${file}`).toEqual([])
}

type Case = [file: string, spec: string]

const refused: Case[] = [
  // The core: plain Node, below the hosts and the central service.
  ['electron/core/core.ts', '../main'],
  ['electron/core/core.ts', '../preload'],
  ['electron/core/core.ts', 'electron'],
  ['electron/core/core.ts', 'electron/main'],
  ['electron/core/core.ts', '../../renderer/stores/session'],
  ['electron/core/core.ts', '../shell/ipc'],
  ['electron/core/core.ts', '../web/host'],
  ['electron/core/core.ts', '../central/launch'],
  ['electron/core/core.ts', '../provision/provision'],
  ['electron/core/core.ts', '../../package.json'],
  ['electron/core/sync/outbox-push.ts', '../../main'],
  ['electron/core/sync/outbox-push.ts', '../../preload'],
  ['electron/core/sync/outbox-push.ts', '../../../renderer/i18n/en'],
  ['electron/core/sync/outbox-push.ts', '../../central/server'],
  ['electron/core/sync/outbox-push.ts', '../../web/host'],
  ['electron/core/sync/outbox-push.ts', '../../../../elsewhere'],
  ['electron/core/api/handlers.ts', '../../../tests/fixtures/print-documents'],
  // Layers inside the core (CORE_LAYERS): each folder imports only those below it.
  ['electron/core/store/outbox.ts', '../data/terminal-data'],
  ['electron/core/store/outbox.ts', '../sync'],
  ['electron/core/data/terminal-data.ts', '../sync'],
  ['electron/core/central/central-caller.ts', '../sync'],
  ['electron/core/central/central-caller.ts', '../identity/identity'],
  ['electron/core/devices/registry.ts', '../printing/print-service'],
  ['electron/core/devices/ga467/reader.ts', '../../store'],
  ['electron/core/printing/print-service.ts', '../identity/identity'],
  ['electron/core/sync/outbox-push.ts', '../fund/fund-service'],
  ['electron/core/sync/outbox-push.ts', '../terminal/centre-info'],
  ['electron/core/identity/identity.ts', '../fund/fund-service'],
  ['electron/core/help/help-desk.ts', '../supervisor/supervisor-mode'],
  ['electron/core/fund/context.ts', '../api/fund'],
  ['electron/core/fund/context.ts', '../api'],
  ['electron/core/fund/context.ts', '../core'],
  ['electron/core/fund/context.ts', '../core-lifecycle'],
  ['electron/core/fund/context.ts', '../hall-config'],
  ['electron/core/api/fund.ts', '../store'],
  ['electron/core/api/fund.ts', '../central'],
  ['electron/core/log.ts', './api/handlers'],
  ['electron/core/log.ts', './core'],
  // Every layer block still carries the core's own bans.
  ['electron/core/fund/context.ts', '../../main'],
  ['electron/core/fund/context.ts', '../../preload'],
  ['electron/core/fund/context.ts', 'electron'],
  ['electron/core/fund/context.ts', '../../web/host'],
  ['electron/core/fund/context.ts', '../../central/server'],
  ['electron/core/fund/context.ts', '../../../renderer/stores/session'],
  ['electron/core/devices/ga467/reader.ts', '../../../main'],
  ['electron/core/devices/ga467/reader.ts', '../../../../elsewhere'],
  // The bundled central service: stands alone on the contract.
  ['electron/central/server.ts', '../core/core'],
  ['electron/central/server.ts', '../web/host'],
  ['electron/central/server.ts', '../main'],
  ['electron/central/server.ts', 'electron'],
  ['electron/central/server.ts', '../../renderer/api/kiosk-api'],
  // The fleet service: stands alone on the contract.
  ['electron/fleet/server.ts', '../core/core'],
  ['electron/fleet/server.ts', '../central/drain-on-close'],
  ['electron/fleet/server.ts', 'electron'],
  // The web host: plain Node.
  ['electron/web/host.ts', 'electron'],
  ['electron/web/host.ts', '../shell/ipc'],
  ['electron/web/host.ts', '../preload'],
  ['electron/web/host.ts', '../../renderer/main'],
  // shared/: pure, and nothing from outside it.
  ['shared/api/contract.ts', 'node:fs'],
  ['shared/api/contract.ts', 'fs'],
  ['shared/api/contract.ts', 'electron'],
  ['shared/api/contract.ts', 'vue'],
  ['shared/api/contract.ts', '../../electron/core/core'],
  ['shared/api/contract.ts', '../../renderer/api/kiosk-api'],
  ['shared/api/contract.ts', '../../tests/fixtures/print-documents'],
  ['shared/api/contract.ts', '../../package.json'],
  ['shared/services.ts', '../build/scripts/dist.mjs'],
  // The renderer: a sandboxed page.
  ['renderer/stores/session.ts', 'node:path'],
  ['renderer/stores/session.ts', 'electron'],
  ['renderer/stores/session.ts', '../../electron/core/core'],
]

const allowed: Case[] = [
  ['electron/core/core.ts', './config'],
  ['electron/core/core.ts', '../../shared/api/contract'],
  ['electron/core/core.ts', 'node:fs'],
  ['electron/core/sync/outbox-push.ts', '../store'],
  ['electron/core/sync/outbox-push.ts', '../../../shared/central/signing'],
  ['electron/core/sync/outbox-push.ts', '../terminal/status'],
  ['electron/core/sync/outbox-push.ts', '../central'],
  ['electron/core/sync/outbox-push.ts', '../log'],
  ['electron/core/fund/context.ts', '../identity/identity'],
  ['electron/core/fund/context.ts', '../sync'],
  ['electron/core/fund/context.ts', './rules'],
  ['electron/core/fund/context.ts', '../../../shared/api'],
  ['electron/core/devices/ga467/reader.ts', '../driver'],
  ['electron/core/data/terminal-data.ts', '../store'],
  ['electron/core/api/fund.ts', '../fund/fund-service'],
  ['electron/core/core.ts', './api/fund'],
  ['electron/core/core-lifecycle.ts', './api/supervisor'],
  ['electron/core/hall-config.ts', './hall-config-file'],
  ['electron/central/server.ts', '../../shared/central/signing'],
  ['electron/central/server.ts', './rules'],
  ['electron/fleet/server.ts', '../../shared/fleet/contract'],
  ['electron/web/host.ts', '../core/core'],
  ['electron/web/host.ts', '../central/drain-on-close'],
  ['shared/api/contract.ts', '../central/signing'],
  ['shared/api/contract.ts', './result'],
  ['shared/services.ts', './devices'],
  ['renderer/stores/session.ts', '../../shared/api/contract'],
]

describe('layer rules', () => {
  it.each(refused)('%s may not import %s', expectRefused)
  it.each(allowed)('%s may import %s', expectAllowed)

  it('every folder of the core has its row in the layer table', async () => {
    const config = pathToFileURL(resolve(ROOT, 'eslint.config.mjs')).href
    const { CORE_LAYERS } = (await import(config)) as { CORE_LAYERS: Record<string, string[]> }
    const folders = readdirSync(resolve(ROOT, 'electron/core'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
    expect(Object.keys(CORE_LAYERS).sort()).toEqual(folders.sort())
  })

  it('shared/ uses no global of only the page or only Node', async () => {
    for (const code of ['document.title = "x"', 'window.alert("x")', 'process.exit(1)']) {
      expect(await lint('shared/services.ts', code), code).toContainEqual(
        expect.objectContaining({ rule: 'no-restricted-globals' }),
      )
    }
    expect(
      await lint('shared/services.ts', 'globalThis.crypto.getRandomValues(new Uint8Array(4))'),
    ).toEqual([])
  })
})
