/**
 * The one mapping of the centre's failures onto the API's errors, shared by identity, fund and
 * tax: transport and server faults are "unreachable", known refusals keep their code, anything
 * else — including hostile spellings — is CENTRAL_REJECTED with the centre's code as detail.
 */
import { describe, expect, it } from 'vitest'
import {
  failFromCentral,
  mapCentralFailure,
  type CentralFailure,
} from '../../../../electron/core/central'

const failure = (status: number, code: string, extra: object = {}): CentralFailure => ({
  ok: false,
  status,
  error: { code, message: 'x', ...extra },
})

describe('centre failures as API errors', () => {
  it('treats transport failures and 5xx as unreachable', () => {
    expect(mapCentralFailure(failure(0, 'TRANSPORT_TIMEOUT'))).toEqual({
      code: 'CENTRAL_UNREACHABLE',
      detail: 'TRANSPORT_TIMEOUT',
    })
    expect(mapCentralFailure(failure(503, 'NO_FUND_ACCOUNT')).code).toBe('CENTRAL_UNREACHABLE')
  })

  it('keeps the refusals of identity, fund and tax', () => {
    expect(mapCentralFailure(failure(404, 'RESIDENT_NOT_FOUND'))).toEqual({
      code: 'RESIDENT_NOT_FOUND',
    })
    expect(mapCentralFailure(failure(400, 'SMS_CODE_NOT_SENT'))).toEqual({ code: 'SMS_NOT_SENT' })
    expect(mapCentralFailure(failure(413, 'BODY_TOO_LARGE'))).toEqual({
      code: 'FACE_IMAGE_INVALID',
    })
    expect(mapCentralFailure(failure(400, 'SMS_CODE_WRONG', { attemptsLeft: 3 }))).toEqual({
      code: 'SMS_CODE_WRONG',
      detail: 'attemptsLeft=3',
    })
    expect(
      mapCentralFailure(failure(429, 'SMS_RESEND_TOO_SOON', { retryAfterSeconds: 42 })),
    ).toEqual({ code: 'SMS_RESEND_TOO_SOON', detail: 'retryAfterSeconds=42' })
    expect(mapCentralFailure(failure(429, 'SMS_RATE_LIMITED')).code).toBe('RATE_LIMITED')
    expect(mapCentralFailure(failure(401, 'RESIDENT_TOKEN_INVALID'))).toEqual({
      code: 'NOT_SIGNED_IN',
    })
    expect(mapCentralFailure(failure(404, 'NO_FUND_ACCOUNT'))).toEqual({
      code: 'FUND_REFUSED',
      detail: 'NO_FUND_ACCOUNT',
    })
    expect(failFromCentral(failure(422, 'PERIOD_SPANS_2019'))).toEqual({
      ok: false,
      error: { code: 'PERIOD_SPANS_2019' },
    })
  })

  it('answers anything else, however spelled, as CENTRAL_REJECTED with the code', () => {
    for (const code of [
      '__proto__',
      'constructor',
      'toString',
      'no_tax_records',
      '',
      'X'.repeat(300),
    ]) {
      expect(mapCentralFailure(failure(400, code))).toEqual({
        code: 'CENTRAL_REJECTED',
        detail: code,
      })
    }
  })
})
