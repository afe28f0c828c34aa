import type { SeedWallet } from './types'

/** The demo wallet registry (README.md documents what each one exercises). */
export const DEMO_WALLETS: readonly SeedWallet[] = [
  {
    walletId: '0021000086432151',
    operatorCode: 'ICBC',
    walletClass: 2,
    holderName: '林晓峰',
    purpose: '林晓峰: valid class-2 wallet, the happy bind path',
  },
  {
    walletId: '0104000086432185',
    operatorCode: 'BOC',
    walletClass: 1,
    holderName: '林晓峰',
    purpose: '林晓峰: a second valid wallet (in-flight / already-bound paths)',
  },
  {
    walletId: '0021000086432169',
    operatorCode: 'ICBC',
    walletClass: 4,
    holderName: null,
    purpose: 'anonymous class-4 wallet: WALLET_CLASS_NOT_ALLOWED',
  },
  {
    walletId: '0021000099990001',
    operatorCode: 'ICBC',
    walletClass: 2,
    holderName: '林小峰',
    purpose: 'holder name differs from 林晓峰: WALLET_HOLDER_MISMATCH',
  },
  {
    walletId: '0302000099990049',
    operatorCode: 'CITIC',
    walletClass: 2,
    holderName: '林晓峰',
    purpose: 'operator is not a partner: OPERATOR_NOT_PARTNER',
  },
  {
    walletId: '0308000056260002',
    operatorCode: 'CMB',
    walletClass: 2,
    holderName: '陈美玲',
    purpose: '陈美玲: already bound at 招商银行 (unbind path)',
  },
  {
    walletId: '0105000056260010',
    operatorCode: 'CCB',
    walletClass: 2,
    holderName: '陈美玲',
    purpose: '陈美玲: second wallet, ALREADY_BOUND while the CMB one is bound',
  },
  {
    walletId: '0103000011350015',
    operatorCode: 'ABC',
    walletClass: 3,
    holderName: '王建国',
    purpose: '王建国: valid; account sealed so the bind carries the ACCOUNT_SEALED notice',
  },
  {
    walletId: '0403000000220023',
    operatorCode: 'PSBC',
    walletClass: 2,
    holderName: '郑秀英',
    purpose: '郑秀英: valid class-2 wallet',
  },
  {
    walletId: '0800000045700031',
    operatorCode: 'WEBANK',
    walletClass: 2,
    holderName: '黄子轩',
    purpose: '黄子轩: valid wallet but NO_FUND_ACCOUNT',
  },
]
