// The part of lodash 3 legacy-groups.js uses. A declared dependency's types are the project's business
// (a devDependency, @types, or a declaration like this one); claimkit installs its code.
declare module 'lodash' {
  export const VERSION: string;
  export function pluck(list: readonly unknown[], key: string): unknown[];
}
