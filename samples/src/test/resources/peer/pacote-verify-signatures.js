// Asks the npm CLI's own fetcher, pacote, for a manifest with verifySignatures on, giving it the
// registry's keys the way `npm audit signatures` does (option `//<host><path>:_keys`), and prints
// what came of it as one JSON line. Environment: PACOTE (its folder), REGISTRY, KEYS (the
// /-/npm/v1/keys answer), SPEC (name@version), CACHE (a fresh cache folder).
'use strict'
const pacote = require(process.env.PACOTE)

const registry = process.env.REGISTRY
const url = new URL(registry)
const keys = JSON.parse(process.env.KEYS).keys.map((key) => ({
  ...key,
  pemkey: `-----BEGIN PUBLIC KEY-----\n${key.key}\n-----END PUBLIC KEY-----`,
}))
const opts = {
  registry,
  cache: process.env.CACHE,
  preferOnline: true,
  verifySignatures: true,
  [`//${url.host}${url.pathname}:_keys`]: keys,
}
pacote.manifest(process.env.SPEC, opts).then(
  (m) => console.log(JSON.stringify({ ok: true, id: m._id, integrity: m._integrity, signatures: m._signatures })),
  (e) => {
    console.log(JSON.stringify({ ok: false, code: e.code, message: e.message }))
    process.exitCode = 3
  }
)
