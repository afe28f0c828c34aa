/** fast-check generators shared by the identity property tests. */
import fc from 'fast-check'
import { idNumberCheckChar } from '../../../../shared/domain/id-number'

export const TODAY = new Date('2026-03-01T00:00:00Z')
const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** Valid ID numbers: area + real date (1900-01-01 … today) + sequence + check char. */
export const validIdNumber = fc
  .record({
    area: fc.integer({ min: 110000, max: 659999 }),
    birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: TODAY, noInvalidDate: true }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, birth, sequence }) => {
    const date =
      pad(birth.getUTCFullYear(), 4) + pad(birth.getUTCMonth() + 1, 2) + pad(birth.getUTCDate(), 2)
    const first17 = pad(area, 6) + date + pad(sequence, 3)
    return first17 + idNumberCheckChar(first17)
  })
