/**
 * The pinyin keyboard's candidate look-up: which pinyin syllable ends the text before the caret,
 * and its characters. simple-keyboard answers this on every key by building one regular
 * expression per syllable of the layout (404 in the Chinese one) and running each over the whole
 * text; traces of the interaction bench put that at 10 ms a key here and 40–110 ms with the CPU
 * slowed ×4. The same answer — the longest syllable the text ends with, letters compared without
 * case — comes from looking up the text's last few letters in a map.
 */

/** What simple-keyboard expects back: the syllable and its characters, or nothing. */
export type CandidateMatch =
  { candidateKey: string; candidateValue: string } | Record<string, never>

/** A look-up over `candidates` (syllable → characters, as simple-keyboard-layouts ships them). */
export function pinyinLookup(
  candidates: Record<string, string>,
  caseSensitive = false,
): (textBeforeCaret: string) => CandidateMatch {
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase())
  const keys = new Map<string, string>()
  let longest = 0
  for (const key of Object.keys(candidates)) {
    if (key.length === 0) continue
    keys.set(fold(key), key)
    longest = Math.max(longest, key.length)
  }
  const none: CandidateMatch = {}
  return (text): CandidateMatch => {
    for (let length = Math.min(longest, text.length); length > 0; length--) {
      const key = keys.get(fold(text.slice(-length)))
      if (key !== undefined) return { candidateKey: key, candidateValue: candidates[key]! }
    }
    return none
  }
}
