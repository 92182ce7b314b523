import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sendEncoded, tagsFor, type EncodedCopies, type EncodedTags } from './compression.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PUBLIC = path.join(root, 'public');
const MANIFEST = path.join(PUBLIC, 'build', 'manifest.json');
const GOVUK_ASSETS = path.join(root, 'node_modules/govuk-frontend/dist/govuk/assets');

// A hashed name changes whenever its bytes do, so a browser may keep it for a year without asking again.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The old unhashed names (and GOV.UK Frontend's files) may change under the same name at the next release.
const REVALIDATE_HOURLY = 'public, max-age=3600';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

interface StaticFile {
  copies: EncodedCopies;
  contentType: string;
  cacheControl: string;
  etags: EncodedTags;
}

export interface StaticAssets {
  /** The URL to put in a page for an asset named by its old path under /assets/: `url('build/hearth.css')`. */
  url(name: string): string;
  /** Every file served under /assets/, by its path below /assets/. */
  files: ReadonlyMap<string, StaticFile>;
}

export class AssetsNotBuilt extends Error {}

function fileFor(copies: EncodedCopies, name: string, cacheControl: string): StaticFile {
  return { copies, contentType: TYPES[path.extname(name)] ?? 'application/octet-stream', cacheControl, etags: tagsFor(copies.identity) };
}

function readIfThere(file: string): Buffer | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
}

function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const name = `${prefix}${entry.name}`;
    return entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${name}/`) : [name];
  });
}

/**
 * Reads every asset into memory, once. scripts/build-assets.mjs wrote each hashed file with its .br and .gz beside it,
 * and a manifest from the old names to the hashed ones; both names are served, from the same bytes.
 */
function readAssets(): StaticAssets {
  if (!fs.existsSync(MANIFEST)) {
    throw new AssetsNotBuilt(`The stylesheet and scripts are not built (no ${path.relative(root, MANIFEST)}): run npm run build:assets.`);
  }
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Record<string, string>;
  const files = new Map<string, StaticFile>();
  for (const [name, hashed] of Object.entries(manifest)) {
    const file = path.join(PUBLIC, hashed);
    const copies: EncodedCopies = { identity: fs.readFileSync(file), br: readIfThere(`${file}.br`), gzip: readIfThere(`${file}.gz`) };
    files.set(hashed, fileFor(copies, hashed, IMMUTABLE));
    // Pages from before hashing, and anything outside Hearth that links to the stylesheet or the logo, keep working.
    files.set(name, fileFor(copies, name, REVALIDATE_HOURLY));
  }
  // GOV.UK Frontend's own images and fonts, where its stylesheet expects them. Hearth's pages use none of them.
  for (const name of filesUnder(GOVUK_ASSETS)) {
    files.set(`govuk/${name}`, fileFor({ identity: fs.readFileSync(path.join(GOVUK_ASSETS, name)) }, name, REVALIDATE_HOURLY));
  }
  return {
    url(name) {
      const hashed = manifest[name];
      if (!hashed) throw new Error(`No asset named ${name} in ${path.relative(root, MANIFEST)}: add it to scripts/build-assets.mjs.`);
      return `/assets/${hashed}`;
    },
    files,
  };
}

let loaded: StaticAssets | undefined;

/** The assets as built, read from disk the first time only: every app in this process serves the same files. */
export function staticAssets(): StaticAssets {
  return (loaded ??= readAssets());
}

/** Built CSS and scripts, Hearth's images, and GOV.UK Frontend's images, all under /assets, all from memory. */
export function setUpStaticFiles(app: FastifyInstance, assets: StaticAssets) {
  app.get<{ Params: { '*': string } }>('/assets/*', { config: { access: 'public', compress: false } }, async (request, reply) => {
    const file = assets.files.get(request.params['*']);
    if (!file) return reply.callNotFound();
    reply.header('cache-control', file.cacheControl);
    return sendEncoded(request, reply, file.copies, file.etags, file.contentType);
  });
}
