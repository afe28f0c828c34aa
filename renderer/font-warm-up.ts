/**
 * The kiosk's fonts, laid out once while the page is idle after start-up. The first glyphs a font
 * family draws cost its file and the fallback look-up for scripts it lacks: a trace of the
 * interaction bench showed 45 ms of layout for 14 boxes on the first letter typed on the
 * certificate code keyboard (its monospace face's first Latin letters), against under 1 ms for
 * every later key. Laying out a line in each family and weight the style sheets name, while
 * nobody waits, moves that cost off the first touch that needs the face.
 */

/** Characters every face is warmed with: digits, Latin letters and the CJK the screens show. */
export const FONT_SAMPLE =
  '0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz ¥·—：，。住房公积金个人所得税证明查询打印'

const WEIGHTS = ['400', '700'] as const

/** Every `font-family` value in `sheets`, inside media and other grouping rules too. */
export function fontFamiliesOf(sheets: Iterable<CSSStyleSheet>): string[] {
  const families = new Set<string>()
  const visit = (rules: CSSRuleList) => {
    for (const rule of Array.from(rules)) {
      const style = (rule as CSSStyleRule).style
      const family = style?.fontFamily?.trim()
      if (family && family !== 'inherit') families.add(family)
      const nested = (rule as CSSGroupingRule).cssRules
      if (nested) visit(nested)
    }
  }
  for (const sheet of sheets) {
    let rules: CSSRuleList
    try {
      rules = sheet.cssRules
    } catch {
      continue // a cross-origin sheet: not the kiosk's own
    }
    visit(rules)
  }
  return [...families]
}

/**
 * A warm-up step (renderer/screen-warm-up.ts): lays out {@link FONT_SAMPLE} once in each family the
 * page's style sheets name, in regular and bold, out of sight and out of the accessibility tree,
 * then removes it.
 */
export function fontFaces(doc: Document = document): () => Promise<void> {
  return async () => {
    const families = fontFamiliesOf(Array.from(doc.styleSheets))
    if (families.length === 0) return
    const probe = doc.createElement('div')
    probe.setAttribute('aria-hidden', 'true')
    probe.style.cssText =
      'position:fixed;left:-10000px;top:0;width:4000px;visibility:hidden;pointer-events:none'
    for (const family of families)
      for (const weight of WEIGHTS) {
        const line = doc.createElement('span')
        line.style.fontFamily = family
        line.style.fontWeight = weight
        line.textContent = FONT_SAMPLE
        probe.append(line)
      }
    doc.body.append(probe)
    // Reading a size makes the engine lay the lines out now: shaping is where faces load.
    void probe.getBoundingClientRect().height
    probe.remove()
  }
}
