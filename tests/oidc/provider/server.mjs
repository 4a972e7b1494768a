// A real OpenID Connect provider for the portal's tests: panva's certified oidc-provider on the loopback.
//
// Usage: node server.mjs CONFIG.json — the file names the port, the clients and the people who may sign in:
//   {"port": 4011, "clients": [{client_id, client_secret, redirect_uris, post_logout_redirect_uris}],
//    "accounts": {"somchai": {"pid": "…", "ial": "2.3", "email": "…", "amr": ["pwd"], "acr": "…"}}}
// It signs ID tokens with an RSA key made at start. Two clients misbehave on purpose, as an attacker in the middle
// or a slow network would: "tamper-*" clients receive ID tokens whose payload was changed after signing, and
// "expiring-*" clients receive ID tokens, properly signed, that expired a minute before they were issued.
// Prints "READY <issuer>" on stdout once it listens.
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const issuer = `http://127.0.0.1:${config.port}`;
const accounts = config.accounts;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' };

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><h1>${escape(title)}</h1>${body}</body></html>`;

const provider = new Provider(issuer, {
  clients: config.clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    ...client,
  })),
  jwks: { keys: [signingKey] },
  claims: {
    // acr and amr say how the person signed in (RFC 8176); the portal counts "mfa" as a second factor.
    openid: ['sub', 'acr', 'amr', 'auth_time'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    thaid: ['pid', 'ial'],
  },
  // Claims asked for by scope go into the ID token too, as ThaID sends them.
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    const person = accounts[id];
    if (!person) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, pid: person.pid, ial: person.ial, email: person.email, email_verified: true, name: person.name };
      },
    };
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = page('ออกจากระบบผู้ให้บริการยืนยันตัวตน', `${form}
          <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out', '<p>Signed out.</p>');
      },
    },
  },
  pkce: { required: () => true },
  // First-party clients: no consent screen, every asked-for scope is granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.params.scope);
    await grant.save();
    return grant;
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', `<pre>${escape(JSON.stringify(out))}</pre>`);
  },
});

// The attacker in the middle rewrites the ID token's payload after the provider signed it; the clock-skewed
// provider issues one already expired, signed with its own key.
provider.use(async (ctx, next) => {
  await next();
  const clientId = ctx.oidc?.client?.clientId || '';
  if (ctx.path !== '/token' || !ctx.body?.id_token) return;
  const [header, payload, signature] = ctx.body.id_token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const encode = (object) => Buffer.from(JSON.stringify(object)).toString('base64url');
  if (clientId.startsWith('tamper-')) {
    ctx.body = { ...ctx.body, id_token: [header, encode({ ...claims, ial: '3' }), signature].join('.') };
  } else if (clientId.startsWith('expiring-')) {
    const input = `${header}.${encode({ ...claims, exp: claims.iat - 60 })}`;
    ctx.body = { ...ctx.body, id_token: `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}` };
  }
});

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

// The sign-in screen: the person types who they are (the test accounts above); nothing else is asked.
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'POST') {
    const form = await readForm(req);
    const accountId = form.get('login');
    const person = accounts[accountId];
    if (!person) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('ThaID', `<p id="error">Unknown account</p>`));
      return;
    }
    const result = { login: { accountId, amr: person.amr || ['pwd'], ...(person.acr ? { acr: person.acr } : {}) } };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page('ThaID', `<p>${escape(details.params.client_id)}</p>
    <form method="post" action="/interaction/${escape(details.uid)}">
      <label>Account <input name="login" autofocus></label>
      <button type="submit" id="provider-sign-in">Sign in</button>
    </form>`));
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    if (req.url.startsWith('/interaction/')) {
      await interaction(req, res);
    } else {
      callback(req, res);
    }
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
});
server.listen(config.port, '127.0.0.1', () => {
  console.log(`READY ${issuer}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
