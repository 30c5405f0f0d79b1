import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './app-config';
import { APP_CONFIG } from './app-config.token';
import { PublicUrl } from './public-url';

export { APP_CONFIG };

/** Makes the validated configuration injectable everywhere as `@Inject(APP_CONFIG)`, and PublicUrl. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, PublicUrl],
      exports: [APP_CONFIG, PublicUrl],
    };
  }
}
