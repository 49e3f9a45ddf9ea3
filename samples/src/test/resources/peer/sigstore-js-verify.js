// Runs @sigstore/verify (the version pinned in .ci/tools/package.json) offline on a list of
// cases and prints one JSON object: case id -> {outcome: pass|fail|error, message}.
// "fail" is a sigstore-js verification, policy or bundle validation error; "error" any other
// exception. Argument: a JSON file holding
// [{id, bundle, artifact?, trustedRoot, identity?, issuer?, publicKey?}] (paths, PEM text).
'use strict'
const fs = require('fs')
const crypto = require('crypto')
const tools = process.env.SIGSTORE_MODULES
const { bundleFromJSON } = require(`${tools}/@sigstore/bundle`)
const { TrustedRoot } = require(`${tools}/@sigstore/protobuf-specs`)
const { Verifier, toSignedEntity, toTrustMaterial } = require(`${tools}/@sigstore/verify`)

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const results = {}
for (const c of cases) {
  try {
    const root = TrustedRoot.fromJSON(JSON.parse(fs.readFileSync(c.trustedRoot, 'utf8')))
    const keyFinder = c.publicKey
      ? () => ({ publicKey: crypto.createPublicKey(c.publicKey), validFor: () => true })
      : undefined
    const verifier = new Verifier(toTrustMaterial(root, keyFinder))
    const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(c.bundle, 'utf8')))
    const artifact = c.artifact ? fs.readFileSync(c.artifact) : undefined
    const policy = c.identity
      ? { subjectAlternativeName: `^${escape(c.identity)}$`, extensions: { issuer: c.issuer } }
      : undefined
    verifier.verify(toSignedEntity(bundle, artifact), policy)
    results[c.id] = { outcome: 'pass', message: '' }
  } catch (e) {
    const known = ['VerificationError', 'PolicyError', 'ValidationError'].includes(e.name) ||
      /^(TLOG|CERTIFICATE|SIGNATURE|PUBLIC_KEY|TIMESTAMP|UNTRUSTED|TSA|INVALID|CHECKPOINT|INCLUSION|POLICY)/.test(e.code || '')
    results[c.id] = { outcome: known ? 'fail' : 'error', message: `${e.name}: ${e.message}` }
  }
}
console.log(JSON.stringify(results))
