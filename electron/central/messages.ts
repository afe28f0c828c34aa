/**
 * Notices to residents: one text message per decision, to the phone on file. The reference centre
 * sends nothing out; it keeps each phone's messages (newest last, bounded) so that the demo route
 * `GET /demo/messages/{phone}` and the tests can read what a resident would have received.
 */
import { openContact, type ApplicationKind } from '../../shared/central'
import type { CentralContext } from './context'
import type { CentralState, StoredBinding, StoredMessage } from './state'

/** How many messages one phone keeps; older ones fall off. */
export const MESSAGES_PER_PHONE = 50

/** The sender's signature every message starts with, as Chinese service SMS do. */
export const MESSAGE_SIGNATURE = '【福州公积金】'

/** What a message is about: an application's kind and number, or a free notice. */
export interface MessageSubject {
  /** What the message is for, in words a resident reads ("数字钱包绑定申请"). */
  what: string
  applicationNo?: string
}

/** Application kinds a resident is told about, in the words of the message. */
export const APPLICATION_WHAT: Partial<Record<ApplicationKind, string>> = {
  bind: '数字钱包绑定申请',
  unbind: '数字钱包解绑申请',
  feedback: '投诉与反馈',
  withdrawRent: '租房提取申请',
  rentPlanChange: '按月提取计划变更',
  withdrawRetire: '退休提取申请',
}

/**
 * The second message of a bind or unbind that settled later than its decision: finds the phone
 * through `phoneOf` (the phone on file now).
 */
export function notifySettled(
  st: CentralState,
  binding: StoredBinding,
  phoneOf: (residentRef: string) => string | undefined,
  now: Date,
): void {
  const app =
    binding.state === 'unbound'
      ? Object.values(st.applications).findLast(
          (a) => a.kind === 'unbind' && a.bindingId === binding.bindingId,
        )
      : binding.applicationNo
        ? st.applications[binding.applicationNo]
        : undefined
  const phone = phoneOf(binding.residentRef)
  const what = app ? APPLICATION_WHAT[app.kind] : undefined
  if (!app || !phone || !what) return
  sendMessage(
    st,
    phone,
    decisionText({ what, applicationNo: app.applicationNo }, { ok: true, done: true }),
    now,
    app.applicationNo,
  )
}

/**
 * Whom to tell about an application: the phone on file of its resident, or for a feedback left
 * without signing in the call-back phone it carries (sealed with the terminal's key); undefined
 * when there is nobody to tell.
 */
export async function phoneToTell(
  ctx: CentralContext,
  app: { kind: ApplicationKind; residentRef?: string; terminalId: string },
  payload: unknown,
): Promise<string | undefined> {
  const phone = app.residentRef ? ctx.phoneOfRef(app.residentRef) : undefined
  const sealed = (payload as { contactSealed?: unknown } | null | undefined)?.contactSealed
  if (phone || app.kind !== 'feedback' || typeof sealed !== 'string') return phone
  return (await openContact(sealed, ctx.keyFor(app.terminalId) ?? '')) ?? undefined
}

/** The message a resident gets when the centre has answered their feedback. */
export function feedbackRepliedText(applicationNo: string): string {
  return `您的${APPLICATION_WHAT.feedback} ${applicationNo} 已答复，请留意工作人员的回复。`
}

/** Keeps one message for `phone`. */
export function sendMessage(
  st: CentralState,
  phone: string,
  text: string,
  now: Date,
  applicationNo?: string,
): StoredMessage {
  const message: StoredMessage = {
    text: text.startsWith(MESSAGE_SIGNATURE) ? text : MESSAGE_SIGNATURE + text,
    sentAt: now.toISOString(),
    ...(applicationNo ? { applicationNo } : {}),
  }
  const box = (st.messages[phone] ??= [])
  box.push(message)
  if (box.length > MESSAGES_PER_PHONE) box.splice(0, box.length - MESSAGES_PER_PHONE)
  return message
}

/** A decision's message: "您的数字钱包绑定申请 BD… 已办理成功。" or "…未通过：<reason>。" */
export function decisionText(
  subject: MessageSubject,
  outcome: { ok: true; done: boolean } | { ok: false; reason: string },
): string {
  const no = subject.applicationNo ? ` ${subject.applicationNo}` : ''
  const verdict = outcome.ok
    ? outcome.done
      ? '已办理成功'
      : '已受理，办理结果将另行短信通知'
    : `未通过：${outcome.reason.replace(/[。.]$/u, '')}`
  return `您的${subject.what}${no} ${verdict}。`
}

/** Newest first, as the demo route serves them. */
export function messagesFor(st: CentralState, phone: string): StoredMessage[] {
  return [...(st.messages[phone] ?? [])].reverse()
}
