/**
 * What the services of the core need from the central service: one call that never throws. The terminal's
 * central client (`./central-client`, `createCentralClient`) has exactly this shape;
 * tests plug in fakes. Transport failures (network, timeout) come back with status 0.
 */
import type { CentralEndpointName, CentralRequest, CentralResponse } from '../../../shared/central'

/** A failed call: an error answer of the centre, or a transport failure (status 0). */
export interface CentralFailure {
  ok: false
  status: number
  error: {
    code: string
    message: string
    retryAfterSeconds?: number
    attemptsLeft?: number
  }
}

export type CentralAnswer<N extends CentralEndpointName> =
  { ok: true; status: number; value: CentralResponse<N> } | CentralFailure

export interface CentralCaller {
  call<N extends CentralEndpointName>(
    name: N,
    input: CentralRequest<N>,
    options?: { residentToken?: string },
  ): Promise<CentralAnswer<N>>
}

/** The caller of a terminal that has no central service configured: every call is unreachable. */
export const unreachableCentral: CentralCaller = {
  async call() {
    return {
      ok: false,
      status: 0,
      error: { code: 'TRANSPORT_NETWORK', message: 'no central service configured' },
    }
  },
}

/** True when the centre could not be reached or failed on its side (the terminal may retry later). */
export function isUnreachable(failure: CentralFailure): boolean {
  return failure.status === 0 || failure.status >= 500
}
