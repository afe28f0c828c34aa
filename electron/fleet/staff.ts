/**
 * Console accounts and their sessions. Passwords are kept only as scrypt hashes
 * (`scrypt$N$r$p$salt$hash`, the terminal PIN's format; N = 2^15 because a password has far more
 * values than a 6-digit PIN). A session is a random token in an httpOnly cookie; the database keeps
 * only its SHA-256, so a copy of the table signs no one in. Repeated wrong passwords lock the
 * account name for a while (in memory: one service instance per database).
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import type { Queryable } from './db'

export type StaffRole = 'hallStaff' | 'hallManager'

/** Who is signed in, and what they may see: every hall for a manager, their own for staff. */
export interface StaffPrincipal {
  id: number
  username: string
  displayName: string
  role: StaffRole
  hallId: string | null
  /** The halls this account sees and commands; null: all. */
  halls: string[] | null
}

export const SESSION_TTL_MS = 12 * 3600 * 1000
const N = 2 ** 15
const R = 8
const P = 1
const KEY_LENGTH = 32
/** A hash with a different cost still verifies (the format carries it), within sane bounds. */
const HASH =
  /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{32,128})$/
export const MAX_FAILURES = 5
export const LOCK_MS = 5 * 60 * 1000

function derive(password: string, salt: Buffer, n: number, r: number, p: number, length: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      length,
      { N: n, r, p, maxmem: 256 * n * r },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  )
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, N, R, P, KEY_LENGTH)
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = HASH.exec(stored)
  if (!match) return false
  const [n, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (n < 2 ** 14 || n > 2 ** 20 || (n & (n - 1)) !== 0) return false
  const expected = Buffer.from(match[5]!, 'base64url')
  const key = await derive(password, Buffer.from(match[4]!, 'base64url'), n, r, p, expected.length)
  return timingSafeEqual(key, expected)
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

/** Creates or replaces an account (the password is hashed here). */
export async function saveStaff(
  db: Queryable,
  account: {
    username: string
    displayName: string
    password: string
    role: StaffRole
    hallId: string | null
  },
): Promise<void> {
  if (account.role === 'hallStaff' && !account.hallId) throw new Error('hall staff need a hall')
  await db.query(
    `INSERT INTO staff (username, display_name, password_hash, role, hall_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name,
       password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, hall_id = EXCLUDED.hall_id`,
    [
      account.username,
      account.displayName,
      await hashPassword(account.password),
      account.role,
      account.hallId,
    ],
  )
}

interface StaffRow {
  id: number | string
  username: string
  display_name: string
  role: StaffRole
  hall_id: string | null
  password_hash: string
}

const principal = (row: StaffRow): StaffPrincipal => ({
  id: Number(row.id),
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  hallId: row.hall_id,
  halls: row.role === 'hallManager' ? null : [row.hall_id!],
})

/** A hash to spend the same time on when the account does not exist (no name probing by timing). */
let decoy: Promise<string> | undefined

export function createStaffDesk(db: Queryable, clock: () => Date) {
  const failures = new Map<string, { count: number; lockedUntil: number }>()
  return {
    /** Signs in: a session token, `locked` while the name is locked, or null for a wrong pair. */
    async signIn(
      username: string,
      password: string,
    ): Promise<{ token: string; staff: StaffPrincipal } | 'locked' | null> {
      const name = username.trim().toLowerCase()
      const now = clock().getTime()
      const state = failures.get(name)
      if (state && state.lockedUntil > now) return 'locked'
      const [row] = await db.query<StaffRow>('SELECT * FROM staff WHERE lower(username) = $1', [
        name,
      ])
      decoy ??= hashPassword(randomBytes(12).toString('hex'))
      const ok = await verifyPassword(password, row?.password_hash ?? (await decoy))
      if (!row || !ok) {
        const count = (state?.count ?? 0) + 1
        failures.set(name, { count, lockedUntil: count >= MAX_FAILURES ? now + LOCK_MS : 0 })
        return null
      }
      failures.delete(name)
      const token = randomBytes(32).toString('base64url')
      await db.query(
        'INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [tokenHash(token), row.id, new Date(now), new Date(now + SESSION_TTL_MS)],
      )
      return { token, staff: principal(row) }
    },
    /** The account a session token belongs to, if the session is still valid. */
    async session(token: string | undefined): Promise<StaffPrincipal | null> {
      if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null
      const [row] = await db.query<StaffRow>(
        `SELECT s.* FROM staff_sessions x JOIN staff s ON s.id = x.staff_id
         WHERE x.token_hash = $1 AND x.expires_at > $2`,
        [tokenHash(token), clock()],
      )
      return row ? principal(row) : null
    },
    async signOut(token: string | undefined): Promise<void> {
      if (token)
        await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash(token)])
      await db.query('DELETE FROM staff_sessions WHERE expires_at <= $1', [clock()])
    },
  }
}
export type StaffDesk = ReturnType<typeof createStaffDesk>
