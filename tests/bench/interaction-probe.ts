/**
 * The in-page side of the interaction bench: installed before the kiosk's own scripts
 * (`context.addInitScript`, which the page's CSP does not govern), it watches every touch the way
 * a resident makes it and what the page does in answer. Nothing here knows the journeys; the bench
 * drives the kiosk with the e2e helpers and reads the records afterwards.
 *
 * Per interaction (one `pointerdown` starts one, labelled by the nearest `data-testid`):
 * - **Event Timing** (the measure behind INP: input delay + processing + presentation):
 *   `PerformanceObserver({ type: 'event', durationThreshold: 16 })` and `first-input`. Chromium
 *   reports only events of 16 ms or more, in steps of 8 ms; a touch with no entry answered faster.
 * - **Answer**: from the touch to the first frame painted after the last change to the page it
 *   caused: changes to the DOM chained to the touch (each within CHAIN_MS of the touch, of a change
 *   before it or of an answer from the core), less the time spent waiting for `/api/…` answers
 *   (the core and the centre behind it). This covers what Event Timing cannot see: a screen drawn
 *   after its lazy chunk arrived, or after the centre answered. Status-bar changes (clock,
 *   connection) and `session.extend` (nobody waits for it) are not the touch's.
 */
export interface ProbeEventEntry {
  name: string
  startTime: number
  duration: number
  processingStart: number
  processingEnd: number
  interactionId: number
  label: string
}

export interface ProbeInteraction {
  t0: number
  label: string
  screen: string
  /** `/api/<method>` calls started while this touch was the latest, with their times. */
  waits: { method: string; start: number; end: number | null }[]
  lastCaused: number
  paintedAt: number | null
}

export interface ProbeRecords {
  interactions: ProbeInteraction[]
  /** The app's own code and styles fetched after start (lazy chunks), by start time. */
  code: { name: string; startTime: number }[]
  events: ProbeEventEntry[]
  firstInput: ProbeEventEntry | null
}

/** Runs in the page before its scripts. Keep it self-contained: it is serialised. */
export function installInteractionProbe(chainMs: number): void {
  const records: ProbeRecords = { interactions: [], code: [], events: [], firstInput: null }
  ;(window as unknown as { __latency: ProbeRecords }).__latency = records
  let current: ProbeInteraction | null = null

  const labelOf = (target: EventTarget | null): string => {
    const el = target instanceof Element ? target : null
    if (!el) return '?'
    const key = el.closest('[data-skbtn]')
    if (key) return `pinyin-key:${key.getAttribute('data-skbtn')}`
    if (el.closest('.hg-candidate-box-list-item')) return 'pinyin-candidate'
    const tagged = el.closest('[data-testid]')
    if (tagged) return tagged.getAttribute('data-testid') ?? '?'
    return `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''}`
  }
  const screenNow = () => document.querySelector('main[data-screen]')?.getAttribute('data-screen')

  const probePaint = (interaction: ProbeInteraction) =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (interaction.paintedAt === null || interaction.paintedAt < interaction.lastCaused)
          interaction.paintedAt = performance.now()
      }, 0),
    )
  const caused = (interaction: ProbeInteraction, at: number): boolean => {
    if (at - interaction.lastCaused <= chainMs) return true
    return interaction.waits.some((w) => w.end !== null && at >= w.end && at - w.end <= chainMs)
  }

  addEventListener(
    'pointerdown',
    (event) => {
      current = {
        t0: event.timeStamp,
        label: labelOf(event.target),
        screen: screenNow() ?? '',
        waits: [],
        lastCaused: event.timeStamp,
        paintedAt: null,
      }
      records.interactions.push(current)
      probePaint(current)
      // For the trace summary: where this touch is on the trace's clock.
      performance.mark(`touch|${current.label}|${event.timeStamp}|${performance.now()}`)
    },
    true,
  )

  new MutationObserver((mutations) => {
    const interaction = current
    if (!interaction) return
    const mine = mutations.some((m) => {
      const node = m.target instanceof Element ? m.target : m.target.parentElement
      return !node?.closest('.status-bar')
    })
    const now = performance.now()
    if (!mine || !caused(interaction, now)) return
    interaction.lastCaused = now
    probePaint(interaction)
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })

  const originalFetch = window.fetch.bind(window)
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = /\/api\/([\w.]+)/.exec(url)?.[1]
    const interaction = current
    if (!method || method === 'events' || method === 'session.extend' || !interaction)
      return originalFetch(input, init)
    const wait = { method, start: performance.now(), end: null as number | null }
    interaction.waits.push(wait)
    const response = await originalFetch(input, init)
    const json = response.json.bind(response)
    response.json = async () => {
      try {
        return (await json()) as unknown
      } finally {
        wait.end = performance.now()
      }
    }
    return response
  }

  const keep = (entry: PerformanceEventTiming): ProbeEventEntry => ({
    name: entry.name,
    startTime: entry.startTime,
    duration: entry.duration,
    processingStart: entry.processingStart,
    processingEnd: entry.processingEnd,
    interactionId:
      (entry as PerformanceEventTiming & { interactionId?: number }).interactionId ?? 0,
    label: labelOf(entry.target),
  })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      records.events.push(keep(entry as PerformanceEventTiming))
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit)
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (/\/assets\/[^?]+\.(js|css)$/.test(entry.name))
        records.code.push({ name: entry.name.split('/').pop() ?? '', startTime: entry.startTime })
  }).observe({ type: 'resource', buffered: true })
  new PerformanceObserver((list) => {
    const [entry] = list.getEntries()
    if (entry) records.firstInput = keep(entry as PerformanceEventTiming)
  }).observe({ type: 'first-input', buffered: true })
}

/** One interaction as the bench reports it. */
export interface MeasuredInteraction {
  /** The touch's `pointerdown` time (page clock, ms). */
  t0: number
  label: string
  screen: string
  /** Longest Event Timing entry of the touch; null: every event under 16 ms. */
  eventMs: number | null
  /** Its split: input delay, processing, presentation (ms). */
  split: [number, number, number] | null
  /**
   * How much of that entry's duration the page spent waiting for the core (ms): a touch that
   * starts a call and changes the screen only when it answers (printing) has its Event Timing
   * entry end at the first frame after the answer, so the wait is inside it.
   */
  eventWaitMs: number
  /** Touch → painted answer, less the waits for the core (ms). */
  answerMs: number
  /** Time spent waiting for the core and the centre (ms, union of the calls). */
  centreMs: number
  methods: string[]
  /** Lazy chunks fetched in answer to the touch (a screen's first visit since start). */
  code: string[]
}

const unionLength = (spans: [number, number][]): number => {
  let total = 0
  let end = -Infinity
  for (const [a, b] of [...spans].sort((x, y) => x[0] - y[0])) {
    if (b <= end) continue
    total += b - Math.max(a, end)
    end = b
  }
  return total
}

/** Joins the page's records into one figure set per touch. */
export function measure(records: ProbeRecords): MeasuredInteraction[] {
  const touches = records.interactions
  return touches.map((touch, i) => {
    const next = touches[i + 1]?.t0 ?? Infinity
    const mine = records.events.filter(
      (e) => e.interactionId > 0 && e.startTime >= touch.t0 - 1 && e.startTime < next - 1,
    )
    const worst = mine.reduce<ProbeEventEntry | null>(
      (w, e) => (w === null || e.duration > w.duration ? e : w),
      null,
    )
    const end = touch.paintedAt ?? touch.lastCaused
    const spans = touch.waits
      .filter((w) => w.end !== null && w.start <= touch.lastCaused)
      .map((w) => [w.start, Math.min(w.end!, touch.lastCaused)] as [number, number])
    const centreMs = unionLength(spans)
    const eventEnd = worst ? worst.startTime + worst.duration : 0
    const eventWaitMs = worst
      ? unionLength(
          touch.waits
            .filter((w) => w.end !== null && w.start < eventEnd && w.end > worst.startTime)
            .map((w) => [Math.max(w.start, worst.startTime), Math.min(w.end!, eventEnd)]),
        )
      : 0
    return {
      t0: touch.t0,
      label: touch.label,
      screen: touch.screen,
      eventMs: worst?.duration ?? null,
      split: worst
        ? [
            worst.processingStart - worst.startTime,
            worst.processingEnd - worst.processingStart,
            worst.startTime + worst.duration - worst.processingEnd,
          ]
        : null,
      eventWaitMs,
      answerMs: Math.max(0, end - touch.t0 - centreMs),
      centreMs,
      methods: touch.waits.map((w) => w.method),
      code: records.code
        .filter((c) => c.startTime >= touch.t0 && c.startTime < next && c.startTime <= end)
        .map((c) => c.name),
    }
  })
}
