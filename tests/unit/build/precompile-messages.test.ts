/**
 * The build's precompiled messages (build/precompile-messages.ts) render exactly as vue-i18n's JIT
 * compiler renders the same strings, for every message of both languages; the catalog transform
 * replaces message values only; a message vue-i18n cannot parse fails the build.
 */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { compileMessage, precompileCatalog } from '../../../build/precompile-messages'

type Tree = { [key: string]: Tree | string }

/** A renderer catalog (outside this project's type-checked files, hence loaded by path). */
async function catalog(file: string, name: string): Promise<Tree> {
  const module = (await import(resolve(__dirname, '../../../renderer/i18n', file))) as Record<
    string,
    Tree
  >
  return module[name]!
}

/** Every message of `tree` as [dotted key, text]. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value]] : leaves(value, `${prefix}${key}.`),
  )
}

/** `tree` with every message replaced by what the build puts there. */
function precompiled(tree: Tree): Tree {
  return Object.fromEntries(
    Object.entries(tree).map(([key, value]) => [
      key,
      typeof value === 'string' ? JSON.parse(compileMessage(value, key)) : precompiled(value),
    ]),
  )
}

describe('precompiled messages', () => {
  for (const [locale, file, name] of [
    ['zh-CN', 'zh-CN.ts', 'zhCN'],
    ['en', 'en.ts', 'en'],
  ] as const) {
    it(`renders every ${locale} message as the JIT compiler does`, async () => {
      const messages = leaves(await catalog(file, name))
      const jit = createI18n({
        legacy: false,
        locale,
        messages: { [locale]: await catalog(file, name) },
      })
      const built = createI18n({
        legacy: false,
        locale,
        messages: { [locale]: precompiled(await catalog(file, name)) },
      })
      expect(messages.length).toBeGreaterThan(300)
      for (const [key, text] of messages) {
        const params = Object.fromEntries(
          [...text.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => [m[1]!, `<${m[1]}>`]),
        )
        const expected = jit.global.t(key, params)
        expect(built.global.t(key, params), key).toBe(expected)
        // Not the key echoed back: the message was found and formatted.
        expect(expected, key).not.toBe(key)
      }
    })
  }

  it('replaces message values only: keys, imports, comments and code stay', () => {
    const source = [
      "import { more } from './more'",
      '/** A note: {not} a message. */',
      'export const words = {',
      "  'zh-CN': 'hello {name}',",
      '  plain: `static`,',
      "  list: ['one', 'two'],",
      '  nested: { deep: "deep" },',
      '  more,',
      '}',
    ].join('\n')
    const out = precompileCatalog(source, 'words.ts')
    expect(out).toContain("import { more } from './more'")
    expect(out).toContain('/** A note: {not} a message. */')
    expect(out).toContain("'zh-CN': {")
    expect(out).toContain('  more,\n')
    const object = out.slice(out.indexOf('{', out.indexOf('words =')))
    const words = new Function('more', `return ${object}`)(1) as Record<string, unknown>
    expect(words.plain).toEqual({ t: 0, b: { t: 2, i: [{ t: 3 }], s: 'static' } })
    expect(words['zh-CN']).toEqual({
      t: 0,
      b: {
        t: 2,
        i: [
          { t: 3, v: 'hello ' },
          { t: 4, k: 'name' },
        ],
      },
    })
    expect((words.list as unknown[]).length).toBe(2)
    expect((words.nested as { deep: unknown }).deep).toEqual({
      t: 0,
      b: { t: 2, i: [{ t: 3 }], s: 'deep' },
    })
  })

  it('fails the build on a message vue-i18n cannot parse', () => {
    expect(() => compileMessage('unclosed {name', 'zh-CN.ts')).toThrow(/zh-CN\.ts: message/)
  })
})
