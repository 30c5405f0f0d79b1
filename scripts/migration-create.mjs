// `npm run migration:create -- add-slots`: writes an empty, timestamped TypeORM migration and says
// where to register it. Schema changes go through migrations only (never `synchronize`).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
if (!name || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) {
  console.error('Usage: npm run migration:create -- <kebab-case-name>, e.g. add-slots');
  process.exit(1);
}
const timestamp = Date.now();
const className = name.replace(/(^|-)([a-z0-9])/g, (_, __, letter) => letter.toUpperCase()) + timestamp;
const file = join(
  fileURLToPath(new URL('..', import.meta.url)),
  'apps/api/src/database/migrations',
  `${timestamp}-${name}.ts`,
);
if (existsSync(file)) process.exit(1);
writeFileSync(
  file,
  `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`\`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`\`);
  }
}
`,
);
console.log(
  `Created ${file}\nAppend ${className} to MIGRATIONS in apps/api/src/database/migrations/index.ts.`,
);
