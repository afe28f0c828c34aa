/**
 * An in-memory stand-in for the centre's identity endpoints (the `CentralCaller` the core uses),
 * with the same rules as the bundled centre: demo residents, 6-digit codes valid 5 minutes, resend
 * after 60 s, void after 5 wrong tries, face match unless the JPEG carries `NOMATCH`. Tests switch
 * it offline, stall it, or make it rate-limit.
 */
import type {
  CentralCaller,
  CentralAnswer,
  CentralFailure,
} from '../../../../electron/core/central'
import type { DemoSmsInbox } from '../../../../electron/core/identity/demo-sms-inbox'
import { DEMO_RESIDENT_CARDS } from '../../../../electron/core/devices/demo-cards'
import type { CentralEndpointName, CentralRequest } from '../../../../shared/central'
import { maskPhone } from '../../../../shared/domain/masking'

export interface FakeResident {
  name: string
  idNumber: string
  phone: string | null
  hasFundAccount: boolean
}

export interface FakeCentral extends CentralCaller {
  online: boolean
  /** When set, the next SMS send answers 429 SMS_RATE_LIMITED. */
  rateLimitNextSend: boolean
  /** Every call made, by endpoint name (inputs are kept: tests only). */
  calls: { name: CentralEndpointName; input: unknown }[]
  residents: Map<string, FakeResident>
  /** Holds every call until `release()` (to end a session while a call is in flight). */
  stall(): { release(): void }
  inbox: DemoSmsInbox
  lastCode(phone: string): string | undefined
  tokens: Set<string>
}

const err = (status: number, code: string, more: object = {}): CentralFailure => ({
  ok: false,
  status,
  error: { code, message: code, ...more },
})

export function createFakeCentral(clock: () => Date): FakeCentral {
  const residents = new Map<string, FakeResident>()
  for (const [idNumber, entry] of Object.entries(DEMO_RESIDENT_CARDS)) {
    residents.set(idNumber, {
      name: entry.card.name,
      idNumber,
      phone: entry.phone,
      hasFundAccount: entry.card.name !== '黄子轩',
    })
  }
  const sms = new Map<
    string,
    { code: string; sentAt: number; expiresAt: number; wrong: number; used: boolean }
  >()
  let gate: Promise<void> | null = null
  let tokenCounter = 0

  const session = (r: FakeResident) => {
    const token = `tok-${++tokenCounter}-${r.idNumber.slice(-4)}`
    fake.tokens.add(token)
    return {
      residentToken: token,
      expiresAt: new Date(clock().getTime() + 10 * 60_000).toISOString(),
      identity: {
        residentRef: `ref-${r.idNumber.slice(-6)}`,
        name: r.name,
        idNumber: r.idNumber,
        gender: Number(r.idNumber[16]) % 2 === 1 ? ('M' as const) : ('F' as const),
        birthDate: `${r.idNumber.slice(6, 10)}-${r.idNumber.slice(10, 12)}-${r.idNumber.slice(12, 14)}`,
        maskedPhone: r.phone ? maskPhone(r.phone) : '',
        hasFundAccount: r.hasFundAccount,
      },
    }
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one dispatcher for four shapes
  async function answer(name: CentralEndpointName, input: any): Promise<CentralAnswer<any>> {
    const now = clock().getTime()
    const find = (id: string) => residents.get(String(id).toUpperCase())
    switch (name) {
      case 'identityCardCheck': {
        const r = find(input.card.idNumber)
        if (!r) return err(404, 'RESIDENT_NOT_FOUND')
        if (r.name !== input.card.name) return err(422, 'CARD_MISMATCH')
        return {
          ok: true,
          status: 200,
          value: {
            residentKnown: true,
            maskedPhone: r.phone ? maskPhone(r.phone) : '',
            hasFundAccount: r.hasFundAccount,
          },
        }
      }
      case 'identitySmsSend': {
        const r = find(input.idNumber)
        if (!r) return err(404, 'RESIDENT_NOT_FOUND')
        if (fake.rateLimitNextSend) {
          fake.rateLimitNextSend = false
          return err(429, 'SMS_RATE_LIMITED', { retryAfterSeconds: 1800 })
        }
        if (!r.phone) return { ok: true, status: 200, value: sendValue('', now) }
        const prev = sms.get(r.phone)
        if (prev && !prev.used && prev.sentAt + 60_000 > now) {
          return err(429, 'SMS_RESEND_TOO_SOON', {
            retryAfterSeconds: Math.ceil((prev.sentAt + 60_000 - now) / 1000),
          })
        }
        const code = String(100_000 + Math.floor(Math.random() * 900_000))
        sms.set(r.phone, { code, sentAt: now, expiresAt: now + 300_000, wrong: 0, used: false })
        return { ok: true, status: 200, value: sendValue(maskPhone(r.phone), now) }
      }
      case 'identitySmsVerify': {
        const r = find(input.idNumber)
        if (!r) return err(404, 'RESIDENT_NOT_FOUND')
        const s = r.phone ? sms.get(r.phone) : undefined
        if (!s || s.used) return err(422, 'SMS_CODE_NOT_SENT')
        if (s.wrong >= 5) return err(422, 'SMS_CODE_VOID')
        if (s.expiresAt <= now) return err(422, 'SMS_CODE_EXPIRED')
        if (input.code !== s.code) {
          s.wrong++
          if (s.wrong >= 5) return err(422, 'SMS_CODE_VOID')
          return err(422, 'SMS_CODE_WRONG', { attemptsLeft: 5 - s.wrong })
        }
        s.used = true
        return { ok: true, status: 200, value: session(r) }
      }
      case 'identityFaceCheck': {
        const r = find(input.idNumber)
        if (!r) return err(404, 'RESIDENT_NOT_FOUND')
        const bytes = Buffer.from(input.imageJpegBase64, 'base64')
        if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return err(422, 'FACE_IMAGE_INVALID')
        if (bytes.includes(Buffer.from('NOMATCH'))) {
          return { ok: true, status: 200, value: { match: false, score: 0.2 } }
        }
        return { ok: true, status: 200, value: { match: true, score: 0.97, session: session(r) } }
      }
      default:
        return err(404, 'NOT_FOUND')
    }
  }

  const sendValue = (maskedPhone: string, now: number) => ({
    maskedPhone,
    sentAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 300_000).toISOString(),
    expiresInSeconds: 300,
    resendAfterSeconds: 60,
  })

  const fake: FakeCentral = {
    online: true,
    rateLimitNextSend: false,
    calls: [],
    residents,
    tokens: new Set(),
    async call<N extends CentralEndpointName>(
      name: N,
      input: CentralRequest<N>,
    ): Promise<CentralAnswer<N>> {
      fake.calls.push({ name, input })
      if (gate) await gate
      if (!fake.online) return err(0, 'TRANSPORT_NETWORK')
      return (await answer(name, input)) as CentralAnswer<N>
    },
    stall() {
      let release = () => {}
      gate = new Promise((resolve) => {
        release = () => {
          gate = null
          resolve()
        }
      })
      return { release }
    },
    lastCode: (phone) => sms.get(phone)?.code,
    inbox: {
      async lastCode(phone) {
        if (!fake.online) return { ok: false, reason: 'unreachable' }
        const s = sms.get(phone)
        return {
          ok: true,
          sms: s ? { code: s.code, sentAt: new Date(s.sentAt).toISOString() } : null,
        }
      },
    },
  }
  return fake
}

/** A tiny valid-looking JPEG (SOI … EOI), optionally carrying the no-match marker. */
export function jpegStill(options: { noMatch?: boolean } = {}): string {
  const marker = Buffer.from(options.noMatch ? 'NOMATCH' : 'kiosk-test')
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, marker.length + 2]), marker])
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'),
    comment,
    Buffer.from([0xff, 0xd9]),
  ]).toString('base64')
}
