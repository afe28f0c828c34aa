#!/usr/bin/env node
/**
 * Runs Electronegativity (@doyensec/electronegativity) on the Electron build output and fails when
 * it reports anything above LOW (Electron's security checklist). It reads the built
 * JavaScript, not the sources, because it parses neither TypeScript path aliases nor `.vue` files.
 *
 *   node build/scripts/electronegativity.mjs [dir …]     (default: out/main out/preload)
 *
 * Run `npm run build` first. The folders are copied into one temporary folder and scanned together:
 * the tool's global checks (navigation limits, permission handler, CSP) look across all the files
 * of one scan, so scanning the preload alone would report main's guards as missing. Uses the
 * programmatic API: the package's CLI does not start with the commander version npm resolves for it.
 *
 * The tool can only read a CSP written as a string literal at the point where it is set; ours is the
 * shared constant (shared/security/csp.ts), which it reports as "manual review". So the constant is
 * also evaluated here with the same evaluator the tool uses (@doyensec/csp-evaluator), failing on
 * any high or medium finding.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tsImport } from 'tsx/esm/api'

const require = createRequire(import.meta.url)
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const inputs = process.argv.slice(2).length
  ? process.argv.slice(2).map((p) => resolve(p))
  : [resolve(repo, 'out/main'), resolve(repo, 'out/preload')]

const missing = inputs.filter((p) => !existsSync(p))
if (missing.length) {
  console.error(
    `electronegativity: no build output at ${missing.join(', ')}; run npm run build first`,
  )
  process.exit(2)
}

const run = require('@doyensec/electronegativity')
const { severity } = require('@doyensec/electronegativity/dist/finder/attributes')
// Check against the Electron we ship, not whatever the tool would guess from the output folder.
const electronVersion = JSON.parse(
  readFileSync(require.resolve('electron/package.json'), 'utf8'),
).version

const scan = mkdtempSync(join(tmpdir(), 'electronegativity-'))
let failed = false
try {
  for (const input of inputs) cpSync(input, join(scan, basename(input)), { recursive: true })
  const { issues, errors } = await run({ input: scan, electronVersionOverride: electronVersion })
  for (const e of errors) {
    // A file the tool could not parse is a file it did not check: that is not a pass.
    console.log(
      `${e.tolerable ? 'warning' : 'ERROR'}: cannot parse ${relative(scan, e.file)}: ${e.message}`,
    )
    if (!e.tolerable) failed = true
  }
  for (const i of issues) {
    const above = i.severity.value > severity.LOW.value
    if (above) failed = true
    const file = i.file === 'N/A' ? '(global)' : relative(scan, i.file)
    console.log(
      `${above ? 'FAIL' : 'ok  '} ${i.severity.name}/${i.confidence.name} ${i.id} ` +
        `${file}:${i.location.line}:${i.location.column}${i.manualReview ? ' (manual review)' : ''}`,
    )
  }
  const scanned = inputs.map((p) => relative(repo, p) || p).join(' + ')
  console.log(
    `electronegativity ${scanned}: ${issues.length} finding(s), ${errors.length} parse problem(s)`,
  )
} finally {
  rmSync(scan, { recursive: true, force: true })
}
// The shared CSP itself, as the tool's CSP check would judge it had it been a literal.
const csp = require('@doyensec/csp-evaluator')
const { CONTENT_SECURITY_POLICY } = await tsImport('../../shared/security/csp.ts', import.meta.url)
const cspFindings = new csp.CspEvaluator(
  new csp.CspParser(CONTENT_SECURITY_POLICY).csp,
  csp.Version.CSP3,
).evaluate()
const serious = [csp.severities.HIGH, csp.severities.SYNTAX, csp.severities.MEDIUM]
for (const f of cspFindings) {
  const bad = serious.includes(f.severity)
  if (bad) failed = true
  const level = Object.keys(csp.severities).find((k) => csp.severities[k] === f.severity)
  console.log(`${bad ? 'FAIL' : 'ok  '} CSP ${level} ${f.directive}: ${f.description}`)
}
console.log(`electronegativity: shared CSP: ${cspFindings.length} finding(s)`)

if (failed) {
  console.error('electronegativity: findings above LOW (or unparsed files); see above')
  process.exit(1)
}
console.log('electronegativity: nothing above LOW')
