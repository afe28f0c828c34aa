/**
 * What the centre tells residents, from its reference data through the core: notices in force,
 * time promises and hotlines, and the wallet guide. It describes the centre, never the resident,
 * so it is kept across sessions; notices are asked again whenever a screen shows them (they expire).
 */
import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type {
  CentrePromises,
  NoticeEntry,
  WalletGuideOperator,
} from '../../shared/api/methods/centre'
import { useKioskApi } from '../api/kiosk-api'

/** What residents see until the core has answered (the centre's usual numbers). */
const USUAL_PROMISES: CentrePromises = {
  unbindDays: 1,
  feedbackDays: 5,
  fundHotline: '12329',
  taxHotline: '12366',
}

export const useCentreStore = defineStore('centre', () => {
  const api = useKioskApi()
  const notices = shallowRef<NoticeEntry[]>([])
  const promises = shallowRef<CentrePromises>(USUAL_PROMISES)
  const guide = shallowRef<WalletGuideOperator[] | null>(null)

  /** The newest important notice, for the attract screen. */
  const headline = computed(() => notices.value.find((n) => n.important) ?? null)
  const ofKind = (kind: NoticeEntry['kind']) => notices.value.filter((n) => n.kind === kind)

  async function loadNotices(): Promise<void> {
    const result = await api.call('terminal.notices', {})
    if (result.ok) notices.value = result.value.notices
  }
  async function loadPromises(): Promise<void> {
    const result = await api.call('terminal.promises', {})
    if (result.ok) promises.value = result.value
  }
  async function loadGuide(): Promise<void> {
    const result = await api.call('help.walletGuide', {})
    guide.value = result.ok ? result.value.operators : []
  }

  return { notices, promises, guide, headline, ofKind, loadNotices, loadPromises, loadGuide }
})
