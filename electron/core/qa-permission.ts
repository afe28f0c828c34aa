/**
 * Whether this start may run in QA mode. QA mode drives simulated devices and opens the QA panel:
 * against a real centre it would let anyone at the screen fake a card or a face. So asking for it
 * (`--qa`, `KIOSK_QA=1`, `"qa": true`) is not enough: the terminal must be a demo one (no central
 * address, the bundled centre with its demo residents), or its hall config file must say
 * `"allowQa": true` (a staging hall on a test centre). The environment alone can never allow it.
 */

export interface QaRequest {
  /** Command-line arguments; `--qa` asks for QA mode. */
  argv: readonly string[]
  /** `KIOSK_QA` as given. */
  envQa: string | undefined
  /** The hall config file's `qa` and `allowQa`, or null without a file. */
  file: { qa: boolean; allowQa: boolean } | null
  /** The central address in effect (file or environment); empty or absent means demo mode. */
  centralUrl: string | undefined
}

export interface QaDecision {
  qa: boolean
  /** Asked for and refused: the host raises `QA_REFUSED` so staff see why it is off. */
  refused: boolean
}

/** The values `KIOSK_QA` counts as yes (as `configFromEnv` reads a flag). */
const YES = new Set(['1', 'true', 'yes'])

/** Decides QA mode for one start; see the module comment for the rule. */
export function decideQa(request: QaRequest): QaDecision {
  const asked =
    request.argv.includes('--qa') || request.file?.qa === true || YES.has(request.envQa ?? '')
  if (!asked) return { qa: false, refused: false }
  const demo = !request.centralUrl
  if (demo || request.file?.allowQa === true) return { qa: true, refused: false }
  return { qa: false, refused: true }
}
