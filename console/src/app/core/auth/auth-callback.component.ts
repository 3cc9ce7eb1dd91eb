import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { AuthService } from './auth.service';

/** `/auth/callback`: finishes the authorization-code exchange, then returns to the wanted page. */
@Component({
  selector: 'cv-auth-callback',
  imports: [MatButtonModule, MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="callback">
      @if (error(); as message) {
        <h1>Sign-in did not complete</h1>
        <p role="alert">{{ message }}</p>
        <button mat-flat-button type="button" (click)="retry()">Sign in again</button>
      } @else {
        <mat-progress-spinner mode="indeterminate" diameter="40" aria-label="Signing in" />
        <p role="status">Signing you in…</p>
      }
    </main>
  `,
  styles: `
    .callback {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 16px;
      padding: 96px 24px;
      text-align: center;
    }
  `,
})
export class AuthCallbackComponent implements OnInit {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  protected readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      const returnUrl = await this.auth.completeLogin(this.document.location.href);
      await this.router.navigateByUrl(returnUrl, { replaceUrl: true });
    } catch (error) {
      console.error('Sign-in failed', error);
      this.error.set(describe(error));
    }
  }

  protected retry(): void {
    this.auth.login('/').catch((error: unknown) => this.error.set(describe(error)));
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const description = (error as Error & { error_description?: unknown }).error_description;
    return typeof description === 'string' && description ? description : error.message;
  }
  return 'Unknown error';
}
