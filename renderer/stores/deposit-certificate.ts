/**
 * The resident's deposit certificate (个人住房公积金缴存证明): issued at the centre, previewed,
 * printed on A4. Holds the issued document (the resident's own figures) for this session only;
 * `reset()` at session end.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { DepositCertificateIssued } from '../../shared/api/methods/certificates'
import type { ApiError } from '../../shared/api/result'
import { useKioskApi } from '../api/kiosk-api'
import { useSessionStore } from './session'

export const useDepositCertificateStore = defineStore('deposit-certificate', () => {
  const api = useKioskApi()
  const session = useSessionStore()
  const step = ref<'preview' | 'done'>('preview')
  const issuing = ref(false)
  const printing = ref(false)
  const issued = shallowRef<DepositCertificateIssued | null>(null)
  const error = shallowRef<ApiError | null>(null)
  const printError = shallowRef<ApiError | null>(null)

  /** Asks the centre for a certificate; the preview shows it once issued. */
  async function issue(): Promise<void> {
    if (issuing.value) return
    issuing.value = true
    error.value = null
    printError.value = null
    step.value = 'preview'
    const result = await api.call('fund.depositCertificate', {})
    issuing.value = false
    if (result.ok) issued.value = result.value
    else error.value = result.error
  }

  /** Prints the previewed certificate on A4; the done step says how it went. */
  async function print(): Promise<void> {
    if (!issued.value || printing.value) return
    printing.value = true
    printError.value = null
    const printableId = issued.value.printableId
    const result = await session.during('printing', () => api.call('print.print', { printableId }))
    printing.value = false
    printError.value = result.ok ? null : result.error
    step.value = 'done'
  }

  function reset(): void {
    step.value = 'preview'
    issuing.value = false
    printing.value = false
    issued.value = null
    error.value = null
    printError.value = null
  }

  return { step, issuing, printing, issued, error, printError, issue, print, reset }
})
