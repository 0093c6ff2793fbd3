export { compareResults, verdictOf, type Difference, type Verdict } from './compare.ts';
export { CoverageCounter, type Coverage } from './coverage.ts';
export { eventOverrides } from './event-file.ts';
export { parityEvents, type ParityEventOptions } from './events.ts';
export { ruleLiterals, type RuleLiterals } from './literals.ts';
export { parity, type Divergence, type ParityOptions, type ParityReport, type ParitySide } from './parity.ts';
export { engineSides, inProcessSides, PARITY_NOW, type Sides } from './sides.ts';
