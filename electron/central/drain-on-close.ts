/**
 * Makes `app.close()` of a Fastify server end promptly with clients still connected (the bundled
 * central service, the web host).
 *
 * Fastify closes idle keep-alive connections once, as the close begins, then waits for the rest.
 * Two kinds outlive that: one whose request was in flight (once answered, it stays open for the
 * 72 s keep-alive timeout) and one a client opened and never used (a fetch aborted while
 * connecting, a browser's preconnect; Node counts it busy until its headers timeout, and stops
 * checking timeouts once the server closes). While closing, each is closed as soon as it carries
 * no request, and one still busy after `drainMs` is cut.
 */
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'

/** While closing, how often spent connections are looked for. */
const REAP_EVERY_MS = 20

export function drainOnClose(app: FastifyInstance, drainMs = 2000): void {
  const sockets = new Set<Socket>()
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  let reaper: NodeJS.Timeout | undefined
  let deadline: NodeJS.Timeout | undefined
  app.addHook('preClose', async () => {
    reaper = setInterval(() => {
      app.server.closeIdleConnections()
      for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy()
    }, REAP_EVERY_MS)
    deadline = setTimeout(() => app.server.closeAllConnections(), drainMs)
  })
  app.addHook('onClose', async () => {
    clearInterval(reaper)
    clearTimeout(deadline)
  })
}
