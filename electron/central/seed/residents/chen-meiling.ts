import type { ResidentPlan } from '../types'

/** 陈美玲: account opened inside the demo window, already bound to a CMB wallet; rents and owns no
 * home in the city, so the rent plan is hers. */
export const CHEN_MEILING: ResidentPlan = {
  name: '陈美玲',
  idNumber: '350103199202145626',
  phone: '13905912345',
  card: {
    issuingOffice: '福州市公安局台江分局',
    validityStart: '2019-03-02',
    validityEnd: '2029-03-02',
  },
  fund: {
    accountNo: '350100023456789',
    employerName: '福州台江商贸有限公司',
    employerNo: '3501030045',
    status: '01',
    openedDate: '2022-03-08',
    depositFrom: '2022-03',
    depositTo: '2026-10',
    baseByYear: { 2021: 500_000, 2022: 520_000, 2023: 560_000, 2024: 600_000, 2025: 620_000 },
    ratio: { personal: 8, employer: 8 },
    withdrawals: [],
    opensInWindow: true,
    openingBalance: 0,
  },
  facts: { ownsHomeInCity: false },
  tax: {
    prefix: 'TX2',
    taxOffice: '国家税务总局福州市台江区税务局',
    salary: [
      {
        from: '2023-01',
        to: '2026-09',
        agent: '福州台江商贸有限公司',
        monthlyYuan: [8_000, 10_500],
      },
    ],
  },
}
