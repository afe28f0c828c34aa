/**
 * What an outbox item keeps of its payload once the centre has answered it. Until then the whole
 * payload must stay: a retry resends it, and the centre matches it against the fingerprint taken at
 * enqueue. After the answer nothing is resent (a repeat of the key is recognised by the fingerprint
 * column, which stays), so values the terminal has no further use for are masked or dropped:
 * a wallet id keeps its last 4 (what the receipt and the status lookup show), a sealed call-back
 * phone goes (the centre already has it). The disk holds no
 * more personal data than the terminal still needs.
 */
import { maskAccountNo } from '../../../shared/domain/masking'

/** Field name → what replaces its value after the answer (`undefined` drops the field). */
const AFTER_ANSWER: Readonly<Record<string, (value: string) => string | undefined>> = {
  walletId: maskAccountNo,
  contactSealed: () => undefined,
}

/** The payload with every field named in {@link AFTER_ANSWER} masked or dropped, at any depth. */
export function payloadKeptAfterAnswer(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.map(payloadKeptAfterAnswer)
  if (payload === null || typeof payload !== 'object') return payload
  const kept: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(payload)) {
    const rule = Object.hasOwn(AFTER_ANSWER, key) ? AFTER_ANSWER[key] : undefined
    if (rule && typeof value === 'string') {
      const replaced = rule(value)
      if (replaced !== undefined) kept[key] = replaced
    } else {
      kept[key] = payloadKeptAfterAnswer(value)
    }
  }
  return kept
}
