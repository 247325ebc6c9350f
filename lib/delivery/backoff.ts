/** Exponential backoff with full jitter, never sooner than the server's Retry-After, capped at 10 minutes. */
export function nextDelay(attempt: number, retryAfterMs: number | null, random = Math.random, base = 1000): number {
  const cap = 10 * 60_000;
  const exponential = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.min(cap, Math.max(retryAfterMs ?? 0, jittered));
}
