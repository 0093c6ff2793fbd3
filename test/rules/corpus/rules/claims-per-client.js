function claimsPerClient(user, context, callback) {
  const namespace = 'https://claims.example.com/';
  // The reporting SPA needs the user's region; other apps do not.
  if (context.clientID === 'gmOWNgklfRm4tyl5YYnl3JDSJy19h1bR') {
    context.idToken[namespace + 'region'] = (user.user_metadata || {}).region || 'eu';
  }
  const clientMetadata = context.clientMetadata || {};
  if (clientMetadata.tier === 'internal') {
    context.idToken[namespace + 'internal_app'] = true;
  }
  callback(null, user, context);
}
