/**
 * Builds the admin bundles with esbuild.
 *
 *   node frontend/build.mjs           one minified build, fails on any error
 *   node frontend/build.mjs --watch   rebuild on change (restart to pick up new entries)
 *
 * frontend/src/entries/<name>.ts  → wagtail_ai_blocks/static/wagtail_ai_blocks/js/<name>.js
 * frontend/src/lazy/<name>.ts     → wagtail_ai_blocks/static/wagtail_ai_blocks/js/lazy/<name>.js
 *                                   (loaded on first use; see SHARED_LIBRARIES)
 * frontend/src/styles/<name>.css  → wagtail_ai_blocks/static/wagtail_ai_blocks/css/<name>.css
 *
 * Libraries the Wagtail admin already loads are never bundled: their imports
 * read the matching `window` global instead (WAGTAIL_GLOBALS), when the bundle
 * runs, so bundles must load after Wagtail's own scripts (as form media and
 * `insert_editor_js` hooks do).
 */

import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import * as esbuild from 'esbuild';

const FRONTEND = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(FRONTEND);
export const OUT_DIR = path.join(ROOT, 'wagtail_ai_blocks', 'static', 'wagtail_ai_blocks');

/** Module id → the global the Wagtail admin defines for it. */
export const WAGTAIL_GLOBALS = {
  react: 'React',
  'react-dom': 'ReactDOM',
  'draft-js': 'DraftJS',
  draftail: 'Draftail',
  '@hotwired/stimulus': 'StimulusModule',
  telepath: 'telepath',
};

/**
 * Strings that only appear in a library's own source: if one shows up in our
 * output, that library was bundled instead of read from `window`.
 */
export const LIBRARY_MARKERS = [
  // React 16–18 and React 19; react-dom reads the same property, so it trips this too.
  { library: 'react', marker: '__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED' },
  { library: 'react', marker: '__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE' },
  { library: 'draft-js', marker: 'DraftEditor/root' },
  // Stimulus is ESM and tree-shakes: one marker from Controller, one from Application.
  { library: '@hotwired/stimulus', marker: 'for the Stimulus Value' },
  { library: '@hotwired/stimulus', marker: 'references undefined method' },
];

const escapeRegExp = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const GLOBAL_IDS = Object.keys(WAGTAIL_GLOBALS).map(escapeRegExp).join('|');

/** `react-dom/client` → `react-dom`; `@hotwired/stimulus/x` → `@hotwired/stimulus`. */
const packageRoot = (/** @type {string} */ id) =>
  id
    .split('/')
    .slice(0, id.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * Where bundles loaded on first use (`frontend/src/lazy/`) read the libraries:
 * from the bundle that loaded them, which puts the admin's libraries, as it
 * found them when it ran, on this object (`draftail/AIHost.tsx`). Read later
 * from `window`, React could be another script's copy, whose hooks throw
 * inside the editor's tree.
 */
export const SHARED_LIBRARIES = 'wagtailAIBlocksLibraries';

/**
 * Resolves each id in WAGTAIL_GLOBALS to a virtual module `module.exports = window.X`
 * (`shared`: the loading bundle's copy first, see SHARED_LIBRARIES), and refuses
 * deep imports (`react-dom/client`), which no global provides.
 *
 * @param {{ shared?: boolean }} [options]
 * @returns {esbuild.Plugin}
 */
export function wagtailGlobalsPlugin({ shared = false } = {}) {
  return {
    name: 'wagtail-globals',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${GLOBAL_IDS})$`) }, (args) => ({
        path: args.path,
        namespace: 'wagtail-global',
      }));
      build.onResolve({ filter: new RegExp(`^(${GLOBAL_IDS})/`) }, (args) => ({
        errors: [
          {
            text: `"${args.path}" cannot be imported: the Wagtail admin only provides the package root as a global. Import from "${packageRoot(args.path)}" instead.`,
          },
        ],
      }));
      build.onLoad({ filter: /.*/, namespace: 'wagtail-global' }, (args) => {
        const id = /** @type {keyof typeof WAGTAIL_GLOBALS} */ (args.path);
        const name = WAGTAIL_GLOBALS[id];
        const contents = shared
          ? `var shared = window.${SHARED_LIBRARIES}; module.exports = (shared && shared.${name}) || window.${name};`
          : `module.exports = window.${name};`;
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * Libraries (from LIBRARY_MARKERS) whose source appears in a bundle.
 *
 * @param {string} code
 * @returns {string[]}
 */
export function findBundledLibraries(code) {
  const found = LIBRARY_MARKERS.filter(({ marker }) => code.includes(marker)).map(
    ({ library }) => library,
  );
  return [...new Set(found)];
}

/**
 * After each build: fail if a library leaked into a bundle, then delete files
 * in the output folder that this build did not write (renamed or removed entries).
 *
 * @param {string} outdir
 * @returns {esbuild.Plugin}
 */
function afterBuildPlugin(outdir) {
  return {
    name: 'wagtail-ai-blocks-after-build',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length > 0 || !result.metafile) return;
        const written = new Set(
          Object.keys(result.metafile.outputs).map((file) => path.resolve(ROOT, file)),
        );

        /** @type {esbuild.PartialMessage[]} */
        const errors = [];
        for (const file of [...written]) {
          if (!file.endsWith('.js')) continue;
          const leaked = findBundledLibraries(await readFile(file, 'utf8'));
          if (leaked.length > 0) {
            // Never leave a bundle on disk that would load a second React into the admin.
            written.delete(file);
            written.delete(`${file}.map`);
            errors.push({
              text: `${path.relative(ROOT, file)} contains ${leaked.join(', ')}, which the Wagtail admin already loads. Import the package root so WAGTAIL_GLOBALS applies.`,
            });
          }
        }

        // Deletes stale files from earlier builds and any bundle refused above.
        // Sub-folders belong to their own build (js/lazy).
        for (const entry of await readdir(outdir, { withFileTypes: true })) {
          const file = path.join(outdir, entry.name);
          if (!entry.isDirectory() && !written.has(file)) await rm(file, { force: true });
        }
        if (errors.length === 0) logOutputs(result.metafile);
        return { errors };
      });
    },
  };
}

/** @param {esbuild.Metafile} metafile */
function logOutputs(metafile) {
  for (const [file, { bytes }] of Object.entries(metafile.outputs)) {
    const size = `${(bytes / 1024).toFixed(1)} kB`.padStart(9);
    console.log(`  ${size}  ${path.relative(ROOT, path.resolve(ROOT, file))}`);
  }
}

/**
 * Files directly in `dir` with one of `extensions`, as esbuild entry points
 * that keep their base name.
 *
 * @param {string} dir
 * @param {string[]} extensions
 */
async function entryPoints(dir, extensions) {
  const names = await readdir(dir).catch(() => /** @type {string[]} */ ([]));
  return names
    .filter((name) => extensions.some((ext) => name.endsWith(ext)))
    .filter((name) => !/\.(test\.tsx?|d\.ts)$/.test(name))
    .sort()
    .map((name) => ({ in: path.join(dir, name), out: name.replace(/\.[^.]+$/, '') }));
}

/**
 * The two esbuild configurations: scripts and stylesheets, each owning one
 * output folder.
 *
 * @returns {Promise<esbuild.BuildOptions[]>}
 */
async function buildOptions() {
  const scripts = await entryPoints(path.join(FRONTEND, 'src', 'entries'), ['.ts', '.tsx']);
  const lazyScripts = await entryPoints(path.join(FRONTEND, 'src', 'lazy'), ['.ts', '.tsx']);
  const styles = await entryPoints(path.join(FRONTEND, 'src', 'styles'), ['.css']);
  /** @type {esbuild.BuildOptions} */
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'info',
  };
  const jsOut = path.join(OUT_DIR, 'js');
  const lazyOut = path.join(jsOut, 'lazy');
  const cssOut = path.join(OUT_DIR, 'css');
  return [
    {
      ...common,
      entryPoints: scripts,
      outdir: jsOut,
      format: 'iife',
      target: 'es2020',
      plugins: [wagtailGlobalsPlugin(), afterBuildPlugin(jsOut)],
    },
    {
      ...common,
      entryPoints: lazyScripts,
      outdir: lazyOut,
      format: 'iife',
      target: 'es2020',
      plugins: [wagtailGlobalsPlugin({ shared: true }), afterBuildPlugin(lazyOut)],
    },
    {
      ...common,
      entryPoints: styles,
      outdir: cssOut,
      // Browsers the Wagtail admin supports; esbuild lowers newer CSS (e.g. nesting) for them.
      target: ['chrome109', 'edge109', 'firefox115', 'safari15.6'],
      plugins: [afterBuildPlugin(cssOut)],
    },
  ];
}

/** @param {string[]} argv */
async function main(argv) {
  const watch = argv.includes('--watch');
  const configs = await buildOptions();
  for (const config of configs) {
    await mkdir(/** @type {string} */ (config.outdir), { recursive: true });
  }

  const contexts = await Promise.all(configs.map((config) => esbuild.context(config)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('Watching frontend/src for changes…');
    return;
  }
  // Build scripts and styles both, even if one fails, so every error shows at once.
  const results = await Promise.allSettled(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  // esbuild has already printed the errors (logLevel: 'info').
  if (results.some(({ status }) => status === 'rejected')) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
