import { createApi, createFlow, makeEvent, type ActionContext, type EventOverrides } from '../../../src/harness/index.ts';
import type { PostLoginApi } from '../../../src/types/api.ts';
import { NOW } from './helpers.ts';

// The side effects that are not in a FlowResult (what Auth0 would apply after the flow), read from
// the flow state of an api built directly with createApi.

function apiFor(overrides: EventOverrides = {}): { api: PostLoginApi; effects: Map<string, unknown> } {
  const event = makeEvent(overrides);
  const flow = createFlow(event, { now: () => NOW });
  const ctx: ActionContext = { name: 'effects', phase: 'execute', event: flow.event, flow, finished: () => false, record: () => undefined, update: (change) => change(flow.event) };
  return { api: createApi(ctx), effects: flow.effects };
}

describe('recorded side effects', () => {
  it('keep the earliest session and refresh-token expiry', () => {
    const { api, effects } = apiFor({ refresh_token: { id: 'rt_1', created_at: '2026-01-01T00:00:00.000Z' } });
    api.session.setExpiresAt(NOW + 5000);
    api.session.setExpiresAt(NOW + 9000);
    api.session.setIdleExpiresAt(NOW + 9000);
    api.session.setIdleExpiresAt(NOW + 1000);
    api.refreshToken.setExpiresAt(NOW + 7000);
    api.refreshToken.setExpiresAt(NOW + 3000);
    expect(effects.get('session.setExpiresAt')).toBe(NOW + 5000);
    expect(effects.get('session.setIdleExpiresAt')).toBe(NOW + 1000);
    expect(effects.get('refreshToken.setExpiresAt')).toBe(NOW + 3000);
  });

  it('keep the SAML configuration under its Auth0 names, and attribute removals as null', () => {
    const { api, effects } = apiFor();
    api.samlResponse.setRelayState('relay');
    api.samlResponse.setLifetimeInSeconds(600);
    api.samlResponse.setNameIdentifierFormat(undefined as never);
    api.samlResponse.setAttribute('http://example.com/role', ['a', 'b']);
    api.samlResponse.setAttribute('http://example.com/gone', undefined);
    expect(effects.get('samlResponse.configuration')).toEqual({
      RelayState: 'relay',
      lifetimeInSeconds: 600,
      nameIdentifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    });
    expect(effects.get('samlResponse.attributes')).toEqual({ 'http://example.com/role': ['a', 'b'], 'http://example.com/gone': null });
  });

  it('keep the multifactor requirement and the last cookie mode', () => {
    const { api, effects } = apiFor();
    api.multifactor.enable('any', { allowRememberBrowser: true });
    api.session.setCookieMode('persistent');
    api.session.setCookieMode('non-persistent');
    expect(effects.get('multifactor.enable')).toEqual({ provider: 'any', allowRememberBrowser: true, providerOptions: undefined });
    expect(effects.get('session.setCookieMode')).toBe('non-persistent');
  });
});
