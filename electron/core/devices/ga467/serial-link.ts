/**
 * The byte pipe to a reader: a serial port (or USB-serial bridge) through `serialport`. Kept apart
 * from the protocol so the driver's logic reads as protocol, and so that the native binding is
 * loaded only when a real reader is configured.
 */

/** An open port: bytes both ways, and one end. */
export interface SerialLink {
  write(bytes: Uint8Array): void
  /** Returns the unsubscribe function. */
  onData(listener: (bytes: Uint8Array) => void): () => void
  /** Called once when the port goes away (unplugged, closed, read error). */
  onEnd(listener: (reason: string) => void): () => void
  /**
   * Drops unread input (stale answers from before a timeout). Resolves once done: it runs on the
   * thread pool, and a request written before it finished could be discarded with the old input.
   */
  flush(): Promise<void>
  close(): void
}

/** Opens links; the driver gets one so tests can hand in something else. */
export type OpenSerialLink = (path: string, baudRate: number) => Promise<SerialLink>

/** Why a port did not open, as the driver reports it. */
export class SerialOpenError extends Error {
  constructor(
    readonly code: 'absent' | 'denied' | 'busy' | 'other',
    message: string,
  ) {
    super(message)
    this.name = 'SerialOpenError'
  }
}

function openErrorCode(err: unknown): SerialOpenError['code'] {
  const text = String((err as Error)?.message ?? err)
  if (/ENOENT|No such file|cannot open/i.test(text)) return 'absent'
  if (/EACCES|EPERM|Permission denied/i.test(text)) return 'denied'
  if (/EBUSY|Resource busy|lock/i.test(text)) return 'busy'
  return 'other'
}

/** Opens `path` with `serialport` (8N1, no flow control: what GA 467 readers use). */
export const openSerialPort: OpenSerialLink = async (path, baudRate) => {
  const { SerialPort } = await import('serialport')
  const port = new SerialPort({ path, baudRate, autoOpen: false, lock: true })
  await new Promise<void>((resolve, reject) =>
    port.open((err) =>
      err ? reject(new SerialOpenError(openErrorCode(err), err.message)) : resolve(),
    ),
  )
  const dataListeners = new Set<(bytes: Uint8Array) => void>()
  const endListeners = new Set<(reason: string) => void>()
  let ended = false
  const end = (reason: string) => {
    if (ended) return
    ended = true
    for (const listener of [...endListeners]) listener(reason)
    endListeners.clear()
    dataListeners.clear()
    if (port.isOpen) port.close(() => undefined)
  }
  port.on('data', (chunk: Buffer) => {
    for (const listener of [...dataListeners]) listener(new Uint8Array(chunk))
  })
  // A vanished device shows as a read error (EIO on a pty, ENXIO on USB) or a close.
  port.on('error', (err: Error) => end(`error: ${err.message}`))
  port.on('close', () => end('closed'))
  return {
    write(bytes) {
      if (!ended) port.write(Buffer.from(bytes), (err) => err && end(`write: ${err.message}`))
    },
    onData(listener) {
      dataListeners.add(listener)
      return () => dataListeners.delete(listener)
    },
    onEnd(listener) {
      if (ended) listener('closed')
      else endListeners.add(listener)
      return () => endListeners.delete(listener)
    },
    flush: () => new Promise<void>((resolve) => (ended ? resolve() : port.flush(() => resolve()))),
    close: () => end('closed'),
  }
}
