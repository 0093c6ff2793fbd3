export { actionNameFor, migrateRule, type MigrateOptions, type Migration } from './migrate.ts';
export type { Finding } from './findings.ts';
