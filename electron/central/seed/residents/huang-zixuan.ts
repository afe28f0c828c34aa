import type { ResidentPlan } from '../types'

/** 黄子轩: no fund account; salary below the tax threshold (rows with 0 tax paid). */
export const HUANG_ZIXUAN: ResidentPlan = {
  name: '黄子轩',
  idNumber: '35012120010718457X',
  phone: '13500595678',
  card: {
    issuingOffice: '福州市公安局闽侯分局',
    validityStart: '2019-07-18',
    validityEnd: '2029-07-18',
  },
  fund: null,
  tax: {
    prefix: 'TX5',
    taxOffice: '国家税务总局闽侯县税务局',
    // Declared income below the threshold: rows with 0 tax paid (a 纳税记录 is still issued).
    salary: [
      {
        from: '2024-07',
        to: '2026-09',
        agent: '闽侯县上街镇便利连锁有限公司',
        monthlyYuan: [4_800, 6_400],
      },
    ],
  },
}
