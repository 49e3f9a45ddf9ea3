lib/a.js
