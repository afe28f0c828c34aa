/**
 * Handlers for the certificate methods: thin over the certificate service.
 * `fund.depositCertificate` is session-required (the core refused calls without one) and checks
 * for a verified resident in the service; `certificate.verify` works with or without a session.
 */
import type { CertificateService } from '../certificates/certificate-service'
import type { HandlerGroup } from './handlers'

export function certificateHandlers(deps: {
  certificates: CertificateService
}): HandlerGroup<'fund.depositCertificate' | 'certificate.verify'> {
  const { certificates } = deps
  return {
    'fund.depositCertificate': (_input, ctx) => certificates.depositCertificate(ctx.session!),
    'certificate.verify': (input) => certificates.verify(input),
  }
}
