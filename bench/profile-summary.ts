import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reads the `.cpuprofile` files `node --cpu-prof` writes (one per thread: the main thread and every function's
 * worker) and says where each thread's time went, by package or project file. Frames inside a function bundle
 * are traced back through its source map, so a minified `index.mjs` reads as `@smithy/core` or
 * `lambdas/ingest/accept-webhook.ts`. Usage: `npx tsx bench/profile-summary.ts <dir> [rows]`.
 */

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
    readonly columnNumber: number;
  };
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a thread's sampled time went: total, idle, and the heaviest places by self time (ms). */
export interface ThreadSummary {
  readonly file: string;
  readonly totalMs: number;
  readonly idleMs: number;
  readonly top: readonly { readonly place: string; readonly ms: number }[];
}

const sourceMaps = new Map<string, SourceMap | undefined>();
function sourceMapOf(file: string): SourceMap | undefined {
  if (!sourceMaps.has(file)) {
    const mapFile = `${file}.map`;
    sourceMaps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : undefined);
  }
  return sourceMaps.get(file);
}

/** A frame's place: `npm:<package>` for dependencies, the project-relative path for the project's own code. */
export function placeOf(frame: ProfileNode['callFrame'], projectRoot: string): string {
  if (!frame.url) return frame.functionName || '(native)';
  if (frame.url.startsWith('node:')) return `node:${frame.url.slice(5).split('/').slice(0, 3).join('/')}`;
  let file = frame.url.startsWith('file:') ? fileURLToPath(frame.url) : frame.url;
  const original = sourceMapOf(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (original && 'originalSource' in original) {
    const source = original.originalSource;
    file = source.startsWith('file:') ? fileURLToPath(source) : path.resolve(path.dirname(file), source);
  }
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  return dependency ? `npm:${dependency[1]}` : path.relative(projectRoot, file);
}

/** Sums one profile's self time by place. */
export function summarizeProfile(file: string, projectRoot: string, rows = 12): ThreadSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const placeById = new Map(profile.nodes.map((node) => [node.id, placeOf(node.callFrame, projectRoot)]));
  const byPlace = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    totalMs += ms;
    const place = placeById.get(id) ?? '(unknown)';
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
  });
  const top = [...byPlace]
    .filter(([place]) => place !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([place, ms]) => ({ place, ms: Math.round(ms) }));
  return {
    file: path.basename(file),
    totalMs: Math.round(totalMs),
    idleMs: Math.round(byPlace.get('(idle)') ?? 0),
    top,
  };
}

function main(): void {
  const [directory, rows] = process.argv.slice(2);
  if (!directory) throw new Error('usage: tsx bench/profile-summary.ts <directory of .cpuprofile files> [rows]');
  const projectRoot = path.resolve(__dirname, '..');
  const files = readdirSync(directory).filter((name) => name.endsWith('.cpuprofile'));
  const summaries = files.map((name) => summarizeProfile(path.join(directory, name), projectRoot, Number(rows ?? 12)));
  for (const summary of summaries.sort((a, b) => b.totalMs - b.idleMs - (a.totalMs - a.idleMs))) {
    console.log(`${summary.file}: busy ${summary.totalMs - summary.idleMs} ms of ${summary.totalMs} ms`);
    for (const { place, ms } of summary.top) console.log(`  ${String(ms).padStart(7)} ms  ${place}`);
  }
}

if (require.main === module) main();
