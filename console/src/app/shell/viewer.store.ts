import { Injectable, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';
import { ViewerGQL } from '../graphql/generated';
import { AuthService } from '../core/auth/auth.service';

/** The signed-in user as the API sees them (`query Viewer`), shared by the shell and pages. */
@Injectable({ providedIn: 'root' })
export class ViewerStore {
  private readonly auth = inject(AuthService);
  private readonly result = toSignal(
    inject(ViewerGQL)
      .watch()
      .valueChanges.pipe(
        map((r) => ({
          viewer: r.dataState === 'complete' ? r.data.viewer : null,
          loading: r.loading,
          error: r.error ? r.error.message : null,
        })),
      ),
    { initialValue: { viewer: null, loading: true, error: null } },
  );

  readonly viewer = computed(() => this.result().viewer);
  readonly loading = computed(() => this.result().loading);
  readonly error = computed(() => this.result().error);
  readonly isAdmin = computed(() => this.viewer()?.isAdmin === true);

  /** The person's name from the ID token, else their e-mail, else the token subject. */
  readonly displayName = computed(() => {
    const profile = this.auth.profile();
    const viewer = this.viewer();
    return profile?.name || viewer?.email || profile?.email || viewer?.subject || '';
  });

  /** The e-mail address, unless it is already what `displayName` shows. */
  readonly email = computed(() => {
    const email = this.viewer()?.email ?? this.auth.profile()?.email ?? null;
    return email && email !== this.displayName() ? email : null;
  });

  /** "3PL admin" for administrators, otherwise the customer the user belongs to. */
  readonly roleLabel = computed(() => {
    const viewer = this.viewer();
    if (!viewer) return '';
    if (viewer.isAdmin) return '3PL admin';
    return viewer.customer?.name ?? 'No customer assigned';
  });
}
