import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { precompress } from '../../scripts/precompress.mjs';

test('precompress writes a gzip copy of each text file worth it, and of nothing else', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'precompress-'));
  try {
    const chunk = path.join(dir, '_next', 'static', 'chunks', 'app.js');
    mkdirSync(path.dirname(chunk), { recursive: true });
    writeFileSync(chunk, "console.log('a flash sale');\n".repeat(100));
    writeFileSync(path.join(dir, 'tiny.css'), 'a{}');
    writeFileSync(path.join(dir, 'image.png'), Buffer.alloc(4096));

    assert.equal(precompress(dir), 1);
    assert.equal(gunzipSync(readFileSync(`${chunk}.gz`)).toString(), readFileSync(chunk).toString());
    assert.equal(existsSync(path.join(dir, 'tiny.css.gz')), false);
    assert.equal(existsSync(path.join(dir, 'image.png.gz')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
