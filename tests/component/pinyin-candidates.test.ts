/**
 * The pinyin keyboard's candidate look-up by map answers exactly what simple-keyboard's own
 * look-up (a regular expression a syllable) answers, for any text: the longest syllable the text
 * before the caret ends with, letters compared without case
 * (renderer/components/help/pinyin-candidates.ts).
 */
import fc from 'fast-check'
import Keyboard from 'simple-keyboard'
import chinese from 'simple-keyboard-layouts/build/layouts/chinese'
import { describe, expect, it } from 'vitest'
import { pinyinLookup } from '../../renderer/components/help/pinyin-candidates'

const candidates = (chinese as { layoutCandidates?: Record<string, string> }).layoutCandidates!

/** simple-keyboard's own answer, from its prototype, with the caret at the end of `text`. */
function libraryAnswer(text: string, table: Record<string, string> = candidates) {
  const self = {
    options: { layoutCandidates: table, layoutCandidatesCaseSensitiveMatch: false },
    getCaretPositionEnd: () => text.length,
    utilities: { escapeRegex: (s: string) => s.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&') },
  }
  return (
    Keyboard.prototype.getInputCandidates as (this: typeof self, input: string) => unknown
  ).call(self, text)
}

describe('pinyin candidates', () => {
  const lookUp = pinyinLookup(candidates)

  it('finds the longest syllable at the end, in any case, and nothing after a non-letter', () => {
    expect(Object.keys(candidates).length).toBeGreaterThan(300)
    expect(lookUp('我想说zhuang')).toEqual({
      candidateKey: 'zhuang',
      candidateValue: candidates['zhuang'],
    })
    expect(lookUp('ZHong')).toMatchObject({ candidateKey: 'zhong' })
    expect(lookUp('ni hao ')).toEqual({})
    expect(lookUp('')).toEqual({})
  })

  it('answers as simple-keyboard does for any text', () => {
    const syllables = Object.keys(candidates)
    const piece = fc.oneof(
      fc.constantFrom(...syllables),
      fc.constantFrom(...syllables).map((s) => s.toUpperCase()),
      fc.constantFrom('中', '，', ' ', '1', 'x', 'Q', 'v', '?'),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const text = pieces.join('')
        expect(lookUp(text)).toEqual(libraryAnswer(text))
      }),
      { numRuns: 500 },
    )
  })
})
