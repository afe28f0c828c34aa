// Nothing acknowledged is lost, tested: a child process enqueues outbox items and prints
// "ACK <key>" after each durable enqueue; we SIGKILL it at random moments hundreds of times, restart
// it, and every restart must find every acknowledged key and PRAGMA integrity_check = ok.
//
// The child is bundled once with esbuild (which tsx ships) so that each restart costs a plain
// `node` start-up rather than tsx's; without esbuild it falls back to `node --import tsx`.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultWasmPath } from '../../electron/core/store'

const KILL_TARGET = Number(process.env.STORE_CRASH_KILLS ?? 320)
// About 65 s for 320 kills on an idle two-core machine; the budget leaves room for a busy one
// (each restart is a node start-up plus a wasm compile), and stays under the fault project's
// 240 s test timeout.
const TIME_BUDGET_MS = Number(process.env.STORE_CRASH_BUDGET_MS ?? 170_000)

const repoRoot = resolve(__dirname, '../..')
const fixture = join(__dirname, 'fixtures/outbox-writer.ts')
let command: { file: string; args: string[] }
let dataDir: string
const children = new Set<ChildProcess>()

interface Verdict {
  acked: number
  rows: number
  missing: string[]
  missingCount: number
  integrity: string
  issues: string[]
}

interface RunOutcome {
  acks: string[]
  verdict?: Verdict
  exitSignal: NodeJS.Signals | null
  exitCode: number | null
  stderr: string
}

beforeAll(() => {
  const esbuild = join(repoRoot, 'node_modules/.bin/esbuild')
  if (existsSync(esbuild)) {
    const outDir = join(repoRoot, 'node_modules/.cache/store-crash')
    mkdirSync(outDir, { recursive: true })
    const outfile = join(outDir, 'outbox-writer.cjs')
    execFileSync(esbuild, [
      fixture,
      '--bundle',
      '--platform=node',
      '--format=cjs',
      '--external:sql.js',
      '--log-level=error',
      `--outfile=${outfile}`,
    ])
    command = { file: process.execPath, args: [outfile] }
  } else {
    command = { file: process.execPath, args: ['--import', 'tsx', fixture] }
  }
  dataDir = mkdtempSync(join(tmpdir(), 'kiosk-crash-'))
})

afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
  rmSync(dataDir, { recursive: true, force: true })
})

/** Runs the child once; `killAfter` decides when to SIGKILL it (or never, for verify-only). */
function runChild(
  args: string[],
  killPlan: { afterSpawnMs?: number; afterVerifyMs?: number },
): Promise<RunOutcome> {
  return new Promise((resolvePromise) => {
    const child = spawn(command.file, [...command.args, ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.add(child)
    const outcome: RunOutcome = { acks: [], exitSignal: null, exitCode: null, stderr: '' }
    let buffered = ''
    const kill = () => child.kill('SIGKILL')
    if (killPlan.afterSpawnMs !== undefined) setTimeout(kill, killPlan.afterSpawnMs)
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk
      let newline: number
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline)
        buffered = buffered.slice(newline + 1)
        if (line.startsWith('ACK ')) outcome.acks.push(line.slice(4))
        else if (line.startsWith('VERIFY ')) {
          outcome.verdict = JSON.parse(line.slice(7)) as Verdict
          if (killPlan.afterVerifyMs !== undefined) setTimeout(kill, killPlan.afterVerifyMs)
        }
      }
    })
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => (outcome.stderr += chunk))
    child.on('close', (code, signal) => {
      children.delete(child)
      // A partial last line (no newline) is not an acknowledgement.
      outcome.exitCode = code
      outcome.exitSignal = signal
      resolvePromise(outcome)
    })
  })
}

describe('store crash safety (SIGKILL during writes)', () => {
  it(`keeps every acknowledged outbox item and an intact database across ${KILL_TARGET} kills`, async () => {
    const wasmPath = defaultWasmPath()
    const ackedFile = join(dataDir, 'acked-keys.txt')
    const started = Date.now()
    let kills = 0
    let killsBeforeVerify = 0
    let verifications = 0
    let totalAcks = 0
    const issueCounts: Record<string, number> = {}
    const failures: string[] = []

    while (kills < KILL_TARGET && Date.now() - started < TIME_BUDGET_MS) {
      // Mostly kill while writing; sometimes during start-up (replay, fold, migration).
      const plan =
        Math.random() < 0.25
          ? { afterSpawnMs: 30 + Math.random() * 150 }
          : { afterVerifyMs: Math.random() * 60 }
      const outcome = await runChild([dataDir, wasmPath, `r${kills}`, ackedFile], plan)
      if (outcome.exitSignal !== 'SIGKILL') {
        failures.push(
          `run ${kills} ended with code ${outcome.exitCode}: ${outcome.stderr.slice(0, 500)}`,
        )
        break
      }
      kills++
      if (outcome.verdict) {
        verifications++
        const v = outcome.verdict
        for (const code of v.issues) issueCounts[code] = (issueCounts[code] ?? 0) + 1
        if (v.missingCount > 0 || v.integrity !== 'ok') {
          failures.push(`after kill ${kills - 1}: ${JSON.stringify(v)}`)
        }
      } else {
        killsBeforeVerify++
      }
      if (outcome.acks.length > 0) appendFileSync(ackedFile, outcome.acks.join('\n') + '\n')
      totalAcks += outcome.acks.length
      if (failures.length > 0) break
    }

    const final = await runChild([dataDir, wasmPath, 'final', ackedFile, 'verify-only'], {})
    const elapsedS = ((Date.now() - started) / 1000).toFixed(1)
    console.log(
      `store crash test: ${kills} SIGKILLs in ${elapsedS} s (${killsBeforeVerify} during start-up), ` +
        `${verifications} verified restarts, ${totalAcks} acknowledged items, ` +
        `final ${JSON.stringify(final.verdict)}, issues at open ${JSON.stringify(issueCounts)}`,
    )

    expect(failures).toEqual([])
    expect(final.exitCode).toBe(0)
    expect(final.verdict).toMatchObject({ missingCount: 0, integrity: 'ok', acked: totalAcks })
    expect(final.verdict!.rows).toBeGreaterThanOrEqual(totalAcks)
    expect(kills, `only ${kills} kills fitted in the time budget`).toBeGreaterThanOrEqual(
      Math.min(KILL_TARGET, 300),
    )
    // A SIGKILL cannot tear a write(2) the kernel accepted, so no recovery should ever be needed.
    expect(issueCounts.STORE_RECOVERED ?? 0).toBe(0)
  })
})
