import { ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { routes } from './app.routes';
import { RuntimeConfigService } from './core/config/runtime-config';
import { provideGraphql } from './core/graphql/apollo.providers';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // The server publishes the IdP and API settings; nothing is baked into the build.
    provideAppInitializer(() => inject(RuntimeConfigService).load().then(() => undefined)),
    provideRouter(routes, withComponentInputBinding()),
    provideGraphql(),
  ],
};
