// `now` for one execution: the Action's `Date` follows its flow's clock (claimkit run --now), found
// through the async context, so concurrent executions keep their own clocks. Everything else of Date
// is the real one (`new Date() instanceof Date`, parse, UTC, prototype).

/** Installs the shifted Date; `offset()` is the current execution's clock offset in ms. */
export function installClock(offset: () => number): void {
  const RealDate = Date;
  function ShiftedDate(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(RealDate.now() + offset()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [RealDate.now() + offset()] : args, new.target);
  }
  Object.setPrototypeOf(ShiftedDate, RealDate);
  Object.defineProperties(ShiftedDate, {
    prototype: { value: RealDate.prototype },
    now: { value: () => RealDate.now() + offset(), writable: true, configurable: true },
  });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: ShiftedDate, writable: true, configurable: true });
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
}
