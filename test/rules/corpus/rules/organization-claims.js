function organizationClaims(user, context, callback) {
  const namespace = 'https://claims.example.com/';
  if (!context.organization) {
    return callback(null, user, context);
  }
  context.idToken[`${namespace}org_name`] = context.organization.name;
  context.accessToken[`${namespace}org`] = context.organization.id;
  const tier = context.organization.metadata.tier;
  if (tier) {
    context.accessToken[`${namespace}org_tier`] = tier;
  }
  callback(null, user, context);
}
