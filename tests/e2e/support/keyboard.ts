/** Typing on the on-screen pinyin keyboard (simple-keyboard) the way a person does: by taps. */
import type { Page } from '@playwright/test'

/** Types pinyin and picks the character from the candidates. */
export async function pinyin(page: Page, syllable: string, character: string): Promise<void> {
  for (const letter of syllable) await page.locator(`[data-skbtn="${letter}"]`).tap()
  await page.locator('.hg-candidate-box-list-item', { hasText: character }).first().tap()
}

/** Taps letters as they are (switch to the English layout first for Latin text). */
export async function tapKeys(page: Page, keys: string): Promise<void> {
  for (const key of keys) await page.locator(`[data-skbtn="${key}"]`).tap()
}
