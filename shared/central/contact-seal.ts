/**
 * A resident's call-back phone on a feedback ticket, sealed for the centre: AES-256-GCM under a key
 * derived (HKDF-SHA256) from the terminal's key, which only the terminal and the centre hold. The
 * terminal's outbox is on disk and must never hold a full phone number (personal data does not
 * outlive the visit), yet the centre needs the number to call back. Web Crypto only (pure).
 */
import { utf8 } from './canonical-json'

const INFO = 'hall-kiosk feedback contact v1'
const IV_BYTES = 12

async function contactKey(terminalKey: string, usage: 'encrypt' | 'decrypt') {
  const base = await globalThis.crypto.subtle.importKey('raw', utf8(terminalKey), 'HKDF', false, [
    'deriveKey',
  ])
  return globalThis.crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8(INFO) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  )
}

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')
const fromBase64Url = (text: string) =>
  Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0))

/** Seals `phone` for the centre; the result is base64url (IV ‖ ciphertext ‖ tag). */
export async function sealContact(phone: string, terminalKey: string): Promise<string> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES))
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    await contactKey(terminalKey, 'encrypt'),
    utf8(phone),
  )
  const out = new Uint8Array(IV_BYTES + sealed.byteLength)
  out.set(iv)
  out.set(new Uint8Array(sealed), IV_BYTES)
  return toBase64Url(out)
}

/** Opens a sealed contact; null when it was not sealed with this terminal's key. */
export async function openContact(sealed: string, terminalKey: string): Promise<string | null> {
  try {
    const bytes = fromBase64Url(sealed)
    const plain = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES) },
      await contactKey(terminalKey, 'decrypt'),
      bytes.slice(IV_BYTES),
    )
    return new TextDecoder().decode(plain)
  } catch {
    return null
  }
}
