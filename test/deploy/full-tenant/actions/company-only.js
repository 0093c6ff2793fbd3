// A pre-user-registration Action: sign-ups only from the company's domain (the domain is a secret).
exports.onExecutePreUserRegistration = async (event, api) => {
  const domain = event.secrets.ALLOWED_DOMAIN;
  if (!String(event.user.email || '').endsWith(`@${domain}`)) {
    api.access.deny('domain_not_allowed', 'Sign-ups are limited to company accounts.');
  }
};
