/**
 * The signed-in resident's tax answers: records with totals, and certificates (a tax record from
 * 2019-01 on, a payment proof before it; all taxes or one) with a verification code printed as a
 * QR. The centre keeps each certificate's facts with the holder's full name and masked ID number
 * for the one verification (routes/certificates.ts).
 */
import type { TaxRecord } from '../../../shared/central'
import { chinaToday } from '../../../shared/domain/fund'
import { maskIdNumber } from '../../../shared/domain/masking'
import {
  CERTIFICATE_QR_PREFIX,
  TAX_RECORD_FROM,
  certificateKindFor,
  monthInChina,
} from '../../../shared/domain/tax'
import type { CentralContext, Handlers } from '../context'
import { HttpError } from '../http/plumbing'
import { newVerificationCode } from './certificates'
import { page } from './page'

function taxTotals(rows: TaxRecord[]) {
  return {
    income: rows.reduce((sum, r) => sum + r.income, 0),
    taxPaid: rows.reduce((sum, r) => sum + r.taxPaid, 0),
  }
}

export function taxHandlers(ctx: CentralContext): Handlers<'taxRecords' | 'taxCertificateIssue'> {
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
      const verificationCode = newVerificationCode(st)
      const issuedAt = req.now.toISOString()
      const kind = certificateKindFor(fromPeriod)
      const certificateNo = `${kind === 'taxRecord' ? 'NSJL' : 'WSZM'}${chinaToday(req.now).replaceAll('-', '')}${String(++st.seq.certificate).padStart(6, '0')}`
      const totals = taxTotals(rows)
      const holder = { name: resident.name, maskedIdNumber: maskIdNumber(resident.idNumber) }
      st.certificates[verificationCode] = {
        certificateNo,
        residentRef: resident.residentRef,
        kind,
        ...holder,
        fromPeriod,
        toPeriod,
        ...(taxType ? { taxType } : {}),
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
  }
}
