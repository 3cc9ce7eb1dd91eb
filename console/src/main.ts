import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';

bootstrapApplication(App, appConfig).catch((error: unknown) => {
  console.error(error);
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.className = 'startup-error';
  message.textContent = `Conveyor could not start: ${error instanceof Error ? error.message : String(error)}`;
  document.body.append(message);
});
