// Builds the stylesheet and the browser scripts into public/build, and gives every asset the server names in its pages a
// content-hashed file name, so that a browser may keep it for a year: a change makes a new name. Each hashed file gets
// a brotli (.br) and a gzip (.gz) copy beside it, made here once at the highest quality, so the server never compresses
// an asset per request. public/build/manifest.json maps each asset's old URL path (under /assets/) to its hashed one.
// Quick to re-run: the stylesheet is compiled only when its source changed, and a hashed file already there is kept.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const publicDir = path.join(root, 'public');
const out = path.join(publicDir, 'build');
fs.mkdirSync(out, { recursive: true });

const newer = (source, target) => !fs.existsSync(target) || fs.statSync(source).mtimeMs > fs.statSync(target).mtimeMs;

// Another process (a second test run, say) may read public/build while this writes: it sees a whole file or none.
function writeAtomically(file, content) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

// Kept unhashed too: its modification time tells the next run whether the Sass needs compiling again (it takes seconds).
const scss = path.join(root, 'src/assets/hearth.scss');
const compiledCss = path.join(out, 'hearth.css');
if (newer(scss, compiledCss)) {
  // Imported only when needed: loading Sass alone takes longer than the rest of an up-to-date run.
  const sass = await import('sass');
  const result = sass.compile(scss, {
    loadPaths: [path.join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  writeAtomically(compiledCss, result.css);
}

/** [URL path under /assets/ that pages used before hashing, where its bytes come from]. Order matters: see below. */
const ASSETS = [
  ['build/govuk-frontend.min.js', 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js'],
  ['build/hearth.js', 'src/assets/hearth.js'],
  ['build/js-enabled.js', 'src/assets/js-enabled.js'],
  ['build/hearth.css', 'public/build/hearth.css'],
  ['hearth/logo.svg', 'public/hearth/logo.svg'],
  ['hearth/favicon.svg', 'public/hearth/favicon.svg'],
];

const HASH = /\.[0-9a-f]{12}(?=\.[a-z0-9]+$)/;

/** build/hearth.css with its hash → build/hearth.<hash>.css; hearth/logo.svg → build/hearth/logo.<hash>.svg. */
function hashedPath(logical, content) {
  const hash = crypto.createHash('sha256').update(content).digest('hex').slice(0, 12);
  const inBuild = logical.startsWith('build/') ? logical : `build/${logical}`;
  const ext = path.extname(inBuild);
  return `${inBuild.slice(0, -ext.length)}.${hash}${ext}`;
}

function compressedCopies(file, content) {
  const br = `${file}.br`;
  const gz = `${file}.gz`;
  if (!fs.existsSync(br)) {
    const params = {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    };
    writeAtomically(br, zlib.brotliCompressSync(content, { params }));
  }
  if (!fs.existsSync(gz)) writeAtomically(gz, zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION }));
}

const manifest = {};
for (const [logical, source] of ASSETS) {
  let content = fs.readFileSync(path.join(root, source));
  // hearth.js imports GOV.UK Frontend by a relative path: point it at the hashed file, which was hashed just before.
  if (logical.endsWith('.js')) {
    let text = content.toString('utf8');
    for (const [earlier, hashed] of Object.entries(manifest)) {
      if (path.dirname(earlier) === path.dirname(logical)) {
        text = text.replaceAll(`'./${path.basename(earlier)}'`, `'./${path.basename(hashed)}'`);
      }
    }
    content = Buffer.from(text, 'utf8');
  }
  const hashed = hashedPath(logical, content);
  const file = path.join(publicDir, hashed);
  if (!fs.existsSync(file)) writeAtomically(file, content);
  compressedCopies(file, content);
  manifest[logical] = hashed;
}

// Older hashed versions of these files are of no use to the server, which loads only what the manifest names.
const current = new Set(Object.values(manifest).flatMap((p) => [p, `${p}.br`, `${p}.gz`]));
function removeStale(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) removeStale(full);
    else if (HASH.test(entry.name.replace(/\.(br|gz)$/, '')) && !current.has(path.relative(publicDir, full).split(path.sep).join('/'))) {
      fs.rmSync(full, { force: true });
    }
  }
}
removeStale(out);

writeAtomically(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
