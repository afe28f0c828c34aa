/**
 * Staff steps for end-to-end specs: the hidden gesture (five taps in the top-left corner
 * within 3 s), the PIN keypad, and the dashboard. The demo PIN is the published one.
 */
import { expect, type Kiosk } from './kiosk'

export const DEMO_PIN = '246810'

/** Five taps in the top-left corner: the PIN keypad opens. */
export async function staffGesture(kiosk: Kiosk): Promise<void> {
  for (let i = 0; i < 5; i++) await kiosk.page.touchscreen.tap(24, 24)
  await expect(kiosk.page.getByTestId('staff-pin')).toBeVisible()
}

/** Types a PIN on the keypad and presses enter. */
export async function typePin(kiosk: Kiosk, pin: string): Promise<void> {
  for (const digit of pin) await kiosk.page.getByTestId(`pin-${digit}`).tap()
  await kiosk.page.getByTestId('pin-enter').tap()
}

/** Gesture + demo PIN: resolves on the dashboard. */
export async function enterStaff(kiosk: Kiosk): Promise<void> {
  await staffGesture(kiosk)
  await typePin(kiosk, DEMO_PIN)
  await expect(kiosk.screen('supervisor')).toBeVisible()
  await expect(kiosk.page.getByTestId('staff-dashboard')).toBeVisible()
}

export async function leaveStaff(kiosk: Kiosk): Promise<void> {
  await kiosk.page.getByTestId('staff-leave').tap()
  await expect(kiosk.screen('attract')).toBeVisible()
}
