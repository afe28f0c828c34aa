/**
 * Certificate verification at the terminal: anyone types or scans a code and
 * hears whether the centre issued it. No identity involved; `reset()` at session end. Typing is
 * on the on-screen keyboard; a hand-held scanner's text arrives whole through `scan()`.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { CertificateVerification } from '../../shared/api/methods/certificates'
import type { ApiError } from '../../shared/api/result'
import { verificationCodeFromScan } from '../../shared/domain/scanned-code'
import {
  VERIFICATION_CODE_ALPHABET,
  VERIFICATION_CODE_LENGTH,
  normalizeVerificationCode,
} from '../../shared/domain/tax'
import { useKioskApi } from '../api/kiosk-api'

export const useCertificateVerifyStore = defineStore('certificate-verify', () => {
  const api = useKioskApi()
  /** The bare code typed so far (no dashes). */
  const code = ref('')
  const checking = ref(false)
  const result = shallowRef<CertificateVerification | null>(null)
  const error = shallowRef<ApiError | null>(null)
  /** Set when a scan was not a certificate's code; what was typed stays as it was. */
  const scanProblem = ref<'notRecognised' | null>(null)
  const complete = computed(() => code.value.length === VERIFICATION_CODE_LENGTH)

  /** Replaces the input; the code is its valid letters once the QR prefix (if any) is gone. */
  function input(text: string): void {
    code.value = Array.from(normalizeVerificationCode(text))
      .filter((ch) => VERIFICATION_CODE_ALPHABET.includes(ch))
      .join('')
      .slice(0, VERIFICATION_CODE_LENGTH)
    result.value = null
    error.value = null
    scanProblem.value = null
  }

  /** A key of the on-screen keyboard: one character, backspace or clear. */
  function press(key: string | 'backspace' | 'clear'): void {
    if (key === 'clear') input('')
    else if (key === 'backspace') input(code.value.slice(0, -1))
    else if (code.value.length < VERIFICATION_CODE_LENGTH) input(code.value + key)
  }

  /**
   * A hand-held scanner's text (a certificate's QR payload or its printed code): filled in and
   * checked as if typed and confirmed. Anything else is answered `notRecognised` and changes
   * nothing; a scan while the centre is being asked is dropped (the answer is on its way).
   */
  function scan(text: string): void {
    if (checking.value) return
    const scanned = verificationCodeFromScan(text)
    if (!scanned) {
      scanProblem.value = 'notRecognised'
      return
    }
    input(scanned)
    void check()
  }

  /** Asks the centre (through the core) whether the code was issued; a short code is answered too. */
  async function check(): Promise<void> {
    if (checking.value || !code.value) return
    const asked = code.value
    checking.value = true
    error.value = null
    scanProblem.value = null
    const answer = await api.call('certificate.verify', { code: asked })
    checking.value = false
    if (answer.ok) result.value = answer.value
    else error.value = answer.error
  }

  function reset(): void {
    code.value = ''
    checking.value = false
    result.value = null
    error.value = null
    scanProblem.value = null
  }

  return {
    code,
    checking,
    result,
    error,
    scanProblem,
    complete,
    input,
    press,
    scan,
    check,
    reset,
  }
})
