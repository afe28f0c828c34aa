/**
 * The withdrawal wizard's state: the centre's eligibility (reasons and the figures the keypad
 * enforces), what the resident chose and typed, and the answer. Rules stay in the core and the
 * centre; the amount check here only says early, in words, what the core would refuse anyway.
 * `reset()` (session end) drops all of it.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { SubmissionResult, WithdrawalEligibility } from '../../shared/api'
import { useKioskApi } from '../api/kiosk-api'
import { useFundStore } from './fund'

export type WithdrawStep = 'choose' | 'amount' | 'review' | 'confirm' | 'result'
export type WithdrawMode = 'once' | 'plan' | 'change' | 'stop' | 'retire'
/** The SMS purpose each mode confirms. */
export const PURPOSE_OF = {
  once: 'withdrawRent',
  plan: 'withdrawRent',
  change: 'rentPlanChange',
  stop: 'rentPlanChange',
  retire: 'withdrawRetire',
} as const

/** Whole yuan typed on the keypad (the centre's caps are whole yuan too). */
export const AMOUNT_MAX_DIGITS = 7

export const useWithdrawStore = defineStore('withdraw', () => {
  const api = useKioskApi()
  const fund = useFundStore()

  const eligibility = shallowRef<WithdrawalEligibility | null>(null)
  const step = ref<WithdrawStep>('choose')
  const mode = ref<WithdrawMode>('once')
  const yuan = ref('')
  const submission = shallowRef<SubmissionResult | null>(null)

  const amountFen = computed(() => {
    const e = eligibility.value
    if (mode.value === 'retire') return e?.retire.amountFen ?? 0
    return Number(yuan.value || '0') * 100
  })
  /** The most the chosen mode allows, in fen (null: no amount to type). */
  const limitFen = computed(() => {
    const e = eligibility.value
    if (!e) return null
    if (mode.value === 'once') return e.rent.maxOnceFen
    if (mode.value === 'plan' || mode.value === 'change') return e.rent.monthlyCapFen
    return null
  })
  /** Why the typed amount cannot go on, or null. */
  const amountProblem = computed<'zero' | 'aboveCap' | 'aboveAvailable' | null>(() => {
    if (mode.value === 'stop' || mode.value === 'retire') return null
    const e = eligibility.value
    if (amountFen.value <= 0) return 'zero'
    if (limitFen.value !== null && amountFen.value > limitFen.value) {
      return e && mode.value === 'once' && amountFen.value > e.availableFen
        ? 'aboveAvailable'
        : 'aboveCap'
    }
    if (e && amountFen.value > e.availableFen) return 'aboveAvailable'
    return null
  })

  async function load(): Promise<void> {
    fund.error = null
    const answer = await api.call('fund.withdrawalEligibility', {})
    if (answer.ok) eligibility.value = answer.value
    else fund.error = answer.error
  }

  function start(): void {
    step.value = 'choose'
    yuan.value = ''
    submission.value = null
    fund.code = ''
    fund.sms = null
    fund.error = null
  }

  function choose(next: WithdrawMode): void {
    mode.value = next
    yuan.value = ''
    fund.error = null
    step.value = next === 'stop' || next === 'retire' ? 'review' : 'amount'
  }

  /** Submits after the code was confirmed; the screen moves to the result on an answer. */
  async function submit(): Promise<boolean> {
    const m = mode.value
    fund.busy = true
    fund.error = null
    const answer =
      m === 'once' || m === 'plan'
        ? await api.call('fund.withdrawRent', { mode: m, amountFen: amountFen.value })
        : m === 'change'
          ? await api.call('fund.rentPlanChange', { action: 'change', amountFen: amountFen.value })
          : m === 'stop'
            ? await api.call('fund.rentPlanChange', { action: 'stop' })
            : await api.call('fund.withdrawRetire', {})
    fund.busy = false
    if (!answer.ok) {
      fund.error = answer.error
      return false
    }
    submission.value = answer.value
    step.value = 'result'
    return true
  }

  function reset(): void {
    eligibility.value = null
    step.value = 'choose'
    mode.value = 'once'
    yuan.value = ''
    submission.value = null
  }

  return {
    eligibility,
    step,
    mode,
    yuan,
    submission,
    amountFen,
    limitFen,
    amountProblem,
    load,
    start,
    choose,
    submit,
    reset,
  }
})
