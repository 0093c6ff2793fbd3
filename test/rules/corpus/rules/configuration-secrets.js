// Signs the user's id so the API can check the support PIN without a database lookup.
function supportPin(user, context, callback) {
  const crypto = require('crypto');
  const namespace = configuration.CLAIM_NAMESPACE;
  const pin = crypto.createHmac('sha256', configuration.SUPPORT_PIN_KEY).update(user.user_id).digest('hex').slice(0, 8);

  context.idToken[namespace + 'support_pin'] = pin;
  callback(null, user, context);
}
