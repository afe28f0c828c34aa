/**
 * The centre's reference feed as the demo serves it: partner wallet operators, fund and tax business
 * type labels, the FAQ, notices, opening hours, service promises and
 * the withdrawal rules, numbered in one version sequence.
 */
import type {
  FundBusinessType,
  ReferenceItem,
  RentRuleData,
  TaxType,
} from '../../../shared/central'
import { DEMO_NOTICES, DEMO_PROMISES, DEMO_SERVICE_HOURS, demoWalletGuide } from './centre'
import { FAQ } from './faq'

const OPERATORS: Array<[string, string, string]> = [
  ['ICBC', '工商银行', 'ICBC'],
  ['ABC', '农业银行', 'Agricultural Bank of China'],
  ['BOC', '中国银行', 'Bank of China'],
  ['CCB', '建设银行', 'China Construction Bank'],
  ['BOCOM', '交通银行', 'Bank of Communications'],
  ['PSBC', '邮储银行', 'Postal Savings Bank of China'],
  ['CMB', '招商银行', 'China Merchants Bank'],
  ['WEBANK', '微众银行', 'WeBank'],
  ['MYBANK', '网商银行', 'MYbank'],
]

const FUND_TYPE_LABELS: Array<[FundBusinessType, string, string]> = [
  ['01', '汇缴', 'Monthly deposit'],
  ['02', '补缴', 'Back payment'],
  ['03', '开户', 'Account opened'],
  ['04', '启封', 'Unsealed'],
  ['05', '封存', 'Sealed'],
  ['06', '内部转移', 'Internal transfer'],
  ['07', '外部转出', 'Transfer out'],
  ['08', '外部转入', 'Transfer in'],
  ['09', '年终结息', 'Annual interest'],
  ['10', '基数调整', 'Base adjustment'],
  ['11', '部分提取', 'Partial withdrawal'],
  ['12', '销户提取', 'Closing withdrawal'],
  ['13', '缓缴', 'Deferred deposit'],
  ['14', '冻结', 'Frozen'],
  ['15', '解冻', 'Unfrozen'],
  ['99', '其他', 'Other'],
]

const TAX_TYPE_LABELS: Array<[TaxType, string, string]> = [
  ['10106', '个人所得税', 'Individual income tax'],
  ['10110', '房产税', 'Property tax'],
  ['10111', '印花税', 'Stamp duty'],
  ['10114', '车船税', 'Vehicle and vessel tax'],
]

/** Demo figures, not Fuzhou's official ones: ¥1,500.00 a month, paid on the 5th, 12 months at most. */
export const DEMO_RENT_RULE: RentRuleData = {
  monthlyCapFen: 150_000,
  payDay: 5,
  maxMonths: 12,
  minDepositMonths: 3,
}

/** Every reference item, versions 1..n in a fixed order. */
export function referenceItems(): ReferenceItem[] {
  let version = 0
  const v = () => ++version
  const items: ReferenceItem[] = []
  OPERATORS.forEach(([code, name, nameEn], i) =>
    items.push({
      kind: 'walletOperator',
      key: code,
      version: v(),
      data: {
        code,
        name,
        nameEn,
        enabled: true,
        order: i + 1,
        guide: demoWalletGuide(code, name, nameEn),
      },
    }),
  )
  for (const [code, zh, en] of FUND_TYPE_LABELS) {
    items.push({
      kind: 'businessType',
      key: `fund:${code}`,
      version: v(),
      data: { domain: 'fund', code, label: { zh, en } },
    })
  }
  for (const [code, zh, en] of TAX_TYPE_LABELS) {
    items.push({
      kind: 'businessType',
      key: `tax:${code}`,
      version: v(),
      data: { domain: 'tax', code, label: { zh, en } },
    })
  }
  FAQ.forEach(([key, category, qZh, qEn, aZh, aEn], i) =>
    items.push({
      kind: 'faq',
      key,
      version: v(),
      data: {
        category,
        order: i + 1,
        question: { zh: qZh, en: qEn },
        answer: { zh: aZh, en: aEn },
      },
    }),
  )
  for (const [key, data] of DEMO_NOTICES) items.push({ kind: 'notice', key, version: v(), data })
  items.push({
    kind: 'serviceHours',
    key: 'hall',
    version: v(),
    data: {
      days: [1, 2, 3, 4, 5]
        .map((weekday) => ({ weekday, open: '08:30', close: '17:30' }))
        .concat([{ weekday: 6, open: '09:00', close: '12:00' }]),
      note: {
        zh: '自助终端 24 小时开放；人工窗口按以上时间服务，法定节假日除外。',
        en: 'Self-service terminals are open 24 hours; staffed counters keep these hours except on public holidays.',
      },
    },
  })
  for (const [key, data] of DEMO_SERVICE_HOURS) {
    items.push({ kind: 'serviceHours', key, version: v(), data })
  }
  for (const [key, data] of DEMO_PROMISES) {
    items.push({ kind: 'servicePromise', key, version: v(), data })
  }
  items.push({ kind: 'withdrawalRule', key: 'rent', version: v(), data: DEMO_RENT_RULE })
  return items
}
