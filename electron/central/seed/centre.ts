/**
 * The demo centre's notices, opening hours, promises and wallet-guide steps. Demo examples only:
 * plausible wording and the operators' public hotlines, not any real centre's announcements.
 */
import type {
  NoticeData,
  ServiceHoursData,
  ServicePromiseData,
  WalletGuideData,
} from '../../../shared/central'

/** Notices: one in force per kind, one important, and one that has expired (never shown). */
export const DEMO_NOTICES: Array<[string, NoticeData]> = [
  [
    'wallet-binding-launch',
    {
      level: 'info',
      kind: 'fund',
      title: {
        zh: '公积金绑定数字钱包业务上线',
        en: 'Bind your provident fund account to a digital wallet',
      },
      body: {
        zh: '即日起可在自助终端办理公积金账户绑定数字人民币钱包，提取资金可直接到账钱包。',
        en: 'You can now bind your provident fund account to a digital RMB wallet at this terminal; withdrawals are paid straight into the wallet.',
      },
      validFrom: '2026-01-01',
    },
  ],
  [
    'holiday-hours',
    {
      level: 'warning',
      kind: 'general',
      important: true,
      title: {
        zh: '元旦及春节期间办理时间调整',
        en: 'Service hours over New Year and Spring Festival',
      },
      body: {
        zh: '元旦（1 月 1 日）及春节假期期间，公积金和税务业务暂停办理；常见问题、钱包指引和进度查询照常可用。',
        en: 'On New Year’s Day (1 January) and over the Spring Festival holiday, fund and tax services are paused; FAQ, the wallet guide and status lookup stay available.',
      },
      validFrom: '2026-11-20',
      validTo: '2030-12-31',
    },
  ],
  [
    'iit-annual-settlement',
    {
      level: 'info',
      kind: 'tax',
      title: { zh: '个人所得税年度汇算提醒', en: 'Individual income tax annual settlement' },
      body: {
        zh: '年度汇算期为次年 3 月 1 日至 6 月 30 日。需要向银行提供纳税证明的，可在本机开具《个人所得税纳税记录》。',
        en: 'The annual settlement runs from 1 March to 30 June of the following year. If your bank asks for proof, you can print an individual income tax record here.',
      },
      validFrom: '2026-03-01',
      validTo: '2030-06-30',
    },
  ],
  [
    'maintenance-2025-11',
    {
      level: 'warning',
      kind: 'general',
      important: true,
      title: { zh: '系统维护暂停服务（已结束）', en: 'Service paused for maintenance (ended)' },
      body: {
        zh: '2025 年 11 月 29 日 20:00 至 24:00 系统维护，期间暂停办理。',
        en: 'Systems maintenance on 29 November 2025, 20:00 to 24:00; services were paused.',
      },
      validFrom: '2025-11-25',
      validTo: '2025-11-29',
    },
  ],
]

const WEEKDAYS = [1, 2, 3, 4, 5]
/** Public holidays the demo closes on (local dates). */
const HOLIDAYS = ['2027-01-01', '2027-02-16', '2027-02-17', '2027-02-18']
const fundHours: ServiceHoursData = {
  days: [
    ...WEEKDAYS.map((weekday) => ({ weekday, open: '08:30', close: '17:30' })),
    { weekday: 6, open: '09:00', close: '12:00' },
  ],
  closedDates: HOLIDAYS,
}
const taxHours: ServiceHoursData = {
  days: WEEKDAYS.map((weekday) => ({ weekday, open: '09:00', close: '17:00' })),
  closedDates: HOLIDAYS,
}

/** Opening hours per service that keeps hours (shared/services.ts `hours`). */
export const DEMO_SERVICE_HOURS: Array<[string, ServiceHoursData]> = [
  ['fund.bind', fundHours],
  ['fund.unbind', fundHours],
  ['fund.query', fundHours],
  ['tax.records', taxHours],
  ['tax.certificate', taxHours],
]

export const DEMO_PROMISES: Array<[string, ServicePromiseData]> = [
  ['unbind', { workingDays: 1 }],
  ['feedback', { workingDays: 5 }],
  ['fundHotline', { phone: '12329' }],
  ['taxHotline', { phone: '12366' }],
]

/** Each operator's public hotline and home page (the QR's target). */
const OPERATOR_CONTACTS: Record<string, [hotline: string, url: string]> = {
  ICBC: ['95588', 'https://www.icbc.com.cn/'],
  ABC: ['95599', 'https://www.abchina.com/'],
  BOC: ['95566', 'https://www.boc.cn/'],
  CCB: ['95533', 'https://www.ccb.com/'],
  BOCOM: ['95559', 'https://www.bankcomm.com/'],
  PSBC: ['95580', 'https://www.psbc.com/'],
  CMB: ['95555', 'https://www.cmbchina.com/'],
  WEBANK: ['95384', 'https://www.webank.com/'],
  MYBANK: ['95188', 'https://www.mybank.cn/'],
}

/** The steps to open a class 2 or 3 wallet with an operator, ending where its wallet id is shown. */
export function demoWalletGuide(code: string, name: string, nameEn: string): WalletGuideData {
  const [hotline, appUrl] = OPERATOR_CONTACTS[code] ?? ['95588', 'https://www.example.com/']
  return {
    hotline,
    appUrl,
    steps: [
      {
        zh: `扫码进入${name}官方页面，下载${name}手机银行或“数字人民币”官方 App（只从官方页面或手机应用商店下载）。`,
        en: `Scan the code to reach ${nameEn}'s official page and install its mobile banking app or the official "e-CNY" app (only from the official page or your phone's app store).`,
      },
      {
        zh: `在 App 中选择“开通数字人民币钱包”，运营机构选择${name}。`,
        en: `In the app choose "Open e-CNY wallet" and pick ${nameEn} as the operator.`,
      },
      {
        zh: '用本人身份证实名认证，并绑定本人银行卡，开通二类或三类钱包（四类匿名钱包不能绑定公积金）。',
        en: 'Verify your real name with your own ID card and link your own bank card to open a class 2 or class 3 wallet (class 4 anonymous wallets cannot be bound).',
      },
      {
        zh: '开通后进入“我的钱包” → “钱包详情”，查看 16 位钱包编号，回到本机办理绑定。',
        en: 'Then open "My wallet" → "Wallet details" to find the 16-digit wallet id, and come back here to bind it.',
      },
    ],
  }
}
