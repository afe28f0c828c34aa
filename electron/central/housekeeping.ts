/**
 * Expiry run under the lock before each request: nonces older than the signature window, resident
 * tokens past their time, and bindings whose settle time has come (see `bindSettleMs`).
 */
import { MAX_CLOCK_SKEW_MS } from '../../shared/central'
import type { CentralState, StoredBinding } from './state'

/** `settled` hears each binding whose settle time came (its resident is sent a message). */
export function housekeeping(
  st: CentralState,
  now: Date,
  settled: (binding: StoredBinding) => void = () => undefined,
): void {
  const ms = now.getTime()
  const horizon = ms - MAX_CLOCK_SKEW_MS - 60_000
  for (const nonces of Object.values(st.nonces)) {
    for (const [nonce, ts] of Object.entries(nonces)) if (ts < horizon) delete nonces[nonce]
  }
  for (const [hash, t] of Object.entries(st.tokens)) if (t.expiresAt <= ms) delete st.tokens[hash]
  for (const b of Object.values(st.bindings)) {
    if (b.settleAt !== undefined && b.settleAt <= ms) {
      b.state = b.state === 'pending' ? 'bound' : b.state === 'unbinding' ? 'unbound' : b.state
      b.updatedAt = new Date(b.settleAt).toISOString()
      delete b.settleAt
      settled(b)
    }
  }
}
