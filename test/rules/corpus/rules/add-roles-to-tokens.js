/**
 * Adds the user's RBAC roles to the ID token, and to the access token when the login asked for an API.
 */
function addRolesToTokens(user, context, callback) {
  const namespace = 'https://claims.example.com/';
  const assignedRoles = (context.authorization || {}).roles || [];

  context.idToken[namespace + 'roles'] = assignedRoles;
  // Only JWT access tokens (an API audience) carry custom claims.
  if (context.request.query.audience) {
    context.accessToken[namespace + 'roles'] = assignedRoles;
  }
  return callback(null, user, context);
}
