function claimsPerAudience(user, context, callback) {
  const namespace = 'https://claims.example.com/';
  const audience = context.request.query.audience;
  const roles = (context.authorization || {}).roles || [];

  if (audience === 'https://api.example.com') {
    context.accessToken[namespace + 'can_export'] = roles.indexOf('billing-admin') !== -1;
  } else if (audience === 'urn:claimkit:reports') {
    context.accessToken[namespace + 'report_roles'] = roles.filter(function (r) {
      return r.indexOf('reports:') === 0;
    });
  }
  callback(null, user, context);
}
