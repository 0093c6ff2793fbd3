// Flattens the permissions of the user's teams (app_metadata.teams) into one claim with lodash 4
// (`_.flatMap` and `_.sortedUniq` do not exist in lodash 3).
import type { Event, PostLoginAPI } from '@auth0/actions/post-login/v3';

interface Lodash4 {
  VERSION: string;
  flatMap<T, R>(list: readonly T[], iteratee: (item: T) => readonly R[]): R[];
  sortedUniq<T>(list: readonly T[]): T[];
}
const _ = require('lodash') as Lodash4;

interface Team {
  name: string;
  permissions: string[];
}

const isTeam = (t: unknown): t is Team =>
  typeof t === 'object' && t !== null && Array.isArray((t as Team).permissions) && (t as Team).permissions.every((p) => typeof p === 'string');

export const onExecutePostLogin = async (event: Event, api: PostLoginAPI): Promise<void> => {
  const teams = Array.isArray(event.user.app_metadata['teams']) ? (event.user.app_metadata['teams'] as unknown[]).filter(isTeam) : [];
  const permissions = _.sortedUniq(_.flatMap(teams, (t) => t.permissions).sort());
  api.accessToken.setCustomClaim('https://corpus.example.com/permissions', permissions);
  api.accessToken.setCustomClaim('https://corpus.example.com/lodash', _.VERSION);
};
