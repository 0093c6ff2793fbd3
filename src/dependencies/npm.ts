// The one place claimkit runs npm: `npm install` of one package into an empty folder.
import { execFile } from 'node:child_process';
import { ClaimkitError } from '../errors.ts';
import { specOf, type Dependency } from './spec.ts';

/** Installs `dep` into `prefix` (which has its own package.json); rejects with the tail of npm's output. */
export type NpmInstall = (dep: Dependency, prefix: string) => Promise<void>;

const TIMEOUT_MS = 5 * 60_000;

// Install scripts are never run: Auth0 runs no native addons (what most install scripts build), and
// code from the registry should not run on a developer's machine just because a version was declared.
const ARGS = ['install', '--no-save', '--no-package-lock', '--ignore-scripts', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

export const npmInstall: NpmInstall = (dep, prefix) =>
  new Promise((resolve, reject) => {
    execFile(
      'npm',
      [...ARGS, '--prefix', prefix, specOf(dep)],
      { cwd: prefix, timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, shell: process.platform === 'win32', windowsHide: true },
      (err, _stdout, stderr) => {
        if (!err) return resolve();
        const tail = String(stderr).split('\n').filter((l) => l.trim() !== '' && !/Unknown (user|env) config/.test(l)).slice(-6).join('\n');
        const why = (err as { killed?: boolean }).killed ? `npm did not finish within ${TIMEOUT_MS / 1000} s` : tail || err.message;
        reject(
          new ClaimkitError(
            'ERR_DEPENDENCY_INSTALL',
            `Cannot install ${specOf(dep)} from the npm registry:\n${why}\nCheck the name and version in tenant.yaml (they must be published on npm), and the network for a first install; once installed it is cached.`,
            { cause: err },
          ),
        );
      },
    );
  });
