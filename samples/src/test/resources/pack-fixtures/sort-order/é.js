é.js
