/**
 * A hall config for a test terminal that talks to a centre of its own (not the bundled demo one):
 * QA mode needs a hall config that allows it, as a staging hall's would; the environment alone
 * cannot turn it on there. QA mode is what lets the specs read the demo SMS inbox and fix the clock
 * that opening hours are judged by (`KIOSK_QA_HOURS_CLOCK`, set for every run in
 * playwright.config.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_TERMINAL } from '../../../shared/demo'

/** Writes the file into `dir` (a fresh temporary folder by default) and returns its path. */
export function writeQaHallConfig(
  terminalId: string = DEMO_TERMINAL.terminalId,
  dir: string = mkdtempSync(join(tmpdir(), 'kiosk-e2e-hall-')),
): string {
  const file = join(dir, 'hall-config.json')
  writeFileSync(
    file,
    JSON.stringify({
      terminalId,
      hallName: DEMO_TERMINAL.hallName,
      hallNameEn: DEMO_TERMINAL.hallNameEn,
      printers: { receipt: 'simulated', a4: 'simulated' },
      qa: true,
      allowQa: true,
    }),
  )
  return file
}
