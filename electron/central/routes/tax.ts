/**
 * The signed-in resident's tax answers: records with totals, certificates (a tax record from
 * 2019-01 on, a payment proof before it) with a verification code printed as a QR, and the
 * verification anyone may make with that code. The holder is kept masked with the certificate.
 */
import { randomInt } from 'node:crypto'
import type { TaxRecord } from '../../../shared/central'
import { chinaToday } from '../../../shared/domain/fund'
import { maskIdNumber, maskName } from '../../../shared/domain/masking'
import {
  CERTIFICATE_QR_PREFIX,
  TAX_RECORD_FROM,
  VERIFICATION_CODE_ALPHABET,
  VERIFICATION_CODE_LENGTH,
  certificateKindFor,
  monthInChina,
} from '../../../shared/domain/tax'
import type { CentralContext, Handlers } from '../context'
import { HttpError } from '../http/plumbing'
import { page } from './page'

function taxTotals(rows: TaxRecord[]) {
  return {
    income: rows.reduce((sum, r) => sum + r.income, 0),
    taxPaid: rows.reduce((sum, r) => sum + r.taxPaid, 0),
  }
}

function newVerificationCode(): string {
  let code = ''
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) {
    code += VERIFICATION_CODE_ALPHABET[randomInt(VERIFICATION_CODE_ALPHABET.length)]
  }
  return code
}

/** A typed or scanned code as stored: trimmed, upper case, the QR prefix (any case) taken off. */
function storedCodeOf(input: string): string {
  const code = input.trim().toUpperCase()
  const prefix = CERTIFICATE_QR_PREFIX.toUpperCase()
  return code.startsWith(prefix) ? code.slice(prefix.length) : code
}

export function taxHandlers(
  ctx: CentralContext,
): Handlers<'taxRecords' | 'taxCertificateIssue' | 'taxCertificateVerify'> {
  return {
    async taxRecords(req, q) {
      const rows = req
        .resident()
        .taxRecords.filter(
          (r) =>
            (q.year === undefined || r.period.startsWith(`${q.year}-`)) &&
            (!q.taxType || r.taxType === q.taxType),
        )
        .reverse()
      return { ...page(rows, q.page, q.pageSize), totals: taxTotals(rows) }
    },

    async taxCertificateIssue(req, { fromPeriod, toPeriod, taxType }) {
      const resident = req.resident()
      if (toPeriod > monthInChina(req.now)) {
        throw new HttpError(422, 'PERIOD_INVALID', 'the period range ends in the future')
      }
      if (fromPeriod < TAX_RECORD_FROM && toPeriod >= TAX_RECORD_FROM) {
        throw new HttpError(
          422,
          'PERIOD_SPANS_2019',
          'request periods before and from 2019-01 separately',
        )
      }
      const rows = resident.taxRecords.filter(
        (r) =>
          r.period >= fromPeriod && r.period <= toPeriod && (!taxType || r.taxType === taxType),
      )
      if (rows.length === 0)
        throw new HttpError(422, 'NO_TAX_RECORDS', 'no tax records in this range')
      const st = ctx.state()
      let verificationCode = newVerificationCode()
      while (st.certificates[verificationCode]) verificationCode = newVerificationCode()
      const issuedAt = req.now.toISOString()
      const kind = certificateKindFor(fromPeriod)
      const certificateNo = `${kind === 'taxRecord' ? 'NSJL' : 'WSZM'}${chinaToday(req.now).replaceAll('-', '')}${String(++st.seq.certificate).padStart(6, '0')}`
      const totals = taxTotals(rows)
      const holder = {
        maskedName: maskName(resident.name),
        maskedIdNumber: maskIdNumber(resident.idNumber),
      }
      st.certificates[verificationCode] = {
        certificateNo,
        residentRef: resident.residentRef,
        kind,
        ...holder,
        fromPeriod,
        toPeriod,
        totals,
        rowCount: rows.length,
        issuedAt,
      }
      return {
        certificate: {
          certificateNo,
          kind,
          holder,
          fromPeriod,
          toPeriod,
          ...(taxType ? { taxType } : {}),
          rows,
          totals,
          issuedAt,
          verificationCode,
          qrPayload: `${CERTIFICATE_QR_PREFIX}${verificationCode}`,
          issuingOffice: rows.at(-1)!.taxOffice,
        },
      }
    },

    async taxCertificateVerify(_req, { code }) {
      const cert = ctx.state().certificates[storedCodeOf(code)]
      if (!cert) return { valid: false }
      return {
        valid: true,
        certificateNo: cert.certificateNo,
        kind: cert.kind,
        holder: { maskedName: cert.maskedName, maskedIdNumber: cert.maskedIdNumber },
        fromPeriod: cert.fromPeriod,
        toPeriod: cert.toPeriod,
        totals: cert.totals,
        rowCount: cert.rowCount,
        issuedAt: cert.issuedAt,
      }
    },
  }
}
