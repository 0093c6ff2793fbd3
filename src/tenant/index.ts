// The local tenant: Auth0's Management API (and, later, its Authentication API) on 127.0.0.1.
export { createHandler, type Handler, type HandlerOptions } from './app.ts';
export { generateSigningKey, loadOrCreateSigningKey, type SigningKey } from './auth/keys.ts';
export { issueAccessToken, verifyAccessToken, type AccessClaims } from './auth/tokens.ts';
export { resolveSettings, TENANT_DEFAULTS, TENANT_ENV, type TenantSettings } from './defaults.ts';
export { FaultInjector } from './faults/injector.ts';
export { parseFaultSpec, type FaultRule } from './faults/spec.ts';
export { ALL_MANAGEMENT_SCOPES, SCOPES } from './management/scopes.ts';
export { ensureTenant, resetTenantData, startBackground, stopTenant, tenantStatus, type TenantStatus } from './process/lifecycle.ts';
export { statePaths } from './process/paths.ts';
export { runTenant, type RunningTenant, type TenantInfo } from './process/run.ts';
export { initialData } from './store/seed.ts';
export { TenantStore } from './store/store.ts';
export { createTenant, managementAudiences, type Tenant } from './tenant.ts';
export { ensureCertificates } from './tls/certificates.ts';
