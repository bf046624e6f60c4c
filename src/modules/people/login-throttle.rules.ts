/**
 * Counts failed logins per (address, username) and per address, in a sliding window, and says
 * how long to wait once a limit is reached. Pure: the clock is passed in.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perAccount = 5,
    private readonly perAddress = 30,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Seconds to wait before trying again, or 0 when a login may be attempted now. */
  retryAfter(address: string, username: string, now: number): number {
    const checks: [string, number][] = [
      [`a:${address}|${username.toLowerCase()}`, this.perAccount],
      [`a:${address}`, this.perAddress],
    ];
    let wait = 0;
    for (const [key, limit] of checks) {
      const times = this.recent(key, now);
      if (times.length >= limit)
        wait = Math.max(wait, Math.ceil((times[times.length - limit]! + this.windowMs - now) / 1000));
    }
    return wait;
  }

  recordFailure(address: string, username: string, now: number): void {
    for (const key of [`a:${address}|${username.toLowerCase()}`, `a:${address}`]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  recordSuccess(address: string, username: string): void {
    this.failures.delete(`a:${address}|${username.toLowerCase()}`);
  }
}
