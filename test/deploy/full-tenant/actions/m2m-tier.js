// A credentials-exchange Action in plain JavaScript: the machine's tier from its client metadata.
exports.onExecuteCredentialsExchange = async (event, api) => {
  const tier = (event.client.metadata && event.client.metadata.tier) || 'free';
  api.accessToken.setCustomClaim('https://claims.example.com/tier', tier);
};
