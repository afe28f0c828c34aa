/**
 * How a central-service answer is treated (the sync engine's retries rest on it): network errors, timeouts, answers that
 * fail their signature check (`ANSWER_UNTRUSTED`), 5xx and 429 are transient (retry with back-off); 401 means the client's one re-signature already failed, which
 * is a configuration or clock problem worth retrying later but never a reason to drop an item;
 * every other 4xx is a permanent answer about the request itself.
 */
import type { CentralEndpointName } from '../../../shared/central'
import type { CentralClientResult } from './central-client'

/** What to do with a call's result. */
export type ResultClass =
  /** 2xx. */
  | 'success'
  /** Network, timeout, untrusted answer, 5xx, 429, 408: try again after a back-off. */
  | 'transient'
  /** 401 after the client's own re-signature: retry later, report to staff. */
  | 'auth'
  /** Other 4xx, or a request the contract refuses locally: retrying cannot help. */
  | 'permanent'

/** Classifies a result of {@link CentralClient.call}. */
export function classifyResult(result: CentralClientResult<CentralEndpointName>): ResultClass {
  if (result.ok) return 'success'
  if (result.status === 0) {
    if (result.error.code === 'REQUEST_INVALID') return 'permanent'
    return 'transient'
  }
  if (result.status === 401) return 'auth'
  if (result.status >= 500 || result.status === 429 || result.status === 408) return 'transient'
  // A 2xx whose body broke the contract comes back as !ok with a 2xx status: treat it as
  // transient, the centre (or a proxy) answered garbage and a later answer may be sound.
  if (result.status >= 200 && result.status < 300) return 'transient'
  return 'permanent'
}

/** True when the same request may succeed later (transport errors, 5xx, 429, 401). */
export function isRetryable(result: CentralClientResult<CentralEndpointName>): boolean {
  const kind = classifyResult(result)
  return kind === 'transient' || kind === 'auth'
}

/** True when the centre (not the network) produced the answer: it is reachable. */
export function centreAnswered(result: CentralClientResult<CentralEndpointName>): boolean {
  if (result.ok) return true
  if (result.status === 0) return result.error.code === 'REQUEST_INVALID'
  return result.status < 500 && result.status !== 429
}

/** Seconds the centre asked us to wait (429's `retryAfterSeconds`), if any. */
export function retryAfterMs(result: CentralClientResult<CentralEndpointName>): number | undefined {
  if (result.ok || !('retryAfterSeconds' in result.error)) return undefined
  const seconds = result.error.retryAfterSeconds
  return seconds !== undefined && seconds > 0 ? seconds * 1000 : undefined
}
