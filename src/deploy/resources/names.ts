import type { Names } from './contract.ts';

// The name ↔ id index of a tenant, from what a snapshot read; creates add to it as a deploy goes.

export interface NamesInput {
  clients: ReadonlyArray<{ client_id: string; name: string }>;
  connections: ReadonlyArray<{ id: string; name: string }>;
  actions: ReadonlyArray<{ id: string; name: string }>;
  grants: ReadonlyArray<{ id: string; client_id: string }>;
}

class Index {
  private readonly byId = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  add(id: string, name: string): void {
    this.byId.set(id, name);
    if (!this.byName.has(name)) this.byName.set(name, id);
  }
  name = (id: string) => this.byId.get(id);
  id = (name: string) => this.byName.get(name);
}

export function createNames(input: NamesInput): Names {
  const clients = new Index();
  const connections = new Index();
  const actions = new Index();
  const grants = new Index(); // grant id ↔ client id
  for (const c of input.clients) clients.add(c.client_id, c.name);
  for (const c of input.connections) connections.add(c.id, c.name);
  for (const a of input.actions) actions.add(a.id, a.name);
  for (const g of input.grants) grants.add(g.id, g.client_id);
  return {
    clientName: clients.name,
    clientId: clients.id,
    connectionName: connections.name,
    connectionId: connections.id,
    actionName: actions.name,
    grantIdOfClient: (clientName) => {
      const clientId = clients.id(clientName);
      return clientId === undefined ? undefined : grants.id(clientId);
    },
    grantClientName: (grantId) => {
      const clientId = grants.name(grantId);
      return clientId === undefined ? undefined : clients.name(clientId);
    },
    remember(kind, id, name) {
      ({ client: clients, connection: connections, action: actions, grant: grants })[kind].add(id, name);
    },
  };
}
