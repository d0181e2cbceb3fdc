import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Configuration } from '@azure/msal-browser';
import { createMicrosoftIdTokenProvider, type MsalPopupClient } from '../../src/oauth/microsoft.js';
import { isOAuthCancelled, OAuthCancelledError, parseOAuthProviders } from '../../src/oauth/types.js';

/** A PublicClientApplication stand-in: records its config and answers loginPopup with `answer`. */
function fakeMsal(answer: () => Promise<{ idToken: string }>) {
  const seen = { configs: [] as Configuration[], initialized: 0, popups: [] as unknown[] };
  const createClient = (config: Configuration): MsalPopupClient => {
    seen.configs.push(config);
    return {
      initialize: async () => {
        seen.initialized += 1;
      },
      loginPopup: (async (request: unknown) => {
        seen.popups.push(request);
        return answer();
      }) as MsalPopupClient['loginPopup'],
    };
  };
  return { seen, createClient };
}

describe('oauth: provider names', () => {
  it('parses oauth-providers: known names, in the order given, once each', () => {
    assert.deepEqual(parseOAuthProviders('google microsoft'), ['google', 'microsoft']);
    assert.deepEqual(parseOAuthProviders(' Microsoft,  GOOGLE google github'), ['microsoft', 'google']);
    assert.deepEqual(parseOAuthProviders(''), []);
    assert.deepEqual(parseOAuthProviders(null), []);
  });

  it('recognises a cancellation by class or by name (another copy of the module, a host error)', () => {
    assert.equal(isOAuthCancelled(new OAuthCancelledError('google')), true);
    assert.equal(isOAuthCancelled(Object.assign(new Error('closed'), { name: 'OAuthCancelledError' })), true);
    assert.equal(isOAuthCancelled(new Error('popup blocked')), false);
    assert.equal(isOAuthCancelled('OAuthCancelledError'), false);
  });
});

describe('oauth: Microsoft adapter (MSAL stubbed at PublicClientApplication)', () => {
  it('creates and initialises MSAL once, on first use, and returns the ID token', async () => {
    const { seen, createClient } = fakeMsal(async () => ({ idToken: 'id.token.jwt' }));
    const provider = createMicrosoftIdTokenProvider({ clientId: 'client-1', createClient });
    assert.equal(seen.configs.length, 0, 'nothing before the first call');
    assert.equal(await provider('microsoft'), 'id.token.jwt');
    assert.equal(await provider('microsoft'), 'id.token.jwt');
    assert.equal(seen.configs.length, 1);
    assert.equal(seen.initialized, 1);
    const [config] = seen.configs;
    assert.equal(config.auth.clientId, 'client-1');
    assert.equal(config.auth.authority, 'https://login.microsoftonline.com/common');
    assert.deepEqual(config.auth.knownAuthorities, []);
    assert.equal(config.cache?.cacheLocation, 'memoryStorage');
    assert.deepEqual(seen.popups[0], { scopes: ['openid', 'profile', 'email'], prompt: 'select_account' });
  });

  it('trusts a B2C authority host', async () => {
    const { seen, createClient } = fakeMsal(async () => ({ idToken: 't' }));
    const authority = 'https://contoso.b2clogin.com/contoso.onmicrosoft.com/B2C_1_signup';
    await createMicrosoftIdTokenProvider({
      clientId: 'c',
      authority,
      redirectUri: 'https://app.example/bridge.html',
      createClient,
    })('microsoft');
    assert.deepEqual(seen.configs[0].auth.knownAuthorities, ['contoso.b2clogin.com']);
    assert.equal(seen.configs[0].auth.redirectUri, 'https://app.example/bridge.html');
  });

  it('maps a closed popup (user_cancelled) and B2C’s AADB2C90091 to OAuthCancelledError; other errors pass through', async () => {
    const cases: [unknown, boolean][] = [
      [Object.assign(new Error('closed'), { errorCode: 'user_cancelled' }), true],
      [
        Object.assign(new Error('b2c'), {
          errorCode: 'access_denied',
          errorMessage: 'AADB2C90091: The user has cancelled.',
        }),
        true,
      ],
      [Object.assign(new Error('blocked'), { errorCode: 'popup_window_error' }), false],
    ];
    for (const [thrown, cancelled] of cases) {
      const { createClient } = fakeMsal(async () => {
        throw thrown;
      });
      const error = await createMicrosoftIdTokenProvider({ clientId: 'c', createClient })('microsoft').catch(
        (e: unknown) => e,
      );
      if (cancelled) {
        assert.ok(error instanceof OAuthCancelledError);
        assert.equal(error.provider, 'microsoft');
        assert.equal(error.cause, thrown);
      } else {
        assert.equal(error, thrown);
      }
    }
  });

  it('initialises again after a failed initialisation', async () => {
    let fail = true;
    let created = 0;
    const provider = createMicrosoftIdTokenProvider({
      clientId: 'c',
      createClient: () => {
        created += 1;
        return {
          initialize: async () => {
            if (fail) throw new Error('storage unavailable');
          },
          loginPopup: (async () => ({ idToken: 'ok' })) as MsalPopupClient['loginPopup'],
        };
      },
    });
    await assert.rejects(provider('microsoft'), /storage unavailable/);
    fail = false;
    assert.equal(await provider('microsoft'), 'ok');
    assert.equal(created, 2);
  });
});
