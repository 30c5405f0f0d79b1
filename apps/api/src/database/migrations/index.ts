import { CreateUsers1764000000000 } from './1764000000000-create-users';

/** Every migration, oldest first. A new one is appended here (npm run migration:create). */
export const MIGRATIONS = [CreateUsers1764000000000];
