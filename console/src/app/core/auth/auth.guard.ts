import { inject } from '@angular/core';
import { CanActivateFn } from '@angular/router';
import { AuthService } from './auth.service';

/** Lets signed-in users through; sends everyone else to the IdP, remembering where they wanted to go. */
export const authGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  if (auth.isAuthenticated()) return true;
  auth.login(state.url).catch((error: unknown) => console.error('Could not start sign-in', error));
  return false;
};
