import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.rules';

describe('the login throttle', () => {
  it('blocks an account from an address after five failures within fifteen minutes', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i++) {
      expect(throttle.retryAfter('1.1.1.1', 'ana', i * 1000)).toBe(0);
      throttle.recordFailure('1.1.1.1', 'ana', i * 1000);
    }
    expect(throttle.retryAfter('1.1.1.1', 'ANA', 5000)).toBeGreaterThan(0);
    expect(throttle.retryAfter('2.2.2.2', 'ana', 5000)).toBe(0);
  });

  it('lets the account try again once the window has passed', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure('1.1.1.1', 'ana', 0);
    expect(throttle.retryAfter('1.1.1.1', 'ana', 14 * 60_000)).toBe(60);
    expect(throttle.retryAfter('1.1.1.1', 'ana', 15 * 60_000)).toBe(0);
  });

  it('blocks an address that guesses across many accounts', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 30; i++) throttle.recordFailure('1.1.1.1', `user${i}`, 0);
    expect(throttle.retryAfter('1.1.1.1', 'someone-new', 1000)).toBeGreaterThan(0);
  });

  it('forgets the failures of an account after a successful login', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 4; i++) throttle.recordFailure('1.1.1.1', 'ana', 0);
    throttle.recordSuccess('1.1.1.1', 'ana');
    throttle.recordFailure('1.1.1.1', 'ana', 0);
    expect(throttle.retryAfter('1.1.1.1', 'ana', 0)).toBe(0);
  });
});
