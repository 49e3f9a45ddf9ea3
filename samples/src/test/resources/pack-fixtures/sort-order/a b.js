a b.js
