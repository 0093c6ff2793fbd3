export type { PostLoginAction, PostLoginHandler } from './action.ts';
export type {
  CacheDeleteResult,
  CacheRecord,
  CacheSetResult,
  CacheWriteErrorCode,
  ClaimValue,
  EffectiveRole,
  EncodeTokenOptions,
  EnrollmentFactorSelector,
  FactorSelector,
  MultifactorOptions,
  MultifactorProvider,
  PostLoginApi,
  SamlAttributeValue,
  UserGroup,
  ValidateTokenOptions,
} from './api.ts';
export type {
  Actor,
  AuthenticationMethod,
  Confidence,
  DeviceInfo,
  EventUser,
  GeoIp,
  Identity,
  Organization,
  PostLoginEvent,
  RefreshTokenInfo,
  RiskAssessment,
  SessionInfo,
  Transaction,
  TransactionProtocol,
} from './event.ts';
export type { CredentialsExchangeAction, CredentialsExchangeHandler } from './credentials-exchange/action.ts';
export type { AccessDeniedCode, CredentialsExchangeApi } from './credentials-exchange/api.ts';
export type {
  CredentialsExchangeAgent,
  CredentialsExchangeClient,
  CredentialsExchangeEvent,
  CredentialsExchangeRequest,
  CredentialsExchangeTransaction,
} from './credentials-exchange/event.ts';
export type { HandlerName, TriggerId } from './triggers.ts';
