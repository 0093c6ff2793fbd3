// Sends users who have not accepted the current terms to the terms page, once.
function acceptTerms(user, context, callback) {
  if (context.protocol === 'redirect-callback') {
    user.app_metadata = user.app_metadata || {};
    user.app_metadata.terms_accepted = context.request.query.terms_version;
    return auth0.users.updateAppMetadata(user.user_id, user.app_metadata)
      .then(() => callback(null, user, context))
      .catch(callback);
  }
  const accepted = (user.app_metadata || {}).terms_accepted;
  if (accepted !== '2026-01') {
    context.redirect = { url: 'https://app.example.com/terms?version=2026-01' };
  }
  callback(null, user, context);
}
