// npm run test:browser:mock — starts the mock platform on a free port, runs the browser
// test against it, stops the mock, and exits with the browser test's code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OUT_DIR, startMockServer } from './mock-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

if (!existsSync(path.join(DEFAULT_OUT_DIR, 'index.html'))) {
  console.error(`FAIL: ${path.relative(process.cwd(), DEFAULT_OUT_DIR) || DEFAULT_OUT_DIR}/index.html is missing: run "npm run build" first`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const mock = await startMockServer({ port: 0, host: '127.0.0.1' });
console.log(`mock platform at ${mock.url}`);
const child = spawn(process.execPath, [path.join(HERE, 'browser.mjs')], {
  stdio: 'inherit',
  env: { ...process.env, FLASHSALE_BASE_URL: mock.url },
});
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await mock.close();
process.exit(code);
