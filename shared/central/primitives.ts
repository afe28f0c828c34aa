/**
 * Field shapes the central-service contract reuses. Money is integer fen everywhere; dates are ISO
 * strings so that JSON round-trips them unchanged.
 */
import { z } from 'zod'
import { MOBILE_NUMBER } from '../domain/mobile-number'

/** An amount in fen (分). Signed where the field says so. */
export const Fen = z.number().int().safe()
/** A non-negative amount in fen. */
export const FenNonNegative = Fen.nonnegative()

/** `YYYY-MM-DD`. */
export const IsoDate = z.iso.date()
/** ISO 8601 instant with offset, e.g. `2026-11-22T01:48:35.000Z`. */
export const IsoDateTime = z.iso.datetime({ offset: true })
/** `YYYY-MM` (a tax period, a paid-up-to month). */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM')

/** 18-character ID number shape; the GB 11643 check is done by the server, not the schema. */
export const IdNumberText = z
  .string()
  .regex(/^\d{17}[\dXx]$/, 'expected an 18-character ID number')
  .transform((s) => s.toUpperCase())
export { MOBILE_NUMBER }
export const PhoneNumber = z.string().regex(MOBILE_NUMBER)
/** Lower-case hex SHA-256. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/)
/** An id chosen by a terminal or the centre: short, printable, no spaces. */
export const Token = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/)

/** Zh + en text for reference data shown in both UI languages. */
export const LocalizedText = z.object({ zh: z.string().min(1), en: z.string().min(1) })
export type LocalizedText = z.infer<typeof LocalizedText>

/** Query-string integers for paging (query values arrive as strings). */
export const PageNumber = z.coerce.number().int().min(1).max(100_000).default(1)
export const PageSize = z.coerce.number().int().min(1).max(100).default(20)

/** A page of a list, with the total across all pages. */
export const PageInfo = {
  page: z.number().int().min(1),
  pageSize: z.number().int(),
  total: z.number().int(),
}
