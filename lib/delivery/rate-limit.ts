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
    const times = (this.sent.get(key) ?? []).filter((t) => t > now - LONGEST_WINDOW_MS);
    times.push(now);
    this.sent.set(key, times);
    this.onNote?.(this.snapshot(now));
  }

  /** Called after every request noted, with what to keep: the windows outlive the worker that counted them. */
  onNote: ((snapshot: LimiterSnapshot) => void) | null = null;

  /** The send times still inside a window, per provider. */
  snapshot(now: number): LimiterSnapshot {
    const out: LimiterSnapshot = {};
    for (const [key, times] of this.sent) {
      const recent = times.filter((t) => t > now - LONGEST_WINDOW_MS).slice(-200);
      if (recent.length > 0) out[key] = recent;
    }
    return out;
  }

  /** Takes back the send times a previous worker counted (merged with any counted since). */
  restore(snapshot: unknown, now: number): void {
    if (typeof snapshot !== 'object' || snapshot === null) return;
    for (const [key, value] of Object.entries(snapshot)) {
      if (!Array.isArray(value)) continue;
      const times = value.filter((t): t is number => typeof t === 'number' && t > now - LONGEST_WINDOW_MS && t <= now);
      this.sent.set(key, [...times, ...(this.sent.get(key) ?? [])].sort((a, b) => a - b).slice(-200));
    }
  }
}

export type LimiterSnapshot = Record<string, number[]>;

const LONGEST_WINDOW_MS = 10 * 60_000;
