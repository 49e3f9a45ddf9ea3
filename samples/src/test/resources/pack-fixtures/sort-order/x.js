x.js
