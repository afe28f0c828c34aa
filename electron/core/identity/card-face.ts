/**
 * The ID-card steps of sign-in: read the card on the reader (the centre checks it against its
 * registry) and compare a camera still with the centre's photo. A new card starts a new attempt.
 */
import { fail, ok, type IdentityStatus, type Result } from '../../../shared/api'
import { parseIdNumber } from '../../../shared/domain/id-number'
import { maskPhone } from '../../../shared/domain/masking'
import { mapCentralFailure } from '../central'
import type { CardReaderDriver } from '../devices/driver'
import type { ActiveSession } from '../session/session'
import { gone, type Attempt, type FlowContext } from './flow'
import { isCardExpired, jpegBase64 } from './rules'

/** The card and face steps of the identity flow. */
export function createCardFaceSteps(ctx: FlowContext) {
  const { devices, central, clock, log, audit, stillCurrent, exclusive, failure } = ctx

  /** Waits until a card lies on the reader, the time is up, or the wait is cancelled. */
  function waitForCard(a: Attempt, reader: CardReaderDriver, ms: number): Promise<boolean> {
    if (reader.hasCard() || ms <= 0) return Promise.resolve(reader.hasCard())
    return new Promise((resolve) => {
      const done = (found: boolean) => {
        clearTimeout(timer)
        unsubscribe()
        a.cancelWaits.delete(cancel)
        resolve(found)
      }
      const cancel = () => done(false)
      const timer = setTimeout(() => done(reader.hasCard()), ms)
      const unsubscribe = reader.onCard((event) => {
        if (event === 'inserted') done(true)
      })
      a.cancelWaits.add(cancel)
    })
  }

  async function readCard(
    session: ActiveSession,
    waitSeconds: number,
  ): Promise<Result<IdentityStatus>> {
    const a = ctx.attemptFor(session)
    if (a.verified) return fail('ALREADY_VERIFIED')
    const reader = devices.get('cardReader')
    if (!reader) return fail('DEVICE_UNAVAILABLE', 'cardReader:NOT_CONFIGURED')
    const unusable = () => {
      const s = reader.status()
      return s.state === 'UNAVAILABLE'
        ? fail<IdentityStatus>('DEVICE_UNAVAILABLE', `cardReader:${s.code}`)
        : null
    }
    const before = unusable()
    if (before) return before
    const present = await waitForCard(a, reader, waitSeconds * 1000)
    if (!stillCurrent(a)) return gone()
    if (!present) return fail('NO_CARD')

    return exclusive(async () => {
      if (!stillCurrent(a)) return gone()
      if (a.verified) return fail('ALREADY_VERIFIED')
      const read = await reader.readCard()
      if (!stillCurrent(a)) return gone()
      if (!read.ok) {
        if (read.reason === 'NO_CARD') return fail('NO_CARD')
        if (read.reason === 'UNAVAILABLE')
          return unusable() ?? fail('DEVICE_UNAVAILABLE', 'cardReader')
        return fail('CARD_READ_ERROR', 'chip')
      }
      const card = read.card
      const now = clock()
      // A genuine card always carries a valid number; anything else is a misread.
      const facts = parseIdNumber(card.idNumber, now)
      if (!facts) return fail('CARD_READ_ERROR', 'id_number')
      if (isCardExpired(card.validityEnd, now)) {
        audit('identity.failed', 'refused', facts.idNumber, { code: 'CARD_EXPIRED' })
        return fail('CARD_EXPIRED')
      }
      // A new card starts a new attempt; photo and address are not kept (the centre compares the
      // face with its own record, so the terminal needs neither).
      a.subject = null
      a.sms = null
      const answer = await central.call('identityCardCheck', {
        card: {
          name: card.name,
          gender: card.gender,
          birthDate: card.birthDate,
          idNumber: facts.idNumber,
          ...(card.issuingOffice ? { issuingOffice: card.issuingOffice } : {}),
          ...(card.validityStart ? { validityStart: card.validityStart } : {}),
          validityEnd: card.validityEnd,
        },
      })
      if (!stillCurrent(a)) return gone()
      if (!answer.ok) {
        const mapped = mapCentralFailure(answer)
        // An unknown card holder is not an impostor (a genuine card of someone the fund centre
        // does not know): refuse without counting. Typed numbers are counted (sendSms).
        if (mapped.code === 'RESIDENT_NOT_FOUND') {
          audit('identity.failed', 'refused', facts.idNumber, { code: 'RESIDENT_NOT_FOUND' })
          return fail('RESIDENT_NOT_FOUND')
        }
        return failure(a, mapped, facts.idNumber)
      }
      const phone = answer.value.maskedPhone.trim()
      a.subject = {
        via: 'card',
        idNumber: facts.idNumber,
        name: card.name,
        phoneMasked: phone ? maskPhone(phone) : null,
        noPhone: !phone,
      }
      log.info('identity.card_read', { hasPhone: phone !== '' })
      return ok(ctx.statusOf(a))
    })
  }

  function faceCheck(session: ActiveSession, image: string): Promise<Result<IdentityStatus>> {
    return ctx.unverifiedStep(session, async (a) => {
      const subject = a.subject
      if (subject?.via !== 'card') return fail('NO_CARD')
      const jpeg = jpegBase64(image)
      if (!jpeg) return fail('FACE_IMAGE_INVALID', 'not_jpeg')
      const answer = await central.call('identityFaceCheck', {
        idNumber: subject.idNumber,
        imageJpegBase64: jpeg,
      })
      if (!stillCurrent(a)) return gone()
      if (!answer.ok) return failure(a, mapCentralFailure(answer))
      if (!answer.value.match) return failure(a, { code: 'FACE_NOT_MATCHED' })
      if (answer.value.session.identity.idNumber.toUpperCase() !== subject.idNumber) {
        log.error('identity.centre_answered_other_resident', {})
        return fail('INTERNAL', 'identity')
      }
      ctx.signIn(a, answer.value.session, 'card+face')
      return ok(ctx.statusOf(a))
    })
  }

  return { readCard, faceCheck }
}
