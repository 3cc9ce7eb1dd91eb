import { Signal, effect, untracked } from '@angular/core';
import type { IntegrationSetupFragment } from '../../../graphql/generated';

/**
 * Fills a step's form from the integration each time a different one arrives (the one the page loaded, or
 * the draft step 1 created) — not after every save, so what the user changed in another step stays.
 * Call in an injection context (a constructor or field initialiser).
 */
export function fillFrom(integration: Signal<IntegrationSetupFragment | null>, fill: (integration: IntegrationSetupFragment) => void): void {
  let filled: string | null = null;
  effect(() => {
    const current = integration();
    if (!current || current.id === filled) return;
    filled = current.id;
    untracked(() => fill(current));
  });
}

/** Runs `then` each time the stepper opens this step. Call in an injection context. */
export function whenOpened(selected: Signal<boolean>, then: () => void): void {
  effect(() => {
    if (selected()) untracked(then);
  });
}
