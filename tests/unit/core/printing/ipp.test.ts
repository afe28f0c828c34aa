import { createServer, type Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import {
  IppOperation,
  cupsQueueUri,
  decodeIppResponse,
  encodeIppRequest,
  followJob,
  getPrinterStatus,
  printJob,
} from '../../../../electron/core/printing/ipp'

/** Builds an IPP response the way a printer would: header + groups of [tag, name, value bytes]. */
function response(
  status: number,
  groups: Array<[number, Array<[number, string, Buffer]>]>,
  requestId = 1,
): Buffer {
  const parts: Buffer[] = [Buffer.from([1, 1, status >> 8, status & 0xff, 0, 0, 0, requestId])]
  for (const [tag, attributes] of groups) {
    parts.push(Buffer.from([tag]))
    for (const [valueTag, name, value] of attributes) {
      const head = Buffer.alloc(3)
      head.writeUInt8(valueTag, 0)
      head.writeUInt16BE(Buffer.byteLength(name), 1)
      const length = Buffer.alloc(2)
      length.writeUInt16BE(value.length, 0)
      parts.push(head, Buffer.from(name), length, value)
    }
  }
  parts.push(Buffer.from([3]))
  return Buffer.concat(parts)
}
const int = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n, 0)
  return b
}
const str = (s: string) => Buffer.from(s)

describe('IPP encoding', () => {
  it('encodes a request header, groups, multi-valued attributes and data', () => {
    const body = encodeIppRequest(
      IppOperation.PrintJob,
      7,
      [
        { tag: 0x47, name: 'attributes-charset', values: ['utf-8'] },
        { tag: 0x44, name: 'requested-attributes', values: ['a', 'bc'] },
      ],
      [{ tag: 0x21, name: 'copies', values: [2] }],
      Uint8Array.from([0xde, 0xad]),
    )
    expect([...body.subarray(0, 8)]).toEqual([1, 1, 0, 2, 0, 0, 0, 7])
    expect(body[8]).toBe(0x01)
    // The second value of a multi-valued attribute has an empty name.
    expect(body.includes(Buffer.from([0x44, 0, 0, 0, 2, 0x62, 0x63]))).toBe(true)
    expect(body.includes(Buffer.from([0x02, 0x21, 0, 6]))).toBe(true)
    expect([...body.subarray(-3)]).toEqual([0x03, 0xde, 0xad])
  })

  it('decodes groups, enums, booleans, text with language and skips collections', () => {
    const textWithLang = Buffer.concat([
      Buffer.from([0, 5]),
      str('zh-cn'),
      Buffer.from([0, 6]),
      str('维护'),
    ])
    const decoded = decodeIppResponse(
      response(0x0000, [
        [1, [[0x47, 'attributes-charset', str('utf-8')]]],
        [
          4,
          [
            [0x23, 'printer-state', int(5)],
            [0x44, 'printer-state-reasons', str('paused')],
            [0x44, '', str('media-low-report')],
            [0x34, 'media-col-default', Buffer.alloc(0)],
            [0x4a, '', str('media-size')],
            [0x34, '', Buffer.alloc(0)],
            [0x37, '', Buffer.alloc(0)],
            [0x37, '', Buffer.alloc(0)],
            [0x22, 'printer-is-accepting-jobs', Buffer.from([0])],
            [0x35, 'printer-state-message', textWithLang],
          ],
        ],
      ]),
    )
    expect(decoded.statusCode).toBe(0)
    expect(decoded.printer).toEqual({
      'printer-state': [5],
      'printer-state-reasons': ['paused', 'media-low-report'],
      'printer-is-accepting-jobs': [false],
      'printer-state-message': ['维护'],
    })
  })

  it('refuses truncated responses', () => {
    expect(() => decodeIppResponse(Buffer.from([1, 1, 0]))).toThrow(/too short/)
    const cut = response(0, [[4, [[0x44, 'printer-state-reasons', str('none')]]]]).subarray(0, 20)
    expect(() => decodeIppResponse(cut)).toThrow(/truncated/)
  })

  it('builds CUPS queue URIs', () => {
    expect(cupsQueueUri('a4')).toBe('ipp://127.0.0.1:631/printers/a4')
    expect(cupsQueueUri('前台 A4', 'cups:631')).toBe(
      'ipp://cups:631/printers/%E5%89%8D%E5%8F%B0%20A4',
    )
  })
})

describe('IPP client against a fake printer', () => {
  let server: Server | undefined
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())))

  /** Serves IPP answers from a function of the operation id. */
  async function fakePrinter(answer: (operation: number, body: Buffer) => Buffer | null) {
    server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const body = Buffer.concat(chunks)
        const out = answer(body.readUInt16BE(2), body)
        if (!out) return // never answer
        res.writeHead(200, { 'Content-Type': 'application/ipp' })
        res.end(out)
      })
    })
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()))
    const address = server.address()
    return `ipp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ipp/print`
  }

  it('prints, then follows the job through processing to completed', async () => {
    const states = [5, 5, 9]
    const uri = await fakePrinter((op, body) => {
      if (op === IppOperation.PrintJob) {
        expect(body.includes(str('application/pdf'))).toBe(true)
        expect(body.includes(str('%PDF-fake'))).toBe(true)
        return response(0, [
          [
            2,
            [
              [0x21, 'job-id', int(42)],
              [0x23, 'job-state', int(3)],
            ],
          ],
        ])
      }
      return response(0, [
        [
          2,
          [
            [0x21, 'job-id', int(42)],
            [0x23, 'job-state', int(states.shift() ?? 9)],
          ],
        ],
      ])
    })
    const accepted = await printJob({ printerUri: uri }, Buffer.from('%PDF-fake'), {
      jobName: 'x',
      documentFormat: 'application/pdf',
    })
    expect(accepted).toMatchObject({ jobId: 42, state: 'pending' })
    const seen: string[] = []
    const end = await followJob({ printerUri: uri }, 42, {
      pollMs: 1,
      onState: (s) => seen.push(s.state),
    })
    expect(end.state).toBe('completed')
    expect(seen).toEqual(['processing', 'completed'])
  })

  it('turns an IPP error status into an IppError with the code', async () => {
    const uri = await fakePrinter(() =>
      response(0x0506, [[1, [[0x41, 'status-message', str('not accepting jobs')]]]]),
    )
    await expect(
      printJob({ printerUri: uri }, Buffer.from('x'), { jobName: 'x', documentFormat: 'a/b' }),
    ).rejects.toMatchObject({ name: 'IppError', statusCode: 0x0506 })
  })

  it('times out a printer that never answers', async () => {
    const uri = await fakePrinter(() => null)
    await expect(getPrinterStatus({ printerUri: uri, timeoutMs: 200 })).rejects.toMatchObject({
      code: 'ETIMEDOUT',
    })
  })
})
