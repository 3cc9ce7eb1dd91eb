import { inject } from '@angular/core';
import { CanMatchFn, Router } from '@angular/router';
import { catchError, map, of } from 'rxjs';
import { ViewerGQL } from '../graphql/generated';

/** Admin-only sections (Customers, Billing): other users are sent to the home page. */
export const adminGuard: CanMatchFn = () => {
  const router = inject(Router);
  return inject(ViewerGQL)
    .fetch()
    .pipe(
      map((result) => (result.data?.viewer.isAdmin ? true : router.parseUrl('/'))),
      catchError(() => of(router.parseUrl('/'))),
    );
};
