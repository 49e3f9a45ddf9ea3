a2.js
