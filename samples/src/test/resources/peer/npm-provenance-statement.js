// Runs the npm CLI's own provenance statement builder (libnpmpublish lib/provenance.js) with its
// Sigstore signing replaced by a stub that hands back the exact bytes npm would sign, and prints
// them. Arguments: the libnpmpublish folder, the subject as JSON ({name, digest: {sha512}}). The
// CI is whatever the environment says, read by ci-info as npm reads it.
'use strict'
const path = require('path')
const lib = process.argv[2]
const sigstore = require.resolve('sigstore', { paths: [lib] })
require.cache[sigstore] = {
  id: sigstore,
  filename: sigstore,
  loaded: true,
  exports: { attest: async (payload, payloadType) => ({ payload: payload.toString('utf8'), payloadType }) },
}
const { generateProvenance } = require(path.join(lib, 'lib', 'provenance.js'))
generateProvenance([JSON.parse(process.argv[3])], {})
  .then((signed) => console.log(JSON.stringify(signed)))
  .catch((e) => { console.error(e); process.exit(1) })
