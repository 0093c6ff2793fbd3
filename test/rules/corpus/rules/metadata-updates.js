function recordLogin(user, context, callback) {
  user.app_metadata = user.app_metadata || {};
  user.user_metadata = user.user_metadata || {};

  const count = user.app_metadata.login_count;
  user.app_metadata.login_count = (typeof count === 'number' ? count : 0) + 1;
  user.app_metadata.last_country = context.request.geoip.country_code || null;
  if (!user.user_metadata.locale) {
    user.user_metadata.locale = context.request.query.ui_locales || 'en';
  }

  Promise.all([
    auth0.users.updateAppMetadata(user.user_id, user.app_metadata),
    auth0.users.updateUserMetadata(user.user_id, user.user_metadata),
  ])
    .then(function () {
      callback(null, user, context);
    })
    .catch(function (err) {
      callback(err);
    });
}
