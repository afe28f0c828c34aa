/**
 * How a fund application and a wallet binding look to the resident: the view of an outbox item
 * (waiting, accepted or refused, with the binding it concerns) and of a binding the centre told.
 */
import type { ApplicationView, BilingualText, BindingView } from '../../../shared/api'
import type { WalletBinding, WalletBindingState } from '../../../shared/central'
import { maskAccountNo } from '../../../shared/domain/masking'
import type { OutboxItem } from '../store'
import {
  FUND_OUTBOX_KINDS,
  type BindOutboxPayload,
  type FundPayload,
  type UnbindOutboxPayload,
} from './context'

/** Finds an operator's name in the reference data. */
export type OperatorName = (code: string) => BilingualText

/** The resident-facing view of a binding the centre told. */
export function bindingView(b: WalletBinding, operatorName: OperatorName): BindingView {
  return {
    bindingId: b.bindingId,
    operatorCode: b.operatorCode,
    operatorName: operatorName(b.operatorCode),
    walletIdMasked: maskAccountNo('************' + b.walletIdLast4),
    walletClass: b.walletClass,
    state: b.state,
    since: b.updatedAt,
    pendingApplicationNo: b.pendingApplicationNo ?? null,
  }
}

/** The resident-facing view of an outbox item (and the binding when the centre told it). */
export function viewOfItem(
  item: OutboxItem,
  known: WalletBinding | null,
  operatorName: OperatorName,
): ApplicationView {
  const bind = item.kind === FUND_OUTBOX_KINDS.bind
  const payload = item.payload as FundPayload
  const result = (item.result ?? {}) as {
    outcome?: string
    code?: string
    notices?: string[]
  }
  const status: ApplicationView['status'] =
    item.state === 'accepted'
      ? 'accepted'
      : item.state === 'queued' || item.state === 'sent'
        ? 'waiting'
        : 'rejected'
  const operatorCode = bind
    ? (payload as BindOutboxPayload).operatorCode
    : (payload as UnbindOutboxPayload).binding.operatorCode
  const last4 = bind
    ? (payload as BindOutboxPayload).walletId.slice(-4)
    : (payload as UnbindOutboxPayload).binding.walletIdLast4
  const assumed: WalletBindingState =
    status === 'waiting'
      ? bind
        ? 'pending'
        : 'unbinding'
      : status === 'accepted'
        ? bind
          ? 'bound'
          : 'unbound'
        : bind
          ? 'rejected'
          : 'bound'
  return {
    localNo: item.idempotencyKey.replace(/^fund-/, ''),
    applicationNo: item.applicationNo,
    kind: bind ? 'bind' : 'unbind',
    status,
    rejection: status === 'rejected' ? (result.code ?? 'UNKNOWN') : null,
    notices: result.notices ?? [],
    binding: {
      state: known?.state ?? assumed,
      operatorCode,
      operatorName: operatorName(operatorCode),
      walletIdMasked: maskAccountNo('************' + last4),
    },
    createdAt: new Date(item.createdAt).toISOString(),
    decidedAt: status === 'waiting' ? null : new Date(item.updatedAt).toISOString(),
  }
}
