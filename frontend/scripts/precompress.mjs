// Writes a gzip copy (name.gz) beside every text file of the static export, once, at build time:
// edge-api serves it to browsers that accept gzip, so no answer is compressed per request.
// Usage: node scripts/precompress.mjs [dir] (default: out/). Run by "npm run build" (postbuild).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.html', '.js', '.css', '.txt', '.svg', '.json', '.map']);
// Below this a compressed copy saves less than the Content-Encoding header costs.
const MIN_BYTES = 1024;

/** Compresses every text file under `dir` worth compressing; answers how many copies it wrote. */
export function precompress(dir) {
  let written = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = statSync(file);
    if (stat.isDirectory()) {
      written += precompress(file);
    } else if (TEXT.has(path.extname(name)) && stat.size >= MIN_BYTES) {
      const packed = gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION });
      if (packed.length < stat.size) {
        writeFileSync(`${file}.gz`, packed);
        written += 1;
      }
    }
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out'));
  console.log(`precompressed ${precompress(dir)} file(s) in ${dir}`);
}
