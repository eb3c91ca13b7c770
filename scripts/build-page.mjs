/**
 * Builds the standalone CRM page into dist/page: the Knowledge Hub Lightning Web Components
 * plus a small CRM-like shell, compiled with the LWC compiler outside Salesforce, and the
 * SLDS stylesheet, icons and images they use. The server serves dist/page at `/`.
 *
 * Usage: node scripts/build-page.mjs  (npm run build:page)
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { nodeResolve } from '@rollup/plugin-node-resolve';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const componentsDir = path.join(root, 'crm-components/main/default/lwc');
const standaloneDir = path.join(root, 'crm-components/standalone');
const outDir = path.join(root, 'dist/page');
const sldsAssets = path.join(root, 'node_modules/@salesforce-ux/design-system/assets');

/** The Apex proxy the components import; outside Salesforce it becomes a fetch call. */
const APEX_PROXY = '@salesforce/apex/KnowledgeHubProxy.call';
const FETCH_TRANSPORT = path.join(standaloneDir, 'modules/shell/hubTransport/hubTransport.js');

/**
 * The Salesforce DX layout (lwc/<name>/<name>.js) is not an LWC namespace folder, so each
 * component gets its own `c/<name>` record.
 */
async function componentModules() {
  const entries = await readdir(componentsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: `c/${entry.name}`, path: path.join(componentsDir, entry.name, `${entry.name}.js`) }));
}

/**
 * The engine must match the compiler that @lwc/rollup-plugin uses. npm hoists
 * sfdx-lwc-jest's older @lwc/engine-dom to the top, so resolve the runtime from `lwc` itself.
 */
function runtimeModules() {
  const fromLwc = createRequire(path.join(root, 'node_modules/lwc/package.json'));
  const entry = (pkg) => path.join(path.dirname(fromLwc.resolve(`${pkg}/package.json`)), 'dist/index.js');
  return [
    { name: 'lwc', path: entry('@lwc/engine-dom') },
    { name: '@lwc/synthetic-shadow', path: entry('@lwc/synthetic-shadow') },
    { name: '@lwc/wire-service', path: entry('@lwc/wire-service') },
  ];
}

function aliasApexProxy() {
  return {
    name: 'alias-apex-proxy',
    resolveId(id) {
      return id === APEX_PROXY ? FETCH_TRANSPORT : null;
    },
  };
}

async function bundle() {
  const warnings = [];
  const build = await rollup({
    input: path.join(standaloneDir, 'main.js'),
    plugins: [
      aliasApexProxy(),
      lwc({
        rootDir: path.join(standaloneDir, 'modules'),
        modules: [...(await componentModules()), { dir: path.join(standaloneDir, 'modules') }],
        defaultModules: runtimeModules(),
      }),
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      nodeResolve(),
    ],
    onwarn(warning) {
      warnings.push(warning);
    },
  });
  const { output } = await build.write({ file: path.join(outDir, 'app.js'), format: 'es', sourcemap: false });
  await build.close();
  const unresolved = warnings.filter((w) => w.code === 'UNRESOLVED_IMPORT');
  if (unresolved.length > 0) {
    throw new Error(`unresolved imports: ${unresolved.map((w) => w.message).join('; ')}`);
  }
  warnings.forEach((w) => console.warn(`build-page: ${w.message}`));
  return output[0].code.length;
}

/** Only what the page uses: the stylesheet, the images it references, and two icon sprites. */
async function copyAssets() {
  const copies = [
    [path.join(standaloneDir, 'index.html'), path.join(outDir, 'index.html')],
    [path.join(standaloneDir, 'page.css'), path.join(outDir, 'page.css')],
    [
      path.join(sldsAssets, 'styles/salesforce-lightning-design-system.min.css'),
      path.join(outDir, 'assets/styles/salesforce-lightning-design-system.min.css'),
    ],
    [path.join(sldsAssets, 'images'), path.join(outDir, 'assets/images')],
    [path.join(sldsAssets, 'icons/standard-sprite/svg/symbols.svg'), path.join(outDir, 'assets/icons/standard-sprite/svg/symbols.svg')],
    [path.join(sldsAssets, 'icons/utility-sprite/svg/symbols.svg'), path.join(outDir, 'assets/icons/utility-sprite/svg/symbols.svg')],
    [path.join(sldsAssets, 'icons/License-for-icons.txt'), path.join(outDir, 'assets/icons/License-for-icons.txt')],
  ];
  for (const [from, to] of copies) {
    await mkdir(path.dirname(to), { recursive: true });
    await cp(from, to, { recursive: true });
  }
}

/**
 * Puts a content hash into the names of the script and stylesheets (app.<hash>.js, …) and into
 * index.html, so the server can let browsers cache them for a year as immutable: a new build is
 * new names. index.html itself is served with no-cache. The SLDS stylesheet stays in its folder
 * because it refers to its images and icons by relative URL.
 */
async function hashNames() {
  const files = ['app.js', 'page.css', 'assets/styles/salesforce-lightning-design-system.min.css'];
  let html = await readFile(path.join(outDir, 'index.html'), 'utf8');
  const named = {};
  for (const file of files) {
    const hash = createHash('sha256')
      .update(await readFile(path.join(outDir, file)))
      .digest('hex')
      .slice(0, 12);
    const hashed = file.replace(/(\.min)?\.(js|css)$/, (ext) => `.${hash}${ext}`);
    await rename(path.join(outDir, file), path.join(outDir, hashed));
    if (!html.includes(`"${file}"`)) throw new Error(`index.html does not refer to ${file}`);
    html = html.replace(`"${file}"`, `"${hashed}"`);
    named[file] = hashed;
  }
  await writeFile(path.join(outDir, 'index.html'), html);
  return named;
}

async function main() {
  const started = Date.now();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const [bytes] = await Promise.all([bundle(), copyAssets()]);
  const named = await hashNames();
  const components = (await componentModules()).length;
  const cssBytes = (await stat(path.join(outDir, named['assets/styles/salesforce-lightning-design-system.min.css']))).size;
  console.log(
    `build-page: ${components} c/ components + shell → ${path.relative(root, outDir)}/ ` +
      `(app.js ${(bytes / 1024).toFixed(0)} KB, SLDS ${(cssBytes / 1024).toFixed(0)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((error) => {
  console.error(`build-page failed: ${error.message}`);
  process.exitCode = 1;
});
