A1.js
