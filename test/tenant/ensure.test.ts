import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureTenant, resolveSettings, stopTenant } from '../../src/tenant/index.ts';

jest.setTimeout(30_000);

test('a tenant that was not asked for a port moves to a free one when its port is taken, and is reused after', async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const taken = (blocker.address() as net.AddressInfo).port;
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-ensure-'));
  const settings = resolveSettings({ stateDir, port: taken }, {}, os.tmpdir());
  try {
    const first = await ensureTenant(settings, process.env, false);
    expect(first.started).toBe(true);
    expect(first.info.domain).not.toBe(`127.0.0.1:${taken}`);
    const again = await ensureTenant(settings, process.env, false);
    expect(again).toEqual({ info: first.info, started: false });
    await expect(ensureTenant({ ...settings, stateDir: `${stateDir}-explicit` }, process.env, true)).rejects.toMatchObject({ code: 'ERR_TENANT_START_FAILED' });
  } finally {
    await stopTenant(stateDir);
    blocker.close();
  }
});
