/**
 * Help for residents: the FAQ from the cached reference data, complaints and
 * feedback submitted through the outbox with a ticket number issued on the terminal (so it works
 * offline), and "call staff" requests that reach the supervisor dashboard at once and the central
 * service through the outbox. Open calls are kept in the store's settings, so a resident still
 * waiting is not forgotten when the app restarts. Nothing personal is stored in clear: feedback
 * text has ID-number- and phone-shaped runs masked, a call-back phone is sealed for the centre,
 * identity is masked.
 */
import { randomInt, randomUUID } from 'node:crypto'
import { fail, ok, type Result } from '../../../shared/api'
import type { FaqEntry, FeedbackCategory } from '../../../shared/api/methods/help'
import { TICKET_CODE_ALPHABET } from '../../../shared/domain/typed-lookup-number'
import { CallStaffRequest } from '../../../shared/api/methods/supervisor'
import { FaqData, sealContact } from '../../../shared/central'
import { maskIdNumber, maskName, maskPhone } from '../../../shared/domain/masking'
import { redact } from '../../../shared/domain/redaction'
import type { ReceiptInput } from '../../../shared/receipt'
import type { AuditTrail, TerminalData } from '../data/terminal-data'
import type { IdentityService } from '../identity/identity'
import type { SettingsAccess } from '../data/settings'
import type { Printables } from '../printing/printables'
import type { ActiveSession } from '../session/session'
import { readReferenceItems, readSyncState, SYNC_STATE_KEYS } from '../sync/reference-cache'

/** Outbox kinds; the sync engine sends the last segment (`feedback`, `callStaff`) to the centre. */
export const FEEDBACK_OUTBOX_KIND = 'help.feedback'
export const CALL_STAFF_OUTBOX_KIND = 'help.callStaff'
/** A second tap within this time returns the open request instead of calling staff again. */
export const CALL_STAFF_REPEAT_MS = 60_000
/** The dashboard keeps at most this many open requests (the oldest drop off; all are audited). */
const MAX_OPEN_CALLS = 20
/** The settings row holding the open call-staff requests (JSON, newest first). */
export const OPEN_CALLS_SETTING = 'help.openCalls'
const OpenCalls = CallStaffRequest.array()
/**
 * Ticket codes avoid look-alikes (no I, O, 0, 1): residents read them out on the phone, and type
 * them into the status lookup, whose keypad has these keys.
 */
const TICKET_ALPHABET = TICKET_CODE_ALPHABET

const CATEGORY_ORDER = FaqData.shape.category.options
const FEEDBACK_WORDS: Record<FeedbackCategory, string> = {
  complaint: '投诉',
  suggestion: '建议',
  praise: '表扬',
  other: '其他',
}

export interface HelpDeskDeps {
  data: TerminalData | null
  identity: IdentityService
  printables: Printables
  audit: AuditTrail
  clock: () => Date
  terminalId: string
  terminalKey: string
  hallName: string
  /** Where open calls survive a restart (the store's settings). */
  settings: SettingsAccess
  /** An unreadable open-calls row (it is then started afresh). */
  onBadSetting: (err: unknown) => void
  /** Called after an enqueue (the sync engine pushes at once when it can). */
  queued: () => void
}

export interface HelpDesk {
  faq(): { entries: FaqEntry[]; updatedAt: string | null }
  feedback(
    session: ActiveSession,
    input: { category: FeedbackCategory; text: string; contactPhone?: string | undefined },
  ): Promise<Result<{ ticketNo: string; printableId: string; queued: boolean; at: string }>>
  callStaff(
    session: ActiveSession | null,
    input: { screen: string; step?: string | undefined; lastError?: string | undefined },
  ): Promise<Result<{ requestId: string; at: string; repeated: boolean }>>
  /** Open call-staff requests, newest first (the dashboard). */
  openCalls(): CallStaffRequest[]
  resolveCall(requestId: string): Promise<boolean>
}

/** `FK20260612-7KQ2MZ`: kind, the terminal's local date, 6 random letters/digits. */
export function newTicketNo(at: Date): string {
  const day = `${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}`
  let code = ''
  for (let i = 0; i < 6; i++) code += TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)]
  return `FK${day}-${code}`
}

export function createHelpDesk(deps: HelpDeskDeps): HelpDesk {
  /** The open calls as the settings hold them (read afresh: the store may open after us). */
  const readCalls = (): CallStaffRequest[] => {
    const raw = deps.settings.read(OPEN_CALLS_SETTING)
    if (raw === undefined) return []
    try {
      return OpenCalls.parse(JSON.parse(raw))
    } catch (err) {
      deps.onBadSetting(err)
      return []
    }
  }
  const writeCalls = (calls: CallStaffRequest[]) =>
    deps.settings.write(OPEN_CALLS_SETTING, calls.length > 0 ? JSON.stringify(calls) : null)

  /** `林** 350102********3417` for the verified resident of this session, else null. */
  const maskedIdentity = (session: ActiveSession | null): string | null => {
    if (!session) return null
    const resident = deps.identity.currentResident(session.id)
    if (!resident) return null
    return `${maskName(resident.identity.name)} ${maskIdNumber(resident.identity.idNumber)}`
  }

  return {
    faq() {
      const store = deps.data?.store
      if (!store) return { entries: [], updatedAt: null }
      const entries = readReferenceItems(store, 'faq')
        .map((item) => ({ key: item.key, ...item.data }))
        .sort(
          (a, b) =>
            CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
            a.order - b.order ||
            a.key.localeCompare(b.key),
        )
      return { entries, updatedAt: readSyncState(store, SYNC_STATE_KEYS.updatedAt) ?? null }
    },

    async feedback(session, input) {
      const data = deps.data
      if (!data) return fail('STORE_WRITE_FAILED', 'store_unavailable')
      const now = deps.clock()
      const ticketNo = newTicketNo(now)
      const resident = deps.identity.currentResident(session.id)
      const payload = {
        category: input.category,
        text: redact(input.text),
        ticketNo,
        ...(resident ? { residentRef: resident.identity.residentRef } : {}),
        ...(input.contactPhone
          ? { contactSealed: await sealContact(input.contactPhone, deps.terminalKey) }
          : {}),
      }
      try {
        await data.outbox.enqueue({
          kind: FEEDBACK_OUTBOX_KIND,
          idempotencyKey: `feedback-${deps.terminalId}-${ticketNo}`,
          payload,
          createdAt: now.getTime(),
        })
      } catch {
        return fail('STORE_WRITE_FAILED')
      }
      deps.queued()
      void deps.audit.record({
        action: 'help.feedback',
        subject: resident ? maskIdNumber(resident.identity.idNumber) : null,
        outcome: 'queued',
        detail: { ticketNo, category: input.category, contact: input.contactPhone !== undefined },
      })
      const receipt: ReceiptInput = {
        terminalId: deps.terminalId,
        hall: deps.hallName,
        issuedAt: now.toISOString(),
        service: 'help.feedback',
        title: '投诉与反馈',
        holder: resident
          ? {
              name: maskName(resident.identity.name),
              idNumber: maskIdNumber(resident.identity.idNumber),
            }
          : {},
        outcome: 'accepted',
        outcomeNote: '您的意见已受理，我们将在 5 个工作日内处理。',
        reference: { kind: 'ticket', number: ticketNo },
        qrPayload: ticketNo,
        lines: [
          { label: '类别', value: FEEDBACK_WORDS[input.category] },
          ...(input.contactPhone
            ? [{ label: '联系电话', value: maskPhone(input.contactPhone) }]
            : []),
        ],
        footer: '请保留本凭条。查询进度请拨打 12329（公积金）或 12366（纳税服务）。',
      }
      const printableId = deps.printables.add(session.id, { kind: 'receipt', receipt })
      return ok({ ticketNo, printableId, queued: true, at: now.toISOString() })
    },

    async callStaff(session, input) {
      const now = deps.clock()
      const calls = readCalls()
      const recent = calls.find(
        (c) => c.screen === input.screen && now.getTime() - Date.parse(c.at) < CALL_STAFF_REPEAT_MS,
      )
      if (recent) return ok({ requestId: recent.requestId, at: recent.at, repeated: true })
      const request: CallStaffRequest = {
        requestId: randomUUID(),
        at: now.toISOString(),
        screen: input.screen,
        step: input.step ?? null,
        lastError: input.lastError ?? null,
        maskedIdentity: maskedIdentity(session),
      }
      calls.unshift(request)
      calls.splice(MAX_OPEN_CALLS)
      await writeCalls(calls)
      void deps.audit.record({
        action: 'help.callStaff',
        subject: request.maskedIdentity,
        outcome: 'called',
        detail: { requestId: request.requestId, screen: request.screen, step: request.step },
      })
      const data = deps.data
      if (data) {
        try {
          await data.outbox.enqueue({
            kind: CALL_STAFF_OUTBOX_KIND,
            idempotencyKey: `callstaff-${deps.terminalId}-${request.requestId}`,
            payload: {
              requestId: request.requestId,
              screen: request.screen,
              ...(request.step ? { step: request.step } : {}),
              ...(request.lastError ? { lastError: request.lastError } : {}),
              ...(request.maskedIdentity ? { maskedIdentity: request.maskedIdentity } : {}),
            },
            createdAt: now.getTime(),
          })
          deps.queued()
        } catch {
          // The dashboard has it already; the centre's copy is a convenience, not the call itself.
        }
      }
      return ok({ requestId: request.requestId, at: request.at, repeated: false })
    },

    openCalls: readCalls,

    async resolveCall(requestId) {
      const calls = readCalls()
      const index = calls.findIndex((c) => c.requestId === requestId)
      if (index < 0) return false
      calls.splice(index, 1)
      await writeCalls(calls)
      return true
    },
  }
}
