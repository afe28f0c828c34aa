import type { ResidentPlan } from '../types'

/** 林晓峰: active account whose history ends exactly on 86,432.15 yuan; the happy bind path. Owns a home in Fuzhou,
 * so rent withdrawals are refused. */
export const LIN_XIAOFENG: ResidentPlan = {
  name: '林晓峰',
  idNumber: '350102198506123417',
  phone: '13800591234',
  card: {
    issuingOffice: '福州市公安局鼓楼分局',
    validityStart: '2015-08-20',
    validityEnd: '2035-08-20',
  },
  fund: {
    accountNo: '350100012345678',
    employerName: '福州闽江数字科技有限公司',
    employerNo: '3501020012',
    status: '01',
    openedDate: '2010-07-12',
    depositFrom: '2023-01',
    depositTo: '2026-10',
    baseByYear: { 2022: 800_000, 2023: 850_000, 2024: 900_000, 2025: 950_000 },
    ratio: { personal: 10, employer: 10 },
    withdrawals: [
      { date: '2024-03-18', amount: 1_200_000, summary: '租赁住房提取' },
      { date: '2025-09-22', amount: 1_500_000, summary: '租赁住房提取' },
    ],
    targetBalance: 8_643_215,
  },
  facts: { ownsHomeInCity: true },
  tax: {
    prefix: 'TX1',
    taxOffice: '国家税务总局福州市鼓楼区税务局',
    salary: [
      {
        from: '2023-01',
        to: '2026-09',
        agent: '福州闽江数字科技有限公司',
        monthlyYuan: [13_000, 16_000],
      },
    ],
  },
}
