import { createServer, type Server, type Socket } from 'node:net'
import iconv from 'iconv-lite'
import { afterEach, describe, expect, it } from 'vitest'
import { renderReceiptEscPos } from '../../../../electron/core/printing/escpos'
import {
  createRawSocketPrinter,
  queryEscPosStatus,
  sendRaw,
} from '../../../../electron/core/printing/raw-socket'
import { sampleReceipt } from '../../../fixtures/print-documents'

const DLE_EOT = Buffer.from([0x10, 0x04])

/**
 * A loopback thermal printer: answers DLE EOT n with the current status bytes (when `answers`),
 * and keeps the print data of each connection.
 */
async function fakeThermalPrinter(options: { answers: boolean }) {
  const state = { printer: 0x16, offline: 0x12, error: 0x12, paper: 0x12 }
  const jobs: Buffer[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      if (!options.answers) return
      for (let at = chunk.indexOf(DLE_EOT); at >= 0; at = chunk.indexOf(DLE_EOT, at + 3)) {
        const n = chunk[at + 2]
        const reply = [0, state.printer, state.offline, state.error, state.paper][n ?? 0]
        if (reply !== undefined && n) socket.write(Buffer.from([reply]))
      }
    })
    socket.on('end', () => {
      const all = Buffer.concat(chunks)
      // Status queries alone are not print jobs.
      if (all.length > 12) jobs.push(all)
      socket.end()
    })
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    state,
    jobs,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}

let cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanup) await c()
  cleanup = []
})

describe('raw TCP 9100 receipt printer', () => {
  it('delivers the ESC/POS bytes; the peer decodes them back to the receipt', async () => {
    const peer = await fakeThermalPrinter({ answers: false })
    cleanup.push(peer.close)
    const printer = createRawSocketPrinter({
      host: '127.0.0.1',
      port: peer.port,
      statusTimeoutMs: 100,
    })
    const data = renderReceiptEscPos(sampleReceipt())
    const accepted: string[] = []
    const outcome = await printer.send({
      data,
      jobName: 'r',
      documentFormat: 'application/vnd.escpos',
      onAccepted: (id) => accepted.push(id),
    })
    expect(outcome).toEqual({ ok: true })
    expect(accepted).toHaveLength(1)
    await expect.poll(() => peer.jobs.length).toBe(1)
    expect(peer.jobs[0]!.equals(Buffer.from(data))).toBe(true)
    const text = iconv.decode(peer.jobs[0]!, 'gb18030')
    expect(text).toContain('公积金绑定数字钱包')
    expect(text).toContain('350102********3417')
    expect(peer.jobs[0]!.includes(Buffer.from('\x1d(k', 'latin1'))).toBe(true)
    expect(peer.jobs[0]!.includes(Buffer.from('\x1dV', 'latin1'))).toBe(true)
  })

  it('stops asking for real-time status once the printer proves silent', async () => {
    const peer = await fakeThermalPrinter({ answers: false })
    cleanup.push(peer.close)
    const printer = createRawSocketPrinter({
      host: '127.0.0.1',
      port: peer.port,
      statusTimeoutMs: 150,
    })
    const job = {
      data: Uint8Array.from([0x1b, 0x40, 0x41]),
      jobName: 'r',
      documentFormat: 'application/vnd.escpos' as const,
    }
    await printer.send(job)
    const started = Date.now()
    await printer.send(job)
    expect(Date.now() - started).toBeLessThan(150)
    expect(await printer.status()).toMatchObject({ state: 'READY', code: 'OK' })
  })

  it('reads DLE EOT status: paper near end is a warning, paper out refuses the job', async () => {
    const peer = await fakeThermalPrinter({ answers: true })
    cleanup.push(peer.close)
    const printer = createRawSocketPrinter({ host: '127.0.0.1', port: peer.port })
    expect(await queryEscPosStatus('127.0.0.1', peer.port)).toMatchObject({ paperOut: false })

    peer.state.paper = 0x1e
    expect(await printer.status()).toMatchObject({ state: 'READY', code: 'MEDIA_LOW' })

    peer.state.paper = 0x72
    peer.state.offline = 0x32
    const status = await printer.status()
    expect(status).toMatchObject({ state: 'UNAVAILABLE', code: 'MEDIA_EMPTY' })
    expect(status.detail).toContain('paperOut')
    const outcome = await printer.send({
      data: renderReceiptEscPos(sampleReceipt()),
      jobName: 'r',
      documentFormat: 'application/vnd.escpos',
    })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'PRINTER_UNAVAILABLE' } })
    expect(peer.jobs).toHaveLength(0)
  })

  it('reports paper that ran out during the receipt as PRINT_FAILED', async () => {
    const peer = await fakeThermalPrinter({ answers: true })
    cleanup.push(peer.close)
    const printer = createRawSocketPrinter({ host: '127.0.0.1', port: peer.port })
    const data = renderReceiptEscPos(sampleReceipt())
    const sent = printer.send({
      data,
      jobName: 'r',
      documentFormat: 'application/vnd.escpos',
      // The paper runs out as soon as the data has gone.
      onAccepted: () => {
        peer.state.paper = 0x72
      },
    })
    expect(await sent).toMatchObject({
      ok: false,
      error: { code: 'PRINT_FAILED', status: { code: 'MEDIA_EMPTY' } },
    })
  })

  it('says NOT_RESPONDING / PRINTER_UNAVAILABLE when nothing listens', async () => {
    const peer = await fakeThermalPrinter({ answers: false })
    await peer.close()
    const printer = createRawSocketPrinter({ host: '127.0.0.1', port: peer.port })
    expect(await printer.status()).toMatchObject({ state: 'UNAVAILABLE', code: 'NOT_RESPONDING' })
    expect(
      await printer.send({
        data: Uint8Array.of(1),
        jobName: 'r',
        documentFormat: 'application/vnd.escpos',
      }),
    ).toMatchObject({ ok: false, error: { code: 'PRINTER_UNAVAILABLE' } })
  })

  it('times out a printer that stops taking data', async () => {
    // A peer that accepts and never reads: the kernel buffers fill, then the write stalls.
    const held = new Set<Socket>()
    const server = createServer((socket) => {
      held.add(socket)
      socket.pause()
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    cleanup.push(
      () =>
        new Promise((r) => {
          for (const socket of held) socket.destroy()
          server.close(() => r())
        }),
    )
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await expect(
      sendRaw('127.0.0.1', port, new Uint8Array(64 * 1024 * 1024), { writeTimeoutMs: 300 }),
    ).rejects.toMatchObject({ name: 'RawSocketError', phase: 'write' })
  })
})
