import { ConflictError, UnavailableError } from '@retail/core';

// The refusals of a claim, each with its stable code (API.md): built in one place so that every
// path that refuses (a first attempt, a retried one undoing what it held) says the same thing.

export function notActive(): ConflictError {
  return new ConflictError('campaign-not-active', 'The campaign is not taking claims now (before its start or after its end).');
}

export function soldOut(): ConflictError {
  return new ConflictError('sold-out', 'Every coupon of this campaign has been claimed.');
}

export function limitReached(perMemberLimit: number): ConflictError {
  return new ConflictError('limit-reached', `The member holds ${perMemberLimit} coupon(s) of this campaign already.`);
}

/** Units remain, but the claim lost every race for them (or was voided again and again): retry. */
export function claimBusy(message: string): UnavailableError {
  return new UnavailableError('claim-busy', message);
}
