import * as oidc from 'openid-client';
import { RuntimeConfig } from '../app/core/config/runtime-config';

export const TEST_RUNTIME_CONFIG: RuntimeConfig = {
  oidcIssuer: 'https://idp.test/oidc',
  clientId: 'conveyor-console',
  audience: 'conveyor-api',
  authorizationParams: {},
  graphqlPath: '/graphql',
};

/** An OpenID Provider described in memory: no discovery request leaves the test. */
export function testOidcConfiguration(): oidc.Configuration {
  return new oidc.Configuration(
    {
      issuer: TEST_RUNTIME_CONFIG.oidcIssuer,
      authorization_endpoint: 'https://idp.test/oidc/auth',
      token_endpoint: 'https://idp.test/oidc/token',
      end_session_endpoint: 'https://idp.test/oidc/session/end',
    },
    TEST_RUNTIME_CONFIG.clientId,
    undefined,
    oidc.None(),
  );
}
