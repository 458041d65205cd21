// Fails when src/generated/ is not what `npm run generate` makes from openapi/openapi.yaml.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'torre-sdk-'));
try {
  const fresh = join(dir, 'openapi.ts');
  execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', '../../openapi/openapi.yaml', '--output', fresh], { stdio: 'pipe' });
  const committed = readFileSync('src/generated/openapi.ts', 'utf8');
  if (readFileSync(fresh, 'utf8') !== committed) {
    console.error('src/generated/openapi.ts is stale: run `npm run generate` in clients/typescript and commit it');
    process.exit(1);
  }
  console.log('generated SDK types match openapi/openapi.yaml');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
