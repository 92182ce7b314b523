// Where the time went in a V8 .cpuprofile (as `node --cpu-prof` writes): the functions with the most self time, the
// ones with the most total time (themselves and what they call), and self time by package.
//   npx tsx bench/profile-summary.ts <file.cpuprofile> [rows]
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function where(url: string): string {
  if (!url) return '';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.relative(ROOT, file) || file;
}

/** A package name for node_modules code, the file for Hearth's own, or what V8 calls it ("(garbage collector)"). */
function owner(node: ProfileNode): string {
  const file = where(node.callFrame.url);
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inModules) return inModules[1]!;
  if (file.startsWith('node:') || (!file && !node.callFrame.functionName.startsWith('('))) return 'node internals';
  return file || node.callFrame.functionName;
}

export function summarise(profile: CpuProfile, rows = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const key = (node: ProfileNode) => {
    const file = where(node.callFrame.url);
    return `${node.callFrame.functionName || '(anonymous)'}${file ? ` ${file}:${node.callFrame.lineNumber + 1}` : ''}`;
  };

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    all += ms;
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    byOwner.set(owner(node), (byOwner.get(owner(node)) ?? 0) + ms);
    // A recursive function counts once per sample.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = key(byId.get(at)!);
      if (!seen.has(k)) total.set(k, (total.get(k) ?? 0) + ms);
      seen.add(k);
    }
  });

  const table = (title: string, figures: Map<string, number>) => {
    const top = [...figures].sort((a, b) => b[1] - a[1]).slice(0, rows);
    const lines = top.map(([name, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((ms / all) * 100).toFixed(1).padStart(5)}%  ${name}`);
    return [`${title}`, ...lines].join('\n');
  };
  return [
    `${all.toFixed(0)} ms sampled`,
    table('Self time by package or file', byOwner),
    table('Self time', self),
    table('Total time', total),
  ].join('\n\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [file, rows] = process.argv.slice(2);
  if (!file) {
    console.error('Usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [rows]');
    process.exitCode = 2;
  } else {
    console.log(summarise(JSON.parse(await fs.readFile(file, 'utf8')) as CpuProfile, Number(rows ?? 25)));
  }
}
