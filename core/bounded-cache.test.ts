import { describe, expect, it } from 'vitest';
import { boundedCache, cached } from './bounded-cache.ts';

describe('boundedCache', () => {
  it('makes a value once per key and keeps it', () => {
    const cache = boundedCache<string, number>(4);
    let made = 0;
    const make = () => ++made;
    expect([cached(cache, 'a', make), cached(cache, 'a', make), cached(cache, 'b', make), made]).toEqual([1, 1, 2, 2]);
  });

  it('keeps at most twice its size, the recently used ones', () => {
    const cache = boundedCache<number, number>(2);
    for (let i = 0; i < 10; i++) cache.set(i, i);
    cache.get(8);
    cache.set(10, 10);
    expect([cache.size <= 4, cache.has(8), cache.has(10), cache.has(0)]).toEqual([true, true, true, false]);
  });
});
