/**
 * Hand-held scanners (QR and barcode) plug in as a USB keyboard and type what they read, then
 * Enter. They are told apart from a person by timing alone: a scanner sends a character every
 * few milliseconds, a person typing fast (about 10 characters a second) leaves 60 ms or more
 * between keys, and never a whole run of them under the 35 ms {@link SCANNER_DEFAULTS} allow.
 *
 * Only screens that take a code use this. It never interferes with keys until it is sure: the
 * characters of a run go on to the page as usual (kiosk screens have on-screen keypads, no
 * focused text field for them to land in), and only the Enter that ends a fast enough, long
 * enough run is kept from the page (so it cannot also press a focused button) and reported as a
 * scan. A run that turns out not to be one reports nothing: a resident's own typing is never a
 * scan.
 */
import { useEventListener } from '@vueuse/core'
import { readonly, ref, shallowRef, type Ref, type ShallowRef } from 'vue'

/** One scan: the text the scanner typed (without its Enter) and when it ended (event time, ms). */
export interface ScannerScan {
  text: string
  at: number
}

export interface UseScannerInputOptions {
  /** Where keys are heard, in the capture phase (before the page's handlers). Default `window`. */
  target?: Window | Document | HTMLElement
  /**
   * The longest gap between two keys of one scan, in ms. Default 35: scanners send a key every
   * 1–20 ms; a person's gaps are 60 ms and more.
   */
  maxGapMs?: number
  /** The fewest characters a scan has. Default 6: shorter runs could be a person's rollover. */
  minLength?: number
  /**
   * The keys a scanner ends a scan with. Default `['Enter']` (scanners' factory setting); add
   * `'Tab'` for scanners configured with a Tab suffix.
   */
  terminators?: readonly string[]
  /**
   * Which scans this screen claims. A refused one is left alone: nothing reported, its Enter
   * goes on to the page. Default: every scan (a screen that must answer a wrong code with an
   * error takes everything and judges the text itself).
   */
  accept?: (text: string) => boolean
  /** Called with each claimed scan's text. */
  onScan?: (text: string) => void
  /** Start listening at once. Default true. */
  immediate?: boolean
}

export interface UseScannerInputReturn {
  /** Whether scans are being listened for (false after `pause()`). */
  active: Readonly<Ref<boolean>>
  /** The latest claimed scan, or null. */
  lastScan: Readonly<ShallowRef<ScannerScan | null>>
  /** Stops taking scans (a run in progress is forgotten). */
  pause: () => void
  /** Takes scans again. */
  resume: () => void
}

/** The defaults of {@link UseScannerInputOptions}, in one place for screens and tests to read. */
export const SCANNER_DEFAULTS = {
  maxGapMs: 35,
  minLength: 6,
  terminators: ['Enter'],
} as const

/** No scanned code is this long; a longer run is a stuck key or something else, not a scan. */
const MAX_SCAN_LENGTH = 512
/** Keys a scanner presses around characters (Shift for capitals) without being part of the text. */
const LONE_MODIFIERS = new Set(['Shift', 'CapsLock'])

/** Recognises scanner bursts on the keyboard for as long as the calling scope lives. */
export function useScannerInput(options: UseScannerInputOptions = {}): UseScannerInputReturn {
  const {
    target = window,
    maxGapMs = SCANNER_DEFAULTS.maxGapMs,
    minLength = SCANNER_DEFAULTS.minLength,
    terminators = SCANNER_DEFAULTS.terminators,
    accept = () => true,
    onScan,
    immediate = true,
  } = options
  const active = ref(immediate)
  const lastScan = shallowRef<ScannerScan | null>(null)

  /**
   * The characters of the current fast run and the time of its last key. A run broken by
   * something no scanner sends (a shortcut, a held key, an arrow) is spoiled until the next slow
   * key: its tail is not a scan of its own.
   */
  let run = ''
  let spoiled = false
  let lastKeyAt = Number.NEGATIVE_INFINITY
  const spoil = (at: number) => {
    run = ''
    spoiled = true
    lastKeyAt = at
  }
  /** After a terminator or a pause the next key starts afresh. */
  const restart = () => {
    run = ''
    spoiled = false
    lastKeyAt = Number.NEGATIVE_INFINITY
  }

  function onKeydown(event: KeyboardEvent): void {
    if (!active.value) return
    // Event time, not handler time: keys queued behind a busy page keep their real gaps.
    const at = event.timeStamp
    // An input method composing, a shortcut, or a held key is a person at a keyboard.
    if (event.isComposing || event.key === 'Process' || event.repeat) return spoil(at)
    if (event.ctrlKey || event.altKey || event.metaKey) return spoil(at)
    if (LONE_MODIFIERS.has(event.key)) return
    const fast = at - lastKeyAt <= maxGapMs
    if (terminators.includes(event.key)) {
      const text = run
      const scan = fast && !spoiled && text.length >= minLength
      restart()
      if (!scan || !accept(text)) return
      event.preventDefault()
      event.stopImmediatePropagation()
      lastScan.value = { text, at }
      onScan?.(text)
      return
    }
    if (event.key.length !== 1 || (fast && spoiled)) return spoil(at)
    run = fast ? run + event.key : event.key
    spoiled = false
    lastKeyAt = at
    if (run.length > MAX_SCAN_LENGTH) spoil(at)
  }

  useEventListener(target, 'keydown', onKeydown as EventListener, { capture: true })

  return {
    active: readonly(active),
    lastScan: readonly(lastScan) as Readonly<ShallowRef<ScannerScan | null>>,
    pause: () => {
      active.value = false
      restart()
    },
    resume: () => {
      active.value = true
    },
  }
}
