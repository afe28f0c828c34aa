/**
 * Certificates a third party can verify, in the core: the resident's deposit certificate issued
 * at the centre and prepared for printing, and the one verification of any certificate's code
 * (tax or deposit) for anyone. Never throws: failures are results with the API's error codes.
 * The certificate's facts go to the screen and the printer only; the audit keeps its number.
 */
import {
  fail,
  ok,
  type CertificateVerification,
  type DepositCertificateIssued,
  type Result,
} from '../../../shared/api'
import {
  formatVerificationCode,
  isWellFormedVerificationCode,
  normalizeVerificationCode,
} from '../../../shared/domain/tax'
import { failFromCentral, type CentralCaller } from '../central'
import type { AuditTrail } from '../data/terminal-data'
import type { IdentityService } from '../identity/identity'
import type { Printables } from '../printing/printables'
import type { ActiveSession } from '../session/session'
import { type CertificatePlace } from '../tax/certificate-document'
import { certificatePrintable } from '../tax/certificate-printable'
import { depositCertificateDocument } from './deposit-document'

export interface CertificateServiceDeps {
  identity: IdentityService
  central: CentralCaller
  printables: Printables
  audit: AuditTrail
  place: CertificatePlace
}

export interface CertificateService {
  depositCertificate(session: ActiveSession): Promise<Result<DepositCertificateIssued>>
  verify(input: { code: string }): Promise<Result<CertificateVerification>>
}

export function createCertificateService(deps: CertificateServiceDeps): CertificateService {
  const { identity, central } = deps
  return {
    async depositCertificate(session) {
      const resident = identity.currentResident(session.id)
      if (!resident) return fail('NOT_SIGNED_IN')
      const answer = await central.call(
        'fundDepositCertificateIssue',
        {},
        { residentToken: resident.residentToken },
      )
      if (!answer.ok) return failFromCentral(answer)
      const cert = answer.value.certificate
      const made = await certificatePrintable(
        () => depositCertificateDocument(cert, deps.place),
        cert.qrPayload,
      )
      if (!made.ok) return made
      const { document, qrSvg } = made.value
      const printableId = deps.printables.add(session.id, { kind: 'document', document })
      void deps.audit.record({
        action: 'fund.depositCertificate',
        subject: cert.holder.maskedIdNumber,
        outcome: 'issued',
        detail: { certificateNo: cert.certificateNo },
      })
      return ok({ printableId, document, qrSvg })
    },

    async verify(input) {
      const normalized = normalizeVerificationCode(input.code)
      const code = formatVerificationCode(normalized)
      // A code that cannot be one is answered here; the centre is not asked.
      if (!isWellFormedVerificationCode(normalized)) {
        return ok({ valid: false, code, reason: 'malformed' })
      }
      const answer = await central.call('certificateVerify', { code: normalized })
      if (!answer.ok) return failFromCentral(answer)
      const v = answer.value
      void deps.audit.record({
        action: 'certificate.verify',
        subject: null,
        outcome: v.valid ? 'valid' : 'invalid',
        detail: v.valid ? { certificateNo: v.certificateNo, kind: v.kind } : null,
      })
      if (!v.valid) return ok({ valid: false, code, reason: 'unknown' })
      if (v.kind === 'fundDeposit') return ok({ ...v, code })
      return ok({
        valid: true,
        code,
        kind: v.kind,
        certificateNo: v.certificateNo,
        holder: v.holder,
        fromPeriod: v.fromPeriod,
        toPeriod: v.toPeriod,
        taxType: v.taxType ?? null,
        totals: v.totals,
        rowCount: v.rowCount,
        issuedAt: v.issuedAt,
      })
    },
  }
}
