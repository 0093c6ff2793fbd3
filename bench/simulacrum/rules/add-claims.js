// The legacy-Rule equivalent of the example post-login flow (actions/add-custom-claims.ts applying
// claims.yaml, then actions/add-api-claims.ts): roles on both tokens, tenant_id and the plan on the
// reports API's access token, is_admin on both. The simulator keeps no roles or app_metadata on its
// users, so this Rule carries the same data for the benchmark user inline.
function addClaims(user, context, callback) {
  const namespace = 'https://claims.example.com/';
  const directory = {
    'bench@example.com': { roles: ['reports-admin'], app_metadata: { tenant_id: 't-42', plan: 'team' } },
  };
  const found = directory[user.email] || { roles: [], app_metadata: {} };
  const roles = found.roles;
  const isAdmin = roles.indexOf('reports-admin') !== -1;
  context.idToken[namespace + 'roles'] = roles;
  context.idToken[namespace + 'is_admin'] = isAdmin;
  context.accessToken[namespace + 'roles'] = roles;
  context.accessToken[namespace + 'is_admin'] = isAdmin;
  if (typeof found.app_metadata.tenant_id !== 'string') return callback(new Error('No tenant is assigned to this user.'));
  context.accessToken[namespace + 'tenant_id'] = found.app_metadata.tenant_id;
  const plans = ['free', 'team', 'enterprise'];
  context.accessToken[namespace + 'plan'] = plans.indexOf(found.app_metadata.plan) !== -1 ? found.app_metadata.plan : 'free';
  callback(null, user, context);
}
