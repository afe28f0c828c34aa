/**
 * Reads a Chromium trace of an interaction-bench pass and says where the main thread's time went
 * during the worst touches: the renderer's tasks in each touch's window, by activity (script,
 * style, layout, paint…), and the longest script functions by name and source position. Each
 * touch is found on the trace's clock by the `touch|label|t0|now` mark the probe sets on
 * `pointerdown`. Also runnable on a saved trace: `node --import tsx tests/bench/trace-summary.ts
 * <trace.json> <touches.json>`.
 */
import { readFileSync } from 'node:fs'
import type { MeasuredInteraction } from './interaction-probe'

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'toplevel',
  'loading',
  // Samples of the renderer's JavaScript: self time by function during a touch.
  'disabled-by-default-v8.cpu_profiler',
]

interface ProfileNode {
  id: number
  parent?: number
  callFrame: { functionName?: string; url?: string; lineNumber?: number }
}

/** The sampling profile of `pid`'s main isolate as (trace time in µs, function) samples. */
function profileSamples(events: TraceEvent[], pid: number): { ts: number; fn: string }[] {
  const start = events.find((e) => e.name === 'Profile' && e.pid === pid)
  if (!start) return []
  const id = (start as TraceEvent & { id?: string }).id
  let time = Number((start.args?.data as { startTime?: number } | undefined)?.startTime ?? start.ts)
  const nodes = new Map<number, string>()
  const samples: { ts: number; fn: string }[] = []
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid) continue
    if (id !== undefined && (e as TraceEvent & { id?: string }).id !== id) continue
    const data = e.args?.data as
      | {
          cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }
          timeDeltas?: number[]
        }
      | undefined
    for (const node of data?.cpuProfile?.nodes ?? []) {
      const { functionName, url, lineNumber } = node.callFrame
      const file = (url ?? '').split('/').pop() ?? ''
      nodes.set(node.id, `${functionName || '(anonymous)'} ${file}:${(lineNumber ?? -1) + 1}`)
    }
    const ids = data?.cpuProfile?.samples ?? []
    const deltas = data?.timeDeltas ?? []
    for (const [i, node] of ids.entries()) {
      time += deltas[i] ?? 0
      samples.push({ ts: time, fn: nodes.get(node) ?? '?' })
    }
  }
  return samples
}

interface TraceEvent {
  name: string
  cat?: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string; data?: Record<string, unknown> }
}

/** Activities counted under each task, outermost occurrence only. */
const ACTIVITIES = [
  'EventDispatch',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'RunMicrotasks',
  'v8.compile',
  'EvaluateScript',
  'v8.evaluateModule',
  'ParseHTML',
  'ParseAuthorStyleSheet',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'HitTest',
]

const ms = (us: number) => (us / 1000).toFixed(1)

type Touch = MeasuredInteraction & { figure: number }

export function summariseTrace(path: string, touches: Touch[]): string {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] }
  const events = Array.isArray(raw) ? raw : raw.traceEvents
  const marks = events.filter((e) => e.name.startsWith('touch|'))
  if (marks.length === 0) return `${path}: no touch marks in the trace\n`
  const { pid } = marks[0]!
  const main = events.find(
    (e) =>
      e.ph === 'M' &&
      e.name === 'thread_name' &&
      e.pid === pid &&
      e.args?.name === 'CrRendererMain',
  )
  const tid = main?.tid ?? marks[0]!.tid
  const thread = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur)
  const tasks = thread.filter(
    (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask',
  )
  const samples = profileSamples(events, pid)
  const interval =
    samples.length > 1 ? (samples.at(-1)!.ts - samples[0]!.ts) / (samples.length - 1) : 0
  const lines: string[] = []
  for (const [rank, touch] of touches.entries()) {
    const mark = marks.find((m) => {
      const [, label, t0] = m.name.split('|')
      return label === touch.label && Math.abs(Number(t0) - touch.t0) < 0.01
    })
    const split = touch.split
      ? ` = delay ${Math.round(touch.split[0])} + processing ${Math.round(touch.split[1])} + presentation ${Math.round(touch.split[2])}`
      : ''
    const calls = touch.methods.length ? ` (${touch.methods.join(', ')})` : ''
    lines.push(
      `#${rank + 1} ${touch.label} on ${touch.screen}: ${Math.round(touch.figure)} ms; Event Timing ` +
        `${touch.eventMs ?? '<16'}${split}; centre ${Math.round(touch.centreMs)} ms${calls}`,
    )
    if (!mark) {
      lines.push('   (no mark in the trace)')
      continue
    }
    const [, , t0, now] = mark.name.split('|').map(Number)
    const start = mark.ts - (now! - t0!) * 1000
    const end = start + (touch.figure + touch.centreMs + 20) * 1000
    const mine = tasks.filter((t) => t.ts < end && t.ts + t.dur! > start)
    const busy = mine.reduce((sum, t) => sum + t.dur!, 0)
    const longest = mine.reduce((m, t) => Math.max(m, t.dur!), 0)
    lines.push(`   main thread: ${ms(busy)} ms in ${mine.length} tasks, longest ${ms(longest)} ms`)
    const inside = thread.filter((e) => mine.some((t) => e.ts >= t.ts && e.ts < t.ts + t.dur!))
    const byActivity = new Map<string, number>()
    for (const name of ACTIVITIES) {
      let lastEnd = -Infinity
      let total = 0
      for (const e of inside.filter((x) => x.name === name).sort((a, b) => a.ts - b.ts)) {
        if (e.ts < lastEnd) continue
        total += e.dur!
        lastEnd = e.ts + e.dur!
      }
      if (total >= 500) byActivity.set(name, total)
    }
    lines.push(
      '   by activity: ' +
        [...byActivity.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([name, us]) => `${name} ${ms(us)}`)
          .join(', '),
    )
    const functions = inside
      .filter((e) => e.name === 'FunctionCall' && e.dur! >= 1000)
      .sort((a, b) => b.dur! - a.dur!)
      .slice(0, 4)
      .map((e) => {
        const d = e.args?.data ?? {}
        const file = String(d.url ?? '')
          .split('/')
          .pop()
        return `${String(d.functionName || '(anonymous)')} ${file}:${String(d.lineNumber ?? '?')} ${ms(e.dur!)}`
      })
    if (functions.length) lines.push('   longest calls: ' + functions.join('; '))
    const self = new Map<string, number>()
    for (const sample of samples)
      if (sample.ts >= start && sample.ts < end && !/^\((idle|program|root)\)/.test(sample.fn))
        self.set(sample.fn, (self.get(sample.fn) ?? 0) + interval)
    const hot = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6)
    if (hot.length)
      lines.push(
        '   JS self time (sampled): ' + hot.map(([fn, us]) => `${fn} ${ms(us)}`).join('; '),
      )
  }
  return lines.join('\n') + '\n'
}

if (require.main === module) {
  const [trace, touchesFile] = process.argv.slice(2)
  if (!trace || !touchesFile) {
    console.error('usage: trace-summary.ts <trace.json> <touches.json> [count]')
    process.exit(2)
  }
  const touches = JSON.parse(readFileSync(touchesFile, 'utf8')) as Touch[]
  const count = Number(process.argv[4] ?? 8)
  process.stdout.write(
    summariseTrace(trace, [...touches].sort((a, b) => b.figure - a.figure).slice(0, count)),
  )
}
