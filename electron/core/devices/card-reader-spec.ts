/**
 * The card reader setting of the hall's hardware profile (`devices.cardReader` in the hall config,
 * `KIOSK_CARD_READER` in the environment): `simulated`, or `ga467:<port>[@<baud>]` for a GA 467
 * reader on a serial port, e.g. `ga467:/dev/hall-id-reader`, `ga467:/dev/ttyUSB0@9600`, `ga467:COM3`.
 * Parsed once, here, into what the core acts on; anything else is refused with what was expected.
 */

/** Baud rates GA 467 readers ship with (115200 nearly everywhere; 9600 on older models). */
export const GA467_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const

export type CardReaderSpec =
  { driver: 'simulated' } | { driver: 'ga467'; path: string; baudRate: number }

/** What a bad setting gets told (no value echoed: the message names what is expected). */
export const CARD_READER_SPEC_HINT =
  'expected simulated or ga467:<absolute port path or COMn>[@9600|19200|38400|57600|115200]'

/** Parses the setting; null when it is not one of the accepted spellings. */
export function parseCardReaderSpec(spec: string): CardReaderSpec | null {
  if (spec === 'simulated') return { driver: 'simulated' }
  const m = /^ga467:(.+?)(?:@(\d{1,7}))?$/.exec(spec)
  if (!m) return null
  const path = m[1]!
  const baudRate = m[2] === undefined ? 115200 : Number(m[2])
  if (!(GA467_BAUD_RATES as readonly number[]).includes(baudRate)) return null
  const windowsPort = /^(?:\\\\\.\\)?COM\d{1,3}$/i.test(path)
  const posixPort =
    path.startsWith('/') &&
    path.length <= 200 &&
    // `@` only ever introduces the baud rate: a second one is a typo, not part of a port name.
    !path.includes('@') &&
    ![...path].some((ch) => ch.charCodeAt(0) <= 0x20 || ch === '\u007f') &&
    !path.split('/').includes('..')
  if (!windowsPort && !posixPort) return null
  return { driver: 'ga467', path, baudRate }
}
