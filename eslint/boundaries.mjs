// @ts-check
// Lint rules that keep the house's shape (issue 16, STYLE.md "Small files, few arrows"): the
// dependency direction is web → libs and api → libs, never libs → apps, and every query sits in a
// repository. Each block below is one boundary; `npm run lint` fails the build when one is crossed.
import { builtinModules } from 'node:module';

/**
 * One `no-restricted-imports` setting from several lists. A file matched by two blocks gets the
 * later block's setting only (flat config replaces a rule's options), so each block states all of
 * its restrictions.
 * @param {...{ paths?: object[], patterns?: object[] }} lists
 */
function restrictImports(...lists) {
  return [
    'error',
    {
      paths: lists.flatMap((list) => list.paths ?? []),
      patterns: lists.flatMap((list) => list.patterns ?? []),
    },
  ];
}

// libs/ run in the browser too (the web app bundles contracts, scene, schedule); Web Crypto and URL
// are globals in Node and browsers alike, so pure code needs no node:crypto.
const nodeOnly =
  'A Node built-in ties this code to the server (the web app bundles it too). Use a web-standard global (crypto.randomUUID, URL, TextEncoder) or take the value as a parameter.';
const nodeBuiltins = {
  paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: nodeOnly })),
  patterns: [{ group: ['node:*'], message: nodeOnly }],
};

const serverPackages = {
  patterns: [
    {
      group: [
        '@nestjs/*',
        'typeorm',
        'typeorm-pglite',
        'pg',
        'express',
        'nodemailer',
        'socket.io',
        'redis',
        'argon2',
      ],
      message:
        'Server framework or database code belongs in apps/api; share pure logic and wire types through libs/.',
    },
  ],
};

const apiPackage = {
  patterns: [
    {
      group: ['@mockboard/api', '@mockboard/api/*'],
      message:
        'The API app is not a library: share wire types through @mockboard/contracts, logic through libs/.',
    },
  ],
};

const apiPaths = {
  patterns: [
    {
      // A relative path that lands in apps/api (src, test or build output); the web's own ../api/ folder passes.
      regex: '(^|/)(apps/api|api/(src|test|dist))(/|$)',
      message:
        'The API app is not a library: share wire types through @mockboard/contracts, logic through libs/.',
    },
  ],
};

const webPackage = {
  patterns: [
    {
      group: ['@mockboard/web', '@mockboard/web/*'],
      message: 'The web app is not a library: move what both sides need into libs/.',
    },
  ],
};

const webPaths = {
  patterns: [
    {
      // A relative path that lands in apps/web; the API's own ./web/ folder (serving the build) passes.
      regex: '(^|/)(apps/web|web/(src|e2e|dist|build))(/|$)',
      message: 'The web app is not a library: move what both sides need into libs/.',
    },
  ],
};

const appsAndFrameworks = {
  patterns: [
    {
      regex: '(^|/)apps(/|$)',
      message:
        'A lib never imports an app: the dependency goes apps → libs. Pass what the lib needs as a parameter.',
    },
    {
      group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'socket.io-client', '@excalidraw/*'],
      message:
        'libs/ hold pure logic with no UI or transport framework: keep the React, Excalidraw or socket part in the app.',
    },
  ],
};

const libsForbidden = [apiPackage, webPackage, serverPackages, appsAndFrameworks];
const webForbidden = [apiPackage, apiPaths, serverPackages];
const apiForbidden = [webPackage, webPaths];

/** Calls that run SQL or an ORM operation: they belong in a `*.repository.ts`. */
const ormOperations =
  '/^(find|findBy|findOne|findOneBy|findOneOrFail|findOneByOrFail|findAndCount|findAndCountBy|save|insert|update|upsert|delete|remove|softDelete|restore|count|countBy|exists|existsBy|increment|decrement|sum|average|minimum|maximum)$/';
const sqlWhere =
  'belongs in a *.repository.ts (issue 16): give that repository a method named for what it does and call it from here.';
const sqlOutsideRepositories = [
  { selector: "CallExpression[callee.property.name='query']", message: `Raw SQL ${sqlWhere}` },
  {
    selector: "CallExpression[callee.property.name='createQueryBuilder']",
    message: `A query builder ${sqlWhere}`,
  },
  {
    selector: "CallExpression[callee.property.name='getRepository']",
    message: `A TypeORM repository ${sqlWhere}`,
  },
  {
    selector: `CallExpression[callee.object.name=/^(manager|entityManager|em|dataSource)$/][callee.property.name=${ormOperations}]`,
    message: `An ORM call ${sqlWhere}`,
  },
  {
    selector: `CallExpression[callee.object.property.name=/^(manager|dataSource)$/][callee.property.name=${ormOperations}]`,
    message: `An ORM call ${sqlWhere}`,
  },
];

export const boundaryRules = [
  {
    // libs/ are pure: no app, no framework, no database, and (outside specs) nothing Node-only, so
    // the web app, the API and the benchmark can all use them.
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(...libsForbidden, nodeBuiltins) },
  },
  {
    // A lib's spec may read the shipped files it checks (node:fs); the other lib boundaries hold.
    files: ['libs/**/*.spec.ts'],
    rules: { 'no-restricted-imports': restrictImports(...libsForbidden) },
  },
  {
    // The browser bundle holds no server code: it talks to the API through HTTP, sockets and libs/contracts.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictImports(...webForbidden, nodeBuiltins) },
  },
  {
    // A web spec runs in Node and may read files from disk; the server boundary holds.
    files: ['apps/web/src/**/*.spec.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrictImports(...webForbidden) },
  },
  {
    // The API does not reach into the web app: what both sides need lives in libs/.
    files: ['apps/api/src/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(...apiForbidden) },
  },
  {
    // The API's tests drive it as its clients do, through libs/ (the room's client, the call, the
    // chat log), never the web app's code. The browser tests (apps/web/e2e) start the API in-process
    // and are not bound by this.
    files: ['apps/api/test/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(webPackage, webPaths) },
  },
  {
    // Controllers and gateways translate and call a service; they get no database handle or repository
    // to query with.
    files: ['apps/api/src/**/*.controller.ts', 'apps/api/src/**/*.gateway.ts'],
    rules: {
      'no-restricted-imports': restrictImports(...apiForbidden, {
        paths: [
          {
            name: 'typeorm',
            importNames: ['DataSource', 'EntityManager', 'Repository'],
            message:
              'A controller or gateway calls a service; the queries live in a *.repository.ts (issue 16).',
          },
        ],
        patterns: [
          {
            regex: '\\.repository$',
            message:
              'A controller or gateway calls a service, never a repository: add a service method (issue 16).',
          },
        ],
      }),
    },
  },
  {
    // Only repositories run SQL (issue 16): one place per table to read, index and test the queries.
    files: ['apps/api/src/**/*.ts'],
    ignores: [
      'apps/api/src/**/*.repository.ts',
      'apps/api/src/database/**', // the data source, its pool and the migrations
      'apps/api/src/**/*.spec.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', ...sqlOutsideRepositories] },
  },
];
