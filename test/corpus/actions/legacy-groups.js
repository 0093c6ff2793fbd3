// @ts-check
// A JavaScript Action from the Rules days, typed with JSDoc against the official types. It was written
// for lodash 3: `_.pluck` was removed in lodash 4.
const _ = require('lodash');

/** @type {import('@auth0/actions/post-login/v3').PostLoginAction} */
exports.onExecutePostLogin = async (event, api) => {
  const groups = event.user.app_metadata['groups'];
  const names = Array.isArray(groups) ? _.pluck(groups, 'name').filter((/** @type {unknown} */ n) => typeof n === 'string') : [];
  api.idToken.setCustomClaim('https://corpus.example.com/groups', names);
  api.idToken.setCustomClaim('https://corpus.example.com/lodash', _.VERSION);
};
