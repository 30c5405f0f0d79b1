import { CreateUsers1764000000000 } from './1764000000000-create-users';
import { CreateScheduling1764100000000 } from './1764100000000-create-scheduling';

/** Every migration, oldest first. A new one is appended here (npm run migration:create). */
export const MIGRATIONS = [CreateUsers1764000000000, CreateScheduling1764100000000];
