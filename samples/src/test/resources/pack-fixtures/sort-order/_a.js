_a.js
