function appMetadataClaims(user, context, callback) {
  var namespace = 'https://claims.example.com/';
  var appMetadata = user.app_metadata || {};

  // The plan drives feature flags in the app; accounts without one are on the free plan.
  context.idToken[namespace + 'plan'] = appMetadata.plan || 'free';
  if (appMetadata.tenant_id) {
    context.idToken[namespace + 'tenant_id'] = appMetadata.tenant_id;
    context.accessToken[namespace + 'tenant_id'] = appMetadata.tenant_id;
  }
  callback(null, user, context);
}
