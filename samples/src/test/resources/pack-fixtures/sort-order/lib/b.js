lib/b.js
