/**
 * Certificates a third party can verify: the deposit certificate (个人住房公积金缴存证明) issued
 * to the signed-in resident, and the one verification that answers for every certificate the
 * centre keeps (tax and deposit) by its code. The centre keeps each certificate's facts with the
 * holder's full name and masked ID number, which is what a verifier is shown.
 */
import { randomInt } from 'node:crypto'
import { chinaToday } from '../../../shared/domain/fund'
import { maskAccountNo, maskIdNumber } from '../../../shared/domain/masking'
import {
  DEPOSIT_CERTIFICATE_QR_PREFIX,
  VERIFICATION_CODE_ALPHABET,
  VERIFICATION_CODE_LENGTH,
  normalizeVerificationCode,
} from '../../../shared/domain/tax'
import type { CentralContext, Handlers } from '../context'
import { continuousDepositMonths } from '../deposit-months'
import { HttpError } from '../http/plumbing'
import type { CentralState } from '../state'

/** The issuer printed on deposit certificates. */
export const FUND_CENTRE_NAME = '福州市住房公积金中心'

/** A fresh code no kept certificate has (tax and deposit certificates share one space). */
export function newVerificationCode(st: CentralState): string {
  for (;;) {
    let code = ''
    for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) {
      code += VERIFICATION_CODE_ALPHABET[randomInt(VERIFICATION_CODE_ALPHABET.length)]
    }
    if (!st.certificates[code]) return code
  }
}

export function certificateHandlers(
  ctx: CentralContext,
): Handlers<'fundDepositCertificateIssue' | 'certificateVerify'> {
  return {
    async fundDepositCertificateIssue(req) {
      const resident = req.resident()
      const account = resident.fundAccount
      if (!account) throw new HttpError(404, 'NO_FUND_ACCOUNT', 'no fund account')
      const st = ctx.state()
      const verificationCode = newVerificationCode(st)
      const issuedAt = req.now.toISOString()
      const certificateNo = `JCZM${chinaToday(req.now).replaceAll('-', '')}${String(++st.seq.certificate).padStart(6, '0')}`
      const facts = {
        accountNoMasked: maskAccountNo(account.accountNo),
        status: account.status,
        employerName: account.employerName,
        openedDate: account.openedDate,
        depositBase: account.depositBase,
        monthlyDeposit: account.monthlyDeposit.personal + account.monthlyDeposit.employer,
        paidUpTo: account.paidUpTo,
        continuousMonths: continuousDepositMonths(resident.fundRecords, account.paidUpTo),
        balance: account.balance,
      }
      const holder = { name: resident.name, maskedIdNumber: maskIdNumber(resident.idNumber) }
      st.certificates[verificationCode] = {
        kind: 'fundDeposit',
        certificateNo,
        residentRef: resident.residentRef,
        ...holder,
        ...facts,
        issuedAt,
      }
      return {
        certificate: {
          certificateNo,
          holder,
          ...facts,
          issuedAt,
          verificationCode,
          qrPayload: `${DEPOSIT_CERTIFICATE_QR_PREFIX}${verificationCode}`,
          issuingOffice: FUND_CENTRE_NAME,
        },
      }
    },

    async certificateVerify(_req, { code }) {
      const cert = ctx.state().certificates[normalizeVerificationCode(code)]
      if (!cert) return { valid: false }
      // Kept before full names were printed: the masked name is all there is.
      const holder = {
        name: cert.name ?? cert.maskedName ?? '',
        maskedIdNumber: cert.maskedIdNumber,
      }
      if (cert.kind === 'fundDeposit') {
        return {
          valid: true,
          kind: cert.kind,
          certificateNo: cert.certificateNo,
          holder,
          accountNoMasked: cert.accountNoMasked,
          status: cert.status,
          employerName: cert.employerName,
          openedDate: cert.openedDate,
          depositBase: cert.depositBase,
          monthlyDeposit: cert.monthlyDeposit,
          paidUpTo: cert.paidUpTo,
          continuousMonths: cert.continuousMonths,
          balance: cert.balance,
          issuedAt: cert.issuedAt,
        }
      }
      return {
        valid: true,
        kind: cert.kind,
        certificateNo: cert.certificateNo,
        holder,
        fromPeriod: cert.fromPeriod,
        toPeriod: cert.toPeriod,
        ...(cert.taxType ? { taxType: cert.taxType } : {}),
        totals: cert.totals,
        rowCount: cert.rowCount,
        issuedAt: cert.issuedAt,
      }
    },
  }
}
