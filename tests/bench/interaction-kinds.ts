/**
 * How the interaction bench groups touches, and what it asks of each group (this machine,
 * unthrottled / CPU ×4). A touch's kind follows from what was touched and whether the page then
 * waited for the core: keys of the keypads and of the pinyin keyboard, the two switches, the
 * pagers, and navigation with or without a call to the core. A touch that had to fetch a lazy
 * chunk first (the first visit of a screen since the kiosk started, once a day) is a kind of its
 * own, so that it neither hides nor inflates what residents meet the rest of the day.
 */
import type { MeasuredInteraction } from './interaction-probe'

export type InteractionKind =
  'keypad' | 'keyboard' | 'local' | 'paging' | 'centre' | 'switch' | 'firstVisit'

export interface KindSpec {
  title: string
  /** p95 targets in ms: unthrottled, CPU ×4; none where nothing is asked. */
  targets?: [number, number]
  /** Event Timing alone (synchronous answers), or the painted answer too (screens drawn later). */
  figure: 'event' | 'answer'
}

export const KINDS: Record<InteractionKind, KindSpec> = {
  keypad: { title: 'keypad key', targets: [16, 50], figure: 'event' },
  keyboard: { title: 'pinyin keyboard key', targets: [16, 50], figure: 'event' },
  local: { title: 'local navigation', targets: [50, 100], figure: 'answer' },
  paging: { title: 'list paging (centre time subtracted)', targets: [50, 100], figure: 'answer' },
  centre: { title: 'navigation waiting for the centre (centre time subtracted)', figure: 'answer' },
  switch: { title: 'language / elder switch', targets: [100, 200], figure: 'answer' },
  firstVisit: {
    title: "first visit: touch that loads a screen's code (centre time subtracted)",
    figure: 'answer',
  },
}

/** Keys of the digit keypads (identity, PIN, phone) and the certificate code keyboard. */
const KEYPAD = /^(key|pin|phone|code-key)-([0-9A-Z]|backspace|clear)$/
const PAGING = /^(page-(next|prev)|tax-page-(next|previous))$/
const SWITCHES = new Set(['language-switch', 'elder-toggle'])

export function kindOf(touch: MeasuredInteraction): InteractionKind {
  if (KEYPAD.test(touch.label)) return 'keypad'
  if (touch.label.startsWith('pinyin-')) return 'keyboard'
  // Once a day per screen (the page lives from boot to boot): reported apart from the rest.
  if (touch.code.length > 0) return 'firstVisit'
  if (SWITCHES.has(touch.label)) return 'switch'
  if (PAGING.test(touch.label)) return 'paging'
  return touch.methods.length > 0 ? 'centre' : 'local'
}

/**
 * The figure a touch is judged by. Event Timing reports only events of 16 ms or more: a touch
 * without an entry counts as 16 ms (an upper bound). Where the screen is drawn after the touch's
 * handlers returned (a lazy chunk, the centre's answer), the painted answer counts when longer;
 * the time spent waiting for the core is taken out of both.
 */
export function figureOf(touch: MeasuredInteraction, kind: InteractionKind): number {
  const event = touch.eventMs ?? 16
  if (KINDS[kind].figure === 'event') return event
  // Centre time is subtracted from both: a screen that changes only when the core answers ends
  // its Event Timing entry at the frame after the answer (a print: 2.4 s, of which 2.39 s waiting).
  return Math.max(event - touch.eventWaitMs, touch.answerMs)
}
