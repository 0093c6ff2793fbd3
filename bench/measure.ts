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
  const run = await callsConcurrent(fn, seconds, concurrency, warmup);
  return run.calls / run.seconds;
}

/** `concurrency` callers at once for about `seconds` after `warmup` calls: how many completed, in how long. */
export async function callsConcurrent(fn: () => Promise<unknown>, seconds: number, concurrency: number, warmup = 0): Promise<{ calls: number; seconds: number }> {
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
  if (warmup > 0) await drive(warmup, null);
  const start = process.hrtime.bigint();
  const calls = seconds > 0 ? await drive(null, start + BigInt(Math.round(seconds * 1e9))) : 0;
  return { calls, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}
