/**
 * Codes the server refused as wrong, per request id (memory only): the same code for the same request is
 * answered from here instead of being checked again, so a second tap on Verify after the field submitted
 * itself does not spend another try, and the tries shown never drop without a new check. Part of the
 * submit path (lazy): a refusal is only ever known after a call.
 */
import type { VlensError } from '../api/error.js';
import type { Action } from './action.js';
import type { FlowState } from './flow.js';

function keyOf(flow: FlowState, action: Action): string | null {
  if (action.type === 'verify-phone') return `phone ${flow.phoneRequestId} ${action.code}`;
  if (action.type === 'verify-email') return `email ${flow.emailRequestId} ${action.code}`;
  return null;
}

export class RefusedCodes {
  private readonly refused = new Map<string, VlensError>();

  /** `action`'s code was refused for the flow's current request id. */
  remember(flow: FlowState, action: Action, error: VlensError): void {
    const key = keyOf(flow, action);
    if (key) this.refused.set(key, error);
  }

  /** The refusal this code already got for the current request id, if any. */
  known(flow: FlowState, action: Action): VlensError | undefined {
    const key = keyOf(flow, action);
    return key === null ? undefined : this.refused.get(key);
  }

  /** Forgets every refusal (the flow starts again). */
  clear(): void {
    this.refused.clear();
  }
}
