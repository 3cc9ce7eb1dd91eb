import { parseRuntimeConfig } from './runtime-config';

describe('parseRuntimeConfig', () => {
  it('accepts the configuration the server publishes', () => {
    const config = parseRuntimeConfig({
      oidcIssuer: 'http://localhost:4000/oidc',
      clientId: 'conveyor-console',
      audience: 'conveyor-api',
      authorizationParams: {},
      graphqlPath: '/graphql',
    });
    expect(config.graphqlPath).toBe('/graphql');
    expect(config.authorizationParams).toEqual({});
  });

  it('names every missing or malformed field at once', () => {
    expect(() => parseRuntimeConfig({ clientId: '', authorizationParams: { prompt: 1 } })).toThrow(
      /"oidcIssuer".*"clientId".*"audience".*"graphqlPath".*"authorizationParams\.prompt"/,
    );
  });
});
