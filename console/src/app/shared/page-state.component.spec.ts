import { TestBed } from '@angular/core/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { PageStateComponent } from './page-state.component';

@Component({
  selector: 'cv-page-state-host',
  imports: [PageStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<cv-page-state [kind]="kind()" (retry)="retries.set(retries() + 1)">The words for this state</cv-page-state>`,
})
class HostComponent {
  readonly kind = signal<'loading' | 'error' | 'empty'>('loading');
  readonly retries = signal(0);
}

describe('PageStateComponent', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [HostComponent], providers: [provideZonelessChangeDetection()] }));

  it('shows its words in every state, as a status while loading and an alert with "Try again" on error', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    const root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    expect(root.querySelector('[role="status"]')?.textContent).toContain('The words for this state');

    fixture.componentInstance.kind.set('error');
    await fixture.whenStable();
    const alert = root.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('The words for this state');
    alert.querySelector('button')!.click();
    expect(fixture.componentInstance.retries()).toBe(1);

    fixture.componentInstance.kind.set('empty');
    await fixture.whenStable();
    expect(root.querySelector('.empty')?.textContent).toContain('The words for this state');
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });
});
