B.js
