import { InjectionToken, inject } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import * as oidc from 'openid-client';
import { RuntimeConfig } from '../config/runtime-config';

/** Discovers the OpenID Provider named in the runtime configuration (a seam for tests). */
export type OidcDiscovery = (config: RuntimeConfig) => Promise<oidc.Configuration>;

export const OIDC_DISCOVERY = new InjectionToken<OidcDiscovery>('OIDC_DISCOVERY', {
  providedIn: 'root',
  factory: () => (config) => {
    const issuer = new URL(config.oidcIssuer);
    // A public client: no client authentication, PKCE instead. http:// is only for the dev IdP.
    return oidc.discovery(issuer, config.clientId, undefined, oidc.None(), {
      execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
    });
  },
});

/** Leaves the single-page app for another URL (the IdP); replaced in tests. */
export const BROWSER_REDIRECT = new InjectionToken<(url: string) => void>('BROWSER_REDIRECT', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    return (url: string) => document.location.assign(url);
  },
});
