/**
 * Set-up of the api-postgres project (jest.config.js): CI's one Jest run holds the API tests twice,
 * on the embedded database and on API_TESTS_ALSO_ON_POSTGRES. Jest gives each test file its own
 * copy of process.env, so DATABASE_URL set here reaches only this project's files, which then run
 * exactly as they do when DATABASE_URL comes from outside (`npm run test:api` on PostgreSQL).
 */
const url = process.env.API_TESTS_ALSO_ON_POSTGRES;
if (!url) throw new Error('on-postgres.ts needs API_TESTS_ALSO_ON_POSTGRES (a postgresql:// URL)');
process.env.DATABASE_URL = url;
