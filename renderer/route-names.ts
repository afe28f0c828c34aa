/** Screen names for `router.push({ name })`; no path strings outside router.ts. */
import type { ServiceId } from '../shared/services'

export const ROUTES = {
  attract: 'attract',
  home: 'home',
  service: 'service',
  // Identity: choose a way in, then card → face or SMS, or ID number → SMS.
  identity: 'identity',
  identityCard: 'identity-card',
  identityFace: 'identity-face',
  identityIdNumber: 'identity-id-number',
  identitySms: 'identity-sms',
  /** After the third failed attempt (the session has ended): ask staff. */
  identityLocked: 'identity-locked',
  // Tax: records, the certificate wizard, and verification (no identity needed).
  taxRecords: 'tax-records',
  taxCertificate: 'tax-certificate',
  verify: 'verify',
  // Fund services: bind and unbind wizards, balance, records, status lookup, guide.
  fundBind: 'fund-bind',
  fundUnbind: 'fund-unbind',
  fundBalance: 'fund-balance',
  fundRecords: 'fund-records',
  fundDepositCertificate: 'fund-deposit-certificate',
  fundStatus: 'fund-status',
  /** Rent and retirement withdrawals into the bound wallet (from the balance screen). */
  fundWithdraw: 'fund-withdraw',
  walletGuide: 'wallet-guide',
  /** Phone number change (card + face only), from the balance screen and the code steps. */
  phoneChange: 'phone-change',
  /** The centre's notices in force (from home's notices strip). */
  notices: 'notices',
  // Help: FAQ, complaints and feedback, call staff; and the staff dashboard.
  helpFaq: 'help-faq',
  helpFeedback: 'help-feedback',
  helpCallStaff: 'help-call-staff',
  /** Supervisor mode (not a resident screen: no session, reachable only with the staff token). */
  supervisor: 'supervisor',
} as const

/**
 * The first screen of each built service, by service id. A tile of a service without an entry
 * opens the generic "coming soon" screen. Each service adds its entry when its screens land.
 */
export const SERVICE_ROUTES: Partial<Record<ServiceId, string>> = {
  'help.faq': ROUTES.helpFaq,
  'help.feedback': ROUTES.helpFeedback,
  'help.callStaff': ROUTES.helpCallStaff,
  'fund.bind': ROUTES.fundBind,
  'fund.unbind': ROUTES.fundUnbind,
  'fund.query': ROUTES.fundBalance,
  'fund.status': ROUTES.fundStatus,
  'wallet.guide': ROUTES.walletGuide,
  'tax.records': ROUTES.taxRecords,
  'tax.certificate': ROUTES.taxCertificate,
}
