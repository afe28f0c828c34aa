/**
 * Stopping the centre with terminals connected. Before, stop waited out Fastify's 72 s keep-alive
 * timeout for a connection whose request was in flight, and forever for a connection a client
 * opened and never used: the "centre goes down" tests hung under load (CI, stop 14).
 */
import { mkdtempSync } from 'node:fs'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createCentralServer, type CentralServer } from '../../../electron/central/server'
import { DEMO_OUTAGE_ROUTE } from '../../../shared/central/demo-qa'

let central: CentralServer
let port: number
const sockets: Socket[] = []

beforeEach(async () => {
  central = createCentralServer({
    stateFile: join(mkdtempSync(join(tmpdir(), 'kiosk-central-stop-')), 'state.json'),
    terminalKeys: {},
    demo: true,
  })
  port = Number(new URL((await central.start()).url).port)
})
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy()
  await central.stop()
})

/** A raw client connection: what it received so far, and a promise of its closing. */
async function open() {
  const socket = connect(port, '127.0.0.1')
  sockets.push(socket)
  const client = { socket, received: '', closed: new Promise<void>((r) => socket.on('close', r)) }
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => (client.received += chunk))
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  return client
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const body = JSON.stringify({ on: false })
/** Headers of a keep-alive request whose body follows later: the centre has begun it. */
const headers =
  `POST ${DEMO_OUTAGE_ROUTE} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n` +
  `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`

it('answers the request in flight, closes its connection and stops', async () => {
  const client = await open()
  client.socket.write(headers)
  await pause(100)
  let stopped = false
  const stopping = central.stop().then(() => (stopped = true))
  await pause(100)
  expect(stopped).toBe(false)
  client.socket.write(body)

  await stopping
  await client.closed
  expect(client.received).toMatch(/^HTTP\/1\.1 200 /)
  expect(client.received).toContain('{"on":false}')
}, 15_000)

it('closes a connection that was opened and never used', async () => {
  const client = await open()
  await pause(50)
  await central.stop()
  await client.closed
  expect(client.received).toBe('')
}, 15_000)

it('cuts a request that does not finish in time, and stops', async () => {
  const client = await open()
  client.socket.write(headers)
  await pause(100)
  await central.stop()
  await client.closed
  expect(client.received).toBe('')
}, 15_000)
