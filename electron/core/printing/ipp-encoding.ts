/**
 * IPP/1.1 on the wire (RFC 8010): operation ids, group and value tags, the status and state enums
 * the kiosk reacts to, and the encoder and decoder of requests and responses. No I/O here; ipp.ts
 * sends what this encodes.
 */

/** IPP operation ids used by the kiosk. */
export const IppOperation = {
  PrintJob: 0x0002,
  CancelJob: 0x0008,
  GetJobAttributes: 0x0009,
  GetPrinterAttributes: 0x000b,
} as const

/** Group delimiter tags. */
export const TAG = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
} as const

/** Value tags (RFC 8010 §3.5). */
export const VT = {
  unsupported: 0x10,
  unknown: 0x12,
  noValue: 0x13,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  octetString: 0x30,
  dateTime: 0x31,
  resolution: 0x32,
  rangeOfInteger: 0x33,
  begCollection: 0x34,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  endCollection: 0x37,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  uriScheme: 0x46,
  charset: 0x47,
  naturalLanguage: 0x48,
  mimeMediaType: 0x49,
  memberAttrName: 0x4a,
} as const

/** An attribute value as decoded: numbers for integer/enum, booleans, strings for text kinds. */
export type IppValue = number | boolean | string | null

/** An attribute to encode: its value tag and one or more values. */
export interface IppAttribute {
  tag: number
  name: string
  values: Array<string | number | boolean>
}

/** Attribute groups of a response, by group; each attribute maps to its list of values. */
export interface IppResponse {
  version: string
  statusCode: number
  requestId: number
  operation: Record<string, IppValue[]>
  job: Record<string, IppValue[]>
  printer: Record<string, IppValue[]>
  unsupported: Record<string, IppValue[]>
}

/** The printer-state enum (RFC 8011 §5.4.11). */
export const PRINTER_STATES = { 3: 'idle', 4: 'processing', 5: 'stopped' } as const
export type PrinterState = (typeof PRINTER_STATES)[keyof typeof PRINTER_STATES]

/** The job-state enum (RFC 8011 §5.3.7). */
export const JOB_STATES = {
  3: 'pending',
  4: 'pending-held',
  5: 'processing',
  6: 'processing-stopped',
  7: 'canceled',
  8: 'aborted',
  9: 'completed',
} as const
export type JobState = (typeof JOB_STATES)[keyof typeof JOB_STATES]

/** Job states after which nothing more happens to the job. */
export const TERMINAL_JOB_STATES: ReadonlySet<JobState> = new Set([
  'canceled',
  'aborted',
  'completed',
])

/** An IPP-level failure (transport errors are plain Errors with a `code` such as ECONNREFUSED). */
export class IppError extends Error {
  constructor(
    message: string,
    /** IPP status code, e.g. 0x0406 client-error-not-found, 0x0506 server-error-not-accepting-jobs. */
    readonly statusCode: number,
  ) {
    super(message)
    this.name = 'IppError'
  }
}

/** IPP status codes the kiosk reacts to. */
export const IppStatus = {
  ok: 0x0000,
  notFound: 0x0406,
  notPossible: 0x0404,
  notAcceptingJobs: 0x0506,
  busy: 0x0507,
} as const

const textEncoder = new TextEncoder()

/** Encodes an IPP request (version 1.1) with its operation attributes, job attributes and data. */
export function encodeIppRequest(
  operationId: number,
  requestId: number,
  operationAttributes: IppAttribute[],
  jobAttributes: IppAttribute[] = [],
  data?: Uint8Array,
): Buffer {
  const parts: Buffer[] = []
  const header = Buffer.alloc(8)
  header.writeUInt8(1, 0)
  header.writeUInt8(1, 1)
  header.writeUInt16BE(operationId, 2)
  header.writeUInt32BE(requestId, 4)
  parts.push(header)
  const writeGroup = (tag: number, attributes: IppAttribute[]) => {
    parts.push(Buffer.from([tag]))
    for (const attribute of attributes) {
      attribute.values.forEach((value, i) => {
        const name = i === 0 ? textEncoder.encode(attribute.name) : new Uint8Array(0)
        const encoded = encodeValue(attribute.tag, value)
        const head = Buffer.alloc(3)
        head.writeUInt8(attribute.tag, 0)
        head.writeUInt16BE(name.length, 1)
        const length = Buffer.alloc(2)
        length.writeUInt16BE(encoded.length, 0)
        parts.push(head, Buffer.from(name), length, encoded)
      })
    }
  }
  writeGroup(TAG.operation, operationAttributes)
  if (jobAttributes.length > 0) writeGroup(TAG.job, jobAttributes)
  parts.push(Buffer.from([TAG.end]))
  if (data) parts.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
  return Buffer.concat(parts)
}

function encodeValue(tag: number, value: string | number | boolean): Buffer {
  if (tag === VT.integer || tag === VT.enum) {
    const b = Buffer.alloc(4)
    b.writeInt32BE(Number(value), 0)
    return b
  }
  if (tag === VT.boolean) return Buffer.from([value ? 1 : 0])
  return Buffer.from(String(value), 'utf8')
}

/** Decodes an IPP response. Collections are skipped (the kiosk asks for none). */
export function decodeIppResponse(buf: Buffer): IppResponse {
  if (buf.length < 9) throw new Error(`IPP response too short (${buf.length} bytes)`)
  const response: IppResponse = {
    version: `${buf[0]}.${buf[1]}`,
    statusCode: buf.readUInt16BE(2),
    requestId: buf.readUInt32BE(4),
    operation: {},
    job: {},
    printer: {},
    unsupported: {},
  }
  let offset = 8
  let group: Record<string, IppValue[]> | undefined
  let lastName = ''
  let collectionDepth = 0
  while (offset < buf.length) {
    const tag = buf[offset]!
    offset += 1
    if (tag === TAG.end) break
    if (tag < 0x10) {
      group =
        tag === TAG.operation
          ? response.operation
          : tag === TAG.job
            ? response.job
            : tag === TAG.printer
              ? response.printer
              : tag === TAG.unsupported
                ? response.unsupported
                : {}
      continue
    }
    if (offset + 2 > buf.length) throw new Error('truncated IPP attribute')
    const nameLength = buf.readUInt16BE(offset)
    offset += 2
    if (offset + nameLength + 2 > buf.length) throw new Error('truncated IPP attribute')
    const name = buf.toString('utf8', offset, offset + nameLength)
    offset += nameLength
    const valueLength = buf.readUInt16BE(offset)
    offset += 2
    if (offset + valueLength > buf.length) throw new Error('truncated IPP value')
    const raw = buf.subarray(offset, offset + valueLength)
    offset += valueLength
    if (tag === VT.begCollection) {
      collectionDepth += 1
      if (collectionDepth === 1 && name) lastName = name
      continue
    }
    if (tag === VT.endCollection) {
      collectionDepth = Math.max(0, collectionDepth - 1)
      continue
    }
    if (collectionDepth > 0 || !group) continue
    if (name) lastName = name
    const values = (group[lastName] ??= [])
    values.push(decodeValue(tag, raw))
  }
  return response
}

function decodeValue(tag: number, raw: Buffer): IppValue {
  switch (tag) {
    case VT.integer:
    case VT.enum:
      return raw.length === 4 ? raw.readInt32BE(0) : null
    case VT.boolean:
      return raw[0] === 1
    case VT.unsupported:
    case VT.unknown:
    case VT.noValue:
      return null
    case VT.textWithLanguage:
    case VT.nameWithLanguage: {
      // language length + language + text length + text
      const langLength = raw.readUInt16BE(0)
      const textLength = raw.readUInt16BE(2 + langLength)
      return raw.toString('utf8', 4 + langLength, 4 + langLength + textLength)
    }
    case VT.dateTime:
    case VT.resolution:
    case VT.rangeOfInteger:
    case VT.octetString:
      return raw.toString('hex')
    default:
      return raw.toString('utf8')
  }
}
