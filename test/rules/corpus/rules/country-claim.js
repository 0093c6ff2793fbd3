function countryClaim(user, context, callback) {
  const geoip = context.request.geoip;
  if (geoip.country_code) {
    context.idToken['https://claims.example.com/country'] = geoip.country_code;
    context.idToken['https://claims.example.com/time_zone'] = context.request.geoip.time_zone;
  }
  callback(null, user, context);
}
