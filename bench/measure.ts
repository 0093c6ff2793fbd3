/** Runs `fn` repeatedly for about `seconds` after a warm-up; returns calls per second. */
export async function perSecond(fn: () => unknown, seconds: number, warmup = 2000): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 200; i++) await fn();
    n += 200;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

export const fmtRate = (r: number) => Math.round(r).toLocaleString('en-US');
export const fmtMicros = (r: number) => `${(1e6 / r).toFixed(1)} µs`;

/** Like perSecond, with `concurrency` callers at once: completed calls per second. */
export async function perSecondConcurrent(fn: () => Promise<unknown>, seconds: number, concurrency: number, warmup = 2000): Promise<number> {
  const drive = async (count: number | null, until: bigint | null): Promise<number> => {
    let done = 0;
    let started = 0;
    const worker = async () => {
      while ((count === null || started < count) && (until === null || process.hrtime.bigint() < until)) {
        started++;
        await fn();
        done++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return done;
  };
  await drive(warmup, null);
  const start = process.hrtime.bigint();
  const n = await drive(null, start + BigInt(Math.round(seconds * 1e9)));
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}
