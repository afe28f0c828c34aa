/**
 * GA 467 frames, the one protocol every second-generation ID card reader's SAM speaks (GA 467-2013):
 * preamble `AA AA AA 96 69`, LEN (2 bytes big-endian: every byte after LEN, checksum included),
 * then the body, then CHK (XOR of LEN and body). A request's body is CMD PARA data; an answer's is
 * SW1 SW2 SW3 data. Pure code: the driver and the fake reader both use it.
 */

/** `AA AA AA 96 69`: starts every frame in both directions. */
export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69)

/**
 * The longest LEN accepted. The longest answer is "read base text and photo": 3 status bytes,
 * 2 + 2 length bytes, 256 text, 1024 photo, 1 checksum = 1288; the fingerprint variant adds 1024.
 * Anything longer is garbage that happens to follow a preamble.
 */
export const MAX_LEN = 2400

/** Commands the terminal sends (CMD, PARA). */
export const COMMANDS = {
  findCard: [0x20, 0x01],
  selectCard: [0x20, 0x02],
  readBase: [0x30, 0x01],
  samId: [0x12, 0xff],
} as const satisfies Record<string, readonly [number, number]>
export type CommandName = keyof typeof COMMANDS

/** SW3 values of the answers the driver acts on (SW1 SW2 are `00 00` on every answer). */
export const SW3 = {
  ok: 0x90,
  cardFound: 0x9f,
  noCard: 0x80,
  selectFailed: 0x81,
  readFailed: 0x41,
  samError: 0x60,
} as const

const xor = (bytes: Uint8Array, from: number, to: number): number => {
  let chk = 0
  for (let i = from; i < to; i++) chk ^= bytes[i]!
  return chk
}

/** Wraps a body (request or answer) into a frame with its LEN and checksum. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1
  if (len > MAX_LEN) throw new RangeError(`GA 467 body too long: ${body.length}`)
  const frame = new Uint8Array(PREAMBLE.length + 2 + len)
  frame.set(PREAMBLE, 0)
  frame[5] = len >> 8
  frame[6] = len & 0xff
  frame.set(body, 7)
  frame[frame.length - 1] = xor(frame, 5, frame.length - 1)
  return frame
}

/** A request frame: CMD PARA data. */
export function encodeRequest(
  command: readonly [number, number],
  data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const body = new Uint8Array(2 + data.length)
  body[0] = command[0]
  body[1] = command[1]
  body.set(data, 2)
  return encodeFrame(body)
}

/** An answer frame: `00 00 SW3` then data. */
export function encodeAnswer(sw3: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(3 + data.length)
  body[2] = sw3
  body.set(data, 3)
  return encodeFrame(body)
}

/** What the decoder found in the byte stream. */
export type FrameEvent =
  | { type: 'frame'; body: Uint8Array }
  /** `checksum`: the frame was whole but its XOR did not match; `length`: LEN out of range. */
  | { type: 'corrupt'; reason: 'checksum' | 'length' }

/**
 * A streaming decoder: bytes in, whole frames out, in order. Bytes before a preamble are dropped
 * (line noise, a reader's boot banner); a frame with a bad LEN or checksum is reported and skipped.
 * A partial frame stays buffered until the rest arrives or {@link FrameDecoder.reset} drops it (the
 * driver's answer timeout turns a short frame into a clear status). Never throws; memory is bounded
 * by {@link MAX_LEN}.
 */
export class FrameDecoder {
  private buffer = new Uint8Array(0)

  /** Bytes held back waiting for the rest of a frame. */
  get pending(): number {
    return this.buffer.length
  }

  /** Drops whatever was buffered (before a new command, after a timeout). */
  reset(): void {
    this.buffer = new Uint8Array(0)
  }

  /** Feeds bytes; returns the events they completed. */
  push(chunk: Uint8Array): FrameEvent[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length)
    joined.set(this.buffer, 0)
    joined.set(chunk, this.buffer.length)
    let buf = joined
    const events: FrameEvent[] = []
    for (;;) {
      const start = indexOfPreamble(buf)
      if (start < 0) {
        // Keep a tail that may be the start of a preamble split across chunks.
        buf = buf.slice(Math.max(0, buf.length - (PREAMBLE.length - 1)))
        break
      }
      buf = buf.subarray(start)
      if (buf.length < PREAMBLE.length + 2) break
      const len = (buf[5]! << 8) | buf[6]!
      // The shortest body is a request's CMD PARA (2 bytes) + CHK.
      if (len < 3 || len > MAX_LEN) {
        events.push({ type: 'corrupt', reason: 'length' })
        buf = buf.subarray(1)
        continue
      }
      const total = PREAMBLE.length + 2 + len
      if (buf.length < total) break
      if (xor(buf, 5, total - 1) !== buf[total - 1]) {
        events.push({ type: 'corrupt', reason: 'checksum' })
      } else {
        events.push({ type: 'frame', body: buf.slice(7, total - 1) })
      }
      buf = buf.subarray(total)
    }
    this.buffer = buf.slice()
    return events
  }
}

function indexOfPreamble(buf: Uint8Array): number {
  outer: for (let i = 0; i + PREAMBLE.length <= buf.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (buf[i + j] !== PREAMBLE[j]) continue outer
    return i
  }
  return -1
}

/** An answer's parts, or null when the body is too short to be one. */
export function parseAnswer(
  body: Uint8Array,
): { sw: [number, number, number]; data: Uint8Array } | null {
  if (body.length < 3) return null
  return { sw: [body[0]!, body[1]!, body[2]!], data: body.subarray(3) }
}

/** A request's parts, or null when the body is too short to be one. */
export function parseRequest(
  body: Uint8Array,
): { command: [number, number]; data: Uint8Array } | null {
  if (body.length < 2) return null
  return { command: [body[0]!, body[1]!], data: body.subarray(2) }
}

/** The text and photo of a "read base" answer's data, or null when the lengths do not add up. */
export function splitBaseData(data: Uint8Array): { text: Uint8Array; photo: Uint8Array } | null {
  if (data.length < 4) return null
  const textLen = (data[0]! << 8) | data[1]!
  const photoLen = (data[2]! << 8) | data[3]!
  if (textLen !== 256 || data.length !== 4 + textLen + photoLen) return null
  return { text: data.subarray(4, 4 + textLen), photo: data.subarray(4 + textLen) }
}

/** Builds a "read base" answer's data from text (256 bytes) and photo (usually 1024). */
export function joinBaseData(text: Uint8Array, photo: Uint8Array): Uint8Array {
  const data = new Uint8Array(4 + text.length + photo.length)
  data[0] = text.length >> 8
  data[1] = text.length & 0xff
  data[2] = photo.length >> 8
  data[3] = photo.length & 0xff
  data.set(text, 4)
  data.set(photo, 4 + text.length)
  return data
}
