import type { ResidentPlan } from '../types'

/** 王建国: sealed account after a job change; salary, 劳务报酬, property and vehicle tax. */
export const WANG_JIANGUO: ResidentPlan = {
  name: '王建国',
  idNumber: '350104197809301135',
  phone: '13705913456',
  card: {
    issuingOffice: '福州市公安局仓山分局',
    validityStart: '2012-05-16',
    validityEnd: '2032-05-16',
  },
  fund: {
    accountNo: '350100034567890',
    employerName: '福州鼓楼建工集团有限公司',
    employerNo: '3501040078',
    status: '02',
    openedDate: '2003-09-01',
    depositFrom: '2021-01',
    depositTo: '2024-06',
    baseByYear: { 2020: 1_200_000, 2021: 1_250_000, 2022: 1_300_000, 2023: 1_350_000 },
    ratio: { personal: 12, employer: 12 },
    withdrawals: [{ date: '2022-11-09', amount: 8_000_000, summary: '购买自住住房提取' }],
    sealedOn: '2024-07-05',
    openingBalance: 15_632_088,
  },
  tax: {
    prefix: 'TX3',
    taxOffice: '国家税务总局福州市仓山区税务局',
    salary: [
      {
        from: '2017-01',
        to: '2024-06',
        agent: '福州鼓楼建工集团有限公司',
        monthlyYuan: [14_000, 19_000],
      },
      {
        from: '2024-07',
        to: '2025-12',
        agent: '厦门海沧港务工程有限公司',
        monthlyYuan: [16_000, 21_000],
      },
    ],
    extra: [
      {
        period: '2018-04',
        item: '劳务报酬所得',
        agent: '福建省建筑设计研究院有限公司',
        incomeYuan: 12_000,
      },
      {
        period: '2021-09',
        item: '劳务报酬所得',
        agent: '福建省建筑设计研究院有限公司',
        incomeYuan: 8_000,
      },
      { period: '2023-03', item: '稿酬所得', agent: '福建科学技术出版社', incomeYuan: 3_000 },
    ],
    yearly: { from: 2017, to: 2025, propertyYuan: 1_860, vehicleYuan: 360 },
  },
}
