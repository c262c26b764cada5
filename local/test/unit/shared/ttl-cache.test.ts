import { TtlCache } from '../../../shared/ttl-cache';

describe('TtlCache', () => {
  it('keeps each value for its own time, and forgets it after', () => {
    let now = 1_000;
    const cache = new TtlCache<string>(() => now);
    cache.set('short', 'a', 10);
    cache.set('long', 'b', 100);
    now += 9;
    expect([cache.get('short'), cache.get('long')]).toEqual(['a', 'b']);
    now += 1;
    expect([cache.get('short'), cache.get('long')]).toEqual([undefined, 'b']);
    cache.set('long', 'c', 5);
    now += 5;
    expect(cache.get('long')).toBeUndefined();
    expect(cache.get('never')).toBeUndefined();
  });
});
