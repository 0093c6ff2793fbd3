import { randomBytes, scryptSync } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../src/tenant/auth/passwords.ts';

test('a hash verifies its password only, and records its cost', async () => {
  const hash = await hashPassword('Passw0rd!x');
  expect(hash).toMatch(/^scrypt\$4096\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  expect(await verifyPassword('Passw0rd!x', hash)).toBe(true);
  expect(await verifyPassword('Passw0rd!y', hash)).toBe(false);
  expect(await hashPassword('Passw0rd!x')).not.toBe(hash); // salted
});

test('hashes written before the cost was recorded still verify; unknown shapes and costs do not', async () => {
  const salt = randomBytes(16);
  const legacy = `scrypt$${salt.toString('base64')}$${scryptSync('Passw0rd!x', salt, 32).toString('base64')}`;
  expect(await verifyPassword('Passw0rd!x', legacy)).toBe(true);
  const huge = `scrypt$1048576$8$1$${salt.toString('base64')}$${Buffer.alloc(32).toString('base64')}`;
  expect(await verifyPassword('Passw0rd!x', huge)).toBe(false);
  expect(await verifyPassword('Passw0rd!x', 'bcrypt$xx')).toBe(false);
});
