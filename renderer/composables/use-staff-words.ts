/**
 * The dashboard's values in staff's language: times, sizes, service names, device details. Every
 * staff card words what the core reports through these, so the same value reads the same way on
 * every card.
 */
import { useI18n } from 'vue-i18n'
import { DEVICE_DETAIL_CODES } from '../../shared/devices'
import { clockTime } from '../i18n/clock'

/** Bytes as staff read them: GB down to 1 GB, MB below (a nearly full disk shows what is left). */
export function byteSize(bytes: number | null): string {
  if (bytes === null) return '—'
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`
}

export interface UseStaffWordsReturn {
  /** A time of today as HH:mm, an older one with its date; `null` as "never". */
  when: (iso: string | null) => string
  /** A service id from the audit log in words (`help.feedback` → 投诉反馈); others as they are. */
  actionName: (action: string) => string
  /** An outbox item's kind in words: a service (`fund.bind` → 绑定钱包) or an audit entry. */
  outboxKindName: (kind: string) => string
  /** The core's own device details in words; a driver's own words (an IPP reason) as they are. */
  deviceDetail: (detail: string) => string
  /** An issue code in words; a code this renderer does not know is shown as it is. */
  issueWords: (code: string) => string
}

/** Wording helpers bound to the current component's i18n (call in `setup`). */
export function useStaffWords(): UseStaffWordsReturn {
  const { t, d, te } = useI18n()

  const when = (iso: string | null): string => {
    if (!iso) return t('supervisor.never')
    const at = new Date(iso)
    return at.toDateString() === new Date().toDateString() ? clockTime(at) : d(at, 'dateTime')
  }
  const actionName = (action: string): string =>
    te(`services.${action}.title`) ? t(`services.${action}.title`) : action
  const outboxKindName = (kind: string): string =>
    kind === 'audit' ? t('supervisor.auditEntry') : actionName(kind)
  const deviceDetail = (detail: string): string =>
    (DEVICE_DETAIL_CODES as readonly string[]).includes(detail)
      ? t(`deviceDetails.${detail}`)
      : detail
  const issueWords = (code: string): string =>
    te(`issueCodes.${code}`) ? t(`issueCodes.${code}`) : code

  return { when, actionName, outboxKindName, deviceDetail, issueWords }
}
