// `now` for one execution: the Action's `Date` follows its flow's clock (claimkit run --now), found
// through the async context, so concurrent executions keep their own clocks. Everything else of Date
// is the real one (`new Date() instanceof Date`, parse, UTC, prototype).

/** Installs the shifted Date; `clock(real)` is the current execution's time when the real clock says `real`. */
export function installClock(clock: (real: number) => number): void {
  const RealDate = Date;
  const now = () => clock(RealDate.now());
  function ShiftedDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  Object.setPrototypeOf(ShiftedDate, RealDate);
  Object.defineProperties(ShiftedDate, {
    prototype: { value: RealDate.prototype },
    now: { value: now, writable: true, configurable: true },
  });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: ShiftedDate, writable: true, configurable: true });
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
}
