// What a journal record carries: the statements of one write, in order, replayed after a crash.
import type { JournalRecord } from './journal'
import type { SqlParams, Statement } from './store-types'

/** Journal body of a write: the statements, in order. */
interface JournalBody {
  v: 1
  s: [string, SqlParams | null][]
}

/** The body of the journal record of a write. */
export function encodeBody(statements: readonly Statement[]): Buffer {
  const body: JournalBody = { v: 1, s: statements.map((s) => [s.sql, s.params ?? null]) }
  return Buffer.from(JSON.stringify(body), 'utf8')
}

/** The statements a journal record holds; throws on a body this version does not know. */
export function decodeBody(record: JournalRecord): Statement[] {
  const body = JSON.parse(record.body.toString('utf8')) as JournalBody
  if (body.v !== 1 || !Array.isArray(body.s)) throw new Error(`unknown journal body version`)
  return body.s.map(([sql, params]) => (params === null ? { sql } : { sql, params }))
}
