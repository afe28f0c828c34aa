/**
 * Privacy sweep (personal data does not outlive the session): after residents have used
 * the terminal, look everywhere the terminal keeps anything for any demo resident's full ID number
 * (also with a lower-case x), phone number or full name.
 *
 * Where it looks:
 * - every file under the terminal's data folder (store snapshot and journal, logs, anything else),
 *   as raw bytes in UTF-8, GB18030, UTF-16LE/BE and as JSON `\uXXXX` escapes;
 * - the store opened with sql.js: every text or blob cell of every table (receipt journal, audit
 *   log, outbox, settings, reference data), so a value split across pages is still found;
 * - the renderer's storage through the page: localStorage, sessionStorage, IndexedDB (names and
 *   every record), Cache Storage (every response body), cookies, and the DOM (with form values);
 * - optionally a folder of the browser's profile on disk.
 *
 * Not swept: `<data>/central/`, the bundled central service's own state. That is the centre's
 * database (it holds the registry of residents by design), not the terminal's; it shares the data
 * folder only because demo mode runs the centre in the same process.
 *
 * A hit names the place, the byte offset or key, the resident and what was found, never the value.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import iconv from 'iconv-lite'
import initSqlJs from 'sql.js'
import { DEMO_RESIDENTS, type DemoResidentName } from '../e2e/support/identity'

export type PiiKind = 'id number' | 'phone' | 'name'

export interface PrivacyHit {
  /** File path (relative to the swept folder), `store:<table>.<column>` or `renderer:<where>`. */
  where: string
  /** Byte offset in a file, or the row / key the value sits in. */
  at: string
  resident: DemoResidentName
  kind: PiiKind
  /** How it was encoded where found (utf-8, gb18030, utf-16le, json-escape, …). */
  encoding: string
}

export interface PrivacySweepResult {
  hits: PrivacyHit[]
  /** What was looked at, for the report. */
  scanned: { files: number; bytes: number; storeCells: number; rendererPlaces: number }
  /** Folders left out on purpose, with the reason. */
  excluded: string[]
}

interface Needle {
  resident: DemoResidentName
  kind: PiiKind
  encoding: string
  bytes: Buffer
}

const jsonEscape = (text: string, upper: boolean): string =>
  [...text]
    .map((c) => {
      const code = c.codePointAt(0)!
      if (code < 0x80) return c
      const hex = code.toString(16).padStart(4, '0')
      return `\\u${upper ? hex.toUpperCase() : hex}`
    })
    .join('')

/** Every way a value could sit in a file: the encodings a Node or browser process might use. */
function needlesFor(resident: DemoResidentName): Needle[] {
  const person = DEMO_RESIDENTS[resident]
  const values: Array<{ kind: PiiKind; text: string }> = [
    { kind: 'id number', text: person.idNumber },
    { kind: 'phone', text: person.phone },
    { kind: 'name', text: person.name },
  ]
  // Accept lower-case x, store upper-case (shared/domain/id-number.ts): look for both.
  if (/X$/.test(person.idNumber))
    values.push({ kind: 'id number', text: person.idNumber.toLowerCase() })
  const needles: Needle[] = []
  for (const { kind, text } of values) {
    const add = (encoding: string, bytes: Buffer) =>
      needles.push({ resident, kind, encoding, bytes })
    add('utf-8', Buffer.from(text, 'utf8'))
    add('utf-16le', Buffer.from(text, 'utf16le'))
    add('utf-16be', Buffer.from(text, 'utf16le').swap16())
    if ([...text].some((c) => c.charCodeAt(0) > 0x7f)) {
      add('gb18030', iconv.encode(text, 'gb18030'))
      add('json-escape', Buffer.from(jsonEscape(text, false)))
      add('json-escape', Buffer.from(jsonEscape(text, true)))
    }
  }
  return needles
}

export const PRIVACY_NEEDLES: readonly Needle[] = (
  Object.keys(DEMO_RESIDENTS) as DemoResidentName[]
).flatMap(needlesFor)

/** Finds every needle in a buffer; one hit per needle and place (the first offset). */
export function findPii(
  where: string,
  data: Buffer,
  locate?: (offset: number) => string,
): PrivacyHit[] {
  const hits: PrivacyHit[] = []
  for (const needle of PRIVACY_NEEDLES) {
    const offset = data.indexOf(needle.bytes)
    if (offset < 0) continue
    let count = 0
    for (let at = offset; at >= 0; at = data.indexOf(needle.bytes, at + 1)) count++
    hits.push({
      where,
      at: `${locate ? locate(offset) : `offset ${offset}`}${count > 1 ? ` (+${count - 1} more)` : ''}`,
      resident: needle.resident,
      kind: needle.kind,
      encoding: needle.encoding,
    })
  }
  return hits
}

function listFiles(dir: string, skip: (path: string) => boolean): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (skip(path)) continue
    if (entry.isDirectory()) out.push(...listFiles(path, skip))
    else if (entry.isFile()) out.push(path)
  }
  return out
}

/** Raw bytes of every file under `dir` (except `exclude`d folders). */
export function sweepFolder(
  dir: string,
  exclude: string[] = [],
): { hits: PrivacyHit[]; files: number; bytes: number } {
  const skip = (path: string) => exclude.some((e) => path === e || path.startsWith(e + sep))
  const hits: PrivacyHit[] = []
  let bytes = 0
  const files = listFiles(dir, skip)
  for (const file of files) {
    const data = readFileSync(file)
    bytes += data.length
    hits.push(...findPii(relative(dir, file) || file, data))
  }
  return { hits, files: files.length, bytes }
}

/**
 * Every text and blob cell of every table in the store snapshot (`store/kiosk.db`). The journal's
 * statements not yet folded are in `kiosk.journal`, covered by the raw file sweep.
 */
export async function sweepStore(dbFile: string): Promise<{ hits: PrivacyHit[]; cells: number }> {
  const SQL = await initSqlJs()
  const db = new SQL.Database(readFileSync(dbFile))
  const hits: PrivacyHit[] = []
  let cells = 0
  try {
    const tables = db.exec(`SELECT name FROM sqlite_master WHERE type = 'table'`)[0]?.values ?? []
    for (const [table] of tables) {
      const result = db.exec(`SELECT rowid AS _rowid, * FROM "${String(table)}"`)[0]
      if (!result) continue
      for (const row of result.values) {
        row.forEach((cell, index) => {
          if (index === 0 || cell === null || typeof cell === 'number') return
          cells++
          const data = typeof cell === 'string' ? Buffer.from(cell, 'utf8') : Buffer.from(cell)
          const where = `store:${String(table)}.${result.columns[index]}`
          hits.push(...findPii(where, data, () => `rowid ${String(row[0])}`))
        })
      }
    }
  } finally {
    db.close()
  }
  return { hits, cells }
}

/**
 * Everything the page can reach of its own storage, as text, plus the DOM with form values. Kept
 * as source text: the TypeScript loader (tsx) wraps named functions in a helper the page does not
 * have, so a function passed to `page.evaluate` from here would fail in the page.
 */
const DUMP_RENDERER_SOURCE = `(async () => {
  const places = []
  for (const [where, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]]) {
    const lines = []
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i) ?? ''
      lines.push(key + '=' + (storage.getItem(key) ?? ''))
    }
    places.push({ where, text: lines.join('\\n') })
  }
  const databases = (await indexedDB.databases?.()) ?? []
  for (const info of databases) {
    if (!info.name) continue
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(info.name)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    for (const storeName of Array.from(db.objectStoreNames)) {
      const records = await new Promise((resolve, reject) => {
        const request = db.transaction(storeName, 'readonly').objectStore(storeName).getAll()
        request.onsuccess = () => resolve(request.result)
        request.onerror = () => reject(request.error)
      })
      places.push({ where: 'indexedDB:' + info.name + '/' + storeName, text: JSON.stringify(records) })
    }
    db.close()
  }
  places.push({ where: 'indexedDB:names', text: databases.map((d) => d.name).join('\\n') })
  if ('caches' in self) {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      for (const request of await cache.keys()) {
        const response = await cache.match(request)
        places.push({ where: 'cacheStorage:' + name, text: request.url + '\\n' + (response ? await response.text() : '') })
      }
    }
  }
  places.push({ where: 'document.cookie', text: document.cookie })
  // The DOM, and the live values of form controls (not reflected in outerHTML).
  const values = Array.from(document.querySelectorAll('input, textarea, select')).map((el) => el.value)
  places.push({ where: 'dom', text: document.documentElement.outerHTML + '\\n' + values.join('\\n') })
  places.push({ where: 'document.title', text: document.title })
  return places
})()`

/** The renderer's storage and DOM, and the context's cookies. */
export async function sweepRenderer(
  page: Page,
  context: BrowserContext,
): Promise<{ hits: PrivacyHit[]; places: number }> {
  const places = (await page.evaluate(DUMP_RENDERER_SOURCE)) as Array<{
    where: string
    text: string
  }>
  const cookies = await context.cookies()
  places.push({ where: 'cookies', text: JSON.stringify(cookies) })
  const hits = places.flatMap((p) =>
    findPii(`renderer:${p.where}`, Buffer.from(p.text, 'utf8'), (offset) => `char ~${offset}`),
  )
  return { hits, places: places.length }
}

export interface PrivacySweepOptions {
  /** The terminal's data folder (`KIOSK_DATA_DIR`). */
  dataDir: string
  /** The page (at attract) and its context, for the renderer's storage. */
  page?: Page
  context?: BrowserContext
  /** Further folders to sweep as raw files (e.g. the browser profile), with a label. */
  extraFolders?: Array<{ label: string; dir: string; exclude?: string[] }>
}

/** The whole sweep; `hits` is empty when promise 4 holds. */
export async function privacySweep(options: PrivacySweepOptions): Promise<PrivacySweepResult> {
  const centralDir = join(options.dataDir, 'central')
  const excluded = [
    `${centralDir}: the bundled central service's own database (the centre's registry, not the terminal's)`,
  ]
  const files = sweepFolder(options.dataDir, [centralDir])
  const hits = [...files.hits]
  let fileCount = files.files
  let bytes = files.bytes

  let storeCells = 0
  const dbFile = join(options.dataDir, 'store', 'kiosk.db')
  if (statSync(dbFile, { throwIfNoEntry: false })?.isFile()) {
    const store = await sweepStore(dbFile)
    hits.push(...store.hits)
    storeCells = store.cells
  }

  for (const extra of options.extraFolders ?? []) {
    const swept = sweepFolder(extra.dir, extra.exclude ?? [])
    hits.push(...swept.hits.map((h) => ({ ...h, where: `${extra.label}:${h.where}` })))
    fileCount += swept.files
    bytes += swept.bytes
  }

  let rendererPlaces = 0
  if (options.page && options.context) {
    const renderer = await sweepRenderer(options.page, options.context)
    hits.push(...renderer.hits)
    rendererPlaces = renderer.places
  }
  return {
    hits,
    scanned: { files: fileCount, bytes, storeCells, rendererPlaces },
    excluded,
  }
}

/** One line per hit: where, at, whose what, encoding. Never the value. */
export function describeHits(hits: readonly PrivacyHit[]): string {
  return hits
    .map((h) => `  ${h.where} @ ${h.at}: ${h.resident}'s ${h.kind} (${h.encoding})`)
    .join('\n')
}
