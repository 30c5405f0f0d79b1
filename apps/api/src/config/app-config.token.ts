/** The injection token of the validated AppConfig (its own file, so providers of ConfigModule can use it). */
export const APP_CONFIG = Symbol('APP_CONFIG');
