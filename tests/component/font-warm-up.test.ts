/**
 * The fonts' warm-up lays out a line in every family the style sheets name (media rules too), in
 * regular and bold, hidden from sight and from assistive technology, and leaves nothing behind
 * (renderer/font-warm-up.ts).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { FONT_SAMPLE, fontFaces, fontFamiliesOf } from '../../renderer/font-warm-up'

const addStyle = (css: string) => {
  const style = document.createElement('style')
  style.textContent = css
  document.head.append(style)
  return style
}

afterEach(() => {
  document.head.innerHTML = ''
  document.body.innerHTML = ''
})

describe('font warm-up', () => {
  it('finds every family the sheets name, nested rules included, once each', () => {
    addStyle(`
      body { font-family: 'Noto Sans CJK SC', sans-serif }
      .code { font-family: ui-monospace, monospace; font-weight: 700 }
      @media (orientation: portrait) { .big { font-family: serif } }
      .again { font-family: ui-monospace, monospace }
      .plain { color: red; font-family: inherit }
    `)
    const families = fontFamiliesOf(Array.from(document.styleSheets))
    expect(families.map((f) => f.replaceAll('"', "'"))).toEqual([
      "'Noto Sans CJK SC', sans-serif",
      'ui-monospace, monospace',
      'serif',
    ])
  })

  it('lays the sample out in each family and weight, hidden, and removes it', async () => {
    addStyle(`.code { font-family: ui-monospace, monospace } .big { font-family: serif }`)
    const laidOut: { family: string; weight: string; text: string | null }[] = []
    let hidden: string | null = null
    const observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of Array.from(record.addedNodes)) {
          if (!(node instanceof HTMLElement)) continue
          hidden = node.getAttribute('aria-hidden')
          for (const line of Array.from(node.children) as HTMLElement[])
            laidOut.push({
              family: line.style.fontFamily,
              weight: line.style.fontWeight,
              text: line.textContent,
            })
        }
    })
    observer.observe(document.body, { childList: true })
    await fontFaces(document)()
    await new Promise((resolve) => setTimeout(resolve, 0))
    observer.disconnect()
    expect(hidden).toBe('true')
    expect(laidOut.map((l) => `${l.family}/${l.weight}`)).toEqual([
      'ui-monospace, monospace/400',
      'ui-monospace, monospace/700',
      'serif/400',
      'serif/700',
    ])
    expect(laidOut.every((l) => l.text === FONT_SAMPLE)).toBe(true)
    expect(document.body.children).toHaveLength(0)
  })
})
