/**
 * QA mode's line to the fake GA 467 reader (`electron/fake-reader/cli.ts`): HTTP over the unix
 * socket it listens on (`KIOSK_FAKE_READER_CONTROL`), so the QA panel's card buttons work when the
 * terminal runs the real driver against the fake reader. Never used outside QA mode.
 */
import { request } from 'node:http'

export type FakeReaderCommand =
  | { path: '/insert'; body: { who: string } | { card: object } }
  | { path: '/remove'; body?: undefined }
  | { path: '/fault'; body: { fault: string } }

export interface FakeReaderControl {
  /** Sends one command; resolves with the fake reader's JSON answer, or null when it is not there. */
  send(command: FakeReaderCommand): Promise<{ ok: boolean; removed?: boolean } | null>
}

/** A control for the fake reader listening on `socketPath`. */
export function createFakeReaderControl(socketPath: string): FakeReaderControl {
  return {
    send: (command) =>
      new Promise((resolve) => {
        const body = JSON.stringify(command.body ?? {})
        const req = request(
          {
            socketPath,
            path: command.path,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            timeout: 2000,
          },
          (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (chunk: string) => (text += chunk))
            res.on('end', () => {
              try {
                resolve(JSON.parse(text) as { ok: boolean; removed?: boolean })
              } catch {
                resolve(null)
              }
            })
          },
        )
        req.on('timeout', () => req.destroy())
        req.on('error', () => resolve(null))
        req.end(body)
      }),
  }
}
