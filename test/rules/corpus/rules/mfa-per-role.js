/** Administrators must use MFA, once per session. */
function mfaForAdmins(user, context, callback) {
  const roles = (context.authorization || {}).roles || [];
  const isAdmin = roles.includes('admin') || roles.includes('billing-admin');
  const methods = (context.authentication || {}).methods || [];
  const completedMfa = methods.some((m) => m.name === 'mfa');

  if (isAdmin && !completedMfa) {
    context.multifactor = {
      provider: 'any',
      allowRememberBrowser: false,
    };
  }
  callback(null, user, context);
}
