import { json, noContent, readJsonObject } from '../../http/body.ts';
import { conflict, notFound, payloadError } from '../../http/errors.ts';
import type { Route, RouteContext } from '../../http/router.ts';
import { alphanumeric } from '../../store/ids.ts';
import type { StoredItem, TenantData } from '../../store/model.ts';
import { listAnswer } from '../paging.ts';
import { COLLECTION_DOCUMENTS, type CollectionDocument } from './table.ts';

// Collection documents (table.ts) as routes: list, create, get, update (fields merged), delete.

const items = (data: Readonly<TenantData>, doc: CollectionDocument): StoredItem[] => data.documents.collections[doc.path] ?? [];

const idOf = (doc: CollectionDocument, item: StoredItem): unknown => item[doc.idField] ?? item.id;

function find(data: Readonly<TenantData>, doc: CollectionDocument, id: string | undefined): StoredItem {
  const item = items(data, doc).find((x) => idOf(doc, x) === id);
  if (!item) throw notFound(`No ${doc.path} item with id "${id ?? ''}".`);
  return item;
}

/** Stored items keep `id`; those whose id field is another (custom domains' `custom_domain_id`) show it under that name. */
function view(doc: CollectionDocument, item: StoredItem): Record<string, unknown> {
  if (doc.idField === 'id') return item;
  const { id, ...rest } = item;
  return { ...rest, [doc.idField]: id };
}

const nameTaken = (data: Readonly<TenantData>, doc: CollectionDocument, name: unknown, self?: StoredItem) =>
  typeof name === 'string' && items(data, doc).some((x) => x !== self && x['name'] === name);

function list(doc: CollectionDocument) {
  return (ctx: RouteContext): Response => {
    const all = items(ctx.tenant.store.data, doc).map((x) => view(doc, x));
    return json(doc.answer === 'wrapped' ? { [doc.key]: all } : listAnswer(doc.key, all, ctx.url));
  };
}

function create(doc: CollectionDocument) {
  return async (ctx: RouteContext): Promise<Response> => {
    const { tenant } = ctx;
    const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
    const missing = doc.required.find((k) => body[k] === undefined);
    if (missing !== undefined) throw payloadError(`'Missing required property: ${missing}'`);
    const { [doc.idField]: _given, id: _id, ...fields } = body;
    const item: StoredItem = { ...fields, id: `${doc.idPrefix}_${alphanumeric(16)}` };
    await tenant.store.write((data) => {
      if (nameTaken(data, doc, item['name'])) throw conflict(`An item named "${String(item['name'])}" already exists in ${doc.path}.`);
      return (d) => {
        d.documents.collections[doc.path] = [...items(d, doc), item];
      };
    });
    return json(view(doc, item), 201);
  };
}

function update(doc: CollectionDocument) {
  return async (ctx: RouteContext): Promise<Response> => {
    const { tenant } = ctx;
    find(tenant.store.data, doc, ctx.params['id']);
    const body = await readJsonObject(ctx.request, tenant.settings.bodyLimitBytes);
    const { [doc.idField]: _given, id: _id, ...fields } = body;
    const item = await tenant.store.write((data) => {
      const found = find(data, doc, ctx.params['id']);
      if (nameTaken(data, doc, fields['name'], found)) throw conflict(`An item named "${String(fields['name'])}" already exists in ${doc.path}.`);
      return () => Object.assign(found, fields);
    });
    return json(view(doc, item));
  };
}

function remove(doc: CollectionDocument) {
  return async (ctx: RouteContext): Promise<Response> => {
    await ctx.tenant.store.write((data) => {
      const found = find(data, doc, ctx.params['id']);
      return (d) => {
        d.documents.collections[doc.path] = items(d, doc).filter((x) => x.id !== found.id);
      };
    });
    return noContent();
  };
}

function collectionRoutes(doc: CollectionDocument): Route[] {
  const path = `/${doc.path}`;
  return [
    { method: 'GET', path, scopes: [`read:${doc.scope}`], handle: list(doc) },
    { method: 'POST', path, scopes: [`create:${doc.scope}`], handle: create(doc) },
    { method: 'GET', path: `${path}/:id`, scopes: [`read:${doc.scope}`], handle: (ctx) => json(view(doc, find(ctx.tenant.store.data, doc, ctx.params['id']))) },
    { method: 'PATCH', path: `${path}/:id`, scopes: [`update:${doc.scope}`], handle: update(doc) },
    { method: 'DELETE', path: `${path}/:id`, scopes: [`delete:${doc.scope}`], handle: remove(doc) },
  ];
}

export const collectionDocumentRoutes: readonly Route[] = COLLECTION_DOCUMENTS.flatMap(collectionRoutes);
