import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/database/data-source';

/**
 * A fresh embedded database costs PGlite's initdb plus every migration: 7-14 s per test app on
 * this 2-core machine, against about 1 s to copy an already migrated one and open it. So the
 * migrations run once into a template that every test app copies. The template lives in the
 * temp folder under a hash of everything that shapes it (the database code, every migration,
 * the PGlite build, the schema), so a new or edited migration builds a new one by itself.
 */
const REPO_ROOT = resolve(__dirname, '../../../..');
// In memory when Jest's config chose so (scripts/jest-temp-dir.js), kept apart from each run's temp folder.
const TEMPLATES_DIR = process.env.MOCKBOARD_TEST_TEMPLATES ?? join(tmpdir(), 'mockboard-test-templates');
const DATABASE_CODE = join(REPO_ROOT, 'apps/api/src/database');
const PGLITE_PACKAGE = join(REPO_ROOT, 'node_modules/@electric-sql/pglite/package.json');

/**
 * Appended to the template's postgresql.conf, so every test database starts with it. With
 * PostgreSQL's default 128 MB of shared buffers, PGlite.create took 0.65-1.27 s (1.3-1.6 s of CPU)
 * on a 2-core VM, against ~0.35 s (0.45 s of CPU) with 16 MB (6 Dec 2026), most of the difference
 * in one WebAssembly function while its memory grew to 188 MB instead of 128. Most test databases
 * fit; the few larger ones (whiteboard-budget's ~10 MB log) spill to their files, correct but a
 * little slower. Deployments keep the default.
 */
const TEST_SETTINGS = `
# Test databases only (apps/api/test/support/embedded-template.ts): a faster start.
shared_buffers = 16MB
`;

/** Fills `pgliteDir` (which must not exist yet) with a migrated embedded database in `schema`. */
export async function copyMigratedTemplate(pgliteDir: string, schema: string): Promise<void> {
  const template = await migratedTemplate(schema);
  // cp(1) copies the ~1,100 small files for a tenth of the CPU that Node 20's fs.cp spends.
  await promisify(execFile)('cp', ['-R', template, pgliteDir]);
}

async function migratedTemplate(schema: string): Promise<string> {
  const dir = join(TEMPLATES_DIR, templateKey(schema));
  const pgliteDir = join(dir, 'pglite');
  if (existsSync(pgliteDir)) return pgliteDir;
  // Built aside and renamed into place: a folder under its final name is always complete. Two
  // workers may both build the first time; the second rename fails and that copy is dropped.
  await mkdir(TEMPLATES_DIR, { recursive: true });
  const building = await mkdtemp(join(TEMPLATES_DIR, 'building-'));
  try {
    const dataSource = await openDatabase({ kind: 'embedded', dataDir: join(building, 'pglite'), schema });
    await dataSource.destroy();
    await appendFile(join(building, 'pglite', 'postgresql.conf'), TEST_SETTINGS);
    await rename(building, dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
  return pgliteDir;
}

function templateKey(schema: string): string {
  const hash = createHash('sha256')
    .update(`schema ${schema}\n${TEST_SETTINGS}`)
    .update(readFileSync(PGLITE_PACKAGE));
  for (const file of filesUnder(DATABASE_CODE))
    hash.update(`${relative(REPO_ROOT, file)}\n`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
