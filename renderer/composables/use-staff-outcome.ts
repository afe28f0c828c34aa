/**
 * What the last staff action did, in staff's language: the one line under the dashboard's
 * header. Read from the supervisor store's `outcome`; a failure, or an audit chain found broken,
 * is marked bad so the line shows as a warning.
 */
import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { AuditVerdict } from '../../shared/api/methods/supervisor'
import { useSupervisorStore, type ActionOutcome } from '../stores/supervisor'

export interface UseStaffOutcomeReturn {
  /** The outcome in words; `null` before any action (or while one runs). */
  text: ComputedRef<string | null>
  /** The action failed, or it found something wrong (a broken audit chain). */
  bad: ComputedRef<boolean>
}

/** Words the supervisor store's last action outcome (call in `setup`). */
export function useStaffOutcome(): UseStaffOutcomeReturn {
  const { t } = useI18n()
  const staff = useSupervisorStore()

  function words(o: ActionOutcome): string {
    if (!o.ok) return t('supervisor.results.failed', { reason: t(`errors.${o.error!.code}`) })
    const v = o.value as Record<string, unknown>
    switch (o.action) {
      case 'syncNow':
        return t('supervisor.results.syncNow', {
          connection: t(`status.connection.${String(v.connection)}`),
          depth: v.outboxDepth,
        })
      case 'retryOutbox':
        return t('supervisor.results.retryOutbox', { accepted: v.accepted, remaining: v.remaining })
      case 'testPrint':
      case 'reprint':
        return t('supervisor.results.printed')
      case 'verifyAudit': {
        const verdict = o.value as AuditVerdict
        return verdict.ok
          ? t('supervisor.results.auditOk', { count: verdict.count })
          : t('supervisor.results.auditBroken', {
              seq: verdict.firstBrokenSeq,
              reason: verdict.reason,
            })
      }
      case 'clearIssues':
        return v.remaining
          ? t('supervisor.results.issuesClearedSome', { count: v.cleared, remaining: v.remaining })
          : t('supervisor.results.issuesCleared', { count: v.cleared })
      case 'restart':
        return t('supervisor.results.restarting')
      case 'exitKiosk':
        return t('supervisor.results.exiting')
      default:
        return t('supervisor.results.ok')
    }
  }

  const text = computed(() => (staff.outcome ? words(staff.outcome) : null))
  const bad = computed(
    () =>
      staff.outcome !== null &&
      (!staff.outcome.ok ||
        (staff.outcome.action === 'verifyAudit' && !(staff.outcome.value as AuditVerdict).ok)),
  )
  return { text, bad }
}
