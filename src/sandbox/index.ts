export { assertHandler, checkActionModule, loadActionCode, type SandboxOptions } from './load.ts';
export { dependencyName, packageOf, sandboxRequire } from './require.ts';
