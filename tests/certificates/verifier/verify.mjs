// Verifies an Open Badges 3.0 credential as a wallet would, with Digital Bazaar's implementation (not the portal's):
// @digitalbazaar/vc, the eddsa-rdfc-2022 Data Integrity cryptosuite and the Bitstring Status List.
//
//   node verify.mjs --credential FILE [--key z6Mk…] [--base http://host:port] [--document URL=FILE]…
//                   [--context URL=FILE]…
//
// --key       trust this published key for the proof's verification method and the credential's issuer (the key
//             given directly); without it the key and its controller are resolved from the issuer's documents.
// --base      documents under this origin are fetched over HTTP (the portal's live test server).
// --document  a document already written to a file (for instance a status list), served for its URL.
// --context   a JSON-LD context not shipped with the npm packages here (Open Badges 3.0.3), from the official copy.
// Prints {"verified": …, "error": …, "status": {"revocation": true|false|null, "suspension": …}} on stdout.
import {readFileSync} from 'node:fs';

import * as vc from '@digitalbazaar/vc';
import {contexts as credentialsContexts} from '@digitalbazaar/credentials-context';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {contexts as didContexts} from 'did-context';
import {contexts as multikeyContexts} from '@digitalbazaar/multikey-context';
import {contexts as securityContexts} from '@digitalbazaar/security-context';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';

function parseArgs(argv) {
  const options = {documents: new Map(), contexts: new Map()};
  for(let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if(name === '--credential') {
      options.credential = value;
    } else if(name === '--key') {
      options.key = value;
    } else if(name === '--base') {
      options.base = value.replace(/\/$/, '');
    } else if(name === '--document' || name === '--context') {
      const at = value.indexOf('=');
      const target = name === '--document' ? options.documents : options.contexts;
      target.set(value.slice(0, at), JSON.parse(readFileSync(value.slice(at + 1), 'utf8')));
    } else {
      throw new Error(`unknown option ${name}`);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const credential = JSON.parse(readFileSync(options.credential, 'utf8'));
const issuerId = typeof credential.issuer === 'object' ? credential.issuer.id : credential.issuer;
const proofs = [].concat(credential.proof || []);
const verificationMethodId = proofs.length ? proofs[0].verificationMethod : undefined;

const knownContexts = new Map([
  ...credentialsContexts, ...didContexts, ...multikeyContexts, ...securityContexts, ...options.contexts
]);
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
const DID_V1 = 'https://www.w3.org/ns/did/v1';

async function fetchJson(url) {
  const response = await fetch(url, {headers: {accept: 'application/ld+json, application/json'}});
  if(!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}`);
  }
  return response.json();
}

// A URL with a fragment names a node of the document at the URL without it (a key in its controller document).
function dereferenceFragment(document, url) {
  const nodes = [].concat(document.verificationMethod || [], document.assertionMethod || []);
  const node = nodes.find(candidate => typeof candidate === 'object' && candidate.id === url);
  if(!node) {
    throw new Error(`${url} is not in the document it names`);
  }
  return {'@context': document['@context'], ...node};
}

async function documentLoader(url) {
  if(knownContexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: knownContexts.get(url)};
  }
  if(options.key && url === verificationMethodId) {
    return {contextUrl: null, documentUrl: url, document: {
      '@context': MULTIKEY_V1, id: url, type: 'Multikey', controller: issuerId, publicKeyMultibase: options.key
    }};
  }
  if(options.key && url === issuerId) {
    return {contextUrl: null, documentUrl: url, document: {
      '@context': [DID_V1, MULTIKEY_V1], id: issuerId, assertionMethod: [verificationMethodId]
    }};
  }
  const [withoutFragment, fragment] = url.split('#');
  let document = options.documents.get(withoutFragment);
  if(!document && options.base && url.startsWith(options.base + '/')) {
    document = await fetchJson(withoutFragment);
  }
  if(!document) {
    throw new Error(`no document for ${url} (the verifier fetches nothing else)`);
  }
  if(fragment !== undefined) {
    document = dereferenceFragment(document, url);
  }
  return {contextUrl: null, documentUrl: url, document};
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
const output = {verified: false, error: null, status: {revocation: null, suspension: null}};
try {
  const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
  output.verified = result.verified;
  if(!result.verified) {
    const errors = [].concat(result.error || [], ...(result.results || []).map(r => r.error || []));
    output.error = errors.map(e => (e.errors || [e]).map(inner => inner.message).join('; ')).join('; ') ||
      (result.statusResult && result.statusResult.error && result.statusResult.error.message) || 'not verified';
  }
  for(const entry of (result.statusResult && result.statusResult.results) || []) {
    output.status[entry.credentialStatus.statusPurpose] = entry.status;
  }
} catch(error) {
  output.error = error.message;
}
process.stdout.write(JSON.stringify(output) + '\n');
