a.b.js
