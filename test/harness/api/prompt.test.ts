import { outcome, runOne } from './helpers.ts';

const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));

describe('api.prompt.render', () => {
  it('pauses the flow on the prompt', async () => {
    const result = await runOne(async (_e, api) => api.prompt.render('ask-terms', { fields: { accepted: false }, vars: { 'any key': 1 } }));
    expect(result.outcome).toBe('success');
    expect(result.prompt).toEqual({ id: 'ask-terms' });
  });

  it('allows one render per Action; a second fails the login even when caught', async () => {
    let seen = '';
    const result = await runOne(async (_e, api) => {
      api.prompt.render('first');
      seen = outcome(() => api.prompt.render('second'));
    });
    expect(seen).toBe('ERR_API_NOT_ALLOWED');
    expect(result.outcome).toBe('error');
    expect(result.prompt).toBeNull();
  });

  it('refuses a prompt id that is not a string of at most 48 characters', async () => {
    const seen: string[] = [];
    await runOne(async (_e, api) => {
      seen.push(outcome(() => api.prompt.render(7 as never)));
      seen.push(outcome(() => api.prompt.render('p'.repeat(49))));
    });
    expect(seen).toEqual(['ERR_API_INVALID_ARGUMENT', 'ERR_API_INVALID_ARGUMENT']);
  });

  it('refuses options the runtime schema refuses', async () => {
    const seen: string[] = [];
    const result = await runOne(async (_e, api) => {
      const render = (options: unknown) => seen.push(outcome(() => api.prompt.render('p', options as never)));
      render({ other: {} });
      render({ fields: 'x' });
      render({ fields: many(25) });
      render({ fields: { '1starts-with-digit': 1 } });
      render({ vars: many(25) });
      render({ vars: { big: 'x'.repeat(24 * 1024) } });
    });
    expect(seen).toEqual(Array(6).fill('ERR_API_INVALID_ARGUMENT'));
    expect(result.prompt).toBeNull();
  });

  it('accepts options up to 24 entries each and 24 KiB as JSON', async () => {
    let seen = '';
    await runOne(async (_e, api) => void (seen = outcome(() => api.prompt.render('p', { fields: many(24), vars: { big: 'x'.repeat(20_000) } }))));
    expect(seen).toBe('ok');
  });
});
