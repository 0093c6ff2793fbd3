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
