/** Faults the mock can inject, one request at a time, to test what the product does when networks misbehave. */
// commit-500: the write is committed and the answer is a 500, which is what a client sees when the browser silently
// resent a POST whose first copy landed and the copy was refused.
// commit-drop: the write is committed and the connection closes before any answer byte (a browser resends it by
// itself when the connection was a reused keep-alive one). late-commit: the answer and the write come only after
// `delayMs` (8 s unless told), later than the client waits.
export type FaultKind =
  | '429'
  | '500'
  | '503'
  | 'slow'
  | 'drop-before'
  | 'drop-after'
  | 'commit-500'
  | 'commit-drop'
  | 'late-commit'
  // A hostile or careless server: a 403 whose message repeats every credential the request carried.
  | 'echo-credentials'
  // A 307 to `location` (another origin): a client that follows it carries the key there.
  | 'redirect';

export interface Fault {
  kind: FaultKind;
  /** Only requests to this provider ("openphone", …); any when absent. */
  provider?: string;
  /** Only requests whose method is this ("POST", …). */
  method?: string;
  /** Only requests to this path under the provider ("/contacts", …). */
  path?: string;
  /** How many matching requests it hits. */
  count: number;
  /** For 429: the Retry-After seconds sent. */
  retryAfter?: number;
  /** For redirect: where to. */
  location?: string;
  /** For slow and late-commit: how long before answering. */
  delayMs?: number;
}

export class FaultPlan {
  /** How many requests got a fault, by kind. */
  readonly injected = new Map<FaultKind, number>();
  private faults: Fault[] = [];
  /** A fraction of requests (0..1) to fault at random, and the kinds to pick from; seeded so runs repeat. */
  private random: { rate: number; kinds: FaultKind[]; seed: number; delayMs: number; lateMs: number } | null = null;

  add(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /**
   * `delayMs`: how long a slow answer takes (the write happens after it, as at a server that is merely slow);
   * `lateMs`: how long a late commit takes (longer than the client waits).
   */
  randomly(rate: number, kinds: FaultKind[], seed = 1, delayMs = 3000, lateMs = 8000): void {
    this.random = rate > 0 ? { rate, kinds, seed, delayMs, lateMs } : null;
  }

  clear(): void {
    this.injected.clear();
    this.faults = [];
    this.random = null;
  }

  /** The fault for this request, if any; counts it down. */
  take(provider: string, method: string, path: string): Fault | null {
    const fault = this.faults.find(
      (f) =>
        f.count > 0 &&
        (!f.provider || f.provider === provider) &&
        (!f.method || f.method === method) &&
        (!f.path || f.path === path),
    );
    if (fault) {
      fault.count--;
      this.injected.set(fault.kind, (this.injected.get(fault.kind) ?? 0) + 1);
      return fault;
    }
    // Random faults hit the contact API only, not token requests.
    if (this.random && !path.startsWith('/oauth2')) {
      this.random.seed = (this.random.seed * 1664525 + 1013904223) >>> 0;
      const roll = this.random.seed / 2 ** 32;
      if (roll < this.random.rate) {
        const kind = this.random.kinds[Math.floor((roll / this.random.rate) * this.random.kinds.length)] ?? '500';
        this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
        const delayMs = kind === 'late-commit' ? this.random.lateMs : this.random.delayMs;
        return { kind, count: 1, retryAfter: 1, delayMs };
      }
    }
    return null;
  }
}
