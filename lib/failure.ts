import type { ErrorKind } from './providers/types';

/**
 * Why a send failed, kept with it (outbox and history) so that what the user is offered next follows from the
 * kind, in any language, and never from matching the words of a message.
 */
export const FAILURE_KINDS = [
  'auth',
  'forbidden',
  'validation',
  'not-found',
  'conflict',
  'archived',
  'duplicate',
  'rate-limit',
  'server',
  'network',
  'redirect',
  'unknown',
  /** No account is saved for the provider. */
  'not-connected',
  /** The outbox stopped trying after its last attempt; Settings can retry. */
  'gave-up',
] as const satisfies ReadonlyArray<ErrorKind | 'not-connected' | 'gave-up'>;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** The one next step a failure offers: the Settings page (the account, the outbox's retry), or none. */
export type NextStep = 'settings' | null;

const IN_SETTINGS: ReadonlySet<FailureKind> = new Set(['auth', 'forbidden', 'redirect', 'not-connected', 'gave-up']);

export function nextStepOf(kind: FailureKind | null | undefined): NextStep {
  return kind && IN_SETTINGS.has(kind) ? 'settings' : null;
}
