import { RequestsInFlight } from '../../../shared/requests-in-flight';

/** Resolves to whether `promise` settled within `ms`. */
const settlesWithin = (promise: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ]);

describe('RequestsInFlight', () => {
  it('lets a batch go at once when no request is being answered', async () => {
    const requests = new RequestsInFlight();
    await expect(settlesWithin(requests.yieldToRequests(10_000), 20)).resolves.toBe(true);
  });

  it('holds a batch while requests are in flight and lets it go when the last one is answered', async () => {
    const requests = new RequestsInFlight();
    const first = requests.begin();
    const second = requests.begin();
    const batch = requests.yieldToRequests(10_000);
    first();
    await expect(settlesWithin(batch, 30)).resolves.toBe(false);
    expect(requests.inFlight).toBe(1);
    second();
    await expect(settlesWithin(batch, 30)).resolves.toBe(true);
    expect(requests.inFlight).toBe(0);
  });

  it('never holds a batch longer than the maximum, however long the requests keep coming', async () => {
    const requests = new RequestsInFlight();
    requests.begin();
    const started = Date.now();
    await requests.yieldToRequests(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('counts a request once, however often its end is reported', async () => {
    const requests = new RequestsInFlight();
    const answered = requests.begin();
    requests.begin();
    answered();
    answered();
    expect(requests.inFlight).toBe(1);
  });

  it('lets a held batch go when its poller stops', async () => {
    const requests = new RequestsInFlight();
    requests.begin();
    const stopping = new AbortController();
    const batch = requests.yieldToRequests(10_000, stopping.signal);
    stopping.abort();
    await expect(settlesWithin(batch, 30)).resolves.toBe(true);
  });
});
