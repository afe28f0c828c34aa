/**
 * Every animation in the renderer moves only `transform` and `opacity`, which the compositor runs
 * without repainting the page. Attract is on screen most of the day: its halo once animated
 * `box-shadow` and kept Chromium busy at ~40 % of a core while nobody touched the terminal
 * (measured with CDP Performance metrics; 15 % after the change, software compositing).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import postcss from 'postcss'
import { parse as parseSfc } from 'vue/compiler-sfc'
import { describe, expect, it } from 'vitest'

const RENDERER = resolve(__dirname, '../../../renderer')
const COMPOSITOR_ONLY = new Set(['transform', 'opacity'])

function stylesheets(dir: string): { file: string; css: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = join(dir, entry.name)
    if (entry.isDirectory()) return stylesheets(file)
    if (entry.name.endsWith('.css')) return [{ file, css: readFileSync(file, 'utf8') }]
    if (entry.name.endsWith('.vue'))
      return parseSfc(readFileSync(file, 'utf8')).descriptor.styles.map((s) => ({
        file,
        css: s.content,
      }))
    return []
  })
}

/** Properties each `@keyframes` of `css` animates, by name. */
function keyframeProperties(css: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>()
  postcss.parse(css).walkAtRules(/keyframes$/, (rule) => {
    const props = new Set<string>()
    rule.walkDecls((decl) => void props.add(decl.prop))
    found.set(rule.params, props)
  })
  return found
}

describe('renderer animations', () => {
  const sheets = stylesheets(RENDERER)

  it('finds the stylesheets and their keyframes', () => {
    expect(sheets.length).toBeGreaterThan(5)
    const names = sheets.flatMap(({ css }) => [...keyframeProperties(css).keys()])
    expect(names).toContain('attract-pulse')
  })

  it('move only transform and opacity', () => {
    const offenders = sheets.flatMap(({ file, css }) =>
      [...keyframeProperties(css)].flatMap(([name, props]) =>
        [...props]
          .filter((p) => !COMPOSITOR_ONLY.has(p))
          .map((p) => `${file.slice(RENDERER.length + 1)} @keyframes ${name}: ${p}`),
      ),
    )
    expect(offenders).toEqual([])
  })

  it('would catch a repainting animation', () => {
    const css = '@keyframes glow { from { box-shadow: 0 0 0 0 #fff } to { opacity: 0 } }'
    expect([...keyframeProperties(css).get('glow')!]).toEqual(['box-shadow', 'opacity'])
  })
})
