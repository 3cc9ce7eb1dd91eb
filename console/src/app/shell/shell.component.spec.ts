import { TestBed } from '@angular/core/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { provideRouter } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { ConnectionStateService } from '../core/graphql/connection-state.service';
import { DevMailCatcherEnabledDocument, ViewerDocument, ViewerQuery } from '../graphql/generated';
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

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  async function renderWith(data: ViewerQuery, devMailCatcher = false): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
    const controller = TestBed.inject(ApolloTestingController);
    controller.expectOne(ViewerDocument).flush({ data });
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
    expect(navLabels(root)).toEqual(['Customers', 'Integrations', 'Billing', 'Alerts']);
  });

  it('shows admins "Mail (development)" only while the development mail catcher runs', async () => {
    const root = await renderWith(ADMIN, true);
    expect(navLabels(root)).toEqual(['Customers', 'Integrations', 'Billing', 'Alerts', 'Mail (development)']);
  });

  it("shows a customer user their customer's name and hides the admin-only sections", async () => {
    const root = await renderWith(ACME_OWNER);

    expect(root.querySelector('[data-testid="viewer-name"]')?.textContent?.trim()).toBe('owner@acme.test');
    expect(root.querySelector('[data-testid="viewer-role"]')?.textContent?.trim()).toBe('Acme Outdoor');
    expect(navLabels(root)).toEqual(['Integrations', 'Alerts']);
  });

  it('shows the reconnecting banner only while the live-updates socket is lost', async () => {
    const fixture = TestBed.createComponent(ShellComponent);
    TestBed.inject(ApolloTestingController).expectOne(ViewerDocument).flush({ data: ADMIN });
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
