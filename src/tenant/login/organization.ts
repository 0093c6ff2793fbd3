import type { StoredClient, StoredConnection, StoredOrganization, StoredUser, TenantData } from '../store/model.ts';
import { findOrganization } from './directory.ts';
import { LoginError } from './errors.ts';

// /authorize's `organization` parameter against the client's organization settings and the
// organization's connections and members (Organizations › Login Flows; Application Settings,
// "Organization usage": deny by default, allow, or require).

const invalid = (message: string) => new LoginError('invalid_request', message, 400);

export interface OrganizationLogin {
  organization: StoredOrganization;
  /** Not a member yet, but the connection adds members on login (`assign_membership_on_login`). */
  join: boolean;
}

export function checkOrganization(data: Readonly<TenantData>, param: string | undefined, client: StoredClient, user: StoredUser, connection: StoredConnection): OrganizationLogin | undefined {
  const usage = typeof client['organization_usage'] === 'string' ? client['organization_usage'] : 'deny';
  if (param === undefined) {
    if (usage === 'require') throw invalid('parameter organization is required for this client');
    return undefined;
  }
  if (usage === 'deny') throw invalid('parameter organization is not allowed for this client');
  const organization = findOrganization(data, param);
  if (!organization) throw invalid(`parameter organization is invalid: no organization "${param}"`);
  const enabled = organization.connections.find((c) => c.connection_id === connection.id);
  if (!enabled) throw invalid(`the connection ${connection.name} is not enabled for the organization ${organization.name}`);
  if (organization.members.includes(user.user_id)) return { organization, join: false };
  if (enabled.assign_membership_on_login) return { organization, join: true };
  throw new LoginError('access_denied', `user ${user.user_id} is not a member of the organization ${organization.name}`, 403);
}
