// Builds the stylesheet and copies the browser scripts into public/build. Quick to re-run: it skips up-to-date files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'public', 'build');
fs.mkdirSync(out, { recursive: true });

const newer = (source, target) => !fs.existsSync(target) || fs.statSync(source).mtimeMs > fs.statSync(target).mtimeMs;

const scss = path.join(root, 'src/assets/hearth.scss');
const css = path.join(out, 'hearth.css');
if (newer(scss, css)) {
  const result = sass.compile(scss, {
    loadPaths: [path.join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  fs.writeFileSync(css, result.css);
}

const copies = [
  ['node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js', 'govuk-frontend.min.js'],
  ['src/assets/hearth.js', 'hearth.js'],
];
for (const [from, to] of copies) {
  const source = path.join(root, from);
  const target = path.join(out, to);
  if (newer(source, target)) fs.copyFileSync(source, target);
}
