// Gives every new user the "viewer" role through the Management API.
function assignDefaultRole(user, context, callback) {
  if (context.stats.loginsCount > 1) return callback(null, user, context);
  const ManagementClient = require('auth0@2.9.1').ManagementClient;
  const management = new ManagementClient({ token: auth0.accessToken, domain: auth0.domain });
  management.users.assignRoles({ id: user.user_id }, { roles: [configuration.VIEWER_ROLE_ID] }, function (err) {
    if (err) return callback(err);
    context.accessToken.scope = (context.accessToken.scope || []).concat(['read:reports']);
    callback(null, user, context);
  });
}
