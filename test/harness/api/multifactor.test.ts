import { outcome, runOne } from './helpers.ts';

const DUO = { host: 'api-123.duosecurity.com', ikey: 'DIXXXXXXXXXXXXXXXXXX', skey: 'duo-secret-key' };

describe('api.multifactor.enable', () => {
  it('accepts the listed providers', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      for (const provider of ['none', 'guardian', 'google-authenticator', 'any'] as const) {
        seen.push(outcome(() => api.multifactor.enable(provider, { allowRememberBrowser: true })));
      }
      seen.push(outcome(() => api.multifactor.enable('duo', { providerOptions: DUO })));
    });
    expect(seen).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('refuses an unknown provider', async () => {
    let seen = '';
    const result = await runOne(async (_e, api) => void (seen = outcome(() => api.multifactor.enable('sms' as never))));
    expect(seen).toBe('ERR_API_INVALID_ARGUMENT');
    expect(result.outcome).toBe('success');
  });

  it('needs host, ikey and skey for duo, and takes providerOptions for duo only', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.multifactor.enable('duo')));
      seen.push(outcome(() => api.multifactor.enable('duo', { providerOptions: { ...DUO, skey: '' } })));
      seen.push(outcome(() => api.multifactor.enable('duo', { providerOptions: { host: DUO.host, ikey: DUO.ikey } } as never)));
      seen.push(outcome(() => api.multifactor.enable('guardian', { providerOptions: DUO } as never)));
      seen.push(outcome(() => api.multifactor.enable('any', { allowRememberBrowser: 'yes' } as never)));
    });
    expect(seen).toEqual(Array(5).fill('ERR_API_INVALID_ARGUMENT'));
  });

  it("keeps Duo's secret key out of the recorded calls", async () => {
    const result = await runOne(async (_e, api) => void api.multifactor.enable('duo', { providerOptions: DUO }));
    expect(JSON.stringify(result.calls)).not.toContain(DUO.skey);
    expect(result.calls[0]?.args[1]).toEqual({ providerOptions: { ...DUO, skey: '[redacted]' } });
  });
});
