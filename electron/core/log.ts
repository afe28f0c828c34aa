/**
 * The core's log: JSON lines in `<dataDir>/logs/kiosk-<date>.log`, one file a day, kept 14 days.
 * Every line passes through `redact` so no ID or phone number reaches the disk in full. The folder
 * is 0700 and every log file 0600 (store/private-files.ts), older ones tightened at start.
 */
import { appendFileSync, readdirSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { redact } from '../../shared/domain/redaction'
import { makePrivateFolder, PRIVATE_FILE_MODE } from './store/private-files'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void
  info(event: string, fields?: Record<string, unknown>): void
  warn(event: string, fields?: Record<string, unknown>): void
  error(event: string, fields?: Record<string, unknown>): void
}

export interface LoggerOptions {
  dir: string
  clock: () => Date
  retentionDays?: number
  /** Also echo warnings and errors to stderr (the hosts' console). */
  echo?: boolean
}

/** Describes an unknown thrown value for the log without leaking its data fields. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}\n${err.stack ?? ''}`
  return String(err)
}

/** Creates a file logger; writes are synchronous and small so a crash loses no line before it. */
export function createLogger(options: LoggerOptions): Logger {
  const retentionDays = options.retentionDays ?? 14
  let currentDay = ''
  let broken = false
  const fileFor = (day: string) => join(options.dir, `kiosk-${day}.log`)

  const rotate = (day: string) => {
    currentDay = day
    try {
      makePrivateFolder(options.dir) // also tightens the files an older version left 0644
      const cutoff = new Date(options.clock().getTime() - retentionDays * 86_400_000)
      const oldest = `kiosk-${cutoff.toISOString().slice(0, 10)}.log`
      for (const name of readdirSync(options.dir)) {
        if (name.startsWith('kiosk-') && name.endsWith('.log') && name < oldest) {
          unlinkSync(join(options.dir, name))
        }
      }
    } catch {
      // A log that cannot rotate must not take the terminal down.
    }
  }

  const log = (level: LogLevel, event: string, fields: Record<string, unknown> = {}) => {
    const at = options.clock()
    const day = at.toISOString().slice(0, 10)
    if (day !== currentDay) rotate(day)
    const line = redact(JSON.stringify({ at: at.toISOString(), level, event, ...fields }))
    if (options.echo && (level === 'warn' || level === 'error')) process.stderr.write(line + '\n')
    if (broken) return
    try {
      appendFileSync(fileFor(day), line + '\n', { mode: PRIVATE_FILE_MODE })
    } catch {
      broken = true // disk full or read-only: keep serving, the status shows the store's state
    }
  }
  return {
    log,
    info: (e, f) => log('info', e, f),
    warn: (e, f) => log('warn', e, f),
    error: (e, f) => log('error', e, f),
  }
}
