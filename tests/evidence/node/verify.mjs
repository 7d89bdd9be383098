// Verify Open Badges 3.0 credentials with Digital Bazaar's libraries, fully offline.
// Usage: node verify.mjs OB_CONTEXT.json CREDENTIAL.json...
// Prints one JSON line per credential: {"file", "verified", "error"}.
import {readFileSync} from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import {CachedResolver} from '@digitalbazaar/did-io';
import {JsonLdDocumentLoader} from 'jsonld-document-loader';
import {contexts as vcContexts} from '@digitalbazaar/credentials-context';
import didContext from 'did-context';
import multikeyContext from '@digitalbazaar/multikey-context';

const [obContextFile, ...files] = process.argv.slice(2);
const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const keys = didKeyDriver();
keys.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
const resolver = new CachedResolver();
resolver.use(keys);

const loader = new JsonLdDocumentLoader();
loader.addStatic(OB_CONTEXT, JSON.parse(readFileSync(obContextFile, 'utf8')));
for(const [url, document] of vcContexts) {
  loader.addStatic(url, document);
}
loader.addStatic(didContext.constants.DID_CONTEXT_URL, didContext.contexts.get(
  didContext.constants.DID_CONTEXT_URL));
loader.addStatic(multikeyContext.constants.CONTEXT_URL, multikeyContext.contexts.get(
  multikeyContext.constants.CONTEXT_URL));
loader.setDidResolver(resolver);
const documentLoader = loader.build();

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
for(const file of files) {
  const credential = JSON.parse(readFileSync(file, 'utf8'));
  let line;
  try {
    // Dates are ours to judge; the check here is the proof and the issuer's key.
    const now = new Date(credential.validFrom);
    const result = await vc.verifyCredential({credential, suite, documentLoader, now});
    line = {file, verified: result.verified,
      error: result.verified ? null : String(result.error?.errors?.[0]?.message ??
        result.error?.message ?? result.error)};
  } catch(e) {
    line = {file, verified: false, error: String(e?.message ?? e)};
  }
  console.log(JSON.stringify(line));
}
