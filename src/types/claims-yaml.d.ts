// `import config from '../claims.yaml'`: the validated configuration, embedded at build time.
declare module '*claims.yaml' {
  const config: import('../runtime/claims/config.ts').ClaimsConfig;
  export default config;
}
