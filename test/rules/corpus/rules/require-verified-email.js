function requireVerifiedEmail(user, context, callback) {
  // Google already verified the address.
  if (context.connectionStrategy === 'google-oauth2') {
    return callback(null, user, context);
  }
  if (!user.email_verified) {
    return callback(new UnauthorizedError('Please verify your email before logging in.'));
  }
  return callback(null, user, context);
}
