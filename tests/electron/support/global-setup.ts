/** Says once, in one line, why the Electron suite is skipped (or which binary it runs). */
import { findElectronBinary, skipLine } from './electron-binary'

export default function globalSetup(): void {
  const binary = findElectronBinary()
  process.stdout.write(
    binary.reason === undefined
      ? `Electron suite: running against ${binary.path}\n`
      : `Electron suite skipped: ${skipLine(binary.reason)}\n`,
  )
}
