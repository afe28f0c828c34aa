// The write-ahead journal: the only thing a durable write has to put on disk before it is
// acknowledged. Appending a record costs one write and one fdatasync of the record's own bytes,
// whatever the size of the database (sql.js can only persist by exporting the whole file).
//
// Record layout (little-endian):
//   magic 'KJR1' (4) | body length u32 (4) | seq u64 (8) | crc32 of [length, seq, body] (4) | body
// A record whose header or checksum does not hold marks the end of the journal: after a crash the
// last record may be torn, and everything from the first bad byte on is discarded.
//
// The file is preallocated with zeros in chunks, so that most appends overwrite allocated space and
// their fdatasync does not have to commit a new file size and block allocation as well (WAL files
// of SQLite and PostgreSQL are reused for the same reason). Zeros after the last record are the
// clean end of the journal, not a torn tail.
import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs'
import { crc32 } from 'node:zlib'
import { makeFilePrivate, PRIVATE_FILE_MODE } from './private-files'

const MAGIC = 0x3152_4a4b // 'KJR1' read as a little-endian u32
const HEADER_BYTES = 20
/** Zero-filled space added ahead of the records whenever they reach the end of the file. */
const PREALLOCATE_BYTES = 128 * 1024
/** A length above this is garbage, not a record: it stops the scan instead of allocating it. */
const MAX_BODY_BYTES = 256 * 1024 * 1024

/** One decoded journal record. */
export interface JournalRecord {
  seq: number
  body: Buffer
}

/** What a scan of the journal file found. */
export interface JournalScan {
  records: JournalRecord[]
  /** Bytes from the start of the file that hold whole, checksummed records. */
  validBytes: number
  /** Bytes after `validBytes` (a torn or corrupt tail), 0 when the file is clean. */
  discardedBytes: number
  /** Why the scan stopped early, when it did. */
  stopReason?: string
}

/** Encodes one record. */
export function encodeRecord(seq: number, body: Buffer): Buffer {
  const record = Buffer.allocUnsafe(HEADER_BYTES + body.length)
  record.writeUInt32LE(MAGIC, 0)
  record.writeUInt32LE(body.length, 4)
  record.writeBigUInt64LE(BigInt(seq), 8)
  body.copy(record, HEADER_BYTES)
  record.writeUInt32LE(checksum(record, body.length), 16)
  return record
}

function checksum(record: Buffer, bodyLength: number): number {
  const lengthAndSeq = record.subarray(4, 16)
  const body = record.subarray(HEADER_BYTES, HEADER_BYTES + bodyLength)
  return crc32(body, crc32(lengthAndSeq))
}

/** Decodes every whole record at the start of `data` and reports where the valid part ends. */
export function scanJournal(data: Buffer): JournalScan {
  const records: JournalRecord[] = []
  let offset = 0
  let stopReason: string | undefined
  while (offset < data.length) {
    if (data.length - offset < HEADER_BYTES) {
      stopReason = 'torn header'
      break
    }
    if (data.readUInt32LE(offset) !== MAGIC) {
      stopReason = 'bad magic'
      break
    }
    const bodyLength = data.readUInt32LE(offset + 4)
    if (bodyLength > MAX_BODY_BYTES) {
      stopReason = 'implausible length'
      break
    }
    if (data.length - offset - HEADER_BYTES < bodyLength) {
      stopReason = 'torn body'
      break
    }
    const record = data.subarray(offset, offset + HEADER_BYTES + bodyLength)
    if (record.readUInt32LE(16) !== checksum(record, bodyLength)) {
      stopReason = 'checksum mismatch'
      break
    }
    records.push({
      seq: Number(record.readBigUInt64LE(8)),
      body: Buffer.from(record.subarray(HEADER_BYTES)),
    })
    offset += record.length
  }
  const rest = data.subarray(offset)
  if (rest.every((byte) => byte === 0)) return { records, validBytes: offset, discardedBytes: 0 }
  return { records, validBytes: offset, discardedBytes: rest.length, stopReason }
}

/**
 * The file operations the journal performs, injectable so that fault tests can simulate a full or
 * failing disk without one.
 */
export interface JournalIo {
  write(fd: number, data: Buffer, position: number): void
  datasync(fd: number): void
  truncate(fd: number, length: number): void
}

/** The real file operations. */
export const nodeJournalIo: JournalIo = {
  write(fd, data, position) {
    let written = 0
    while (written < data.length) {
      written += writeSync(fd, data, written, data.length - written, position + written)
    }
  },
  datasync: (fd) => fdatasyncSync(fd),
  truncate: (fd, length) => ftruncateSync(fd, length),
}

/** An open journal file. Not safe for concurrent use: the store calls it from its one queue. */
export class Journal {
  private constructor(
    private readonly fd: number,
    private readonly io: JournalIo,
    /** Length of the valid part; the next record is written here. */
    private end: number,
    /** Length of the file (records plus preallocated zeros, or a tail still to discard). */
    private allocated: number,
    /** Set when a failed append could not be undone: nothing more may be appended until it is. */
    private dirtyTail: boolean,
  ) {}

  /** Opens (creating if needed) and scans the journal. Call `discardTail()` to drop a bad tail. */
  static open(
    path: string,
    io: JournalIo = nodeJournalIo,
  ): { journal: Journal; scan: JournalScan } {
    const fd = openSync(path, 'a+', PRIVATE_FILE_MODE)
    closeSync(fd)
    const rw = openSync(path, 'r+')
    makeFilePrivate(rw)
    const size = fstatSync(rw).size
    const data = Buffer.alloc(size)
    let read = 0
    while (read < size) {
      const n = readSync(rw, data, read, size - read, read)
      if (n === 0) break
      read += n
    }
    const scan = scanJournal(data.subarray(0, read))
    const journal = new Journal(rw, io, scan.validBytes, read, scan.discardedBytes > 0)
    return { journal, scan }
  }

  /** Bytes of valid records in the journal. */
  get size(): number {
    return this.end
  }

  /** Truncates the journal to its valid part (after a torn tail or a failed append). */
  discardTail(): void {
    // Dirty until the truncation is on disk: if it fails, the next append retries it first.
    this.dirtyTail = true
    this.io.truncate(this.fd, this.end)
    this.allocated = this.end
    this.io.datasync(this.fd)
    this.dirtyTail = false
  }

  /** Extends the file with zeros so that it can take `bytes` more after the records. */
  private preallocate(bytes: number): void {
    const size = this.end + bytes + PREALLOCATE_BYTES
    this.io.write(this.fd, Buffer.alloc(size - this.allocated), this.allocated)
    this.allocated = size
  }

  /**
   * Appends one record and, when `sync` is true, waits for it to reach the disk. On failure the
   * partial record is cut off again so that a later, successful record is never hidden behind it
   * (and a record whose fdatasync failed cannot resurface at replay after the caller was told it
   * failed). Throws the underlying error.
   */
  append(seq: number, body: Buffer, sync: boolean): void {
    if (this.dirtyTail) this.discardTail()
    const record = encodeRecord(seq, body)
    try {
      if (this.end + record.length > this.allocated) this.preallocate(record.length)
      this.io.write(this.fd, record, this.end)
      if (sync) this.io.datasync(this.fd)
    } catch (error) {
      this.dirtyTail = true
      try {
        this.discardTail()
      } catch {
        // Still dirty: the next append retries the truncation before writing anything.
      }
      throw error
    }
    this.end += record.length
  }

  /**
   * Cuts the journal back to `length` (a former `size`): undoes the appends of a group commit that
   * failed. If the truncation fails, the next append retries it before writing.
   */
  truncateTo(length: number): void {
    this.end = length
    this.discardTail()
  }

  /** Makes earlier unsynced appends durable. */
  sync(): void {
    this.io.datasync(this.fd)
  }

  /** Empties the journal after its records were folded into a durable snapshot. */
  reset(): void {
    this.end = 0
    this.discardTail()
    try {
      this.preallocate(0)
      this.io.datasync(this.fd)
    } catch {
      // Not needed for correctness: the next append extends the file itself.
    }
  }

  close(): void {
    closeSync(this.fd)
  }
}
