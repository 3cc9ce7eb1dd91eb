// What component tests do to the page as a user would: find a field by its label, type, click, pick.
import type { ComponentFixture } from '@angular/core/testing';

/** Lets pending promises, timers and change detection run (zoneless: nothing else does it for the test). */
export async function settle(fixture: Pick<ComponentFixture<unknown>, 'whenStable'>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
}

/** The `<mat-form-field>` whose label reads `label`. */
export function formField(root: HTMLElement, label: string): HTMLElement {
  const found = [...root.querySelectorAll<HTMLElement>('mat-form-field')].find((f) => f.querySelector('mat-label')?.textContent?.trim() === label);
  if (!found) throw new Error(`no field labelled "${label}"`);
  return found;
}

/** Types into the input labelled `label` and leaves it, as a user would. */
export function typeInto(root: HTMLElement, label: string, value: string): void {
  const input = formField(root, label).querySelector('input')!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('blur'));
}

/** The button whose text is `text`, or undefined. */
export function buttonNamed(root: HTMLElement, text: string): HTMLButtonElement | undefined {
  return [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text);
}

export function click(root: HTMLElement, text: string): void {
  const button = buttonNamed(root, text);
  if (!button) throw new Error(`no button "${text}"`);
  button.click();
}

/** Picks `option` in the Material select labelled `label` (its options open in an overlay panel). */
export async function choose(root: HTMLElement, label: string, option: string, settled: () => Promise<void>): Promise<void> {
  const select = formField(root, label).querySelector<HTMLElement>('mat-select')!;
  select.querySelector<HTMLElement>('.mat-mdc-select-trigger')!.click();
  await settled();
  const panel = document.getElementById(select.getAttribute('aria-controls') ?? '');
  const found = [...(panel?.querySelectorAll<HTMLElement>('mat-option') ?? [])].find((o) => o.textContent?.trim() === option);
  if (!found) throw new Error(`no option "${option}" in ${label}`);
  found.click();
  await settled();
}
