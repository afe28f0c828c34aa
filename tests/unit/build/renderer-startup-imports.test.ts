/**
 * What the renderer's start-up script is made of: the modules renderer/main.ts reaches through
 * static imports (dynamic `import()`s are chunks of their own, loaded later). Every module there is
 * fetched, compiled and evaluated before attract can render, so start-up may use only the stack
 * (Vue, Pinia, vue-router, vue-i18n, VueUse): zod and the contract's schemas cost ~40 ms of
 * evaluation at start-up on this machine, for a regular expression (docs/architecture.md,
 * Renderer start-up).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')

/** Value imports and re-exports of a module's source (type-only ones are erased by the build). */
export function staticImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const found: string[] = []
  const fromClause = /^\s*(import|export)\s+(?!type\b)([^;'"]*?)\s+from\s+['"]([^'"]+)['"]/gm
  for (const m of code.matchAll(fromClause)) found.push(m[3]!)
  for (const m of code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push(m[1]!)
  return found
}

/** The script blocks of a single-file component, or the file itself. */
function scriptOf(file: string): string {
  const text = readFileSync(file, 'utf8')
  if (!file.endsWith('.vue')) return text
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
}

function resolveLocal(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')])
    if (existsSync(candidate) && /\.(ts|vue)$/.test(candidate)) return candidate
  return null
}

/** The packages and local files reached from `entry` through static imports. */
function startupGraph(entry: string): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>()
  const files = new Set<string>()
  const queue = [entry]
  while (queue.length) {
    const file = queue.pop()!
    if (files.has(file)) continue
    files.add(file)
    for (const spec of staticImports(scriptOf(file))) {
      if (spec.startsWith('.')) {
        const local = resolveLocal(file, spec)
        if (local) queue.push(local)
      } else {
        const parts = spec.split('/')
        packages.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!)
      }
    }
  }
  return { packages, files }
}

describe('renderer start-up imports', () => {
  it('reads value imports and skips type-only ones', () => {
    const source = [
      "import { a } from './a'",
      "import type { B } from './b'",
      'import {',
      '  c,',
      '  type D,',
      "} from './c'",
      "import './d.css'",
      "export * from './e'",
      "export type { F } from './f'",
      "// import { g } from './g'",
      "const lazy = () => import('./h')",
    ].join('\n')
    expect(staticImports(source).sort()).toEqual(['./a', './c', './d.css', './e'])
  })

  it('loads only the stack at start-up: no zod, no contract schemas', () => {
    const { packages, files } = startupGraph(join(ROOT, 'renderer/main.ts'))
    expect([...packages].sort()).toEqual(['@vueuse/core', 'pinia', 'vue', 'vue-i18n', 'vue-router'])
    const contract = [...files].filter((f) => /shared[\\/](central|api[\\/]methods)[\\/]/.test(f))
    expect(contract).toEqual([])
  })
})
