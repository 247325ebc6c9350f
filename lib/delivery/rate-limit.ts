/**
 * Sliding-window limits per provider: how long to wait before the next request may go. The server counts
 * arrivals, not departures, so each window is kept 10% + 40 ms longer than documented: a request sent exactly
 * one window after another can arrive inside it.
 */
export class RateLimiter {
  private sent = new Map<string, number[]>();

  /** Milliseconds to wait before a request to this provider fits every window (0: go now). */
  wait(key: string, windows: ReadonlyArray<{ max: number; perMs: number }>, now: number): number {
    const times = this.sent.get(key) ?? [];
    let wait = 0;
    for (const window of windows) {
      const max = window.max;
      const perMs = window.perMs * 1.1 + 40;
      const recent = times.filter((t) => t > now - perMs);
      if (recent.length >= max) wait = Math.max(wait, (recent[recent.length - max] ?? now) + perMs - now);
    }
    return wait;
  }

  note(key: string, now: number): void {
    const longest = 10 * 60_000;
    const times = (this.sent.get(key) ?? []).filter((t) => t > now - longest);
    times.push(now);
    this.sent.set(key, times);
  }
}
