f.js
