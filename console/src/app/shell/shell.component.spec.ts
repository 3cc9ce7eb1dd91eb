import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { ConnectionStateService } from '../core/graphql/connection-state.service';
import {
  AttentionIntegrationEventsDocument,
  AttentionRunEventsDocument,
  DevMailCatcherEnabledDocument,
  NeedsAttentionBadgeDocument,
  ViewerDocument,
  ViewerQuery,
} from '../graphql/generated';
import { ShellComponent } from './shell.component';

const ADMIN: ViewerQuery = {
  __typename: 'Query',
  viewer: { __typename: 'Viewer', subject: 'admin-1', email: 'admin@demo.test', isAdmin: true, customer: null },
};
const ACME_OWNER: ViewerQuery = {
  __typename: 'Query',
  viewer: {
    __typename: 'Viewer',
    subject: 'owner-1',
    email: 'owner@acme.test',
    isAdmin: false,
    customer: { __typename: 'Customer', id: 'c-acme', name: 'Acme Outdoor', selfManagedIntegrationsAllowed: true },
  },
};

describe('ShellComponent', () => {
  beforeEach(() => sessionStorage.clear());
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule, ShellComponent],
      providers: [provideZonelessChangeDetection(), provideRouter([])],
    });
  });

  afterEach(() => {
    const controller = TestBed.inject(ApolloTestingController);
    // the badge's live updates stay subscribed for the page's life
    controller.match(AttentionRunEventsDocument);
    controller.match(AttentionIntegrationEventsDocument);
    controller.verify();
  });

  async function renderWith(data: ViewerQuery, devMailCatcher = false, attention = 0): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
    const controller = TestBed.inject(ApolloTestingController);
    controller.expectOne(ViewerDocument).flush({ data });
    controller.expectOne(NeedsAttentionBadgeDocument).flush({ data: { needsAttentionCount: attention } });
    await fixture.whenStable();
    // admins only: is the development mail catcher running?
    if (data.viewer.isAdmin) {
      controller.expectOne(DevMailCatcherEnabledDocument).flush({ data: { alertSettings: { __typename: 'AlertSettings', devMailCatcher } } });
      await new Promise((r) => setTimeout(r, 0));
      await fixture.whenStable();
    } else {
      controller.expectNone(DevMailCatcherEnabledDocument);
    }
    return fixture.nativeElement as HTMLElement;
  }

  function navLabels(root: HTMLElement): string[] {
    return [...root.querySelectorAll('nav[aria-label="Main"] a')].map((a) => a.textContent?.trim() ?? '');
  }

  it('shows a 3PL admin their name from the ID token, e-mail, the role "3PL admin" and every section', async () => {
    sessionStorage.setItem(
      'conveyor.auth.session',
      JSON.stringify({ accessToken: 't', idToken: 'i', expiresAt: Date.now() + 3_600_000, name: 'Avery Admin', email: 'admin@demo.test' }),
    );
    const root = await renderWith(ADMIN);

    expect(root.querySelector('[data-testid="viewer-name"]')?.textContent?.trim()).toBe('Avery Admin');
    expect(root.querySelector('[data-testid="viewer-role"]')?.textContent?.trim()).toBe('3PL admin');
    expect(root.querySelector('[data-testid="viewer-email"]')?.textContent?.trim()).toBe('admin@demo.test');
    expect(navLabels(root)).toEqual(['Customers', 'Integrations', 'Needs attention', 'Billing', 'Alerts']);
    expect(root.querySelector('[data-testid="attention-badge"]')).toBeNull();
  });

  it('carries the needs-attention count on its navigation link, named for screen readers', async () => {
    const root = await renderWith(ACME_OWNER, false, 7);
    const link = [...root.querySelectorAll('nav[aria-label="Main"] a')].find((a) => a.textContent?.includes('Needs attention'))!;
    expect(link.querySelector('[data-testid="attention-badge"]')?.textContent?.trim()).toBe('7');
    expect(link.getAttribute('aria-label')).toBe('Needs attention: 7 shipments');
  });

  it('shows admins "Mail (development)" only while the development mail catcher runs', async () => {
    const root = await renderWith(ADMIN, true);
    expect(navLabels(root)).toEqual(['Customers', 'Integrations', 'Needs attention', 'Billing', 'Alerts', 'Mail (development)']);
  });

  it("shows a customer user their customer's name and hides the admin-only sections", async () => {
    const root = await renderWith(ACME_OWNER);

    expect(root.querySelector('[data-testid="viewer-name"]')?.textContent?.trim()).toBe('owner@acme.test');
    expect(root.querySelector('[data-testid="viewer-role"]')?.textContent?.trim()).toBe('Acme Outdoor');
    expect(navLabels(root)).toEqual(['Integrations', 'Needs attention', 'Alerts']);
  });

  it('shows the reconnecting banner only while the live-updates socket is lost', async () => {
    const fixture = TestBed.createComponent(ShellComponent);
    TestBed.inject(ApolloTestingController).expectOne(ViewerDocument).flush({ data: ADMIN });
    TestBed.inject(ApolloTestingController).expectOne(NeedsAttentionBadgeDocument).flush({ data: { needsAttentionCount: 0 } });
    await fixture.whenStable();
    TestBed.inject(ApolloTestingController).match(DevMailCatcherEnabledDocument).forEach((op) => op.flush({ data: { alertSettings: { __typename: 'AlertSettings', devMailCatcher: false } } }));
    const connection = TestBed.inject(ConnectionStateService);
    const banner = () => (fixture.nativeElement as HTMLElement).querySelector('[role="status"]')?.textContent?.trim();

    connection.connected();
    await fixture.whenStable();
    expect(banner()).toBe('');

    connection.lost();
    await fixture.whenStable();
    expect(banner()).toBe('Live updates paused — reconnecting…');

    connection.connected();
    await fixture.whenStable();
    expect(banner()).toBe('');
  });
});
