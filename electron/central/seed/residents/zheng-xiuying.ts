import type { ResidentPlan } from '../types'

/** 郑秀英: retiree with a long-term ID card, retirement withdrawals and occasional 劳务报酬; recorded as retired,
 * so the retirement withdrawal (closing the account) is hers once she binds a wallet. */
export const ZHENG_XIUYING: ResidentPlan = {
  name: '郑秀英',
  idNumber: '350111196011050022',
  phone: '13600594567',
  card: {
    issuingOffice: '福州市公安局晋安分局',
    validityStart: '2016-11-05',
    validityEnd: '长期',
  },
  fund: {
    accountNo: '350100045678901',
    employerName: '福州市晋安区社区服务中心',
    employerNo: '3501110023',
    status: '01',
    openedDate: '1998-12-01',
    depositFrom: '2022-01',
    depositTo: '2026-10',
    baseByYear: { 2021: 420_000, 2022: 430_000, 2023: 440_000, 2024: 450_000, 2025: 460_000 },
    ratio: { personal: 5, employer: 5 },
    withdrawals: [
      { date: '2023-05-11', amount: 600_000, summary: '离休、退休提取' },
      { date: '2025-04-17', amount: 450_000, summary: '离休、退休提取' },
    ],
    openingBalance: 4_215_360,
  },
  facts: { retired: true },
  tax: {
    prefix: 'TX4',
    taxOffice: '国家税务总局福州市晋安区税务局',
    extra: [
      {
        period: '2018-03',
        item: '劳务报酬所得',
        agent: '福州市晋安区老年大学',
        incomeYuan: 2_400,
      },
      {
        period: '2021-05',
        item: '劳务报酬所得',
        agent: '福州市晋安区老年大学',
        incomeYuan: 6_000,
      },
      {
        period: '2024-08',
        item: '劳务报酬所得',
        agent: '福州市晋安区社区服务中心',
        incomeYuan: 3_500,
      },
    ],
  },
}
