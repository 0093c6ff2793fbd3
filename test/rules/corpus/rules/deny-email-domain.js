// Only staff and the partner agency may use the back office.
function denyEmailDomain(user, context, callback) {
  const allowed = ['example.com', 'partner.example.org'];
  const email = (user.email || '').toLowerCase();
  const domain = email.split('@').pop();

  if (!email || allowed.indexOf(domain) === -1) {
    return callback(new UnauthorizedError('Access is limited to staff accounts.'));
  }
  callback(null, user, context);
}
