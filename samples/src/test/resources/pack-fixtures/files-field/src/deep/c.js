// not .mjs
