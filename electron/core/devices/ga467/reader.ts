/**
 * The GA 467 ID card reader driver: a real reader on a serial port, behind the same
 * {@link CardReaderDriver} interface as the simulated one. It opens the port, checks the SAM
 * (`12 FF`), looks for a card (`20 01`) only while somebody waits for one (`onCard` listeners: a
 * screen asking for a card), and reads on demand (`20 01`, `20 02`, `30 01`). Every exchange has a
 * deadline, so a silent, slow or babbling reader ends in a status, never a hang; an unplugged
 * reader is looked for again every `retryMs` until it is back.
 *
 * Privacy: the driver keeps no card data. The WLT photo is never decoded (the centre compares the
 * face with its own record) and its bytes are overwritten as soon as the text is decoded; the
 * card goes to the caller, which holds address and photo only until the face check.
 */
import type { DeviceStatusCode } from '../../../../shared/devices'
import type { CardPresenceEvent, CardReadResult, CardReaderDriver } from '../driver'
import { createStatusCell } from '../simulated'
import { decodeBaseText } from './base-text'
import {
  COMMANDS,
  FrameDecoder,
  SW3,
  encodeRequest,
  parseAnswer,
  splitBaseData,
  type CommandName,
} from './frame'
import {
  openSerialPort,
  SerialOpenError,
  type OpenSerialLink,
  type SerialLink,
} from './serial-link'

export interface Ga467ReaderOptions {
  /** The port, e.g. `/dev/ttyUSB0`, `/dev/hall-id-reader`, `COM3`. */
  path: string
  /** Default 115200 (most readers; some older ones use 9600). */
  baudRate?: number
  clock: () => Date
  /** How often a waited-for card is looked for (default 300 ms). */
  pollMs?: number
  /**
   * Deadline of a short answer (SAM id, find, select; default 900 ms). A SAM answers these in tens
   * of milliseconds; the margin is for a busy machine, and still puts a silent reader's status on
   * screen within 2 s.
   */
  answerMs?: number
  /** Deadline of the "read base" answer: the SAM talks to the chip first (default 1500 ms). */
  readAnswerMs?: number
  /** How soon an unplugged, silent or failing reader is tried again, port reopened (default 1000 ms). */
  retryMs?: number
  /**
   * While idle, how often the SAM is asked for its id (default 1000 ms; 0: never), so an unplugged
   * or hung reader shows before a resident needs it. It does not touch the card field.
   */
  heartbeatMs?: number
  /** Test seam; default `serialport`. */
  openLink?: OpenSerialLink
}

type Exchange =
  { kind: 'answer'; sw3: number; data: Uint8Array } | { kind: 'timeout' | 'corrupt' | 'closed' }

/** Status details this driver reports (staff words: `deviceDetails.*`). */
type Ga467Detail =
  | 'NO_READER'
  | 'PORT_DENIED'
  | 'READER_SILENT'
  | 'SAM_ERROR'
  | 'FRAME_CORRUPT'
  | 'CARD_UNREADABLE'
  | 'CARD_REMOVED'
  | 'READING_CARD'

/** The GA 467 reader driver; `path` is the port it was given. */
export type Ga467CardReader = CardReaderDriver & { readonly path: string; dispose(): void }

/** Creates the driver and starts opening the port (UNAVAILABLE / NOT_RESPONDING until then). */
export function createGa467CardReader(options: Ga467ReaderOptions): Ga467CardReader {
  const baudRate = options.baudRate ?? 115200
  const pollMs = options.pollMs ?? 300
  const answerMs = options.answerMs ?? 900
  const readAnswerMs = options.readAnswerMs ?? 1500
  const retryMs = options.retryMs ?? 1000
  const heartbeatMs = options.heartbeatMs ?? 1000
  const openLink = options.openLink ?? openSerialPort
  const cell = createStatusCell(
    'cardReader',
    options.clock,
    'UNAVAILABLE',
    'NOT_RESPONDING',
    'NOT_ASKED_YET',
  )
  const cardListeners = new Set<(event: CardPresenceEvent) => void>()
  const decoder = new FrameDecoder()
  let link: SerialLink | null = null
  let disposed = false
  let present = false
  let reading = false
  let lane: Promise<unknown> = Promise.resolve()
  let pending: { resolve: (e: Exchange) => void } | null = null
  let retryTimer: NodeJS.Timeout | null = null
  let pollTimer: NodeJS.Timeout | null = null
  let heartbeatTimer: NodeJS.Timeout | null = null

  const setStatus = (code: DeviceStatusCode, detail?: Ga467Detail) =>
    cell.set(code === 'OK' ? 'READY' : 'UNAVAILABLE', code, detail)

  const setPresent = (now: boolean) => {
    if (now === present) return
    present = now
    for (const listener of [...cardListeners]) listener(now ? 'inserted' : 'removed')
  }

  /** One command, one answer (or its failure); exchanges never overlap on the wire. */
  function exchange(name: CommandName, deadlineMs: number): Promise<Exchange> {
    const run = lane.then(
      () =>
        new Promise<Exchange>((resolve) => {
          const current = link
          if (!current || disposed) return resolve({ kind: 'closed' })
          // After a stall of the whole process (a busy machine), the timer and the answer are due
          // together and timers run first: let the I/O waiting in this turn land before deciding.
          const timer = setTimeout(
            () => setImmediate(() => finish({ kind: link === current ? 'timeout' : 'closed' })),
            deadlineMs,
          )
          let done = false
          const finish = (result: Exchange) => {
            if (done) return
            done = true
            clearTimeout(timer)
            pending = null
            resolve(result)
          }
          // Bytes before the flush are stale: only what follows our request answers it.
          void current.flush().then(() => {
            if (done) return
            if (link !== current) return finish({ kind: 'closed' })
            decoder.reset()
            pending = { resolve: finish }
            current.write(encodeRequest(COMMANDS[name]))
          })
        }),
    )
    lane = run
    return run
  }

  function onBytes(bytes: Uint8Array) {
    for (const event of decoder.push(bytes)) {
      if (!pending) continue // late or unasked: dropped
      if (event.type === 'corrupt') {
        pending.resolve({ kind: 'corrupt' })
        continue
      }
      const answer = parseAnswer(event.body)
      if (!answer) pending.resolve({ kind: 'corrupt' })
      else pending.resolve({ kind: 'answer', sw3: answer.sw[2], data: answer.data })
    }
  }

  /** A failed exchange's status; schedules the health check that brings the reader back. */
  function fault(result: Exchange) {
    if (disposed) return
    if (result.kind === 'closed') setStatus('OFFLINE', 'NO_READER')
    else if (result.kind === 'timeout') setStatus('NOT_RESPONDING', 'READER_SILENT')
    else if (result.kind === 'corrupt') setStatus('HARDWARE_ERROR', 'FRAME_CORRUPT')
    else setStatus('HARDWARE_ERROR', 'SAM_ERROR')
    present = false
    scheduleRetry()
  }

  function scheduleRetry() {
    if (disposed || retryTimer) return
    retryTimer = setTimeout(() => {
      retryTimer = null
      // Reopen rather than ask again: a reader plugged back is a new device behind the same name,
      // and the old descriptor may never hear from it.
      const old = link
      link = null
      old?.close()
      void connect()
    }, retryMs)
    retryTimer.unref?.()
  }

  async function connect() {
    if (disposed || link) return
    let opened: SerialLink
    try {
      opened = await openLink(options.path, baudRate)
    } catch (err) {
      const code = err instanceof SerialOpenError ? err.code : 'other'
      if (code === 'denied') setStatus('PERMISSION_DENIED', 'PORT_DENIED')
      else setStatus('OFFLINE', 'NO_READER')
      scheduleRetry()
      return
    }
    if (disposed) return opened.close()
    link = opened
    opened.onData(onBytes)
    opened.onEnd(() => {
      if (link !== opened) return
      link = null
      pending?.resolve({ kind: 'closed' })
      fault({ kind: 'closed' })
    })
    await checkSam()
  }

  /** Asks the SAM for its id: the reader is READY when it answers properly. */
  async function checkSam() {
    const answer = await exchange('samId', answerMs)
    if (disposed) return
    if (answer.kind === 'answer' && answer.sw3 === SW3.ok && answer.data.length === 16) {
      // A heartbeat leaves a READY status alone (its detail says how the last card went).
      if (cell.get().state === 'UNAVAILABLE') setStatus('OK')
      updatePolling()
    } else fault(answer)
  }

  function scheduleHeartbeat() {
    if (disposed || heartbeatMs <= 0 || heartbeatTimer) return
    heartbeatTimer = setTimeout(async () => {
      // Card polling and reads talk to the reader anyway; a fault has its own retry.
      if (link && !reading && !pollTimer && cell.get().state === 'READY') await checkSam()
      heartbeatTimer = null
      scheduleHeartbeat()
    }, heartbeatMs)
    heartbeatTimer.unref?.()
  }

  /** Looks for a card while anyone listens and the reader is free. */
  function updatePolling() {
    const wanted = !disposed && cardListeners.size > 0 && cell.get().state === 'READY'
    if (!wanted) {
      if (pollTimer) clearTimeout(pollTimer)
      pollTimer = null
      // Nobody is looking: presence is unknown, and the next wait starts with a fresh look.
      if (cardListeners.size === 0) present = false
      return
    }
    if (pollTimer) return
    pollTimer = setTimeout(async () => {
      if (!reading) {
        const answer = await exchange('findCard', answerMs)
        if (answer.kind !== 'answer') fault(answer)
        else if (!reading) setPresent(answer.sw3 === SW3.cardFound)
      }
      pollTimer = null
      updatePolling()
    }, pollMs)
    pollTimer.unref?.()
  }

  /** After a failed select or read: was the card pulled away, or is it the chip? */
  async function afterCardFailure(): Promise<Ga467Detail> {
    const again = await exchange('findCard', answerMs)
    if (again.kind === 'answer' && again.sw3 === SW3.noCard) {
      setPresent(false)
      return 'CARD_REMOVED'
    }
    return 'CARD_UNREADABLE'
  }

  async function read(): Promise<CardReadResult> {
    const found = await exchange('findCard', answerMs)
    if (found.kind !== 'answer') return faulted(found)
    if (found.sw3 !== SW3.cardFound) {
      setPresent(false)
      setStatus('OK')
      return { ok: false, reason: 'NO_CARD' }
    }
    const selected = await exchange('selectCard', answerMs)
    if (selected.kind !== 'answer') return faulted(selected)
    if (selected.sw3 !== SW3.ok) return cardFailed(await afterCardFailure())
    const base = await exchange('readBase', readAnswerMs)
    if (base.kind !== 'answer') return faulted(base)
    const parts = base.sw3 === SW3.ok ? splitBaseData(base.data) : null
    if (!parts) return cardFailed(await afterCardFailure())
    const decoded = decodeBaseText(parts.text)
    // The WLT photo is not decoded and not kept: overwrite it where it lies.
    parts.photo.fill(0)
    base.data.fill(0)
    if (!decoded.ok) return cardFailed('CARD_UNREADABLE')
    setStatus('OK')
    return { ok: true, card: decoded.card }
  }

  const faulted = (result: Exchange): CardReadResult => {
    fault(result)
    return {
      ok: false,
      reason: result.kind === 'timeout' || result.kind === 'closed' ? 'UNAVAILABLE' : 'READ_ERROR',
    }
  }
  const cardFailed = (detail: Ga467Detail): CardReadResult => {
    cell.set('READY', 'OK', detail)
    return { ok: false, reason: detail === 'CARD_REMOVED' ? 'NO_CARD' : 'READ_ERROR' }
  }

  void connect()
  scheduleHeartbeat()

  return {
    kind: 'cardReader',
    description: `ga467:${options.path}@${baudRate}`,
    path: options.path,
    status: cell.get,
    onStatus: cell.subscribe,
    hasCard: () => present,
    onCard(listener) {
      cardListeners.add(listener)
      updatePolling()
      return () => {
        cardListeners.delete(listener)
        updatePolling()
      }
    },
    async readCard() {
      if (cell.get().state !== 'READY' || reading) {
        return { ok: false, reason: cell.get().state === 'BUSY' ? 'READ_ERROR' : 'UNAVAILABLE' }
      }
      reading = true
      cell.set('BUSY', 'OK', 'READING_CARD')
      try {
        return await read()
      } catch {
        // Nothing above throws by design; a bug must still not leave the reader BUSY.
        setStatus('HARDWARE_ERROR', 'FRAME_CORRUPT')
        scheduleRetry()
        return { ok: false, reason: 'READ_ERROR' }
      } finally {
        reading = false
        if (cell.get().state === 'BUSY') setStatus('OK')
        updatePolling()
      }
    },
    dispose() {
      disposed = true
      if (retryTimer) clearTimeout(retryTimer)
      if (pollTimer) clearTimeout(pollTimer)
      if (heartbeatTimer) clearTimeout(heartbeatTimer)
      pending?.resolve({ kind: 'closed' })
      link?.close()
      link = null
      cell.clear()
      cardListeners.clear()
    },
  }
}
