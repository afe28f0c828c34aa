/**
 * The identity status the renderer sees: the stage of the flow and everything masked. Nothing
 * unmasked of the resident leaves the core.
 */
import type { IdentityStatus } from '../../../shared/api'
import { maskIdNumber, maskName, maskPhone } from '../../../shared/domain/masking'
import type { DeviceRegistry } from '../devices/registry'
import type { Attempt } from './flow'
import { IDENTITY_FAILURE_LIMIT } from './rules'
import { challengeView } from './sms-challenge'

/** The masked status of attempt `a` at `now` (an expired centre token signs the resident out). */
export function identityStatus(
  a: Attempt | null,
  devices: DeviceRegistry,
  now: Date,
): IdentityStatus {
  // The centre's token is short-lived (minutes); once it has expired nothing resident-scoped
  // works, so the screen must not claim the resident is signed in.
  if (a?.verified && a.verified.tokenExpiresAt <= now) a.verified = null
  const reader = devices.get('cardReader')
  const presence = devices.get('camera')?.presence() ?? 'missing'
  const subject = a?.subject ?? null
  const verified = a?.verified ?? null
  const sms = a?.sms ?? null
  const faceReason =
    subject?.via !== 'card'
      ? 'noCard'
      : presence === 'missing'
        ? 'cameraMissing'
        : presence === 'denied'
          ? 'cameraDenied'
          : null
  const failures = a?.failures ?? 0
  return {
    stage: verified ? 'verified' : sms ? 'smsSent' : subject?.via === 'card' ? 'cardRead' : 'idle',
    subject:
      subject && !verified
        ? {
            via: subject.via,
            nameMasked: subject.name === null ? null : maskName(subject.name),
            idNumberMasked: maskIdNumber(subject.idNumber),
            phoneMasked: subject.phoneMasked,
          }
        : null,
    sms: sms && !verified ? { phoneMasked: sms.phoneMasked, ...challengeView(sms, now) } : null,
    resident: verified
      ? {
          nameMasked: maskName(verified.identity.name),
          idNumberMasked: maskIdNumber(verified.identity.idNumber),
          phoneMasked: maskPhone(verified.identity.maskedPhone),
          method: verified.method,
          hasFundAccount: verified.identity.hasFundAccount,
          verifiedAt: verified.verifiedAt.toISOString(),
        }
      : null,
    failures,
    failuresLeft: Math.max(0, IDENTITY_FAILURE_LIMIT - failures),
    cardPresent: reader?.hasCard() ?? false,
    faceAvailable: !verified && faceReason === null,
    faceUnavailableReason: verified ? null : faceReason,
  }
}
