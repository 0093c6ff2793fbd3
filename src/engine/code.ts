import path from 'node:path';
import * as esbuild from 'esbuild';

// The engine process runs claimkit's own code (supervisor, executor with the harness) from two bundles
// made here, in memory, once per host process: the engine process may read nothing of claimkit's files.
let built: Promise<{ supervisor: string; executor: string }> | undefined;

export function engineCode(): Promise<{ supervisor: string; executor: string }> {
  built ??= esbuild
    .build({
      entryPoints: { supervisor: path.join(__dirname, 'supervisor/main.ts'), executor: path.join(__dirname, 'executor/main.ts') },
      outdir: path.join(__dirname, 'out'),
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      sourcemap: false,
    })
    .then((r) => {
      const text = (name: string) => r.outputFiles.find((f) => path.basename(f.path) === `${name}.js`)?.text ?? '';
      return { supervisor: text('supervisor'), executor: text('executor') };
    });
  return built;
}

/**
 * Started with `node -e`: waits for its code over IPC and runs the supervisor. Nothing is read from disk.
 */
export const BOOTSTRAP =
  "delete process.env.NODE_EXTRA_CA_CERTS;process.once('message',(m)=>{const module={exports:{}};" +
  "require('node:vm').runInThisContext('(function(require,module,exports){'+m.supervisor+'\\n})')(require,module,module.exports);" +
  'module.exports.start(m);});';
