import { computed, inject } from '@angular/core';
import { ViewerStore } from '../shell/viewer.store';

/** Whether the signed-in user may change integrations of this customer (admins always; customer users when allowed). */
export function canManageSignal(allowed: () => boolean | null | undefined) {
  const store = inject(ViewerStore);
  return computed(() => store.isAdmin() || allowed() === true);
}

export const READ_ONLY_NOTE =
  'Your 3PL manages these integrations, so you can follow them here but not change them. To set up or change an integration, ask the account owner.';
