export { isAuth0ApiAudience, isManagementApiAudience, type TokenContext, type TokenKind } from './context.ts';
export { customClaimsBytes, evaluateClaim, exceedsTokenBudget, filterClaims, type ClaimFinding, type FilteredClaims } from './evaluate.ts';
export { namespaceKind, reservedNamespace, type NamespaceKind } from './namespace.ts';
export {
  AUTH0_API_PATHS,
  MAX_CUSTOM_CLAIMS_BYTES,
  PROFILE_CLAIM_SCOPE,
  RESERVED_NAMESPACE_HOSTS,
  RESERVED_URN_PREFIX,
  RESTRICTED_CLAIM_NAMES,
  SCOPE_CLAIM,
  SCOPE_CLAIM_MESSAGE,
} from './names.ts';
export { CLAIM_RULES, type ClaimRule, type ClaimRuleId } from './rules.ts';
export { filterMachineClaims, MACHINE_CLAIM_RULES } from './machine.ts';
