e.js
