/**
 * The demo residents' ID cards (README.md, "What a resident can do"), for the simulated card reader in QA
 * mode and for tests. Names, numbers, phones and card validity match the bundled centre's seed
 * (a test checks it); addresses are invented. Public demo data: no real person.
 */
import type { DemoResidentId } from '../../../shared/api'
import type { CardData } from './driver'

export interface DemoResidentCard {
  card: CardData
  /** The phone on file at the demo centre (the demo SMS inbox is keyed by it). */
  phone: string
}

const card = (
  name: string,
  idNumber: DemoResidentId,
  phone: string,
  address: string,
  issuingOffice: string,
  validityStart: string,
  validityEnd: string,
): DemoResidentCard => ({
  phone,
  card: {
    name,
    gender: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
    birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    idNumber,
    address,
    issuingOffice,
    validityStart,
    validityEnd,
  },
})

/** The five demo cards, keyed by ID number. */
export const DEMO_RESIDENT_CARDS: Readonly<Record<DemoResidentId, DemoResidentCard>> = {
  '350102198506123417': card(
    '林晓峰',
    '350102198506123417',
    '13800591234',
    '福建省福州市鼓楼区五四路 88 号',
    '福州市公安局鼓楼分局',
    '2015-08-20',
    '2035-08-20',
  ),
  '350103199202145626': card(
    '陈美玲',
    '350103199202145626',
    '13905912345',
    '福建省福州市台江区江滨中大道 363 号',
    '福州市公安局台江分局',
    '2019-03-02',
    '2029-03-02',
  ),
  '350104197809301135': card(
    '王建国',
    '350104197809301135',
    '13705913456',
    '福建省福州市仓山区首山路 16 号',
    '福州市公安局仓山分局',
    '2012-05-16',
    '2032-05-16',
  ),
  '350111196011050022': card(
    '郑秀英',
    '350111196011050022',
    '13600594567',
    '福建省福州市晋安区福马路 201 号',
    '福州市公安局晋安分局',
    '2016-11-05',
    '长期',
  ),
  '35012120010718457X': card(
    '黄子轩',
    '35012120010718457X',
    '13500595678',
    '福建省福州市闽侯县上街镇学府路 2 号',
    '福州市公安局闽侯分局',
    '2019-07-18',
    '2029-07-18',
  ),
}

/** The demo card of `idNumber`, if it is a demo resident's (case-insensitive X). */
export function demoResidentCard(idNumber: string): DemoResidentCard | undefined {
  const key = idNumber.trim().toUpperCase()
  return Object.prototype.hasOwnProperty.call(DEMO_RESIDENT_CARDS, key)
    ? DEMO_RESIDENT_CARDS[key as DemoResidentId]
    : undefined
}
